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
 * Slots are allocated as 6.12 and 6.18 do (policy swap_alloc,
 * docs/kernel-rules.md swap.alloc): by clusters with free, nonfull,
 * fragmented and full lists (cluster_alloc_swap_entry), 6.12's linear
 * scan (scan_swap_map_slots) for a rotational device, on one CPU; slot 0
 * is the header (SWAP_MAP_BAD).  The zram device is non-rotational
 * (SWP_SOLIDSTATE), the swap file rotational, as this machine's disk and
 * the guests' virtio disk are.
 *
 * 6.12's swap slots cache (mm/swap_slots.c) hands out small folios' slots
 * in batches and takes freed ones back in batches (folio_alloc_swap,
 * free_swap_slot).
 *
 * Discard and priorities are out of a scenario's reach, and count
 * continuations are a number per slot: see include/linux/swap.h.
 * swap_map reads as zeroed, as the kernel's swapon vzalloc()s it
 * (mm/swapfile.c: SYSCALL_DEFINE2(swapon)), but it and the model-only
 * per-slot arrays share one allocation (swap_arrays_alloc())
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
size_t swap_arrays_size(unsigned int nslots)
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
 * most si->max), zeroed; no room at all for @nslots 0.
 */
static void swap_arrays_alloc(struct swap_info_struct *si, unsigned int nslots)
{
	char *p = NULL;

	if (nslots) {
		p = calloc(1, swap_arrays_size(nslots));
		if (!p)
			abort();
	}
	swap_arrays_carve(si, p, nslots);
}

/*
 * swap_arrays_copy - @si's per-slot arrays in @room, which has
 * swap_arrays_size() of @from's slots (sim_clone): a copy of @from's.
 */
void swap_arrays_copy(struct swap_info_struct *si,
		      const struct swap_info_struct *from, void *room)
{
	char *p = from->sim_nslots ? room : NULL;

	if (p)
		memcpy(p, from->sim_data, swap_arrays_size(from->sim_nslots));
	swap_arrays_carve(si, p, from->sim_nslots);
}

/*
 * __swap_slots_grow - room for slots below @nr (swap_slot_room()): the
 * arrays double, from 16 slots, up to the device's size; the new slots
 * are zero, as the kernel's vzalloc()ed swap_map is.
 */
void __swap_slots_grow(struct sim *sim, struct swap_info_struct *si,
		       unsigned long nr)
{
	struct swap_info_struct old = *si;
	unsigned long n = si->sim_nslots ? si->sim_nslots : 16;

	while (n < nr && n < si->max)
		n *= 2;
	if (n > si->max)
		n = si->max;
	swap_arrays_alloc(si, n);
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
	sim_obj_free(sim, old.sim_data);
}

static bool swap_has_clusters(struct sim *sim, struct swap_info_struct *si);
static void swap_slot_clear(struct swap_info_struct *si, unsigned long off);
static void swap_slot_release(struct swap_info_struct *si, unsigned long off);
static void swap_setup_clusters(struct swap_info_struct *si, bool clusters);

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
	swap_slot_room(sim, si, 0);
	si->swap_map[0] = SWAP_MAP_BAD;
	si->lowest_bit = 1;
	/* A new device: the next check looks at everything. */
	sim_touch_all(sim);
	si->sim_slow_writeback = slow_writeback;
	/* As a zram device is: non-rotational (docs/kernel-rules.md). */
	if (flags & SWP_SYNCHRONOUS_IO)
		si->flags |= SWP_SOLIDSTATE;
	swap_setup_clusters(si, swap_has_clusters(sim, si));
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
	swap_slot_room(sim, si, swp_offset(entry));
	/* Whoever looks a slot up may change it: it counts as touched. */
	sim_touch_slot(sim, entry);
	return si;
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
 * The swap slot allocator, one CPU's view (the kernel backend runs a
 * scenario on one CPU: host/kernel.c k_pin_cpu), per policy swap_alloc.
 *
 * Clusters (mm/swapfile.c at v6.12: setup_clusters, cluster_alloc_range,
 * alloc_swap_scan_cluster, cluster_alloc_swap_entry; the 6.13 rework,
 * "mm, swap: use a global swap cluster for non-rotation devices" and
 * "mm, swap: prefer nonfull over free clusters", at 6.18): each cluster of
 * SWAPFILE_CLUSTER slots is on the free list, a nonfull or fragmented
 * list of its order, the full list, or (6.18, while being scanned) none.
 * A list is its clusters in the order of sim_seq.
 */
