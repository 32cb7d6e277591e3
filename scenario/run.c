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

#include "harness/policy.h"
#include "scenario/frames.h"
#include "scenario/internal.h"
#include "scenario/statements.h"

#define SIM_PAGE_SIZE 4096UL

struct run {
	struct sim_scenario *sc;
	const struct sim_run_opts *o;
	struct be_state be[2];
	int nbe;
	struct sim_stmt *cur;
	unsigned int properties;
	unsigned long copies;
	int disagreed; /* points where the backends disagreed */
	/* The point being built is a SKIP: "WORD on BACKEND: why". */
	char cur_skip[160];
	char cur_skip_word[48];
	const char *skip_why;
	/*
	 * --backend both on a kernel that lacks a facility the file
	 * requires: the model half runs alone, and every point says that
	 * the kernel half was skipped: "missing CAP" on "kernel: why", and
	 * half_what is "missing CAP on kernel (why)" for the other messages.
	 */
	char half_word[48];
	char half_skip[160];
	char half_what[200];
	int points, failed;
	/* A broken backend was reported (in a not ok point of its own). */
	bool broken_reported;
	/*
	 * --backend both: the kernel could not perform a statement and the
	 * file stopped there, so what followed was never compared.
	 */
	bool kernel_cut_short;
	/* Diagnostics of the point being built. */
	char diag[12][256];
	int ndiag;
	/* JSON: the points and log lines, as JSON text. */
	char *json;
	size_t json_len, json_cap;
	char *log;
	size_t log_len, log_cap;
	/* --html/--svg: the frame of the statement being run. */
	struct sim_frame *frame;
};

bool sim_policy_known(const char *name)
{
	struct sim_policy p;
	char err[160];

	return !sim_policy_parse(name, &p, err, sizeof(err));
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

/*
 * @s as a JSON string, valid whatever the bytes: '"' and '\\' escaped,
 * control characters as \\u00XX, valid UTF-8 copied, and each byte of an
 * invalid sequence (a file name from the command line may have any) as
 * U+FFFD.
 */
static void buf_add_json_string(char **buf, size_t *len, size_t *cap,
				const char *s)
{
	char tmp[8];
	size_t n;

	buf_add(buf, len, cap, "\"");
	for (; *s; s += n) {
		unsigned char c = (unsigned char)*s;

		n = 1;
		if (c == '"' || c == '\\') {
			tmp[0] = '\\';
			tmp[1] = (char)c;
			tmp[2] = 0;
		} else if (c < 0x20 || c == 0x7f) {
			snprintf(tmp, sizeof(tmp), "\\u%04x", c);
		} else if (c < 0x80) {
			tmp[0] = (char)c;
			tmp[1] = 0;
		} else {
			/* Stops at the NUL: reading 4 bytes is safe. */
			n = sim_utf8_len(s, 4);
			if (n) {
				memcpy(tmp, s, n);
				tmp[n] = 0;
			} else {
				memcpy(tmp, "\\ufffd", 7);
				n = 1;
			}
		}
		buf_add(buf, len, cap, tmp);
	}
	buf_add(buf, len, cap, "\"");
}

void sim_json_string(FILE *f, const char *s)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;

	buf_add_json_string(&buf, &len, &cap, s);
	fputs(buf, f);
	free(buf);
}

/* A line of the current frame's text, if frames are kept. */
static void __attribute__((format(printf, 2, 3)))
frame_text(struct run *r, const char *fmt, ...)
{
	struct sim_frame *f = r->frame;
	char line[640];
	va_list ap;
	int n;

	if (!f)
		return;
	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line))
		n = sizeof(line) - 1;
	if (f->text_len + (size_t)n + 2 > f->text_cap) {
		size_t cap = 2 * (f->text_cap + (size_t)n + 2);
		char *t = realloc(f->text, cap);

		if (!t)
			abort();
		f->text = t;
		f->text_cap = cap;
	}
	memcpy(f->text + f->text_len, line, (size_t)n);
	f->text_len += (size_t)n;
	f->text[f->text_len++] = '\n';
	f->text[f->text_len] = 0;
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
	frame_text(r, "# %s", line);
	if (r->o->format == SIM_FORMAT_TAP) {
		fprintf(r->o->out, "# %s\n", line);
		return;
	}
	if (r->log_len)
		buf_add(&r->log, &r->log_len, &r->log_cap, ",");
	buf_add_json_string(&r->log, &r->log_len, &r->log_cap, line);
}

/* A '#' line under the current point; the extra ones are dropped. */
void sim_run_diag(struct run *r, const char *fmt, ...)
{
	va_list ap;

	if (r->ndiag == ARRAY_SIZE(r->diag))
		return;
	va_start(ap, fmt);
	vsnprintf(r->diag[r->ndiag++], sizeof(r->diag[0]), fmt, ap);
	va_end(ap);
}

const struct sim_scenario *sim_run_scenario(struct run *r)
{
	return r->sc;
}

/* The policy the model half follows: --policy, the file's, the target's. */
const char *sim_run_policy(struct run *r)
{
	const char *policy = r->o->policy;

	if (!policy)
		policy = r->sc->policy;
	if (!policy)
		policy = r->o->default_policy;
	return policy ? policy : SIM_POLICY_DEFAULT;
}

