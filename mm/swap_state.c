// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models mm/swap_state.c at v6.12 for small folios: the swap cache (a
 * folio in it has PG_swapcache, folio->swap, one reference held by the
 * cache, and SWAP_HAS_CACHE in its slot's count), add_to_swap for reclaim
 * and swapin_readahead (VMA readahead) for faults.
 *
 * VMA readahead's window adapts to the VMA's readahead hits
 * (swap_vma_ra_win, __swapin_nr_pages), with page-cluster 3.  While a
 * rotational swap device is on (a swap file: the model's `swapdev file`)
 * the kernel reads a page-cluster-aligned block of slots around the
 * faulting one instead (swap_cluster_readahead), its window from
 * machine-wide history kept in struct sim (swapin_nr_pages).
 */
#include "linux/pagewalk.h"
#include "linux/rmap.h"
#include "linux/swap.h"
#include "linux/sim_machine.h"

/* swap_cache_get_folio - the cached folio of @entry with a reference. */
struct folio *swap_cache_get_folio(struct sim *sim, swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(sim, entry);
	struct page *page;

	if (!si)
		return NULL;
	page = si->sim_cache[swp_offset(entry)];
	if (!page)
		return NULL;
	folio_get(page_folio(page));
	return page_folio(page);
}

int add_to_swap_cache(struct folio *folio, swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(folio_sim(folio), entry);
	unsigned long off = swp_offset(entry);

	if (si->sim_cache[off])
		return -EEXIST;
	folio_ref_add(folio, 1);
	folio_set_swapcache(folio);
	folio->swap = entry;
	sim_touch_page(&folio->page);
	si->sim_cache[off] = &folio->page;
	sim_touch_cache(folio_sim(folio), NULL, &folio->page);
	si->swap_map[off] |= SWAP_HAS_CACHE;
	return 0;
}

/*
 * delete_from_swap_cache - the folio leaves the swap cache: the cache's
 * reference and SWAP_HAS_CACHE go; the slot is free if no PTE uses it.
 */
void delete_from_swap_cache(struct folio *folio)
{
	swp_entry_t entry = folio->swap;
	struct swap_info_struct *si = swp_swap_info(folio_sim(folio), entry);
	unsigned long off = swp_offset(entry);

	si->sim_cache[off] = NULL;
	sim_touch_cache(folio_sim(folio), &folio->page, NULL);
	folio_clear_swapcache(folio);
	folio->swap.val = 0;
	sim_touch_page(&folio->page);
	swapcache_clear(folio_sim(folio), entry);
	folio_put(folio);
}

/*
 * free_swap_cache - a folio that just lost its last mapping need not stay
 * in the swap cache if no swap PTE uses its slot either.
 */
void free_swap_cache(struct folio *folio)
{
	if (folio_test_swapcache(folio) && !folio_mapped(folio))
		folio_free_swap(folio);
}

/*
 * add_to_swap - give a reclaimed anon folio a slot and put it in the swap
 * cache.  It is dirty: its contents are not on the device yet.
 */
bool add_to_swap(struct folio *folio)
{
	swp_entry_t entry = folio_alloc_swap(folio);
	struct swap_info_struct *si;

	if (!entry.val)
		return false;
	si = swp_swap_info(folio_sim(folio), entry);
	/* folio_alloc_swap already set SWAP_HAS_CACHE for us. */
	si->swap_map[swp_offset(entry)] &= ~SWAP_HAS_CACHE;
	add_to_swap_cache(folio, entry);
	folio_set_dirty(folio);
	return true;
}

/*
 * vm.page-cluster, the sysctl's default (mm/swap.c: swap_setup, on a
 * machine with more than 16 MiB); the kernel backend makes the machine's
 * the same while a scenario runs (host/kernel-swap.c).
 */
#define SIM_PAGE_CLUSTER 3
#define SWAP_RA_ORDER_CEILING 5

/*
 * vma->swap_readahead_info packs the last swap fault's page address, the
 * window it read and the readahead hits since (mm/swap_state.c:
 * SWAP_RA_VAL): hits in the low PAGE_SHIFT / 2 bits, the window above.
 */
#define SWAP_RA_WIN_SHIFT (PAGE_SHIFT / 2)
#define SWAP_RA_HITS_MASK ((1UL << SWAP_RA_WIN_SHIFT) - 1)
#define SWAP_RA_HITS_MAX SWAP_RA_HITS_MASK
#define SWAP_RA_WIN_MASK (~PAGE_MASK & ~SWAP_RA_HITS_MASK)
#define SWAP_RA_HITS(v) ((v)&SWAP_RA_HITS_MASK)
#define SWAP_RA_WIN(v) (((v)&SWAP_RA_WIN_MASK) >> SWAP_RA_WIN_SHIFT)
#define SWAP_RA_ADDR(v) ((v)&PAGE_MASK)
#define SWAP_RA_VAL(addr, win, hits)                                        \
	(((addr)&PAGE_MASK) |                                               \
	 (((unsigned long)(win) << SWAP_RA_WIN_SHIFT) & SWAP_RA_WIN_MASK) | \
	 ((hits)&SWAP_RA_HITS_MASK))

/*
 * swap_use_vma_readahead - VMA readahead unless a rotational swap device
 * is on (nr_rotate_swap, counted by swapon for a device without
 * SWP_SOLIDSTATE).  The model's devices: a swap file sits on this
 * machine's rotational disk (/sys/block/vda/queue/rotational is 1, and so
 * is a QEMU guest's virtio disk); a SWP_SYNCHRONOUS_IO device (zram) is
 * not rotational.
 */
bool swap_use_vma_readahead(const struct sim *sim)
{
	unsigned int type;

	for (type = 0; type < sim->nr_swapfiles; type++)
		if (sim->swap_info[type] &&
		    !(sim->swap_info[type]->flags & SWP_SYNCHRONOUS_IO))
			return false;
	return true;
}

/* A VMA with no history starts as if with 4 hits: a small first window. */
static unsigned long swap_ra_val(const struct vm_area_struct *vma)
{
	return vma->swap_readahead_info ? vma->swap_readahead_info : 4;
}

/*
 * swap_update_readahead - a lookup found @folio in the swap cache: if it
 * had been read ahead, that is a hit (PG_readahead is cleared), counted
 * in @vma's history, whose address becomes @addr either way.  The kernel
 * does this in swap_cache_get_folio() up to v6.17 and in
 * swap_update_readahead() from v6.18 (mm/swap_state.c); with no @vma
 * (shmem), as under cluster readahead, the hit counts machine-wide.
 */
void swap_update_readahead(struct folio *folio, struct vm_area_struct *vma,
			   unsigned long addr)
{
	bool readahead = folio_test_clear_readahead(folio);
	struct sim *sim = folio_sim(folio);
	unsigned long ra_val;
	unsigned int win, hits;

	/* Cluster readahead (or shmem): the hit counts machine-wide. */
	if (!vma || !swap_use_vma_readahead(sim)) {
		if (readahead) {
			sim->swap_ra_hits++;
			sim_trace(sim,
				  "swap_update_readahead: %#lx: a readahead "
				  "hit (%u machine-wide)",
				  addr, sim->swap_ra_hits);
		}
		return;
	}
	ra_val = swap_ra_val(vma);
	win = SWAP_RA_WIN(ra_val);
	hits = SWAP_RA_HITS(ra_val);
	if (readahead && hits < SWAP_RA_HITS_MAX)
		hits++;
	vma->swap_readahead_info = SWAP_RA_VAL(addr, win, hits);
	if (readahead)
		sim_trace(vma_sim(vma),
			  "swap_update_readahead: %#lx: a readahead hit (%u)",
			  addr, hits);
}

/*
 * __swapin_nr_pages - the next window: hits + 2 rounded up to a power of
 * two (at least 4); with no hits, 2 pages if the fault is next to the
 * previous one, else 1; at most @max_pages, and never below half the
 * previous window (it shrinks by halves).
 */
static unsigned int __swapin_nr_pages(unsigned long prev_offset,
				      unsigned long offset, unsigned int hits,
				      unsigned int max_pages,
				      unsigned int prev_win)
{
	unsigned int pages = hits + 2, roundup = 4;

	if (pages == 2) {
		if (offset != prev_offset + 1 && offset != prev_offset - 1)
			pages = 1;
	} else {
		while (roundup < pages)
			roundup <<= 1;
		pages = roundup;
	}
	if (pages > max_pages)
		pages = max_pages;
	if (pages < prev_win / 2)
		pages = prev_win / 2;
	return pages;
}

/*
 * swap_vma_ra_win - the readahead window of a swap fault, [*start, *end),
 * recorded in the VMA's history: centred on the fault, or starting (or
 * ending) at it when the previous fault was on the page just before (or
 * after); within the VMA and the fault's PMD.  Returns its size in
 * pages, 1 for no readahead.
 */
static unsigned int swap_vma_ra_win(struct vm_fault *vmf, unsigned long *start,
				    unsigned long *end)
{
	struct vm_area_struct *vma = vmf->vma;
	unsigned long faddr = vmf->address, prev_faddr, left, right, ra_val;
	unsigned int max_win, hits, prev_win, win;

	max_win = 1U << (SIM_PAGE_CLUSTER < SWAP_RA_ORDER_CEILING ?
				 SIM_PAGE_CLUSTER :
				 SWAP_RA_ORDER_CEILING);
	if (max_win == 1)
		return 1;
	ra_val = swap_ra_val(vma);
	prev_faddr = SWAP_RA_ADDR(ra_val);
	prev_win = SWAP_RA_WIN(ra_val);
	hits = SWAP_RA_HITS(ra_val);
	win = __swapin_nr_pages(prev_faddr >> PAGE_SHIFT, faddr >> PAGE_SHIFT,
				hits, max_win, prev_win);
	vma->swap_readahead_info = SWAP_RA_VAL(faddr, win, 0);
	sim_trace(vma_sim(vma),
		  "swap_vma_ra_win: %#lx: window %u (previous %#lx, window "
		  "%u, hits %u)",
		  faddr, win, prev_faddr, prev_win, hits);
	if (win == 1)
		return 1;
	if (faddr == prev_faddr + PAGE_SIZE)
		left = faddr;
	else if (prev_faddr == faddr + PAGE_SIZE)
		left = faddr - (win << PAGE_SHIFT) + PAGE_SIZE;
	else
		left = faddr - (((win - 1) / 2) << PAGE_SHIFT);
	right = left + (win << PAGE_SHIFT);
	if ((long)left < 0)
		left = 0;
	if (left < vma->vm_start)
		left = vma->vm_start;
	if (left < (faddr & PMD_MASK))
		left = faddr & PMD_MASK;
	if (right > vma->vm_end)
		right = vma->vm_end;
	if (right > (faddr & PMD_MASK) + PMD_SIZE)
		right = (faddr & PMD_MASK) + PMD_SIZE;
	*start = left;
	*end = right;
	return win;
}

/* One PTE of the readahead window; private: the faulting address. */
static int swap_ra_pte_entry(pte_t *ptep, unsigned long addr,
			     unsigned long next, struct mm_walk *walk)
{
	struct sim *sim = walk->mm->sim;
	swp_entry_t ra;
	struct folio *folio;

	if (addr == *(unsigned long *)walk->private || !is_swap_pte(*ptep))
		return 0;
	ra = pte_to_swp_entry(*ptep);
	if (non_swap_entry(ra) || !swp_swap_info(sim, ra))
		return 0;
	folio = swap_cache_get_folio(sim, ra);
	if (folio) {
		folio_put(folio);
		return 0;
	}
	/* read_swap_cache_async: cached, not mapped, PG_readahead. */
	folio = read_swap_cache_async(sim, ra);
	folio_set_readahead(folio);
	folio_put(folio);
	sim_trace(sim,
		  "swap_vma_readahead: %#lx: %u:%#llx into the "
		  "swap cache",
		  addr, swp_type(ra), (unsigned long long)swp_offset(ra));
	return 0;
}

static const struct mm_walk_ops swap_ra_walk_ops = {
	.pte_entry = swap_ra_pte_entry,
};

/*
 * swap_vma_readahead - read the swap PTEs of the window (swap_vma_ra_win)
 * into the swap cache too, marked PG_readahead, then return the faulting
 * entry's folio with a reference.  Pages read ahead are only cached, not
 * mapped: a later fault on them is a swap-cache hit (a readahead hit that
 * widens the next window), which matters on a SWP_SYNCHRONOUS_IO device,
 * where it is not a fresh (exclusive) page.
 * Deviation: the kernel reads the window's PTEs from the PTE table
 * directly; the model uses walk_page_range_vma() (mm/pagewalk.c).
 */
static struct folio *swap_vma_readahead(struct vm_fault *vmf, swp_entry_t entry)
{
	struct vm_area_struct *vma = vmf->vma;
	unsigned long faddr = vmf->address, start, end;

	if (swap_vma_ra_win(vmf, &start, &end) > 1)
		walk_page_range_vma(vma, start, end, &swap_ra_walk_ops, &faddr);
	return read_swap_cache_async(vma_sim(vma), entry);
}

/*
 * read_swap_cache_async - the folio of @entry in the swap cache: the one
 * there already (__read_swap_cache_async looks first: the readahead
 * window may just have read it, when another PTE of the window holds the
 * same entry), or a new one read into it.  Returns it with the caller's
 * reference.  A new folio is not anon yet: the fault maps it with
 * folio_add_new_anon_rmap.
 */
struct folio *read_swap_cache_async(struct sim *sim, swp_entry_t entry)
{
	struct folio *folio = swap_cache_get_folio(sim, entry);

	if (folio)
		return folio;
	folio = folio_alloc(sim);

	__folio_set_swapbacked(folio);
	add_to_swap_cache(folio, entry);
	swap_read_folio(folio);
	folio_add_lru_vma(folio, NULL);
	return folio;
}

/*
 * swapin_nr_pages - cluster readahead's window for a fault on slot
 * @offset, from the machine-wide history: the readahead hits since the
 * last window (taken, so they count once), the offset of the last fault
 * that had none, and the last window.
 */
static unsigned int swapin_nr_pages(struct sim *sim, unsigned long offset)
{
	unsigned int hits = sim->swap_ra_hits, pages;

	sim->swap_ra_hits = 0;
	pages = __swapin_nr_pages(sim->swap_ra_prev_offset, offset, hits,
				  1U << SIM_PAGE_CLUSTER,
				  sim->swap_ra_last_pages);
	sim_trace(sim,
		  "swapin_nr_pages: slot %#lx: window %u (previous slot "
		  "%#lx, window %u, hits %u)",
		  offset, pages, sim->swap_ra_prev_offset,
		  sim->swap_ra_last_pages, hits);
	if (!hits)
		sim->swap_ra_prev_offset = offset;
	sim->swap_ra_last_pages = pages;
	return pages;
}

/*
 * swap_cluster_readahead - read the window's block of slots, aligned to
 * its size and around @entry's (never slot 0, the header, nor past the
 * device), into the swap cache: a slot with no user is skipped, one
 * cached already stays as it is, a new folio other than @entry's gets
 * PG_readahead.  Returns @entry's folio with a reference.
 */
struct folio *swap_cluster_readahead(struct sim *sim, swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(sim, entry);
	unsigned long off = swp_offset(entry), mask, start, end, o;
	struct folio *folio;
	swp_entry_t ra;

	mask = swapin_nr_pages(sim, off) - 1;
	start = off & ~mask;
	end = off | mask;
	if (!start)
		start = 1;
	if (end >= si->max)
		end = si->max - 1;
	for (o = start; mask && o <= end; o++) {
		if (o == off)
			continue;
		ra = swp_entry(swp_type(entry), o);
		swp_swap_info(sim, ra);
		if (si->sim_cache[o] || !swap_slot_users(si, o))
			continue;
		folio = read_swap_cache_async(sim, ra);
		folio_set_readahead(folio);
		folio_put(folio);
		sim_trace(sim,
			  "swap_cluster_readahead: %u:%#lx into the swap "
			  "cache",
			  swp_type(ra), o);
	}
	return read_swap_cache_async(sim, entry);
}

/*
 * swapin_readahead - the fault's way into the swap cache: VMA readahead,
 * the kernel's default, or cluster readahead while a rotational swap
 * device is on (swap_use_vma_readahead).
 */
struct folio *swapin_readahead(swp_entry_t entry, struct vm_fault *vmf)
{
	struct sim *sim = vma_sim(vmf->vma);

	if (!swap_use_vma_readahead(sim))
		return swap_cluster_readahead(sim, entry);
	return swap_vma_readahead(vmf, entry);
}
