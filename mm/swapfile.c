// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models mm/swapfile.c at v6.12: swap devices, slot allocation, the use
 * counts of swap_map (swap_duplicate, swap_free, free_swap_and_cache,
 * swapcache_prepare/clear), folio_free_swap, and swapoff's try_to_unuse
 * with unuse_pte.
 *
 * Two kinds of device, as this machine's kernel shows
 * (docs/kernel-observations.md): a swap file keeps a written-out page in the
 * swap cache until reclaim needs it (writeback is asynchronous); a
 * SWP_SYNCHRONOUS_IO device (zram) completes the write at once, so the page is
 * freed at once and swap-in bypasses the swap cache when the slot has a single
 * user.
 *
 * With swap more than half full (vm_swap_full) swap-in, zap, reclaim of
 * a folio it keeps (mm/vmscan.c: activate_locked) and an allocation that
 * fills a device (swap_reclaim_full_clusters) free the swap cache as the
 * kernel does.
 *
 * Deviations: slot 0 is the header (SWAP_MAP_BAD) as in the kernel, but
 * slots are allocated lowest-first with no clusters, so the kernel's
 * allocator, which goes on from where it last stopped and takes a slot
 * only the swap cache holds that it scans past when swap is half full,
 * may pick other slots once slots were freed; count continuations are a
 * number per slot (see include/linux/swap.h).  swap_map reads as zeroed, as the kernel's swapon
 * vzalloc()s it (mm/swapfile.c: SYSCALL_DEFINE2(swapon)), but it and the
 * model-only per-slot arrays share one allocation (swap_arrays_alloc())
 * that only covers the slots looked at so far (swap_slot_room()): the
 * slots above it are free and hold nothing, so a device costs what its
 * used slots do, not its size.
 */
#include <stdlib.h>
#include <string.h>

#include "linux/ksm.h"
#include "linux/pagewalk.h"
#include "linux/rmap.h"
#include "linux/swap.h"
#include "linux/sim_machine.h"

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);

	if (!p)
		abort();
	return p;
}

/*
 * The per-slot arrays of a device, in one allocation: sim_data,
 * sim_wtime, sim_cache, sim_use, sim_writer and swap_map for @nslots
 * slots, in that order (the widest first, for alignment).
 */
static size_t swap_arrays_size(unsigned int nslots)
{
	return (size_t)nslots * (2 * sizeof(u64) + sizeof(struct page *) +
				 sizeof(struct sim_slot_use) + sizeof(int) +
				 sizeof(unsigned int) + 1);
}

static void swap_arrays_carve(struct swap_info_struct *si, char *p,
			      unsigned int nslots)
{
	si->sim_nslots = nslots;
	si->sim_data = (u64 *)p;
	p += nslots * sizeof(u64);
	si->sim_wtime = (u64 *)p;
	p += nslots * sizeof(u64);
	si->sim_cache = (struct page **)p;
	p += nslots * sizeof(struct page *);
	si->sim_use = (struct sim_slot_use *)p;
	p += nslots * sizeof(struct sim_slot_use);
	si->sim_writer = (int *)p;
	p += nslots * sizeof(int);
	si->sim_cont = (unsigned int *)p;
	p += nslots * sizeof(unsigned int);
	si->swap_map = (unsigned char *)p;
}

/*
 * swap_arrays_alloc - room in the per-slot arrays for @nslots slots (at
 * most si->max), copied from @from's if given (a clone), else zeroed; no
 * room at all for @nslots 0.
 */
void swap_arrays_alloc(struct swap_info_struct *si,
		       const struct swap_info_struct *from, unsigned int nslots)
{
	size_t size = swap_arrays_size(nslots);
	char *p = NULL;

	if (nslots) {
		p = malloc(size);
		if (!p)
			abort();
		if (from)
			memcpy(p, from->sim_data, size);
		else
			memset(p, 0, size);
	}
	swap_arrays_carve(si, p, nslots);
}

/*
 * __swap_slots_grow - room for slots below @nr (swap_slot_room()): the
 * arrays double, from 16 slots, up to the device's size; the new slots
 * are zero, as the kernel's vzalloc()ed swap_map is.
 */
