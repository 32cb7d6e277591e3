// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests what the scenario language cannot reach of mm/shmem.c: one file
 * mapped both shared and private (the language gives every `mmap …
 * shmem` a file of its own), so that a hole punched through the shared
 * mapping (MADV_REMOVE, shmem_punch_hole) meets a private mapping of the
 * same file: the private anon copy stays and the page cache PTE goes
 * (unmap_mapping_range without even_cows, docs/kernel-rules.md
 * shmem.hole-punch); and swapoff bringing a shmem swap entry back
 * (shmem_unuse); and which way a shmem page comes back from a
 * SWP_SYNCHRONOUS_IO device (zram) under each design: 6.14+ past the swap
 * cache with no readahead, 6.12 through it with cluster readahead, whose
 * machine-wide history the language can only reach on a known state.
 * Each test checks the invariants after.
 */
#include "tests/unit/model-helpers.h"

#include "linux/rmap.h"
#include "linux/swap.h"

/*
 * Process 0 maps a new memfd of @n pages shared at *@shared and the same
 * file private at *@priv (do_mmap with the file, as a second mmap(2) of
 * the descriptor).
 */
static void map_twice(struct sim *sim, unsigned long n, unsigned long *shared,
		      unsigned long *priv)
{
	struct mm_struct *mm = sim->mms[0];
	unsigned long ret;

	assert_int_equal(sim_mmap_shmem(sim, 0, n, PROT_READ | PROT_WRITE, true,
					shared),
			 0);
	ret = do_mmap(mm, vma_lookup(mm, *shared)->vm_mapping, n << PAGE_SHIFT,
		      PROT_READ | PROT_WRITE, MAP_PRIVATE);
	assert_false(IS_ERR_VALUE(ret));
	*priv = ret;
}

/* A private mapping reads what the shared one wrote: the same page. */
static void private_mapping_reads_the_file(void **state)
{
	struct sim *sim = *state;
	unsigned long shared, priv;

	map_twice(sim, 1, &shared, &priv);
	assert_int_equal(sim_store(sim, 0, shared, 0x51), 0);
	assert_int_equal(load_val(sim, 0, priv), 0x51);
	assert_ptr_equal(page_at(sim, 0, priv), page_at(sim, 0, shared));
	assert_false(query_pte(sim, 0, priv).writable);
	assert_sim_clean(sim);
}

/* A hole punch keeps the private anon copy of the page (even_cows). */
static void hole_punch_keeps_private_cow_copy(void **state)
{
	struct sim *sim = *state;
	unsigned long shared, priv;

	map_twice(sim, 1, &shared, &priv);
	assert_int_equal(sim_store(sim, 0, shared, 0x52), 0);
	assert_int_equal(sim_store(sim, 0, priv, 0x53), 0);
	assert_true(query_pte(sim, 0, priv).anon);
	assert_int_equal(sim_madvise(sim, 0, shared, 1, MADV_REMOVE), 0);
	assert_int_equal(query_pte(sim, 0, shared).kind, SIM_PTE_NONE);
	assert_int_equal(query_pte(sim, 0, priv).kind, SIM_PTE_PRESENT);
	assert_int_equal(load_val(sim, 0, priv), 0x53);
	assert_int_equal(load_val(sim, 0, shared), 0);
	assert_sim_clean(sim);
}

/* A hole punch unmaps the file's page from the private mapping too. */
static void hole_punch_unmaps_cache_page_from_private(void **state)
{
	struct sim *sim = *state;
	unsigned long shared, priv;

	map_twice(sim, 1, &shared, &priv);
	assert_int_equal(sim_store(sim, 0, shared, 0x54), 0);
	assert_int_equal(load_val(sim, 0, priv), 0x54);
	assert_int_equal(sim_madvise(sim, 0, shared, 1, MADV_REMOVE), 0);
	assert_int_equal(query_pte(sim, 0, priv).kind, SIM_PTE_NONE);
	assert_int_equal(load_val(sim, 0, priv), 0);
	assert_sim_clean(sim);
}

/* swapoff reads a shmem swap entry back into the page cache. */
static void swapoff_brings_shmem_entry_back(void **state)
{
	struct sim *sim = *state;
	struct address_space *mapping;
	unsigned long addr;

	assert_int_equal(sim_mmap_shmem(sim, 0, 1, PROT_READ | PROT_WRITE, true,
					&addr),
			 0);
	assert_int_equal(sim_store(sim, 0, addr, 0x55), 0);
	assert_int_equal(sim_swapout(sim, 0, addr, 1), 0);
	mapping = vma_lookup(sim->mms[0], addr)->vm_mapping;
	assert_true(mapping->swap[0].val != 0);
	assert_null(mapping->pages[0]);
	assert_int_equal(sim_swapoff(sim), 0);
	assert_int_equal(mapping->swap[0].val, 0);
	assert_non_null(mapping->pages[0]);
	assert_int_equal(query_pte(sim, 0, addr).kind, SIM_PTE_NONE);
	assert_int_equal(load_val(sim, 0, addr), 0x55);
	assert_sim_clean(sim);
}

