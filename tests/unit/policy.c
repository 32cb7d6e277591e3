// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests the historical policies (harness/policy.c): parsing names and knobs,
 * and each decision point of the switch table, one behaviour per test,
 * with the same steps run under the design that decided differently.
 */
#include "tests/unit/helpers.h"

#include <errno.h>
#include <signal.h>

#include "harness/policy.h"

static struct sim *sim_with(const char *policy)
{
	struct sim *sim = sim_create();

	assert_non_null(sim);
	assert_int_equal(sim_set_policy(sim, policy), 0);
	return sim;
}

static void parse_named_policies(void **state)
{
	const char *names[] = { "v5.7", "v5.8",	 "v5.9",   "v5.18", "v5.19",
				"v6.1", "v6.12", "latest", "v6.18" };
	struct sim_policy p;
	char err[160];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		assert_int_equal(
			sim_policy_parse(names[i], &p, err, sizeof(err)), 0);
	assert_int_equal(sim_policy_parse("v4.4", &p, err, sizeof(err)),
			 -EINVAL);
	assert_non_null(strstr(err, "unknown policy"));
}

static void parse_swp_exclusive_knob(void **state)
{
	struct sim_policy p;
	char err[160];

	(void)state;
	assert_int_equal(sim_policy_parse("v5.19,swp_exclusive=off", &p, err,
					  sizeof(err)),
			 0);
	assert_false(p.swp_exclusive);
	assert_true(p.anon_exclusive);
	assert_string_equal(p.name, "v5.19,swp_exclusive=off");
	assert_int_equal(sim_policy_parse("v5.19,frobnicate", &p, err,
					  sizeof(err)),
			 -EINVAL);
}

static void default_policy_is_latest(void **state)
{
	struct sim *sim = *state;

	assert_string_equal(sim_policy_name(sim), "latest");
	assert_true(sim_policy_has_anon_exclusive(sim));
}

/* The parent writes a page its child shares while the child's pipe holds
 * a reference to it (CVE-2020-29374).  Returns whether it was reused. */
static bool parent_write_reuses_after_child_vmsplice(const char *policy)
{
	struct sim *sim = sim_with(policy);
	unsigned long addr = map_rw(sim, 0, 1);
	struct sim_pte_info before, after;
	int child, h;

	assert_int_equal(sim_store(sim, 0, addr, 1), 0);
	child = sim_fork(sim, 0);
	assert_true(child > 0);
	h = sim_gup(sim, child, addr, 0);
	assert_true(h >= 0);
	assert_int_equal(sim_munmap(sim, child, addr, 1), 0);
	before = query_pte(sim, 0, addr);
	assert_int_equal(sim_store(sim, 0, addr, 2), 0);
	after = query_pte(sim, 0, addr);
	sim_destroy(sim);
	return before.pfn == after.pfn;
}

static void wp_reuse_mapcount_era_ignores_gup_reference(void **state)
{
	(void)state;
	assert_true(parent_write_reuses_after_child_vmsplice("v5.7"));
}

static void wp_reuse_refcount_era_copies(void **state)
{
	(void)state;
	assert_false(parent_write_reuses_after_child_vmsplice("v5.9"));
	assert_false(parent_write_reuses_after_child_vmsplice("latest"));
}

static void gup_break_cow_on_read_in_v5_8(void **state)
{
	struct sim *sim = sim_with("v5.8");
	unsigned long addr = map_rw(sim, 0, 1);
	struct sim_pte_info p, c;
	int child;

	(void)state;
	assert_int_equal(sim_store(sim, 0, addr, 1), 0);
	child = sim_fork(sim, 0);
	/* A R/O reference in the child breaks COW: the child gets a copy. */
	assert_true(sim_gup(sim, child, addr, 0) >= 0);
	p = query_pte(sim, 0, addr);
	c = query_pte(sim, child, addr);
	assert_int_not_equal(p.pfn, c.pfn);
	assert_true(c.writable);
	sim_destroy(sim);
}

