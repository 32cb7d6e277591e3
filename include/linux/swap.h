/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Models include/linux/swap.h at v6.12: swap devices (swap_info_struct),
 * the per-slot use count map (swap_map) with its SWAP_HAS_CACHE bit, and
 * the entry points of mm/swapfile.c, mm/swap_state.c and mm/vmscan.c.
 *
 * A slot's count past SWAP_MAP_MAX continues as the kernel's does
 * (add_swap_count_continuation, swap_count_continued): swap_map keeps the
 * low digit with COUNT_CONTINUED set, the rest counts in units of
 * SWAP_MAP_MAX + 1.
 *
 * Representation, not behaviour: the continuation digits are one number
 * per slot (sim_cont) instead of continuation pages of SWAP_CONT_MAX-sized
 * digits allocated on demand; the count they make is the kernel's, and as
 * memory never runs out in the model (mm/page_alloc.c), adding a
 * continuation never fails, as the kernel's does not but when out of
 * memory.  The swap cache is an array per device indexed by offset
 * instead of an XArray per 64 MiB; slot contents are one 64-bit value,
 * like pages.
 *
 * Out of a scenario's reach, so not modelled: device priorities (a
 * scenario has one swap device at a time, `swapdev`, which the kernel
 * backend puts above the machine's own) and discard
 * (swapon's SWAP_FLAG_DISCARD, which neither backend asks for).
 */
#ifndef MMSIM_LINUX_SWAP_H
#define MMSIM_LINUX_SWAP_H

#include "linux/mm.h"
#include "linux/swapops.h"

enum {
	SWP_USED = (1 << 0),
	SWP_WRITEOK = (1 << 1),
	SWP_SOLIDSTATE = (1 << 4),
	SWP_STABLE_WRITES = (1 << 11),
	SWP_SYNCHRONOUS_IO = (1 << 12),
};

#define SWAP_HAS_CACHE 0x40
#define COUNT_CONTINUED 0x80
#define SWAP_MAP_MAX 0x3e
#define SWAP_MAP_BAD 0x3f

/*
 * Swap clusters (mm/swapfile.c): SWAPFILE_CLUSTER slots, HPAGE_PMD_NR with
 * CONFIG_THP_SWAP, each on one list, by its flags, and one list per order
 * for the nonfull and fragmented ones.
 */
#define SWAPFILE_CLUSTER 512
#define SWAP_NR_ORDERS 10 /* PMD_ORDER + 1 */
#define SWAP_NEXT_INVALID 0
#define SWAP_SLOTS_CACHE_SIZE 64 /* SWAP_BATCH */

enum {
	CLUSTER_FLAG_NONE, /* isolated: on no list (6.18) */
	CLUSTER_FLAG_FREE,
	CLUSTER_FLAG_NONFULL,
	CLUSTER_FLAG_FRAG,
	CLUSTER_FLAG_FULL,
};

/*
 * struct swap_cluster_info: slots in use (the header and the slots past
 * the end of the device count), the list it is on, the order of its
 * allocations.  Model-only: sim_seq, its place on that list (a list is its
 * clusters by sim_seq; list_move_tail gives the next number), in place of
 * the list_head.
 */
struct swap_cluster_info {
	unsigned short count;
	unsigned char flags;
	unsigned char order;
	unsigned int sim_seq;
};

struct swap_info_struct {
	unsigned long flags;
	signed char type;
	unsigned int max;
	unsigned char *swap_map;
	unsigned int inuse_pages;
	/* No free slot below this one (the kernel's lowest_bit). */
	unsigned int lowest_bit;
	/* No free slot above this one, 0 when full (6.12's highest_bit). */
	unsigned int highest_bit;
	/*
	 * The allocator (mm/swapfile.c, policy swap_alloc): the clusters
	 * (DIV_ROUND_UP(max, SWAPFILE_CLUSTER)) and the last list number;
	 * where the next allocation of each order goes on in its cluster,
	 * the one CPU's (6.12's si->percpu_cluster, 6.18's
	 * percpu_swap_cluster for a non-rotational device, global_cluster
	 * for a rotational one); the fragmented clusters per order; and
	 * 6.12's linear scan of a rotational device (cluster_next,
	 * cluster_nr).
	 */
	struct swap_cluster_info *cluster_info;
	unsigned int cluster_seq;
	unsigned int cluster_next_order[SWAP_NR_ORDERS];
	unsigned int frag_cluster_nr[SWAP_NR_ORDERS];
	unsigned int cluster_next;
	unsigned int cluster_nr;
	/*
	 * 6.12's swap slots cache (mm/swap_slots.c), the one CPU's, of this
	 * device's slots: slots[slots_cur..+slots_nr) allocated ahead,
	 * slots_ret[0..n_ret) freed but not given back yet; both keep
	 * SWAP_HAS_CACHE with no folio and count as used.
	 */
	unsigned int slots[SWAP_SLOTS_CACHE_SIZE];
	unsigned int slots_ret[SWAP_SLOTS_CACHE_SIZE];
	unsigned char slots_cur, slots_nr, n_ret;
	/* Model-only: what each slot holds, and the swap cache. */
	u64 *sim_data;
	int *sim_writer;
	/*
	 * The count past swap_map's digit, in units of SWAP_MAP_MAX + 1
	 * (the kernel's continuation pages; only with COUNT_CONTINUED).
	 */
	unsigned int *sim_cont;
	u64 *sim_wtime;
	struct page **sim_cache;
	/* Model-only: writeback stays in flight until writeback-done. */
	bool sim_slow_writeback;
	/*
	 * Model-only: the per-slot arrays, swap_map included, have room for
	 * the first sim_nslots slots, grown by swap_slot_room() (swp_swap_info(),
	 * sim_swap_info_quiet() and folio_alloc_swap() call it): the slots
	 * above are free and hold nothing; read them with swap_slot_map(),
	 * swap_slot_cache() and swap_slot_data() where no lookup made room.
	 */
	unsigned int sim_nslots;
	/*
	 * Model-only, derived: swap PTEs per slot, and those with the
	 * exclusive bit, kept by the touch hooks (harness/touch.c).
	 */
	struct sim_slot_use {
		unsigned int ptes, excl;
	} * sim_use;
};

static inline unsigned char swap_count(unsigned char ent)
{
	return ent & ~SWAP_HAS_CACHE;
}

/* mm/swapfile.c */
int sim_swapon(struct sim *sim, unsigned int nslots, unsigned long flags,
	       bool slow_writeback);
size_t swap_arrays_size(unsigned int nslots);
void swap_arrays_copy(struct swap_info_struct *si,
		      const struct swap_info_struct *from, void *room);
void __swap_slots_grow(struct sim *sim, struct swap_info_struct *si,
		       unsigned long nr);
unsigned int swap_nr_clusters(const struct swap_info_struct *si);
bool swap_slot_in_slots_cache(const struct swap_info_struct *si,
			      unsigned long off);

/* Room in the model-only per-slot arrays for slot @off (< si->max). */
static inline void swap_slot_room(struct sim *sim, struct swap_info_struct *si,
				  unsigned long off)
{
	if (off >= si->sim_nslots)
		__swap_slots_grow(sim, si, off + 1);
}

/*
 * The users of slot @off, swap PTEs and shmem entries, continuation
 * included (swap_count() of swap_map is only its low digit, with
 * COUNT_CONTINUED set when there is more).
 */
static inline unsigned int swap_slot_users(const struct swap_info_struct *si,
					   unsigned long off)
{
	unsigned char map;

	if (off >= si->sim_nslots)
		return 0;
	map = si->swap_map[off];
	if (map == SWAP_MAP_BAD)
		return 0;
	return (map & ~(SWAP_HAS_CACHE | COUNT_CONTINUED)) +
	       (map & COUNT_CONTINUED ? (SWAP_MAP_MAX + 1) * si->sim_cont[off] :
					0);
}

/* The swap_map entry of slot @off, whether or not it has room. */
static inline unsigned char swap_slot_map(const struct swap_info_struct *si,
					  unsigned long off)
{
	return off < si->sim_nslots ? si->swap_map[off] : 0;
}

/* The swap-cache page of slot @off, whether or not it has room. */
static inline struct page *swap_slot_cache(const struct swap_info_struct *si,
					   unsigned long off)
{
	return off < si->sim_nslots ? si->sim_cache[off] : NULL;
}

/* What slot @off holds, whether or not it has room. */
static inline u64 swap_slot_data(const struct swap_info_struct *si,
				 unsigned long off)
{
	return off < si->sim_nslots ? si->sim_data[off] : 0;
}
struct swap_info_struct *swp_swap_info(struct sim *sim, swp_entry_t entry);
swp_entry_t folio_alloc_swap(struct folio *folio);
int swap_duplicate(struct sim *sim, swp_entry_t entry);
void swap_free(struct sim *sim, swp_entry_t entry);
int __swap_count(struct sim *sim, swp_entry_t entry);
bool folio_swapped(struct folio *folio);
bool folio_free_swap(struct folio *folio);
bool vm_swap_full(struct sim *sim);
bool mem_cgroup_swap_full(struct folio *folio);
void free_swap_and_cache(struct sim *sim, swp_entry_t entry);
int swapcache_prepare(struct sim *sim, swp_entry_t entry);
void swapcache_clear(struct sim *sim, swp_entry_t entry);
int try_to_unuse(struct sim *sim, unsigned int type);
int sim_swapoff(struct sim *sim);
void swap_info_free(struct sim *sim, struct swap_info_struct *si);
bool swap_writepage(struct folio *folio);
void swap_read_folio(struct folio *folio);
void sim_writeback_done(struct sim *sim);

/* mm/swap_state.c */
struct folio *swap_cache_get_folio(struct sim *sim, swp_entry_t entry);
int add_to_swap_cache(struct folio *folio, swp_entry_t entry);
void delete_from_swap_cache(struct folio *folio);
void free_swap_cache(struct folio *folio);
bool add_to_swap(struct folio *folio);
struct folio *read_swap_cache_async(struct sim *sim, swp_entry_t entry);
bool swap_use_vma_readahead(const struct sim *sim);
struct folio *swap_cluster_readahead(struct sim *sim, swp_entry_t entry);
struct folio *swapin_readahead(swp_entry_t entry, struct vm_fault *vmf);
void swap_update_readahead(struct folio *folio, struct vm_area_struct *vma,
			   unsigned long addr);

/* mm/vmscan.c */
unsigned long reclaim_pages(struct sim *sim, struct folio **folios,
			    unsigned long nr);

#endif /* MMSIM_LINUX_SWAP_H */