/*
 * Process 0 maps @n pages of a new memfd on a zram-like device under
 * @policy, stores 0x60 + i in page i and swaps them all out, in order:
 * page i in slot i + 1.  The device is one cluster, the header's, so that
 * 6.12's allocator, which takes a free cluster first, starts at slot 1
 * too (docs/kernel-rules.md swap.alloc).  Returns the first address.
 */
static unsigned long shmem_on_sync_device(struct sim *sim, const char *policy,
					  unsigned long n)
{
	unsigned long addr, i;

	assert_int_equal(sim_set_policy(sim, policy), 0);
	assert_int_equal(sim_swapdev(sim, 64, true, false, false), 0);
	assert_int_equal(sim_mmap_shmem(sim, 0, n, PROT_READ | PROT_WRITE, true,
					&addr),
			 0);
	for (i = 0; i < n; i++)
		assert_int_equal(
			sim_store(sim, 0, addr + i * PAGE_SIZE, 0x60 + i), 0);
	assert_int_equal(sim_swapout(sim, 0, addr, n), 0);
	for (i = 0; i < n; i++)
		assert_int_equal(swp_offset(vma_lookup(sim->mms[0], addr)
						    ->vm_mapping->swap[i]),
				 i + 1);
	return addr;
}

/* The swap cache's folio of slot @off of device 0, if any. */
static struct page *cached(struct sim *sim, unsigned long off)
{
	return sim->swap_info[0]->sim_cache[off];
}

/*
 * 6.14+: a swap-cache miss on zram reads one new folio outside the swap
 * cache (shmem_swap_alloc_folio): no neighbour is read, the history of
 * cluster readahead is untouched, and the slot is free after.
 */
static void sync_device_shmem_swapin_bypasses_swap_cache(void **state)
{
	struct sim *sim = *state;
	struct address_space *mapping;
	unsigned long addr, hits;

	addr = shmem_on_sync_device(sim, "latest", 4);
	mapping = vma_lookup(sim->mms[0], addr)->vm_mapping;
	hits = sim->swap_ra_hits;
	assert_int_equal(load_val(sim, 0, addr + PAGE_SIZE), 0x61);
	assert_null(cached(sim, 1));
	assert_null(cached(sim, 2));
	assert_null(cached(sim, 3));
	assert_int_equal(sim->swap_ra_hits, hits);
	assert_int_equal(mapping->swap[1].val, 0);
	assert_false(folio_test_swapcache(page_folio(mapping->pages[1])));
	assert_true(folio_test_dirty(page_folio(mapping->pages[1])));
	assert_int_equal(sim->swap_info[0]->swap_map[2], 0);
	assert_int_equal(sim->swap_info[0]->inuse_pages, 3);
	assert_sim_clean(sim);
}

/*
 * 6.12: the same fault reads a block of slots into the swap cache
 * (shmem_swapin_cluster) with the window of the machine-wide history:
 * the first fault of a new sim (4 hits) reads all of slots 1-4 (slot 0
 * is the header); a later fault on one of them is a swap-cache hit,
 * which counts machine-wide.
 */
static void sync_device_shmem_swapin_reads_ahead_v6_12(void **state)
{
	struct sim *sim = *state;
	struct address_space *mapping;
	unsigned long addr;
	struct page *page;

	addr = shmem_on_sync_device(sim, "v6.12", 4);
	mapping = vma_lookup(sim->mms[0], addr)->vm_mapping;
	assert_int_equal(load_val(sim, 0, addr + PAGE_SIZE), 0x61);
	assert_null(cached(sim, 2));
	assert_non_null(cached(sim, 1));
	assert_non_null(cached(sim, 3));
	assert_non_null(cached(sim, 4));
	assert_true(PageReadahead(cached(sim, 3)));
	/* What mincore(2) reports of the none PTE (state swapcache). */
	assert_int_equal(query_pte(sim, 0, addr + 2 * PAGE_SIZE).kind,
			 SIM_PTE_NONE);
	assert_true(query_pte(sim, 0, addr + 2 * PAGE_SIZE).swapcache);
	assert_true(query_pte(sim, 0, addr + 3 * PAGE_SIZE).swapcache);
	/* A page in the page cache, not mapped here, is not. */
	assert_int_equal(
		sim_madvise(sim, 0, addr + PAGE_SIZE, 1, MADV_DONTNEED), 0);
	assert_int_equal(query_pte(sim, 0, addr + PAGE_SIZE).kind,
			 SIM_PTE_NONE);
	assert_false(query_pte(sim, 0, addr + PAGE_SIZE).swapcache);
	assert_int_equal(sim->swap_ra_hits, 0);
	page = cached(sim, 3);
	assert_int_equal(load_val(sim, 0, addr + 2 * PAGE_SIZE), 0x62);
	assert_ptr_equal(mapping->pages[2], page);
	assert_null(cached(sim, 3));
	assert_int_equal(sim->swap_ra_hits, 1);
	assert_sim_clean(sim);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		test_with_sim(private_mapping_reads_the_file),
		test_with_sim(hole_punch_keeps_private_cow_copy),
		test_with_sim(hole_punch_unmaps_cache_page_from_private),
		test_with_sim(swapoff_brings_shmem_entry_back),
		test_with_sim(sync_device_shmem_swapin_bypasses_swap_cache),
		test_with_sim(sync_device_shmem_swapin_reads_ahead_v6_12),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
