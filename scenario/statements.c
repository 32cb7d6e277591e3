// SPDX-License-Identifier: GPL-2.0-only
/*
 * The statement table: every statement of the scenario language
 * (docs/scenario-language.md, docs/scenario-extensions.md) is one row of
 * sim_stmts[] -- its name, its syntax, its class, the capability it
 * needs, the parser of its arguments and what it performs on a backend.
 * The parser looks a statement up here and applies the rules of its
 * class; the runner performs the row's op on each backend (or its run
 * for the statements that make their own test points); 'mmsim
 * statements' lists the rows.  The parsers and ops of the rows follow
 * the table's order.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "harness/policy.h"
#include "scenario/statements.h"

/* Header statements. */

/* The rest of the statement's text after its name. */
static char *rest_of_line(struct sim_parser *p)
{
	const char *s = sim_stmt_text(p->sc, p->st) + strlen(p->def->name);

	while (*s == ' ' || *s == '\t')
		s++;
	return strdup(s);
}

static int parse_title(struct sim_parser *p, struct sim_stmt *st)
{
	free(p->sc->title);
	p->sc->title = rest_of_line(p);
	return 0;
}

static int parse_todo(struct sim_parser *p, struct sim_stmt *st)
{
	if (p->ntok < 2)
		return sim_perr(p, p->tok[0].col, "usage: %s", p->def->usage);
	free(p->sc->todo);
	p->sc->todo = rest_of_line(p);
	return 0;
}

static int parse_requires(struct sim_parser *p, struct sim_stmt *st)
{
	struct sim_token *t = p->tok;
	int q;

	if (p->ntok < 2)
		return sim_perr(p, t[0].col, "usage: %s", p->def->usage);
	for (q = 1; q < p->ntok; q++) {
		enum sim_cap cap = sim_cap_lookup(t[q].s);

		if (cap == SIM_CAP_NONE)
			return sim_perr(p, t[q].col, "unknown capability '%s'",
					t[q].s);
		/* At most one of each known capability. */
		sim_require(p->sc, cap);
	}
	return 0;
}

static int parse_policy(struct sim_parser *p, struct sim_stmt *st)
{
	struct sim_scenario *sc = p->sc;
	struct sim_token *t = p->tok;

	if (sim_want(p, 2, p->def->usage))
		return -1;
	if (!sim_policy_known(t[1].s))
		return sim_perr(p, t[1].col,
				"unknown policy '%s' (see 'mmsim policies')",
				t[1].s);
	free(sc->policy);
	sc->policy = strdup(t[1].s);
	return 0;
}

/*
 * swapdev pages N: at most the kernel backend's default size (64 MiB), so
 * that a scenario never makes a larger swap file than the default one.
 */
#define SIM_SWAPDEV_MAX_PAGES 16384UL

static int parse_swapdev(struct sim_parser *p, struct sim_stmt *st)
{
	struct sim_token *t = p->tok;
	int q;

	if (p->ntok < 2)
		return sim_perr(p, t[0].col, "usage: %s", p->def->usage);
	if (!strcmp(t[1].s, "sync"))
		st->sync = true;
	else if (strcmp(t[1].s, "file"))
		return sim_perr(p, t[1].col, "expected file or sync, not '%s'",
				t[1].s);
	for (q = 2; q < p->ntok; q++) {
		if (!strcmp(t[q].s, "stable-writes"))
			st->stable_writes = true;
		else if (!strcmp(t[q].s, "slow-writeback"))
			st->slow_writeback = true;
		else if (!strcmp(t[q].s, "pages") && q + 1 < p->ntok) {
			/* The device's size, its header page included. */
			char *end;

			q++;
			errno = 0;
			st->value = strtoull(t[q].s, &end, 0);
			if (errno || *end || st->value < 2 ||
			    st->value > SIM_SWAPDEV_MAX_PAGES)
				return sim_perr(p, t[q].col,
						"swapdev pages: 2..%lu, not "
						"'%s'",
						SIM_SWAPDEV_MAX_PAGES, t[q].s);
		} else
			return sim_perr(p, t[q].col,
					"unknown swapdev option '%s'", t[q].s);
	}
	return 0;
}

static int op_swapdev(struct run *r, struct be_state *be,
		      const struct sim_stmt *st)
{
	struct sim_backend *b = be->b;

	if (!b->ops->swapdev)
		return SIM_UNSUPPORTED_ERR;
	return b->ops->swapdev(b, st->sync, st->stable_writes,
			       st->slow_writeback, (unsigned long)st->value);
}

/* The folio order of a THP size 16K, 32K, ... 1M, 2M; -1 for another. */
static int sim_thp_size_order(const char *str)
{
	const char *s = str;
	unsigned long kib = 0;
	int order;

	while (*s >= '0' && *s <= '9' && kib <= 4096)
		kib = kib * 10 + (unsigned long)(*s++ - '0');
	if (s != str && !strcmp(s, "M"))
		kib *= 1024;
	else if (s == str || strcmp(s, "K"))
		kib = 0;
	for (order = 2; order <= 9; order++)
		if (kib == 4UL << order)
			return order;
	return -1;
}

/*
 * thp-sizes SIZE...: the THP sizes (16K..2M, powers of two) a `thp`
 * region may get, as a mask of orders in st->value.
 */
static int parse_thp_sizes(struct sim_parser *p, struct sim_stmt *st)
{
	struct sim_token *t = p->tok;
	int q;

	if (p->ntok < 2)
		return sim_perr(p, t[0].col, "usage: %s", p->def->usage);
	st->value = 0;
	for (q = 1; q < p->ntok; q++) {
		int order = sim_thp_size_order(t[q].s);

		if (order < 0)
			return sim_perr(p, t[q].col,
					"expected a THP size 16K, 32K, 64K, "
					"128K, 256K, 512K, 1M or 2M, not "
					"'%s'",
					t[q].s);
		if (st->value & (1ULL << order))
			return sim_perr(p, t[q].col, "size '%s' given twice",
					t[q].s);
		st->value |= 1ULL << order;
	}
	return 0;
}

static int op_thp_sizes(struct run *r, struct be_state *be,
			const struct sim_stmt *st)
{
	struct sim_backend *b = be->b;

	if (!b->ops->thp_sizes) {
		b->unsupported = "thp-sizes";
		return SIM_NOT_IMPLEMENTED_ERR;
	}
	return b->ops->thp_sizes(b, (unsigned long)st->value);
}

static int parse_broken_under(struct sim_parser *p, struct sim_stmt *st)
{
	struct sim_scenario *sc = p->sc;
	struct sim_token *t = p->tok;
	int q;

	if (p->ntok < 2)
		return sim_perr(p, t[0].col, "usage: %s", p->def->usage);
	for (q = 1; q < p->ntok; q++) {
		if (!sim_policy_known(t[q].s))
			return sim_perr(p, t[q].col,
					"unknown policy '%s' (see 'mmsim "
					"policies')",
					t[q].s);
		if (sim_intern(sc->broken_under, &sc->nbroken,
			       SIM_LIMIT_POLICIES, t[q].s) < 0)
			return sim_perr(p, t[q].col,
					"too many policies (limit %d)",
					SIM_LIMIT_POLICIES);
	}
	return 0;
}

