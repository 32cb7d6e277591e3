// SPDX-License-Identifier: GPL-2.0-only
/*
 * The canonical form of harness/state.c (docs/state.md): two ways of
 * reaching the same state, which differ only in the PFNs, the swap slots
 * or the process ids the allocators handed out, are equal and hash the
 * same; a difference of one bit anywhere in the state is not equal and
 * hashes differently.
 */
#include "tests/unit/model-helpers.h"

#include "linux/swap.h"

/* Both equal and of the same hash, or both not. */
static void assert_same_state(struct sim *a, struct sim *b)
{
	assert_true(sim_equal(a, b));
	assert_true(sim_equal(b, a));
	assert_int_equal(sim_hash(a), sim_hash(b));
}

static void assert_other_state(struct sim *a, struct sim *b)
{
	assert_false(sim_equal(a, b));
	assert_false(sim_equal(b, a));
	assert_int_not_equal(sim_hash(a), sim_hash(b));
}

static void store_ok(struct sim *sim, int mm, unsigned long addr, uint64_t v)
{
	assert_int_equal(sim_store(sim, mm, addr, v), 0);
}

/* Pages allocated and freed before: later pages get other PFNs. */
static void equal_when_only_pfns_differ(void **state)
{
	struct sim *a = *state, *b = sim_create();
	unsigned long scratch = map_rw(a, 0, 2), pa, pb;

	store_ok(a, 0, scratch, 1);
	store_ok(a, 0, scratch + PAGE_SIZE, 2);
	assert_int_equal(sim_munmap(a, 0, scratch, 2), 0);
	pa = map_rw(a, 0, 2);
	pb = map_rw(b, 0, 2);
	assert_int_equal(pa, pb);
	store_ok(a, 0, pa, 7);
	store_ok(a, 0, pa + PAGE_SIZE, 8);
	store_ok(b, 0, pb, 7);
	store_ok(b, 0, pb + PAGE_SIZE, 8);
	assert_true(query_pte(a, 0, pa).pfn != query_pte(b, 0, pb).pfn ||
		    query_pte(a, 0, pa + PAGE_SIZE).pfn !=
			    query_pte(b, 0, pb + PAGE_SIZE).pfn);
	assert_sim_clean(a);
	assert_same_state(a, b);
	sim_destroy(b);
}

/* The same page swapped out to another slot of the device. */
static void equal_when_only_swap_slots_differ(void **state)
{
	struct sim *a = *state, *b = sim_create();
	struct sim *s[2] = { a, b };
	unsigned long other[2], addr[2];
	int i;

	for (i = 0; i < 2; i++) {
		assert_int_equal(sim_swapdev(s[i], 16, true, false, false), 0);
		other[i] = map_rw(s[i], 0, 1);
		store_ok(s[i], 0, other[i], 1);
		/* Only a's other page takes a slot first. */
		if (i == 0)
			assert_int_equal(sim_swapout(s[i], 0, other[i], 1), 0);
		addr[i] = map_rw(s[i], 0, 1);
		store_ok(s[i], 0, addr[i], 5);
		assert_int_equal(sim_swapout(s[i], 0, addr[i], 1), 0);
		assert_int_equal(sim_munmap(s[i], 0, other[i], 1), 0);
	}
	assert_int_equal(addr[0], addr[1]);
	assert_int_equal(query_pte(a, 0, addr[0]).kind, SIM_PTE_SWAP);
	assert_int_not_equal(query_pte(a, 0, addr[0]).swp_offset,
			     query_pte(b, 0, addr[1]).swp_offset);
	assert_sim_clean(a);
	assert_same_state(a, b);
	sim_destroy(b);
}

/*
 * @a and a new state *@b, each with a page at *@pa / *@pb and a child
 * (*@ca, *@cb): in @a a child that exited first left id 1 free, so the
 * child of @a is 2 and that of *@b is 1.
 */