unsigned int swap_nr_clusters(const struct swap_info_struct *si)
{
	return (si->max + SWAPFILE_CLUSTER - 1) / SWAPFILE_CLUSTER;
}

static bool swap_has_clusters(struct sim *sim, struct swap_info_struct *si)
{
	return sim->policy.swap_alloc == SIM_SWAP_ALLOC_CLUSTERS ||
	       (si->flags & SWP_SOLIDSTATE);
}

static struct swap_cluster_info *swap_cluster(struct swap_info_struct *si,
					      unsigned long off)
{
	return &si->cluster_info[off / SWAPFILE_CLUSTER];
}

static unsigned long cluster_offset(const struct swap_info_struct *si,
				    const struct swap_cluster_info *ci)
{
	return (unsigned long)(ci - si->cluster_info) * SWAPFILE_CLUSTER;
}

/* list_move_tail onto the list of @flags (of the cluster's order). */
static void cluster_move_tail(struct swap_info_struct *si,
			      struct swap_cluster_info *ci, unsigned char flags)
{
	if (ci->flags == CLUSTER_FLAG_FRAG)
		si->frag_cluster_nr[ci->order]--;
	ci->flags = flags;
	ci->sim_seq = ++si->cluster_seq;
	if (flags == CLUSTER_FLAG_FRAG)
		si->frag_cluster_nr[ci->order]++;
}

/* list_first_entry of the list of @flags (and @order), or NULL. */
static struct swap_cluster_info *cluster_list_first(struct swap_info_struct *si,
						    unsigned char flags,
						    unsigned int order)
{
	struct swap_cluster_info *ci, *first = NULL;
	unsigned int i, n = swap_nr_clusters(si);

	for (i = 0; i < n; i++) {
		ci = &si->cluster_info[i];
		if (ci->flags != flags || ((flags == CLUSTER_FLAG_NONFULL ||
					    flags == CLUSTER_FLAG_FRAG) &&
					   ci->order != order))
			continue;
		if (!first || ci->sim_seq < first->sim_seq)
			first = ci;
	}
	return first;
}

/*
 * setup_clusters: the header's cluster and the last one, whose slots past
 * the end count as used, go on the nonfull list of order 0, the others on
 * the free list.  6.12 lists them column by column (SWAP_CLUSTER_COLS, 32
 * on x86-64: a 64 MiB address space's clusters), which for a device of up
 * to 32 clusters is their order.
 */
static void swap_setup_clusters(struct swap_info_struct *si, bool clusters)
{
	unsigned int n = swap_nr_clusters(si), cols = 32, i, k, idx;
	struct swap_cluster_info *ci;

	si->cluster_next = 1;
	si->highest_bit = si->max - 1;
	if (!clusters)
		return;
	si->cluster_info = xcalloc(n, sizeof(*si->cluster_info));
	si->cluster_info[0].count++;
	si->cluster_info[n - 1].count +=
		(unsigned short)(n * SWAPFILE_CLUSTER - si->max);
	for (k = 0; k < cols; k++)
		for (i = 0; (idx = i * cols + k) < n; i++) {
			ci = &si->cluster_info[idx];
			cluster_move_tail(si, ci,
					  ci->count ? CLUSTER_FLAG_NONFULL :
						      CLUSTER_FLAG_FREE);
		}
}

/* swap_range_alloc: @nr slots from @off are taken. */
static void swap_range_alloc(struct sim *sim, struct swap_info_struct *si,
			     unsigned long off, unsigned long nr)
{
	unsigned long i;

	swap_slot_room(sim, si, off + nr - 1);
	for (i = 0; i < nr; i++) {
		si->swap_map[off + i] = SWAP_HAS_CACHE;
		sim_touch_slot(sim, swp_entry(si->type, off + i));
	}
	if (off == si->lowest_bit)
		si->lowest_bit += nr;
	if (off + nr - 1 == si->highest_bit)
		si->highest_bit -= nr;
	si->inuse_pages += nr;
	if (si->inuse_pages == si->max - 1) {
		si->lowest_bit = si->max;
		si->highest_bit = 0;
	}
}

