// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests the invariant checker of harness/check.c: for every invariant it
 * names (I1, I2, I4, I5, I6, I9, I10, mapcount, pt_mm, freed, leak, rss,
 * PGFLAGS, VM_WARN), a small state built through the public API checks
 * clean, is then broken on purpose by poking the model's internals, and
 * must be reported under exactly that name by both sim_check() and
 * sim_check_changed(); each poke is recorded as the model's write paths
 * record theirs (set_pte_at, sim_touch_page, ...).  The breakage is undone
 * and the state checks clean again.  A full lifecycle must end with nothing
 * allocated but the zero page.
 */
#include "tests/unit/model-helpers.h"

#include "linux/rmap.h"
#include "linux/sim_machine.h"

/* The page-table page holding the PTE of @addr. */
static struct page *pte_table_of(struct sim *sim, int mm, unsigned long addr)
{
	static const int shift[] = { PGDIR_SHIFT, PUD_SHIFT, PMD_SHIFT };
	struct page *table = sim->mms[mm]->pgd;
	int level;

	for (level = 0; level < 3; level++) {
		u64 e = table->pt_table[(addr >> shift[level]) &
					(PTRS_PER_PTE - 1)];

		assert_false(pxd_none(e));
		table = pfn_to_page(sim, pxd_pfn(e));
	}
	return table;
}

/* One private page, written by process @mm: exclusive and writable. */
static unsigned long written_page(struct sim *sim, int mm, uint64_t val)
{
	unsigned long addr = map_rw(sim, mm, 1);

	assert_int_equal(sim_store(sim, mm, addr, val), 0);
	return addr;
}

/* One private page shared R/O by process 0 and a fork child (returned). */
static int shared_page(struct sim *sim, unsigned long *addr)
{
	int child;

	*addr = written_page(sim, 0, 0x11);
	child = sim_fork(sim, 0);
	assert_true(child > 0);
	assert_int_equal(page_mapcount(page_at(sim, 0, *addr)), 2);
	return child;
}

static void i1_writable_pte_on_shared_page(void **state)
{
	struct sim *sim = *state;
	unsigned long addr;
	pte_t *ptep, old;

	shared_page(sim, &addr);
	assert_sim_clean(sim);
	ptep = pte_of(sim, 0, addr);
	old = *ptep;
	assert_false(pte_write(old));
	set_pte_at(sim->mms[0], addr, ptep, pte_mkwrite_novma(old));
	assert_only_violation(sim, SIM_V_I1);
	set_pte_at(sim->mms[0], addr, ptep, old);
	assert_sim_clean(sim);
}

static void i1_zero_page_mapped_writable(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);
	pte_t *ptep, old;

	load_val(sim, 0, addr);
	assert_sim_clean(sim);
	ptep = pte_of(sim, 0, addr);
	old = *ptep;
	assert_true(pte_special(old));
	set_pte_at(sim->mms[0], addr, ptep, pte_mkwrite_novma(old));
	assert_only_violation(sim, SIM_V_I1);
	set_pte_at(sim->mms[0], addr, ptep, old);
	assert_sim_clean(sim);
}

static void i1_writable_pte_on_ksm_page(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0, 0x22);
	struct page *page = page_at(sim, 0, addr);

	assert_sim_clean(sim);
	page->mapping |= PAGE_MAPPING_MOVABLE;
	sim_touch_page(page);
	assert_true(PageKsm(page));
	assert_only_violation(sim, SIM_V_I1);
	page->mapping &= ~PAGE_MAPPING_MOVABLE;
	sim_touch_page(page);
	assert_sim_clean(sim);
}

static void i2_exclusive_page_mapped_twice(void **state)
{
	struct sim *sim = *state;
	unsigned long addr;
	struct page *page;

	shared_page(sim, &addr);
	assert_sim_clean(sim);
	page = page_at(sim, 0, addr);
	SetPageAnonExclusive(page);
	assert_null(page_sim_bug(page));
	assert_only_violation(sim, SIM_V_I2);
	ClearPageAnonExclusive(page);
	assert_sim_clean(sim);
}

