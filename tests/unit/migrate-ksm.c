// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests migration and KSM in the model (docs/kernel-rules.md, Migration,
 * fork.nonpresent, KSM).  Migration entries are built with the internal API
 * (try_to_migrate on an isolated folio), so that fork and mprotect can be
 * run over them before remove_migration_ptes: a writable or
 * readable-exclusive entry must become readable in both processes at fork
 * and readable-exclusive under mprotect, and the restored page must be
 * exclusive exactly for writable and readable-exclusive entries.  Then
 * sim_migrate end to end (EBUSY, EAGAIN, the swap cache), and sim_ksm:
 * merging, refusals for extra references and pins, copies on write and
 * pin, MADV_UNMERGEABLE, fork, swap and migration of KSM pages.
 */
#include <errno.h>

#include "tests/unit/model-helpers.h"

#include "linux/rmap.h"
#include "linux/swap.h"
#include "linux/sim_machine.h"

static void store(struct sim *sim, int mm, unsigned long addr, uint64_t val)
{
	assert_int_equal(sim_store(sim, mm, addr, val), 0);
}

static unsigned long written_page(struct sim *sim, uint64_t val)
{
	unsigned long addr = map_rw(sim, 0, 1);

	store(sim, 0, addr, val);
	return addr;
}

/* folio_isolate_lru, then try_to_migrate: every PTE an entry. */
static struct folio *isolate_and_unmap(struct sim *sim, int mm,
				       unsigned long addr)
{
	struct folio *folio = page_folio(page_at(sim, mm, addr));

	folio_get(folio);
	folio_clear_lru(folio);
	assert_true(try_to_migrate(folio));
	assert_false(folio_mapped(folio));
	return folio;
}

/* Map @folio back where its entries are and drop the isolation. */
static void restore(struct sim *sim, struct folio *folio)
{
	remove_migration_ptes(folio, folio);
	folio_set_lru(folio);
	folio_put(folio);
	assert_sim_clean(sim);
}

/* The migration entry type at @addr (asserting it is one, for @pfn). */
static unsigned int entry_type(struct sim *sim, int mm, unsigned long addr,
			       unsigned long pfn)
{
	pte_t pte = *pte_of(sim, mm, addr);
	swp_entry_t entry;

	assert_false(pte_present(pte));
	entry = pte_to_swp_entry(pte);
	assert_true(is_migration_entry(entry));
	assert_int_equal(swp_offset(entry), pfn);
	assert_int_equal(query_pte(sim, mm, addr).kind, SIM_PTE_MIGRATION);
	return swp_type(entry);
}

static void writable_pte_gives_writable_entry(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0x11);
	struct page *page = page_at(sim, 0, addr);
	struct folio *folio = isolate_and_unmap(sim, 0, addr);

	assert_int_equal(entry_type(sim, 0, addr, page_to_pfn(page)),
			 SWP_MIGRATION_WRITE);
	/* Exclusivity lives in the entry only (migrate.unmap). */
	assert_false(PageAnonExclusive(page));
	assert_int_equal(page_mapcount(page), 0);
	assert_int_equal(page_ref_count(page), 1);
	restore(sim, folio);
	assert_true(query_pte(sim, 0, addr).exclusive);
	assert_true(query_pte(sim, 0, addr).writable);
	assert_int_equal(page_ref_count(page), 1);
}

static void readonly_exclusive_pte_gives_readable_exclusive_entry(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0x12);
	struct page *page = page_at(sim, 0, addr);
	struct folio *folio;

	assert_int_equal(sim_mprotect(sim, 0, addr, 1, PROT_READ), 0);
	folio = isolate_and_unmap(sim, 0, addr);
	assert_int_equal(entry_type(sim, 0, addr, page_to_pfn(page)),
			 SWP_MIGRATION_READ_EXCLUSIVE);
	assert_false(PageAnonExclusive(page));
	restore(sim, folio);
	assert_true(query_pte(sim, 0, addr).exclusive);
	assert_false(query_pte(sim, 0, addr).writable);
}