/* Pin @addr R/W, fork, and tell whether the child got its own page. */
static bool fork_copies_pinned_page(const char *policy)
{
	struct sim *sim = sim_with(policy);
	unsigned long addr = map_rw(sim, 0, 1);
	struct sim_pte_info p, c;
	int child;

	assert_int_equal(sim_store(sim, 0, addr, 1), 0);
	assert_true(sim_gup(sim, 0, addr,
			    SIM_GUP_WRITE | SIM_GUP_PIN | SIM_GUP_LONGTERM) >=
		    0);
	child = sim_fork(sim, 0);
	assert_true(child > 0);
	p = query_pte(sim, 0, addr);
	c = query_pte(sim, child, addr);
	sim_destroy(sim);
	return p.pfn != c.pfn;
}

static void fork_shares_pinned_page_before_v5_9(void **state)
{
	(void)state;
	assert_false(fork_copies_pinned_page("v5.8"));
	assert_true(fork_copies_pinned_page("v5.9"));
	assert_true(fork_copies_pinned_page("latest"));
}

static void no_anon_exclusive_before_v5_19(void **state)
{
	struct sim *sim = sim_with("v5.18");
	unsigned long addr = map_rw(sim, 0, 1);

	(void)state;
	assert_false(sim_policy_has_anon_exclusive(sim));
	assert_int_equal(sim_store(sim, 0, addr, 1), 0);
	assert_false(query_pte(sim, 0, addr).exclusive);
	assert_sim_clean(sim);
	sim_destroy(sim);
}

/* R/O pin of a shared page: unshared (new page) or pinned in place. */
static bool ro_pin_unshares_shared_page(const char *policy)
{
	struct sim *sim = sim_with(policy);
	unsigned long addr = map_rw(sim, 0, 1);
	struct sim_pte_info before, after;
	int child;

	assert_int_equal(sim_store(sim, 0, addr, 1), 0);
	child = sim_fork(sim, 0);
	assert_true(child > 0);
	before = query_pte(sim, 0, addr);
	assert_true(sim_gup(sim, 0, addr, SIM_GUP_PIN | SIM_GUP_LONGTERM) >= 0);
	after = query_pte(sim, 0, addr);
	sim_destroy(sim);
	return before.pfn != after.pfn;
}

static void ro_pin_unshares_from_v5_19(void **state)
{
	(void)state;
	assert_false(ro_pin_unshares_shared_page("v5.18"));
	assert_true(ro_pin_unshares_shared_page("v5.19"));
}

/* R/O longterm pin of the shared zero page: unshared into a new page? */
static bool ro_longterm_pin_unshares_zero_page(const char *policy)
{
	struct sim *sim = sim_with(policy);
	unsigned long addr = map_rw(sim, 0, 1);
	enum sim_pte_kind kind;

	assert_int_equal(load_val(sim, 0, addr), 0);
	assert_int_equal(query_pte(sim, 0, addr).kind, SIM_PTE_ZEROPAGE);
	assert_true(sim_gup(sim, 0, addr, SIM_GUP_PIN | SIM_GUP_LONGTERM) >= 0);
	kind = query_pte(sim, 0, addr).kind;
	sim_destroy(sim);
	return kind == SIM_PTE_PRESENT;
}

static void ro_longterm_pin_unshares_any_cow_page_from_v6_2(void **state)
{
	(void)state;
	assert_false(ro_longterm_pin_unshares_zero_page("v6.1"));
	assert_true(ro_longterm_pin_unshares_zero_page("v6.12"));
}

/* A zero-filled page swapped out to a swap file: does swap-in find it? */
static bool zero_filled_page_comes_back(const char *policy)
{
	struct sim *sim = sim_with(policy);
	unsigned long addr = map_rw(sim, 0, 1);
	struct sim_pte_info before, after;
	bool same;

	assert_int_equal(sim_swapdev(sim, 64, false, false, false), 0);
	assert_int_equal(sim_store(sim, 0, addr, 0), 0);
	before = query_pte(sim, 0, addr);
	assert_int_equal(sim_swapout(sim, 0, addr, 1), 0);
	assert_int_equal(query_pte(sim, 0, addr).kind, SIM_PTE_SWAP);
	assert_int_equal(load_val(sim, 0, addr), 0);
	after = query_pte(sim, 0, addr);
	/* The same page is the same PFN in the same allocation. */
	same = after.pfn == before.pfn && after.gen == before.gen;
	assert_sim_clean(sim);
	sim_destroy(sim);
	return same;
}

