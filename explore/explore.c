// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmsim explore (docs/explore.md): breadth-first search over sequences of
 * operations on the model, deduplicated on sim_hash_history(), with the
 * invariants and the behaviour properties checked after every step.
 *
 * A state of the search is a struct sim and the explorer's names for what
 * it made in it (process and handle slots).  Only the tree of steps is
 * kept, 8 bytes per state, and a state is rebuilt by replaying its steps
 * from the root: a clone per state kept would cost tens of kilobytes.
 * Nodes of a level are stored grouped by parent, so a parent's state is
 * rebuilt once for all its children.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "explore/explore.h"

#define MAX_SLOTS (SIM_EXPLORE_MAX_DEPTH + 1)
#define NO_NODE UINT32_MAX

static const char *const xop_names[SIM_NR_XOPS] = {
	[SIM_XOP_READ] = "read",	 [SIM_XOP_WRITE] = "write",
	[SIM_XOP_FORK] = "fork",	 [SIM_XOP_EXIT] = "exit",
	[SIM_XOP_DONTNEED] = "dontneed", [SIM_XOP_MPROTECT] = "mprotect",
	[SIM_XOP_RO_GET] = "ro-get",	 [SIM_XOP_RW_GET] = "rw-get",
	[SIM_XOP_RW_PIN] = "rw-pin",	 [SIM_XOP_RO_PIN] = "ro-pin",
	[SIM_XOP_UNPIN] = "unpin",	 [SIM_XOP_DMA_WRITE] = "dma-write",
	[SIM_XOP_DMA_READ] = "dma-read", [SIM_XOP_SWAPOUT] = "swapout",
	[SIM_XOP_SWAPOFF] = "swapoff",	 [SIM_XOP_KSM] = "ksm",
	[SIM_XOP_MIGRATE] = "migrate",
};

const char *sim_xop_name(enum sim_xop_kind kind)
{
	return kind < SIM_NR_XOPS ? xop_names[kind] : "?";
}

uint32_t sim_explore_default_ops(void)
{
	return (1U << SIM_NR_XOPS) - 1;
}

int sim_explore_parse_ops(const char *list, uint32_t *ops, const char **bad,
			  int *badlen)
{
	const char *p = list;

	*ops = 0;
	while (*p) {
		size_t len = strcspn(p, ",");
		int k;

		for (k = 0; k < SIM_NR_XOPS; k++)
			if (strlen(xop_names[k]) == len &&
			    !strncmp(xop_names[k], p, len))
				break;
		if (k == SIM_NR_XOPS) {
			*bad = p;
			*badlen = (int)len;
			return -EINVAL;
		}
		*ops |= 1U << k;
		p += len;
		if (*p == ',')
			p++;
	}
	if (!*ops) {
		*bad = list;
		*badlen = 0;
		return -EINVAL;
	}
	return 0;
}

void sim_explore_defaults(struct sim_explore_opts *o)
{
	if (!o->policy)
		o->policy = "latest";
	if (!o->procs)
		o->procs = 2;
	if (!o->pages)
		o->pages = 2;
	if (!o->depth)
		o->depth = 6;
	if (!o->pins)
		o->pins = 1;
	if (!o->ops)
		o->ops = sim_explore_default_ops();
	if (!o->max_states)
		o->max_states = 20000000UL;
	if (!o->max_memory)
		o->max_memory = 1UL << 30;
}

/* A process the explorer made: slot 0 is p0, slot k (a fork) is ck. */
struct xproc {
	int mm;
	uint8_t epoch; /* forks it made: part of what it writes */
	bool alive, ro;
};

/* A handle: slot k is hk. */
struct xpin {
	int h;
	uint8_t owner, page, kind;
	bool live;
};

struct xstate {
	struct sim *sim;
	unsigned long addr;
	uint8_t npages, nslots, nlive, nhandles, npins;
	/* An rw-get reference was held by a process that forked. */
	bool foll_get_forked;
	/* ksm is in the alphabet (the key keeps more order: state_key). */
	bool ksm;
	/* swapout is: pages are not renamed (struct sim_sym's swap). */
	bool swap;
	struct xproc proc[MAX_SLOTS];
	struct xpin pin[MAX_SLOTS];
};

/* The first violation a check reports. */
struct xviol {
	bool hit;
	enum sim_violation_id id;
	char msg[256];
};

static void viol_cb(void *ctx, const struct sim_violation *v)
{
	struct xviol *x = ctx;

	if (x->hit)
		return;
	x->hit = true;
	x->id = v->id;
	snprintf(x->msg, sizeof(x->msg), "%s: %s", v->invariant, v->msg);
}

/* What a process writes: who it is and how many times it forked. */
static uint64_t write_value(const struct xstate *x, unsigned int slot)
{
	return 0x1000ULL * (slot + 1) + x->proc[slot].epoch;
}

/* What a device writes through a handle: the page's own value. */
static uint64_t dma_value(unsigned int page)
{
	return 0xd000ULL + page;
}

static unsigned long page_addr(const struct xstate *x, unsigned int page)
{
	return x->addr + page * 4096UL;
}

static int root_state(const struct sim_explore_opts *o, struct xstate *x)
{
	int ret;

	memset(x, 0, sizeof(*x));
	x->sim = sim_create();
	if (!x->sim)
		return -ENOMEM;
	ret = sim_set_policy(x->sim, o->policy);
	if (!ret)
		ret = sim_mmap(x->sim, 0, o->pages, PROT_READ | PROT_WRITE,
			       false, &x->addr);
	if (!ret && (o->ops & (1U << SIM_XOP_KSM)))
		ret = sim_madvise(x->sim, 0, x->addr, o->pages, MADV_MERGEABLE);
	if (ret) {
		sim_destroy(x->sim);
		x->sim = NULL;
		return ret;
	}
	x->proc[0].alive = true;
	x->ksm = o->ops & (1U << SIM_XOP_KSM);
	x->swap = o->ops & (1U << SIM_XOP_SWAPOUT);
	x->npages = (uint8_t)o->pages;
	x->nslots = x->nlive = 1;
	return 0;
}