/*
 * The backend that broke (the scenario's time limit ran out, say), if it
 * has not been reported yet: the statement that broke it fails with one
 * not ok, which says why, where and with what errno.  What else the
 * statement's point would have said (the backends disagree, a page reads
 * as none) only follows from the breakage, and is dropped.
 */
static bool report_broken(struct run *r)
{
	struct sim_stmt *st = r->cur;
	int i;

	if (r->broken_reported)
		return false;
	for (i = 0; i < r->nbe; i++) {
		struct sim_backend *b = r->be[i].b;

		if (!b->broken)
			continue;
		r->broken_reported = true;
		r->ndiag = 0;
		r->cur_skip[0] = 0;
		sim_run_diag(r, "%s backend broken: %s at %s:%d (%s): %s",
			     r->be[i].name, sim_err_name(b->broken_err ?: -EIO),
			     r->sc->path, st->line, sim_stmt_text(r->sc, st),
			     b->broken);
		return true;
	}
	return false;
}

static void point(struct run *r, bool ok)
{
	struct sim_stmt *st = r->cur;
	char head[600];
	bool todo;
	int i;

	if (report_broken(r))
		ok = false;
	if (r->half_skip[0] && !r->cur_skip[0]) {
		/* Never on a not ok: TAP would count it as skipped. */
		if (ok) {
			snprintf(r->cur_skip_word, sizeof(r->cur_skip_word),
				 "%s", r->half_word);
			snprintf(r->cur_skip, sizeof(r->cur_skip), "%s",
				 r->half_skip);
		} else {
			sim_run_diag(r, "the kernel half did not run: %s",
				     r->half_what);
		}
	}
	/*
	 * A file with 'todo': TAP's TODO directive, as git's
	 * test_expect_failure.  A failing point does not fail the run; a
	 * passing one says the breakage is gone.  A SKIP keeps its own
	 * directive.
	 */
	todo = r->sc->todo && !r->cur_skip[0];
	r->points++;
	if (!ok && !todo)
		r->failed++;
	if (r->frame) {
		r->frame->failed |= !ok;
		frame_text(r, "%s %d - %s%s%s%s%s", ok ? "ok" : "not ok",
			   r->points, sim_stmt_text(r->sc, st),
			   r->cur_skip[0] ? " # SKIP " : "",
			   r->cur_skip[0] ? r->cur_skip_word : "",
			   r->cur_skip[0] ? " on " : "", r->cur_skip);
		for (i = 0; i < r->ndiag; i++)
			frame_text(r, "#   %s", r->diag[i]);
	}
	if (r->o->format == SIM_FORMAT_TAP) {
		fprintf(r->o->out, "%s %d - %d: %s%s%s%s%s%s%s\n",
			ok ? "ok" : "not ok", r->points, st->line,
			sim_stmt_text(r->sc, st),
			r->cur_skip[0] ? " # SKIP " : "",
			r->cur_skip[0] ? r->cur_skip_word : "",
			r->cur_skip[0] ? " on " : "", r->cur_skip,
			todo ? " # TODO " : "", todo ? r->sc->todo : "");
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
				    sim_stmt_text(r->sc, st));
		if (r->cur_skip[0]) {
			/* What TAP's SKIP directive says. */
			snprintf(head, sizeof(head), "%s on %s",
				 r->cur_skip_word, r->cur_skip);
			buf_add(&r->json, &r->json_len, &r->json_cap,
				",\"skip\":");
			buf_add_json_string(&r->json, &r->json_len,
					    &r->json_cap, head);
		}
		if (todo) {
			/* What TAP's TODO directive says. */
			buf_add(&r->json, &r->json_len, &r->json_cap,
				",\"todo\":");
			buf_add_json_string(&r->json, &r->json_len,
					    &r->json_cap, r->sc->todo);
		}
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
	r->cur_skip[0] = 0;
	memcpy(r->cur_skip_word, "unobservable", 13);
}

static void trace_cb(void *ctx, const char *msg)
{
	struct run *r = ctx;

	if (!r->o->trace) {
		/* Frames keep the kernel paths even without --trace. */
		frame_text(r, "# %s", msg);
		return;
	}
	note(r, "%s: %s", r->cur ? sim_stmt_text(r->sc, r->cur) : "", msg);
}

static void violation_cb(void *ctx, const struct sim_violation *v)
{
	static const unsigned int prop_bit[NR_SIM_VIOLATIONS] = {
		[SIM_V_PROP_LEAK] = SIM_PROP_LEAK,
		[SIM_V_PROP_STALE] = SIM_PROP_STALE,
		[SIM_V_PROP_LOST_WRITE] = SIM_PROP_LOST_WRITE,
	};
	struct run *r = ctx;

	if (sim_violation_is_property(v->id)) {
		r->properties |= prop_bit[v->id];
		sim_run_diag(r, "%s after line %d (page pfn %#lx): %s",
			     v->invariant, r->cur->line, v->pfn, v->msg);
		point(r, false);
		return;
	}
	if (v->pfn != ~0UL)
		sim_run_diag(
			r,
			"invariant %s broken after line %d (page pfn %#lx): %s",
			v->invariant, r->cur->line, v->pfn, v->msg);
	else
		sim_run_diag(r, "invariant %s broken after line %d: %s",
			     v->invariant, r->cur->line, v->msg);
	point(r, false);
}

