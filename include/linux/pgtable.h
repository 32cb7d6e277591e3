/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Models the PTE helpers of arch/x86/include/asm/pgtable.h,
 * pgtable-invert.h and include/linux/pgtable.h at v6.12 (x86-64, 4-level).
 *
 * Deviation: user shadow stacks are not modelled, so pte_wrprotect() never
 * moves DIRTY into SAVED_DIRTY and pte_write() is the RW bit alone.
 */
#ifndef MMSIM_LINUX_PGTABLE_H
#define MMSIM_LINUX_PGTABLE_H

#include "asm/pgtable_types.h"

#define PTRS_PER_PTE 512
#define PTRS_PER_PMD 512
#define PTRS_PER_PUD 512
#define PTRS_PER_PGD 512
#define PMD_SHIFT 21
#define PUD_SHIFT 30
#define PGDIR_SHIFT 39
#define PMD_SIZE (1UL << PMD_SHIFT)
#define PMD_MASK (~(PMD_SIZE - 1))
#define PUD_SIZE (1UL << PUD_SHIFT)
#define PUD_MASK (~(PUD_SIZE - 1))
#define PGDIR_SIZE (1UL << PGDIR_SHIFT)
#define PGDIR_MASK (~(PGDIR_SIZE - 1))
#define TASK_SIZE_MAX ((1UL << 47) - PAGE_SIZE)

static inline unsigned long pte_index(unsigned long addr)
{
	return (addr >> PAGE_SHIFT) & (PTRS_PER_PTE - 1);
}

static inline unsigned long pmd_index(unsigned long addr)
{
	return (addr >> PMD_SHIFT) & (PTRS_PER_PMD - 1);
}

static inline unsigned long pud_index(unsigned long addr)
{
	return (addr >> PUD_SHIFT) & (PTRS_PER_PUD - 1);
}

static inline unsigned long pgd_index(unsigned long addr)
{
	return (addr >> PGDIR_SHIFT) & (PTRS_PER_PGD - 1);
}

static inline u64 pte_flags(pte_t pte)
{
	return pte_val(pte) & PTE_FLAGS_MASK;
}

/* L1TF: a non-present, non-zero PTE stores its PFN inverted. */
static inline bool __pte_needs_invert(u64 val)
{
	return val && !(val & _PAGE_PRESENT);
}

static inline u64 protnone_mask(u64 val)
{
	return __pte_needs_invert(val) ? ~0ULL : 0;
}

static inline u64 flip_protnone_guard(u64 oldval, u64 val, u64 mask)
{
	if (__pte_needs_invert(oldval) != __pte_needs_invert(val))
		val = (val & ~mask) | (~val & mask);
	return val;
}

static inline bool pte_none(pte_t pte)
{
	return !(pte_val(pte) & ~_PAGE_KNL_ERRATUM_MASK);
}

static inline bool pte_present(pte_t pte)
{
	return pte_flags(pte) & (_PAGE_PRESENT | _PAGE_PROTNONE);
}

static inline bool pte_protnone(pte_t pte)
{
	return (pte_flags(pte) & (_PAGE_PROTNONE | _PAGE_PRESENT)) ==
	       _PAGE_PROTNONE;
}

#define PTE_TEST(name, bit)                      \
	static inline bool pte_##name(pte_t pte) \
	{                                        \
		return pte_flags(pte) & (bit);   \
	}
PTE_TEST(write, _PAGE_RW)
PTE_TEST(young, _PAGE_ACCESSED)
PTE_TEST(special, _PAGE_SPECIAL)
PTE_TEST(uffd_wp, _PAGE_UFFD_WP)
PTE_TEST(soft_dirty, _PAGE_SOFT_DIRTY)
PTE_TEST(user, _PAGE_USER)

static inline bool pte_dirty(pte_t pte)
{
	return pte_flags(pte) & (_PAGE_DIRTY | _PAGE_SAVED_DIRTY);
}

#define PTE_SET(name, bit)                          \
	static inline pte_t pte_##name(pte_t pte)   \
	{                                           \
		return __pte(pte_val(pte) | (bit)); \
	}
#define PTE_CLEAR(name, bit)                         \
	static inline pte_t pte_##name(pte_t pte)    \
	{                                            \
		return __pte(pte_val(pte) & ~(bit)); \
	}
PTE_SET(mkwrite_novma, _PAGE_RW)
PTE_SET(mkdirty, _PAGE_DIRTY | _PAGE_SOFT_DIRTY)
PTE_SET(mkyoung, _PAGE_ACCESSED)
PTE_SET(mkspecial, _PAGE_SPECIAL)
PTE_SET(mksoft_dirty, _PAGE_SOFT_DIRTY)
PTE_CLEAR(wrprotect, _PAGE_RW)
PTE_CLEAR(mkclean, _PAGE_DIRTY | _PAGE_SAVED_DIRTY)
PTE_CLEAR(mkold, _PAGE_ACCESSED)
PTE_CLEAR(clear_uffd_wp, _PAGE_UFFD_WP)
PTE_CLEAR(clear_soft_dirty, _PAGE_SOFT_DIRTY)