static int xstate_clone(struct xstate *dst, const struct xstate *src)
{
	*dst = *src;
	dst->sim = sim_clone(src->sim);
	return dst->sim ? 0 : -ENOMEM;
}

static unsigned int pin_flags(unsigned int kind)
{
	switch (kind) {
	case SIM_XOP_RO_GET:
		return 0;
	case SIM_XOP_RW_GET:
		return SIM_GUP_WRITE;
	case SIM_XOP_RW_PIN:
		return SIM_GUP_WRITE | SIM_GUP_PIN | SIM_GUP_LONGTERM;
	default:
		return SIM_GUP_PIN | SIM_GUP_LONGTERM;
	}
}

/*
 * Apply @op to @x, then check.  Returns 0 for a step taken, 1 for one that
 * is not a step (the operation failed or raised a signal: the search does
 * not follow it).
 */
static int apply(struct xstate *x, const struct sim_xop *op, struct xviol *v)
{
	struct xproc *p = &x->proc[op->proc];
	struct xpin *h = &x->pin[op->handle];
	unsigned long addr = page_addr(x, op->page);
	uint64_t val;
	int ret = 0, child, k;

	/* A step of a shrunk walk may name what no longer exists. */
	switch (op->kind) {
	case SIM_XOP_UNPIN:
	case SIM_XOP_DMA_WRITE:
	case SIM_XOP_DMA_READ:
		if (op->handle >= x->nhandles || !h->live)
			return 1;
		break;
	case SIM_XOP_SWAPOFF:
	case SIM_XOP_KSM:
		break;
	default:
		if (op->proc >= x->nslots || !p->alive || op->page >= x->npages)
			return 1;
	}
	switch (op->kind) {
	case SIM_XOP_READ:
		ret = sim_load(x->sim, p->mm, addr, &val);
		break;
	case SIM_XOP_WRITE:
		ret = sim_store(x->sim, p->mm, addr, write_value(x, op->proc));
		break;
	case SIM_XOP_FORK:
		child = sim_fork(x->sim, p->mm);
		if (child < 0)
			return 1;
		for (k = 0; k < x->nhandles; k++)
			if (x->pin[k].live && x->pin[k].owner == op->proc &&
			    x->pin[k].kind == SIM_XOP_RW_GET)
				x->foll_get_forked = true;
		p->epoch++;
		x->proc[x->nslots] = (struct xproc){ .mm = child,
						     .alive = true,
						     .ro = p->ro };
		x->nslots++;
		x->nlive++;
		sim_check_fork(x->sim, p->mm, child, viol_cb, v);
		break;
	case SIM_XOP_EXIT:
		ret = sim_exit(x->sim, p->mm);
		if (!ret) {
			p->alive = false;
			x->nlive--;
		}
		break;
	case SIM_XOP_DONTNEED:
		ret = sim_madvise(x->sim, p->mm, addr, 1, MADV_DONTNEED);
		break;
	case SIM_XOP_MPROTECT:
		ret = sim_mprotect(x->sim, p->mm, x->addr, x->npages,
				   p->ro ? PROT_READ | PROT_WRITE : PROT_READ);
		if (!ret)
			p->ro = !p->ro;
		break;
	case SIM_XOP_RO_GET:
	case SIM_XOP_RW_GET:
	case SIM_XOP_RW_PIN:
	case SIM_XOP_RO_PIN:
		ret = sim_gup(x->sim, p->mm, addr, pin_flags(op->kind));
		if (ret < 0)
			return 1;
		x->pin[x->nhandles] = (struct xpin){ .h = ret,
						     .owner = op->proc,
						     .page = op->page,
						     .kind = op->kind,
						     .live = true };
		x->nhandles++;
		x->npins++;
		ret = 0;
		break;
	case SIM_XOP_UNPIN:
		ret = sim_unpin(x->sim, h->h);
		if (!ret) {
			h->live = false;
			x->npins--;
		}
		break;
	case SIM_XOP_DMA_WRITE:
		ret = sim_dma_write(x->sim, h->h, dma_value(h->page));
		break;
	case SIM_XOP_DMA_READ:
		ret = sim_dma_read(x->sim, h->h, &val);
		break;
	case SIM_XOP_SWAPOUT:
		ret = sim_swapout(x->sim, p->mm, addr, 1);
		break;
	case SIM_XOP_SWAPOFF:
		ret = sim_swapoff(x->sim);
		break;
	case SIM_XOP_KSM:
		ret = sim_ksm(x->sim, 0) < 0;
		break;
	case SIM_XOP_MIGRATE:
		ret = sim_migrate(x->sim, p->mm, addr);
		break;
	}
	if (ret)
		return 1;
	sim_check_changed(x->sim, viol_cb, v);
	return 0;
}