/*
 * __try_to_reclaim_swap with TTRS_ANYWAY: give back slot @off if only the
 * swap cache holds it and its folio can leave the cache.
 */
static bool swap_try_reclaim(struct sim *sim, struct swap_info_struct *si,
			     unsigned long off)
{
	struct page *page = swap_slot_cache(si, off);

	if (!page || swap_slot_map(si, off) != SWAP_HAS_CACHE)
		return false;
	sim_touch_slot(sim, swp_entry(si->type, off));
	if (!folio_free_swap(page_folio(page)))
		return false;
	sim_trace(sim,
		  "__try_to_reclaim_swap: slot %u:%#lx only in the swap "
		  "cache: freed, pfn %#lx leaves it",
		  si->type, off, page_to_pfn(page));
	return true;
}

/* cluster_reclaim_range: free the cache-only slots of a range. */
static bool cluster_reclaim_range(struct sim *sim, struct swap_info_struct *si,
				  unsigned long start, unsigned long end)
{
	unsigned long off;

	for (off = start; off < end; off++) {
		unsigned char map = swap_slot_map(si, off);

		if (!map)
			continue;
		if (map != SWAP_HAS_CACHE || !swap_try_reclaim(sim, si, off))
			break;
	}
	for (off = start; off < end; off++)
		if (swap_slot_map(si, off))
			return false;
	return true;
}

/*
 * cluster_scan_range: @nr slots from @off are free, or, with swap more
 * than half full, held only by the swap cache (*@reclaim).
 */
static bool cluster_scan_range(struct sim *sim, struct swap_info_struct *si,
			       unsigned long off, unsigned long nr,
			       bool *reclaim)
{
	unsigned long i;

	*reclaim = false;
	for (i = 0; i < nr; i++) {
		unsigned char map = swap_slot_map(si, off + i);

		if (!map)
			continue;
		if (map != SWAP_HAS_CACHE || !vm_swap_full(sim))
			return false;
		*reclaim = true;
	}
	return true;
}

/* cluster_alloc_range: take @nr slots from @off in cluster @ci. */
static void cluster_alloc_range(struct sim *sim, struct swap_info_struct *si,
				struct swap_cluster_info *ci, unsigned long off,
				unsigned int order)
{
	unsigned long nr = 1UL << order;
	bool v612 = sim->policy.swap_alloc == SIM_SWAP_ALLOC_SCAN;

	if (!ci->count || ci->flags == CLUSTER_FLAG_FREE) {
		ci->order = (unsigned char)order;
		if (v612 && nr < SWAPFILE_CLUSTER)
			cluster_move_tail(si, ci, CLUSTER_FLAG_NONFULL);
	}
	swap_range_alloc(sim, si, off, nr);
	ci->count += (unsigned short)nr;
	if (v612 && ci->count == SWAPFILE_CLUSTER)
		cluster_move_tail(si, ci, CLUSTER_FLAG_FULL);
}

/*
 * relocate_cluster (6.18): after a scan, a cluster goes back to the list
 * its count says: free, fragmented (of its order) or full.
 */
static void relocate_cluster(struct swap_info_struct *si,
			     struct swap_cluster_info *ci)
{
	if (!ci->count) {
		if (ci->flags != CLUSTER_FLAG_FREE) {
			cluster_move_tail(si, ci, CLUSTER_FLAG_FREE);
			ci->order = 0;
		}
	} else if (ci->count != SWAPFILE_CLUSTER) {
		if (ci->flags != CLUSTER_FLAG_FRAG)
			cluster_move_tail(si, ci, CLUSTER_FLAG_FRAG);
	} else if (ci->flags != CLUSTER_FLAG_FULL) {
		cluster_move_tail(si, ci, CLUSTER_FLAG_FULL);
	}
}

/*
 * alloc_swap_scan_cluster: a run of 2^@order free slots in the cluster of
 * @off, from @off on.  Sets *@found (0: none) and the order's next
 * offset: the one after the run, or SWAP_NEXT_INVALID when the cluster
 * is full or scanned to its end.
 */
