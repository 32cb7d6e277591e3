// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests the x86-64 swap-format PTE of asm/pgtable_64.h and linux/swapops.h
 * against the worked examples of docs/kernel-rules.md x86.swp-pte: every
 * example encodes to the listed value and decodes back to its type and offset,
 * the flag bits 1-3 are where the kernel puts them and do not disturb decoding,
 * and the special swap types have their v6.12 numbers (x86.swap-types).
 */
#include "tests/unit/helpers.h"

#include "linux/swapops.h"

struct swp_example {
	unsigned int type;
	u64 offset;
	u64 pte;
};

/* docs/kernel-rules.md x86.swp-pte, its examples. */
static const struct swp_example examples[] = {
	{ 0, 0, 0x07fffffffffffe00ULL },
	{ 0, 1, 0x07fffffffffffc00ULL },
	{ 1, 0x1234, 0x0fffffffffdb9600ULL },
	{ 31, PTE_MARKER_UFFD_WP, 0xfffffffffffffc00ULL },
	{ 31, PTE_MARKER_GUARD, 0xfffffffffffff600ULL },
	{ 24, 0x12345, 0xc7fffffffdb97400ULL },
	{ 26, 0x12345, 0xd7fffffffdb97400ULL },
};

static void swap_types_have_v612_numbers(void **state)
{
	(void)state;
	assert_int_equal(MAX_SWAPFILES, 23);
	assert_int_equal(SWP_HWPOISON, 23);
	assert_int_equal(SWP_MIGRATION_READ, 24);
	assert_int_equal(SWP_MIGRATION_READ_EXCLUSIVE, 25);
	assert_int_equal(SWP_MIGRATION_WRITE, 26);
	assert_int_equal(SWP_DEVICE_WRITE, 27);
	assert_int_equal(SWP_DEVICE_EXCLUSIVE_READ, 30);
	assert_int_equal(SWP_PTE_MARKER, 31);
}

static void worked_examples_encode_to_listed_value(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(examples); i++) {
		swp_entry_t e = swp_entry(examples[i].type, examples[i].offset);

		assert_int_equal(pte_val(swp_entry_to_pte(e)), examples[i].pte);
	}
}

static void worked_examples_decode_to_type_and_offset(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(examples); i++) {
		pte_t pte = __pte(examples[i].pte);
		swp_entry_t e = pte_to_swp_entry(pte);

		assert_true(is_swap_pte(pte));
		assert_int_equal(swp_type(e), examples[i].type);
		assert_int_equal(swp_offset(e), examples[i].offset);
	}
}

static void generic_entry_keeps_type_above_bit_58(void **state)
{
	swp_entry_t e = swp_entry(SWP_MIGRATION_WRITE, 0x12345);

	(void)state;
	assert_int_equal(SWP_TYPE_SHIFT, 58);
	assert_int_equal(e.val, ((u64)26 << 58) | 0x12345);
}

static void exclusive_bit_is_bit_3(void **state)
{
	pte_t pte = swp_entry_to_pte(swp_entry(1, 0x1234));
	pte_t excl = pte_swp_mkexclusive(pte);

	(void)state;
	assert_int_equal(_PAGE_SWP_EXCLUSIVE, 1ULL << 3);
	assert_int_equal(pte_val(excl), 0x0fffffffffdb9608ULL);
	assert_false(pte_swp_exclusive(pte));
	assert_true(pte_swp_exclusive(excl));
	assert_int_equal(pte_val(pte_swp_clear_exclusive(excl)), pte_val(pte));
}

static void exclusive_bit_is_stripped_before_decoding(void **state)
{
	pte_t excl = __pte(0x0fffffffffdb9608ULL);
	swp_entry_t e = pte_to_swp_entry(excl);

	(void)state;
	assert_true(is_swap_pte(excl));
	assert_int_equal(swp_type(e), 1);
	assert_int_equal(swp_offset(e), 0x1234);
	assert_int_equal(e.val, swp_entry(1, 0x1234).val);
}