void __swap_slots_grow(struct swap_info_struct *si, unsigned long nr)
{
	struct swap_info_struct old = *si;
	unsigned long n = si->sim_nslots ? si->sim_nslots : 16;

	while (n < nr && n < si->max)
		n *= 2;
	if (n > si->max)
		n = si->max;
	swap_arrays_alloc(si, NULL, n);
	if (old.sim_nslots) {
		memcpy(si->sim_data, old.sim_data,
		       old.sim_nslots * sizeof(u64));
		memcpy(si->sim_wtime, old.sim_wtime,
		       old.sim_nslots * sizeof(u64));
		memcpy(si->sim_cache, old.sim_cache,
		       old.sim_nslots * sizeof(struct page *));
		memcpy(si->sim_use, old.sim_use,
		       old.sim_nslots * sizeof(struct sim_slot_use));
		memcpy(si->sim_writer, old.sim_writer,
		       old.sim_nslots * sizeof(int));
		memcpy(si->sim_cont, old.sim_cont,
		       old.sim_nslots * sizeof(unsigned int));
		memcpy(si->swap_map, old.swap_map, old.sim_nslots);
	}
	free(old.sim_data);
}

/*
 * sim_swapon - swapon(2) of a device with @nslots slots.  Returns its
 * type, or -errno.
 */
int sim_swapon(struct sim *sim, unsigned int nslots, unsigned long flags,
	       bool slow_writeback)
{
	struct swap_info_struct *si;
	unsigned int type;

	for (type = 0; type < MAX_SWAPFILES; type++)
		if (!sim->swap_info[type])
			break;
	if (type == MAX_SWAPFILES)
		return -EPERM;
	if (nslots < 2)
		return -EINVAL;
	si = xcalloc(1, sizeof(*si));
	si->type = (signed char)type;
	si->max = nslots;
	si->flags = SWP_USED | SWP_WRITEOK | flags;
	swap_slot_room(si, 0);
	si->swap_map[0] = SWAP_MAP_BAD;
	si->lowest_bit = 1;
	/* A new device: the next check looks at everything. */
	sim_touch_all(sim);
	si->sim_slow_writeback = slow_writeback;
	sim->swap_info[type] = si;
	if (type >= sim->nr_swapfiles)
		sim->nr_swapfiles = type + 1;
	return (int)type;
}

struct swap_info_struct *swp_swap_info(struct sim *sim, swp_entry_t entry)
{
	unsigned int type = swp_type(entry);
	struct swap_info_struct *si;

	if (type >= MAX_SWAPFILES)
		return NULL;
	si = sim->swap_info[type];
	if (!si || swp_offset(entry) >= si->max)
		return NULL;
	swap_slot_room(si, swp_offset(entry));
	/* Whoever looks a slot up may change it: it counts as touched. */
	sim_touch_slot(sim, entry);
	return si;
}

/*
 * swap_alloc_large - @nr (a power of two) free slots of @si, naturally
 * aligned: what the cluster allocator gives a large folio
 * (scan_swap_map_slots with order > 0, cluster_alloc_swap_entry: the
 * slots of one folio lie in one cluster, the first aligned to @nr).
 * Deviation: the kernel takes a cluster of that order, so the first
 * cluster (slot 0 is the header) never serves one; the model takes the
 * lowest aligned run, so the slots need not be where the kernel's are.
 * Returns the first slot, or 0.
 */
static unsigned long swap_alloc_large(struct swap_info_struct *si,
				      unsigned long nr)
{
	unsigned long off, i;

	for (off = ALIGN(si->lowest_bit, nr); off + nr <= si->max; off += nr) {
		for (i = 0; i < nr; i++)
			if (swap_slot_map(si, off + i))
				break;
		if (i == nr)
			return off;
	}
	return 0;
}

/*
 * swap_reclaim_full_clusters - after an allocation filled @si with swap
 * more than half full, give back the slots that only the swap cache holds
 * (__try_to_reclaim_swap with TTRS_ANYWAY: mapped folios too, not one
 * under writeback), when the design does (policy swap_full_reclaim).  The
 * kernel does it from a work item the allocation schedules
 * (reclaim_work), so it is done by the time anything looks.  The slot
 * just allocated has no folio in the cache yet and stays.
 */
static void swap_reclaim_full_clusters(struct sim *sim,
				       struct swap_info_struct *si)
{
	enum sim_swap_full_reclaim how = sim->policy.swap_full_reclaim;
	unsigned long off;
	struct page *page;