static void alloc_swap_scan_cluster(struct sim *sim,
				    struct swap_info_struct *si,
				    unsigned long off, unsigned long *found,
				    unsigned int order)
{
	unsigned long start = off & ~(unsigned long)(SWAPFILE_CLUSTER - 1);
	unsigned long end = start + SWAPFILE_CLUSTER, nr = 1UL << order;
	struct swap_cluster_info *ci = swap_cluster(si, off);
	bool v612 = sim->policy.swap_alloc == SIM_SWAP_ALLOC_SCAN, reclaim;
	unsigned long next = SWAP_NEXT_INVALID;

	*found = 0;
	if (end > si->max)
		end = si->max;
	if (end < nr || ci->count + nr > SWAPFILE_CLUSTER)
		goto out;
	for (end -= nr; off <= end; off += nr) {
		if (!cluster_scan_range(sim, si, off, nr, &reclaim))
			continue;
		if (reclaim && !cluster_reclaim_range(sim, si, off, off + nr))
			continue;
		cluster_alloc_range(sim, si, ci, off, order);
		*found = off;
		if (ci->count < SWAPFILE_CLUSTER && off + nr <= end)
			next = off + nr;
		break;
	}
out:
	if (!v612)
		relocate_cluster(si, ci);
	si->cluster_next_order[order] = (unsigned int)next;
}

/*
 * swap_reclaim_full_clusters(si, false): the first full cluster, moved to
 * the tail, gives back its slots that only the swap cache holds.
 */
static void reclaim_first_full_cluster(struct sim *sim,
				       struct swap_info_struct *si)
{
	struct swap_cluster_info *ci =
		cluster_list_first(si, CLUSTER_FLAG_FULL, 0);
	unsigned long off, end;

	if (!ci)
		return;
	cluster_move_tail(si, ci, CLUSTER_FLAG_FULL);
	off = cluster_offset(si, ci);
	end = off + SWAPFILE_CLUSTER < si->max ? off + SWAPFILE_CLUSTER :
						 si->max;
	for (; off < end; off++)
		swap_try_reclaim(sim, si, off);
}

/* Allocate from cluster @ci (taken off its list first on 6.18). */
static unsigned long alloc_in(struct sim *sim, struct swap_info_struct *si,
			      struct swap_cluster_info *ci, unsigned int order)
{
	unsigned long found;

	if (sim->policy.swap_alloc == SIM_SWAP_ALLOC_CLUSTERS)
		cluster_move_tail(si, ci, CLUSTER_FLAG_NONE);
	alloc_swap_scan_cluster(sim, si, cluster_offset(si, ci), &found, order);
	return found;
}

/* cluster_is_usable (6.18): may the cluster serve an allocation of @order? */
static bool cluster_is_usable(const struct swap_cluster_info *ci,
			      unsigned int order)
{
	if (ci->flags > CLUSTER_FLAG_FRAG)
		return false;
	return !order || !ci->count || ci->order == order;
}

/*
 * cluster_alloc_swap_entry: a run of 2^@order slots, 0 if none.
 * 6.12: the CPU's cluster, a free cluster, (swap half full: reclaim in a
 * full one), nonfull clusters of the order (each becomes fragmented),
 * fragmented ones, then for order 0 any cluster of another order.
 * 6.18: the CPU's (global, on a rotational device) cluster, nonfull
 * clusters of the order, a free cluster, (reclaim), one fragmented
 * cluster, then for order 0 the other orders' fragmented and nonfull ones.
 */
/*
 * 6.12's walks of the nonfull list, then of the frag list, of @order
 * (cluster_alloc_swap_entry): each cluster tried goes to the frag list's
 * tail and is scanned, and counts in *@frags.  The frag walk stops after
 * as many as the frag list holds, read again after each scan (a scan may
 * fill a cluster, which leaves the list); a reclaim in a scan may put a
 * cluster back on the nonfull list, so that walk is bounded all the same.
 * Returns the slot found, or 0.
 */
