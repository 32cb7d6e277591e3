// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models migrate_pages (mm/migrate.c at v6.12) for one small anon folio, as
 * move_pages(2) would ask for it: unmap every PTE into migration entries
 * (try_to_migrate), check that nothing else holds a reference, move the
 * contents, the mapping and the swap cache to a new folio, and map it where the
 * entries were (remove_migration_ptes).  Exclusivity travels in the entry type,
 * never in the page flag (migrate.unmap, migrate.refcount, migrate.restore).
 *
 * Failures: a maybe-pinned exclusive page cannot be unmapped (-EBUSY);
 * an unexpected reference such as FOLL_GET fails the move (-EAGAIN).  The
 * old folio is mapped back in both cases.
 *
 * A page cache folio (shmem or a regular file's) migrates too
 * (shmem_aops and ext4's ->migrate_folio: folio_migrate_mapping moves the
 * page cache slot and its reference to the new folio); its entries are
 * readable or writable, never exclusive.
 *
 * Omits: large folios, retries, NUMA placement, buffer heads (ext4's
 * buffer_migrate_folio may find them busy).
 */
#include "linux/ksm.h"
#include "linux/migrate.h"
#include "linux/rmap.h"
#include "linux/swap.h"
#include "linux/sim_machine.h"

/*
 * The page cache slot of @src (its mapping's, at its index) and the
 * cache's reference go to @dst (__folio_migrate_mapping of a folio with a
 * mapping: xas_store of the new folio).
 */
static void migrate_page_cache(struct folio *dst, struct folio *src)
{
	struct address_space *mapping =
		(struct address_space *)(src->mapping & ~PAGE_MAPPING_FLAGS);

	mapping->pages[src->index] = &dst->page;
	sim_touch_cache(folio_sim(src), &src->page, &dst->page);
	folio_ref_add(dst, 1);
	src->mapping = 0;
	src->_refcount--;
	sim_touch_page(&src->page);
	if (folio_test_swapbacked(src))
		__folio_set_swapbacked(dst);
}

/*
 * folio_migrate_mapping + folio_migrate_flags for a small folio: anon, or
 * in a page cache, whose reference is one more that migration expects
 * (folio_expected_refs).
 */
static int move_to_new_folio(struct folio *dst, struct folio *src)
{
	bool cache = !folio_test_anon(src);
	int expected = 1 + (folio_test_swapcache(src) || cache ? 1 : 0);

	if (folio_ref_count(src) != expected)
		return -EAGAIN;
	dst->mapping = src->mapping;
	dst->index = src->index;
	sim_touch_page(&dst->page);
	if (cache) {
		migrate_page_cache(dst, src);
		goto flags;
	}
	if (folio_test_swapcache(src)) {
		swp_entry_t entry = src->swap;
		struct swap_info_struct *si =
			swp_swap_info(folio_sim(src), entry);

		/* The swap cache's reference moves with the entry. */
		folio_set_swapcache(dst);
		dst->swap = src->swap;
		sim_touch_page(&dst->page);
		si->sim_cache[swp_offset(entry)] = &dst->page;
		sim_touch_cache(folio_sim(src), &src->page, &dst->page);
		folio_ref_add(dst, 1);
		folio_clear_swapcache(src);
		src->swap.val = 0;
		src->_refcount--;
		sim_touch_page(&src->page);
	}
	__folio_set_swapbacked(dst);
flags:
	/* folio_migrate_flags: the stable node follows a KSM page. */
	if (folio_test_ksm(src))
		folio_migrate_ksm(dst, src);
	if (folio_test_dirty(src))
		folio_set_dirty(dst);
	if (folio_test_uptodate(src))
		folio_set_uptodate(dst);
	copy_user_highpage(&dst->page, &src->page);
	return 0;
}

/**
 * unmap_and_move - migrate @src (mapped, isolated by the caller with one
 * reference) to a new folio.
 *
 * Return: 0, -EBUSY or -EAGAIN; -EOPNOTSUPP for a folio neither anon nor
 * in a page cache (not modelled).
 */
int unmap_and_move(struct folio *src)
{
	struct sim *sim = folio_sim(src);
	struct folio *dst;
	int ret;

	if (!folio_test_anon(src) && !src->mapping)
		return -EOPNOTSUPP;
	if (!try_to_migrate(src)) {
		remove_migration_ptes(src, src);
		return -EBUSY;
	}
	dst = folio_alloc(sim);
	ret = move_to_new_folio(dst, src);
	if (ret) {
		sim_trace(sim,
			  "migrate: pfn %#lx has unexpected references: "
			  "mapped back",
			  page_to_pfn(&src->page));
		remove_migration_ptes(src, src);
		dst->_refcount = 0;
		sim_touch_page(&dst->page);
		free_unref_page(&dst->page);
		return ret;
	}
	folio_add_lru_vma(dst, NULL);
	remove_migration_ptes(src, dst);
	sim_trace(sim, "migrate: pfn %#lx -> pfn %#lx", page_to_pfn(&src->page),
		  page_to_pfn(&dst->page));
	/* The new folio's allocation reference was the isolation's. */
	folio_put(dst);
	return 0;
}
