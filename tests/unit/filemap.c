// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests what the scenario language cannot reach of a regular file's page
 * cache (mm/filemap.c, `mmap … file`): its folios are not swap-backed and
 * count in MM_FILEPAGES; reclaim never gives them swap entries, drops a
 * clean one and keeps a dirty one cached (docs/kernel-rules.md,
 * file.reclaim); one file mapped both shared and private shares the page
 * cache page until the private store copies it; userfaultfd refuses to
 * register it (file.userfaultfd).  Each test checks the invariants after.
 */
#include "tests/unit/model-helpers.h"

#include "linux/rmap.h"
#include "linux/swap.h"

#define RW (PROT_READ | PROT_WRITE)

static struct address_space *file_at(struct sim *sim, unsigned long addr)
{
	return vma_lookup(sim->mms[0], addr)->vm_mapping;
}

/* A read fault: a clean page cache page, not swap-backed, MM_FILEPAGES. */
static void read_fault_maps_file_page(void **state)
{
	struct sim *sim = *state;
	struct mm_struct *mm = sim->mms[0];
	unsigned long addr;
	struct page *page;

	assert_int_equal(sim_mmap_file(sim, 0, 2, RW, true, false, &addr), 0);
	assert_false(file_at(sim, addr)->shmem);
	assert_int_equal(load_val(sim, 0, addr), 0);
	page = page_at(sim, 0, addr);
	assert_ptr_equal(file_at(sim, addr)->pages[0], page);
	assert_false(PageAnon(page));
	assert_false(PageSwapBacked(page));
	assert_false(PageDirty(page));
	/* Write notification: the shared writable mapping maps it R/O. */
	assert_false(query_pte(sim, 0, addr).writable);
	assert_int_equal(mm->rss_stat[MM_FILEPAGES], 1);
	assert_int_equal(mm->rss_stat[MM_SHMEMPAGES], 0);
	assert_int_equal(sim_store(sim, 0, addr, 0x61), 0);
	assert_ptr_equal(page_at(sim, 0, addr), page);
	assert_true(PageDirty(page));
	assert_true(query_pte(sim, 0, addr).writable);
	assert_sim_clean(sim);
}

/* Reclaim drops a clean page, keeps a dirty one cached, swaps neither. */
static void pageout_drops_clean_keeps_dirty(void **state)
{
	struct sim *sim = *state;
	struct address_space *file;
	struct page *dirty;
	unsigned long addr;

	assert_int_equal(sim_mmap_file(sim, 0, 2, RW, true, false, &addr), 0);
	file = file_at(sim, addr);
	assert_int_equal(load_val(sim, 0, addr), 0);
	assert_int_equal(sim_store(sim, 0, addr + PAGE_SIZE, 0x62), 0);
	dirty = file->pages[1];
	assert_int_equal(sim_swapout(sim, 0, addr, 2), 0);
	assert_null(file->pages[0]);
	assert_ptr_equal(file->pages[1], dirty);
	assert_int_equal(file->swap[0].val, 0);
	assert_int_equal(file->swap[1].val, 0);
	assert_int_equal(query_pte(sim, 0, addr).kind, SIM_PTE_NONE);
	assert_int_equal(query_pte(sim, 0, addr + PAGE_SIZE).kind,
			 SIM_PTE_NONE);
	assert_int_equal(sim->mms[0]->rss_stat[MM_FILEPAGES], 0);
	assert_int_equal(load_val(sim, 0, addr + PAGE_SIZE), 0x62);
	assert_ptr_equal(page_at(sim, 0, addr + PAGE_SIZE), dirty);
	assert_sim_clean(sim);
}

/* Shared and private mappings of one file: the private store copies. */
static void private_store_copies_shared_page(void **state)
{
	struct sim *sim = *state;
	struct mm_struct *mm = sim->mms[0];
	unsigned long shared, priv;

	assert_int_equal(sim_mmap_file(sim, 0, 1, RW, true, false, &shared), 0);
	priv = do_mmap(mm, file_at(sim, shared), PAGE_SIZE, RW, MAP_PRIVATE);
	assert_false(IS_ERR_VALUE(priv));
	assert_int_equal(sim_store(sim, 0, shared, 0x63), 0);
	assert_int_equal(load_val(sim, 0, priv), 0x63);
	assert_ptr_equal(page_at(sim, 0, priv), page_at(sim, 0, shared));
	assert_int_equal(sim_store(sim, 0, priv, 0x64), 0);
	assert_true(query_pte(sim, 0, priv).anon);
	assert_true(query_pte(sim, 0, priv).exclusive);
	assert_int_equal(load_val(sim, 0, shared), 0x63);
	assert_int_equal(mm->rss_stat[MM_ANONPAGES], 1);
	assert_int_equal(mm->rss_stat[MM_FILEPAGES], 1);
	assert_sim_clean(sim);
}

/* UFFDIO_REGISTER of a regular file: EINVAL, nothing registered. */
static void uffd_register_refused(void **state)
{
	struct sim *sim = *state;
	unsigned long addr;

	assert_int_equal(sim_mmap_file(sim, 0, 2, RW, true, false, &addr), 0);
	assert_int_equal(sim_uffd(sim, 0, 0), 0);
	assert_int_equal(sim_uffd_wp(sim, 0, addr, 2, true), -EINVAL);
	assert_false(vma_lookup(sim->mms[0], addr)->vm_flags & VM_UFFD_WP);
	assert_int_equal(sim_store(sim, 0, addr, 0x65), 0);
	assert_sim_clean(sim);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		test_with_sim(read_fault_maps_file_page),
		test_with_sim(pageout_drops_clean_keeps_dirty),
		test_with_sim(private_store_copies_shared_page),
		test_with_sim(uffd_register_refused),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