static int parse_count(struct sim_parser *p, struct sim_stmt *st)
{
	if (p->ntok != 2 || strcmp(p->tok[1].s, "copies"))
		return sim_perr(p, p->tok[0].col, "usage: %s", p->def->usage);
	p->sc->count_copies = true;
	return 0;
}

/* Operations. */

/* @v, a process's or a name's index or -1, into @field: 0 or -1. */
static int set_index(uint8_t *field, int v)
{
	if (v < 0)
		return -1;
	*field = (uint8_t)v;
	return 0;
}

static unsigned long pages_of(const struct sim_pref *ref)
{
	return ref->last - ref->first + 1UL;
}

/* The address of the first page of @st's ref @i on one backend. */
static unsigned long ref_addr(struct run *r, struct be_state *be,
			      const struct sim_stmt *st, int i)
{
	const struct sim_pref *ref = sim_stmt_ref(sim_run_scenario(r), st, i);

	return sim_page_addr(be, st->proc, ref, ref->first);
}

static unsigned long ref_pages(struct run *r, const struct sim_stmt *st, int i)
{
	return pages_of(sim_stmt_ref(sim_run_scenario(r), st, i));
}

/* A backend without the operation: it is not implemented there. */
static int no_op(struct be_state *be, const struct sim_stmt *st)
{
	be->b->unsupported = sim_stmt_def(st->def)->name;
	return SIM_NOT_IMPLEMENTED_ERR;
}

static int parse_mmap(struct sim_parser *p, struct sim_stmt *st)
{
	struct sim_scenario *sc = p->sc;
	struct sim_token *t = p->tok;
	uint64_t n;
	int i;

	if (p->ntok < 4)
		return sim_perr(p, t[0].col, "usage: %s", p->def->usage);
	if (set_index(&st->proc, sim_proc_arg(p, &t[1])) ||
	    sim_name_arg(p, &t[2], "region"))
		return -1;
	if (set_index(&st->region, sim_intern(sc->regions, &sc->nregions,
					      SIM_LIMIT_REGIONS, t[2].s)))
		return sim_perr(p, t[2].col, "too many regions (limit %d)",
				SIM_LIMIT_REGIONS);
	if (sim_parse_value(p, &t[3], &n))
		return -1;
	if (!n)
		return sim_perr(p, t[3].col, "bad page count 0");
	if (n > SIM_LIMIT_MMAP_PAGES)
		return sim_perr(p, t[3].col,
				"too many pages in one mmap (limit %lu)",
				SIM_LIMIT_MMAP_PAGES);
	if (n > SIM_LIMIT_TOTAL_PAGES - p->total_pages)
		return sim_perr(p, t[3].col,
				"too many pages mapped by the file (limit %lu)",
				SIM_LIMIT_TOTAL_PAGES);
	p->total_pages += n;
	/* At most SIM_LIMIT_MMAP_PAGES: it fits. */
	st->npages = (uint32_t)n;
	st->prot = PROT_READ | PROT_WRITE;
	st->backing = SIM_BACKING_ANON;
	for (i = 4; i < p->ntok; i++) {
		const char *s = t[i].s;

		if (!strcmp(s, "anon"))
			st->backing = SIM_BACKING_ANON;
		else if (!strcmp(s, "shmem"))
			st->backing = SIM_BACKING_SHMEM;
		else if (!strcmp(s, "file"))
			st->backing = SIM_BACKING_FILE;
		else if (!strcmp(s, "private"))
			st->shared = false;
		else if (!strcmp(s, "shared"))
			st->shared = true;
		else if (!strcmp(s, "rw"))
			st->prot = PROT_READ | PROT_WRITE;
		else if (!strcmp(s, "ro"))
			st->prot = PROT_READ;
		else if (!strcmp(s, "none"))
			st->prot = PROT_NONE;
		else if (!strcmp(s, "thp"))
			st->thp = true;
		else
			return sim_perr(p, t[i].col, "unknown mmap option '%s'",
					s);
	}
	p->regsize[st->proc][st->region] = st->npages;
	return 0;
}

static int op_mmap(struct run *r, struct be_state *be,
		   const struct sim_stmt *st)
{
	struct sim_backend *b = be->b;
	unsigned long a;
	int ret;

	ret = b->ops->mmap(b, be->proc[st->proc], st->npages, st->prot,
			   st->shared, st->backing, st->thp, &a);
	if (!ret) {
		be->addr[st->proc][st->region] = a;
		be->npages[st->proc][st->region] = st->npages;
	}
	return ret;
}

/* P R...: the process and its pages, ranges or regions, to the end. */
static int parse_proc_refs(struct sim_parser *p, struct sim_stmt *st, int end)
{
	if (p->ntok < 3)
		return sim_perr(p, p->tok[0].col, "usage: %s", p->def->usage);
	if (set_index(&st->proc, sim_proc_arg(p, &p->tok[1])))
		return -1;
	return sim_parse_refs(p, st, 2, end, false);
}

/* mremap P R[I..J] S: a range of one region, and the region it becomes. */
static int parse_mremap(struct sim_parser *p, struct sim_stmt *st)
{
	struct sim_scenario *sc = p->sc;
	struct sim_token *t = p->tok;
	const struct sim_pref *ref;

	if (sim_want(p, 4, p->def->usage) || parse_proc_refs(p, st, 3))
		return -1;
	if (sim_name_arg(p, &t[3], "region"))
		return -1;
	if (set_index(&st->region, sim_intern(sc->regions, &sc->nregions,
					      SIM_LIMIT_REGIONS, t[3].s)))
		return sim_perr(p, t[3].col, "too many regions (limit %d)",
				SIM_LIMIT_REGIONS);
	ref = &p->refs[st->nrefs - 1];
	if (ref->region == st->region)
		return sim_perr(p, t[3].col,
				"mremap moves pages to another region");
	if (p->regsize[st->proc][st->region])
		return sim_perr(p, t[3].col,
				"region '%s' is already mapped in process '%s'",
				t[3].s, t[1].s);
	st->npages = (uint32_t)pages_of(ref);
	p->regsize[st->proc][st->region] = st->npages;
	return 0;
}

static int op_mremap(struct run *r, struct be_state *be,
		     const struct sim_stmt *st)
{
	unsigned long a;
	int ret;

	if (!be->b->ops->mremap)
		return no_op(be, st);
	ret = be->b->ops->mremap(be->b, be->proc[st->proc],
				 ref_addr(r, be, st, 0), ref_pages(r, st, 0),
				 &a);
	if (!ret) {
		be->addr[st->proc][st->region] = a;
		be->npages[st->proc][st->region] = st->npages;
	}
	return ret;
}

static int parse_munmap(struct sim_parser *p, struct sim_stmt *st)
{
	if (p->ntok >= 3 && sim_want(p, 3, p->def->usage))
		return -1;
	return parse_proc_refs(p, st, p->ntok);
}

static int op_munmap(struct run *r, struct be_state *be,
		     const struct sim_stmt *st)
{
	int i, ret = 0;

	for (i = 0; i < st->nrefs && !ret; i++)
		ret = be->b->ops->munmap(be->b, be->proc[st->proc],
					 ref_addr(r, be, st, i),
					 ref_pages(r, st, i));
	return ret;
}