/* A read statement says what it read. */
void sim_run_read_note(struct run *r, struct be_state *be,
		       const struct sim_stmt *st, uint64_t val)
{
	note(r, "%s%s%s = %#llx", r->nbe > 1 ? be->name : "",
	     r->nbe > 1 ? ": " : "", sim_stmt_text(r->sc, st),
	     (unsigned long long)val);
}

/* The invariants of a fork, checked on the backend that forked. */
void sim_run_check_fork(struct run *r, struct be_state *be, int parent,
			int child)
{
	const struct sim_backend_ops *ops = be->b->ops;

	if (ops->check_fork)
		ops->check_fork(be->b, parent, child, violation_cb, r);
}

unsigned long sim_page_addr(struct be_state *be, int proc,
			    const struct sim_pref *ref, unsigned long idx)
{
	return be->addr[proc][ref->region] + idx * SIM_PAGE_SIZE;
}

static const char *kind_name(enum sim_pte_kind k)
{
	static const char *const names[] = {
		"none",	     "present", "zeropage", "swap",
		"migration", "marker",	"other",    "hwpoison entry",
	};
	return names[k];
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
	case SIM_STATE_THP:
		return in->kind == SIM_PTE_PRESENT && in->thp;
	case SIM_STATE_PMD:
		return mapped && in->pmd;
	case SIM_STATE_UFFD_WP:
		return (mapped || in->kind == SIM_PTE_SWAP ||
			in->kind == SIM_PTE_MARKER) &&
		       in->uffd_wp;
	case SIM_STATE_SOFT_DIRTY:
		/* pagemap's bit 55: a present or a swap PTE. */
		return (mapped || in->kind == SIM_PTE_SWAP) && in->soft_dirty;
	case SIM_STATE_SWAPCACHE:
		/* A none PTE: its file page (shmem), swapped out. */
		return (in->kind == SIM_PTE_PRESENT ||
			in->kind == SIM_PTE_SWAP || in->kind == SIM_PTE_NONE) &&
		       in->swapcache;
	case SIM_STATE_POISONED:
		return in->kind == SIM_PTE_HWPOISON ||
		       ((in->kind == SIM_PTE_PRESENT ||
			 in->kind == SIM_PTE_ZEROPAGE) &&
			in->poisoned);
	default:
		return false;
	}
}

static void show_line(void *ctx, const char *line)
{
	note(ctx, "%s", line);
}

/*
 * One backend's answer to an expectation: whether it holds, what was
 * observed (compared across backends), or why it cannot be observed.
 */
struct verdict {
	bool holds;
	const char *unobservable;
	uint64_t key;
	char seen[200];
};

static void query(struct be_state *be, int proc, const struct sim_pref *ref,
		  struct sim_obs *obs)
{
	if (!be->b->ops->alive(be->b, be->proc[proc])) {
		memset(obs, 0, sizeof(*obs));
		return;
	}
	be->b->ops->query(be->b, be->proc[proc],
			  sim_page_addr(be, proc, ref, ref->first), obs);
}

static void obs_text(char *buf, size_t len, const struct sim_obs *o)
{
	const struct sim_pte_info *in = &o->info;

	if (in->kind == SIM_PTE_PRESENT)
		snprintf(buf, len, "present pfn %#lx %s%s%s%s mapcount %d",
			 in->pfn,
			 (o->unobservable & SIM_UNOBS_WRITABLE) ?
				 "write-bit-unknown" :
			 in->writable ? "writable" :
					"readonly",
			 in->anon ? (in->exclusive ? " exclusive" :
						     " !exclusive") :
				    " not-anon",
			 in->ksm ? " ksm" : "",
			 in->thp ? (in->pmd ? " thp pmd" : " thp") : "",
			 in->mapcount);
	else if (in->kind == SIM_PTE_ZEROPAGE && in->pmd)
		snprintf(buf, len, "zeropage pmd");
	else if (in->kind == SIM_PTE_NONE && in->swapcache)
		snprintf(buf, len, "none, the file page in the swap cache");
	else if (in->kind == SIM_PTE_SWAP)
		snprintf(buf, len, "swap offset %lu", in->swp_offset);
	else
		snprintf(buf, len, "%s", kind_name(in->kind));
}

static void evaluate(struct run *r, struct be_state *be, struct sim_stmt *st,
		     struct verdict *v)
{
	const struct sim_backend_ops *ops = be->b->ops;
	struct sim_obs o, o2;
	uint64_t val;
	int ret;