/* A pagecache page outlives its shmem object through a pin. */
static void i2_exclusive_bit_on_page_without_mapping(void **state)
{
	struct sim *sim = *state;
	unsigned long addr;
	struct sim_pte_info info;
	struct page *page;
	int h;

	assert_int_equal(
		sim_mmap(sim, 0, 1, PROT_READ | PROT_WRITE, true, &addr), 0);
	assert_int_equal(sim_store(sim, 0, addr, 0x33), 0);
	h = sim_gup(sim, 0, addr, SIM_GUP_PIN);
	assert_true(h >= 0);
	assert_int_equal(sim_munmap(sim, 0, addr, 1), 0);
	assert_int_equal(sim_pin_query(sim, h, &info), 0);
	page = pfn_to_page(sim, info.pfn);
	assert_int_equal(page->mapping, 0);
	assert_sim_clean(sim);

	/* Not SetPageAnonExclusive(), whose precondition is PGFLAGS. */
	page->flags |= BIT(PG_anon_exclusive);
	sim_touch_page(page);
	assert_only_violation(sim, SIM_V_I2);
	page->flags &= ~BIT(PG_anon_exclusive);
	sim_touch_page(page);
	assert_sim_clean(sim);
	assert_int_equal(sim_unpin(sim, h), 0);
}

static void i4_pinned_page_not_exclusive(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0, 0x44);
	struct page *page = page_at(sim, 0, addr);
	pte_t *ptep = pte_of(sim, 0, addr);
	int h;

	h = sim_gup(sim, 0, addr, SIM_GUP_PIN);
	assert_true(h >= 0);
	/* R/O PTE, so that only the pin depends on exclusivity. */
	set_pte_at(sim->mms[0], addr, ptep, pte_wrprotect(*ptep));
	assert_sim_clean(sim);
	ClearPageAnonExclusive(page);
	assert_only_violation(sim, SIM_V_I4);
	SetPageAnonExclusive(page);
	assert_sim_clean(sim);
	assert_int_equal(sim_unpin(sim, h), 0);
}

static void i5_refcount_below_mapcount(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0, 0x55);
	struct page *page = page_at(sim, 0, addr);

	assert_sim_clean(sim);
	page->_refcount--;
	sim_touch_page(page);
	assert_only_violation(sim, SIM_V_I5);
	page->_refcount++;
	sim_touch_page(page);
	assert_sim_clean(sim);
}

static void i5_refcount_below_pin_bias(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0, 0x56);
	struct page *page = page_at(sim, 0, addr);
	int h = sim_gup(sim, 0, addr, SIM_GUP_PIN | SIM_GUP_WRITE);

	assert_true(h >= 0);
	assert_int_equal(page->_refcount, 1 + GUP_PIN_COUNTING_BIAS);
	assert_sim_clean(sim);
	page->_refcount -= 1;
	sim_touch_page(page);
	assert_only_violation(sim, SIM_V_I5);
	page->_refcount += 1;
	sim_touch_page(page);
	assert_sim_clean(sim);
	assert_int_equal(sim_unpin(sim, h), 0);
}

static void i5_refcount_below_foll_get(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0, 0x57);
	struct page *page = page_at(sim, 0, addr);
	int h = sim_gup(sim, 0, addr, 0);

	assert_true(h >= 0);
	assert_int_equal(page->_refcount, 2);
	assert_sim_clean(sim);
	page->_refcount -= 1;
	sim_touch_page(page);
	assert_only_violation(sim, SIM_V_I5);
	page->_refcount += 1;
	sim_touch_page(page);
	assert_sim_clean(sim);
	assert_int_equal(sim_unpin(sim, h), 0);
}

/*
 * PM_MMAP_EXCLUSIVE is computed from the mapcount, so I9 can only break
 * together with "mapcount": both names, and no other, are expected.
 */
static void i9_pagemap_exclusive_with_two_ptes(void **state)
{
	struct sim *sim = *state;
	unsigned long addr;
	struct page *page;
	struct violations vs[NR_CHECK_MODES];
	int mode;

	shared_page(sim, &addr);
	page = page_at(sim, 0, addr);
	assert_sim_clean(sim);
	page->_mapcount--;
	page->_refcount--;
	sim_touch_page(page);
	check_collect_both(sim, vs);
	for (mode = 0; mode < NR_CHECK_MODES; mode++) {
		if (vs[mode].n != 2)
			violations_print(&vs[mode]);
		assert_int_equal(vs[mode].n, 2);
		assert_int_equal(violations_count(&vs[mode], SIM_V_I9), 1);
		assert_int_equal(violations_count(&vs[mode], SIM_V_MAPCOUNT),
				 1);
	}
	page->_mapcount++;
	page->_refcount++;
	sim_touch_page(page);
	assert_sim_clean(sim);
}

