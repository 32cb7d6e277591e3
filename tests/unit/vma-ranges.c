// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests how munmap, mprotect and madvise(MADV_DONTNEED) treat their range:
 * VMAs are split at the edges so that only the range changes, and a range
 * that is not fully mapped fails with -ENOMEM, as mprotect(2) and
 * madvise(2) do, wherever the hole is (start, middle or end).
 */
#include <signal.h>

#include "tests/unit/helpers.h"

#include "linux/mm.h"
#include "linux/sim_machine.h"

/* Two one-page mappings with a hole between them: [low] hole [high]. */
static void two_vmas(struct sim *sim, unsigned long *low, unsigned long *high)
{
	*high = map_rw(sim, 0, 1);
	*low = map_rw(sim, 0, 1);
	assert_true(*low + PAGE_SIZE < *high);
	assert_int_equal(sim_store(sim, 0, *low, 1), 0);
	assert_int_equal(sim_store(sim, 0, *high, 2), 0);
}

static unsigned long pages_between(unsigned long low, unsigned long high)
{
	return (high - low) / PAGE_SIZE + 1;
}

static void munmap_middle_page_splits_vma(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 3), i;
	uint64_t val;

	for (i = 0; i < 3; i++)
		assert_int_equal(sim_store(sim, 0, addr + i * PAGE_SIZE, i + 1),
				 0);
	assert_int_equal(sim_munmap(sim, 0, addr + PAGE_SIZE, 1), 0);
	assert_int_equal(sim->mms[0]->map_count, 2);
	assert_int_equal(load_val(sim, 0, addr), 1);
	assert_int_equal(load_val(sim, 0, addr + 2 * PAGE_SIZE), 3);
	assert_int_equal(sim_load(sim, 0, addr + PAGE_SIZE, &val), SIGSEGV);
	assert_int_equal(sim->mms[0]->rss_stat[MM_ANONPAGES], 2);
	assert_sim_clean(sim);
}

static void mprotect_middle_page_splits_vma(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 3), i;

	for (i = 0; i < 3; i++)
		assert_int_equal(sim_store(sim, 0, addr + i * PAGE_SIZE, i + 1),
				 0);
	assert_int_equal(sim_mprotect(sim, 0, addr + PAGE_SIZE, 1, PROT_READ),
			 0);
	assert_int_equal(sim->mms[0]->map_count, 3);
	assert_int_equal(sim_store(sim, 0, addr, 4), 0);
	assert_int_equal(sim_store(sim, 0, addr + PAGE_SIZE, 5), SIGSEGV);
	assert_int_equal(sim_store(sim, 0, addr + 2 * PAGE_SIZE, 6), 0);
	assert_int_equal(load_val(sim, 0, addr + PAGE_SIZE), 2);
	assert_sim_clean(sim);
}

/* mprotect(2) of zero length succeeds and changes nothing. */
static void mprotect_zero_length_changes_nothing(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 3);

	assert_int_equal(sim_mprotect(sim, 0, addr + PAGE_SIZE, 0, PROT_READ),
			 0);
	assert_int_equal(sim->mms[0]->map_count, 1);
	assert_int_equal(sim_store(sim, 0, addr + PAGE_SIZE, 1), 0);
	assert_sim_clean(sim);
}

static void mprotect_unaligned_start_is_einval(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);

	assert_int_equal(sim_mprotect(sim, 0, addr + 8, 1, PROT_READ), -EINVAL);
}

static void mprotect_start_in_hole_is_enomem(void **state)
{
	struct sim *sim = *state;
	unsigned long low, high;

	two_vmas(sim, &low, &high);
	assert_int_equal(sim_mprotect(sim, 0, high - PAGE_SIZE, 2, PROT_READ),
			 -ENOMEM);
	assert_sim_clean(sim);
}

static void mprotect_range_with_hole_is_enomem(void **state)
{
	struct sim *sim = *state;
	unsigned long low, high;

	two_vmas(sim, &low, &high);
	assert_int_equal(sim_mprotect(sim, 0, low, pages_between(low, high),
				      PROT_READ),
			 -ENOMEM);
	assert_sim_clean(sim);
}