static unsigned long scan_into_frag(struct sim *sim,
				    struct swap_info_struct *si,
				    unsigned char flag, unsigned int order,
				    unsigned int *frags)
{
	unsigned int guard = 2 * swap_nr_clusters(si) + 2;
	struct swap_cluster_info *ci;
	unsigned long found = 0;

	while (guard-- &&
	       (flag != CLUSTER_FLAG_FRAG ||
		*frags < si->frag_cluster_nr[order]) &&
	       (ci = cluster_list_first(si, flag, order))) {
		cluster_move_tail(si, ci, CLUSTER_FLAG_FRAG);
		alloc_swap_scan_cluster(sim, si, cluster_offset(si, ci), &found,
					order);
		(*frags)++;
		if (found)
			return found;
	}
	return 0;
}

static unsigned long cluster_alloc_swap_entry(struct sim *sim,
					      struct swap_info_struct *si,
					      unsigned int order)
{
	bool v612 = sim->policy.swap_alloc == SIM_SWAP_ALLOC_SCAN;
	unsigned int next = si->cluster_next_order[order], o, frags = 0;
	struct swap_cluster_info *ci;
	unsigned long found = 0;
	unsigned int guard;

	if (next) {
		ci = swap_cluster(si, next);
		if (v612 || cluster_is_usable(ci, order)) {
			if (!v612 && !ci->count)
				next = (unsigned int)cluster_offset(si, ci);
			alloc_swap_scan_cluster(sim, si, next, &found, order);
			if (found)
				return found;
		}
	}
	if (v612) {
		ci = cluster_list_first(si, CLUSTER_FLAG_FREE, 0);
		if (ci)
			return alloc_in(sim, si, ci, order);
	} else if (order < SWAP_NR_ORDERS - 1) {
		/*
		 * Each cluster tried leaves the list; a reclaim in the scan
		 * may put one back, so the walks are bounded all the same.
		 */
		guard = 2 * swap_nr_clusters(si) + 2;
		while (guard-- && (ci = cluster_list_first(
					   si, CLUSTER_FLAG_NONFULL, order))) {
			found = alloc_in(sim, si, ci, order);
			if (found)
				return found;
		}
	}
	if (!v612) {
		ci = cluster_list_first(si, CLUSTER_FLAG_FREE, 0);
		if (ci) {
			found = alloc_in(sim, si, ci, order);
			if (found)
				return found;
		}
	}
	if (vm_swap_full(sim))
		reclaim_first_full_cluster(sim, si);
	if (order < SWAP_NR_ORDERS - 1) {
		if (v612) {
			found = scan_into_frag(sim, si, CLUSTER_FLAG_NONFULL,
					       order, &frags);
			if (!found)
				found = scan_into_frag(sim, si,
						       CLUSTER_FLAG_FRAG, order,
						       &frags);
			if (found)
				return found;
		} else {
			ci = cluster_list_first(si, CLUSTER_FLAG_FRAG, order);
			if (ci) {
				found = alloc_in(sim, si, ci, order);
				if (found)
					return found;
			}
		}
	}
	if (order)
		return 0;
	/* Order 0 takes from clusters of other orders. */
	for (o = 1; o < SWAP_NR_ORDERS; o++) {
		static const unsigned char lists[] = { CLUSTER_FLAG_FRAG,
						       CLUSTER_FLAG_NONFULL };
		unsigned int l;

		for (l = 0; l < 2; l++)
			for (guard = swap_nr_clusters(si); guard; guard--) {
				ci = cluster_list_first(si, lists[l], o);
				if (!ci)
					break;
				if (v612)
					alloc_swap_scan_cluster(
						sim, si, cluster_offset(si, ci),
						&found, 0);
				else
					found = alloc_in(sim, si, ci, 0);
				/* 6.18 tries one of each list. */
				if (found)
					return found;
				if (!v612)
					break;
			}
	}
	return 0;
}

/* A slot free for the linear scan, or cache-only with swap half full. */
static bool swap_offset_available(struct sim *sim, struct swap_info_struct *si,
				  unsigned long off)
{
	unsigned char map = swap_slot_map(si, off);

	return !map || (map == SWAP_HAS_CACHE && vm_swap_full(sim));
}

#define LATENCY_LIMIT 256

