/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Models the swap-format PTE of arch/x86/include/asm/pgtable_64.h and
 * pgtable_types.h at v6.12 (x86-64).
 *
 * A non-present PTE that is not none holds a swap entry:
 *   bit  0      PRESENT, always 0
 *   bit  1      _PAGE_SWP_SOFT_DIRTY (the RW bit position)
 *   bit  2      _PAGE_SWP_UFFD_WP (the USER bit position)
 *   bit  3      _PAGE_SWP_EXCLUSIVE (the PWT bit position, 5.19:
 *               origin.swp-exclusive)
 *   bits 5, 6   never used (A/D may be set by the KNL erratum)
 *   bit  7      0 (pmd_present() looks at PSE)
 *   bit  8      0 (PROTNONE: would make it a present PROT_NONE PTE)
 *   bits 9..58  the swap offset, bit-inverted (L1TF mitigation)
 *   bits 59..63 the swap type
 */
#ifndef MMSIM_ASM_PGTABLE_64_H
#define MMSIM_ASM_PGTABLE_64_H

#include "asm/pgtable_types.h"

#define SWP_TYPE_BITS 5
#define SWP_OFFSET_FIRST_BIT (_PAGE_BIT_PROTNONE + 1)
/* The offset is shifted up this far, then the whole value down. */
#define SWP_OFFSET_SHIFT (SWP_OFFSET_FIRST_BIT + SWP_TYPE_BITS)

#define _PAGE_SWP_SOFT_DIRTY _PAGE_RW
#define _PAGE_SWP_UFFD_WP _PAGE_USER
#define _PAGE_SWP_EXCLUSIVE _PAGE_PWT
#define _PAGE_SWP_FLAGS_MASK \
	(_PAGE_SWP_SOFT_DIRTY | _PAGE_SWP_UFFD_WP | _PAGE_SWP_EXCLUSIVE)

/* The arch-specific form of a swap entry, as stored in a PTE. */
typedef struct {
	u64 val;
} swp_arch_t;

static inline u64 __swp_arch_entry(unsigned int type, u64 offset)
{
	return ((~offset) << SWP_OFFSET_SHIFT >> SWP_TYPE_BITS) |
	       ((u64)type << (64 - SWP_TYPE_BITS));
}

static inline unsigned int __swp_arch_type(u64 val)
{
	return val >> (64 - SWP_TYPE_BITS);
}

static inline u64 __swp_arch_offset(u64 val)
{
	return (~val) << SWP_TYPE_BITS >> SWP_OFFSET_SHIFT;
}

#endif /* MMSIM_ASM_PGTABLE_64_H */