static int parse_mprotect(struct sim_parser *p, struct sim_stmt *st)
{
	const char *prot = p->tok[p->ntok - 1].s;

	if (p->ntok < 4)
		return sim_perr(p, p->tok[0].col, "usage: %s", p->def->usage);
	if (!strcmp(prot, "rw"))
		st->prot = PROT_READ | PROT_WRITE;
	else if (!strcmp(prot, "ro"))
		st->prot = PROT_READ;
	else if (!strcmp(prot, "none"))
		st->prot = PROT_NONE;
	else
		return sim_perr(p, p->tok[p->ntok - 1].col,
				"expected rw, ro or none, not '%s'", prot);
	return parse_proc_refs(p, st, p->ntok - 1);
}

static int op_mprotect(struct run *r, struct be_state *be,
		       const struct sim_stmt *st)
{
	int i, ret = 0;

	for (i = 0; i < st->nrefs && !ret; i++)
		ret = be->b->ops->mprotect(be->b, be->proc[st->proc],
					   ref_addr(r, be, st, i),
					   ref_pages(r, st, i), st->prot);
	return ret;
}

static int parse_madvise(struct sim_parser *p, struct sim_stmt *st)
{
	const char *adv = p->tok[p->ntok - 1].s, *canonical;

	if (p->ntok < 4)
		return sim_perr(p, p->tok[0].col, "usage: %s", p->def->usage);
	if (set_index(&st->advice, sim_advice_lookup(adv, &canonical)))
		return sim_perr(p, p->tok[p->ntok - 1].col,
				"unknown advice '%s'", adv);
	return parse_proc_refs(p, st, p->ntok - 1);
}

static int op_madvise(struct run *r, struct be_state *be,
		      const struct sim_stmt *st)
{
	int i, ret = 0;

	for (i = 0; i < st->nrefs && !ret; i++)
		ret = be->b->ops->madvise(be->b, be->proc[st->proc],
					  ref_addr(r, be, st, i),
					  ref_pages(r, st, i), st->advice);
	return ret;
}

/* mlock populates: the pages it may make resident are counted. */
static int parse_mlock(struct sim_parser *p, struct sim_stmt *st)
{
	unsigned long n;
	int i;

	if (parse_proc_refs(p, st, p->ntok))
		return -1;
	for (i = 0; i < st->nrefs; i++) {
		n = pages_of(&p->refs[i]);
		if (n > SIM_LIMIT_MLOCK_PAGES - p->mlock_pages)
			/* Ref i is token 2 + i (parse_proc_refs). */
			return sim_perr(p, p->tok[2 + i].col,
					"too many pages locked by the file "
					"(limit %lu)",
					SIM_LIMIT_MLOCK_PAGES);
		p->mlock_pages += n;
	}
	return 0;
}

static int mlock_refs(struct run *r, struct be_state *be,
		      const struct sim_stmt *st, bool lock)
{
	int i, ret = 0;

	for (i = 0; i < st->nrefs && !ret; i++)
		ret = be->b->ops->mlock(be->b, be->proc[st->proc],
					ref_addr(r, be, st, i),
					ref_pages(r, st, i), lock);
	return ret;
}

static int op_mlock(struct run *r, struct be_state *be,
		    const struct sim_stmt *st)
{
	return mlock_refs(r, be, st, true);
}

static int parse_munlock(struct sim_parser *p, struct sim_stmt *st)
{
	return parse_proc_refs(p, st, p->ntok);
}

static int op_munlock(struct run *r, struct be_state *be,
		      const struct sim_stmt *st)
{
	return mlock_refs(r, be, st, false);
}

/* P R[I], then @nvalues values. */
static int parse_page(struct sim_parser *p, struct sim_stmt *st, int nvalues)
{
	if (sim_want(p, 3 + nvalues, p->def->usage))
		return -1;
	if (set_index(&st->proc, sim_proc_arg(p, &p->tok[1])) ||
	    sim_page_arg(p, &p->tok[2], st->proc, &p->refs[0], true))
		return -1;
	st->nrefs = 1;
	return nvalues ? sim_parse_value(p, &p->tok[3], &st->value) : 0;
}

static int parse_write(struct sim_parser *p, struct sim_stmt *st)
{
	return parse_page(p, st, 1);
}

static int op_write(struct run *r, struct be_state *be,
		    const struct sim_stmt *st)
{
	return be->b->ops->store(be->b, be->proc[st->proc],
				 ref_addr(r, be, st, 0), st->value);
}

static int parse_read(struct sim_parser *p, struct sim_stmt *st)
{
	return parse_page(p, st, 0);
}

static int op_read(struct run *r, struct be_state *be,
		   const struct sim_stmt *st)
{
	uint64_t v;
	int ret;

	ret = be->b->ops->load(be->b, be->proc[st->proc],
			       ref_addr(r, be, st, 0), &v);
	if (!ret)
		sim_run_read_note(r, be, st, v);
	return ret;
}

static int parse_fork(struct sim_parser *p, struct sim_stmt *st)
{
	struct sim_scenario *sc = p->sc;
	struct sim_token *t = p->tok;
	int q;

	if (sim_want(p, 3, p->def->usage))
		return -1;
	if (set_index(&st->proc, sim_proc_arg(p, &t[1])) ||
	    sim_name_arg(p, &t[2], "process"))
		return -1;
	q = sim_intern(sc->procs, &sc->nprocs, SIM_LIMIT_PROCS, t[2].s);
	if (q < 0)
		return sim_perr(p, t[2].col, "too many processes (limit %d)",
				SIM_LIMIT_PROCS);
	if (p->proc_defined[q])
		return sim_perr(p, t[2].col, "process '%s' already exists",
				t[2].s);
	p->proc_defined[q] = true;
	memcpy(p->regsize[q], p->regsize[st->proc], sizeof(p->regsize[q]));
	st->proc2 = (uint8_t)q;
	return 0;
}

static int op_fork(struct run *r, struct be_state *be,
		   const struct sim_stmt *st)
{
	int p = be->proc[st->proc], child, ret;

	ret = be->b->ops->fork(be->b, p, &child);
	if (ret)
		return ret;
	be->proc[st->proc2] = child;
	memcpy(be->addr[st->proc2], be->addr[st->proc], sizeof(be->addr[0]));
	memcpy(be->npages[st->proc2], be->npages[st->proc],
	       sizeof(be->npages[0]));
	sim_run_check_fork(r, be, p, child);
	return 0;
}

static int parse_exit(struct sim_parser *p, struct sim_stmt *st)
{
	if (sim_want(p, 2, p->def->usage))
		return -1;
	return set_index(&st->proc, sim_proc_arg(p, &p->tok[1]));
}

static int op_exit(struct run *r, struct be_state *be,
		   const struct sim_stmt *st)
{
	return be->b->ops->exit(be->b, be->proc[st->proc]);
}