/*
 * scan_swap_map_slots for a device without clusters (6.12, a rotational
 * one): up to @nr slots into @slots.  From where the last allocation
 * stopped (cluster_next), SWAPFILE_CLUSTER slots in a row (cluster_nr);
 * then from the first run of that many free slots from the lowest free
 * one; a slot only the swap cache holds is taken when swap is half full
 * (__try_to_reclaim_swap).  A batch ends at a used slot, and when the
 * scan's latency budget (LATENCY_LIMIT slots looked at, the search for a
 * free run included) runs out: the first batch of a new device is 3
 * slots (docs/kernel-rules.md swap.alloc).  Returns how many it took.
 */
static int scan_swap_map_slots(struct sim *sim, struct swap_info_struct *si,
			       int nr, unsigned int *slots)
{
	unsigned long off = si->cluster_next, base = off, last, limit;
	unsigned long guard = 4UL * si->max + 4 * LATENCY_LIMIT;
	int latency = LATENCY_LIMIT, n_ret = 0;
	bool scanned_many = false;

	if (!si->cluster_nr--) {
		if (si->max - 1 - si->inuse_pages < SWAPFILE_CLUSTER) {
			si->cluster_nr = SWAPFILE_CLUSTER - 1;
			goto checks;
		}
		base = off = si->lowest_bit;
		last = off + SWAPFILE_CLUSTER - 1;
		for (; last <= si->highest_bit; off++) {
			if (swap_slot_map(si, off)) {
				last = off + SWAPFILE_CLUSTER;
			} else if (off == last) {
				off -= SWAPFILE_CLUSTER - 1;
				si->cluster_next = (unsigned int)off;
				si->cluster_nr = SWAPFILE_CLUSTER - 1;
				goto checks;
			}
			if (--latency < 0)
				latency = LATENCY_LIMIT;
		}
		off = base;
		si->cluster_nr = SWAPFILE_CLUSTER - 1;
	}
checks:
	if (!si->highest_bit || !guard--)
		return n_ret;
	if (off > si->highest_bit)
		base = off = si->lowest_bit;
	if (vm_swap_full(sim) && swap_slot_map(si, off) == SWAP_HAS_CACHE) {
		if (swap_try_reclaim(sim, si, off))
			goto checks;
		goto scan;
	}
	if (swap_slot_map(si, off)) {
		if (!n_ret)
			goto scan;
		goto done;
	}
	swap_range_alloc(sim, si, off, 1);
	slots[n_ret++] = (unsigned int)off;
	if (n_ret == nr || off >= si->highest_bit)
		goto done;
	if (--latency < 0) {
		if (n_ret)
			goto done;
		latency = LATENCY_LIMIT;
	}
	if (si->cluster_nr && !swap_slot_map(si, ++off)) {
		si->cluster_nr--;
		goto checks;
	}
	if (!scanned_many) {
		limit = off < base ? base : si->highest_bit;
		for (; off <= limit && --latency > 0; off++)
			if (!swap_slot_map(si, off))
				goto checks;
	}
done:
	si->cluster_next = (unsigned int)off + 1;
	return n_ret;
scan:
	while (++off <= si->highest_bit) {
		if (--latency < 0) {
			latency = LATENCY_LIMIT;
			scanned_many = true;
		}
		if (swap_offset_available(sim, si, off))
			goto checks;
	}
	for (off = si->lowest_bit; off < base; off++) {
		if (--latency < 0) {
			latency = LATENCY_LIMIT;
			scanned_many = true;
		}
		if (swap_offset_available(sim, si, off))
			goto checks;
	}
	return n_ret;
}

/* Free slots over every writable device (nr_swap_pages). */
static unsigned long nr_free_swap(struct sim *sim)
{
	unsigned long n = 0;
	unsigned int type;

	for (type = 0; type < sim->nr_swapfiles; type++) {
		struct swap_info_struct *si = sim->swap_info[type];

		if (si && (si->flags & SWP_WRITEOK))
			n += si->max - 1 - si->inuse_pages;
	}
	return n;
}

/*
 * get_swap_pages: up to @n runs of 2^@order slots from the first
 * writable device that has a free one (a large folio tries the first
 * only), into @slots.
 */