static void zero_filled_page_freed_at_swapout_from_v6_12(void **state)
{
	(void)state;
	assert_true(zero_filled_page_comes_back("v6.1"));
	assert_false(zero_filled_page_comes_back("v6.12"));
}

static int migrate_unpopulated(const char *policy)
{
	struct sim *sim = sim_with(policy);
	unsigned long addr = map_rw(sim, 0, 1);
	int ret = sim_migrate(sim, 0, addr);

	sim_destroy(sim);
	return ret;
}

static void migrate_unpopulated_enoent_from_v6_12(void **state)
{
	(void)state;
	assert_int_equal(migrate_unpopulated("v6.1"), -EFAULT);
	assert_int_equal(migrate_unpopulated("v6.12"), -ENOENT);
}

static void migrate_unmapped_address_efault(void **state)
{
	struct sim *sim = sim_with("latest");
	unsigned long addr = map_rw(sim, 0, 1);

	(void)state;
	assert_int_equal(sim_munmap(sim, 0, addr, 1), 0);
	assert_int_equal(sim_migrate(sim, 0, addr), -EFAULT);
	sim_destroy(sim);
}

/* Swap an exclusive page out and read it back: writable? exclusive? */
static struct sim_pte_info swapin_read(const char *policy)
{
	struct sim *sim = sim_with(policy);
	unsigned long addr = map_rw(sim, 0, 1);
	struct sim_pte_info info;

	assert_int_equal(sim_store(sim, 0, addr, 1), 0);
	assert_int_equal(sim_swapout(sim, 0, addr, 1), 0);
	assert_int_equal(query_pte(sim, 0, addr).kind, SIM_PTE_SWAP);
	assert_int_equal(load_val(sim, 0, addr), 1);
	info = query_pte(sim, 0, addr);
	sim_destroy(sim);
	return info;
}

static void swapin_read_writable_from_v6_11(void **state)
{
	(void)state;
	assert_false(swapin_read("v5.19").writable);
	assert_true(swapin_read("v5.19").exclusive);
	assert_false(swapin_read("v6.1").writable);
	assert_true(swapin_read("v6.12").writable);
	assert_true(swapin_read("latest").writable);
}

static void swapin_without_swp_exclusive_bit_is_not_exclusive(void **state)
{
	struct sim_pte_info info = swapin_read("latest,swp_exclusive=off");

	(void)state;
	assert_false(info.exclusive);
	assert_false(info.writable);
}

static void mprotect_upgrade_from_v6_0(void **state)
{
	const char *policies[] = { "v5.19", "v6.1", "latest" };
	int i;

	(void)state;
	for (i = 0; i < 3; i++) {
		struct sim *sim = sim_with(policies[i]);
		unsigned long addr = map_rw(sim, 0, 1);

		assert_int_equal(sim_store(sim, 0, addr, 1), 0);
		assert_int_equal(sim_mprotect(sim, 0, addr, 1, PROT_READ), 0);
		assert_int_equal(sim_mprotect(sim, 0, addr, 1,
					      PROT_READ | PROT_WRITE),
				 0);
		assert_int_equal(query_pte(sim, 0, addr).writable, i > 0);
		sim_destroy(sim);
	}
}

/* A clean exclusive PTE (swapped in by a read), mprotect R/O and back. */
static bool mprotect_upgrades_clean_pte(const char *policy)
{
	struct sim *sim = sim_with(policy);
	unsigned long addr = map_rw(sim, 0, 1);
	struct sim_pte_info info;

	assert_int_equal(sim_store(sim, 0, addr, 1), 0);
	assert_int_equal(sim_swapout(sim, 0, addr, 1), 0);
	assert_int_equal(load_val(sim, 0, addr), 1);
	assert_int_equal(sim_mprotect(sim, 0, addr, 1, PROT_READ), 0);
	assert_int_equal(sim_mprotect(sim, 0, addr, 1, PROT_READ | PROT_WRITE),
			 0);
	info = query_pte(sim, 0, addr);
	assert_true(info.exclusive);
	assert_sim_clean(sim);
	sim_destroy(sim);
	return info.writable;
}

