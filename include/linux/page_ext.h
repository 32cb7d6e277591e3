/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Models include/linux/page_ext.h and mm/page_ext.c at v6.12: per-page data
 * kept outside struct page, found from the page (lookup_page_ext()).
 *
 * Deviations:
 * - the model's page_ext holds the model-only per-page field that does not
 *   fit in struct page's 64 bytes (sim_bug);
 * - the kernel's struct pages of a SPARSEMEM section live in the section's
 *   mem_map, and its page_ext in section->page_ext (mm/page_ext.c:
 *   lookup_page_ext()).  The model's memory map is made of chunks of
 *   SIM_CHUNK_PAGES struct pages (struct sim_chunk), each followed in the
 *   same allocation by its page_exts and preceded by a header holding the
 *   struct sim the chunk belongs to.  The PFN in page->flags
 *   (linux/page-flags-layout.h) gives a page's index in its chunk, hence
 *   the chunk: page_sim() and lookup_page_ext() are a few instructions;
 * - the kernel finds its global state implicitly; a model page finds its
 *   struct sim through its chunk (page_sim()), where it used to hold a
 *   back pointer.
 */
#ifndef MMSIM_LINUX_PAGE_EXT_H
#define MMSIM_LINUX_PAGE_EXT_H

#include "linux/mm_types.h"

struct sim;

/*
 * Small chunks, so that a machine's memory map grows with the pages it
 * uses: a fresh machine (a few pages) costs one 48 KiB chunk, not the
 * kernel's 128 MiB section.  Not smaller: with 64-page chunks, fork and
 * exit were 10-30% slower per PTE (struct pages of neighbouring PFNs
 * scattered over the heap).
 */
#define SIM_CHUNK_SHIFT 9
#define SIM_CHUNK_PAGES (1UL << SIM_CHUNK_SHIFT)

/*
 * Model-only, not state: @sim_bug is the first violated precondition of
 * the page (VM_BUG_ON_PGFLAGS, reported by the next check).
 */
struct page_ext {
	const char *sim_bug;
};

/* One piece of the memory map: it never moves, so page pointers stay. */
struct sim_chunk {
	struct sim *sim;
	/* Cache-line aligned, as the kernel's 64-byte struct pages are. */
	struct page pages[SIM_CHUNK_PAGES] __attribute__((aligned(64)));
	struct page_ext ext[SIM_CHUNK_PAGES];
};

static inline struct sim_chunk *page_chunk(const struct page *page)
{
	const struct page *first =
		page - (page_to_pfn(page) & (SIM_CHUNK_PAGES - 1));

	return (struct sim_chunk *)((char *)first -
				    offsetof(struct sim_chunk, pages));
}

static inline struct page_ext *lookup_page_ext(const struct page *page)
{
	return &page_chunk(page)->ext[page_to_pfn(page) & (SIM_CHUNK_PAGES - 1)];
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

#endif /* MMSIM_LINUX_PAGE_EXT_H */
