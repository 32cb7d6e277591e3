// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmsim explore deduplicates states on a key (explore/explore.c
 * state_key: sim_hash_history() and what of its own records matters):
 * two states with the same key must have the same futures, or the search
 * would miss what only one of them leads to.  Every path of three steps
 * from the start, and the keys of every step after each: states that
 * share a key share the multiset of their successors' keys.  (A handle's
 * slot number once leaked into the values DMA wrote, and two states
 * with one key had different successors.)
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
			uint64_t k = state_key(&nx);

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

static void same_key_same_successors(const char *policy)
{
	struct walk w = { .o = { .policy = policy } };
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
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
