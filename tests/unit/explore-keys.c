// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmsim explore deduplicates states on a key (explore/explore.c
 * state_key: sim_hash_history() and what of its own records matters):
 * two states with the same key must have the same futures, or the search
 * would miss what only one of them leads to.  Every path of three steps
 * from the start, and the keys of every step after each: states that
 * share a key share the multiset of their successors' keys.  (A handle's
 * slot number once leaked into the values DMA wrote, and two states
 * with one key had different successors.)  The key is taken up to a
 * renaming of processes, pages and values (sim_hash_history_sym()), so
 * the successors are compared by a key up to every renaming: equal when
 * they are the same up to one.  That key leaves out the order a KSM pass
 * meets pages with the same contents in, which the explorer's key keeps
 * (it changes what the pass does): so a renaming that the pass would
 * tell apart shows here as successors that differ (the pass's).  With
 * three processes siblings are interchangeable, and a state and its twin
 * with the siblings' roles swapped share one key.
 */
#include "explore/explore.c"

#include "tests/unit/helpers.h"

struct ent {
	uint64_t key, succ;
};

struct walk {
	struct sim_explore_opts o;
	struct ent *v;
	size_t n, cap;
};

/* A hash of the multiset of the keys of @x's successors. */
static uint64_t successors(struct walk *w, struct xstate *x)
{
	struct sim_xop ops[512];
	unsigned int n = enumerate(&w->o, x, ops), i;
	uint64_t sum = 0;

	for (i = 0; i < n; i++) {
		struct xviol v = { 0 };
		struct xstate nx;

		assert_int_equal(xstate_clone(&nx, x), 0);
		if (!apply(&nx, &ops[i], &v)) {
			uint64_t k;

			/* Up to every renaming, the KSM pass's order aside. */
			nx.ksm = false;
			k = state_key(&nx);

			sum += (k * 0x9e3779b97f4a7c15ULL) ^ (k >> 17);
		}
		sim_destroy(nx.sim);
	}
	return sum;
}

static void visit(struct walk *w, struct xstate *x, int depth)
{
	struct sim_xop ops[512];
	unsigned int n, i;

	if (w->n == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 1024;
		w->v = realloc(w->v, w->cap * sizeof(*w->v));
		assert_non_null(w->v);
	}
	w->v[w->n].key = state_key(x);
	w->v[w->n++].succ = successors(w, x);
	if (!depth)
		return;
	n = enumerate(&w->o, x, ops);
	for (i = 0; i < n; i++) {
		struct xviol v = { 0 };
		struct xstate nx;

		assert_int_equal(xstate_clone(&nx, x), 0);
		if (!apply(&nx, &ops[i], &v))
			visit(w, &nx, depth - 1);
		sim_destroy(nx.sim);
	}
}

static int by_key(const void *a, const void *b)
{
	const struct ent *x = a, *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

static void same_key_same_successors_in(const char *policy, unsigned int procs,
					uint32_t ops)
{
	struct walk w = {
		.o = { .policy = policy, .procs = procs, .ops = ops }
	};
	struct xstate root;
	size_t i, shared = 0;

	sim_explore_defaults(&w.o);
	assert_int_equal(root_state(&w.o, &root), 0);
	visit(&w, &root, 3);
	qsort(w.v, w.n, sizeof(*w.v), by_key);
	for (i = 1; i < w.n; i++) {
		if (w.v[i].key != w.v[i - 1].key)
			continue;
		shared++;
		assert_true(w.v[i].succ == w.v[i - 1].succ);
	}
	/* Many paths meet: the test looks at something. */
	assert_true(shared > 1000);
	free(w.v);
	sim_destroy(root.sim);
}

static void same_key_same_successors(const char *policy)
{
	same_key_same_successors_in(policy, 0, 0);
}

/* The steps @ops from the start, as a state. */
static void run_path(const struct sim_explore_opts *o, struct xstate *x,
		     const struct sim_xop *ops, unsigned int n)
{
	unsigned int i;

	assert_int_equal(root_state(o, x), 0);
	for (i = 0; i < n; i++) {
		struct xviol v = { 0 };

		assert_int_equal(apply(x, &ops[i], &v), 0);
		assert_false(v.hit);
	}
}

#define XOP(k, p, pg, h)                                                      \
	{                                                                     \
		.kind = SIM_XOP_##k, .proc = (p), .page = (pg), .handle = (h) \
	}

/*
 * p0 forks c1 and c2; one of the siblings writes A[0] and pins A[1]:
 * the two states are the same up to which sibling is which.  A child
 * and its parent are not interchangeable (the child's anon_vma hangs
 * under the parent's), and neither are states whose memory differs.
 */
static void siblings_are_interchangeable(void **state)
{
	struct sim_explore_opts o = { .procs = 3 };
	const struct sim_xop a[] = { XOP(FORK, 0, 0, 0), XOP(FORK, 0, 0, 0),
				     XOP(WRITE, 1, 0, 0),
				     XOP(RW_PIN, 1, 1, 0) };
	const struct sim_xop b[] = { XOP(FORK, 0, 0, 0), XOP(FORK, 0, 0, 0),
				     XOP(WRITE, 2, 0, 0),
				     XOP(RW_PIN, 2, 1, 0) };
	const struct sim_xop c[] = { XOP(FORK, 0, 0, 0), XOP(FORK, 0, 0, 0),
				     XOP(WRITE, 2, 1, 0),
				     XOP(RW_PIN, 2, 1, 0) };
	struct xstate xa, xb, xc;

	(void)state;
	sim_explore_defaults(&o);
	run_path(&o, &xa, a, 4);
	run_path(&o, &xb, b, 4);
	run_path(&o, &xc, c, 4);
	assert_true(sim_hash_history(xa.sim) != sim_hash_history(xb.sim));
	assert_true(state_key(&xa) == state_key(&xb));
	assert_true(state_key(&xa) != state_key(&xc));
	sim_destroy(xa.sim);
	sim_destroy(xb.sim);
	sim_destroy(xc.sim);
}

/*
 * The two pages are interchangeable: a write to either, one state.  Two
 * zero-filled pages, one free and one held by a FOLL_GET reference, are
 * not when KSM may run: the pass merges the later page it meets into
 * the earlier, and only if the free page comes second does it try (and
 * undo) a merge.  (Without swapout in the alphabet.)
 */
static void pages_are_interchangeable(void **state)
{
	struct sim_explore_opts o = { 0 };
	const struct sim_xop a[] = { XOP(WRITE, 0, 0, 0) };
	const struct sim_xop b[] = { XOP(WRITE, 0, 1, 0) };
	const struct sim_xop c[] = { XOP(RW_PIN, 0, 0, 0), XOP(UNPIN, 0, 0, 0),
				     XOP(RW_GET, 0, 1, 1) };
	const struct sim_xop d[] = { XOP(RW_PIN, 0, 1, 0), XOP(UNPIN, 0, 0, 0),
				     XOP(RW_GET, 0, 0, 1) };
	struct xstate xa, xb, xc, xd;

	(void)state;
	sim_explore_defaults(&o);
	/* Swap readahead tells pages apart: see swap_reads_ahead_by_place. */
	o.ops &= ~(1U << SIM_XOP_SWAPOUT);
	run_path(&o, &xa, a, 1);
	run_path(&o, &xb, b, 1);
	run_path(&o, &xc, c, 3);
	run_path(&o, &xd, d, 3);
	assert_true(state_key(&xa) == state_key(&xb));
	assert_true(state_key(&xc) != state_key(&xd));
	xc.ksm = xd.ksm = false;
	assert_true(state_key(&xc) == state_key(&xd));
	sim_destroy(xa.sim);
	sim_destroy(xb.sim);
	sim_destroy(xc.sim);
	sim_destroy(xd.sim);
}

/* Three processes: the renaming of siblings keeps the futures. */
static void equal_keys_have_equal_futures_3_procs(void **state)
{
	(void)state;
	same_key_same_successors_in(
		"v5.9", 3,
		1U << SIM_XOP_READ | 1U << SIM_XOP_WRITE | 1U << SIM_XOP_FORK |
			1U << SIM_XOP_EXIT | 1U << SIM_XOP_RW_PIN |
			1U << SIM_XOP_DMA_WRITE | 1U << SIM_XOP_SWAPOUT |
			1U << SIM_XOP_KSM);
}

/* Without swapout the pages are renamed too (KSM's checksums with them). */
static void equal_keys_have_equal_futures_pages_renamed(void **state)
{
	(void)state;
	same_key_same_successors_in("latest", 0,
				    sim_explore_default_ops() &
					    ~(1U << SIM_XOP_SWAPOUT));
}

/*
 * With swapout in the alphabet the pages keep their places: a swap
 * fault's readahead window depends on where the page is and where the
 * last swap fault was (swap_vma_ra_win), so the same write to either
 * page gives two keys.
 */
static void swap_reads_ahead_by_place(void **state)
{
	struct sim_explore_opts o = { 0 };
	const struct sim_xop a[] = { XOP(WRITE, 0, 0, 0) };
	const struct sim_xop b[] = { XOP(WRITE, 0, 1, 0) };
	struct xstate xa, xb;

	(void)state;
	sim_explore_defaults(&o);
	run_path(&o, &xa, a, 1);
	run_path(&o, &xb, b, 1);
	assert_true(state_key(&xa) != state_key(&xb));
	sim_destroy(xa.sim);
	sim_destroy(xb.sim);
}

static void equal_keys_have_equal_futures_latest(void **state)
{
	(void)state;
	same_key_same_successors("latest");
}

static void equal_keys_have_equal_futures_v5_9(void **state)
{
	(void)state;
	same_key_same_successors("v5.9");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(equal_keys_have_equal_futures_latest),
		cmocka_unit_test(equal_keys_have_equal_futures_v5_9),
		cmocka_unit_test(siblings_are_interchangeable),
		cmocka_unit_test(pages_are_interchangeable),
		cmocka_unit_test(swap_reads_ahead_by_place),
		cmocka_unit_test(equal_keys_have_equal_futures_pages_renamed),
		cmocka_unit_test(equal_keys_have_equal_futures_3_procs),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