static int get_swap_pages(struct sim *sim, int n, unsigned int *slots,
			  unsigned int order, unsigned int *type_out)
{
	unsigned long avail = nr_free_swap(sim) >> order, off;
	unsigned int type;
	int n_ret = 0;

	if (!avail)
		return 0;
	if ((unsigned long)n > avail)
		n = (int)avail;
	for (type = 0; type < sim->nr_swapfiles; type++) {
		struct swap_info_struct *si = sim->swap_info[type];

		if (!si || !(si->flags & SWP_WRITEOK) || !si->highest_bit)
			continue;
		*type_out = type;
		if (order && !(si->flags & SWP_SYNCHRONOUS_IO))
			return 0;
		if (swap_has_clusters(sim, si)) {
			while (n_ret < n) {
				off = cluster_alloc_swap_entry(sim, si, order);
				if (!off)
					break;
				slots[n_ret++] = (unsigned int)off;
			}
		} else {
			n_ret = scan_swap_map_slots(sim, si, n, slots);
		}
		if (n_ret)
			swap_reclaim_full_clusters(sim, si);
		if (n_ret || order)
			return n_ret;
	}
	return 0;
}

/*
 * 6.12's swap slots cache (mm/swap_slots.c): on (policy swap_alloc SCAN)
 * while more than 5 batches of free slots per online CPU are left,
 * off again below one batch per CPU, which gives every cached slot back
 * (deactivate_swap_slots_cache); in between it stays as it was
 * (check_cache_active).  The model allocates on one CPU of
 * SIM_NR_ONLINE_CPUS, as many as this machine and the guests have.
 */
#define SIM_NR_ONLINE_CPUS 2

static void swap_slots_release(struct sim *sim, struct swap_info_struct *si,
			       const unsigned int *slots, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		sim_touch_slot(sim, swp_entry(si->type, slots[i]));
		swap_slot_release(si, slots[i]);
	}
}

/* __drain_swap_slots_cache: every cached slot is free again. */
static void drain_swap_slots_cache(struct sim *sim)
{
	unsigned int type;

	for (type = 0; type < sim->nr_swapfiles; type++) {
		struct swap_info_struct *si = sim->swap_info[type];

		if (!si)
			continue;
		swap_slots_release(sim, si, si->slots + si->slots_cur,
				   si->slots_nr);
		swap_slots_release(sim, si, si->slots_ret, si->n_ret);
		si->slots_cur = si->slots_nr = si->n_ret = 0;
	}
}

static bool check_cache_active(struct sim *sim)
{
	unsigned long pages = nr_free_swap(sim);

	if (sim->policy.swap_alloc != SIM_SWAP_ALLOC_SCAN)
		return false;
	if (!sim->swap_slots_active) {
		if (pages > SIM_NR_ONLINE_CPUS * 5 * SWAP_SLOTS_CACHE_SIZE)
			sim->swap_slots_active = true;
		return sim->swap_slots_active;
	}
	if (pages < SIM_NR_ONLINE_CPUS * SWAP_SLOTS_CACHE_SIZE) {
		sim->swap_slots_active = false;
		drain_swap_slots_cache(sim);
	}
	return sim->swap_slots_active;
}

/* Is slot @off held by the slots cache (allocated ahead, or freed)? */
bool swap_slot_in_slots_cache(const struct swap_info_struct *si,
			      unsigned long off)
{
	unsigned int i;

	for (i = si->slots_cur; i < si->slots_cur + si->slots_nr; i++)
		if (si->slots[i] == off)
			return true;
	for (i = 0; i < si->n_ret; i++)
		if (si->slots_ret[i] == off)
			return true;
	return false;
}

/*
 * free_swap_slot: a slot nothing uses any more.  With the slots cache on
 * it keeps SWAP_HAS_CACHE and waits among the freed ones until there are
 * SWAP_SLOTS_CACHE_SIZE of them, which then go back together
 * (swapcache_free_entries); else it is free at once.
 */
static void free_swap_slot(struct sim *sim, struct swap_info_struct *si,
			   unsigned long off)
{
	/* Swapoff disables it (disable_swap_slots_cache_lock). */
	if (!(sim->policy.swap_alloc == SIM_SWAP_ALLOC_SCAN &&
	      sim->swap_slots_active && (si->flags & SWP_WRITEOK))) {
		swap_slot_release(si, off);
		return;
	}
	if (si->n_ret >= SWAP_SLOTS_CACHE_SIZE) {
		swap_slots_release(sim, si, si->slots_ret, si->n_ret);
		si->n_ret = 0;
	}
	swap_slot_clear(si, off);
	si->swap_map[off] = SWAP_HAS_CACHE;
	si->slots_ret[si->n_ret++] = (unsigned int)off;
}