/* On x86 a uffd-wp PTE is also write-protected. */
static inline pte_t pte_mkuffd_wp(pte_t pte)
{
	return pte_wrprotect(__pte(pte_val(pte) | _PAGE_UFFD_WP));
}

static inline unsigned long pte_pfn(pte_t pte)
{
	u64 pfn = pte_val(pte);

	pfn ^= protnone_mask(pfn);
	return (pfn & PTE_PFN_MASK) >> PAGE_SHIFT;
}

static inline pte_t pfn_pte(unsigned long pfn, pgprot_t prot)
{
	u64 pfnval = (u64)pfn << PAGE_SHIFT;

	pfnval ^= protnone_mask(pgprot_val(prot));
	pfnval &= PTE_PFN_MASK;
	return __pte(pfnval | pgprot_val(prot));
}

static inline pte_t pte_modify(pte_t pte, pgprot_t newprot)
{
	u64 val = pte_val(pte), oldval = val;

	val &= _PAGE_CHG_MASK;
	val |= pgprot_val(newprot) & ~_PAGE_CHG_MASK;
	val = flip_protnone_guard(oldval, val, PTE_PFN_MASK);
	return __pte(val);
}

/* The MMU's permission check, as GUP-fast uses it. */
static inline bool pte_access_permitted(pte_t pte, bool write)
{
	u64 need = _PAGE_PRESENT | _PAGE_USER | (write ? _PAGE_RW : 0);

	return (pte_val(pte) & need) == need;
}

/* Upper levels: an entry is the PFN of the next table plus _PAGE_TABLE. */
static inline bool pxd_none(u64 entry)
{
	return !(entry & ~_PAGE_KNL_ERRATUM_MASK);
}

static inline unsigned long pxd_pfn(u64 entry)
{
	return (entry & PTE_PFN_MASK) >> PAGE_SHIFT;
}

static inline u64 mk_pxd(unsigned long pfn)
{
	return ((u64)pfn << PAGE_SHIFT) | _PAGE_TABLE;
}

/*
 * PMD leaves (arch/x86/include/asm/pgtable.h): a PMD entry with _PAGE_PSE
 * maps 2 MiB itself, with the bits of a PTE (RW, DIRTY, ACCESSED,
 * SOFT_DIRTY, UFFD_WP at the same places).  PAT moves to bit 12 in a leaf,
 * which the model never sets.  Deviation: pmd_t is the entry's value, as
 * pte_t is; the model reads it from the PMD table's u64 entries.
 */
typedef struct {
	u64 pmd;
} pmd_t;

#define __pmd(x) ((pmd_t){ (x) })
#define pmd_val(x) ((x).pmd)

static inline bool pmd_none(pmd_t pmd)
{
	return pxd_none(pmd_val(pmd));
}

static inline bool pmd_leaf(pmd_t pmd)
{
	return pmd_val(pmd) & _PAGE_PSE;
}

/* No DAX (devmap) PMDs in the model: every leaf is a THP or huge zero. */
static inline bool pmd_trans_huge(pmd_t pmd)
{
	return (pmd_val(pmd) & (_PAGE_PSE | _PAGE_DEVMAP)) == _PAGE_PSE;
}

static inline bool pmd_present(pmd_t pmd)
{
	return pmd_val(pmd) & (_PAGE_PRESENT | _PAGE_PROTNONE | _PAGE_PSE);
}

static inline pte_t pmd_pte(pmd_t pmd)
{
	return __pte(pmd_val(pmd));
}

static inline pmd_t pte_pmd(pte_t pte)
{
	return __pmd(pte_val(pte));
}

#define PMD_TEST(name)                           \
	static inline bool pmd_##name(pmd_t pmd) \
	{                                        \
		return pte_##name(pmd_pte(pmd)); \
	}
PMD_TEST(write)
PMD_TEST(dirty)
PMD_TEST(young)
PMD_TEST(soft_dirty)
PMD_TEST(uffd_wp)

#define PMD_MAKE(name)                                    \
	static inline pmd_t pmd_##name(pmd_t pmd)         \
	{                                                 \
		return pte_pmd(pte_##name(pmd_pte(pmd))); \
	}
PMD_MAKE(mkwrite_novma)
PMD_MAKE(wrprotect)
PMD_MAKE(mkdirty)
PMD_MAKE(mkclean)
PMD_MAKE(mkyoung)
PMD_MAKE(mkold)
PMD_MAKE(clear_uffd_wp)
PMD_MAKE(clear_soft_dirty)

static inline unsigned long pmd_pfn(pmd_t pmd)
{
	return pte_pfn(pmd_pte(pmd));
}

static inline pmd_t pmd_mkhuge(pmd_t pmd)
{
	return __pmd(pmd_val(pmd) | _PAGE_PSE);
}

static inline pmd_t pfn_pmd(unsigned long pfn, pgprot_t prot)
{
	return pte_pmd(pfn_pte(pfn, prot));
}

#endif /* MMSIM_LINUX_PGTABLE_H */