	memset(v, 0, sizeof(*v));
	switch (st->expect) {
	case SIM_EXPECT_VALUE:
		if (!ops->alive(be->b, be->proc[st->proc])) {
			snprintf(v->seen, sizeof(v->seen), "process %s is dead",
				 r->sc->procs[st->proc]);
			v->key = ~0ULL;
			return;
		}
		ret = ops->load(be->b, be->proc[st->proc],
				sim_page_addr(be, st->proc, &st->ref,
					      st->ref.first),
				&val);
		if (ret) {
			snprintf(v->seen, sizeof(v->seen), "the load raised %s",
				 sim_err_name(ret));
			v->key = (uint64_t)ret;
			return;
		}
		v->holds = (val == st->value) != st->negate;
		v->key = val;
		snprintf(v->seen, sizeof(v->seen), "loaded %#llx",
			 (unsigned long long)val);
		return;
	case SIM_EXPECT_HANDLE:
		ret = ops->dma_read(be->b, be->handle[st->handle], &val);
		if (ret) {
			snprintf(v->seen, sizeof(v->seen),
				 "handle %s is not held (%s)",
				 r->sc->handles[st->handle], sim_err_name(ret));
			v->key = (uint64_t)ret;
			return;
		}
		v->holds = (val == st->value) != st->negate;
		v->key = val;
		snprintf(v->seen, sizeof(v->seen), "read %#llx through %s",
			 (unsigned long long)val, r->sc->handles[st->handle]);
		return;
	case SIM_EXPECT_UFFD_FAULTS: {
		unsigned long n = 0;

		ret = ops->uffd_faults ?
			      ops->uffd_faults(be->b, be->proc[st->proc], &n) :
			      SIM_NOT_IMPLEMENTED_ERR;
		if (ret) {
			snprintf(v->seen, sizeof(v->seen),
				 "no count of uffd faults (%s)",
				 sim_err_name(ret));
			v->key = (uint64_t)ret;
			return;
		}
		v->holds = n == st->value;
		v->key = n;
		snprintf(v->seen, sizeof(v->seen), "%lu uffd faults", n);
		return;
	}
	case SIM_EXPECT_THP_COUNTER: {
		unsigned long n = 0;
		const char *why = NULL;

		ret = ops->thp_counter ?
			      ops->thp_counter(be->b, st->thp_counter >> 4,
					       st->thp_counter & 0xf, &n,
					       &why) :
			      SIM_NOT_IMPLEMENTED_ERR;
		if (ret == -EOPNOTSUPP && why) {
			v->unobservable = why;
			return;
		}
		if (ret) {
			snprintf(v->seen, sizeof(v->seen),
				 "no THP counter (%s)", sim_err_name(ret));
			v->key = (uint64_t)ret;
			return;
		}
		v->holds = n == st->value;
		v->key = n;
		snprintf(v->seen, sizeof(v->seen), "the counter grew by %lu",
			 n);
		return;
	}
	case SIM_EXPECT_SIGBUS: {
		unsigned long n = 0;

		ret = ops->sigbus_count ?
			      ops->sigbus_count(be->b, be->proc[st->proc],
						st->sig_code, &n) :
			      SIM_NOT_IMPLEMENTED_ERR;
		if (ret) {
			snprintf(v->seen, sizeof(v->seen),
				 "no count of SIGBUS signals (%s)",
				 sim_err_name(ret));
			v->key = (uint64_t)ret;
			return;
		}
		v->holds = n == st->value;
		v->key = n;
		snprintf(v->seen, sizeof(v->seen), "%lu SIGBUS%s%s caught", n,
			 st->sig_code ? ":" : "",
			 st->sig_code ? sim_sigbus_code_name(st->sig_code) :
					"");
		return;
	}
	case SIM_EXPECT_ALIVE:
		v->holds = ops->alive(be->b, be->proc[st->proc]) != st->negate;
		v->key = v->holds;
		snprintf(v->seen, sizeof(v->seen), "%s",
			 ops->alive(be->b, be->proc[st->proc]) ? "alive" :
								 "dead");
		return;
	default:
		break;
	}