	if (si->inuse_pages != si->max - 1 || !vm_swap_full(sim) ||
	    how == SIM_SWAP_FULL_RECLAIM_NONE ||
	    (how == SIM_SWAP_FULL_RECLAIM_NONROT &&
	     !(si->flags & SWP_SYNCHRONOUS_IO)))
		return;
	for (off = 1; off < si->sim_nslots; off++) {
		page = si->sim_cache[off];
		if (!page || si->swap_map[off] != SWAP_HAS_CACHE)
			continue;
		sim_touch_slot(sim, swp_entry(si->type, off));
		if (folio_free_swap(page_folio(page)))
			sim_trace(sim,
				  "swap_reclaim_full_clusters: slot %u:%#lx "
				  "only in the swap cache: freed, pfn %#lx "
				  "leaves it",
				  si->type, off, page_to_pfn(page));
	}
}

/*
 * folio_alloc_swap - a free slot on the first writable device for a small
 * folio; for a large one, one slot per page, contiguous and aligned
 * (THP_SWAP), which only a block device with swap clusters has (the
 * model's SWP_SYNCHRONOUS_IO device, zram): elsewhere, or when no aligned
 * run is free, it fails and reclaim splits the folio (shrink_folio_list,
 * THP_SWPOUT_FALLBACK).  Every slot gets SWAP_HAS_CACHE.
 */
swp_entry_t folio_alloc_swap(struct folio *folio)
{
	struct sim *sim = folio_sim(folio);
	unsigned long nr = folio_nr_pages(folio), i;
	unsigned int type;
	unsigned long off;

	for (type = 0; type < sim->nr_swapfiles; type++) {
		struct swap_info_struct *si = sim->swap_info[type];

		if (!si || !(si->flags & SWP_WRITEOK))
			continue;
		if (nr > 1) {
			/* get_swap_pages tries the first usable device only. */
			if (!(si->flags & SWP_SYNCHRONOUS_IO))
				return (swp_entry_t){ 0 };
			off = swap_alloc_large(si, nr);
			if (!off)
				return (swp_entry_t){ 0 };
			swap_slot_room(si, off + nr - 1);
			for (i = 0; i < nr; i++) {
				si->swap_map[off + i] = SWAP_HAS_CACHE;
				sim_touch_slot(sim, swp_entry(type, off + i));
			}
			si->inuse_pages += nr;
			if (off == si->lowest_bit)
				si->lowest_bit = off + nr;
			swap_reclaim_full_clusters(sim, si);
			return swp_entry(type, off);
		}
		for (off = si->lowest_bit; off < si->max; off++) {
			if (off < si->sim_nslots && si->swap_map[off])
				continue;
			swap_slot_room(si, off);
			si->swap_map[off] = SWAP_HAS_CACHE;
			sim_touch_slot(sim, swp_entry(type, off));
			si->inuse_pages++;
			si->lowest_bit = off + 1;
			swap_reclaim_full_clusters(sim, si);
			return swp_entry(type, off);
		}
		si->lowest_bit = si->max;
	}
	return (swp_entry_t){ 0 };
}

/*
 * One more swap PTE refers to @entry (fork, try_to_unmap_one).  Past
 * SWAP_MAP_MAX the digit carries into the continuation and starts again
 * from 0 with COUNT_CONTINUED (__swap_duplicate, swap_count_continued).
 */
int swap_duplicate(struct sim *sim, swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(sim, entry);
	unsigned long off = swp_offset(entry);
	unsigned char *map, digit;

	if (!si)
		return -EINVAL;
	map = &si->swap_map[off];
	if (!*map || *map == SWAP_MAP_BAD)
		return -ENOENT;
	digit = *map & ~(SWAP_HAS_CACHE | COUNT_CONTINUED);
	if (digit < SWAP_MAP_MAX) {
		(*map)++;
		return 0;
	}
	si->sim_cont[off]++;
	*map = (*map & SWAP_HAS_CACHE) | COUNT_CONTINUED;
	sim_trace(sim,
		  "swap_count_continued: slot %u:%#lx has %u users "
		  "(continuation %u)",
		  swp_type(entry), off, swap_slot_users(si, off),
		  si->sim_cont[off]);
	return 0;
}

int __swap_count(struct sim *sim, swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(sim, entry);

	return si ? (int)swap_slot_users(si, swp_offset(entry)) : 0;
}

static void swap_slot_release(struct swap_info_struct *si, unsigned long off)
{
	si->swap_map[off] = 0;
	si->sim_cont[off] = 0;
	/* A free slot holds nothing: as the zeroed arrays of swapon. */
	si->sim_data[off] = 0;
	si->sim_writer[off] = 0;
	si->sim_wtime[off] = 0;
	si->inuse_pages--;
	if (off < si->lowest_bit)
		si->lowest_bit = off;
}