static int parse_pin(struct sim_parser *p, struct sim_stmt *st)
{
	struct sim_scenario *sc = p->sc;
	struct sim_token *t = p->tok;
	int i;

	if (p->ntok < 5)
		return sim_perr(p, t[0].col, "usage: %s", p->def->usage);
	if (sim_name_arg(p, &t[1], "handle"))
		return -1;
	if (set_index(&st->handle, sim_intern(sc->handles, &sc->nhandles,
					      SIM_LIMIT_HANDLES, t[1].s)))
		return sim_perr(p, t[1].col, "too many handles (limit %d)",
				SIM_LIMIT_HANDLES);
	if (set_index(&st->proc, sim_proc_arg(p, &t[2])) ||
	    sim_page_arg(p, &t[3], st->proc, &p->refs[0], true))
		return -1;
	st->nrefs = 1;
	if (!strcmp(t[4].s, "rw"))
		st->gup_how |= SIM_GUP_WRITE;
	else if (strcmp(t[4].s, "ro"))
		return sim_perr(p, t[4].col, "expected ro or rw, not '%s'",
				t[4].s);
	st->gup_how |= SIM_GUP_PIN;
	for (i = 5; i < p->ntok; i++) {
		if (!strcmp(t[i].s, "get"))
			st->gup_how &= ~SIM_GUP_PIN;
		else if (!strcmp(t[i].s, "pin"))
			st->gup_how |= SIM_GUP_PIN;
		else if (!strcmp(t[i].s, "longterm"))
			st->gup_how |= SIM_GUP_LONGTERM;
		else if (!strcmp(t[i].s, "fast"))
			st->gup_how |= SIM_GUP_FAST;
		else
			return sim_perr(p, t[i].col, "unknown pin option '%s'",
					t[i].s);
	}
	p->handle_defined[st->handle] = true;
	return 0;
}

static int op_pin(struct run *r, struct be_state *be, const struct sim_stmt *st)
{
	int h, ret;

	if (be->handle[st->handle] >= 0) {
		sim_run_diag(r, "handle %s is still held",
			     sim_run_scenario(r)->handles[st->handle]);
		return -EBUSY;
	}
	ret = be->b->ops->gup(be->b, be->proc[st->proc], ref_addr(r, be, st, 0),
			      st->gup_how, &h);
	if (!ret)
		be->handle[st->handle] = h;
	return ret;
}

/* H, then @nvalues values. */
static int parse_handle(struct sim_parser *p, struct sim_stmt *st, int nvalues)
{
	if (sim_want(p, 2 + nvalues, p->def->usage))
		return -1;
	if (set_index(&st->handle, sim_handle_arg(p, &p->tok[1])))
		return -1;
	return nvalues ? sim_parse_value(p, &p->tok[2], &st->value) : 0;
}

static int parse_unpin(struct sim_parser *p, struct sim_stmt *st)
{
	return parse_handle(p, st, 0);
}

static int op_unpin(struct run *r, struct be_state *be,
		    const struct sim_stmt *st)
{
	int ret = be->b->ops->unpin(be->b, be->handle[st->handle]);

	if (!ret)
		be->handle[st->handle] = -1;
	return ret;
}

static int parse_dma_write(struct sim_parser *p, struct sim_stmt *st)
{
	return parse_handle(p, st, 1);
}

static int op_dma_write(struct run *r, struct be_state *be,
			const struct sim_stmt *st)
{
	return be->b->ops->dma_write(be->b, be->handle[st->handle], st->value);
}

static int parse_swapout(struct sim_parser *p, struct sim_stmt *st)
{
	return parse_proc_refs(p, st, p->ntok);
}

static int op_swapout(struct run *r, struct be_state *be,
		      const struct sim_stmt *st)
{
	int i, ret = 0;

	if (!be->b->ops->swapout)
		return SIM_UNSUPPORTED_ERR;
	for (i = 0; i < st->nrefs && !ret; i++)
		ret = be->b->ops->swapout(be->b, be->proc[st->proc],
					  ref_addr(r, be, st, i),
					  ref_pages(r, st, i));
	return ret;
}

/* A statement without arguments. */
static int parse_none(struct sim_parser *p, struct sim_stmt *st)
{
	return sim_want(p, 1, p->def->usage);
}

static int op_swapoff(struct run *r, struct be_state *be,
		      const struct sim_stmt *st)
{
	if (!be->b->ops->swapoff)
		return SIM_UNSUPPORTED_ERR;
	return be->b->ops->swapoff(be->b);
}

/* P R[I]: one page. */
static int parse_one_page(struct sim_parser *p, struct sim_stmt *st)
{
	if (sim_want(p, 3, p->def->usage))
		return -1;
	if (set_index(&st->proc, sim_proc_arg(p, &p->tok[1])))
		return -1;
	return sim_parse_refs(p, st, 2, 3, true);
}

static int op_migrate(struct run *r, struct be_state *be,
		      const struct sim_stmt *st)
{
	if (!be->b->ops->migrate)
		return SIM_UNSUPPORTED_ERR;
	return be->b->ops->migrate(be->b, be->proc[st->proc],
				   ref_addr(r, be, st, 0));
}

static int op_ksm(struct run *r, struct be_state *be, const struct sim_stmt *st)
{
	return be->b->ops->ksm ? be->b->ops->ksm(be->b, 0) :
				 SIM_UNSUPPORTED_ERR;
}

/* ksm-scan [N]: N full scans of ksmd (1 if not given). */
static int parse_ksm_scan(struct sim_parser *p, struct sim_stmt *st)
{
	struct sim_token *t = p->tok;
	char *end;

	st->value = 1;
	if (p->ntok > 2)
		return sim_perr(p, t[2].col, "usage: %s", p->def->usage);
	if (p->ntok == 2) {
		errno = 0;
		st->value = strtoull(t[1].s, &end, 0);
		if (errno || *end || st->value < 1 || st->value > 100)
			return sim_perr(p, t[1].col,
					"ksm-scan: 1..100 scans, not '%s'",
					t[1].s);
	}
	return 0;
}

static int op_ksm_scan(struct run *r, struct be_state *be,
		       const struct sim_stmt *st)
{
	return be->b->ops->ksm ?
		       be->b->ops->ksm(be->b, (unsigned int)st->value) :
		       SIM_UNSUPPORTED_ERR;
}

/*
 * ksm-max-page-sharing N: /sys/kernel/mm/ksm/max_page_sharing for the
 * whole scenario (2 to 1000000; the kernel's default is 256).
 */
static int parse_ksm_max_page_sharing(struct sim_parser *p, struct sim_stmt *st)
{
	struct sim_token *t = p->tok;
	char *end;

	if (p->ntok != 2)
		return sim_perr(p, t[0].col, "usage: %s", p->def->usage);
	errno = 0;
	st->value = strtoull(t[1].s, &end, 0);
	if (errno || *end || st->value < 2 || st->value > 1000000)
		return sim_perr(p, t[1].col,
				"ksm-max-page-sharing: 2..1000000, not '%s'",
				t[1].s);
	return 0;
}

static int op_ksm_max_page_sharing(struct run *r, struct be_state *be,
				   const struct sim_stmt *st)
{
	struct sim_backend *b = be->b;

	if (!b->ops->ksm_max_page_sharing) {
		b->unsupported = "ksm-max-page-sharing";
		return SIM_NOT_IMPLEMENTED_ERR;
	}
	return b->ops->ksm_max_page_sharing(b, (unsigned int)st->value);
}

static int op_deferred_split(struct run *r, struct be_state *be,
			     const struct sim_stmt *st)
{
	if (!be->b->ops->deferred_split) {
		be->b->unsupported = "deferred-split";
		return SIM_UNSUPPORTED_ERR;
	}
	return be->b->ops->deferred_split(be->b);
}

static int op_writeback_done(struct run *r, struct be_state *be,
			     const struct sim_stmt *st)
{
	if (!be->b->ops->writeback_done)
		return SIM_UNSUPPORTED_ERR;
	return be->b->ops->writeback_done(be->b);
}

