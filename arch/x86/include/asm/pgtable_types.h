/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Models arch/x86/include/asm/pgtable_types.h at v6.12 (x86-64, 4-level
 * paging, 4 KiB pages): the hardware and software bits of a PTE and the
 * protections of protection_map[].  Omits: PAT/PCD caching modes, memory
 * encryption, 5-level paging.
 */
#ifndef MMSIM_ASM_PGTABLE_TYPES_H
#define MMSIM_ASM_PGTABLE_TYPES_H

#include "linux/kernel.h"

#define _PAGE_BIT_PRESENT 0
#define _PAGE_BIT_RW 1
#define _PAGE_BIT_USER 2
#define _PAGE_BIT_PWT 3
#define _PAGE_BIT_PCD 4
#define _PAGE_BIT_ACCESSED 5
#define _PAGE_BIT_DIRTY 6
#define _PAGE_BIT_PSE 7
#define _PAGE_BIT_PAT 7
#define _PAGE_BIT_GLOBAL 8
#define _PAGE_BIT_SOFTW1 9
#define _PAGE_BIT_SOFTW2 10
#define _PAGE_BIT_SOFTW3 11
#define _PAGE_BIT_PAT_LARGE 12
#define _PAGE_BIT_SOFTW4 57
#define _PAGE_BIT_SOFTW5 58
#define _PAGE_BIT_NX 63

#define _PAGE_BIT_SPECIAL _PAGE_BIT_SOFTW1
#define _PAGE_BIT_UFFD_WP _PAGE_BIT_SOFTW2
#define _PAGE_BIT_SOFT_DIRTY _PAGE_BIT_SOFTW3
#define _PAGE_BIT_DEVMAP _PAGE_BIT_SOFTW4
#define _PAGE_BIT_SAVED_DIRTY _PAGE_BIT_SOFTW5
/* Only meaningful when PRESENT is clear: a PROT_NONE mapping. */
#define _PAGE_BIT_PROTNONE _PAGE_BIT_GLOBAL

#define _PAGE_PRESENT (1ULL << _PAGE_BIT_PRESENT)
#define _PAGE_RW (1ULL << _PAGE_BIT_RW)
#define _PAGE_USER (1ULL << _PAGE_BIT_USER)
#define _PAGE_PWT (1ULL << _PAGE_BIT_PWT)
#define _PAGE_PCD (1ULL << _PAGE_BIT_PCD)
#define _PAGE_ACCESSED (1ULL << _PAGE_BIT_ACCESSED)
#define _PAGE_DIRTY (1ULL << _PAGE_BIT_DIRTY)
#define _PAGE_PSE (1ULL << _PAGE_BIT_PSE)
#define _PAGE_GLOBAL (1ULL << _PAGE_BIT_GLOBAL)
#define _PAGE_SPECIAL (1ULL << _PAGE_BIT_SPECIAL)
#define _PAGE_UFFD_WP (1ULL << _PAGE_BIT_UFFD_WP)
#define _PAGE_SOFT_DIRTY (1ULL << _PAGE_BIT_SOFT_DIRTY)
#define _PAGE_DEVMAP (1ULL << _PAGE_BIT_DEVMAP)
#define _PAGE_SAVED_DIRTY (1ULL << _PAGE_BIT_SAVED_DIRTY)
#define _PAGE_NX (1ULL << _PAGE_BIT_NX)
#define _PAGE_PROTNONE (1ULL << _PAGE_BIT_PROTNONE)

/* Bits 12..51 hold the PFN (__PHYSICAL_MASK_SHIFT is 52). */
#define __PHYSICAL_MASK ((1ULL << 52) - 1)
#define PTE_PFN_MASK (__PHYSICAL_MASK & ~(PAGE_SIZE - 1))
#define PTE_FLAGS_MASK (~PTE_PFN_MASK)

/* A and D may be set by a buggy CPU in a non-present PTE (KNL erratum). */
#define _PAGE_KNL_ERRATUM_MASK (_PAGE_DIRTY | _PAGE_ACCESSED)

/* Bits that pte_modify() keeps from the old PTE. */
#define _PAGE_CHG_MASK                                                    \
	(PTE_PFN_MASK | _PAGE_PCD | _PAGE_PWT | _PAGE_SPECIAL |           \
	 _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_SOFT_DIRTY | _PAGE_DEVMAP | \
	 _PAGE_UFFD_WP | _PAGE_SAVED_DIRTY)

/* What an upper-level entry pointing to a lower table carries. */
#define _PAGE_TABLE \
	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY)

typedef struct {
	u64 pte;
} pte_t;

typedef struct {
	u64 pgprot;
} pgprot_t;

#define __pte(x) ((pte_t){ (x) })
#define pte_val(x) ((x).pte)
#define __pgprot(x) ((pgprot_t){ (x) })
#define pgprot_val(x) ((x).pgprot)

/* protection_map[] entries (x86-64, NX supported). */
#define PAGE_NONE __pgprot(_PAGE_ACCESSED | _PAGE_GLOBAL)
#define PAGE_SHARED                                                       \
	__pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | \
		 _PAGE_NX)
#define PAGE_COPY \
	__pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX)
#define PAGE_READONLY PAGE_COPY

#endif /* MMSIM_ASM_PGTABLE_TYPES_H */