/* One swap PTE less; the slot is free once nothing uses it. */
void swap_free(struct sim *sim, swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(sim, entry);
	unsigned long off = swp_offset(entry);

	if (!si || !swap_count(si->swap_map[off])) {
		sim_warn(sim, __func__, "freeing an unused swap entry");
		return;
	}
	/* A digit of 0 with COUNT_CONTINUED borrows from the continuation. */
	if (!(si->swap_map[off] & ~(SWAP_HAS_CACHE | COUNT_CONTINUED))) {
		si->swap_map[off] = (si->swap_map[off] & SWAP_HAS_CACHE) |
				    SWAP_MAP_MAX;
		if (--si->sim_cont[off])
			si->swap_map[off] |= COUNT_CONTINUED;
		return;
	}
	si->swap_map[off]--;
	if (!si->swap_map[off])
		swap_slot_release(si, off);
}

/*
 * vm_swap_full - more than half of the swap space is in use
 * (include/linux/swap.h: nr_swap_pages * 2 < total_swap_pages), over
 * every device that takes pages; a device's header slot is not space.
 */
bool vm_swap_full(struct sim *sim)
{
	unsigned long total = 0, used = 0;
	unsigned int type;

	for (type = 0; type < sim->nr_swapfiles; type++) {
		struct swap_info_struct *si = sim->swap_info[type];

		if (!si || !(si->flags & SWP_WRITEOK))
			continue;
		total += si->max - 1;
		used += si->inuse_pages;
	}
	return (total - used) * 2 < total;
}

/*
 * mem_cgroup_swap_full (mm/memcontrol.c) - vm_swap_full, or the folio's
 * memcg near its swap.high or swap.max; the model has no memcg limits.
 */
bool mem_cgroup_swap_full(struct folio *folio)
{
	return vm_swap_full(folio_sim(folio));
}

/* Does any swap PTE still refer to the folio's slot? */
bool folio_swapped(struct folio *folio)
{
	return __swap_count(folio_sim(folio), folio->swap) > 0;
}

/*
 * folio_free_swap - drop the swap cache copy of a folio that no swap PTE
 * needs any more: the slot is released and the folio is dirty again (its
 * only copy is in memory).  Not while writeback is in flight.
 */
bool folio_free_swap(struct folio *folio)
{
	if (!folio_test_swapcache(folio) || folio_test_writeback(folio))
		return false;
	if (folio_swapped(folio))
		return false;
	delete_from_swap_cache(folio);
	folio_set_dirty(folio);
	return true;
}

/*
 * free_swap_and_cache - a swap PTE is zapped.  If only the swap cache is
 * left and the folio is not mapped, or swap is more than half full,
 * reclaim the swap cache too (__try_to_reclaim_swap with TTRS_UNMAPPED |
 * TTRS_FULL).
 */
void free_swap_and_cache(struct sim *sim, swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(sim, entry);
	unsigned long off = swp_offset(entry);
	struct page *page;

	if (!si)
		return;
	page = si->sim_cache[off];
	swap_free(sim, entry);
	if (!page || si->swap_map[off] != SWAP_HAS_CACHE)
		return;
	if ((folio_mapped(page_folio(page)) &&
	     !mem_cgroup_swap_full(page_folio(page))) ||
	    PageWriteback(page))
		return;
	folio_get(page_folio(page));
	if (folio_free_swap(page_folio(page)))
		sim_trace(sim,
			  "free_swap_and_cache: dropped swap cache pfn %#lx",
			  page_to_pfn(page));
	folio_put(page_folio(page));
}

/* Block parallel swap-ins of a slot read without the swap cache. */
int swapcache_prepare(struct sim *sim, swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(sim, entry);
	unsigned char *map = &si->swap_map[swp_offset(entry)];

	if (*map & SWAP_HAS_CACHE)
		return -EEXIST;
	*map |= SWAP_HAS_CACHE;
	return 0;
}

void swapcache_clear(struct sim *sim, swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(sim, entry);
	unsigned long off = swp_offset(entry);

	si->swap_map[off] &= ~SWAP_HAS_CACHE;
	if (!si->swap_map[off])
		swap_slot_release(si, off);
}