/*
 * folio_alloc_swap - slots for a folio, every one with SWAP_HAS_CACHE: one
 * for a small folio, from the slots cache when it is on (6.12), which
 * takes SWAP_SLOTS_CACHE_SIZE at a time (refill_swap_slots_cache); for a
 * large one a run of one slot per page, naturally aligned in one cluster
 * (THP_SWAP), which only a block device with clusters has (the model's
 * SWP_SYNCHRONOUS_IO device, zram): elsewhere, or when no cluster has
 * such a run, it fails and reclaim splits the folio (shrink_folio_list,
 * THP_SWPOUT_FALLBACK).
 */
swp_entry_t folio_alloc_swap(struct folio *folio)
{
	struct sim *sim = folio_sim(folio);
	unsigned int order = folio_order(folio), type = 0, slot;

	if (!order && check_cache_active(sim)) {
		for (type = 0; type < sim->nr_swapfiles; type++) {
			struct swap_info_struct *si = sim->swap_info[type];

			if (si && si->slots_nr) {
				si->slots_nr--;
				return swp_entry(type,
						 si->slots[si->slots_cur++]);
			}
		}
		if (sim->swap_slots_active) {
			unsigned int slots[SWAP_SLOTS_CACHE_SIZE];
			int n = get_swap_pages(sim, SWAP_SLOTS_CACHE_SIZE,
					       slots, 0, &type);

			if (n) {
				struct swap_info_struct *si =
					sim->swap_info[type];

				memcpy(si->slots, slots, n * sizeof(*slots));
				si->slots_cur = 1;
				si->slots_nr = (unsigned char)(n - 1);
				return swp_entry(type, si->slots[0]);
			}
		}
	}
	if (get_swap_pages(sim, 1, &slot, order, &type))
		return swp_entry(type, slot);
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

/* A free slot holds nothing: as the zeroed arrays of swapon. */
static void swap_slot_clear(struct swap_info_struct *si, unsigned long off)
{
	si->sim_cont[off] = 0;
	si->sim_data[off] = 0;
	si->sim_writer[off] = 0;
	si->sim_wtime[off] = 0;
}

static void swap_slot_release(struct swap_info_struct *si, unsigned long off)
{
	si->swap_map[off] = 0;
	swap_slot_clear(si, off);
	si->inuse_pages--;
	if (off < si->lowest_bit)
		si->lowest_bit = off;
	if (off > si->highest_bit)
		si->highest_bit = off;
	/*
	 * dec_cluster_info_page (6.12), swap_entries_free (6.18): an empty
	 * cluster goes to the tail of the free list, another one not on
	 * its order's nonfull list to the tail of that.
	 */
	if (si->cluster_info) {
		struct swap_cluster_info *ci = swap_cluster(si, off);

		if (!--ci->count) {
			cluster_move_tail(si, ci, CLUSTER_FLAG_FREE);
			ci->order = 0;
		} else if (ci->flags != CLUSTER_FLAG_NONFULL) {
			cluster_move_tail(si, ci, CLUSTER_FLAG_NONFULL);
		}
	}
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
		free_swap_slot(sim, si, off);
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
		free_swap_slot(sim, si, off);
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

void swap_info_free(struct sim *sim, struct swap_info_struct *si)
{
	sim_obj_free(sim, si->cluster_info);
	sim_obj_free(sim, si->sim_data);
	sim_obj_free(sim, si);
}

/* sim_swapoff - swapoff(2) of every device. */
int sim_swapoff(struct sim *sim)
{
	unsigned int type;
	int ret = 0;

	sim_touch_all(sim);
	/* disable_swap_slots_cache_lock: the cached slots go back first. */
	drain_swap_slots_cache(sim);
	for (type = 0; type < sim->nr_swapfiles; type++) {
		struct swap_info_struct *si = sim->swap_info[type];

		if (!si)
			continue;
		ret = try_to_unuse(sim, type);
		if (ret)
			return ret;
		swap_info_free(sim, si);
		sim->swap_info[type] = NULL;
	}
	sim->nr_swapfiles = 0;
	return 0;
}