/* The steps possible from @x under @o, into @ops; returns how many. */
static unsigned int enumerate(const struct sim_explore_opts *o,
			      const struct xstate *x, struct sim_xop *ops)
{
	unsigned int n = 0, s, i, k;
	uint32_t on = o->ops;

#define ADD(kind_, proc_, page_, handle_)                              \
	ops[n++] = (struct sim_xop)                                    \
	{                                                              \
		.kind = (kind_), .proc = (uint8_t)(proc_),             \
		.page = (uint8_t)(page_), .handle = (uint8_t)(handle_) \
	}
	for (s = 0; s < x->nslots; s++) {
		if (!x->proc[s].alive)
			continue;
		for (i = 0; i < o->pages; i++) {
			for (k = SIM_XOP_READ; k <= SIM_XOP_MIGRATE; k++) {
				if (!(on & (1U << k)))
					continue;
				switch (k) {
				case SIM_XOP_READ:
				case SIM_XOP_DONTNEED:
				case SIM_XOP_SWAPOUT:
				case SIM_XOP_MIGRATE:
					ADD(k, s, i, 0);
					break;
				case SIM_XOP_WRITE:
					if (!x->proc[s].ro)
						ADD(k, s, i, 0);
					break;
				case SIM_XOP_RO_GET:
				case SIM_XOP_RW_GET:
				case SIM_XOP_RW_PIN:
				case SIM_XOP_RO_PIN:
					if (x->npins < o->pins &&
					    x->nhandles < MAX_SLOTS)
						ADD(k, s, i, 0);
					break;
				}
			}
		}
		if ((on & (1U << SIM_XOP_FORK)) && x->nlive < o->procs &&
		    x->nslots < MAX_SLOTS)
			ADD(SIM_XOP_FORK, s, 0, 0);
		if ((on & (1U << SIM_XOP_EXIT)) && x->nlive > 1)
			ADD(SIM_XOP_EXIT, s, 0, 0);
		if (on & (1U << SIM_XOP_MPROTECT))
			ADD(SIM_XOP_MPROTECT, s, 0, 0);
	}
	for (k = 0; k < x->nhandles; k++) {
		const struct xpin *h = &x->pin[k];

		if (!h->live)
			continue;
		if (on & (1U << SIM_XOP_UNPIN))
			ADD(SIM_XOP_UNPIN, 0, 0, k);
		if (on & (1U << SIM_XOP_DMA_READ))
			ADD(SIM_XOP_DMA_READ, 0, 0, k);
		if ((on & (1U << SIM_XOP_DMA_WRITE)) &&
		    h->kind != SIM_XOP_RO_GET && h->kind != SIM_XOP_RO_PIN)
			ADD(SIM_XOP_DMA_WRITE, 0, 0, k);
	}
	if (on & (1U << SIM_XOP_SWAPOFF))
		ADD(SIM_XOP_SWAPOFF, 0, 0, 0);
	if (on & (1U << SIM_XOP_KSM))
		ADD(SIM_XOP_KSM, 0, 0, 0);
#undef ADD
	return n;
}

/*
 * The key of a state: the model's canonical state with the write history
 * the properties read, up to a renaming of the live processes and of the
 * values written (sim_hash_history_sym()): what each live process writes
 * next seeds the renaming, so that the key says which contents its next
 * write equals, and a process's later values are new ones.  A DMA write's
 * value depends on its page alone, not on the handle's slot, so that
 * slots are only names; those values keep their names.  Two paths whose
 * states differ only in which process is which meet in one key; the
 * scenario of a violation is still the path that was taken.  And the
 * FOLL_GET class of the path.
 */
static uint64_t state_key(const struct xstate *x)
{
	uint64_t dma[SIM_EXPLORE_MAX_PAGES], next[MAX_SLOTS], h;
	struct sim_sym sym = { .next = next,
			       .start = x->addr,
			       .npages = x->npages,
			       .page_values = dma,
			       .ksm = x->ksm,
			       .swap = x->swap };
	unsigned int s, n = 0;

	for (s = 0; s < x->npages; s++)
		dma[s] = dma_value(s);
	/* Slots are made in fork order: mm id order. */
	for (s = 0; s < x->nslots; s++)
		if (x->proc[s].alive)
			next[n++] = write_value(x, s);
	h = sim_hash_history_sym(x->sim, &sym);
	h ^= x->foll_get_forked;
	h *= 0x9e3779b97f4a7c15ULL;
	return h | 1; /* 0 marks an empty bucket */
}

struct node {
	uint32_t parent;
	struct sim_xop op;
};

struct search {
	const struct sim_explore_opts *o;
	struct sim_explore_result *r;
	struct node *nodes;
	size_t nnodes, capnodes;
	uint64_t *set;
	size_t setcap, setn;
	struct xstate root;
	struct timespec t0;
};

