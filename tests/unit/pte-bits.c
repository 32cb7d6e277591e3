// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests the present x86-64 PTE of asm/pgtable_types.h and linux/pgtable.h
 * (docs/kernel-rules.md x86.pte): the bit positions, the PFN field and its
 * L1TF inversion in PROT_NONE PTEs, pte_modify, and the helpers whose
 * behaviour the fault paths rely on (uffd-wp write-protects, pte_none
 * ignores the KNL erratum bits, pte_access_permitted).
 */
#include "tests/unit/helpers.h"

#include "linux/pgtable.h"

static void hardware_bits_are_at_x86_positions(void **state)
{
	(void)state;
	assert_int_equal(_PAGE_PRESENT, 1ULL << 0);
	assert_int_equal(_PAGE_RW, 1ULL << 1);
	assert_int_equal(_PAGE_USER, 1ULL << 2);
	assert_int_equal(_PAGE_ACCESSED, 1ULL << 5);
	assert_int_equal(_PAGE_DIRTY, 1ULL << 6);
	assert_int_equal(_PAGE_NX, 1ULL << 63);
}

static void software_bits_are_at_x86_positions(void **state)
{
	(void)state;
	assert_int_equal(_PAGE_SPECIAL, 1ULL << 9);
	assert_int_equal(_PAGE_UFFD_WP, 1ULL << 10);
	assert_int_equal(_PAGE_SOFT_DIRTY, 1ULL << 11);
	assert_int_equal(_PAGE_DEVMAP, 1ULL << 57);
	assert_int_equal(_PAGE_SAVED_DIRTY, 1ULL << 58);
	/* PROTNONE shares GLOBAL: it only counts when PRESENT is clear. */
	assert_int_equal(_PAGE_PROTNONE, 1ULL << 8);
}

static void pfn_field_is_bits_12_to_51(void **state)
{
	(void)state;
	assert_int_equal(PTE_PFN_MASK, 0x000ffffffffff000ULL);
}

static void mk_helpers_set_exactly_their_bits(void **state)
{
	pte_t pte = __pte(0);

	(void)state;
	assert_int_equal(pte_val(pte_mkwrite_novma(pte)), _PAGE_RW);
	assert_int_equal(pte_val(pte_mkyoung(pte)), _PAGE_ACCESSED);
	assert_int_equal(pte_val(pte_mkspecial(pte)), _PAGE_SPECIAL);
	assert_int_equal(pte_val(pte_mksoft_dirty(pte)), _PAGE_SOFT_DIRTY);
	/* x86 pte_mkdirty also sets soft-dirty. */
	assert_int_equal(pte_val(pte_mkdirty(pte)),
			 _PAGE_DIRTY | _PAGE_SOFT_DIRTY);
}

static void page_copy_is_present_user_accessed_nx(void **state)
{
	(void)state;
	assert_int_equal(pgprot_val(PAGE_COPY), _PAGE_PRESENT | _PAGE_USER |
							_PAGE_ACCESSED |
							_PAGE_NX);
	assert_int_equal(pgprot_val(PAGE_COPY) & _PAGE_RW, 0);
	assert_int_equal(pgprot_val(PAGE_NONE), _PAGE_ACCESSED | _PAGE_GLOBAL);
}

static void pfn_pte_round_trips(void **state)
{
	static const unsigned long pfns[] = { 0, 1, 0x12345, 1UL << 30,
					      (1UL << 40) - 1 };
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(pfns); i++) {
		pte_t pte = pfn_pte(pfns[i], PAGE_COPY);

		assert_int_equal(pte_val(pte), ((u64)pfns[i] << PAGE_SHIFT) |
						       pgprot_val(PAGE_COPY));
		assert_int_equal(pte_pfn(pte), pfns[i]);
		assert_true(pte_present(pte));
		assert_false(pte_protnone(pte));
	}
}

static void prot_none_pte_stores_pfn_inverted(void **state)
{
	unsigned long pfn = 0x12345;
	pte_t pte = pfn_pte(pfn, PAGE_NONE);

	(void)state;
	assert_int_equal(pte_val(pte) & PTE_PFN_MASK,
			 ~((u64)pfn << PAGE_SHIFT) & PTE_PFN_MASK);
	assert_int_equal(pte_flags(pte), pgprot_val(PAGE_NONE));
	assert_int_equal(pte_pfn(pte), pfn);
	assert_true(pte_present(pte));
	assert_true(pte_protnone(pte));
	assert_false(pte_access_permitted(pte, false));
}

static void prot_none_pte_of_pfn_0_is_not_none(void **state)
{
	pte_t pte = pfn_pte(0, PAGE_NONE);

	(void)state;
	assert_int_equal(pte_val(pte) & PTE_PFN_MASK, PTE_PFN_MASK);
	assert_int_equal(pte_pfn(pte), 0);
	assert_false(pte_none(pte));
}

static void pte_modify_to_prot_none_keeps_pfn(void **state)
{
	unsigned long pfn = 0xabcde;
	pte_t pte = pte_mkdirty(pte_mkwrite_novma(pfn_pte(pfn, PAGE_COPY)));
	pte_t none = pte_modify(pte, PAGE_NONE);

	(void)state;
	assert_true(pte_protnone(none));
	assert_int_equal(pte_pfn(none), pfn);
	assert_int_equal(pte_val(none) & PTE_PFN_MASK,
			 ~((u64)pfn << PAGE_SHIFT) & PTE_PFN_MASK);
	/* RW is not in _PAGE_CHG_MASK; DIRTY and SOFT_DIRTY are. */
	assert_false(pte_write(none));
	assert_true(pte_dirty(none));
	assert_true(pte_soft_dirty(none));
}