static void mprotect_range_past_last_vma_is_enomem(void **state)
{
	struct sim *sim = *state;
	unsigned long low, high;

	two_vmas(sim, &low, &high);
	/* @high is the highest mapping: nothing follows it. */
	assert_null(find_vma(sim->mms[0], high + PAGE_SIZE));
	assert_int_equal(sim_mprotect(sim, 0, high, 2, PROT_READ), -ENOMEM);
	assert_sim_clean(sim);
}

static void madvise_start_in_hole_is_enomem(void **state)
{
	struct sim *sim = *state;
	unsigned long low, high;

	two_vmas(sim, &low, &high);
	assert_int_equal(sim_madvise(sim, 0, high - PAGE_SIZE, 2,
				     MADV_DONTNEED),
			 -ENOMEM);
	/* The mapped part was still zapped, as in the kernel. */
	assert_int_equal(query_pte(sim, 0, high).kind, SIM_PTE_NONE);
	assert_sim_clean(sim);
}

static void madvise_range_with_hole_is_enomem(void **state)
{
	struct sim *sim = *state;
	unsigned long low, high;

	two_vmas(sim, &low, &high);
	assert_int_equal(sim_madvise(sim, 0, low, pages_between(low, high),
				     MADV_DONTNEED),
			 -ENOMEM);
	assert_int_equal(query_pte(sim, 0, low).kind, SIM_PTE_NONE);
	assert_int_equal(query_pte(sim, 0, high).kind, SIM_PTE_NONE);
	assert_sim_clean(sim);
}

static void madvise_range_past_last_vma_is_enomem(void **state)
{
	struct sim *sim = *state;
	unsigned long low, high;

	two_vmas(sim, &low, &high);
	assert_null(find_vma(sim->mms[0], high + PAGE_SIZE));
	assert_int_equal(sim_madvise(sim, 0, high, 2, MADV_DONTNEED), -ENOMEM);
	assert_int_equal(query_pte(sim, 0, high).kind, SIM_PTE_NONE);
	assert_sim_clean(sim);
}

/* MADV_COLLAPSE (6.1 UAPI), which Debian 12's libc headers lack. */
#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25
#endif

static void madvise_unknown_advice_is_eopnotsupp(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);

	/* MADV_FREE belongs to later work: refused, not ignored. */
	assert_int_equal(sim_madvise(sim, 0, addr, 1, MADV_FREE), -EOPNOTSUPP);
}

/*
 * madvise splits a VMA for a flag of part of it, and merges the parts
 * again when the flag goes (vma_merge_neighbours), as cow.c's
 * MADV_DONTFORK/MADV_DOFORK pair relies on before MADV_COLLAPSE.
 */
static void madvise_merges_vmas_again(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 4);
	int before = sim->mms[0]->map_count;

	assert_int_equal(sim_store(sim, 0, addr, 1), 0);
	assert_int_equal(
		sim_madvise(sim, 0, addr + PAGE_SIZE, 2, MADV_DONTFORK), 0);
	assert_int_equal(sim->mms[0]->map_count, before + 2);
	assert_int_equal(sim_madvise(sim, 0, addr, 4, MADV_DOFORK), 0);
	assert_int_equal(sim->mms[0]->map_count, before);
	assert_sim_clean(sim);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		test_with_sim(munmap_middle_page_splits_vma),
		test_with_sim(mprotect_middle_page_splits_vma),
		test_with_sim(mprotect_zero_length_changes_nothing),
		test_with_sim(mprotect_unaligned_start_is_einval),
		test_with_sim(mprotect_start_in_hole_is_enomem),
		test_with_sim(mprotect_range_with_hole_is_enomem),
		test_with_sim(madvise_start_in_hole_is_enomem),
		test_with_sim(madvise_range_with_hole_is_enomem),
		test_with_sim(madvise_range_past_last_vma_is_enomem),
		test_with_sim(madvise_unknown_advice_is_eopnotsupp),
		test_with_sim(madvise_merges_vmas_again),
		/* Last: it crashes the model (see the report). */
		test_with_sim(mprotect_range_past_last_vma_is_enomem),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