static void mprotect_upgrades_clean_pte_from_v6_2(void **state)
{
	(void)state;
	assert_false(mprotect_upgrades_clean_pte("v6.1"));
	assert_true(mprotect_upgrades_clean_pte("v6.12"));
}

/* MADV_HWPOISON of a dirty exclusive page: what the caller got. */
static int poison_dirty_page(const char *policy, unsigned long *nar,
			     enum sim_pte_kind *kind)
{
	struct sim *sim = sim_with(policy);
	unsigned long addr = map_rw(sim, 0, 1);
	int ret;

	assert_int_equal(sim_store(sim, 0, addr, 1), 0);
	ret = sim_poison(sim, 0, addr);
	assert_int_equal(sim_sigbus_count(sim, 0, BUS_MCEERR_AR, nar), 0);
	*kind = query_pte(sim, 0, addr).kind;
	assert_sim_clean(sim);
	sim_destroy(sim);
	return ret;
}

static void madvise_hwpoison_action_required_from_v6_11(void **state)
{
	enum sim_pte_kind kind;
	unsigned long n;

	(void)state;
	assert_int_equal(poison_dirty_page("v6.1", &n, &kind), 0);
	assert_int_equal(n, 0);
	assert_int_equal(kind, SIM_PTE_HWPOISON);
	assert_int_equal(poison_dirty_page("v6.12", &n, &kind),
			 SIM_SIG_CODE(SIGBUS, BUS_MCEERR_AR));
	assert_int_equal(n, 1);
	assert_int_equal(kind, SIM_PTE_HWPOISON);
}

/* A written THP of one PMD in process 0; A[0] and A[3] hold data. */
static unsigned long written_thp(struct sim *sim)
{
	unsigned long addr = map_rw(sim, 0, 512);

	assert_int_equal(sim_madvise(sim, 0, addr, 512, MADV_HUGEPAGE), 0);
	assert_int_equal(sim_store(sim, 0, addr, 0x1111), 0);
	assert_int_equal(sim_store(sim, 0, addr + 3 * 4096, 0x3333), 0);
	assert_true(query_pte(sim, 0, addr).pmd);
	return addr;
}

/* A[3] of a pinned THP poisoned: the result; the huge PMD must stay. */
static int poison_pinned_thp(const char *policy, unsigned long *nsig)
{
	struct sim *sim = sim_with(policy);
	unsigned long addr = written_thp(sim);
	int h = sim_gup(sim, 0, addr + 3 * 4096,
			SIM_GUP_PIN | SIM_GUP_WRITE | SIM_GUP_LONGTERM);
	int ret;

	assert_true(h >= 0);
	ret = sim_poison(sim, 0, addr + 3 * 4096);
	assert_true(query_pte(sim, 0, addr + 3 * 4096).pmd);
	assert_true(query_pte(sim, 0, addr + 3 * 4096).poisoned);
	assert_int_equal(sim_sigbus_count(sim, 0, 0, nsig), 0);
	assert_int_equal(sim_unpin(sim, h), 0);
	assert_sim_clean(sim);
	sim_destroy(sim);
	return ret;
}

static void unsplit_thp_ignored_before_v6_11(void **state)
{
	unsigned long n;

	(void)state;
	assert_int_equal(poison_pinned_thp("v6.1", &n), -EBUSY);
	assert_int_equal(n, 0);
	assert_int_equal(poison_pinned_thp("v6.12", &n),
			 SIM_SIG_CODE(SIGBUS, BUS_MCEERR_AR));
	assert_int_equal(n, 1);
}

/* A[3] of a THP poisoned, the THP split: what maps zero-filled A[4]? */
static enum sim_pte_kind split_zero_filled_page(const char *policy)
{
	struct sim *sim = sim_with(policy);
	unsigned long addr = written_thp(sim);
	struct sim_pte_info info;