/*
 * swap_writepage - write the folio to its slot.  A zero-filled folio is
 * only noted in the device's zeromap (6.12, policy swap_zeromap): no I/O,
 * no writeback, and the caller may free it at once; before 6.12 it is
 * written like any other.  A synchronous device completes at
 * once; a swap file completes too, unless the device was set up with
 * slow writeback, which keeps PG_writeback until writeback-done.
 *
 * Return: true if nothing is in flight (zeromap), false if I/O started.
 */
bool swap_writepage(struct folio *folio)
{
	swp_entry_t entry = folio->swap;
	struct swap_info_struct *si = swp_swap_info(folio_sim(folio), entry);

	folio_clear_dirty(folio);
	if (!folio->sim_content && folio_policy(folio)->swap_zeromap) {
		si->sim_data[swp_offset(entry)] = 0;
		si->sim_writer[swp_offset(entry)] = page_writer(&folio->page);
		si->sim_wtime[swp_offset(entry)] = page_wtime(&folio->page);
		return true;
	}
	folio_set_writeback(folio);
	si->sim_data[swp_offset(entry)] = folio->sim_content;
	si->sim_writer[swp_offset(entry)] = page_writer(&folio->page);
	si->sim_wtime[swp_offset(entry)] = page_wtime(&folio->page);
	if (!si->sim_slow_writeback)
		folio_clear_writeback(folio);
	return false;
}

/* Complete all writeback in flight (model-only: the writeback-done stmt). */
void sim_writeback_done(struct sim *sim)
{
	unsigned int type;
	unsigned long off;

	for (type = 0; type < sim->nr_swapfiles; type++) {
		struct swap_info_struct *si = sim->swap_info[type];

		if (!si)
			continue;
		for (off = 1; off < si->sim_nslots; off++)
			if (si->sim_cache[off])
				ClearPageWriteback(si->sim_cache[off]);
	}
}

void swap_read_folio(struct folio *folio)
{
	swp_entry_t entry = folio->swap;
	struct swap_info_struct *si = swp_swap_info(folio_sim(folio), entry);

	folio->sim_content = si->sim_data[swp_offset(entry)];
	page_set_written(&folio->page, si->sim_writer[swp_offset(entry)],
			 si->sim_wtime[swp_offset(entry)]);
	folio_set_uptodate(folio);
}

/*
 * unuse_pte - swapoff maps the page back: R/O and old, exclusive only if
 * the swap PTE said so; never writable (swapoff.unuse).  A poisoned page
 * leaves a hwpoison entry instead (6.2+), a swap-in error entry before.
 */
static void unuse_pte(struct vm_area_struct *vma, pte_t *ptep,
		      unsigned long addr, swp_entry_t entry,
		      struct folio *folio)
{
	struct sim *sim = vma_sim(vma);
	pte_t old = *ptep, pte;
	rmap_t flags = RMAP_NONE;
	struct folio *copy;

	/*
	 * A poisoned swap-cache page (hwpoison.swapcache) is not mapped
	 * back: the swap PTE becomes a hwpoison entry (hwpoison.swapoff).
	 */
	if (PageHWPoison(&folio->page) && sim->policy.swapoff_hwpoison_entry) {
		dec_mm_counter(vma->vm_mm, MM_SWAPENTS);
		set_pte_at(vma->vm_mm, addr, ptep,
			   swp_entry_to_pte(make_hwpoison_entry(&folio->page)));
		swap_free(sim, entry);
		sim_trace(sim, "unuse_pte: %#lx -> hwpoison entry %#lx", addr,
			  page_to_pfn(&folio->page));
		return;
	}
	/*
	 * Before 6.2 unuse_pte looks only at PG_uptodate, which memory
	 * failure cleared: a swap-in error entry (swapoff_hwpoison_entry).
	 */
	if (!folio_test_uptodate(folio) &&
	    !sim->policy.swapoff_hwpoison_entry) {
		dec_mm_counter(vma->vm_mm, MM_SWAPENTS);
		set_pte_at(vma->vm_mm, addr, ptep,
			   make_pte_marker(PTE_MARKER_SWAPIN_ERROR));
		swap_free(sim, entry);
		sim_trace(sim, "unuse_pte: %#lx -> swap-in error entry", addr);
		return;
	}
	/*
	 * A folio another address of the anon VMA maps (pages KSM had
	 * merged, swapped out together) is copied here, as in do_swap_page
	 * (ksm_might_need_to_copy, after the two cases above, which it
	 * leaves to them).  The copy's reference is its mapping's.
	 */
	copy = ksm_might_need_to_copy(folio, vma, addr);
	if (pte_swp_exclusive(old))
		flags |= RMAP_EXCLUSIVE;
	dec_mm_counter(vma->vm_mm, MM_SWAPENTS);
	inc_mm_counter(vma->vm_mm, MM_ANONPAGES);
	if (copy != folio) {
		folio = copy;
		folio_add_new_anon_rmap(folio, vma, addr, RMAP_EXCLUSIVE);
		folio_add_lru_vma(folio, vma);
	} else {
		folio_get(folio);
		if (!folio_test_anon(folio))
			folio_add_new_anon_rmap(folio, vma, addr, flags);
		else
			folio_add_anon_rmap_pte(folio, &folio->page, vma, addr,
						flags);
	}
	pte = pte_mkold(mk_pte(&folio->page, vma->vm_page_prot));
	if (pte_swp_soft_dirty(old))
		pte = pte_mksoft_dirty(pte);
	if (pte_swp_uffd_wp(old))
		pte = pte_mkuffd_wp(pte);
	set_pte_at(vma->vm_mm, addr, ptep, pte);
	swap_free(sim, entry);
	sim_trace(sim, "unuse_pte: %#lx -> pfn %#lx R/O%s", addr,
		  page_to_pfn(&folio->page),
		  (flags & RMAP_EXCLUSIVE) ? ", exclusive" : "");
}

