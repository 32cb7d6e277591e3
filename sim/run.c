// SPDX-License-Identifier: GPL-2.0-only
/*
 * The scenario runner for the model backend: executes the statements of a
 * parsed scenario on a fresh struct sim, checks the invariants after every
 * statement, and reports test points as TAP or JSON.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "sim/scenario_int.h"

#define SIM_PAGE_SIZE 4096UL

struct label {
	bool set;
	unsigned long pfn;
	unsigned int gen;
};

struct run {
	struct sim_scenario *sc;
	const struct sim_run_opts *o;
	struct sim *sim;
	int mm[SIM_MAX_NAMES];
	unsigned long addr[SIM_MAX_NAMES][SIM_MAX_NAMES];
	int handle[SIM_MAX_NAMES];
	struct label label[SIM_MAX_NAMES];
	struct sim_stmt *cur;
	int points, failed;
	/* Diagnostics of the point being built. */
	char diag[8][256];
	int ndiag;
	/* JSON: the points and log lines, as JSON text. */
	char *json;
	size_t json_len, json_cap;
	char *log;
	size_t log_len, log_cap;
};

static const char *const policies[] = { "latest", "v6.18", NULL };

const char *const *sim_policy_names(void)
{
	return policies;
}

bool sim_policy_known(const char *name)
{
	int i;

	for (i = 0; policies[i]; i++)
		if (!strcmp(name, policies[i]))
			return true;
	return false;
}

static void buf_add(char **buf, size_t *len, size_t *cap, const char *s)
{
	size_t n = strlen(s);

	if (*len + n + 1 > *cap) {
		*cap = (*len + n + 1) * 2;
		*buf = realloc(*buf, *cap);
		if (!*buf)
			abort();
	}
	memcpy(*buf + *len, s, n + 1);
	*len += n;
}

static void buf_add_json_string(char **buf, size_t *len, size_t *cap,
				const char *s)
{
	char tmp[8];

	buf_add(buf, len, cap, "\"");
	for (; *s; s++) {
		if (*s == '"' || *s == '\\') {
			tmp[0] = '\\';
			tmp[1] = *s;
			tmp[2] = 0;
		} else if ((unsigned char)*s < 0x20) {
			snprintf(tmp, sizeof(tmp), "\\u%04x", *s);
		} else {
			tmp[0] = *s;
			tmp[1] = 0;
		}
		buf_add(buf, len, cap, tmp);
	}
	buf_add(buf, len, cap, "\"");
}

/* A comment line: "# ..." in TAP, an entry of "log" in JSON. */
static void __attribute__((format(printf, 2, 3)))
note(struct run *r, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (r->o->format == SIM_FORMAT_TAP) {
		fprintf(r->o->out, "# %s\n", line);
		return;
	}
	if (r->log_len)
		buf_add(&r->log, &r->log_len, &r->log_cap, ",");
	buf_add_json_string(&r->log, &r->log_len, &r->log_cap, line);
}

static void __attribute__((format(printf, 2, 3)))
diag(struct run *r, const char *fmt, ...)
{
	va_list ap;

	if (r->ndiag == ARRAY_SIZE(r->diag))
		return;
	va_start(ap, fmt);
	vsnprintf(r->diag[r->ndiag++], sizeof(r->diag[0]), fmt, ap);
	va_end(ap);
}

static void point(struct run *r, bool ok)
{
	struct sim_stmt *st = r->cur;
	char head[600];
	int i;

	r->points++;
	if (!ok)
		r->failed++;
	if (r->o->format == SIM_FORMAT_TAP) {
		fprintf(r->o->out, "%s %d - %d: %s\n", ok ? "ok" : "not ok",
			r->points, st->line, st->text);
		for (i = 0; i < r->ndiag; i++)
			fprintf(r->o->out, "#   %s\n", r->diag[i]);
	} else {
		if (r->json_len)
			buf_add(&r->json, &r->json_len, &r->json_cap, ",");
		snprintf(head, sizeof(head),
			 "{\"n\":%d,\"line\":%d,\"ok\":%s,\"statement\":",
			 r->points, st->line, ok ? "true" : "false");
		buf_add(&r->json, &r->json_len, &r->json_cap, head);
		buf_add_json_string(&r->json, &r->json_len, &r->json_cap,
				    st->text);
		buf_add(&r->json, &r->json_len, &r->json_cap,
			",\"diagnostics\":[");
		for (i = 0; i < r->ndiag; i++) {
			if (i)
				buf_add(&r->json, &r->json_len, &r->json_cap,
					",");
			buf_add_json_string(&r->json, &r->json_len,
					    &r->json_cap, r->diag[i]);
		}
		buf_add(&r->json, &r->json_len, &r->json_cap, "]}");
	}
	r->ndiag = 0;
}