	query(be, st->proc, &st->ref, &o);
	obs_text(v->seen, sizeof(v->seen), &o);
	switch (st->expect) {
	case SIM_EXPECT_STATE:
		if ((st->state == SIM_STATE_WRITABLE ||
		     st->state == SIM_STATE_READONLY) &&
		    (o.unobservable & SIM_UNOBS_WRITABLE))
			v->unobservable = o.why ? o.why : "the PTE write bit";
		if (st->state == SIM_STATE_SWAPCACHE &&
		    (o.unobservable & SIM_UNOBS_SWAPCACHE))
			v->unobservable = "whether a file page not mapped "
					  "here is in the swap cache "
					  "(cachestat(2) is v6.5+)";
		if (st->state == SIM_STATE_PMD &&
		    (o.unobservable & SIM_UNOBS_PMD))
			v->unobservable = "which page table maps it "
					  "(PAGEMAP_SCAN is v6.7+)";
		if (st->state == SIM_STATE_KSM &&
		    (o.unobservable & SIM_UNOBS_KSM))
			v->unobservable =
				"PageKsm (this kernel's KPF_KSM marks "
				"every anon page)";
		if (st->state == SIM_STATE_EXCLUSIVE &&
		    (o.unobservable & SIM_UNOBS_EXCLUSIVE))
			v->unobservable = o.why_exclusive ? o.why_exclusive :
					  o.why		  ? o.why :
							    "PageAnonExclusive";
		v->holds = state_holds(st->state, &o.info) != st->negate;
		v->key = v->holds;
		return;
	case SIM_EXPECT_MAPCOUNT:
		if (o.unobservable & SIM_UNOBS_MAPCOUNT)
			v->unobservable = o.why ? o.why : "the mapcount";
		v->holds = o.info.kind == SIM_PTE_PRESENT &&
			   (uint64_t)o.info.mapcount == st->value;
		v->key = o.info.kind == SIM_PTE_PRESENT ?
				 (uint64_t)o.info.mapcount :
				 ~0ULL;
		return;
	case SIM_EXPECT_ORDER:
		/* The folio of the mapped page has 2^N pages (0: small). */
		v->holds = o.info.kind == SIM_PTE_PRESENT &&
			   (uint64_t)o.info.order == st->value;
		v->key = o.info.kind == SIM_PTE_PRESENT ?
				 (uint64_t)o.info.order :
				 ~0ULL;
		return;
	case SIM_EXPECT_SWAP_OFFSET:
		/*
		 * The swap PTE's slot on its device (pagemap's swap offset,
		 * bits 5-54): where the swap allocator put the page.
		 */
		if (o.unobservable & SIM_UNOBS_SWAP_OFFSET)
			v->unobservable = "the swap offset on the machine's "
					  "own swap device, which every "
					  "process shares";
		v->holds = o.info.kind == SIM_PTE_SWAP &&
			   (uint64_t)o.info.swp_offset == st->value;
		v->key = o.info.kind == SIM_PTE_SWAP ?
				 (uint64_t)o.info.swp_offset :
				 ~0ULL;
		return;
	case SIM_EXPECT_SAME:
		query(be, st->proc2, sim_stmt_ref(r->sc, st, 1), &o2);
		if ((o.unobservable | o2.unobservable) & SIM_UNOBS_IDENTITY)
			v->unobservable = o.why ? o.why : "page identity";
		v->holds = (o.info.kind == SIM_PTE_PRESENT ||
			    o.info.kind == SIM_PTE_ZEROPAGE) &&
			   o.info.kind == o2.info.kind &&
			   o.info.pfn == o2.info.pfn;
		v->holds = v->holds != st->negate;
		v->key = v->holds;
		{
			size_t n = strlen(v->seen);

			snprintf(v->seen + n, sizeof(v->seen) - n,
				 "; %s: ", r->sc->procs[st->proc2]);
			n = strlen(v->seen);
			obs_text(v->seen + n, sizeof(v->seen) - n, &o2);
		}
		return;
	case SIM_EXPECT_IS: {
		struct label *l = &be->label[st->label];

		if (o.unobservable & SIM_UNOBS_IDENTITY)
			v->unobservable = o.why ? o.why : "page identity";
		if ((o.unobservable & SIM_UNOBS_LABEL) && l->set &&
		    o.info.pfn == l->pfn && o.info.gen == l->gen)
			v->unobservable = "whether the page on the label's PFN "
					  "is still the labelled one (ksmd "
					  "frees and allocates pages unseen "
					  "within one ksm statement)";
		v->holds = l->set &&
			   (o.info.kind == SIM_PTE_PRESENT ||
			    o.info.kind == SIM_PTE_ZEROPAGE) &&
			   o.info.pfn == l->pfn && o.info.gen == l->gen;
		v->holds = v->holds != st->negate;
		v->key = v->holds;
		{
			size_t n = strlen(v->seen);

			snprintf(v->seen + n, sizeof(v->seen) - n,
				 "; label %s is pfn %#lx",
				 r->sc->labels[st->label], l->pfn);
		}
		return;
	}
	default:
		return;
	}
}

void sim_run_expect(struct run *r, struct sim_stmt *st)
{
	struct verdict v[2];
	bool ok = true, agree = true;
	int i;

	for (i = 0; i < r->nbe; i++)
		evaluate(r, &r->be[i], st, &v[i]);
	if (r->nbe == 2 && !v[0].unobservable && !v[1].unobservable)
		agree = v[0].key == v[1].key && v[0].holds == v[1].holds;
	for (i = 0; i < r->nbe; i++)
		if (!v[i].unobservable && !v[i].holds)
			ok = false;
	if (!ok || !agree) {
		for (i = 0; i < r->nbe; i++)
			sim_run_diag(r, "%s%s%s",
				     r->nbe > 1 ? r->be[i].name : "",
				     r->nbe > 1 ? ": " : "", v[i].seen);
		if (!agree) {
			sim_run_diag(r, "the backends disagree");
			r->disagreed++;
		}
		point(r, false);
		return;
	}
	for (i = 0; i < r->nbe; i++) {
		if (v[i].unobservable) {
			/* Another backend observed it: that is the point. */
			if (r->nbe > 1 && !v[1 - i].unobservable)
				continue;
			snprintf(r->cur_skip, sizeof(r->cur_skip), "%s: %s",
				 r->be[i].name, v[i].unobservable);
		}
	}
	point(r, true);
}

void sim_run_label(struct run *r, struct sim_stmt *st)
{
	bool failed = false;
	struct sim_obs o;
	int i;

	for (i = 0; i < r->nbe; i++) {
		struct be_state *be = &r->be[i];

		query(be, st->proc, &st->ref, &o);
		if (o.info.kind != SIM_PTE_PRESENT &&
		    o.info.kind != SIM_PTE_ZEROPAGE) {
			char seen[200];

			obs_text(seen, sizeof(seen), &o);
			sim_run_diag(r, "%s%snothing to label: %s",
				     r->nbe > 1 ? be->name : "",
				     r->nbe > 1 ? ": " : "", seen);
			failed = true;
			continue;
		}
		be->label[st->label] = (struct label){ .set = true,
						       .pfn = o.info.pfn,
						       .gen = o.info.gen };
	}
	if (failed)
		point(r, false);
}