static void shared_page_gives_readable_entries(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0x13);
	struct page *page = page_at(sim, 0, addr);
	struct folio *folio;
	int child = sim_fork(sim, 0);

	assert_true(child > 0);
	folio = isolate_and_unmap(sim, 0, addr);
	assert_int_equal(entry_type(sim, 0, addr, page_to_pfn(page)),
			 SWP_MIGRATION_READ);
	assert_int_equal(entry_type(sim, child, addr, page_to_pfn(page)),
			 SWP_MIGRATION_READ);
	restore(sim, folio);
	assert_false(query_pte(sim, 0, addr).exclusive);
	assert_false(query_pte(sim, child, addr).writable);
	assert_int_equal(page_mapcount(page), 2);
}

/* fork.nonpresent: fork turns a writable entry into a readable one, in both. */
static void fork_over_writable_entry_makes_both_readable(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0x21);
	struct page *page = page_at(sim, 0, addr);
	unsigned long pfn = page_to_pfn(page);
	struct folio *folio = isolate_and_unmap(sim, 0, addr);
	struct sim_pte_info p, c;
	int child;

	assert_int_equal(entry_type(sim, 0, addr, pfn), SWP_MIGRATION_WRITE);
	child = sim_fork(sim, 0);
	assert_true(child > 0);
	assert_int_equal(entry_type(sim, 0, addr, pfn), SWP_MIGRATION_READ);
	assert_int_equal(entry_type(sim, child, addr, pfn), SWP_MIGRATION_READ);
	/* The entry stands for the page in the child's RSS too. */
	assert_int_equal(sim->mms[child]->rss_stat[MM_ANONPAGES], 1);
	restore(sim, folio);
	p = query_pte(sim, 0, addr);
	c = query_pte(sim, child, addr);
	assert_int_equal(p.pfn, pfn);
	assert_int_equal(c.pfn, pfn);
	assert_false(p.writable);
	assert_false(c.writable);
	assert_false(p.exclusive);
	assert_int_equal(page_mapcount(page), 2);
	assert_int_equal(page_ref_count(page), 2);
	assert_int_equal(sim_check_fork(sim, 0, child, NULL, NULL), 0);
	/* Shared now: the child's write copies, the parent's then reuses. */
	store(sim, child, addr, 0x22);
	assert_int_not_equal(query_pte(sim, child, addr).pfn, pfn);
	store(sim, 0, addr, 0x23);
	assert_int_equal(query_pte(sim, 0, addr).pfn, pfn);
	assert_int_equal(load_val(sim, child, addr), 0x22);
	assert_sim_clean(sim);
}

static void fork_over_readable_exclusive_entry_makes_both_readable(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0x24);
	unsigned long pfn = page_to_pfn(page_at(sim, 0, addr));
	struct folio *folio;
	int child;

	assert_int_equal(sim_mprotect(sim, 0, addr, 1, PROT_READ), 0);
	folio = isolate_and_unmap(sim, 0, addr);
	assert_int_equal(entry_type(sim, 0, addr, pfn),
			 SWP_MIGRATION_READ_EXCLUSIVE);
	child = sim_fork(sim, 0);
	assert_true(child > 0);
	assert_int_equal(entry_type(sim, 0, addr, pfn), SWP_MIGRATION_READ);
	assert_int_equal(entry_type(sim, child, addr, pfn), SWP_MIGRATION_READ);
	restore(sim, folio);
	assert_false(query_pte(sim, 0, addr).exclusive);
	assert_int_equal(query_pte(sim, child, addr).pfn, pfn);
	assert_int_equal(query_pte(sim, 0, addr).mapcount, 2);
}

/* Soft-dirty is carried across the readable conversion at fork. */
static void fork_over_entry_keeps_soft_dirty(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0x25);
	struct folio *folio = isolate_and_unmap(sim, 0, addr);
	pte_t *ptep = pte_of(sim, 0, addr);
	int child;

	*ptep = pte_swp_mksoft_dirty(*ptep);
	child = sim_fork(sim, 0);
	assert_true(child > 0);
	assert_true(pte_swp_soft_dirty(*pte_of(sim, 0, addr)));
	assert_true(pte_swp_soft_dirty(*pte_of(sim, child, addr)));
	restore(sim, folio);
}

/*
 * migrate.fork-mprotect: mprotect cannot keep a writable entry writable,
 * even to RW.
 */