static void children_with_an_id_gap(struct sim *a, struct sim **b,
				    unsigned long *pa, unsigned long *pb,
				    int *ca, int *cb)
{
	*b = sim_create();
	*pa = map_rw(a, 0, 1);
	*pb = map_rw(*b, 0, 1);
	store_ok(a, 0, *pa, 3);
	store_ok(*b, 0, *pb, 3);
	assert_int_equal(sim_exit(a, sim_fork(a, 0)), 0);
	*ca = sim_fork(a, 0);
	*cb = sim_fork(*b, 0);
	assert_int_not_equal(*ca, *cb);
}

/* A child that exited left id 1 free: the next child is 2, not 1. */
static void equal_when_an_exited_process_left_an_id_gap(void **state)
{
	struct sim *a = *state, *b;
	unsigned long pa, pb;
	int ca, cb;

	children_with_an_id_gap(a, &b, &pa, &pb, &ca, &cb);
	store_ok(a, ca, pa, 4);
	store_ok(b, cb, pb, 4);
	assert_sim_clean(a);
	assert_same_state(a, b);
	sim_destroy(b);
}

/* A handle names its process: by its rank among the live ones. */
static void equal_when_a_pinning_process_has_another_id(void **state)
{
	struct sim *a = *state, *b;
	unsigned long pa, pb;
	int ca, cb;

	children_with_an_id_gap(a, &b, &pa, &pb, &ca, &cb);
	assert_true(sim_gup(a, ca, pa, SIM_GUP_PIN | SIM_GUP_WRITE) >= 0);
	assert_true(sim_gup(b, cb, pb, SIM_GUP_PIN | SIM_GUP_WRITE) >= 0);
	assert_sim_clean(a);
	assert_same_state(a, b);
	sim_destroy(b);
}

/* Parent and child fault their pages in the other order. */
static void equal_when_processes_populated_in_other_order(void **state)
{
	struct sim *a = *state, *b = sim_create();
	unsigned long ra, rb;
	int ca = sim_fork(a, 0), cb = sim_fork(b, 0);

	ra = map_rw(a, 0, 2);
	assert_int_equal(map_rw(a, ca, 2), ra);
	rb = map_rw(b, cb, 2);
	assert_int_equal(map_rw(b, 0, 2), rb);
	assert_int_equal(ra, rb);
	store_ok(a, 0, ra, 1);
	store_ok(a, ca, ra + PAGE_SIZE, 2);
	store_ok(b, cb, rb + PAGE_SIZE, 2);
	store_ok(b, 0, rb, 1);
	assert_int_not_equal(query_pte(a, 0, ra).pfn, query_pte(b, 0, rb).pfn);
	assert_sim_clean(a);
	assert_same_state(a, b);
	sim_destroy(b);
}

/* The state the one-bit tests change a copy of. */
struct base {
	unsigned long priv; /* 4 pages: 0, 1 present, 1 pinned, 3 swapped */
	int child, pin;
};

static struct sim *base_copy(struct sim *sim, struct base *l)
{
	struct sim *copy;
	int i;

	assert_int_equal(sim_swapdev(sim, 16, true, false, false), 0);
	l->priv = map_rw(sim, 0, 4);
	for (i = 0; i < 4; i++)
		store_ok(sim, 0, l->priv + i * PAGE_SIZE, 10 + i);
	assert_int_equal(sim_swapout(sim, 0, l->priv + 3 * PAGE_SIZE, 1), 0);
	l->child = sim_fork(sim, 0);
	assert_true(l->child > 0);
	l->pin = sim_gup(sim, 0, l->priv + PAGE_SIZE, SIM_GUP_PIN);
	assert_true(l->pin >= 0);
	assert_sim_clean(sim);
	copy = sim_clone(sim);
	assert_same_state(sim, copy);
	return copy;
}

static void differs_in_a_pte_flag(void **state)
{
	struct sim *sim = *state, *copy;
	struct base l;

	copy = base_copy(sim, &l);
	pte_of(copy, l.child, l.priv)->pte ^= _PAGE_SOFT_DIRTY;
	assert_other_state(sim, copy);
	sim_destroy(copy);
}

static void differs_in_a_swap_pte_flag(void **state)
{
	struct sim *sim = *state, *copy;
	struct base l;
	pte_t *ptep;

	copy = base_copy(sim, &l);
	ptep = pte_of(copy, 0, l.priv + 3 * PAGE_SIZE);
	assert_true(is_swap_pte(*ptep));
	ptep->pte ^= _PAGE_SWP_UFFD_WP;
	assert_other_state(sim, copy);
	sim_destroy(copy);
}