static void i10_writable_pte_without_vm_write(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0, 0x66);
	struct vm_area_struct *vma = vma_lookup(sim->mms[0], addr);

	assert_non_null(vma);
	assert_true(pte_write(*pte_of(sim, 0, addr)));
	assert_sim_clean(sim);
	vma->vm_flags &= ~VM_WRITE;
	sim_touch_vmas(vma->vm_mm, vma->vm_start, vma->vm_end);
	assert_only_violation(sim, SIM_V_I10);
	vma->vm_flags |= VM_WRITE;
	sim_touch_vmas(vma->vm_mm, vma->vm_start, vma->vm_end);
	assert_sim_clean(sim);
}

static void mapcount_above_mapping_ptes(void **state)
{
	struct sim *sim = *state;
	unsigned long addr;
	struct page *page;

	shared_page(sim, &addr);
	page = page_at(sim, 0, addr);
	assert_sim_clean(sim);
	/* Keep refcount >= mapcount and PM_MMAP_EXCLUSIVE unchanged. */
	page->_mapcount++;
	page->_refcount++;
	sim_touch_page(page);
	assert_only_violation(sim, SIM_V_MAPCOUNT);
	page->_mapcount--;
	page->_refcount--;
	sim_touch_page(page);
	assert_sim_clean(sim);
}

static void pt_mm_of_pte_table_is_another_mm(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0, 0x77);
	int other = sim_process_create(sim);
	struct page *table = pte_table_of(sim, 0, addr);

	assert_true(other > 0);
	assert_true(PageTable(table));
	assert_ptr_equal(table->pt_mm, sim->mms[0]);
	assert_sim_clean(sim);
	table->pt_mm = sim->mms[other];
	sim_touch_table(sim, table);
	assert_only_violation(sim, SIM_V_PT_MM);
	table->pt_mm = sim->mms[0];
	sim_touch_table(sim, table);
	assert_sim_clean(sim);
}

/*
 * A table marks the groups of entries that may be set (pt_table_groups()),
 * and the serialization reads only those: an unmarked entry is reported.
 */
static void table_entry_outside_marked_groups(void **state)
{
	struct sim *sim = *state;
	struct page *pgd = sim->mms[0]->pgd;
	u64 groups;

	written_page(sim, 0, 0x79);
	assert_sim_clean(sim);
	groups = *pt_table_groups(pgd->pt_table);
	*pt_table_groups(pgd->pt_table) = 0;
	sim_touch_table(sim, pgd);
	assert_only_violation(sim, SIM_V_PT_MM);
	*pt_table_groups(pgd->pt_table) = groups;
	sim_touch_table(sim, pgd);
	assert_sim_clean(sim);
}

static void pt_mm_of_pgd_is_null(void **state)
{
	struct sim *sim = *state;
	struct page *pgd = sim->mms[0]->pgd;

	assert_sim_clean(sim);
	pgd->pt_mm = NULL;
	sim_touch_table(sim, pgd);
	assert_only_violation(sim, SIM_V_PT_MM);
	pgd->pt_mm = sim->mms[0];
	sim_touch_table(sim, pgd);
	assert_sim_clean(sim);
}

static void pt_mm_unreachable_table_is_leaked(void **state)
{
	struct sim *sim = *state;
	struct page *table;

	written_page(sim, 0, 0x78);
	assert_sim_clean(sim);
	table = pagetable_alloc(sim->mms[0]);
	assert_only_violation(sim, SIM_V_PT_MM);
	pagetable_free(table);
	assert_sim_clean(sim);
}

static void freed_page_mapped_by_pte(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1), pfn;
	struct folio *folio;
	pte_t *ptep, old;

	/* Fault the zero page in first: that allocates the page tables. */
	assert_int_equal(load_val(sim, 0, addr), 0);
	folio = folio_alloc(sim);
	pfn = page_to_pfn(&folio->page);
	folio_put(folio);
	assert_true(PageBuddy(&folio->page));
	assert_sim_clean(sim);
	ptep = pte_of(sim, 0, addr);
	old = *ptep;
	set_pte_at(sim->mms[0], addr, ptep, pfn_pte(pfn, PAGE_COPY));
	assert_only_violation(sim, SIM_V_FREED);
	set_pte_at(sim->mms[0], addr, ptep, old);
	assert_sim_clean(sim);
}