static void trace_cb(void *ctx, const char *msg)
{
	struct run *r = ctx;

	note(r, "%s: %s", r->cur ? r->cur->text : "", msg);
}

static void violation_cb(void *ctx, const struct sim_violation *v)
{
	struct run *r = ctx;

	if (v->pfn != ~0UL)
		diag(r, "invariant %s broken after line %d (page pfn %#lx): %s",
		     v->invariant, r->cur->line, v->pfn, v->msg);
	else
		diag(r, "invariant %s broken after line %d: %s", v->invariant,
		     r->cur->line, v->msg);
	point(r, false);
}

static unsigned long page_addr(struct run *r, int proc,
			       const struct sim_pref *ref, unsigned long idx)
{
	return r->addr[proc][ref->region] + idx * SIM_PAGE_SIZE;
}

static const char *kind_name(enum sim_pte_kind k)
{
	static const char *const names[] = { "none", "present",	  "zeropage",
					     "swap", "migration", "marker",
					     "other" };
	return names[k];
}

static void describe(struct run *r, const char *who,
		     const struct sim_pte_info *in)
{
	if (in->kind == SIM_PTE_PRESENT)
		diag(r,
		     "%s: %s pte %#llx pfn %#lx %s%s%s mapcount %d refcount %d",
		     who, kind_name(in->kind), (unsigned long long)in->pte,
		     in->pfn, in->writable ? "writable" : "readonly",
		     in->anon ? (in->exclusive ? " exclusive" : " !exclusive") :
				" not-anon",
		     in->ksm ? " ksm" : "", in->mapcount, in->refcount);
	else
		diag(r, "%s: %s pte %#llx%s", who, kind_name(in->kind),
		     (unsigned long long)in->pte,
		     in->kind == SIM_PTE_ZEROPAGE ?
			     (in->writable ? " writable" : " readonly") :
			     "");
}

static bool state_holds(int state, const struct sim_pte_info *in)
{
	bool mapped = in->kind == SIM_PTE_PRESENT ||
		      in->kind == SIM_PTE_ZEROPAGE;

	switch (state) {
	case SIM_STATE_PRESENT:
		return mapped;
	case SIM_STATE_SWAPPED:
		return in->kind == SIM_PTE_SWAP;
	case SIM_STATE_NONE:
		return in->kind == SIM_PTE_NONE;
	case SIM_STATE_ZEROPAGE:
		return in->kind == SIM_PTE_ZEROPAGE;
	case SIM_STATE_EXCLUSIVE:
		return in->kind == SIM_PTE_PRESENT && in->exclusive;
	case SIM_STATE_WRITABLE:
		return mapped && in->writable;
	case SIM_STATE_READONLY:
		return mapped && !in->writable;
	case SIM_STATE_KSM:
		return in->kind == SIM_PTE_PRESENT && in->ksm;
	case SIM_STATE_MARKER:
		return in->kind == SIM_PTE_MARKER;
	default:
		/* thp, poisoned: the model has neither THPs nor poison yet. */
		return false;
	}
}

