/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Models include/linux/swapops.h and the swap types of include/linux/swap.h
 * at v6.12: the arch-independent swp_entry_t, its conversion to and from a
 * swap-format PTE, the special swap types taken from the top of the 5-bit
 * type space, and PTE markers.
 *
 * The special types are computed from the configuration, as the kernel
 * does, instead of being hard-coded: v6.12 with DEVICE_PRIVATE, MIGRATION,
 * MEMORY_FAILURE and PTE_MARKER leaves 23 real swap types (0..22).
 */
#ifndef MMSIM_LINUX_SWAPOPS_H
#define MMSIM_LINUX_SWAPOPS_H

#include "asm/pgtable_64.h"
#include "linux/mm_types.h"
#include "linux/pgtable.h"

/* The configuration the model mirrors (this machine's kernel). */
#define CONFIG_DEVICE_PRIVATE 1
#define CONFIG_MIGRATION 1
#define CONFIG_MEMORY_FAILURE 1
#define CONFIG_PTE_MARKER 1

#define MAX_SWAPFILES_SHIFT 5
#define SWP_DEVICE_NUM (CONFIG_DEVICE_PRIVATE ? 4 : 0)
#define SWP_MIGRATION_NUM (CONFIG_MIGRATION ? 3 : 0)
#define SWP_HWPOISON_NUM (CONFIG_MEMORY_FAILURE ? 1 : 0)
#define SWP_PTE_MARKER_NUM (CONFIG_PTE_MARKER ? 1 : 0)

#define MAX_SWAPFILES                                                      \
	((1 << MAX_SWAPFILES_SHIFT) - SWP_DEVICE_NUM - SWP_MIGRATION_NUM - \
	 SWP_HWPOISON_NUM - SWP_PTE_MARKER_NUM)

#define SWP_HWPOISON MAX_SWAPFILES
#define SWP_MIGRATION_READ (MAX_SWAPFILES + SWP_HWPOISON_NUM)
#define SWP_MIGRATION_READ_EXCLUSIVE (SWP_MIGRATION_READ + 1)
#define SWP_MIGRATION_WRITE (SWP_MIGRATION_READ + 2)
#define SWP_DEVICE_WRITE (SWP_MIGRATION_READ + SWP_MIGRATION_NUM)
#define SWP_DEVICE_READ (SWP_DEVICE_WRITE + 1)
#define SWP_DEVICE_EXCLUSIVE_WRITE (SWP_DEVICE_WRITE + 2)
#define SWP_DEVICE_EXCLUSIVE_READ (SWP_DEVICE_WRITE + 3)
#define SWP_PTE_MARKER (SWP_DEVICE_WRITE + SWP_DEVICE_NUM)

/* Generic swap entry (swp_entry_t, mm_types.h): type in the top bits. */

#define BITS_PER_XA_VALUE 63
#define SWP_TYPE_SHIFT (BITS_PER_XA_VALUE - MAX_SWAPFILES_SHIFT)
#define SWP_OFFSET_MASK ((1ULL << SWP_TYPE_SHIFT) - 1)

static inline swp_entry_t swp_entry(unsigned int type, u64 offset)
{
	return (swp_entry_t){ ((u64)type << SWP_TYPE_SHIFT) |
			      (offset & SWP_OFFSET_MASK) };
}

static inline unsigned int swp_type(swp_entry_t entry)
{
	return entry.val >> SWP_TYPE_SHIFT;
}

static inline u64 swp_offset(swp_entry_t entry)
{
	return entry.val & SWP_OFFSET_MASK;
}

/* A non-none, non-present PTE holds a swap-format entry. */
static inline bool is_swap_pte(pte_t pte)
{
	return !pte_none(pte) && !pte_present(pte);
}

static inline pte_t pte_swp_clear_flags(pte_t pte)
{
	return __pte(pte_val(pte) & ~_PAGE_SWP_FLAGS_MASK);
}

static inline swp_entry_t pte_to_swp_entry(pte_t pte)
{
	u64 arch = pte_val(pte_swp_clear_flags(pte));

	return swp_entry(__swp_arch_type(arch), __swp_arch_offset(arch));
}