static void
mprotect_over_writable_entry_makes_it_readable_exclusive(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0x31);
	unsigned long pfn = page_to_pfn(page_at(sim, 0, addr));
	unsigned long copies = sim_event_count(sim, SIM_COW_COPY);
	struct folio *folio = isolate_and_unmap(sim, 0, addr);
	struct sim_pte_info in;

	assert_int_equal(entry_type(sim, 0, addr, pfn), SWP_MIGRATION_WRITE);
	/* A change that keeps PROT_WRITE (mprotect to the same flags is a
	 * no-op and touches no entry). */
	assert_int_equal(sim_mprotect(sim, 0, addr, 1,
				      PROT_READ | PROT_WRITE | PROT_EXEC),
			 0);
	assert_int_equal(entry_type(sim, 0, addr, pfn),
			 SWP_MIGRATION_READ_EXCLUSIVE);
	restore(sim, folio);
	in = query_pte(sim, 0, addr);
	assert_int_equal(in.pfn, pfn);
	assert_false(in.writable);
	assert_true(in.exclusive);
	/* Exclusive: the write reuses it without a copy. */
	store(sim, 0, addr, 0x32);
	assert_int_equal(query_pte(sim, 0, addr).pfn, pfn);
	assert_int_equal(sim_event_count(sim, SIM_COW_COPY), copies);
	assert_sim_clean(sim);
}

static void mprotect_ro_over_writable_entry(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0x33);
	unsigned long pfn = page_to_pfn(page_at(sim, 0, addr));
	struct folio *folio = isolate_and_unmap(sim, 0, addr);

	assert_int_equal(sim_mprotect(sim, 0, addr, 1, PROT_READ), 0);
	assert_int_equal(entry_type(sim, 0, addr, pfn),
			 SWP_MIGRATION_READ_EXCLUSIVE);
	restore(sim, folio);
	assert_true(query_pte(sim, 0, addr).exclusive);
	assert_false(query_pte(sim, 0, addr).writable);
	/* mprotect RW maps the exclusive page writable at once (mprotect.upgrade). */
	assert_int_equal(sim_mprotect(sim, 0, addr, 1, PROT_READ | PROT_WRITE),
			 0);
	assert_true(query_pte(sim, 0, addr).writable);
	assert_sim_clean(sim);
}

/* A readable entry stays readable under fork and mprotect. */
static void readable_entry_stays_readable(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0x34);
	unsigned long pfn = page_to_pfn(page_at(sim, 0, addr));
	struct folio *folio;
	int c1 = sim_fork(sim, 0), c2;

	assert_true(c1 > 0);
	folio = isolate_and_unmap(sim, 0, addr);
	assert_int_equal(sim_mprotect(sim, 0, addr, 1, PROT_READ | PROT_WRITE),
			 0);
	assert_int_equal(entry_type(sim, 0, addr, pfn), SWP_MIGRATION_READ);
	c2 = sim_fork(sim, 0);
	assert_true(c2 > 0);
	assert_int_equal(entry_type(sim, c2, addr, pfn), SWP_MIGRATION_READ);
	restore(sim, folio);
	assert_int_equal(query_pte(sim, 0, addr).mapcount, 3);
	assert_false(query_pte(sim, 0, addr).exclusive);
}

static void migrate_moves_contents_mapping_and_exclusivity(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0x41);
	struct page *old = page_at(sim, 0, addr), *new;
	unsigned long mapping = old->mapping, index = old->index;

	assert_int_equal(sim_migrate(sim, 0, addr), 0);
	new = page_at(sim, 0, addr);
	assert_ptr_not_equal(new, old);
	assert_true(PageBuddy(old));
	assert_int_equal(new->mapping, mapping);
	assert_int_equal(new->index, index);
	assert_true(PageAnonExclusive(new));
	assert_true(pte_write(*pte_of(sim, 0, addr)));
	assert_int_equal(page_ref_count(new), 1);
	assert_int_equal(page_mapcount(new), 1);
	assert_true(folio_test_lru(page_folio(new)));
	assert_int_equal(load_val(sim, 0, addr), 0x41);
	assert_sim_clean(sim);
}