	assert_true(sim_poison(sim, 0, addr + 3 * 4096) >= 0);
	assert_int_equal(query_pte(sim, 0, addr + 3 * 4096).kind,
			 SIM_PTE_HWPOISON);
	assert_false(query_pte(sim, 0, addr).thp);
	info = query_pte(sim, 0, addr + 4 * 4096);
	assert_false(info.pmd);
	assert_sim_clean(sim);
	sim_destroy(sim);
	return info.kind;
}

static void thp_split_maps_zero_filled_to_zeropage_from_v6_12(void **state)
{
	(void)state;
	assert_int_equal(split_zero_filled_page("v6.1"), SIM_PTE_PRESENT);
	assert_int_equal(split_zero_filled_page("v6.12"), SIM_PTE_ZEROPAGE);
}

/*
 * A dirty swap-cache page poisoned, then swapoff: what the swap PTE
 * became, and the signal of a read there.
 */
static int swapoff_poisoned_swapcache(const char *policy,
				      enum sim_pte_kind *kind)
{
	struct sim *sim = sim_with(policy);
	unsigned long addr = map_rw(sim, 0, 1);
	uint64_t val;
	int ret;

	assert_int_equal(sim_store(sim, 0, addr, 1), 0);
	assert_int_equal(sim_swapout(sim, 0, addr, 1), 0);
	assert_int_equal(load_val(sim, 0, addr), 1);
	assert_int_equal(sim_store(sim, 0, addr, 2), 0);
	assert_true(sim_poison(sim, 0, addr) >= 0);
	assert_int_equal(query_pte(sim, 0, addr).kind, SIM_PTE_SWAP);
	assert_int_equal(sim_swapoff(sim), 0);
	*kind = query_pte(sim, 0, addr).kind;
	ret = sim_load(sim, 0, addr, &val);
	assert_sim_clean(sim);
	sim_destroy(sim);
	return ret;
}

static void swapoff_leaves_hwpoison_entry_from_v6_2(void **state)
{
	enum sim_pte_kind kind;

	(void)state;
	assert_int_equal(swapoff_poisoned_swapcache("v6.1", &kind),
			 SIM_SIG_CODE(SIGBUS, BUS_ADRERR));
	assert_int_equal(kind, SIM_PTE_MARKER);
	assert_int_equal(swapoff_poisoned_swapcache("v6.12", &kind),
			 SIM_SIG_CODE(SIGBUS, BUS_MCEERR_AR));
	assert_int_equal(kind, SIM_PTE_HWPOISON);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_named_policies),
		cmocka_unit_test(parse_swp_exclusive_knob),
		test_with_sim(default_policy_is_latest),
		cmocka_unit_test(wp_reuse_mapcount_era_ignores_gup_reference),
		cmocka_unit_test(wp_reuse_refcount_era_copies),
		cmocka_unit_test(gup_break_cow_on_read_in_v5_8),
		cmocka_unit_test(fork_shares_pinned_page_before_v5_9),
		cmocka_unit_test(no_anon_exclusive_before_v5_19),
		cmocka_unit_test(ro_pin_unshares_from_v5_19),
		cmocka_unit_test(swapin_read_writable_from_v6_11),
		cmocka_unit_test(
			swapin_without_swp_exclusive_bit_is_not_exclusive),
		cmocka_unit_test(mprotect_upgrade_from_v6_0),
		cmocka_unit_test(mprotect_upgrades_clean_pte_from_v6_2),
		cmocka_unit_test(
			ro_longterm_pin_unshares_any_cow_page_from_v6_2),
		cmocka_unit_test(zero_filled_page_freed_at_swapout_from_v6_12),
		cmocka_unit_test(migrate_unpopulated_enoent_from_v6_12),
		cmocka_unit_test(migrate_unmapped_address_efault),
		cmocka_unit_test(madvise_hwpoison_action_required_from_v6_11),
		cmocka_unit_test(unsplit_thp_ignored_before_v6_11),
		cmocka_unit_test(
			thp_split_maps_zero_filled_to_zeropage_from_v6_12),
		cmocka_unit_test(swapoff_leaves_hwpoison_entry_from_v6_2),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
