// SPDX-License-Identifier: GPL-2.0-only
/*
 * Every field of the structs sim_clone() copies is either state, which
 * sim_hash() and sim_equal() must see, or history/derived, which they must
 * not: this table says which, one row per field, and each row mutates that
 * field in a clone of a state that has something of everything.  A state
 * field whose change leaves the hash and equality alone, or a history
 * field that changes them, fails its row.
 *
 * sim/state.c stops the build when a struct grows: a new field needs a
 * row here (and, if it is state, a place in serialize() and sim_clone()).
 */
#include "tests/unit/model-helpers.h"

#include "linux/rmap.h"
#include "linux/swap.h"

struct world {
	unsigned long priv, shared, swapped;
	int child, pin;
};

/* Pages exclusive, shared, swapped, pinned; a shmem mapping; a fork. */
static void build(struct sim *sim, struct world *w)
{
	int i;

	assert_int_equal(sim_swapdev(sim, 16, false, false, false), 0);
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

/* One row: mutate the field in a clone, and see whether it shows. */
static void one_field(void **state)
{
	const struct field *f = *state;
	struct sim *sim = sim_create(), *copy;
	uint64_t h;

	build(sim, &W);
	copy = sim_clone(sim);
	h = sim_hash(copy);
	assert_true(sim_equal(sim, copy));
	f->mutate(copy);
	if (f->state && (sim_equal(sim, copy) || sim_hash(copy) == h))
		fail_msg("%s is state, but hash/equal do not see it", f->name);
	if (!f->state && (!sim_equal(sim, copy) || sim_hash(copy) != h))
		fail_msg("%s is history or derived, but hash/equal see it",
			 f->name);
	/* The mutation may break invariants: freed without a check. */
	sim_destroy(copy);
	sim_destroy(sim);
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
			.initial_state = (void *)&fields[i],
		};
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return _cmocka_run_group_tests("state-fields", tests, NFIELDS, NULL,
				       NULL);
}
