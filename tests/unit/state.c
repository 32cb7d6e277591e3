// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests sim_clone(), sim_hash() and sim_equal() of harness/state.c: a clone is
 * equal to its original and hashes the same, diverges after a change to
 * one side only, stays equal under the same operations on both, does not
 * depend on the original (which may be destroyed), and equality ignores
 * history (event counters, allocation generations) but not state.
 */
#include "tests/unit/helpers.h"

#include "linux/mm.h"
#include "linux/sim_machine.h"

/* Addresses of the state built by build_state(). */
struct layout {
	unsigned long priv, shared;
	int child, pin, get;
};

/*
 * A state with something of everything: a private mapping with an
 * exclusive page, a page shared with a fork child, a COW copy and a zero
 * page; a shared mapping; a R/O pin and a FOLL_GET reference; a page and
 * page tables that were freed.
 */
static void build_state(struct sim *sim, struct layout *l)
{
	unsigned long scratch = map_rw(sim, 0, 1);
	int i;

	assert_int_equal(sim_store(sim, 0, scratch, 1), 0);
	assert_int_equal(sim_munmap(sim, 0, scratch, 1), 0);
	l->priv = map_rw(sim, 0, 4);
	assert_int_equal(sim_mmap(sim, 0, 2, PROT_READ | PROT_WRITE, true,
				  &l->shared),
			 0);
	for (i = 0; i < 3; i++)
		assert_int_equal(
			sim_store(sim, 0, l->priv + i * PAGE_SIZE, 10 + i), 0);
	assert_int_equal(load_val(sim, 0, l->priv + 3 * PAGE_SIZE), 0);
	assert_int_equal(sim_store(sim, 0, l->shared, 20), 0);
	l->child = sim_fork(sim, 0);
	assert_true(l->child > 0);
	assert_int_equal(sim_store(sim, l->child, l->priv, 30), 0);
	l->pin = sim_gup(sim, 0, l->priv + PAGE_SIZE, SIM_GUP_PIN);
	assert_true(l->pin >= 0);
	l->get = sim_gup(sim, l->child, l->priv + 2 * PAGE_SIZE, 0);
	assert_true(l->get >= 0);
	assert_sim_clean(sim);
}

static void clone_equals_original(void **state)
{
	struct sim *sim = *state, *copy;
	struct layout l;

	build_state(sim, &l);
	copy = sim_clone(sim);
	assert_non_null(copy);
	assert_true(sim_equal(sim, copy));
	assert_true(sim_equal(copy, sim));
	assert_int_equal(sim_hash(sim), sim_hash(copy));
	assert_sim_clean(copy);
	sim_destroy(copy);
}

static void clone_answers_queries_like_original(void **state)
{
	struct sim *sim = *state, *copy;
	struct sim_pte_info a, b;
	struct layout l;
	unsigned long addr;
	int mm, i;

	build_state(sim, &l);
	copy = sim_clone(sim);
	for (mm = 0; mm <= l.child; mm++) {
		for (i = 0; i < 4; i++) {
			addr = l.priv + i * PAGE_SIZE;
			a = query_pte(sim, mm, addr);
			b = query_pte(copy, mm, addr);
			assert_int_equal(a.kind, b.kind);
			assert_int_equal(a.pte, b.pte);
			assert_int_equal(a.pfn, b.pfn);
			assert_int_equal(a.exclusive, b.exclusive);
			assert_int_equal(a.mapcount, b.mapcount);
			assert_int_equal(a.refcount, b.refcount);
		}
	}
	assert_int_equal(sim_event_count(copy, SIM_COW_COPY),
			 sim_event_count(sim, SIM_COW_COPY));
	sim_destroy(copy);
}

static void store_on_clone_only_diverges(void **state)
{
	struct sim *sim = *state, *copy;
	uint64_t before;
	struct layout l;

	build_state(sim, &l);
	copy = sim_clone(sim);
	before = sim_hash(sim);
	assert_int_equal(sim_store(copy, 0, l.priv, 0x4242), 0);
	assert_false(sim_equal(sim, copy));
	assert_int_not_equal(sim_hash(sim), sim_hash(copy));
	/* The original did not change. */
	assert_int_equal(sim_hash(sim), before);
	assert_int_equal(load_val(sim, 0, l.priv), 10);
	assert_int_equal(load_val(copy, 0, l.priv), 0x4242);
	sim_destroy(copy);
}

static void same_store_on_both_stays_equal(void **state)
{
	struct sim *sim = *state, *copy;
	struct layout l;

	build_state(sim, &l);
	copy = sim_clone(sim);
	/* A COW copy on both sides allocates the same PFN on both. */
	assert_int_equal(sim_store(sim, 0, l.priv + 2 * PAGE_SIZE, 7), 0);
	assert_int_equal(sim_store(copy, 0, l.priv + 2 * PAGE_SIZE, 7), 0);
	assert_true(sim_equal(sim, copy));
	assert_int_equal(sim_hash(sim), sim_hash(copy));
	sim_destroy(copy);
}