/*
 * unuse_pte_range, one PTE at a time; private: the device's type.
 * Deviation: the kernel's unuse_p?d_range walk the tables by hand; the
 * model uses walk_page_vma() (mm/pagewalk.c).
 */
static int unuse_pte_entry(pte_t *ptep, unsigned long addr, unsigned long next,
			   struct mm_walk *walk)
{
	struct sim *sim = walk->mm->sim;
	unsigned int type = *(unsigned int *)walk->private;
	swp_entry_t entry;
	struct folio *folio;

	if (!is_swap_pte(*ptep))
		return 0;
	entry = pte_to_swp_entry(*ptep);
	if (non_swap_entry(entry) || swp_type(entry) != type)
		return 0;
	folio = swap_cache_get_folio(sim, entry);
	if (folio) {
		swap_update_readahead(folio, walk->vma, addr);
	} else {
		struct vm_fault vmf = { .vma = walk->vma, .address = addr };

		folio = swapin_readahead(entry, &vmf);
	}
	/* Writeback must be over before mapping it back. */
	folio_clear_writeback(folio);
	unuse_pte(walk->vma, ptep, addr, entry, folio);
	folio_put(folio);
	return 0;
}

static const struct mm_walk_ops unuse_walk_ops = {
	.pte_entry = unuse_pte_entry,
};

static void unuse_mm(struct mm_struct *mm, unsigned int type)
{
	struct vm_area_struct *vma;

	for_each_vma(mm, vma)
		if (vma->anon_vma)
			walk_page_vma(vma, &unuse_walk_ops, &type);
}

/*
 * try_to_unuse - bring every entry of device @type back into memory, then
 * drop the swap cache.
 */
int try_to_unuse(struct sim *sim, unsigned int type)
{
	struct swap_info_struct *si = sim->swap_info[type];
	struct mm_struct *mm;
	unsigned int m;
	unsigned long off;

	si->flags &= ~SWP_WRITEOK;
	shmem_unuse(sim, type);
	for_each_mm(sim, mm, m)
		unuse_mm(mm, type);
	for (off = 1; off < si->sim_nslots; off++) {
		struct page *page = si->sim_cache[off];

		if (!page)
			continue;
		folio_get(page_folio(page));
		ClearPageWriteback(page);
		if (!folio_free_swap(page_folio(page)))
			sim_warn(sim, __func__, "swap cache page still in use");
		folio_put(page_folio(page));
	}
	return si->inuse_pages ? -EBUSY : 0;
}

void swap_info_free(struct swap_info_struct *si)
{
	free(si->sim_data);
	free(si);
}

/* sim_swapoff - swapoff(2) of every device. */
int sim_swapoff(struct sim *sim)
{
	unsigned int type;
	int ret = 0;

	sim_touch_all(sim);
	for (type = 0; type < sim->nr_swapfiles; type++) {
		struct swap_info_struct *si = sim->swap_info[type];

		if (!si)
			continue;
		ret = try_to_unuse(sim, type);
		if (ret)
			return ret;
		swap_info_free(si);
		sim->swap_info[type] = NULL;
	}
	sim->nr_swapfiles = 0;
	return 0;
}