static void freed_page_with_references(void **state)
{
	struct sim *sim = *state;
	struct folio *folio = folio_alloc(sim);

	folio_put(folio);
	assert_sim_clean(sim);
	folio->_refcount = 1;
	sim_touch_page(&folio->page);
	assert_only_violation(sim, SIM_V_FREED);
	folio->_refcount = 0;
	sim_touch_page(&folio->page);
	assert_sim_clean(sim);
}

static void leak_extra_reference(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0, 0x99);
	struct page *page = page_at(sim, 0, addr);

	assert_sim_clean(sim);
	page->_refcount++;
	sim_touch_page(page);
	assert_only_violation(sim, SIM_V_LEAK);
	page->_refcount--;
	sim_touch_page(page);
	assert_sim_clean(sim);
}

static void leak_page_held_by_nothing(void **state)
{
	struct sim *sim = *state;
	struct folio *folio;

	/* Checked once first, so that the incremental check has a base. */
	assert_sim_clean(sim);
	folio = folio_alloc(sim);
	assert_only_violation(sim, SIM_V_LEAK);
	folio_put(folio);
	assert_sim_clean(sim);
}

static void rss_anon_counter_off_by_one(void **state)
{
	struct sim *sim = *state;
	struct mm_struct *mm = sim->mms[0];

	written_page(sim, 0, 0xaa);
	assert_int_equal(mm->rss_stat[MM_ANONPAGES], 1);
	assert_sim_clean(sim);
	inc_mm_counter(mm, MM_ANONPAGES);
	assert_only_violation(sim, SIM_V_RSS);
	add_mm_counter(mm, MM_ANONPAGES, -2);
	assert_only_violation(sim, SIM_V_RSS);
	inc_mm_counter(mm, MM_ANONPAGES);
	assert_sim_clean(sim);
}

static void rss_shmem_counter_off_by_one(void **state)
{
	struct sim *sim = *state;
	struct mm_struct *mm = sim->mms[0];
	unsigned long addr;

	assert_int_equal(
		sim_mmap(sim, 0, 1, PROT_READ | PROT_WRITE, true, &addr), 0);
	assert_int_equal(sim_store(sim, 0, addr, 0xab), 0);
	assert_int_equal(mm->rss_stat[MM_SHMEMPAGES], 1);
	assert_int_equal(mm->rss_stat[MM_ANONPAGES], 0);
	assert_sim_clean(sim);
	dec_mm_counter(mm, MM_SHMEMPAGES);
	assert_only_violation(sim, SIM_V_RSS);
	inc_mm_counter(mm, MM_SHMEMPAGES);
	assert_sim_clean(sim);
}

static void pgflags_on_page_table_page(void **state)
{
	struct sim *sim = *state;
	struct page *pgd = sim->mms[0]->pgd;

	assert_sim_clean(sim);
	SetPageAnonExclusive(pgd);
	assert_non_null(page_sim_bug(pgd));
	pgd->flags &= ~BIT(PG_anon_exclusive);
	sim_touch_page(pgd);
	assert_only_violation(sim, SIM_V_PGFLAGS);
	/* Reported once: the checker forgets it after reporting. */
	assert_sim_clean(sim);
}

/*
 * The zero page is not anon either; a precondition violated on it must be
 * reported like on any other page, not kept (page_sim_bug()) forever.
 */
static void pgflags_on_zero_page(void **state)
{
	struct sim *sim = *state;
	struct page *zero = sim_zero_page(sim);

	assert_sim_clean(sim);
	assert_false(PageAnonExclusive(zero));
	assert_non_null(page_sim_bug(zero));
	assert_only_violation(sim, SIM_V_PGFLAGS);
	assert_null(page_sim_bug(zero));
}

static void vm_warn_from_sim_warn(void **state)
{
	struct sim *sim = *state;
	struct violations vs[NR_CHECK_MODES];
	int mode;

	assert_sim_clean(sim);
	sim_warn(sim, "where", "what");
	check_collect_both(sim, vs);
	for (mode = 0; mode < NR_CHECK_MODES; mode++) {
		assert_int_equal(vs[mode].n, 1);
		assert_int_equal(vs[mode].ids[0], SIM_V_VM_WARN);
		assert_string_equal(vs[mode].msg[0], "where: what");
	}
	assert_sim_clean(sim);
}