static void migrate_pinned_page_is_ebusy_and_unchanged(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0x42);
	struct page *page = page_at(sim, 0, addr);
	pte_t before = *pte_of(sim, 0, addr);
	unsigned long allocated = sim->nr_allocated;
	int ref, h = sim_gup(sim, 0, addr, SIM_GUP_PIN | SIM_GUP_LONGTERM);

	assert_true(h >= 0);
	ref = page_ref_count(page);
	assert_int_equal(sim_migrate(sim, 0, addr), -EBUSY);
	assert_int_equal(pte_val(*pte_of(sim, 0, addr)), pte_val(before));
	assert_true(PageAnonExclusive(page));
	assert_int_equal(page_ref_count(page), ref);
	assert_int_equal(sim->nr_allocated, allocated);
	assert_sim_clean(sim);
	assert_int_equal(sim_unpin(sim, h), 0);
}

static void migrate_foll_get_page_is_eagain_and_mapped_back(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0x43);
	struct page *page = page_at(sim, 0, addr);
	unsigned long allocated = sim->nr_allocated;
	int h = sim_gup(sim, 0, addr, 0);

	assert_true(h >= 0);
	assert_int_equal(sim_migrate(sim, 0, addr), -EAGAIN);
	assert_ptr_equal(page_at(sim, 0, addr), page);
	assert_true(PageAnonExclusive(page));
	assert_true(pte_write(*pte_of(sim, 0, addr)));
	assert_int_equal(page_ref_count(page), 2);
	assert_int_equal(page_mapcount(page), 1);
	/* The target page was given back. */
	assert_int_equal(sim->nr_allocated, allocated);
	assert_sim_clean(sim);
	assert_int_equal(sim_unpin(sim, h), 0);
}

static void migrate_takes_the_swap_cache_along(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0x44), off;
	struct swap_info_struct *si = sim->swap_info[0];
	struct page *old, *new;

	assert_int_equal(sim_swapout(sim, 0, addr, 1), 0);
	off = query_pte(sim, 0, addr).swp_offset;
	assert_int_equal(load_val(sim, 0, addr), 0x44);
	old = page_at(sim, 0, addr);
	assert_ptr_equal(si->sim_cache[off], old);
	assert_int_equal(sim_migrate(sim, 0, addr), 0);
	new = page_at(sim, 0, addr);
	assert_ptr_not_equal(new, old);
	assert_true(PageBuddy(old));
	assert_ptr_equal(si->sim_cache[off], new);
	assert_true(folio_test_swapcache(page_folio(new)));
	assert_int_equal(new->private, swp_entry(0, off).val);
	assert_int_equal(si->swap_map[off], SWAP_HAS_CACHE);
	assert_int_equal(page_ref_count(new), 2);
	assert_true(PageAnonExclusive(new));
	assert_sim_clean(sim);
	/* A write now frees the swap cache of the new page. */
	store(sim, 0, addr, 0x45);
	assert_int_equal(si->swap_map[off], SWAP_HAS_CACHE);
	assert_int_equal(sim_swapout(sim, 0, addr, 1), 0);
	assert_int_equal(load_val(sim, 0, addr), 0x45);
	assert_sim_clean(sim);
}

static void migrate_nothing_there(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 3);

	assert_int_equal(sim_migrate(sim, 0, addr), -ENOENT);
	assert_int_equal(load_val(sim, 0, addr + PAGE_SIZE), 0);
	assert_int_equal(sim_migrate(sim, 0, addr + PAGE_SIZE), -EFAULT);
	store(sim, 0, addr + 2 * PAGE_SIZE, 0x46);
	assert_int_equal(sim_swapout(sim, 0, addr + 2 * PAGE_SIZE, 1), 0);
	assert_int_equal(sim_migrate(sim, 0, addr + 2 * PAGE_SIZE), -ENOENT);
	assert_int_equal(sim_migrate(sim, 7, addr), -ESRCH);
	assert_sim_clean(sim);
}

/* Two identical pages of a mergeable region; returns the address. */
static unsigned long mergeable_pair(struct sim *sim, uint64_t val)
{
	unsigned long addr = map_rw(sim, 0, 2);

	store(sim, 0, addr, val);
	store(sim, 0, addr + PAGE_SIZE, val);
	assert_int_equal(sim_madvise(sim, 0, addr, 2, MADV_MERGEABLE), 0);
	assert_true(vma_lookup(sim->mms[0], addr)->vm_flags & VM_MERGEABLE);
	return addr;
}