static double since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	       (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static size_t memory_used(const struct search *s)
{
	return s->capnodes * sizeof(*s->nodes) + s->setcap * sizeof(*s->set);
}

/* Insert @key; true if it is new.  -ENOMEM: the table cannot grow. */
static int set_insert(struct search *s, uint64_t key)
{
	size_t i;

	if (2 * (s->setn + 1) > s->setcap) {
		size_t cap = s->setcap ? 2 * s->setcap : 1 << 16, j;
		uint64_t *set = calloc(cap, sizeof(*set));

		if (!set)
			return -ENOMEM;
		for (j = 0; j < s->setcap; j++) {
			uint64_t k = s->set[j];

			if (!k)
				continue;
			for (i = k & (cap - 1); set[i]; i = (i + 1) & (cap - 1))
				;
			set[i] = k;
		}
		free(s->set);
		s->set = set;
		s->setcap = cap;
	}
	for (i = key & (s->setcap - 1); s->set[i];
	     i = (i + 1) & (s->setcap - 1))
		if (s->set[i] == key)
			return 0;
	s->set[i] = key;
	s->setn++;
	return 1;
}

static int add_node(struct search *s, uint32_t parent, const struct sim_xop *op)
{
	if (s->nnodes == s->capnodes) {
		size_t cap = s->capnodes ? 2 * s->capnodes : 1 << 16;
		struct node *n = realloc(s->nodes, cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		s->nodes = n;
		s->capnodes = cap;
	}
	s->nodes[s->nnodes++] = (struct node){ .parent = parent, .op = *op };
	return 0;
}

/* The steps from the root to node @n, into @path; returns how many. */
static unsigned int path_of(const struct search *s, uint32_t n,
			    struct sim_xop *path)
{
	struct sim_xop rev[SIM_EXPLORE_MAX_DEPTH];
	unsigned int len = 0, i;

	while (n != 0 && n != NO_NODE && len < SIM_EXPLORE_MAX_DEPTH) {
		rev[len++] = s->nodes[n].op;
		n = s->nodes[n].parent;
	}
	for (i = 0; i < len; i++)
		path[i] = rev[len - 1 - i];
	return len;
}

/* The state of node @n, replayed from the root into @x. */
static int rebuild(const struct search *s, uint32_t n, struct xstate *x)
{
	struct sim_xop path[SIM_EXPLORE_MAX_DEPTH];
	unsigned int len = path_of(s, n, path), i;
	struct xviol v = { 0 };
	int ret = xstate_clone(x, &s->root);

	for (i = 0; !ret && i < len; i++)
		if (apply(x, &path[i], &v))
			ret = -EIO; /* a step that was one is one again */
	return ret;
}

static void progress(struct search *s, unsigned int depth, size_t frontier)
{
	struct sim_explore_stats *st = &s->r->st;

	st->states = s->setn;
	st->depth = depth;
	st->frontier = frontier;
	st->seconds = since(&s->t0);
	st->memory = memory_used(s);
	if (s->o->progress)
		s->o->progress(s->o->progress_ctx, st);
}

static bool wanted(const struct sim_explore_opts *o, enum sim_violation_id id)
{
	unsigned int what;

	if (!o->find)
		return true;
	switch (id) {
	case SIM_V_PROP_LEAK:
		what = SIM_EXPLORE_FIND_LEAK;
		break;
	case SIM_V_PROP_STALE:
		what = SIM_EXPLORE_FIND_STALE;
		break;
	case SIM_V_PROP_LOST_WRITE:
		what = SIM_EXPLORE_FIND_LOST_WRITE;
		break;
	default:
		what = SIM_EXPLORE_FIND_INVARIANT;
	}
	return o->find & what;
}

/*
 * One thread's share of a level: the nodes [lo, hi), expanded into its
 * own list of new nodes; what it met, for the merge after the level.
 */
struct worker {
	struct search *s;
	size_t lo, hi;
	unsigned int depth, id;
	struct node *out;
	uint64_t *keys; /* out[i]'s state key */
	size_t nout, capout;
	bool found;
	size_t found_n;
	unsigned int found_i;
	struct sim_xop found_op;
	enum sim_violation_id found_id;
	char what[256];
	unsigned long transitions, known, other;
	int ret;
	pthread_t tid;
};

static int worker_add(struct worker *w, uint32_t parent,
		      const struct sim_xop *op, uint64_t key)
{
	if (w->nout == w->capout) {
		size_t cap = w->capout ? 2 * w->capout : 1 << 12;
		struct node *n = realloc(w->out, cap * sizeof(*n));
		uint64_t *k = realloc(w->keys, cap * sizeof(*k));

		if (n)
			w->out = n;
		if (k)
			w->keys = k;
		if (!n || !k)
			return -ENOMEM;
		w->capout = cap;
	}
	w->out[w->nout] = (struct node){ .parent = parent, .op = *op };
	w->keys[w->nout++] = key;
	return 0;
}

/* Whether @key was seen at an earlier level (the set is not written
 * while the workers run: no lock). */
static bool set_contains(const struct search *s, uint64_t key)
{
	size_t i;

	if (!s->setcap)
		return false;
	for (i = key & (s->setcap - 1); s->set[i];
	     i = (i + 1) & (s->setcap - 1))
		if (s->set[i] == key)
			return true;
	return false;
}

/*
 * Expand every node of [w->lo, w->hi): each step from it that is a step
 * and leads to a state not seen yet becomes a node of the next level.
 * Stops at the first violation of its share, or at a limit.
 */
static void *expand_chunk(void *arg)
{
	struct worker *w = arg;
	struct search *s = w->s;
	struct sim_xop ops[512];
	struct xstate parent = { 0 }, cur;
	uint32_t parent_idx = NO_NODE;
	size_t n;
	int ret = 0;

	for (n = w->lo; n < w->hi && !ret; n++) {
		unsigned int nops, i;

		if (n == 0) {
			ret = xstate_clone(&cur, &s->root);
		} else {
			struct xviol v = { 0 };

			if (s->nodes[n].parent != parent_idx) {
				if (parent.sim)
					sim_destroy(parent.sim);
				parent.sim = NULL;
				parent_idx = s->nodes[n].parent;
				ret = rebuild(s, parent_idx, &parent);
				if (ret)
					break;
			}
			ret = xstate_clone(&cur, &parent);
			if (!ret && apply(&cur, &s->nodes[n].op, &v))
				ret = -EIO;
		}
		if (ret)
			break;
		nops = enumerate(s->o, &cur, ops);
		for (i = 0; i < nops && !ret; i++) {
			struct xviol v = { 0 };
			struct xstate next;
			uint64_t key;

			ret = xstate_clone(&next, &cur);
			if (ret)
				break;
			w->transitions++;
			if (apply(&next, &ops[i], &v)) {
				sim_destroy(next.sim);
				continue;
			}
			if (v.hit && next.foll_get_forked &&
			    !s->o->foll_get_fork) {
				/* Known: no kernel protects this. */
				w->known++;
				sim_destroy(next.sim);
				continue;
			}
			if (v.hit && !wanted(s->o, v.id)) {
				w->other++;
				v.hit = false;
			}
			if (v.hit) {
				w->found = true;
				w->found_n = n;
				w->found_i = i;
				w->found_op = ops[i];
				w->found_id = v.id;
				memcpy(w->what, v.msg, sizeof(w->what));
				sim_destroy(next.sim);
				ret = 1;
				break;
			}
			key = state_key(&next);
			sim_destroy(next.sim);
			/* Seen at this level too: the merge decides, in order. */
			if (!set_contains(s, key))
				ret = worker_add(w, (uint32_t)n, &ops[i], key);
		}
		sim_destroy(cur.sim);
		if (w->id == 0 && !(n & 1023))
			progress(s, w->depth, w->hi - n);
	}
	if (parent.sim)
		sim_destroy(parent.sim);
	w->ret = ret < 0 ? ret : 0;
	/* A thread of its own ends here: what it kept goes back. */
	if (w->id)
		sim_thread_cache_drain();
	return NULL;
}

/*
 * Expand the level [@lo, @hi) on o->jobs threads, each a contiguous
 * share, then append their new nodes in share order.  Returns 1 when a
 * violation (the first in node order among the shares) or a limit ends
 * the search, 0, or -errno.
 */
static int expand_level(struct search *s, size_t lo, size_t hi,
			unsigned int depth)
{
	unsigned int jobs = s->o->jobs ? s->o->jobs : 1, j;
	struct worker *ws, *best = NULL;
	size_t per;
	int ret = 0;

	if (jobs > hi - lo)
		jobs = (unsigned int)(hi - lo);
	ws = calloc(jobs, sizeof(*ws));
	if (!ws)
		return -ENOMEM;
	per = (hi - lo + jobs - 1) / jobs;
	for (j = 0; j < jobs; j++) {
		ws[j].s = s;
		ws[j].id = j;
		ws[j].depth = depth;
		ws[j].lo = lo + j * per;
		ws[j].hi = ws[j].lo + per < hi ? ws[j].lo + per : hi;
	}
	for (j = 1; j < jobs; j++)
		if (pthread_create(&ws[j].tid, NULL, expand_chunk, &ws[j]))
			ws[j].ret = -EAGAIN;
	expand_chunk(&ws[0]);
	for (j = 1; j < jobs; j++)
		if (ws[j].ret != -EAGAIN)
			pthread_join(ws[j].tid, NULL);
	for (j = 0; j < jobs; j++) {
		s->r->st.transitions += ws[j].transitions;
		s->r->known += ws[j].known;
		s->r->other += ws[j].other;
		if (ws[j].ret && !ret)
			ret = ws[j].ret;
		if (ws[j].found && !best)
			best = &ws[j];
	}
	if (!ret && best) {
		struct sim_explore_result *r = s->r;

		r->found = true;
		r->id = best->found_id;
		memcpy(r->what, best->what, sizeof(r->what));
		r->npath = path_of(s, (uint32_t)best->found_n, r->path);
		r->path[r->npath++] = best->found_op;
		ret = 1;
	}
	/*
	 * The new states in share order, each the first time its key comes:
	 * what one thread would have found, whatever the threads' timing.
	 */
	for (j = 0; j < jobs && !ret; j++) {
		size_t k;

		for (k = 0; k < ws[j].nout && !ret; k++) {
			int isnew = set_insert(s, ws[j].keys[k]);

			if (isnew < 0)
				ret = isnew;
			else if (isnew)
				ret = add_node(s, ws[j].out[k].parent,
					       &ws[j].out[k].op);
			if (!ret && (s->setn >= s->o->max_states ||
				     memory_used(s) >= s->o->max_memory)) {
				s->r->limit = true;
				ret = 1;
			}
		}
	}
	for (j = 0; j < jobs; j++) {
		free(ws[j].out);
		free(ws[j].keys);
	}
	free(ws);
	return ret;
}

int sim_explore(const struct sim_explore_opts *o, struct sim_explore_result *r)
{
	struct search s = { .o = o, .r = r };
	struct sim_xop none = { 0 };
	unsigned int depth;
	size_t lo = 0, hi;
	int ret;

	memset(r, 0, sizeof(*r));
	if (o->procs < 1 || o->procs > SIM_EXPLORE_MAX_PROCS || o->pages < 1 ||
	    o->pages > SIM_EXPLORE_MAX_PAGES ||
	    o->depth > SIM_EXPLORE_MAX_DEPTH || o->pins > SIM_EXPLORE_MAX_PINS)
		return -EINVAL;
	clock_gettime(CLOCK_MONOTONIC, &s.t0);
	ret = root_state(o, &s.root);
	if (ret)
		return ret;
	ret = add_node(&s, NO_NODE, &none);
	if (!ret)
		ret = set_insert(&s, state_key(&s.root)) < 0 ? -ENOMEM : 0;
	for (depth = 0; !ret && depth < o->depth; depth++) {
		hi = s.nnodes;
		if (lo == hi)
			break;
		ret = expand_level(&s, lo, hi, depth);
		lo = hi;
		r->st.depth = depth + 1;
	}
	progress(&s, r->st.depth, s.nnodes - lo);
	sim_destroy(s.root.sim);
	free(s.nodes);
	free(s.set);
	return ret < 0 ? ret : 0;
}

/*
 * The scenario of a path.  Besides the steps, the values a correct
 * kernel (today's) shows: each process sees what its own line of
 * processes wrote (a fork copies the parent's view).  A handle is
 * connected while its process maps the page the handle holds: reads
 * through it see the process's view, DMA writes through it change that
 * view.  A pin stays connected across fork (fork copies the pinned page
 * for the child); a FOLL_GET reference does not (the page is shared, and
 * the first write copies it away from the reference); MADV_DONTNEED and
 * exit disconnect both, and the handle keeps the last value.  A FOLL_GET
 * write reference across fork is the known case no kernel keeps
 * coherent: what it and the processes see is not asserted.
 */
struct xref {
	uint64_t view[MAX_SLOTS][SIM_EXPLORE_MAX_PAGES];
	bool vknown[MAX_SLOTS][SIM_EXPLORE_MAX_PAGES];
	/*
	 * The page may be shared with another process (since a fork, until
	 * this process writes it), or merged by KSM: a FOLL_GET reference
	 * taken then holds a page the next write copies away from.
	 */
	bool shared[MAX_SLOTS][SIM_EXPLORE_MAX_PAGES];
	/* A page of its own is mapped (not none, not the zero page). */
	bool populated[MAX_SLOTS][SIM_EXPLORE_MAX_PAGES];
	bool ksm[MAX_SLOTS][SIM_EXPLORE_MAX_PAGES];
	uint8_t epoch[MAX_SLOTS];
	struct {
		uint8_t owner, page, kind;
		bool connected, known;
		uint64_t val;
	} h[MAX_SLOTS];
	unsigned int nslots, nhandles;
};

static void proc_name(char *buf, size_t len, unsigned int slot)
{
	if (slot)
		snprintf(buf, len, "c%u", slot);
	else
		snprintf(buf, len, "p0");
}

static bool is_pin(unsigned int kind)
{
	return kind == SIM_XOP_RW_PIN || kind == SIM_XOP_RO_PIN;
}

/* A handle's value for a correct kernel; false if it may be either. */
static bool handle_value(const struct xref *x, unsigned int k, uint64_t *v)
{
	unsigned int o = x->h[k].owner, pg = x->h[k].page;

	if (x->h[k].connected) {
		*v = x->view[o][pg];
		return x->vknown[o][pg];
	}
	*v = x->h[k].val;
	return x->h[k].known;
}

/* The handles of process @s (on page @pg, or any if @pg < 0) let go. */
static void disconnect(struct xref *x, unsigned int s, int pg, bool gets_only)
{
	unsigned int k;

	for (k = 0; k < x->nhandles; k++) {
		if (x->h[k].owner != s || !x->h[k].connected ||
		    (pg >= 0 && x->h[k].page != (unsigned int)pg) ||
		    (gets_only && is_pin(x->h[k].kind)))
			continue;
		x->h[k].known = handle_value(x, k, &x->h[k].val);
		x->h[k].connected = false;
		/* Nobody knows which page a FOLL_GET write reference hits. */
		if (gets_only && x->h[k].kind == SIM_XOP_RW_GET)
			x->h[k].known = false;
	}
}

static void ref_step(struct xref *x, const struct sim_xop *op, FILE *f)
{
	unsigned int s = op->proc, pg = op->page, k, i;
	char p[16], c[16];
	uint64_t v;

	proc_name(p, sizeof(p), s);
	switch (op->kind) {
	case SIM_XOP_READ:
		if (x->vknown[s][pg])
			fprintf(f, "expect %s A[%u] == %#llx\n", p, pg,
				(unsigned long long)x->view[s][pg]);
		else
			fprintf(f, "read %s A[%u]\n", p, pg);
		break;
	case SIM_XOP_WRITE:
		v = 0x1000ULL * (s + 1) + x->epoch[s];
		fprintf(f, "write %s A[%u] %#llx\n", p, pg,
			(unsigned long long)v);
		x->view[s][pg] = v;
		x->vknown[s][pg] = true;
		x->shared[s][pg] = x->ksm[s][pg] = false;
		x->populated[s][pg] = true;
		break;
	case SIM_XOP_FORK:
		proc_name(c, sizeof(c), x->nslots);
		fprintf(f, "fork %s %s\n", p, c);
		disconnect(x, s, -1, true);
		memcpy(x->view[x->nslots], x->view[s], sizeof(x->view[s]));
		memcpy(x->vknown[x->nslots], x->vknown[s],
		       sizeof(x->vknown[s]));
		memcpy(x->ksm[x->nslots], x->ksm[s], sizeof(x->ksm[s]));
		memcpy(x->populated[x->nslots], x->populated[s],
		       sizeof(x->populated[s]));
		/* A pinned page is copied for the child: neither shares. */
		for (i = 0; i < SIM_EXPLORE_MAX_PAGES; i++) {
			bool pinned = false;

			for (k = 0; k < x->nhandles; k++)
				pinned |= x->h[k].owner == s &&
					  x->h[k].page == i &&
					  x->h[k].connected &&
					  is_pin(x->h[k].kind);
			if (!pinned)
				x->shared[s][i] = x->shared[x->nslots][i] =
					true;
		}
		x->epoch[s]++;
		x->nslots++;
		break;
	case SIM_XOP_EXIT:
		fprintf(f, "exit %s\n", p);
		disconnect(x, s, -1, false);
		break;
	case SIM_XOP_DONTNEED:
		fprintf(f, "madvise %s A[%u] dontneed\n", p, pg);
		disconnect(x, s, (int)pg, false);
		x->view[s][pg] = 0;
		x->vknown[s][pg] = true;
		x->shared[s][pg] = x->ksm[s][pg] = false;
		x->populated[s][pg] = false;
		break;
	case SIM_XOP_MPROTECT:
		/* Written by the caller, which knows the protection. */
		break;
	case SIM_XOP_RO_GET:
	case SIM_XOP_RW_GET:
	case SIM_XOP_RW_PIN:
	case SIM_XOP_RO_PIN:
		k = x->nhandles++;
		fprintf(f, "pin h%u %s A[%u] %s\n", k, p, pg,
			op->kind == SIM_XOP_RO_GET ? "ro get" :
			op->kind == SIM_XOP_RW_GET ? "rw get" :
			op->kind == SIM_XOP_RW_PIN ? "rw pin longterm" :
						     "ro pin longterm");
		x->h[k].owner = (uint8_t)s;
		x->h[k].page = (uint8_t)pg;
		x->h[k].kind = op->kind;
		x->h[k].connected = true;
		if (op->kind != SIM_XOP_RO_GET) {
			/* A write or longterm reference faults in a page. */
			if (x->shared[s][pg] || !x->populated[s][pg])
				x->shared[s][pg] = x->ksm[s][pg] = false;
			x->populated[s][pg] = true;
			break;
		}
		/*
		 * A R/O FOLL_GET does not unshare: of the shared zero page
		 * (nothing written: processes never write 0), of a page
		 * shared since a fork, or of a KSM page, it holds what the
		 * next write copies away from.
		 */
		if (!x->populated[s][pg] || x->shared[s][pg] || x->ksm[s][pg]) {
			x->h[k].connected = false;
			x->h[k].val = x->view[s][pg];
			x->h[k].known = x->vknown[s][pg] && !x->ksm[s][pg];
		}
		break;
	case SIM_XOP_UNPIN:
		fprintf(f, "unpin h%u\n", op->handle);
		/* Released: it pins nothing any more. */
		x->h[op->handle].connected = false;
		break;
	case SIM_XOP_DMA_WRITE:
		k = op->handle;
		v = dma_value(x->h[k].page);
		fprintf(f, "dma-write h%u %#llx\n", k, (unsigned long long)v);
		if (x->h[k].connected) {
			x->view[x->h[k].owner][x->h[k].page] = v;
			x->vknown[x->h[k].owner][x->h[k].page] = true;
		} else if (x->h[k].kind == SIM_XOP_RW_GET) {
			/* It may land in a page processes still share. */
			for (i = 0; i < MAX_SLOTS; i++)
				x->vknown[i][x->h[k].page] = false;
		}
		x->h[k].val = v;
		x->h[k].known = true;
		break;
	case SIM_XOP_DMA_READ:
		if (handle_value(x, op->handle, &v))
			fprintf(f, "expect h%u == %#llx\n", op->handle,
				(unsigned long long)v);
		else
			fprintf(f, "expect h%u != 0xdeadbeefdeadbeef\n",
				op->handle);
		break;
	case SIM_XOP_SWAPOUT:
		fprintf(f, "swapout %s A[%u]\n", p, pg);
		break;
	case SIM_XOP_SWAPOFF:
		fprintf(f, "swapoff\n");
		break;
	case SIM_XOP_KSM:
		fprintf(f, "ksm\n");
		for (i = 0; i < x->nslots; i++)
			for (k = 0; k < SIM_EXPLORE_MAX_PAGES; k++)
				if (x->populated[i][k])
					x->ksm[i][k] = true;
		break;
	case SIM_XOP_MIGRATE:
		fprintf(f, "migrate %s A[%u]\n", p, pg);
		break;
	}
}

void sim_explore_write_scenario(FILE *f, const struct sim_explore_opts *o,
				const struct sim_explore_result *r)
{
	static const struct {
		enum sim_xop_kind kind;
		const char *cap;
	} caps[] = {
		{ SIM_XOP_SWAPOUT, "swap" },   { SIM_XOP_SWAPOFF, "swap" },
		{ SIM_XOP_KSM, "ksm" },	       { SIM_XOP_RO_GET, "vmsplice" },
		{ SIM_XOP_RW_PIN, "iouring" }, { SIM_XOP_RO_PIN, "gup_test" },
	};
	struct xref x;
	bool mprotected[MAX_SLOTS] = { false };
	const char *done[8];
	unsigned int i, j, k, ndone = 0;

	memset(&x, 0, sizeof(x));
	x.nslots = 1;
	for (i = 0; i < SIM_EXPLORE_MAX_PAGES; i++)
		x.vknown[0][i] = true;
	fprintf(f, "# SPDX-License-Identifier: GPL-2.0-only\n");
	fprintf(f,
		"# Found by mmsim explore --policy %s --procs %u "
		"--pages %u --pins %u",
		o->policy, o->procs, o->pages, o->pins);
	if (r->random)
		fprintf(f,
			" --random --seed %llu --steps %u\n#   (walk %lu, "
			"%u steps shrunk to %u)",
			(unsigned long long)r->seed, r->steps, r->walk + 1,
			r->unshrunk, r->npath);
	else
		fprintf(f, " --depth %u", o->depth);
	if (o->ops != sim_explore_default_ops()) {
		fprintf(f, "\n#   --ops ");
		for (i = 0, j = 0; i < SIM_NR_XOPS; i++)
			if (o->ops & (1U << i))
				fprintf(f, "%s%s", j++ ? "," : "",
					xop_names[i]);
	}
	if (o->find)
		fprintf(f, "%s--find %s",
			o->ops != sim_explore_default_ops() ? " " : "\n#   ",
			o->find & SIM_EXPLORE_FIND_LEAK	      ? "leak" :
			o->find & SIM_EXPLORE_FIND_STALE      ? "stale" :
			o->find & SIM_EXPLORE_FIND_LOST_WRITE ? "lost-write" :
								"invariant");
	if (o->foll_get_fork)
		fprintf(f, " --foll-get-fork");
	fprintf(f, "\n");
	fprintf(f, "# after %lu states: %s\n", r->st.states, r->what);
	fprintf(f, "# The expect lines say what a correct kernel shows.\n");
	fprintf(f, "title explore: %s under %s in %u steps\n",
		r->judged ? r->what : sim_violation_name(r->id), o->policy,
		r->npath);
	fprintf(f, "policy %s\n", o->policy);
	for (j = 0; j < sizeof(caps) / sizeof(caps[0]); j++) {
		bool used = false, dup = false;

		for (i = 0; i < r->npath; i++)
			used |= r->path[i].kind == caps[j].kind;
		for (i = 0; i < ndone; i++)
			dup |= !strcmp(done[i], caps[j].cap);
		if (used && !dup)
			done[ndone++] = caps[j].cap;
	}
	if (ndone) {
		fprintf(f, "requires");
		for (i = 0; i < ndone; i++)
			fprintf(f, " %s", done[i]);
		fprintf(f, "\n");
	}
	fprintf(f, "mmap p0 A %u\n", o->pages);
	/* The search's region is mergeable; only a ksm step needs it. */
	for (i = 0; i < r->npath; i++)
		if (r->path[i].kind == SIM_XOP_KSM) {
			fprintf(f, "madvise p0 A mergeable\n");
			break;
		}
	for (i = 0; i < r->npath; i++) {
		const struct sim_xop *op = &r->path[i];

		if (op->kind == SIM_XOP_MPROTECT) {
			char p[16];

			proc_name(p, sizeof(p), op->proc);
			fprintf(f, "mprotect %s A %s\n", p,
				mprotected[op->proc] ? "rw" : "ro");
			mprotected[op->proc] = !mprotected[op->proc];
			continue;
		}
		if (op->kind == SIM_XOP_FORK)
			mprotected[x.nslots] = mprotected[op->proc];
		ref_step(&x, op, f);
	}
	/*
	 * Then what each handle still held reads on a correct kernel, as a
	 * dma-read step would expect it: a STALE pin shows as a value the
	 * kernel can be asked for, not only as the model's property.
	 */
	for (k = 0; k < x.nhandles; k++) {
		bool released = false;
		uint64_t v;

		for (i = 0; i < r->npath; i++)
			released |= r->path[i].kind == SIM_XOP_UNPIN &&
				    r->path[i].handle == k;
		if (!released && handle_value(&x, k, &v))
			fprintf(f, "expect h%u == %#llx\n", k,
				(unsigned long long)v);
	}
}

/* xorshift64*: the walks' dice, reproducible from the seed. */
static uint64_t dice(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

/*
 * Replay @path from the start, dropping the steps that are no longer
 * steps; 1 if the model then breaks what @o looks for (into @r's what),
 * 2 if it meets the known FOLL_GET-across-fork class first, 0 if
 * neither, < 0 on error.  @path and @n are updated to what was taken.
 */
static int replay_fails(const struct sim_explore_opts *o,
			const struct xstate *root, struct sim_xop *path,
			unsigned int *n, struct sim_explore_result *r)
{
	struct xstate x;
	unsigned int i, kept = 0;
	int ret = xstate_clone(&x, root), fails = 0;

	if (ret)
		return ret;
	for (i = 0; i < *n && !fails; i++) {
		struct xviol v = { 0 };

		if (apply(&x, &path[i], &v))
			continue;
		path[kept++] = path[i];
		if (v.hit && x.foll_get_forked && !o->foll_get_fork) {
			fails = 2;
			break;
		}
		if (v.hit && wanted(o, v.id)) {
			r->id = v.id;
			snprintf(r->what, sizeof(r->what), "%s", v.msg);
			fails = 1;
		}
	}
	*n = kept;
	sim_destroy(x.sim);
	return fails;
}

/* The scenario of @path (into a malloc'd buffer, *len bytes). */
static char *scenario_text(const struct sim_explore_opts *o,
			   const struct sim_xop *path, unsigned int n,
			   const struct sim_explore_result *like, size_t *len)
{
	struct sim_explore_result *tmp = malloc(sizeof(*tmp));
	char *buf = NULL;
	FILE *f;

	if (!tmp)
		return NULL;
	*tmp = *like;
	memcpy(tmp->path, path, n * sizeof(*path));
	tmp->npath = n;
	f = open_memstream(&buf, len);
	if (f) {
		sim_explore_write_scenario(f, o, tmp);
		fclose(f);
	}
	free(tmp);
	return buf;
}

/* Whether @path fails: the model's violation, or the judge's verdict. */
static int walk_fails(const struct sim_explore_opts *o,
		      const struct sim_explore_walks *w,
		      const struct xstate *root, struct sim_xop *path,
		      unsigned int *n, struct sim_explore_result *r)
{
	char *text;
	size_t len;
	int ret;

	ret = replay_fails(o, root, path, n, r);
	if (ret == 2)
		return 0; /* known: not a failure */
	if (ret || !w->judge)
		return ret;
	text = scenario_text(o, path, *n, r, &len);
	if (!text)
		return -ENOMEM;
	ret = w->judge(w->judge_ctx, text, len, r->what, sizeof(r->what));
	free(text);
	return ret;
}

/* Leave out steps one at a time while the walk still fails. */
static int shrink(const struct sim_explore_opts *o,
		  const struct sim_explore_walks *w, const struct xstate *root,
		  struct sim_explore_result *r)
{
	struct sim_xop cand[SIM_EXPLORE_MAX_STEPS];
	struct sim_explore_result probe;
	unsigned int i, n;
	bool progress = true;
	int ret;

	while (progress) {
		progress = false;
		for (i = r->npath; i-- > 0;) {
			n = 0;
			memcpy(cand, r->path, i * sizeof(*cand));
			memcpy(cand + i, r->path + i + 1,
			       (r->npath - i - 1) * sizeof(*cand));
			n = r->npath - 1;
			probe = *r;
			ret = walk_fails(o, w, root, cand, &n, &probe);
			if (ret < 0)
				return ret;
			if (!ret)
				continue;
			memcpy(r->path, cand, n * sizeof(*cand));
			r->npath = n;
			r->id = probe.id;
			memcpy(r->what, probe.what, sizeof(r->what));
			progress = true;
			break;
		}
	}
	return 0;
}

int sim_explore_random(const struct sim_explore_opts *o,
		       const struct sim_explore_walks *w,
		       struct sim_explore_result *r)
{
	struct sim_xop ops[512];
	struct xstate root;
	struct timespec t0;
	uint64_t seed = w->seed ? w->seed : 1;
	unsigned long k;
	int ret;

	memset(r, 0, sizeof(*r));
	r->random = true;
	r->seed = seed;
	r->steps = w->steps;
	if (o->procs < 1 || o->procs > SIM_EXPLORE_MAX_PROCS || o->pages < 1 ||
	    o->pages > SIM_EXPLORE_MAX_PAGES ||
	    o->pins > SIM_EXPLORE_MAX_PINS || !w->steps ||
	    w->steps > SIM_EXPLORE_MAX_STEPS)
		return -EINVAL;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ret = root_state(o, &root);
	if (ret)
		return ret;
	for (k = 0; k < w->walks && !r->found && !ret; k++) {
		struct xstate x;
		unsigned int n = 0, tries = 0;
		bool x_known = false;

		ret = xstate_clone(&x, &root);
		if (ret)
			break;
		while (n < w->steps && tries < 4 * w->steps) {
			struct xviol v = { 0 };
			unsigned int nops = enumerate(o, &x, ops);
			struct sim_xop op;

			tries++;
			if (!nops)
				break;
			op = ops[dice(&seed) % nops];
			r->st.transitions++;
			if (apply(&x, &op, &v))
				continue;
			r->path[n++] = op;
			if (v.hit && x.foll_get_forked && !o->foll_get_fork) {
				r->known++;
				x_known = true;
				break;
			}
			if (v.hit && wanted(o, v.id)) {
				r->found = true;
				r->id = v.id;
				snprintf(r->what, sizeof(r->what), "%s", v.msg);
				break;
			}
		}
		sim_destroy(x.sim);
		r->npath = n;
		r->st.states += n;
		if (!r->found && w->judge && !(r->npath && x_known)) {
			int f = walk_fails(o, w, &root, r->path, &r->npath, r);

			if (f < 0)
				ret = f;
			r->found = r->judged = f > 0;
		}
		if (r->found) {
			r->walk = k;
			r->unshrunk = r->npath;
			ret = shrink(o, w, &root, r);
		}
	}
	r->st.depth = w->steps;
	r->st.seconds = since(&t0);
	sim_destroy(root.sim);
	return ret;
}