static void soft_dirty_bit_is_bit_1_and_stripped(void **state)
{
	pte_t pte = swp_entry_to_pte(swp_entry(1, 0x1234));
	pte_t sd = pte_swp_mksoft_dirty(pte);
	swp_entry_t e = pte_to_swp_entry(sd);

	(void)state;
	assert_int_equal(_PAGE_SWP_SOFT_DIRTY, 1ULL << 1);
	assert_int_equal(pte_val(sd), 0x0fffffffffdb9602ULL);
	assert_false(pte_swp_soft_dirty(pte));
	assert_true(pte_swp_soft_dirty(sd));
	assert_false(pte_swp_exclusive(sd));
	assert_false(pte_swp_uffd_wp(sd));
	assert_int_equal(swp_type(e), 1);
	assert_int_equal(swp_offset(e), 0x1234);
}

static void uffd_wp_bit_is_bit_2_and_stripped(void **state)
{
	pte_t pte = swp_entry_to_pte(swp_entry(1, 0x1234));
	pte_t wp = pte_swp_mkuffd_wp(pte);
	swp_entry_t e = pte_to_swp_entry(wp);

	(void)state;
	assert_int_equal(_PAGE_SWP_UFFD_WP, 1ULL << 2);
	assert_int_equal(pte_val(wp), 0x0fffffffffdb9604ULL);
	assert_false(pte_swp_uffd_wp(pte));
	assert_true(pte_swp_uffd_wp(wp));
	assert_false(pte_swp_soft_dirty(wp));
	assert_int_equal(swp_type(e), 1);
	assert_int_equal(swp_offset(e), 0x1234);
}

static void all_three_flags_together_decode_cleanly(void **state)
{
	pte_t pte = swp_entry_to_pte(swp_entry(SWP_MIGRATION_READ, 0x12345));
	pte_t all = pte_swp_mkexclusive(
		pte_swp_mkuffd_wp(pte_swp_mksoft_dirty(pte)));
	swp_entry_t e = pte_to_swp_entry(all);

	(void)state;
	assert_int_equal(pte_val(all), 0xc7fffffffdb9740eULL);
	assert_int_equal(pte_val(pte_swp_clear_flags(all)), pte_val(pte));
	assert_int_equal(swp_type(e), SWP_MIGRATION_READ);
	assert_int_equal(swp_offset(e), 0x12345);
	assert_true(is_migration_entry(e));
}

static void uffd_wp_marker_is_a_pte_marker(void **state)
{
	pte_t pte = make_pte_marker(PTE_MARKER_UFFD_WP);
	swp_entry_t e = pte_to_swp_entry(pte);

	(void)state;
	assert_int_equal(pte_val(pte), 0xfffffffffffffc00ULL);
	assert_true(is_pte_marker(pte));
	assert_true(is_pte_marker_entry(e));
	assert_true(non_swap_entry(e));
	assert_false(is_migration_entry(e));
	assert_int_equal(swp_offset(e) & PTE_MARKER_MASK, PTE_MARKER_UFFD_WP);
}

static void guard_marker_is_a_pte_marker(void **state)
{
	pte_t pte = make_pte_marker(PTE_MARKER_GUARD);

	(void)state;
	assert_int_equal(PTE_MARKER_GUARD, 4);
	assert_int_equal(pte_val(pte), 0xfffffffffffff600ULL);
	assert_true(is_pte_marker(pte));
	assert_int_equal(swp_offset(pte_to_swp_entry(pte)), PTE_MARKER_GUARD);
}