static void ksm_merges_identical_pages(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = mergeable_pair(sim, 0x51);
	struct page *p0 = page_at(sim, 0, addr);
	struct page *p1 = page_at(sim, 0, addr + PAGE_SIZE), *k;
	pte_t pte;

	assert_int_equal(sim_ksm(sim, 0), 2);
	k = page_at(sim, 0, addr);
	assert_ptr_equal(page_at(sim, 0, addr + PAGE_SIZE), k);
	assert_true(k == p0 || k == p1);
	assert_true(PageBuddy(k == p0 ? p1 : p0));
	assert_true(PageKsm(k));
	assert_int_equal(k->mapping & PAGE_MAPPING_FLAGS, PAGE_MAPPING_KSM);
	assert_false(PageAnonExclusive(k));
	assert_true(PageDirty(k));
	assert_int_equal(page_mapcount(k), 2);
	assert_int_equal(page_ref_count(k), 2);
	pte = *pte_of(sim, 0, addr);
	assert_false(pte_write(pte));
	assert_false(pte_dirty(pte));
	assert_true(query_pte(sim, 0, addr).ksm);
	assert_false(query_pte(sim, 0, addr).exclusive);
	assert_sim_clean(sim);
	/* Nothing left to merge. */
	assert_int_equal(sim_ksm(sim, 0), 0);
	assert_ptr_equal(page_at(sim, 0, addr), k);
	assert_sim_clean(sim);
}

static void ksm_leaves_different_and_unmergeable_pages(void **state)
{
	struct sim *sim = *state;
	unsigned long a = map_rw(sim, 0, 2), b = map_rw(sim, 0, 2), s;

	store(sim, 0, a, 0x52);
	store(sim, 0, a + PAGE_SIZE, 0x53);
	store(sim, 0, b, 0x52);
	store(sim, 0, b + PAGE_SIZE, 0x52);
	assert_int_equal(sim_mmap(sim, 0, 2, PROT_READ | PROT_WRITE, true, &s),
			 0);
	store(sim, 0, s, 0x52);
	store(sim, 0, s + PAGE_SIZE, 0x52);
	assert_int_equal(sim_madvise(sim, 0, a, 2, MADV_MERGEABLE), 0);
	/* Shared memory is not mergeable: no error, no flag. */
	assert_int_equal(sim_madvise(sim, 0, s, 2, MADV_MERGEABLE), 0);
	assert_false(vma_lookup(sim->mms[0], s)->vm_flags & VM_MERGEABLE);
	assert_int_equal(sim_ksm(sim, 0), 0);
	assert_false(query_pte(sim, 0, a).ksm);
	assert_false(query_pte(sim, 0, b).ksm);
	assert_false(query_pte(sim, 0, s).ksm);
	assert_true(query_pte(sim, 0, a).writable);
	assert_sim_clean(sim);
}

static void ksm_refuses_page_with_extra_reference(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = mergeable_pair(sim, 0x54);
	pte_t before = *pte_of(sim, 0, addr + PAGE_SIZE);
	int h = sim_gup(sim, 0, addr + PAGE_SIZE, 0);

	assert_true(h >= 0);
	assert_int_equal(sim_ksm(sim, 0), 0);
	/* write_protect_page restored the PTE as it was. */
	assert_int_equal(pte_val(*pte_of(sim, 0, addr + PAGE_SIZE)),
			 pte_val(before));
	assert_true(PageAnonExclusive(page_at(sim, 0, addr + PAGE_SIZE)));
	assert_false(query_pte(sim, 0, addr).ksm);
	assert_sim_clean(sim);
	assert_int_equal(sim_unpin(sim, h), 0);
	assert_int_equal(sim_ksm(sim, 0), 2);
	assert_sim_clean(sim);
}

static void ksm_refuses_pinned_page(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = mergeable_pair(sim, 0x55);
	struct page *page = page_at(sim, 0, addr + PAGE_SIZE);
	int h = sim_gup(sim, 0, addr + PAGE_SIZE, SIM_GUP_PIN | SIM_GUP_WRITE);

	assert_true(h >= 0);
	assert_int_equal(sim_ksm(sim, 0), 0);
	assert_ptr_equal(page_at(sim, 0, addr + PAGE_SIZE), page);
	assert_true(PageAnonExclusive(page));
	assert_false(PageKsm(page));
	assert_true(pte_write(*pte_of(sim, 0, addr + PAGE_SIZE)));
	assert_sim_clean(sim);
	assert_int_equal(sim_unpin(sim, h), 0);
}