/* The later work a statement needs, or NULL if the model implements it. */
static const char *not_implemented(const struct sim_stmt *st)
{
	switch (st->kind) {
	case SIM_ST_MMAP:
		if (st->backing != SIM_BACKING_ANON)
			return "shmem and file mappings (only anon, private "
			       "or shared, are modelled)";
		if (st->thp)
			return "THP mappings";
		return NULL;
	case SIM_ST_SWAPOUT:
	case SIM_ST_SWAPOFF:
		return "swap (issue 3)";
	case SIM_ST_MIGRATE:
		return "migration (issue 3)";
	case SIM_ST_KSM:
		return "KSM (issue 3)";
	case SIM_ST_SPLIT:
		return "THP split";
	case SIM_ST_UFFD_WP:
		return "userfaultfd write-protect";
	case SIM_ST_POISON:
	case SIM_ST_POISON_TABLE:
		return "memory failure";
	case SIM_ST_MADVISE:
		switch (st->advice) {
		case MADV_PAGEOUT:
		case MADV_COLD:
			return "swap (issue 3)";
		case MADV_MERGEABLE:
		case MADV_UNMERGEABLE:
			return "KSM (issue 3)";
		case MADV_HUGEPAGE:
		case MADV_NOHUGEPAGE:
		case 25:
			return "THP";
		}
		return NULL;
	default:
		return NULL;
	}
}

/* Run one operation; returns 0, -errno or -signal. */
static int do_op(struct run *r, struct sim_stmt *st)
{
	struct sim *sim = r->sim;
	int mm = r->mm[st->proc];
	unsigned long a;
	uint64_t v;
	int i, ret = 0, h;

	switch (st->kind) {
	case SIM_ST_MMAP:
		ret = sim_mmap(sim, mm, st->npages, st->prot, st->shared, &a);
		if (!ret)
			r->addr[st->proc][st->region] = a;
		return ret;
	case SIM_ST_MUNMAP:
	case SIM_ST_MPROTECT:
	case SIM_ST_MADVISE:
		for (i = 0; i < st->nrefs && !ret; i++) {
			const struct sim_pref *ref = &st->refs[i];
			unsigned long n = ref->last - ref->first + 1;

			a = page_addr(r, st->proc, ref, ref->first);
			if (st->kind == SIM_ST_MUNMAP)
				ret = sim_munmap(sim, mm, a, n);
			else if (st->kind == SIM_ST_MPROTECT)
				ret = sim_mprotect(sim, mm, a, n, st->prot);
			else
				ret = sim_madvise(sim, mm, a, n, st->advice);
		}
		return ret;
	case SIM_ST_WRITE:
		ret = sim_store(sim, mm,
				page_addr(r, st->proc, &st->refs[0],
					  st->refs[0].first),
				st->value);
		return ret > 0 ? SIM_SIGNAL_ERR(ret) : ret;
	case SIM_ST_READ:
		ret = sim_load(sim, mm,
			       page_addr(r, st->proc, &st->refs[0],
					 st->refs[0].first),
			       &v);
		if (!ret)
			note(r, "%s = %#llx", st->text, (unsigned long long)v);
		return ret > 0 ? SIM_SIGNAL_ERR(ret) : ret;
	case SIM_ST_FORK:
		ret = sim_fork(sim, mm);
		if (ret < 0)
			return ret;
		r->mm[st->proc2] = ret;
		memcpy(r->addr[st->proc2], r->addr[st->proc],
		       sizeof(r->addr[0]));
		sim_check_fork(sim, mm, ret, violation_cb, r);
		return 0;
	case SIM_ST_EXIT:
		return sim_exit(sim, mm);
	case SIM_ST_PIN:
		if (r->handle[st->handle] >= 0) {
			diag(r, "handle %s is still held",
			     r->sc->handles[st->handle]);
			return -EBUSY;
		}
		h = sim_gup(sim, mm,
			    page_addr(r, st->proc, &st->refs[0],
				      st->refs[0].first),
			    st->gup_how);
		if (h < 0)
			return h;
		r->handle[st->handle] = h;
		return 0;
	case SIM_ST_UNPIN:
		ret = sim_unpin(sim, r->handle[st->handle]);
		if (!ret)
			r->handle[st->handle] = -1;
		return ret;
	case SIM_ST_DMA_WRITE:
		return sim_dma_write(sim, r->handle[st->handle], st->value);
	default:
		return -EINVAL;
	}
}

static void show_line(void *ctx, const char *line)
{
	note(ctx, "%s", line);
}