static void migration_entries_hold_the_pfn(void **state)
{
	swp_entry_t rd = pte_to_swp_entry(__pte(0xc7fffffffdb97400ULL));
	swp_entry_t wr = pte_to_swp_entry(__pte(0xd7fffffffdb97400ULL));

	(void)state;
	assert_true(is_migration_entry(rd));
	assert_true(is_migration_entry(wr));
	assert_true(non_swap_entry(rd));
	assert_int_equal(swp_type(rd), SWP_MIGRATION_READ);
	assert_int_equal(swp_type(wr), SWP_MIGRATION_WRITE);
	assert_int_equal(swp_offset(rd), 0x12345);
	assert_int_equal(swp_offset(wr), 0x12345);
	assert_false(is_pte_marker(__pte(0xc7fffffffdb97400ULL)));
}

static void real_swap_types_are_not_special(void **state)
{
	(void)state;
	assert_false(non_swap_entry(swp_entry(0, 1)));
	assert_false(non_swap_entry(swp_entry(MAX_SWAPFILES - 1, 1)));
	assert_true(non_swap_entry(swp_entry(SWP_HWPOISON, 1)));
	assert_false(is_migration_entry(swp_entry(SWP_HWPOISON, 1)));
	assert_false(is_migration_entry(swp_entry(SWP_DEVICE_WRITE, 1)));
}

static void type_0_max_offset_encodes_to_pte_none(void **state)
{
	u64 off = (1ULL << 50) - 1;
	pte_t pte = swp_entry_to_pte(swp_entry(0, off));

	(void)state;
	assert_int_equal(pte_val(pte), 0);
	assert_true(pte_none(pte));
	assert_false(is_swap_pte(pte));
	/* One less is a valid, non-none entry. */
	pte = swp_entry_to_pte(swp_entry(0, off - 1));
	assert_int_equal(pte_val(pte), 1ULL << 9);
	assert_true(is_swap_pte(pte));
	assert_int_equal(swp_offset(pte_to_swp_entry(pte)), off - 1);
}

/* Bits 0..8 of a plain swap PTE are clear: not present, not PROTNONE. */
static void encoding_leaves_low_bits_clear(void **state)
{
	static const u64 offsets[] = { 0,
				       1,
				       0x1234,
				       0x12345,
				       1ULL << 20,
				       (1ULL << 49) + 7,
				       (1ULL << 50) - 2 };
	unsigned int type;
	size_t i;

	(void)state;
	for (type = 0; type < 32; type++) {
		for (i = 0; i < ARRAY_SIZE(offsets); i++) {
			pte_t pte =
				swp_entry_to_pte(swp_entry(type, offsets[i]));
			swp_entry_t e = pte_to_swp_entry(pte);

			assert_int_equal(pte_val(pte) & 0x1ffULL, 0);
			assert_false(pte_present(pte));
			assert_false(pte_protnone(pte));
			assert_true(is_swap_pte(pte));
			assert_int_equal(swp_type(e), type);
			assert_int_equal(swp_offset(e), offsets[i]);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(swap_types_have_v612_numbers),
		cmocka_unit_test(worked_examples_encode_to_listed_value),
		cmocka_unit_test(worked_examples_decode_to_type_and_offset),
		cmocka_unit_test(generic_entry_keeps_type_above_bit_58),
		cmocka_unit_test(exclusive_bit_is_bit_3),
		cmocka_unit_test(exclusive_bit_is_stripped_before_decoding),
		cmocka_unit_test(soft_dirty_bit_is_bit_1_and_stripped),
		cmocka_unit_test(uffd_wp_bit_is_bit_2_and_stripped),
		cmocka_unit_test(all_three_flags_together_decode_cleanly),
		cmocka_unit_test(uffd_wp_marker_is_a_pte_marker),
		cmocka_unit_test(guard_marker_is_a_pte_marker),
		cmocka_unit_test(migration_entries_hold_the_pfn),
		cmocka_unit_test(real_swap_types_are_not_special),
		cmocka_unit_test(type_0_max_offset_encodes_to_pte_none),
		cmocka_unit_test(encoding_leaves_low_bits_clear),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