static void pte_modify_back_from_prot_none_restores_pte(void **state)
{
	unsigned long pfn = 0xabcde;
	pte_t pte = pte_mkdirty(pfn_pte(pfn, PAGE_COPY));
	pte_t back = pte_modify(pte_modify(pte, PAGE_NONE), PAGE_COPY);

	(void)state;
	assert_false(pte_protnone(back));
	assert_int_equal(pte_pfn(back), pfn);
	assert_int_equal(pte_val(back), pte_val(pte));
}

static void pte_modify_keeps_special_and_uffd_wp(void **state)
{
	pte_t pte = pte_mkuffd_wp(pte_mkspecial(pfn_pte(7, PAGE_COPY)));
	pte_t none = pte_modify(pte, PAGE_NONE);

	(void)state;
	assert_true(pte_special(none));
	assert_true(pte_uffd_wp(none));
	assert_int_equal(pte_pfn(none), 7);
}

static void mkuffd_wp_sets_bit_10_and_clears_rw(void **state)
{
	pte_t pte = pte_mkwrite_novma(pfn_pte(1, PAGE_COPY));
	pte_t wp = pte_mkuffd_wp(pte);

	(void)state;
	assert_true(pte_write(pte));
	assert_false(pte_write(wp));
	assert_true(pte_uffd_wp(wp));
	assert_int_equal(pte_val(wp),
			 (pte_val(pte) & ~_PAGE_RW) | _PAGE_UFFD_WP);
	assert_int_equal(pte_val(pte_clear_uffd_wp(wp)),
			 pte_val(pte) & ~_PAGE_RW);
}

static void wrprotect_clears_only_rw(void **state)
{
	pte_t pte = pte_mkdirty(pte_mkwrite_novma(pfn_pte(5, PAGE_COPY)));
	pte_t ro = pte_wrprotect(pte);

	(void)state;
	assert_int_equal(pte_val(ro), pte_val(pte) & ~_PAGE_RW);
	assert_true(pte_dirty(ro));
	assert_int_equal(pte_val(ro) & _PAGE_SAVED_DIRTY, 0);
}

static void saved_dirty_counts_as_dirty(void **state)
{
	pte_t pte = __pte(pgprot_val(PAGE_COPY) | _PAGE_SAVED_DIRTY);

	(void)state;
	assert_true(pte_dirty(pte));
	assert_false(pte_dirty(pte_mkclean(pte)));
}

static void pte_none_ignores_accessed_and_dirty(void **state)
{
	(void)state;
	assert_true(pte_none(__pte(0)));
	assert_true(pte_none(__pte(_PAGE_ACCESSED)));
	assert_true(pte_none(__pte(_PAGE_DIRTY)));
	assert_true(pte_none(__pte(_PAGE_ACCESSED | _PAGE_DIRTY)));
	assert_false(pte_none(__pte(_PAGE_USER)));
	assert_false(pte_none(__pte(_PAGE_PRESENT)));
	assert_false(pte_none(__pte(1ULL << 12)));
	assert_false(pte_present(__pte(_PAGE_ACCESSED | _PAGE_DIRTY)));
}

static void access_permitted_needs_present_user_and_rw_for_write(void **state)
{
	pte_t ro = pfn_pte(3, PAGE_COPY);
	pte_t rw = pte_mkwrite_novma(ro);
	pte_t kernel = __pte(pte_val(rw) & ~_PAGE_USER);

	(void)state;
	assert_true(pte_access_permitted(ro, false));
	assert_false(pte_access_permitted(ro, true));
	assert_true(pte_access_permitted(rw, true));
	assert_false(pte_access_permitted(kernel, false));
	assert_false(pte_access_permitted(pfn_pte(3, PAGE_NONE), false));
}

static void upper_level_entry_points_to_table(void **state)
{
	u64 e = mk_pxd(0x4242);

	(void)state;
	assert_int_equal(pxd_pfn(e), 0x4242);
	assert_int_equal(e & ~PTE_PFN_MASK, _PAGE_TABLE);
	assert_false(pxd_none(e));
	assert_true(pxd_none(_PAGE_ACCESSED | _PAGE_DIRTY));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hardware_bits_are_at_x86_positions),
		cmocka_unit_test(software_bits_are_at_x86_positions),
		cmocka_unit_test(pfn_field_is_bits_12_to_51),
		cmocka_unit_test(mk_helpers_set_exactly_their_bits),
		cmocka_unit_test(page_copy_is_present_user_accessed_nx),
		cmocka_unit_test(pfn_pte_round_trips),
		cmocka_unit_test(prot_none_pte_stores_pfn_inverted),
		cmocka_unit_test(prot_none_pte_of_pfn_0_is_not_none),
		cmocka_unit_test(pte_modify_to_prot_none_keeps_pfn),
		cmocka_unit_test(pte_modify_back_from_prot_none_restores_pte),
		cmocka_unit_test(pte_modify_keeps_special_and_uffd_wp),
		cmocka_unit_test(mkuffd_wp_sets_bit_10_and_clears_rw),
		cmocka_unit_test(wrprotect_clears_only_rw),
		cmocka_unit_test(saved_dirty_counts_as_dirty),
		cmocka_unit_test(pte_none_ignores_accessed_and_dirty),
		cmocka_unit_test(
			access_permitted_needs_present_user_and_rw_for_write),
		cmocka_unit_test(upper_level_entry_points_to_table),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