/* Returns false if the scenario must stop. */
static bool run_statement(struct run *r, struct sim_stmt *st)
{
	struct sim_pte_info in, in2;
	const char *later;
	unsigned long a;
	uint64_t v;
	bool ok;
	int ret;

	switch (st->kind) {
	case SIM_ST_TITLE:
	case SIM_ST_REQUIRES:
	case SIM_ST_POLICY:
		return true;
	case SIM_ST_CHECK:
		/* A point of its own: ok when no invariant is broken. */
		if (!sim_check(r->sim, violation_cb, r))
			point(r, true);
		return true;
	case SIM_ST_SHOW:
		sim_show(r->sim, show_line, r);
		return true;
	case SIM_ST_LABEL:
		sim_query(r->sim, r->mm[st->proc],
			  page_addr(r, st->proc, &st->refs[0],
				    st->refs[0].first),
			  &in);
		if (in.kind != SIM_PTE_PRESENT && in.kind != SIM_PTE_ZEROPAGE) {
			describe(r, "nothing to label", &in);
			point(r, false);
			return true;
		}
		r->label[st->label] = (struct label){ .set = true,
						      .pfn = in.pfn,
						      .gen = in.gen };
		return true;
	case SIM_ST_EXPECT_VALUE:
		if (!sim_process_alive(r->sim, r->mm[st->proc])) {
			diag(r, "process %s is dead", r->sc->procs[st->proc]);
			point(r, false);
			return true;
		}
		a = page_addr(r, st->proc, &st->refs[0], st->refs[0].first);
		ret = sim_load(r->sim, r->mm[st->proc], a, &v);
		if (ret) {
			diag(r, "the load raised %s",
			     sim_err_name(SIM_SIGNAL_ERR(ret)));
			point(r, false);
			return true;
		}
		ok = (v == st->value) != st->negate;
		if (!ok)
			diag(r, "loaded %#llx", (unsigned long long)v);
		point(r, ok);
		return true;
	case SIM_ST_EXPECT_HANDLE:
		ret = sim_dma_read(r->sim, r->handle[st->handle], &v);
		if (ret) {
			diag(r, "handle %s is not held",
			     r->sc->handles[st->handle]);
			point(r, false);
			return true;
		}
		ok = (v == st->value) != st->negate;
		if (!ok)
			diag(r, "read %#llx through the handle",
			     (unsigned long long)v);
		point(r, ok);
		return true;
	case SIM_ST_EXPECT_STATE:
	case SIM_ST_EXPECT_MAPCOUNT:
	case SIM_ST_EXPECT_SAME:
	case SIM_ST_EXPECT_IS:
		sim_query(r->sim, r->mm[st->proc],
			  page_addr(r, st->proc, &st->refs[0],
				    st->refs[0].first),
			  &in);
		if (st->kind == SIM_ST_EXPECT_STATE) {
			ok = state_holds(st->state, &in) != st->negate;
		} else if (st->kind == SIM_ST_EXPECT_MAPCOUNT) {
			ok = in.kind == SIM_PTE_PRESENT &&
			     (uint64_t)in.mapcount == st->value;
		} else if (st->kind == SIM_ST_EXPECT_SAME) {
			sim_query(r->sim, r->mm[st->proc2],
				  page_addr(r, st->proc2, &st->ref2,
					    st->ref2.first),
				  &in2);
			ok = (in.kind == SIM_PTE_PRESENT ||
			      in.kind == SIM_PTE_ZEROPAGE) &&
			     in.kind == in2.kind && in.pfn == in2.pfn;
			ok = ok != st->negate;
			if (!ok)
				describe(r, r->sc->procs[st->proc2], &in2);
		} else {
			struct label *l = &r->label[st->label];

			ok = (in.kind == SIM_PTE_PRESENT ||
			      in.kind == SIM_PTE_ZEROPAGE) &&
			     in.pfn == l->pfn && in.gen == l->gen;
			ok = ok != st->negate;
			if (!ok)
				diag(r, "label %s is pfn %#lx",
				     r->sc->labels[st->label], l->pfn);
		}
		if (!ok)
			describe(r, r->sc->procs[st->proc], &in);
		point(r, ok);
		return true;
	case SIM_ST_EXPECT_ALIVE:
		ok = sim_process_alive(r->sim, r->mm[st->proc]) != st->negate;
		point(r, ok);
		return true;
	default:
		break;
	}

	later = not_implemented(st);
	if (later) {
		diag(r, "not implemented yet in the model: %s", later);
		point(r, false);
		note(r, "stopping at line %d: the rest depends on it",
		     st->line);
		return false;
	}
	ret = do_op(r, st);
	if (st->has_expect_err) {
		ok = ret == st->expect_err;
		if (!ok)
			diag(r, "expected %s, got %s",
			     sim_err_name(st->expect_err),
			     ret ? sim_err_name(ret) : "success");
		point(r, ok);
	} else if (ret) {
		diag(r, "failed: %s", sim_err_name(ret));
		point(r, false);
	}
	return true;
}