static void differs_in_a_swap_pte_exclusive_bit(void **state)
{
	struct sim *sim = *state, *copy;
	struct base l;
	pte_t *ptep;

	copy = base_copy(sim, &l);
	ptep = pte_of(copy, l.child, l.priv + 3 * PAGE_SIZE);
	assert_true(is_swap_pte(*ptep));
	ptep->pte ^= _PAGE_SWP_EXCLUSIVE;
	assert_other_state(sim, copy);
	sim_destroy(copy);
}

static void differs_in_a_page_flag(void **state)
{
	struct sim *sim = *state, *copy;
	struct base l;

	copy = base_copy(sim, &l);
	page_at(copy, 0, l.priv)->flags ^= 1UL << PG_referenced;
	assert_other_state(sim, copy);
	sim_destroy(copy);
}

static void differs_in_page_contents(void **state)
{
	struct sim *sim = *state, *copy;
	struct base l;

	copy = base_copy(sim, &l);
	page_at(copy, 0, l.priv + 2 * PAGE_SIZE)->sim_content ^= 1;
	assert_other_state(sim, copy);
	sim_destroy(copy);
}

/*
 * sim_hash_history(): who may see a page's contents is part of it, the
 * time within the same line of processes is not.
 */
static void history_differs_in_who_may_see_a_page(void **state)
{
	struct sim *sim = *state, *copy;
	struct page *page;
	struct base l;

	copy = base_copy(sim, &l);
	assert_int_equal(sim_hash_history(sim), sim_hash_history(copy));
	page = page_at(copy, 0, l.priv);
	/* Written by the parent after the fork: the child may not see it. */
	page_set_written(page, page_writer(page), copy->clock + 1);
	assert_int_equal(sim_hash(sim), sim_hash(copy));
	assert_int_not_equal(sim_hash_history(sim), sim_hash_history(copy));
	sim_destroy(copy);
}

static void history_same_when_only_the_write_time_differs(void **state)
{
	struct sim *sim = *state, *copy;
	struct page *page;
	struct base l;

	copy = base_copy(sim, &l);
	page = page_at(copy, 0, l.priv);
	/* Earlier, still before the fork: everyone sees it as before. */
	page_set_written(page, page_writer(page), 0);
	assert_int_equal(sim_hash_history(sim), sim_hash_history(copy));
	sim_destroy(copy);
}

static void history_differs_in_who_may_see_a_slot(void **state)
{
	struct sim *sim = *state, *copy;
	struct swap_info_struct *si;
	swp_entry_t entry;
	struct base l;

	copy = base_copy(sim, &l);
	entry = pte_to_swp_entry(*pte_of(copy, 0, l.priv + 3 * PAGE_SIZE));
	si = copy->swap_info[swp_type(entry)];
	si->sim_wtime[swp_offset(entry)] = copy->clock + 1;
	assert_int_equal(sim_hash(sim), sim_hash(copy));
	assert_int_not_equal(sim_hash_history(sim), sim_hash_history(copy));
	sim_destroy(copy);
}

static void differs_in_a_refcount(void **state)
{
	struct sim *sim = *state, *copy;
	struct base l;

	copy = base_copy(sim, &l);
	page_at(copy, 0, l.priv + PAGE_SIZE)->_refcount++;
	assert_other_state(sim, copy);
	sim_destroy(copy);
}

static void differs_in_a_swap_count(void **state)
{
	struct sim *sim = *state, *copy;
	struct base l;
	swp_entry_t entry;

	copy = base_copy(sim, &l);
	entry = pte_to_swp_entry(*pte_of(copy, 0, l.priv + 3 * PAGE_SIZE));
	copy->swap_info[swp_type(entry)]->swap_map[swp_offset(entry)]++;
	assert_other_state(sim, copy);
	sim_destroy(copy);
}

static void differs_in_a_pin(void **state)
{
	struct sim *sim = *state, *copy;
	struct base l;

	copy = base_copy(sim, &l);
	copy->pins[l.pin].gup_flags ^= SIM_GUP_LONGTERM;
	assert_other_state(sim, copy);
	sim_destroy(copy);
}