static void destroying_original_leaves_clone_usable(void **state)
{
	struct sim *sim = *state, *copy;
	struct layout l;
	uint64_t val;
	int c2;

	build_state(sim, &l);
	copy = sim_clone(sim);
	sim_destroy(sim);
	*state = NULL;

	assert_int_equal(load_val(copy, 0, l.priv), 10);
	assert_int_equal(load_val(copy, l.child, l.priv), 30);
	assert_int_equal(load_val(copy, l.child, l.shared), 20);
	assert_int_equal(sim_dma_read(copy, l.pin, &val), 0);
	assert_int_equal(val, 11);
	assert_int_equal(sim_store(copy, 0, l.priv + 2 * PAGE_SIZE, 40), 0);
	assert_int_equal(sim_store(copy, l.child, l.shared, 50), 0);
	assert_int_equal(load_val(copy, 0, l.shared), 50);
	c2 = sim_fork(copy, 0);
	assert_true(c2 > 0);
	assert_sim_clean(copy);

	assert_int_equal(sim_unpin(copy, l.pin), 0);
	assert_int_equal(sim_unpin(copy, l.get), 0);
	assert_int_equal(sim_exit(copy, c2), 0);
	assert_int_equal(sim_exit(copy, l.child), 0);
	assert_int_equal(sim_exit(copy, 0), 0);
	assert_sim_clean(copy);
	assert_int_equal(copy->nr_allocated, 1);
	sim_destroy(copy);
}

/*
 * Clones share page-table entries until one side writes them
 * (mm/page_alloc.c: pt_table_own()): what one machine writes, frees or
 * allocates in its tables, the others never see.
 */
static void tables_shared_by_clones_diverge_on_write(void **state)
{
	struct sim *sim = *state, *copy, *twin;
	struct layout l;
	uint64_t h;

	build_state(sim, &l);
	copy = sim_clone(sim);
	twin = sim_clone(copy);
	h = sim_hash(copy);
	/* The original writes PTEs, then frees and allocates tables. */
	assert_int_equal(sim_store(sim, 0, l.priv + 3 * PAGE_SIZE, 5), 0);
	assert_int_equal(sim_swapout(sim, l.child, l.priv, 1), 0);
	assert_int_equal(sim_munmap(sim, 0, l.priv, 4), 0);
	assert_int_equal(sim_munmap(sim, 0, l.shared, 2), 0);
	assert_int_equal(sim_store(sim, 0, map_rw(sim, 0, 1), 6), 0);
	assert_sim_clean(sim);
	assert_int_equal(sim_hash(copy), h);
	assert_true(sim_equal(copy, twin));
	assert_sim_clean(copy);
	/* A clone writes: neither its twin nor the original sees it. */
	assert_int_equal(sim_store(twin, 0, l.priv, 99), 0);
	assert_int_equal(load_val(copy, 0, l.priv), 10);
	assert_int_equal(load_val(twin, 0, l.priv), 99);
	assert_int_equal(sim_hash(copy), h);
	assert_false(sim_equal(copy, twin));
	sim_destroy(copy);
	assert_int_equal(load_val(twin, l.child, l.priv), 30);
	assert_sim_clean(twin);
	assert_sim_clean(sim);
	sim_destroy(twin);
}

/* Static: the hook may still be called from the teardown. */
static int trace_calls;

static void count_trace(void *ctx, const char *msg)
{
	(void)msg;
	++*(int *)ctx;
}

static void clone_has_no_trace_hook(void **state)
{
	struct sim *sim = *state, *copy;
	struct layout l;

	build_state(sim, &l);
	trace_calls = 0;
	sim_set_trace(sim, count_trace, &trace_calls);
	copy = sim_clone(sim);
	assert_int_equal(sim_store(copy, 0, l.priv + 3 * PAGE_SIZE, 1), 0);
	assert_int_equal(trace_calls, 0);
	assert_int_equal(sim_store(sim, 0, l.priv + 3 * PAGE_SIZE, 1), 0);
	assert_true(trace_calls > 0);
	sim_destroy(copy);
}