static const char *const model_caps[] = { "iouring", "vmsplice", "gup_test",
					  "root", NULL };

static const char *missing_cap(struct sim_scenario *sc)
{
	int i, j;

	for (i = 0; i < sc->nrequires; i++) {
		for (j = 0; model_caps[j]; j++)
			if (!strcmp(sc->requires[i], model_caps[j]))
				break;
		if (!model_caps[j])
			return sc->requires[i];
	}
	return NULL;
}

int sim_scenario_run(struct sim_scenario *sc, const struct sim_run_opts *o)
{
	struct run *r = calloc(1, sizeof(*r));
	const char *missing = missing_cap(sc);
	int i, status;

	if (!r)
		abort();
	r->sc = sc;
	r->o = o;
	if (missing) {
		if (o->format == SIM_FORMAT_TAP)
			fprintf(o->out,
				"1..0 # SKIP missing %s (not in the "
				"model yet)\n",
				missing);
		else
			fprintf(o->out,
				"{\"file\":\"%s\",\"skip\":\"missing %s\","
				"\"points\":[]}\n",
				sc->path, missing);
		free(r);
		return 0;
	}
	r->sim = sim_create();
	for (i = 0; i < SIM_MAX_NAMES; i++) {
		r->mm[i] = -1;
		r->handle[i] = -1;
	}
	r->mm[0] = 0;
	if (o->trace)
		sim_set_trace(r->sim, trace_cb, r);
	if (o->format == SIM_FORMAT_TAP) {
		fprintf(o->out, "TAP version 13\n");
		fprintf(o->out, "# %s: %s\n", sc->path,
			sc->title ? sc->title : "(no title)");
	}

	for (i = 0; i < sc->nstmts; i++) {
		bool go_on;

		r->cur = &sc->stmts[i];
		go_on = run_statement(r, r->cur);
		sim_check(r->sim, violation_cb, r);
		if (!go_on)
			break;
	}

	if (i == sc->nstmts) {
		unsigned long leaked;

		/* The end: tear everything down; nothing may be left. */
		sim_set_trace(r->sim, NULL, NULL);
		leaked = sim_teardown(r->sim);
		sim_check(r->sim, violation_cb, r);
		if (leaked) {
			diag(r,
			     "leak: %lu pages still allocated after every "
			     "process exited and every handle was released",
			     leaked);
			point(r, false);
		}
	}
	sim_set_trace(r->sim, NULL, NULL);
	if (o->format == SIM_FORMAT_TAP) {
		fprintf(o->out, "1..%d\n", r->points);
	} else {
		fprintf(o->out, "{\"file\":");
		buf_add(&r->json, &r->json_len, &r->json_cap, "");
		{
			char *s = NULL;
			size_t l = 0, c = 0;

			buf_add_json_string(&s, &l, &c, sc->path);
			buf_add(&s, &l, &c, ",\"title\":");
			buf_add_json_string(&s, &l, &c,
					    sc->title ? sc->title : "");
			fprintf(o->out,
				"%s,\"failed\":%d,\"points\":[%s],"
				"\"log\":[%s]}\n",
				s, r->failed, r->json ? r->json : "",
				r->log ? r->log : "");
			free(s);
		}
	}
	status = r->failed ? 1 : 0;
	sim_destroy(r->sim);
	free(r->json);
	free(r->log);
	free(r);
	return status;
}
