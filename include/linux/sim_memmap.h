/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Model-only: the memory map, where the struct pages live (the kernel's
 * SPARSEMEM mem_map of each section, mm/sparse.c, include/linux/mmzone.h
 * at v6.12), and how a page finds its struct sim.
 *
 * Deviations:
 * - the model has no page_ext (lookup_page_ext()): every model-only
 *   per-page field fits in struct page's 64 bytes (linux/mm_types.h), but
 *   for the rare record of a violated precondition, which struct sim
 *   keeps for the few pages that have one (page-flags.h:
 *   sim_pgflags_bug());
 * - the kernel's struct pages of a SPARSEMEM section live in the section's
 *   mem_map (mm/sparse.c).  The model's memory map is made of chunks of
 *   SIM_CHUNK_PAGES struct pages (struct sim_chunk), preceded by a header
 *   holding the struct sim the chunk belongs to (64 bytes with alignment:
 *   1/8 byte per page).  The PFN in page->flags
 *   (linux/page-flags-layout.h) gives a page's index in its chunk, hence
 *   the chunk: page_sim() is a few instructions;
 * - the kernel finds its global state implicitly; a model page finds its
 *   struct sim through its chunk (page_sim()), where it used to hold a
 *   back pointer.
 */
#ifndef MMSIM_LINUX_SIM_MEMMAP_H
#define MMSIM_LINUX_SIM_MEMMAP_H

#include "linux/mm_types.h"

struct sim;

/*
 * Small chunks, so that a machine's memory map grows with the pages it
 * uses: a fresh machine (a few pages) costs one 32 KiB chunk (512 struct
 * pages and a header), where the kernel's mem_map for a 128 MiB section
 * is 2 MiB.  Not smaller: with 64-page chunks, fork and
 * exit were 10-30% slower per PTE (struct pages of neighbouring PFNs
 * scattered over the heap).
 */
#define SIM_CHUNK_SHIFT 9
#define SIM_CHUNK_PAGES (1UL << SIM_CHUNK_SHIFT)

/* One piece of the memory map: it never moves, so page pointers stay. */
struct sim_chunk {
	struct sim *sim;
	/* Host memory only: it is in an arena (mm/page_alloc.c). */
	bool in_arena;
	/* Cache-line aligned, as the kernel's 64-byte struct pages are. */
	struct page pages[SIM_CHUNK_PAGES] __attribute__((aligned(64)));
};

static inline struct sim_chunk *page_chunk(const struct page *page)
{
	const struct page *first =
		page - (page_to_pfn(page) & (SIM_CHUNK_PAGES - 1));

	return (struct sim_chunk *)((char *)first -
				    offsetof(struct sim_chunk, pages));
}

/* The struct sim @page belongs to. */
static inline struct sim *page_sim(const struct page *page)
{
	return page_chunk(page)->sim;
}

static inline struct sim *folio_sim(const struct folio *folio)
{
	return page_sim(&folio->page);
}

#endif /* MMSIM_LINUX_SIM_MEMMAP_H */