static void vm_warn_on_names_the_function(void **state)
{
	struct sim *sim = *state;
	struct violations vs[NR_CHECK_MODES];
	int mode;

	VM_WARN_ON(sim, sim->nr_pfns == 0);
	assert_sim_clean(sim);
	VM_WARN_ON(sim, sim->nr_pfns != 0);
	check_collect_both(sim, vs);
	for (mode = 0; mode < NR_CHECK_MODES; mode++) {
		assert_int_equal(vs[mode].n, 1);
		assert_int_equal(vs[mode].ids[0], SIM_V_VM_WARN);
		assert_string_equal(vs[mode].msg[0],
				    "vm_warn_on_names_the_function: "
				    "sim->nr_pfns != 0");
	}
}

static void vm_warn_keeps_at_most_8_warnings(void **state)
{
	struct sim *sim = *state;
	struct violations vs[NR_CHECK_MODES];
	int i;

	assert_sim_clean(sim);
	for (i = 0; i < 10; i++)
		sim_warn(sim, "loop", "again");
	check_collect_both(sim, vs);
	assert_int_equal(vs[CHECK_CHANGED].n, 8);
	assert_int_equal(vs[CHECK_FULL].n, 8);
	assert_sim_clean(sim);
}

static void vm_warn_pte_outside_any_vma(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0, 0xbb);
	pte_t *ptep = pte_of(sim, 0, addr + PAGE_SIZE);

	assert_null(vma_lookup(sim->mms[0], addr + PAGE_SIZE));
	assert_sim_clean(sim);
	set_pte_at(sim->mms[0], addr + PAGE_SIZE, ptep,
		   pte_mkspecial(pfn_pte(SIM_ZERO_PFN, PAGE_COPY)));
	assert_only_violation(sim, SIM_V_VM_WARN);
	set_pte_at(sim->mms[0], addr + PAGE_SIZE, ptep, __pte(0));
	assert_sim_clean(sim);
}

static void i6_fork_left_shared_page_exclusive(void **state)
{
	struct sim *sim = *state;
	unsigned long addr;
	struct violations vs;
	struct page *page;
	int child;

	child = shared_page(sim, &addr);
	memset(&vs, 0, sizeof(vs));
	assert_int_equal(sim_check_fork(sim, 0, child, collect_violation, &vs),
			 0);
	page = page_at(sim, 0, addr);
	/* Both at once would also be I2 for sim_check(); fork sees I6. */
	SetPageAnonExclusive(page);
	assert_int_equal(sim_check_fork(sim, 0, child, collect_violation, &vs),
			 1);
	assert_int_equal(vs.ids[0], SIM_V_I6);
	ClearPageAnonExclusive(page);
	assert_sim_clean(sim);
}

static void i6_fork_left_shared_page_writable(void **state)
{
	struct sim *sim = *state;
	unsigned long addr;
	struct violations vs;
	pte_t *ptep;
	int child;

	child = shared_page(sim, &addr);
	ptep = pte_of(sim, child, addr);
	*ptep = pte_mkwrite_novma(*ptep);
	memset(&vs, 0, sizeof(vs));
	assert_int_equal(sim_check_fork(sim, 0, child, collect_violation, &vs),
			 1);
	assert_int_equal(vs.ids[0], SIM_V_I6);
	*ptep = pte_wrprotect(*ptep);
	assert_int_equal(sim_check_fork(sim, 0, child, NULL, NULL), 0);
}

static void step_clean(struct sim *sim, int ret)
{
	assert_int_equal(ret, 0);
	assert_sim_clean(sim);
}