static void ksm_page_write_and_ro_pin_copy(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = mergeable_pair(sim, 0x56);
	unsigned long cow = sim_event_count(sim, SIM_COW_COPY);
	unsigned long unshare = sim_event_count(sim, SIM_UNSHARE_COPY);
	struct page *k;
	int h;

	assert_int_equal(sim_ksm(sim, 0), 2);
	k = page_at(sim, 0, addr);
	h = sim_gup(sim, 0, addr, SIM_GUP_PIN | SIM_GUP_LONGTERM);
	assert_true(h >= 0);
	assert_int_equal(sim_event_count(sim, SIM_UNSHARE_COPY), unshare + 1);
	assert_ptr_not_equal(page_at(sim, 0, addr), k);
	assert_true(query_pte(sim, 0, addr).exclusive);
	assert_false(query_pte(sim, 0, addr).writable);
	/* The last mapping of a KSM page still copies on write. */
	assert_int_equal(page_mapcount(k), 1);
	store(sim, 0, addr + PAGE_SIZE, 0x57);
	assert_int_equal(sim_event_count(sim, SIM_COW_COPY), cow + 1);
	assert_true(PageBuddy(k));
	assert_true(query_pte(sim, 0, addr + PAGE_SIZE).exclusive);
	assert_sim_clean(sim);
	assert_int_equal(sim_unpin(sim, h), 0);
}

static void ksm_unmergeable_breaks_and_clears_flag(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = mergeable_pair(sim, 0x58);
	struct page *k;

	assert_int_equal(sim_ksm(sim, 0), 2);
	k = page_at(sim, 0, addr);
	assert_int_equal(sim_madvise(sim, 0, addr, 2, MADV_UNMERGEABLE), 0);
	assert_false(vma_lookup(sim->mms[0], addr)->vm_flags & VM_MERGEABLE);
	assert_true(PageBuddy(k));
	assert_false(query_pte(sim, 0, addr).ksm);
	assert_false(query_pte(sim, 0, addr + PAGE_SIZE).ksm);
	assert_true(query_pte(sim, 0, addr).exclusive);
	assert_false(query_pte(sim, 0, addr).writable);
	assert_int_equal(load_val(sim, 0, addr + PAGE_SIZE), 0x58);
	assert_int_equal(sim_ksm(sim, 0), 0);
	assert_sim_clean(sim);
}

/* The replaced page, mapped nowhere now, drops its swap cache (ksm.replace). */
static void ksm_replaced_page_leaves_swap_cache(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = mergeable_pair(sim, 0x5d), off[2];
	struct swap_info_struct *si = sim->swap_info[0];
	struct page *old[2], *k;
	int i;

	assert_int_equal(sim_swapout(sim, 0, addr, 2), 0);
	for (i = 0; i < 2; i++) {
		off[i] = query_pte(sim, 0, addr + i * PAGE_SIZE).swp_offset;
		assert_int_equal(load_val(sim, 0, addr + i * PAGE_SIZE), 0x5d);
		old[i] = page_at(sim, 0, addr + i * PAGE_SIZE);
		assert_ptr_equal(si->sim_cache[off[i]], old[i]);
	}
	assert_int_equal(sim_ksm(sim, 0), 2);
	k = page_at(sim, 0, addr);
	assert_true(PageKsm(k));
	for (i = 0; i < 2; i++) {
		if (old[i] == k) {
			/* The KSM page keeps its slot in the swap cache. */
			assert_ptr_equal(si->sim_cache[off[i]], k);
			continue;
		}
		assert_true(PageBuddy(old[i]));
		assert_null(si->sim_cache[off[i]]);
		assert_int_equal(si->swap_map[off[i]], 0);
	}
	assert_sim_clean(sim);
}