static inline pte_t swp_entry_to_pte(swp_entry_t entry)
{
	return __pte(__swp_arch_entry(swp_type(entry), swp_offset(entry)));
}

static inline bool pte_swp_exclusive(pte_t pte)
{
	return pte_val(pte) & _PAGE_SWP_EXCLUSIVE;
}

static inline pte_t pte_swp_mkexclusive(pte_t pte)
{
	return __pte(pte_val(pte) | _PAGE_SWP_EXCLUSIVE);
}

static inline pte_t pte_swp_clear_exclusive(pte_t pte)
{
	return __pte(pte_val(pte) & ~_PAGE_SWP_EXCLUSIVE);
}

static inline bool pte_swp_soft_dirty(pte_t pte)
{
	return pte_val(pte) & _PAGE_SWP_SOFT_DIRTY;
}

static inline pte_t pte_swp_mksoft_dirty(pte_t pte)
{
	return __pte(pte_val(pte) | _PAGE_SWP_SOFT_DIRTY);
}

static inline pte_t pte_swp_clear_soft_dirty(pte_t pte)
{
	return __pte(pte_val(pte) & ~_PAGE_SWP_SOFT_DIRTY);
}

static inline bool pte_swp_uffd_wp(pte_t pte)
{
	return pte_val(pte) & _PAGE_SWP_UFFD_WP;
}

static inline pte_t pte_swp_mkuffd_wp(pte_t pte)
{
	return __pte(pte_val(pte) | _PAGE_SWP_UFFD_WP);
}

static inline bool is_migration_entry(swp_entry_t entry)
{
	unsigned int t = swp_type(entry);

	return t == SWP_MIGRATION_READ || t == SWP_MIGRATION_READ_EXCLUSIVE ||
	       t == SWP_MIGRATION_WRITE;
}

static inline bool is_pte_marker_entry(swp_entry_t entry)
{
	return swp_type(entry) == SWP_PTE_MARKER;
}

static inline bool non_swap_entry(swp_entry_t entry)
{
	return swp_type(entry) >= MAX_SWAPFILES;
}

/*
 * hwpoison entries: the PTE of a poisoned page (mm/memory-failure.c,
 * try_to_unmap_one with TTU_HWPOISON) names the page by its PFN in the
 * offset; a fault on it is VM_FAULT_HWPOISON.
 */
static inline swp_entry_t make_hwpoison_entry(struct page *page)
{
	return swp_entry(SWP_HWPOISON, page_to_pfn(page));
}

static inline bool is_hwpoison_entry(swp_entry_t entry)
{
	return swp_type(entry) == SWP_HWPOISON;
}

/* PTE marker bits, stored in the offset of a SWP_PTE_MARKER entry. */
#define PTE_MARKER_UFFD_WP BIT(0)
#define PTE_MARKER_POISONED BIT(1)
#define PTE_MARKER_GUARD BIT(2)
/*
 * Model-only: 6.1's swap-in error entry (make_swapin_error_entry), a swap
 * type of its own there (SWP_SWAPIN_ERROR, the top type, 31, as markers
 * are in 6.12); 6.2 made it a marker bit (PTE_MARKER_SWAPIN_ERROR), as
 * the model does.  Its fault is VM_FAULT_SIGBUS.
 */
#define PTE_MARKER_SWAPIN_ERROR BIT(3)
#define PTE_MARKER_MASK (BIT(4) - 1)

static inline swp_entry_t make_pte_marker_entry(unsigned long marker)
{
	return swp_entry(SWP_PTE_MARKER, marker);
}

static inline pte_t make_pte_marker(unsigned long marker)
{
	return swp_entry_to_pte(make_pte_marker_entry(marker));
}

static inline bool is_pte_marker(pte_t pte)
{
	return is_swap_pte(pte) && is_pte_marker_entry(pte_to_swp_entry(pte));
}

#endif /* MMSIM_LINUX_SWAPOPS_H */