/* check: a point of its own, ok when no invariant is broken. */
void sim_run_check(struct run *r, struct sim_stmt *st)
{
	bool ok = true;
	int i;

	for (i = 0; i < r->nbe; i++)
		if (r->be[i].b->ops->check &&
		    r->be[i].b->ops->check(r->be[i].b, violation_cb, r))
			ok = false;
	if (ok)
		point(r, true);
}

void sim_run_show(struct run *r, struct sim_stmt *st)
{
	int i;

	for (i = 0; i < r->nbe; i++)
		if (r->be[i].b->ops->show)
			r->be[i].b->ops->show(r->be[i].b, show_line, r);
}

/* Returns false if the scenario must stop. */
/*
 * `=> SIGBUS` asks for the signal, not its code: the backends agree if
 * both raised it, whatever the codes.  The code of a memory error is a
 * kernel's configuration (arch/x86/mm/fault.c do_sigbus: BUS_MCEERR_AR
 * with CONFIG_MEMORY_FAILURE, BUS_ADRERR without, as on this host), which
 * the model, a 6.12 machine with it, does not follow.
 */
static bool same_signal_asked(const struct sim_stmt *st, const int *ret)
{
	return st->has_expect_err && sim_err_signal(st->expect_err) &&
	       !sim_err_sigcode(st->expect_err) &&
	       sim_err_signal(ret[0]) == sim_err_signal(st->expect_err) &&
	       sim_err_signal(ret[1]) == sim_err_signal(st->expect_err);
}

static bool run_statement(struct run *r, struct sim_stmt *st)
{
	const struct sim_stmt_def *d = sim_stmt_def(st->def);
	int ret[2] = { 0, 0 }, i;
	bool later = false, ok;

	if (d->run) {
		d->run(r, st);
		return true;
	}
	/* A header statement with nothing to perform. */
	if (!d->op)
		return true;
	for (i = 0; i < r->nbe; i++)
		ret[i] = d->op(r, &r->be[i], st);
	/* Later work, as the backend says: it fails, loudly, and stops. */
	for (i = 0; i < r->nbe; i++) {
		const char *name = r->be[i].name;

		if (ret[i] != SIM_NOT_IMPLEMENTED_ERR)
			continue;
		sim_run_diag(r, "not implemented yet in the %s%s: %s", name,
			     strcmp(name, "model") ? " backend" : "",
			     r->be[i].b->unsupported);
		later = true;
	}
	if (later) {
		point(r, false);
		note(r, "stopping at line %d: the rest depends on it",
		     st->line);
		return false;
	}
	for (i = 0; i < r->nbe; i++) {
		if (ret[i] != SIM_UNSUPPORTED_ERR)
			continue;
		snprintf(r->cur_skip, sizeof(r->cur_skip), "%s: %s",
			 r->be[i].name,
			 r->be[i].b->unsupported ?
				 r->be[i].b->unsupported :
				 "this statement is not supported");
		memcpy(r->cur_skip_word, "unsupported", 12);
		point(r, true);
		note(r, "stopping at line %d: the rest depends on it",
		     st->line);
		if (r->nbe == 2 && strcmp(r->be[i].name, "model")) {
			note(r, "to run the model alone where a kernel lacks "
				"a facility, name it in a 'requires' line "
				"(docs/kernel-backend.md)");
			r->kernel_cut_short = true;
		}
		return false;
	}
	if (r->nbe == 2 && !sim_err_matches(ret[0], ret[1]) &&
	    !sim_err_matches(ret[1], ret[0]) && !same_signal_asked(st, ret)) {
		sim_run_diag(r, "%s: %s, %s: %s", r->be[0].name,
			     ret[0] ? sim_err_name(ret[0]) : "success",
			     r->be[1].name,
			     ret[1] ? sim_err_name(ret[1]) : "success");
		sim_run_diag(r, "the backends disagree");
		r->disagreed++;
		point(r, false);
		return true;
	}
	if (st->has_expect_err) {
		ok = sim_err_matches(st->expect_err, ret[0]);
		if (!ok)
			sim_run_diag(r, "expected %s, got %s",
				     sim_err_name(st->expect_err),
				     ret[0] ? sim_err_name(ret[0]) : "success");
		point(r, ok);
	} else if (ret[0]) {
		sim_run_diag(r, "failed: %s", sim_err_name(ret[0]));
		point(r, false);
	}
	return true;
}

/*
 * A backend broke (its time limit ran out): the statement fails, once
 * (point() may have reported it already), and the file stops.
 */
/* The check after a statement, as --check says. */
static void check_after_statement(struct run *r, struct sim_backend *b)
{
	int (*check)(struct sim_backend *, sim_violation_fn, void *) =
		b->ops->check;

	if (r->o->check == SIM_CHECK_OFF)
		return;
	if (r->o->check == SIM_CHECK_CHANGED && b->ops->check_changed)
		check = b->ops->check_changed;
	if (check)
		check(b, violation_cb, r);
}

static bool stop_broken(struct run *r)
{
	int i;

	for (i = 0; i < r->nbe; i++) {
		if (!r->be[i].b->broken)
			continue;
		if (!r->broken_reported)
			point(r, false);
		note(r, "stopping at line %d", r->cur->line);
		return true;
	}
	return false;
}

