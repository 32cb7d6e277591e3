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
 * Omits: shmem/file folios, large folios, retries, NUMA placement.
 */
#include "linux/migrate.h"
#include "linux/rmap.h"
#include "linux/swap.h"
#include "linux/sim_machine.h"

/* folio_migrate_mapping + folio_migrate_flags for a small anon folio. */
static int move_to_new_folio(struct folio *dst, struct folio *src)
{
	int expected = 1 + (folio_test_swapcache(src) ? 1 : 0);

	if (folio_ref_count(src) != expected)
		return -EAGAIN;
	dst->mapping = src->mapping;
	dst->index = src->index;
	sim_touch_page(&dst->page);
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
 * Return: 0, -EBUSY or -EAGAIN; -EOPNOTSUPP for a folio that is not
 * anon (not modelled).
 */
int unmap_and_move(struct folio *src)
{
	struct sim *sim = folio_sim(src);
	struct folio *dst;
	int ret;

	/* Shmem folios migrate in the kernel; not in the model yet. */
	if (!folio_test_anon(src))
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
