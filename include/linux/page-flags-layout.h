/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Models include/linux/page-flags-layout.h at v6.12: what page->flags
 * holds besides the flag bits.  With SPARSEMEM and no VMEMMAP the kernel
 * keeps the section number in the upper bits (SECTIONS_PGSHIFT), read by
 * page_to_section() and written by set_page_section() (include/linux/mm.h),
 * so that page_to_pfn() can find the section's mem_map.
 *
 * Deviation: the model keeps the whole PFN there instead of the section
 * number, and page_to_pfn() reads it (there are no zone or node bits).
 * It is set once, when the chunk of struct pages is created, and is not
 * state: whatever compares or hashes flags masks it (SIM_PAGE_FLAGS_MASK).
 *
 * Model-only, between the flags and the PFN: SIM_PAGE_TOUCHED_BIT, set
 * while the page is in the incremental check's list of touched pages
 * (harness/touch.c), so that a page is listed once at the cost of a bit
 * test.  Not state either: SIM_PAGE_FLAGS_MASK leaves it out, and no
 * page keeps it across a check.
 */
#ifndef MMSIM_LINUX_PAGE_FLAGS_LAYOUT_H
#define MMSIM_LINUX_PAGE_FLAGS_LAYOUT_H

#define SIM_PFN_WIDTH 39
#define SIM_PFN_PGSHIFT (64 - SIM_PFN_WIDTH)
#define SIM_PFN_MASK ((1UL << SIM_PFN_WIDTH) - 1)
#define SIM_PAGE_TOUCHED_BIT (SIM_PFN_PGSHIFT - 1)
/* The flag bits proper: everything below the touched bit and the PFN. */
#define SIM_PAGE_FLAGS_MASK ((1UL << SIM_PAGE_TOUCHED_BIT) - 1)

#endif /* MMSIM_LINUX_PAGE_FLAGS_LAYOUT_H */