static int op_split(struct run *r, struct be_state *be,
		    const struct sim_stmt *st)
{
	if (!be->b->ops->split)
		return no_op(be, st);
	return be->b->ops->split(be->b, be->proc[st->proc],
				 ref_addr(r, be, st, 0));
}

static int parse_uffd(struct sim_parser *p, struct sim_stmt *st)
{
	struct sim_token *t = p->tok;
	int q;

	if (p->ntok < 2)
		return sim_perr(p, t[0].col, "usage: %s", p->def->usage);
	if (set_index(&st->proc, sim_proc_arg(p, &t[1])))
		return -1;
	st->value = 0;
	for (q = 2; q < p->ntok; q++) {
		if (!strcmp(t[q].s, "event-fork"))
			st->value |= SIM_UFFD_EVENT_FORK;
		else if (!strcmp(t[q].s, "wp-unpopulated"))
			st->value |= SIM_UFFD_WP_UNPOPULATED;
		else
			return sim_perr(p, t[q].col,
					"unknown uffd feature '%s'", t[q].s);
	}
	return 0;
}

static int op_uffd(struct run *r, struct be_state *be,
		   const struct sim_stmt *st)
{
	if (!be->b->ops->uffd)
		return no_op(be, st);
	return be->b->ops->uffd(be->b, be->proc[st->proc],
				(unsigned int)st->value);
}

static int parse_uffd_wp(struct sim_parser *p, struct sim_stmt *st)
{
	const char *onoff = p->tok[p->ntok - 1].s;

	if (p->ntok < 4)
		return sim_perr(p, p->tok[0].col, "usage: %s", p->def->usage);
	if (strcmp(onoff, "on") && strcmp(onoff, "off"))
		return sim_perr(p, p->tok[p->ntok - 1].col,
				"expected on or off, not '%s'", onoff);
	st->on = !strcmp(onoff, "on");
	return parse_proc_refs(p, st, p->ntok - 1);
}

/* uffd-poison and uffd-unregister: P and one or more ranges. */
static int parse_uffd_poison(struct sim_parser *p, struct sim_stmt *st)
{
	if (p->ntok < 3)
		return sim_perr(p, p->tok[0].col, "usage: %s", p->def->usage);
	return parse_proc_refs(p, st, p->ntok);
}

static int op_uffd_wp(struct run *r, struct be_state *be,
		      const struct sim_stmt *st)
{
	int i, ret = 0;

	if (!be->b->ops->uffd_wp)
		return no_op(be, st);
	for (i = 0; i < st->nrefs && !ret; i++)
		ret = be->b->ops->uffd_wp(be->b, be->proc[st->proc],
					  ref_addr(r, be, st, i),
					  ref_pages(r, st, i), st->on);
	return ret;
}

static int op_uffd_poison(struct run *r, struct be_state *be,
			  const struct sim_stmt *st)
{
	int i, ret = 0;

	if (!be->b->ops->uffd_poison)
		return no_op(be, st);
	for (i = 0; i < st->nrefs && !ret; i++)
		ret = be->b->ops->uffd_poison(be->b, be->proc[st->proc],
					      ref_addr(r, be, st, i),
					      ref_pages(r, st, i));
	return ret;
}

static int op_uffd_unregister(struct run *r, struct be_state *be,
			      const struct sim_stmt *st)
{
	int i, ret = 0;

	if (!be->b->ops->uffd_unregister)
		return no_op(be, st);
	for (i = 0; i < st->nrefs && !ret; i++)
		ret = be->b->ops->uffd_unregister(be->b, be->proc[st->proc],
						  ref_addr(r, be, st, i),
						  ref_pages(r, st, i));
	return ret;
}

static int op_poison(struct run *r, struct be_state *be,
		     const struct sim_stmt *st)
{
	if (!be->b->ops->poison)
		return no_op(be, st);
	return be->b->ops->poison(be->b, be->proc[st->proc],
				  ref_addr(r, be, st, 0));
}

static int op_corrupt(struct run *r, struct be_state *be,
		      const struct sim_stmt *st)
{
	if (!be->b->ops->corrupt)
		return no_op(be, st);
	return be->b->ops->corrupt(be->b, be->proc[st->proc],
				   ref_addr(r, be, st, 0));
}

static int op_poison_table(struct run *r, struct be_state *be,
			   const struct sim_stmt *st)
{
	struct sim_policy pol;
	char err[160];

	if (!be->b->ops->poison_table)
		return no_op(be, st);
	/*
	 * Seed 003's pt_poison=kill is a proposal no kernel has: beside a
	 * model that follows it, a kernel does not poison a table at all.
	 */
	if (strcmp(be->name, "model") &&
	    !sim_policy_parse(sim_run_policy(r), &pol, err, sizeof(err)) &&
	    pol.pt_poison_kill) {
		be->b->unsupported = "seed 003's pt_poison=kill, which no "
				     "kernel does (the model's policy)";
		return SIM_UNSUPPORTED_ERR;
	}
	return be->b->ops->poison_table(be->b, be->proc[st->proc],
					ref_addr(r, be, st, 0));
}

/* mce-kill P early|late|default: prctl(PR_MCE_KILL) of P. */
static int parse_mce_kill(struct sim_parser *p, struct sim_stmt *st)
{
	struct sim_token *t = p->tok;

	if (sim_want(p, 3, p->def->usage) ||
	    set_index(&st->proc, sim_proc_arg(p, &t[1])))
		return -1;
	if (!strcmp(t[2].s, "early"))
		st->mce_kill = SIM_MCE_KILL_EARLY;
	else if (!strcmp(t[2].s, "late"))
		st->mce_kill = SIM_MCE_KILL_LATE;
	else if (!strcmp(t[2].s, "default"))
		st->mce_kill = SIM_MCE_KILL_DEFAULT;
	else
		return sim_perr(p, t[2].col,
				"unknown mce-kill mode '%s' (early, late, "
				"default)",
				t[2].s);
	return 0;
}

static int op_mce_kill(struct run *r, struct be_state *be,
		       const struct sim_stmt *st)
{
	if (!be->b->ops->mce_kill)
		return no_op(be, st);
	return be->b->ops->mce_kill(be->b, be->proc[st->proc], st->mce_kill);
}

/* mce-early-kill on|off: the sysctl vm.memory_failure_early_kill. */
static int parse_mce_early_kill(struct sim_parser *p, struct sim_stmt *st)
{
	struct sim_token *t = p->tok;

	if (sim_want(p, 2, p->def->usage))
		return -1;
	if (strcmp(t[1].s, "on") && strcmp(t[1].s, "off"))
		return sim_perr(p, t[1].col, "expected on or off, not '%s'",
				t[1].s);
	st->on = !strcmp(t[1].s, "on");
	return 0;
}

static int op_mce_early_kill(struct run *r, struct be_state *be,
			     const struct sim_stmt *st)
{
	if (!be->b->ops->mce_early_kill)
		return no_op(be, st);
	return be->b->ops->mce_early_kill(be->b, st->on);
}

/*
 * clear-refs P soft-dirty: echo 4 > /proc/PID/clear_refs.  It needs no
 * capability: on a kernel without CONFIG_MEM_SOFT_DIRTY the write succeeds
 * and changes nothing, as for cow.c's clear_softdirty() there.  The
 * soft-dirty state requires soft-dirty; writable and readonly are the
 * model's answer on every kernel (the PTE write bit is not exported).
 */