static void ksm_page_fork_shares(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = mergeable_pair(sim, 0x59);
	struct page *k;
	int child;

	assert_int_equal(sim_ksm(sim, 0), 2);
	k = page_at(sim, 0, addr);
	child = sim_fork(sim, 0);
	assert_true(child > 0);
	assert_ptr_equal(page_at(sim, child, addr), k);
	assert_int_equal(page_mapcount(k), 4);
	assert_int_equal(page_ref_count(k), 4);
	assert_true(vma_lookup(sim->mms[child], addr)->vm_flags & VM_MERGEABLE);
	assert_int_equal(sim_check_fork(sim, 0, child, NULL, NULL), 0);
	assert_sim_clean(sim);
	assert_int_equal(sim_exit(sim, child), 0);
	assert_int_equal(page_mapcount(k), 2);
	assert_sim_clean(sim);
}

static void ksm_page_swapped_out_without_exclusive_bit(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = mergeable_pair(sim, 0x5a);
	struct page *k;
	struct sim_pte_info in;

	assert_int_equal(sim_ksm(sim, 0), 2);
	k = page_at(sim, 0, addr);
	/* Mapped twice: pageout skips it. */
	assert_int_equal(sim_swapout(sim, 0, addr, 2), 0);
	assert_int_equal(query_pte(sim, 0, addr).kind, SIM_PTE_PRESENT);
	store(sim, 0, addr + PAGE_SIZE, 0x5b);
	assert_int_equal(sim_swapout(sim, 0, addr, 1), 0);
	in = query_pte(sim, 0, addr);
	assert_int_equal(in.kind, SIM_PTE_SWAP);
	assert_false(in.swp_exclusive);
	assert_true(PageKsm(k));
	assert_sim_clean(sim);
	assert_int_equal(load_val(sim, 0, addr), 0x5a);
	assert_ptr_equal(page_at(sim, 0, addr), k);
	assert_true(query_pte(sim, 0, addr).ksm);
	assert_false(query_pte(sim, 0, addr).writable);
	assert_sim_clean(sim);
}

static void ksm_page_migrates_as_ksm(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = mergeable_pair(sim, 0x5c);
	struct page *k, *n;

	assert_int_equal(sim_ksm(sim, 0), 2);
	k = page_at(sim, 0, addr);
	assert_int_equal(sim_migrate(sim, 0, addr), 0);
	n = page_at(sim, 0, addr);
	assert_ptr_not_equal(n, k);
	assert_ptr_equal(page_at(sim, 0, addr + PAGE_SIZE), n);
	assert_true(PageKsm(n));
	assert_false(PageAnonExclusive(n));
	assert_false(pte_write(*pte_of(sim, 0, addr)));
	assert_int_equal(page_mapcount(n), 2);
	assert_true(PageBuddy(k));
	assert_sim_clean(sim);
}

/*
 * A KSM page with more PTEs than struct page's tally counts (a u16,
 * linux/mm_types.h): the tally saturates and both checks still count
 * right, the incremental one by escalating to the full one.
 */
static void ksm_page_with_more_ptes_than_the_tally_counts(void **state)
{
	struct sim *sim = *state;
	unsigned long n = 65536 + 2, i, addr = map_rw(sim, 0, n);
	struct violations vs;
	struct page *k;

	for (i = 0; i < n; i++)
		store(sim, 0, addr + i * PAGE_SIZE, 0x77);
	/* One KSM page for all: max_page_sharing above n. */
	assert_int_equal(sim_ksm_max_page_sharing(sim, (unsigned int)n + 1), 0);
	assert_int_equal(sim_madvise(sim, 0, addr, n, MADV_MERGEABLE), 0);
	/* The full check: the touch hooks keep the tallies from here. */
	assert_sim_clean(sim);
	assert_int_equal(sim_ksm(sim, 0), (long)n);
	k = page_at(sim, 0, addr);
	assert_int_equal(page_mapcount(k), (int)n);
	assert_int_equal(check_collect_changed(sim, &vs), 0);
	assert_sim_clean(sim);
	assert_int_equal(k->sim_use.ptes, SIM_USE_SATURATED(k->sim_use.ptes));
	/* A PTE less: the hook cannot count down from the maximum. */
	assert_int_equal(sim_munmap(sim, 0, addr, 1), 0);
	assert_int_equal(page_mapcount(k), (int)n - 1);
	assert_int_equal(k->sim_use.ptes, SIM_USE_SATURATED(k->sim_use.ptes));
	assert_int_equal(check_collect_changed(sim, &vs), 0);
	/* A wrong mapcount is still seen, past the tally's range. */
	k->_mapcount++;
	sim_touch_page(k);
	assert_int_not_equal(check_collect_changed(sim, &vs), 0);
	k->_mapcount--;
	sim_touch_page(k);
	assert_int_equal(check_collect_changed(sim, &vs), 0);
	assert_sim_clean(sim);
}

