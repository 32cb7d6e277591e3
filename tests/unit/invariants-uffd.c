// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests the uffd-wp invariant of harness/check.c, as tests/unit/
 * invariants.c does for the others: a state built through the public API
 * (sim_uffd, sim_uffd_wp) checks clean, is broken on purpose by poking a
 * PTE as the model's write paths do (set_pte_at), and must be reported as
 * uffd-wp by both checks (assert_only_violation): a writable uffd-wp PTE;
 * a uffd-wp PTE, swap PTE or marker in a VMA not registered for it; an
 * anon marker without WP_UNPOPULATED.  The breakage is undone and the
 * state checks clean again.  It also tests the paths that build those
 * states: a store goes to the handler once and completes, a marker faults
 * in write-protected.
 */
#include <signal.h>

#include "tests/unit/model-helpers.h"

#include "linux/swap.h"
#include "linux/userfaultfd_k.h"
#include "linux/sim_machine.h"

/* A written page of process 0, write-protected with userfaultfd. */
static unsigned long wp_page(struct sim *sim, unsigned int features)
{
	unsigned long addr = map_rw(sim, 0, 1);

	assert_int_equal(sim_store(sim, 0, addr, 0x11), 0);
	if (features)
		assert_int_equal(sim_uffd(sim, 0, features), 0);
	assert_int_equal(sim_uffd_wp(sim, 0, addr, 1, true), 0);
	assert_true(query_pte(sim, 0, addr).uffd_wp);
	return addr;
}

static void uffd_wp_pte_made_writable(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = wp_page(sim, 0);
	pte_t *ptep = pte_of(sim, 0, addr), old = *ptep;

	assert_sim_clean(sim);
	assert_false(pte_write(old));
	set_pte_at(sim->mms[0], addr, ptep, pte_mkwrite_novma(old));
	assert_only_violation(sim, SIM_V_UFFD_WP);
	set_pte_at(sim->mms[0], addr, ptep, old);
	assert_sim_clean(sim);
}

static void uffd_wp_bit_outside_registered_vma(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);
	pte_t *ptep, old;

	assert_int_equal(sim_store(sim, 0, addr, 0x12), 0);
	assert_sim_clean(sim);
	ptep = pte_of(sim, 0, addr);
	old = *ptep;
	set_pte_at(sim->mms[0], addr, ptep, pte_mkuffd_wp(old));
	assert_only_violation(sim, SIM_V_UFFD_WP);
	set_pte_at(sim->mms[0], addr, ptep, old);
	assert_sim_clean(sim);
}

static void uffd_wp_swap_pte_outside_registered_vma(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);
	pte_t *ptep, old;

	assert_int_equal(sim_store(sim, 0, addr, 0x13), 0);
	assert_int_equal(sim_swapout(sim, 0, addr, 1), 0);
	assert_sim_clean(sim);
	ptep = pte_of(sim, 0, addr);
	old = *ptep;
	assert_true(is_swap_pte(old));
	set_pte_at(sim->mms[0], addr, ptep, pte_swp_mkuffd_wp(old));
	assert_only_violation(sim, SIM_V_UFFD_WP);
	set_pte_at(sim->mms[0], addr, ptep, old);
	assert_sim_clean(sim);
}

static void marker_without_wp_unpopulated(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 2);
	pte_t *ptep;

	/* Registered, one page present: the table exists. */
	assert_int_equal(sim_store(sim, 0, addr, 0x14), 0);
	assert_int_equal(sim_uffd_wp(sim, 0, addr, 2, true), 0);
	assert_int_equal(query_pte(sim, 0, addr + PAGE_SIZE).kind,
			 SIM_PTE_NONE);
	assert_sim_clean(sim);
	ptep = pte_of(sim, 0, addr + PAGE_SIZE);
	set_pte_at(sim->mms[0], addr + PAGE_SIZE, ptep,
		   make_pte_marker(PTE_MARKER_UFFD_WP));
	assert_only_violation(sim, SIM_V_UFFD_WP);
	set_pte_at(sim->mms[0], addr + PAGE_SIZE, ptep, __pte(0));
	assert_sim_clean(sim);
}