/* Two histories that reach the same state: different events, generations. */
static void equal_ignores_history(void **state)
{
	struct sim *a = *state, *b = sim_create();
	unsigned long pa = map_rw(a, 0, 1), pb = map_rw(b, 0, 1);
	struct sim_pte_info ia, ib;

	assert_int_equal(pa, pb);
	assert_int_equal(sim_store(a, 0, pa, 1), 0);
	assert_int_equal(sim_madvise(a, 0, pa, 1, MADV_DONTNEED), 0);
	assert_int_equal(sim_store(a, 0, pa, 5), 0);
	assert_int_equal(load_val(b, 0, pb), 0);
	assert_int_equal(sim_store(b, 0, pb, 5), 0);

	ia = query_pte(a, 0, pa);
	ib = query_pte(b, 0, pb);
	assert_int_equal(ia.pfn, ib.pfn);
	assert_int_not_equal(ia.gen, ib.gen);
	assert_int_not_equal(sim_event_count(a, SIM_ZERO_MAP),
			     sim_event_count(b, SIM_ZERO_MAP));
	assert_true(sim_equal(a, b));
	assert_int_equal(sim_hash(a), sim_hash(b));
	sim_destroy(b);
}

static void equal_sees_pte_protection(void **state)
{
	struct sim *sim = *state, *copy;
	struct layout l;

	build_state(sim, &l);
	copy = sim_clone(sim);
	/* Same VMA flags in the end: only the exclusive R/O PTE is made
	 * writable (mprotect to unchanged flags would touch nothing). */
	assert_int_equal(sim_mprotect(copy, 0, l.priv, 4, PROT_READ), 0);
	assert_int_equal(
		sim_mprotect(copy, 0, l.priv, 4, PROT_READ | PROT_WRITE), 0);
	assert_false(query_pte(sim, 0, l.priv + PAGE_SIZE).writable);
	assert_true(query_pte(copy, 0, l.priv + PAGE_SIZE).writable);
	assert_false(sim_equal(sim, copy));
	assert_int_not_equal(sim_hash(sim), sim_hash(copy));
	sim_destroy(copy);
}

static void equal_sees_exclusive_flag(void **state)
{
	struct sim *sim = *state, *copy;
	struct sim_pte_info info;
	struct layout l;

	build_state(sim, &l);
	copy = sim_clone(sim);
	info = query_pte(copy, 0, l.priv + 2 * PAGE_SIZE);
	assert_false(info.exclusive);
	SetPageAnonExclusive(pfn_to_page(copy, info.pfn));
	assert_false(sim_equal(sim, copy));
	sim_destroy(copy);
}

static void equal_sees_pins(void **state)
{
	struct sim *sim = *state, *copy;
	struct layout l;
	int h;

	build_state(sim, &l);
	copy = sim_clone(sim);
	h = sim_gup(copy, 0, l.priv + PAGE_SIZE, SIM_GUP_PIN);
	assert_true(h >= 0);
	assert_false(sim_equal(sim, copy));
	assert_int_not_equal(sim_hash(sim), sim_hash(copy));
	sim_destroy(copy);
}

/*
 * A handle slot freed by sim_unpin() is reused by the next sim_gup(), so
 * a state that pinned and unpinned behaves exactly like one that never
 * pinned: equality must not see the empty slot.
 */
static void equal_ignores_released_handle_slot(void **state)
{
	struct sim *sim = *state, *copy, *probe_a, *probe_b;
	struct layout l;
	int h;

	build_state(sim, &l);
	copy = sim_clone(sim);
	h = sim_gup(copy, 0, l.priv + PAGE_SIZE, SIM_GUP_PIN);
	assert_true(h >= 0);
	assert_int_equal(sim_unpin(copy, h), 0);
	/* Both hand out the same handle next, and are equal then. */
	probe_a = sim_clone(sim);
	probe_b = sim_clone(copy);
	assert_int_equal(sim_gup(probe_a, 0, l.priv, SIM_GUP_PIN),
			 sim_gup(probe_b, 0, l.priv, SIM_GUP_PIN));
	assert_true(sim_equal(probe_a, probe_b));
	sim_destroy(probe_a);
	sim_destroy(probe_b);

	assert_true(sim_equal(sim, copy));
	sim_destroy(copy);
}

/*
 * anon_vmas are numbered in allocation order and never freed: a mapping
 * that was unmapped and mapped again gets a new number although nothing
 * can observe the old one.  Equality must not depend on the numbering.
 */
static void equal_ignores_anon_vma_numbering(void **state)
{
	struct sim *a = *state, *b = sim_create();
	unsigned long old = map_rw(a, 0, 1), pa, pb;
	struct sim_pte_info ia, ib;

	assert_int_equal(sim_store(a, 0, old, 5), 0);
	assert_int_equal(sim_munmap(a, 0, old, 1), 0);
	pa = map_rw(a, 0, 1);
	assert_int_equal(sim_store(a, 0, pa, 5), 0);
	pb = map_rw(b, 0, 1);
	assert_int_equal(sim_store(b, 0, pb, 5), 0);

	ia = query_pte(a, 0, pa);
	ib = query_pte(b, 0, pb);
	assert_int_equal(pa, pb);
	assert_int_equal(ia.pte, ib.pte);
	assert_sim_clean(a);
	assert_true(sim_equal(a, b));
	sim_destroy(b);
}