static void lifecycle_ends_with_only_the_zero_page(void **state)
{
	struct sim *sim = *state;
	unsigned long a, s, i;
	int c1, c2, ro, rw, get, fast, sh;

	a = map_rw(sim, 0, 4);
	step_clean(sim, sim_mmap(sim, 0, 2, PROT_READ | PROT_WRITE, true, &s));
	for (i = 0; i < 4; i++)
		step_clean(sim, sim_store(sim, 0, a + i * PAGE_SIZE, 100 + i));
	step_clean(sim, sim_store(sim, 0, s, 7));
	c1 = sim_fork(sim, 0);
	assert_true(c1 > 0);
	assert_int_equal(sim_check_fork(sim, 0, c1, NULL, NULL), 0);
	assert_sim_clean(sim);

	ro = sim_gup(sim, c1, a, SIM_GUP_PIN | SIM_GUP_LONGTERM);
	assert_true(ro >= 0);
	assert_sim_clean(sim);
	rw = sim_gup(sim, 0, a + PAGE_SIZE, SIM_GUP_PIN | SIM_GUP_WRITE);
	assert_true(rw >= 0);
	assert_sim_clean(sim);
	get = sim_gup(sim, 0, a + 2 * PAGE_SIZE, 0);
	assert_true(get >= 0);
	step_clean(sim, sim_store(sim, c1, a + 3 * PAGE_SIZE, 300));
	fast = sim_gup(sim, 0, a + 3 * PAGE_SIZE, SIM_GUP_PIN | SIM_GUP_FAST);
	assert_true(fast >= 0);
	sh = sim_gup(sim, c1, s, SIM_GUP_PIN | SIM_GUP_WRITE);
	assert_true(sh >= 0);
	assert_sim_clean(sim);

	c2 = sim_fork(sim, 0);
	assert_true(c2 > 0);
	assert_int_equal(sim_check_fork(sim, 0, c2, NULL, NULL), 0);
	assert_sim_clean(sim);
	step_clean(sim, sim_mprotect(sim, 0, a, 4, PROT_READ));
	step_clean(sim, sim_mprotect(sim, 0, a, 4, PROT_READ | PROT_WRITE));
	step_clean(sim, sim_madvise(sim, 0, a + PAGE_SIZE, 1, MADV_DONTNEED));
	step_clean(sim, sim_store(sim, c2, a + PAGE_SIZE, 400));
	assert_int_equal(load_val(sim, c2, s), 7);

	step_clean(sim, sim_unpin(sim, get));
	step_clean(sim, sim_exit(sim, c1));
	step_clean(sim, sim_unpin(sim, ro));
	step_clean(sim, sim_exit(sim, 0));
	step_clean(sim, sim_exit(sim, c2));
	/* Pins outlive every process. */
	assert_true(sim->nr_allocated > 1);
	step_clean(sim, sim_unpin(sim, rw));
	step_clean(sim, sim_unpin(sim, fast));
	step_clean(sim, sim_unpin(sim, sh));
	assert_int_equal(sim->nr_allocated, 1);
	assert_true(PageReserved(sim_zero_page(sim)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		test_with_sim(i1_writable_pte_on_shared_page),
		test_with_sim(i1_zero_page_mapped_writable),
		test_with_sim(i1_writable_pte_on_ksm_page),
		test_with_sim(i2_exclusive_page_mapped_twice),
		test_with_sim(i2_exclusive_bit_on_page_without_mapping),
		test_with_sim(i4_pinned_page_not_exclusive),
		test_with_sim(i5_refcount_below_mapcount),
		test_with_sim(i5_refcount_below_pin_bias),
		test_with_sim(i5_refcount_below_foll_get),
		test_with_sim(i9_pagemap_exclusive_with_two_ptes),
		test_with_sim(i10_writable_pte_without_vm_write),
		test_with_sim(mapcount_above_mapping_ptes),
		test_with_sim(pt_mm_of_pte_table_is_another_mm),
		test_with_sim(pt_mm_of_pgd_is_null),
		test_with_sim(table_entry_outside_marked_groups),
		test_with_sim(pt_mm_unreachable_table_is_leaked),
		test_with_sim(freed_page_mapped_by_pte),
		test_with_sim(freed_page_with_references),
		test_with_sim(leak_extra_reference),
		test_with_sim(leak_page_held_by_nothing),
		test_with_sim(rss_anon_counter_off_by_one),
		test_with_sim(rss_shmem_counter_off_by_one),
		test_with_sim(pgflags_on_page_table_page),
		test_with_sim(pgflags_on_zero_page),
		test_with_sim(vm_warn_from_sim_warn),
		test_with_sim(vm_warn_on_names_the_function),
		test_with_sim(vm_warn_keeps_at_most_8_warnings),
		test_with_sim(vm_warn_pte_outside_any_vma),
		test_with_sim(i6_fork_left_shared_page_exclusive),
		test_with_sim(i6_fork_left_shared_page_writable),
		test_with_sim(lifecycle_ends_with_only_the_zero_page),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