static void marker_outside_registered_vma(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 2);
	pte_t *ptep;

	assert_int_equal(sim_store(sim, 0, addr, 0x15), 0);
	assert_sim_clean(sim);
	ptep = pte_of(sim, 0, addr + PAGE_SIZE);
	set_pte_at(sim->mms[0], addr + PAGE_SIZE, ptep,
		   make_pte_marker(PTE_MARKER_UFFD_WP));
	assert_only_violation(sim, SIM_V_UFFD_WP);
	set_pte_at(sim->mms[0], addr + PAGE_SIZE, ptep, __pte(0));
	assert_sim_clean(sim);
}

/* The handler counts one fault, unprotects, and the store lands. */
static void store_goes_to_handler_once(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = wp_page(sim, 0), faults = 9;
	struct sim_pte_info in;

	assert_int_equal(sim_store(sim, 0, addr, 0x22), 0);
	assert_int_equal(sim_uffd_faults(sim, 0, &faults), 0);
	assert_int_equal(faults, 1);
	in = query_pte(sim, 0, addr);
	assert_false(in.uffd_wp);
	assert_true(in.writable);
	assert_int_equal(load_val(sim, 0, addr), 0x22);
	assert_sim_clean(sim);
}

/* WP_UNPOPULATED: a none PTE gets a marker; a store faults in R/O. */
static void marker_faults_in_write_protected(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1), faults = 0;

	assert_int_equal(sim_uffd(sim, 0, SIM_UFFD_WP_UNPOPULATED), 0);
	assert_int_equal(sim_uffd_wp(sim, 0, addr, 1, true), 0);
	assert_int_equal(query_pte(sim, 0, addr).kind, SIM_PTE_MARKER);
	assert_true(query_pte(sim, 0, addr).uffd_wp);
	assert_sim_clean(sim);
	assert_int_equal(sim_store(sim, 0, addr, 0x33), 0);
	assert_int_equal(sim_uffd_faults(sim, 0, &faults), 0);
	assert_int_equal(faults, 1);
	assert_int_equal(load_val(sim, 0, addr), 0x33);
	assert_sim_clean(sim);
}

/* Without the feature, protecting a none PTE leaves it none. */
static void no_marker_without_wp_unpopulated(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);

	assert_int_equal(sim_uffd_wp(sim, 0, addr, 1, true), 0);
	assert_int_equal(query_pte(sim, 0, addr).kind, SIM_PTE_NONE);
	assert_int_equal(sim_uffd(sim, 0, 0), -EEXIST);
	assert_sim_clean(sim);
}

/*
 * A UFFDIO_POISON marker is no uffd-wp marker: fork gives it to a child
 * that is not registered, clean; its fault is a memory error.
 */
static void poison_marker_copied_and_faults_hwpoison(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1), n = 0;
	uint64_t v;
	int child;

	assert_int_equal(sim_uffd_poison(sim, 0, addr, 1), 0);
	assert_int_equal(query_pte(sim, 0, addr).kind, SIM_PTE_MARKER);
	assert_false(query_pte(sim, 0, addr).uffd_wp);
	assert_int_equal(sim_uffd_poison(sim, 0, addr, 1), -EEXIST);
	child = sim_fork(sim, 0);
	assert_true(child > 0);
	assert_int_equal(query_pte(sim, child, addr).kind, SIM_PTE_MARKER);
	assert_sim_clean(sim);
	assert_int_equal(sim_load(sim, child, addr, &v),
			 SIM_SIG_CODE(SIGBUS, BUS_MCEERR_AR));
	assert_int_equal(sim_sigbus_count(sim, child, BUS_MCEERR_AR, &n), 0);
	assert_int_equal(n, 1);
	/* Un-protecting uffd-wp leaves a poison marker alone. */
	assert_int_equal(sim_uffd_wp(sim, 0, addr, 1, false), 0);
	assert_int_equal(query_pte(sim, 0, addr).kind, SIM_PTE_MARKER);
	assert_sim_clean(sim);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		test_with_sim(uffd_wp_pte_made_writable),
		test_with_sim(uffd_wp_bit_outside_registered_vma),
		test_with_sim(uffd_wp_swap_pte_outside_registered_vma),
		test_with_sim(marker_without_wp_unpopulated),
		test_with_sim(marker_outside_registered_vma),
		test_with_sim(store_goes_to_handler_once),
		test_with_sim(marker_faults_in_write_protected),
		test_with_sim(no_marker_without_wp_unpopulated),
		test_with_sim(poison_marker_copied_and_faults_hwpoison),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