static int open_backends(struct run *r, const char **why)
{
	struct sim_backend *b;
	int i, j;

	if (r->o->backend != SIM_BACKEND_KERNEL) {
		b = sim_backend_model_create(sim_run_policy(r));
		r->be[r->nbe].b = b;
		r->be[r->nbe++].name = "model";
	}
	if (r->o->backend != SIM_BACKEND_MODEL) {
		if (!r->o->kernel_create) {
			*why = "the kernel backend is not built into this "
			       "program";
			return -1;
		}
		b = r->o->kernel_create(why);
		if (!b)
			return -1;
		r->be[r->nbe].b = b;
		r->be[r->nbe++].name = "kernel";
	}
	for (i = 0; i < r->nbe; i++) {
		struct be_state *be = &r->be[i];

		for (j = 0; j < SIM_MAX_NAMES; j++) {
			be->proc[j] = -1;
			be->handle[j] = -1;
		}
		be->proc[0] = be->b->ops->first_process(be->b);
		if ((r->o->trace || r->o->frames) && be->b->ops->set_trace)
			be->b->ops->set_trace(be->b, trace_cb, r);
	}
	return 0;
}

/*
 * The first facility the file requires that a backend lacks, and which
 * backend (the model first: without it nothing runs).
 */
static const char *missing_cap(struct run *r, const char **backend)
{
	struct sim_scenario *sc = r->sc;
	const char *why;
	int i, j;

	for (j = 0; j < r->nbe; j++)
		for (i = 0; i < sc->nrequires; i++) {
			why = r->be[j].b->ops->missing_cap(r->be[j].b,
							   sc->requires[i]);
			if (why) {
				*backend = r->be[j].name;
				r->skip_why = why;
				return sim_cap_name(sc->requires[i]);
			}
		}
	return NULL;
}

/*
 * --backend both, and the kernel lacks @cap: the model's answers are
 * still worth having.  The kernel backend goes; the model runs alone and
 * each of its points says what was skipped on the kernel.
 */
static void skip_kernel_half(struct run *r, const char *cap)
{
	struct be_state *kbe = &r->be[1];

	snprintf(r->half_word, sizeof(r->half_word), "missing %s", cap);
	snprintf(r->half_skip, sizeof(r->half_skip), "%s: %s", kbe->name,
		 r->skip_why);
	snprintf(r->half_what, sizeof(r->half_what), "missing %s on %s (%s)",
		 cap, kbe->name, r->skip_why);
	kbe->b->ops->destroy(kbe->b);
	memset(kbe, 0, sizeof(*kbe));
	r->nbe = 1;
}

static void print_skip_all(struct run *r, const char *cap, const char *be)
{
	const struct sim_run_opts *o = r->o;

	if (o->format == SIM_FORMAT_TAP) {
		fprintf(o->out, "1..0 # SKIP missing %s on %s (%s)\n", cap, be,
			r->skip_why);
		return;
	}
	fprintf(o->out, "{\"file\":");
	{
		char *s = NULL;
		size_t l = 0, c = 0;

		buf_add_json_string(&s, &l, &c, r->sc->path);
		fprintf(o->out,
			"%s,\"skip\":\"missing %s on %s\",\"points\":[]}\n", s,
			cap, be);
		free(s);
	}
}

static void finish(struct run *r, bool completed)
{
	int i;

	for (i = 0; i < r->nbe; i++) {
		struct sim_backend *b = r->be[i].b;
		unsigned long leaked;

		if (b->ops->copies && !r->copies)
			r->copies = b->ops->copies(b);
		if (b->ops->set_trace)
			b->ops->set_trace(b, NULL, NULL);
		/* The end: tear everything down; nothing may be left. */
		leaked = b->ops->teardown(b);
		if (!completed)
			continue;
		if (b->ops->check)
			b->ops->check(b, violation_cb, r);
		if (leaked) {
			sim_run_diag(
				r,
				"leak on %s: %lu pages still allocated after "
				"every process exited and every handle was "
				"released",
				r->be[i].name, leaked);
			point(r, false);
		}
	}
}

/* A new frame, for the statement @st (NULL: the start). */
static void frame_begin(struct run *r, const struct sim_stmt *st)
{
	struct sim_frames *fs = r->o->frames;
	struct sim_frame *f;

	if (!fs)
		return;
	if (fs->n == fs->cap) {
		unsigned int cap = fs->cap ? 2 * fs->cap : 16;
		struct sim_frame *v = realloc(fs->v, cap * sizeof(*v));

		if (!v)
			abort();
		fs->v = v;
		fs->cap = cap;
	}
	f = &fs->v[fs->n++];
	memset(f, 0, sizeof(*f));
	f->line = st ? st->line : 0;
	f->stmt = st ? sim_stmt_text(r->sc, st) : "";
	r->frame = f;
}

/*
 * The state after the statement: each backend's view of every page of
 * every region of every live process, and the handles held (the first
 * backend's processes and regions name them).
 */