static int parse_clear_refs(struct sim_parser *p, struct sim_stmt *st)
{
	struct sim_token *t = p->tok;

	if (sim_want(p, 3, p->def->usage) ||
	    set_index(&st->proc, sim_proc_arg(p, &t[1])))
		return -1;
	if (strcmp(t[2].s, "soft-dirty"))
		return sim_perr(p, t[2].col,
				"unknown clear-refs type '%s' (soft-dirty)",
				t[2].s);
	return 0;
}

static int op_clear_refs(struct run *r, struct be_state *be,
			 const struct sim_stmt *st)
{
	if (!be->b->ops->clear_refs)
		return no_op(be, st);
	return be->b->ops->clear_refs(be->b, be->proc[st->proc],
				      SIM_CLEAR_REFS_SOFT_DIRTY);
}

/* Expectations. */

static int parse_label(struct sim_parser *p, struct sim_stmt *st)
{
	struct sim_scenario *sc = p->sc;
	struct sim_token *t = p->tok;

	if (sim_want(p, 4, p->def->usage) || sim_name_arg(p, &t[1], "label"))
		return -1;
	if (set_index(&st->label, sim_intern(sc->labels, &sc->nlabels,
					     SIM_LIMIT_LABELS, t[1].s)))
		return sim_perr(p, t[1].col, "too many labels (limit %d)",
				SIM_LIMIT_LABELS);
	if (set_index(&st->proc, sim_proc_arg(p, &t[2])) ||
	    sim_page_arg(p, &t[3], st->proc, &p->refs[0], true))
		return -1;
	st->nrefs = 1;
	p->label_defined[st->label] = true;
	return 0;
}

/*
 * The THP counters an expectation may name: /proc/vmstat's thp_* lines
 * (the PMD size's) and the per-size stats of hugepages-NkB/stats/.
 */
static const struct {
	const char *name;
	enum sim_thp_event ev;
	bool vmstat;
} thp_counters[] = {
	{ "thp_fault_alloc", SIM_THP_EV_FAULT_ALLOC, true },
	{ "thp_swpout", SIM_THP_EV_SWPOUT, true },
	{ "thp_swpout_fallback", SIM_THP_EV_SWPOUT_FALLBACK, true },
	{ "thp_split_pmd", SIM_THP_EV_SPLIT_PMD, true },
	{ "thp_split_page", SIM_THP_EV_SPLIT, true },
	{ "thp_deferred_split_page", SIM_THP_EV_SPLIT_DEFERRED, true },
	{ "split", SIM_THP_EV_SPLIT, false },
	{ "split_deferred", SIM_THP_EV_SPLIT_DEFERRED, false },
	{ "anon_fault_alloc", SIM_THP_EV_FAULT_ALLOC, false },
	{ "swpout", SIM_THP_EV_SWPOUT, false },
	{ "swpout_fallback", SIM_THP_EV_SWPOUT_FALLBACK, false },
	{ "swpin", SIM_THP_EV_SWPIN, false },
};

/* expect thp-counter NAME N (vmstat) or thp-counter SIZE NAME N. */
static int parse_expect_thp_counter(struct sim_parser *p, struct sim_stmt *st)
{
	struct sim_token *t = p->tok;
	struct sim_token *name = p->ntok == 5 ? &t[3] : &t[2];
	unsigned int order = 0, i;

	if (p->ntok != 4 && p->ntok != 5)
		return sim_perr(p, t[0].col,
				"expect thp-counter [SIZE] NAME N, "
				"e.g. 'expect thp-counter thp_swpout 1', "
				"'expect thp-counter 64K swpout 1'");
	if (p->ntok == 5) {
		int o = sim_thp_size_order(t[2].s);

		if (o < 0)
			return sim_perr(p, t[2].col,
					"unknown THP size '%s' (16K ... 2M)",
					t[2].s);
		order = (unsigned int)o;
	}
	for (i = 0; i < sizeof(thp_counters) / sizeof(thp_counters[0]); i++)
		if (!strcmp(thp_counters[i].name, name->s) &&
		    thp_counters[i].vmstat == !order)
			break;
	if (i == sizeof(thp_counters) / sizeof(thp_counters[0]))
		return sim_perr(p, name->col,
				order ? "unknown per-size THP counter '%s' "
					"(anon_fault_alloc, swpout, "
					"swpout_fallback, swpin, split, "
					"split_deferred)" :
					"unknown vmstat THP counter '%s' "
					"(thp_fault_alloc, thp_swpout, "
					"thp_swpout_fallback, thp_split_pmd, "
					"thp_split_page, "
					"thp_deferred_split_page)",
				name->s);
	st->expect = SIM_EXPECT_THP_COUNTER;
	st->thp_counter = (uint8_t)(thp_counters[i].ev << 4 | order);
	return sim_parse_value(p, &t[p->ntok - 1], &st->value);
}