/*
 * max_page_sharing 2: four identical pages make two KSM pages of two
 * mappings each; the knob can change only once no stable node lists an
 * rmap_item, which for a KSM page unmapped whole is after the next scan.
 */
static void ksm_max_page_sharing_makes_dups(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 4), i;

	assert_int_equal(sim_ksm_max_page_sharing(sim, 1), -EINVAL);
	assert_int_equal(sim_ksm_max_page_sharing(sim, 2), 0);
	for (i = 0; i < 4; i++)
		store(sim, 0, addr + i * PAGE_SIZE, 0x5d);
	assert_int_equal(sim_madvise(sim, 0, addr, 4, MADV_MERGEABLE), 0);
	assert_int_equal(sim_ksm(sim, 0), 4);
	assert_ptr_equal(page_at(sim, 0, addr + PAGE_SIZE),
			 page_at(sim, 0, addr));
	assert_ptr_equal(page_at(sim, 0, addr + 3 * PAGE_SIZE),
			 page_at(sim, 0, addr + 2 * PAGE_SIZE));
	assert_ptr_not_equal(page_at(sim, 0, addr + 2 * PAGE_SIZE),
			     page_at(sim, 0, addr));
	assert_int_equal(sim->ksm_nr_dups, 2);
	assert_int_equal(sim_ksm_max_page_sharing(sim, 2), 0);
	assert_int_equal(sim_ksm_max_page_sharing(sim, 3), -EBUSY);
	assert_int_equal(sim_munmap(sim, 0, addr, 4), 0);
	/* The rmap_items stay on the freed pages' nodes until a scan. */
	assert_int_equal(sim_ksm_max_page_sharing(sim, 3), -EBUSY);
	assert_int_equal(sim_ksm(sim, 1), 0);
	assert_int_equal(sim_ksm_max_page_sharing(sim, 3), 0);
	assert_int_equal(sim->ksm_nr_dups, 0);
	assert_sim_clean(sim);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		test_with_sim(writable_pte_gives_writable_entry),
		test_with_sim(
			readonly_exclusive_pte_gives_readable_exclusive_entry),
		test_with_sim(shared_page_gives_readable_entries),
		test_with_sim(fork_over_writable_entry_makes_both_readable),
		test_with_sim(
			fork_over_readable_exclusive_entry_makes_both_readable),
		test_with_sim(fork_over_entry_keeps_soft_dirty),
		test_with_sim(
			mprotect_over_writable_entry_makes_it_readable_exclusive),
		test_with_sim(mprotect_ro_over_writable_entry),
		test_with_sim(readable_entry_stays_readable),
		test_with_sim(migrate_moves_contents_mapping_and_exclusivity),
		test_with_sim(migrate_pinned_page_is_ebusy_and_unchanged),
		test_with_sim(migrate_foll_get_page_is_eagain_and_mapped_back),
		test_with_sim(migrate_takes_the_swap_cache_along),
		test_with_sim(migrate_nothing_there),
		test_with_sim(ksm_merges_identical_pages),
		test_with_sim(ksm_leaves_different_and_unmergeable_pages),
		test_with_sim(ksm_refuses_page_with_extra_reference),
		test_with_sim(ksm_refuses_pinned_page),
		test_with_sim(ksm_page_write_and_ro_pin_copy),
		test_with_sim(ksm_unmergeable_breaks_and_clears_flag),
		test_with_sim(ksm_replaced_page_leaves_swap_cache),
		test_with_sim(ksm_page_fork_shares),
		test_with_sim(ksm_page_swapped_out_without_exclusive_bit),
		test_with_sim(ksm_page_migrates_as_ksm),
		test_with_sim(ksm_page_with_more_ptes_than_the_tally_counts),
		test_with_sim(ksm_max_page_sharing_makes_dups),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