/* Same pages, same PTE bits: only which PTE maps which page changed. */
static void differs_when_two_ptes_exchange_pages(void **state)
{
	struct sim *sim = *state, *copy;
	struct base l;
	pte_t *p0, *p2, t;

	copy = base_copy(sim, &l);
	p0 = pte_of(copy, 0, l.priv);
	p2 = pte_of(copy, 0, l.priv + 2 * PAGE_SIZE);
	t = *p0;
	*p0 = *p2;
	*p2 = t;
	assert_other_state(sim, copy);
	sim_destroy(copy);
}

/*
 * The PMD entry of @addr in process @mm, whose tables must reach it, in a
 * table of its own, to be written.
 */
static u64 *pmd_entry(struct sim *sim, int mm, unsigned long addr)
{
	struct page *t = sim->mms[mm]->pgd;

	t = pfn_to_page(sim, pxd_pfn(t->pt_table[pgd_index(addr)]));
	t = pfn_to_page(sim, pxd_pfn(t->pt_table[pud_index(addr)]));
	/* Shared with a clone until written, as the model's writers do. */
	pt_table_own(t);
	return &t->pt_table[pmd_index(addr)];
}

/*
 * A PTE table no PMD entry points to (a leak) is still state: its
 * entries count although the walk from the PGD does not reach them.
 */
static void differs_in_an_unreached_table_entry(void **state)
{
	struct sim *sim = *state, *copy;
	struct base l;
	pte_t *ptep;

	copy = base_copy(sim, &l);
	ptep = pte_of(copy, l.child, l.priv);
	*pmd_entry(sim, l.child, l.priv) = 0;
	*pmd_entry(copy, l.child, l.priv) = 0;
	sim->mms[l.child]->sim_walk_table = NULL;
	copy->mms[l.child]->sim_walk_table = NULL;
	assert_same_state(sim, copy);
	ptep->pte ^= _PAGE_SOFT_DIRTY;
	assert_other_state(sim, copy);
	sim_destroy(copy);
}

/* Reading a clone (the checks, queries) leaves its tables shared. */
static void reading_a_clone_copies_no_table(void **state)
{
	struct sim *sim = *state, *copy;
	struct base l;
	const u64 *entries;

	copy = base_copy(sim, &l);
	/* The PTE table of the child's first page, and its share count. */
	entries = (const u64 *)pte_offset_map_ro(copy->mms[l.child], l.priv) -
		  pte_index(l.priv);
	assert_int_equal(entries[-1], 2);
	assert_int_equal(sim_check(copy, NULL, NULL), 0);
	assert_int_equal(sim_check_changed(copy, NULL, NULL), 0);
	assert_int_equal(query_pte(copy, l.child, l.priv).kind,
			 SIM_PTE_PRESENT);
	assert_int_equal(entries[-1], 2);
	sim_destroy(copy);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		test_with_sim(equal_when_only_pfns_differ),
		test_with_sim(equal_when_only_swap_slots_differ),
		test_with_sim(equal_when_an_exited_process_left_an_id_gap),
		test_with_sim(equal_when_a_pinning_process_has_another_id),
		test_with_sim(equal_when_processes_populated_in_other_order),
		test_with_sim(differs_in_a_pte_flag),
		test_with_sim(differs_in_a_swap_pte_flag),
		test_with_sim(differs_in_a_swap_pte_exclusive_bit),
		test_with_sim(differs_in_a_page_flag),
		test_with_sim(differs_in_page_contents),
		test_with_sim(differs_in_a_refcount),
		test_with_sim(differs_in_a_swap_count),
		test_with_sim(differs_in_a_pin),
		test_with_sim(differs_when_two_ptes_exchange_pages),
		test_with_sim(differs_in_an_unreached_table_entry),
		test_with_sim(reading_a_clone_copies_no_table),
		test_with_sim(history_differs_in_who_may_see_a_page),
		test_with_sim(history_same_when_only_the_write_time_differs),
		test_with_sim(history_differs_in_who_may_see_a_slot),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