static void equal_sees_dead_process(void **state)
{
	struct sim *sim = *state, *copy;
	struct layout l;

	build_state(sim, &l);
	copy = sim_clone(sim);
	assert_int_equal(sim_exit(copy, l.child), 0);
	assert_false(sim_equal(sim, copy));
	sim_destroy(copy);
}

/* A sim that never freed a page has no free list yet (free_pfns NULL). */
static void clone_of_fresh_sim_equals_fresh_sim(void **state)
{
	struct sim *sim = *state, *copy = sim_clone(sim), *other = sim_create();

	assert_true(sim_equal(sim, copy));
	assert_true(sim_equal(sim, other));
	assert_int_equal(sim_hash(copy), sim_hash(other));
	sim_destroy(other);
	sim_destroy(copy);
}

/* A sim that never took a GUP handle has no handle array (pins NULL). */
static void clone_of_sim_without_handles(void **state)
{
	struct sim *sim = *state, *copy;
	unsigned long addr = map_rw(sim, 0, 1);

	assert_int_equal(sim_store(sim, 0, addr, 1), 0);
	assert_int_equal(sim_madvise(sim, 0, addr, 1, MADV_DONTNEED), 0);
	assert_null(sim->pins);
	copy = sim_clone(sim);
	assert_true(sim_equal(sim, copy));
	sim_destroy(copy);
}

/*
 * A clone's objects and arrays live in the allocation of its struct sim
 * (sim->block_end): those it frees or grows afterwards must leave the
 * block alone (a free() of a pointer inside it aborts, and ASan reports
 * it), and a grown array must keep what it held.
 */
static void clone_grows_and_frees_its_own_objects(void **state)
{
	struct sim *sim = *state, *copy;
	unsigned long addr, i;
	struct layout l;
	int pins[9], kids[8], k;

	build_state(sim, &l);
	copy = sim_clone(sim);
	sim_destroy(sim);
	*state = NULL;

	/* More processes, pins, pages and swap slots than the copy had room for. */
	for (k = 0; k < 8; k++) {
		kids[k] = sim_fork(copy, 0);
		assert_true(kids[k] > 0);
	}
	for (k = 0; k < 9; k++) {
		pins[k] = sim_gup(copy, 0, l.priv, SIM_GUP_PIN);
		assert_true(pins[k] >= 0);
	}
	addr = map_rw(copy, 0, 300);
	for (i = 0; i < 300; i++)
		assert_int_equal(
			sim_store(copy, 0, addr + i * PAGE_SIZE, i + 1), 0);
	assert_int_equal(sim_swapout(copy, 0, addr, 40), 0);
	assert_int_equal(load_val(copy, 0, addr + 39 * PAGE_SIZE), 40);
	assert_int_equal(load_val(copy, 0, l.priv), 10);
	assert_int_equal(load_val(copy, l.child, l.priv), 30);
	assert_sim_clean(copy);

	/* Then give back: VMAs, processes, pins, pages, the swap device. */
	assert_int_equal(sim_munmap(copy, 0, l.shared, 2), 0);
	assert_int_equal(sim_munmap(copy, 0, addr, 300), 0);
	for (k = 0; k < 9; k++)
		assert_int_equal(sim_unpin(copy, pins[k]), 0);
	for (k = 0; k < 8; k++)
		assert_int_equal(sim_exit(copy, kids[k]), 0);
	assert_int_equal(sim_unpin(copy, l.pin), 0);
	assert_int_equal(sim_unpin(copy, l.get), 0);
	assert_int_equal(sim_swapoff(copy), 0);
	assert_sim_clean(copy);
	sim_destroy(copy);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		test_with_sim(clone_equals_original),
		test_with_sim(clone_answers_queries_like_original),
		test_with_sim(store_on_clone_only_diverges),
		test_with_sim(same_store_on_both_stays_equal),
		test_with_sim(destroying_original_leaves_clone_usable),
		test_with_sim(tables_shared_by_clones_diverge_on_write),
		test_with_sim(clone_has_no_trace_hook),
		test_with_sim(equal_ignores_history),
		test_with_sim(equal_sees_pte_protection),
		test_with_sim(equal_sees_exclusive_flag),
		test_with_sim(equal_sees_pins),
		test_with_sim(equal_ignores_released_handle_slot),
		test_with_sim(equal_ignores_anon_vma_numbering),
		test_with_sim(equal_sees_dead_process),
		test_with_sim(clone_of_fresh_sim_equals_fresh_sim),
		test_with_sim(clone_of_sim_without_handles),
		test_with_sim(clone_grows_and_frees_its_own_objects),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