static int parse_expect(struct sim_parser *p, struct sim_stmt *st)
{
	struct sim_scenario *sc = p->sc;
	struct sim_token *t = p->tok;
	int i;

	if (p->ntok < 3)
		return sim_perr(p, t[0].col, "incomplete expect");
	/* expect H == V */
	if (p->ntok == 4 && (!strcmp(t[2].s, "==") || !strcmp(t[2].s, "!="))) {
		i = sim_lookup(sc->handles, sc->nhandles, t[1].s);
		if (i >= 0 && p->handle_defined[i]) {
			st->expect = SIM_EXPECT_HANDLE;
			st->handle = (uint8_t)i;
			st->negate = t[2].s[0] == '!';
			return sim_parse_value(p, &t[3], &st->value);
		}
	}
	/* expect thp-counter [SIZE] NAME N, unless a process has the name */
	i = sim_lookup(sc->procs, sc->nprocs, t[1].s);
	if (!strcmp(t[1].s, "thp-counter") && (i < 0 || !p->proc_defined[i]))
		return parse_expect_thp_counter(p, st);
	if (set_index(&st->proc, sim_proc_arg(p, &t[1])))
		return -1;
	if (p->ntok == 3 &&
	    (!strcmp(t[2].s, "alive") || !strcmp(t[2].s, "dead"))) {
		st->expect = SIM_EXPECT_ALIVE;
		st->negate = !strcmp(t[2].s, "dead");
		return 0;
	}
	if (!strcmp(t[2].s, "sigbus")) {
		st->expect = SIM_EXPECT_SIGBUS;
		st->sig_code = 0;
		if (p->ntok == 5) {
			int code = sim_sigbus_code_lookup(t[3].s);

			if (code < 0)
				return sim_perr(p, t[3].col,
						"unknown SIGBUS code '%s' "
						"(ADRERR, MCEERR_AR, "
						"MCEERR_AO)",
						t[3].s);
			st->sig_code = (uint8_t)code;
			return sim_parse_value(p, &t[4], &st->value);
		}
		if (sim_want(p, 4, "expect P sigbus [CODE] N"))
			return -1;
		return sim_parse_value(p, &t[3], &st->value);
	}
	if (!strcmp(t[2].s, "uffd-faults")) {
		st->expect = SIM_EXPECT_UFFD_FAULTS;
		if (sim_want(p, 4, "expect P uffd-faults N"))
			return -1;
		return sim_parse_value(p, &t[3], &st->value);
	}
	if (sim_page_arg(p, &t[2], st->proc, &p->refs[0], true))
		return -1;
	st->nrefs = 1;
	if (p->ntok < 4)
		return sim_perr(p, t[2].col, "incomplete expect");
	if (!strcmp(t[3].s, "==") || !strcmp(t[3].s, "!=")) {
		st->expect = SIM_EXPECT_VALUE;
		st->negate = t[3].s[0] == '!';
		if (sim_want(p, 5, "expect P R[I] ==|!= V"))
			return -1;
		return sim_parse_value(p, &t[4], &st->value);
	}
	if (!strcmp(t[3].s, "order")) {
		st->expect = SIM_EXPECT_ORDER;
		if (sim_want(p, 5, "expect P R[I] order N"))
			return -1;
		return sim_parse_value(p, &t[4], &st->value);
	}
	if (!strcmp(t[3].s, "swap-offset")) {
		st->expect = SIM_EXPECT_SWAP_OFFSET;
		if (sim_want(p, 5, "expect P R[I] swap-offset N"))
			return -1;
		return sim_parse_value(p, &t[4], &st->value);
	}
	if (!strcmp(t[3].s, "mapcount")) {
		st->expect = SIM_EXPECT_MAPCOUNT;
		if (sim_want(p, 5, "expect P R[I] mapcount N"))
			return -1;
		return sim_parse_value(p, &t[4], &st->value);
	}
	if (!strcmp(t[3].s, "same") || !strcmp(t[3].s, "!same")) {
		st->expect = SIM_EXPECT_SAME;
		st->negate = t[3].s[0] == '!';
		if (sim_want(p, 6, "expect P R[I] same Q S[J]"))
			return -1;
		if (set_index(&st->proc2, sim_proc_arg(p, &t[4])))
			return -1;
		/* The page to compare with is its second ref. */
		st->nrefs = 2;
		return sim_page_arg(p, &t[5], st->proc2, &p->refs[1], true);
	}
	if (!strcmp(t[3].s, "is") || !strcmp(t[3].s, "isnot")) {
		st->expect = SIM_EXPECT_IS;
		st->negate = !strcmp(t[3].s, "isnot");
		if (sim_want(p, 5, "expect P R[I] is|isnot LABEL"))
			return -1;
		i = sim_lookup(sc->labels, sc->nlabels, t[4].s);
		if (i < 0 || !p->label_defined[i])
			return sim_perr(p, t[4].col, "undefined label '%s'",
					t[4].s);
		st->label = (uint8_t)i;
		return 0;
	}
	{
		const char *s = t[3].s;

		st->expect = SIM_EXPECT_STATE;
		st->negate = *s == '!';
		if (st->negate)
			s++;
		i = sim_state_lookup(s);
		if (i < 0)
			return sim_perr(p, t[3].col, "unknown state '%s'",
					t[3].s);
		st->state = (uint8_t)i;
		/* Only a kernel that tracks soft-dirty shows the bit. */
		if (i == SIM_STATE_SOFT_DIRTY)
			sim_require(sc, SIM_CAP_SOFT_DIRTY);
		return sim_want(p, 4, "expect P R[I] [!]STATE");
	}
}

#define HEADER SIM_STMT_HEADER
#define OPERATION SIM_STMT_OPERATION
#define EXPECTATION SIM_STMT_EXPECTATION

/*
 * The statements, in the order of the documentation's tables.  A row
 * without op or run does its work when parsed (title, requires...).
 * .cap is SIM_CAP_NONE (0) unless given.
 */
