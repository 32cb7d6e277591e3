// SPDX-License-Identifier: GPL-2.0-only
/*
 * Every field of the structs sim_clone() copies is either state, which
 * sim_hash() and sim_equal() must see, or history/derived, which they must
 * not: this table says which, one row per field, and each row mutates that
 * field in a clone of a state that has something of everything.  A state
 * field whose change leaves the hash and equality alone, or a history
 * field that changes them, fails its row.
 *
 * harness/state.c stops the build when a struct grows: a new field needs a
 * row here (and, if it is state, a place in serialize() and sim_clone()).
 */
#include <stdlib.h>

#include "tests/unit/model-helpers.h"

#include "linux/rmap.h"
#include "linux/swap.h"

struct world {
	unsigned long priv, shared, swapped, ksm;
	int child, pin;
};

/* Pages exclusive, shared, swapped, pinned; a shmem mapping; a fork. */
static void build(struct sim *sim, struct world *w)
{
	unsigned long scratch;
	int i;

	assert_int_equal(sim_swapdev(sim, 16, false, false, false), 0);
	scratch = map_rw(sim, 0, 2);
	w->priv = map_rw(sim, 0, 4);
	assert_int_equal(sim_mmap(sim, 0, 2, PROT_READ | PROT_WRITE, true,
				  &w->shared),
			 0);
	for (i = 0; i < 4; i++)
		assert_int_equal(
			sim_store(sim, 0, w->priv + i * PAGE_SIZE, 10 + i), 0);
	assert_int_equal(sim_store(sim, 0, w->shared, 20), 0);
	w->swapped = w->priv + 3 * PAGE_SIZE;
	assert_int_equal(sim_swapout(sim, 0, w->swapped, 1), 0);
	w->child = sim_fork(sim, 0);
	assert_true(w->child > 0);
	w->pin = sim_gup(sim, 0, w->priv + PAGE_SIZE, SIM_GUP_PIN);
	assert_true(w->pin >= 0);
	/* KSM's rmap_items: one scan sees (and merges nothing of) these. */
	assert_int_equal(sim_madvise(sim, 0, w->priv, 4, MADV_MERGEABLE), 0);
	assert_int_equal(sim_ksm(sim, 1), 0);
	/* A KSM page of two mappings: two more scans merge them. */
	w->ksm = map_rw(sim, 0, 2);
	assert_int_equal(sim_store(sim, 0, w->ksm, 30), 0);
	assert_int_equal(sim_store(sim, 0, w->ksm + PAGE_SIZE, 30), 0);
	assert_int_equal(sim_madvise(sim, 0, w->ksm, 2, MADV_MERGEABLE), 0);
	assert_int_equal(sim_ksm(sim, 2), 2);
	/* Freed pages last: the allocator's free list has an order. */
	assert_int_equal(sim_store(sim, 0, scratch, 1), 0);
	assert_int_equal(sim_store(sim, 0, scratch + PAGE_SIZE, 1), 0);
	assert_int_equal(sim_munmap(sim, 0, scratch, 2), 0);
	assert_sim_clean(sim);
}

static struct world W;

static struct page *data_page(struct sim *s)
{
	return page_at(s, 0, W.priv);
}

static struct page *table_page(struct sim *s)
{
	pte_t *ptep = pte_of(s, 0, W.priv);
	unsigned long pfn;

	/* The PTE table holding @ptep: its entries are its pt_table. */
	for (pfn = 0; pfn < s->nr_pfns; pfn++) {
		struct page *p = pfn_to_page(s, pfn);

		if (!PageBuddy(p) && PageTable(p) && p->pt_table &&
		    (u64 *)ptep >= p->pt_table &&
		    (u64 *)ptep < p->pt_table + PTRS_PER_PTE)
			return p;
	}
	fail_msg("no PTE table maps the private region");
	return NULL;
}

static struct mm_struct *mm0(struct sim *s)
{
	return s->mms[0];
}

/* The VMA of the private region in process @mm. */
static struct vm_area_struct *priv_vma(struct sim *s, int mm)
{
	struct vm_area_struct *vma;

	for_each_vma(s->mms[mm], vma)
		if (vma->vm_start <= W.priv && W.priv < vma->vm_end)
			return vma;
	fail_msg("no VMA holds the private region");
	return NULL;
}

static struct swap_info_struct *si0(struct sim *s)
{
	return s->swap_info[0];
}

/* The slot the swapped page went to. */
static unsigned long slot0(struct sim *s)
{
	pte_t pte = *pte_of(s, 0, W.swapped);

	return swp_offset(pte_to_swp_entry(pte));
}

/* One row: what to change, and whether it is state. */
struct field {
	const char *name;
	void (*mutate)(struct sim *s);
	bool state;
};

#define ROW(n, st, body)                   \
	static void mut_##n(struct sim *s) \
	{                                  \
		body;                      \
	}
#include "state-fields.def"
#undef ROW

#define ROW(n, st, body) { #n, mut_##n, st },
static const struct field fields[] = {
#include "state-fields.def"
};
#undef ROW

/* A row's states: the original and the clone it mutates. */
struct ctx {
	const struct field *f;
	struct sim *sim, *copy;
};

static int setup(void **state)
{
	struct ctx *c = calloc(1, sizeof(*c));

	if (!c)
		return -1;
	c->f = *state;
	*state = c;
	return 0;
}

/* Also after a failed row; the states may break invariants. */
static int teardown(void **state)
{
	struct ctx *c = *state;

	if (c->copy)
		sim_destroy(c->copy);
	if (c->sim)
		sim_destroy(c->sim);
	free(c);
	return 0;
}

/* One row: mutate the field in a clone, and see whether it shows. */
static void one_field(void **state)
{
	struct ctx *c = *state;
	const struct field *f = c->f;
	uint64_t h;

	c->sim = sim_create();
	build(c->sim, &W);
	c->copy = sim_clone(c->sim);
	h = sim_hash(c->copy);
	assert_true(sim_equal(c->sim, c->copy));
	f->mutate(c->copy);
	if (f->state && (sim_equal(c->sim, c->copy) || sim_hash(c->copy) == h))
		fail_msg("%s is state, but hash/equal do not see it", f->name);
	if (!f->state &&
	    (!sim_equal(c->sim, c->copy) || sim_hash(c->copy) != h))
		fail_msg("%s is history or derived, but hash/equal see it",
			 f->name);
}

#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

int main(void)
{
	struct CMUnitTest tests[NFIELDS];
	size_t i;

	for (i = 0; i < NFIELDS; i++)
		tests[i] = (struct CMUnitTest){
			.name = fields[i].name,
			.test_func = one_field,
			.setup_func = setup,
			.teardown_func = teardown,
			.initial_state = (void *)&fields[i],
		};
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return _cmocka_run_group_tests("state-fields", tests, NFIELDS, NULL,
				       NULL);
}