static void frame_end(struct run *r)
{
	struct sim_frame *f = r->frame;
	struct be_state *be0 = &r->be[0];
	unsigned int p, g, i, cap = 0;
	int h, k;

	if (!f)
		return;
	for (p = 0; p < (unsigned int)r->sc->nprocs && p < 64; p++) {
		if (be0->proc[p] < 0 ||
		    !be0->b->ops->alive(be0->b, be0->proc[p]))
			continue;
		f->alive[p] = true;
		for (g = 0; g < (unsigned int)r->sc->nregions; g++) {
			for (i = 0; i < be0->npages[p][g]; i++) {
				struct sim_frame_pte *e;

				if (f->nptes == cap) {
					cap = cap ? 2 * cap : 16;
					f->ptes = realloc(f->ptes,
							  cap * sizeof(*e));
					if (!f->ptes)
						abort();
				}
				e = &f->ptes[f->nptes++];
				memset(e, 0, sizeof(*e));
				e->proc = (unsigned char)p;
				e->region = (unsigned char)g;
				e->idx = (unsigned short)i;
				e->addr = be0->addr[p][g] + i * SIM_PAGE_SIZE;
				for (k = 0; k < r->nbe && k < 2; k++) {
					struct be_state *be = &r->be[k];

					e->ret[k] = be->b->ops->query(
						be->b, be->proc[p],
						be->addr[p][g] +
							i * SIM_PAGE_SIZE,
						&e->obs[k]);
				}
			}
		}
	}
	for (h = 0; h < r->sc->nhandles; h++) {
		if (be0->handle[h] < 0 || !be0->b->ops->pin_query)
			continue;
		f->pins = realloc(f->pins, (f->npins + 1) * sizeof(*f->pins));
		if (!f->pins)
			abort();
		f->pins[f->npins].handle = (unsigned char)h;
		f->pins[f->npins].ret = be0->b->ops->pin_query(
			be0->b, be0->handle[h], &f->pins[f->npins].info);
		f->npins++;
	}
	r->frame = NULL;
}

int sim_scenario_run(struct sim_scenario *sc, const struct sim_run_opts *o)
{
	struct run *r = calloc(1, sizeof(*r));
	const char *missing, *be_name = NULL, *why = NULL;
	int i, status;

	if (!r)
		abort();
	r->sc = sc;
	r->o = o;
	memcpy(r->cur_skip_word, "unobservable", 13);
	if (o->result)
		memset(o->result, 0, sizeof(*o->result));
	if (open_backends(r, &why)) {
		if (o->format == SIM_FORMAT_TAP)
			fprintf(o->out, "1..0 # SKIP kernel backend: %s\n",
				why);
		else
			fprintf(o->out, "{\"skip\":\"kernel backend: %s\"}\n",
				why);
		if (o->result)
			o->result->skipped = o->result->kernel_skipped = true;
		status = 0;
		goto out;
	}
	missing = missing_cap(r, &be_name);
	if (missing && r->nbe == 2 && !strcmp(be_name, "kernel")) {
		skip_kernel_half(r, missing);
		missing = NULL;
	}
	if (missing) {
		print_skip_all(r, missing, be_name);
		if (o->result)
			o->result->skipped = o->result->kernel_skipped = true;
		status = 0;
		goto out;
	}
	if (o->format == SIM_FORMAT_TAP) {
		fprintf(o->out, "TAP version 13\n");
		fprintf(o->out, "# %s: %s\n", sc->path,
			sc->title ? sc->title : "(no title)");
	}
	if (r->half_skip[0])
		note(r, "the kernel half is skipped, %s: the model runs alone",
		     r->half_what);

	if (o->frames) {
		o->frames->sc = sc;
		o->frames->nbe = r->nbe;
		for (i = 0; i < r->nbe && i < 2; i++)
			o->frames->be_name[i] = r->be[i].name;
		frame_begin(r, NULL);
		frame_end(r);
	}
	for (i = 0; i < sc->nstmts; i++) {
		bool go_on;
		int j;

		r->cur = &sc->stmts[i];
		frame_begin(r, r->cur);
		go_on = run_statement(r, r->cur);
		for (j = 0; j < r->nbe; j++)
			check_after_statement(r, r->be[j].b);
		frame_end(r);
		if (!go_on || stop_broken(r))
			break;
	}
	finish(r, i == sc->nstmts);

	if (o->format == SIM_FORMAT_TAP) {
		fprintf(o->out, "1..%d\n", r->points);
	} else {
		char *s = NULL;
		size_t l = 0, c = 0;

		buf_add_json_string(&s, &l, &c, sc->path);
		buf_add(&s, &l, &c, ",\"title\":");
		buf_add_json_string(&s, &l, &c, sc->title ? sc->title : "");
		if (r->half_skip[0]) {
			/* As the file's skip with --backend kernel. */
			buf_add(&s, &l, &c, ",\"skip_kernel_half\":");
			buf_add_json_string(&s, &l, &c, r->half_what);
		}
		fprintf(o->out,
			"{\"file\":%s,\"failed\":%d,\"points\":[%s],"
			"\"log\":[%s]}\n",
			s, r->failed, r->json ? r->json : "",
			r->log ? r->log : "");
		free(s);
	}
	status = r->failed ? 1 : 0;
	if (o->result) {
		o->result->points = r->points;
		o->result->failed = r->failed;
		o->result->properties = r->properties;
		o->result->copies = r->copies;
		o->result->disagreed = r->disagreed;
		o->result->kernel_skipped = r->half_skip[0] != 0 ||
					    r->kernel_cut_short;
	}
out:
	for (i = 0; i < r->nbe; i++)
		r->be[i].b->ops->destroy(r->be[i].b);
	free(r->json);
	free(r->log);
	free(r);
	return status;
}