static const struct sim_stmt_def sim_stmts[] = {
	{ .name = "title",
	  .usage = "title TEXT...",
	  .cls = HEADER,
	  .parse = parse_title },
	{ .name = "requires",
	  .usage = "requires CAP...",
	  .cls = HEADER,
	  .parse = parse_requires },
	{ .name = "policy",
	  .usage = "policy NAME",
	  .cls = HEADER,
	  .parse = parse_policy },
	{ .name = "swapdev",
	  .usage = "swapdev file|sync [stable-writes] [slow-writeback] "
		   "[pages N]",
	  .cls = HEADER,
	  .cap = SIM_CAP_SWAP,
	  .parse = parse_swapdev,
	  .op = op_swapdev },
	{ .name = "thp-sizes",
	  .usage = "thp-sizes SIZE...",
	  .cls = HEADER,
	  .cap = SIM_CAP_THP,
	  .parse = parse_thp_sizes,
	  .op = op_thp_sizes },
	{ .name = "ksm-max-page-sharing",
	  .usage = "ksm-max-page-sharing N",
	  .cls = HEADER,
	  .cap = SIM_CAP_KSM,
	  .parse = parse_ksm_max_page_sharing,
	  .op = op_ksm_max_page_sharing },
	{ .name = "broken-under",
	  .usage = "broken-under POLICY...",
	  .cls = HEADER,
	  .parse = parse_broken_under },
	{ .name = "count",
	  .usage = "count copies",
	  .cls = HEADER,
	  .parse = parse_count },
	{ .name = "todo",
	  .usage = "todo REASON...",
	  .cls = HEADER,
	  .parse = parse_todo },
	{ .name = "mmap",
	  .usage = "mmap P R N [anon|shmem|file] [private|shared] "
		   "[rw|ro|none] [thp]",
	  .cls = OPERATION,
	  .parse = parse_mmap,
	  .op = op_mmap },
	{ .name = "munmap",
	  .usage = "munmap P R[I..J]",
	  .cls = OPERATION,
	  .parse = parse_munmap,
	  .op = op_munmap },
	{ .name = "mremap",
	  .usage = "mremap P R[I..J] S",
	  .cls = OPERATION,
	  .parse = parse_mremap,
	  .op = op_mremap },
	{ .name = "mprotect",
	  .usage = "mprotect P R... rw|ro|none",
	  .cls = OPERATION,
	  .parse = parse_mprotect,
	  .op = op_mprotect },
	{ .name = "madvise",
	  .usage = "madvise P R... ADVICE",
	  .cls = OPERATION,
	  .parse = parse_madvise,
	  .op = op_madvise },
	{ .name = "mlock",
	  .usage = "mlock P R...",
	  .cls = OPERATION,
	  .parse = parse_mlock,
	  .op = op_mlock },
	{ .name = "munlock",
	  .usage = "munlock P R...",
	  .cls = OPERATION,
	  .parse = parse_munlock,
	  .op = op_munlock },
	{ .name = "write",
	  .usage = "write P R[I] V",
	  .cls = OPERATION,
	  .parse = parse_write,
	  .op = op_write },
	{ .name = "read",
	  .usage = "read P R[I]",
	  .cls = OPERATION,
	  .parse = parse_read,
	  .op = op_read },
	{ .name = "fork",
	  .usage = "fork P Q",
	  .cls = OPERATION,
	  .parse = parse_fork,
	  .op = op_fork },
	{ .name = "exit",
	  .usage = "exit P",
	  .cls = OPERATION,
	  .parse = parse_exit,
	  .op = op_exit },
	{ .name = "pin",
	  .usage = "pin H P R[I] ro|rw [get|pin] [longterm] [fast]",
	  .forms_require =
		  "on a kernel: ro get requires vmsplice, rw pin longterm\n"
		  "iouring, ro pin longterm and the fast forms gup_test; no\n"
		  "other form can be held there (docs/kernel-backend.md, Pins)",
	  .cls = OPERATION,
	  .parse = parse_pin,
	  .op = op_pin },
	{ .name = "unpin",
	  .usage = "unpin H",
	  .cls = OPERATION,
	  .parse = parse_unpin,
	  .op = op_unpin },
	{ .name = "dma-write",
	  .usage = "dma-write H V",
	  .cls = OPERATION,
	  .parse = parse_dma_write,
	  .op = op_dma_write },
	{ .name = "swapout",
	  .usage = "swapout P R...",
	  .cls = OPERATION,
	  .cap = SIM_CAP_SWAP,
	  .parse = parse_swapout,
	  .op = op_swapout },
	{ .name = "swapoff",
	  .usage = "swapoff",
	  .cls = OPERATION,
	  .cap = SIM_CAP_SWAP,
	  .parse = parse_none,
	  .op = op_swapoff },
	{ .name = "migrate",
	  .usage = "migrate P R[I]",
	  .cls = OPERATION,
	  .parse = parse_one_page,
	  .op = op_migrate },
	{ .name = "ksm",
	  .usage = "ksm",
	  .cls = OPERATION,
	  .cap = SIM_CAP_KSM,
	  .parse = parse_none,
	  .op = op_ksm },
	{ .name = "deferred-split",
	  .usage = "deferred-split",
	  .cls = OPERATION,
	  .cap = SIM_CAP_THP,
	  .parse = parse_none,
	  .op = op_deferred_split },
	{ .name = "ksm-scan",
	  .usage = "ksm-scan [N]",
	  .cls = OPERATION,
	  .cap = SIM_CAP_KSM,
	  .parse = parse_ksm_scan,
	  .op = op_ksm_scan },
	{ .name = "writeback-done",
	  .usage = "writeback-done",
	  .cls = OPERATION,
	  .cap = SIM_CAP_SWAP,
	  .parse = parse_none,
	  .op = op_writeback_done },
	{ .name = "split",
	  .usage = "split P R[I]",
	  .cls = OPERATION,
	  .parse = parse_one_page,
	  .op = op_split },
	{ .name = "uffd",
	  .usage = "uffd P [event-fork] [wp-unpopulated]",
	  .cls = OPERATION,
	  .cap = SIM_CAP_UFFD,
	  .parse = parse_uffd,
	  .op = op_uffd },
	{ .name = "uffd-wp",
	  .usage = "uffd-wp P R... on|off",
	  .cls = OPERATION,
	  .cap = SIM_CAP_UFFD,
	  .parse = parse_uffd_wp,
	  .op = op_uffd_wp },
	{ .name = "uffd-unregister",
	  .usage = "uffd-unregister P R...",
	  .cls = OPERATION,
	  .cap = SIM_CAP_UFFD,
	  .parse = parse_uffd_poison,
	  .op = op_uffd_unregister },
	{ .name = "uffd-poison",
	  .usage = "uffd-poison P R...",
	  .cls = OPERATION,
	  .cap = SIM_CAP_UFFD,
	  .parse = parse_uffd_poison,
	  .op = op_uffd_poison },
	{ .name = "poison",
	  .usage = "poison P R[I]",
	  .cls = OPERATION,
	  .cap = SIM_CAP_HWPOISON,
	  .parse = parse_one_page,
	  .op = op_poison },
	{ .name = "corrupt",
	  .usage = "corrupt P R[I]",
	  .cls = OPERATION,
	  .cap = SIM_CAP_HWPOISON,
	  .parse = parse_one_page,
	  .op = op_corrupt },
	{ .name = "poison-table",
	  .usage = "poison-table P R[I]",
	  .cls = OPERATION,
	  .cap = SIM_CAP_HWPOISON,
	  .parse = parse_one_page,
	  .op = op_poison_table },
	{ .name = "mce-kill",
	  .usage = "mce-kill P early|late|default",
	  .cls = OPERATION,
	  .cap = SIM_CAP_HWPOISON,
	  .parse = parse_mce_kill,
	  .op = op_mce_kill },
	{ .name = "mce-early-kill",
	  .usage = "mce-early-kill on|off",
	  .cls = OPERATION,
	  .cap = SIM_CAP_HWPOISON,
	  .parse = parse_mce_early_kill,
	  .op = op_mce_early_kill },
	{ .name = "clear-refs",
	  .usage = "clear-refs P soft-dirty",
	  .cls = OPERATION,
	  .parse = parse_clear_refs,
	  .op = op_clear_refs },
	{ .name = "check",
	  .usage = "check",
	  .cls = OPERATION,
	  .parse = parse_none,
	  .run = sim_run_check },
	{ .name = "show",
	  .usage = "show",
	  .cls = OPERATION,
	  .parse = parse_none,
	  .run = sim_run_show },
	{ .name = "expect",
	  .usage = "expect P R[I] ==|!= V\n"
		   "expect H ==|!= V\n"
		   "expect P R[I] [!]STATE\n"
		   "expect P R[I] mapcount N\n"
		   "expect P R[I] order N\n"
		   "expect P R[I] swap-offset N\n"
		   "expect P R[I] same|!same Q S[J]\n"
		   "expect P R[I] is|isnot LABEL\n"
		   "expect P alive|dead\n"
		   "expect P uffd-faults N\n"
		   "expect P sigbus [ADRERR|MCEERR_AR|MCEERR_AO] N\n"
		   "expect thp-counter [SIZE] NAME N",
	  .cls = EXPECTATION,
	  .parse = parse_expect,
	  .run = sim_run_expect },
	{ .name = "label",
	  .usage = "label X P R[I]",
	  .cls = EXPECTATION,
	  .parse = parse_label,
	  .run = sim_run_label },
};

_Static_assert(ARRAY_SIZE(sim_stmts) <= UINT8_MAX + 1,
	       "struct sim_stmt's def is too narrow for the table");

int sim_stmt_find(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sim_stmts); i++)
		if (!strcmp(name, sim_stmts[i].name))
			return (int)i;
	return -1;
}

const struct sim_stmt_def *sim_stmt_def(unsigned int i)
{
	return &sim_stmts[i];
}

void sim_statements_print(FILE *f)
{
	static const char *const classes[] = {
		[SIM_STMT_HEADER] = "Header statements",
		[SIM_STMT_OPERATION] = "Operations",
		[SIM_STMT_EXPECTATION] = "Expectations",
	};
	int c;
	size_t i;

	for (c = 0; c < SIM_NR_STMT_CLASSES; c++) {
		fprintf(f, "%s%s:\n", c ? "\n" : "", classes[c]);
		for (i = 0; i < ARRAY_SIZE(sim_stmts); i++) {
			const struct sim_stmt_def *d = &sim_stmts[i];
			const char *s = d->usage, *nl;

			if ((int)d->cls != c)
				continue;
			for (; s; s = nl ? nl + 1 : NULL) {
				nl = strchr(s, '\n');
				fprintf(f, "  %.*s",
					nl ? (int)(nl - s) : (int)strlen(s), s);
				if (!nl && d->cap != SIM_CAP_NONE)
					fprintf(f, "   (requires %s)",
						sim_cap_name(d->cap));
				fputc('\n', f);
			}
			for (s = d->forms_require; s; s = nl ? nl + 1 : NULL) {
				nl = strchr(s, '\n');
				fprintf(f, "      %.*s\n",
					nl ? (int)(nl - s) : (int)strlen(s), s);
			}
		}
	}
}
