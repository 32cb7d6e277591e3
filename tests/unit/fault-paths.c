// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests the paths of the anonymous fault handler, GUP and fork through the
 * public API (docs/kernel-rules.md: Faults, fork.present, GUP): one test
 * per path, each checking the PTE, the page's exclusivity, mapcount and
 * refcount, the event counters of the path taken, and that the invariant
 * checker finds the resulting state clean.
 */
#include <signal.h>

#include "tests/unit/model-helpers.h"

#include "linux/mm.h"
#include "linux/sim_machine.h"

static unsigned long ev(struct sim *sim, enum sim_event e)
{
	return sim_event_count(sim, e);
}

static void store(struct sim *sim, int mm, unsigned long addr, uint64_t val)
{
	assert_int_equal(sim_store(sim, mm, addr, val), 0);
}

/* A private R/W page written by process 0 and shared with a fork child. */
static int shared_after_fork(struct sim *sim, unsigned long *addr, uint64_t val)
{
	int child;

	*addr = map_rw(sim, 0, 1);
	store(sim, 0, *addr, val);
	child = sim_fork(sim, 0);
	assert_true(child > 0);
	return child;
}

static void read_fault_maps_zero_page(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);
	struct sim_pte_info info;

	assert_int_equal(query_pte(sim, 0, addr).kind, SIM_PTE_NONE);
	assert_int_equal(load_val(sim, 0, addr), 0);
	info = query_pte(sim, 0, addr);
	assert_int_equal(info.kind, SIM_PTE_ZEROPAGE);
	assert_int_equal(info.pfn, SIM_ZERO_PFN);
	assert_false(info.writable);
	assert_int_equal(ev(sim, SIM_ZERO_MAP), 1);
	assert_int_equal(sim->mms[0]->rss_stat[MM_ANONPAGES], 0);
	assert_sim_clean(sim);
}

static void write_fault_allocates_exclusive_page(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);
	struct sim_pte_info info;

	store(sim, 0, addr, 0x1234);
	info = query_pte(sim, 0, addr);
	assert_int_equal(info.kind, SIM_PTE_PRESENT);
	assert_true(info.anon);
	assert_true(info.writable);
	assert_true(info.exclusive);
	assert_int_equal(info.mapcount, 1);
	assert_int_equal(info.refcount, 1);
	assert_int_equal(load_val(sim, 0, addr), 0x1234);
	assert_int_equal(sim->mms[0]->rss_stat[MM_ANONPAGES], 1);
	assert_int_equal(ev(sim, SIM_COW_COPY), 0);
	assert_sim_clean(sim);
}

static void fork_write_protects_and_shares(void **state)
{
	struct sim *sim = *state;
	unsigned long addr;
	struct sim_pte_info p, c;
	int child = shared_after_fork(sim, &addr, 1);

	p = query_pte(sim, 0, addr);
	c = query_pte(sim, child, addr);
	assert_int_equal(p.pfn, c.pfn);
	assert_false(p.writable);
	assert_false(c.writable);
	assert_false(p.exclusive);
	assert_int_equal(p.mapcount, 2);
	assert_int_equal(p.refcount, 2);
	assert_int_equal(sim_check_fork(sim, 0, child, NULL, NULL), 0);
	assert_sim_clean(sim);
}

static void write_after_fork_by_parent_copies(void **state)
{
	struct sim *sim = *state;
	unsigned long addr;
	struct sim_pte_info before, p, c;
	int child = shared_after_fork(sim, &addr, 1);

	before = query_pte(sim, 0, addr);
	store(sim, 0, addr, 2);
	p = query_pte(sim, 0, addr);
	c = query_pte(sim, child, addr);
	assert_int_not_equal(p.pfn, before.pfn);
	assert_true(p.writable);
	assert_true(p.exclusive);
	assert_int_equal(p.mapcount, 1);
	assert_int_equal(p.refcount, 1);
	/* The child keeps the old page, now mapped once, still R/O. */
	assert_int_equal(c.pfn, before.pfn);
	assert_int_equal(c.mapcount, 1);
	assert_int_equal(c.refcount, 1);
	assert_false(c.exclusive);
	assert_false(c.writable);
	assert_int_equal(load_val(sim, child, addr), 1);
	assert_int_equal(load_val(sim, 0, addr), 2);
	assert_int_equal(ev(sim, SIM_COW_COPY), 1);
	assert_sim_clean(sim);
}

static void write_by_last_sharer_reuses(void **state)
{
	struct sim *sim = *state;
	unsigned long addr;
	struct sim_pte_info before, c;
	int child = shared_after_fork(sim, &addr, 1);

	store(sim, 0, addr, 2);
	before = query_pte(sim, child, addr);
	store(sim, child, addr, 3);
	c = query_pte(sim, child, addr);
	assert_int_equal(c.pfn, before.pfn);
	assert_int_equal(c.gen, before.gen);
	assert_true(c.writable);
	assert_true(c.exclusive);
	assert_int_equal(c.refcount, 1);
	assert_int_equal(ev(sim, SIM_COW_COPY), 1);
	assert_int_equal(ev(sim, SIM_PGREUSE), 1);
	assert_int_equal(load_val(sim, 0, addr), 2);
	assert_sim_clean(sim);
}

static void write_after_child_exit_reuses(void **state)
{
	struct sim *sim = *state;
	unsigned long addr;
	struct sim_pte_info before, p;
	int child = shared_after_fork(sim, &addr, 1);

	assert_int_equal(sim_exit(sim, child), 0);
	before = query_pte(sim, 0, addr);
	assert_false(before.exclusive);
	assert_false(before.writable);
	store(sim, 0, addr, 2);
	p = query_pte(sim, 0, addr);
	assert_int_equal(p.pfn, before.pfn);
	assert_true(p.writable);
	assert_true(p.exclusive);
	assert_int_equal(ev(sim, SIM_COW_COPY), 0);
	assert_int_equal(ev(sim, SIM_PGREUSE), 1);
	assert_sim_clean(sim);
}

static void write_with_extra_get_reference_copies(void **state)
{
	struct sim *sim = *state;
	unsigned long addr;
	struct sim_pte_info before, p, held;
	uint64_t val;
	int child = shared_after_fork(sim, &addr, 1);
	int h;

	assert_int_equal(sim_exit(sim, child), 0);
	h = sim_gup(sim, 0, addr, 0);
	assert_true(h >= 0);
	before = query_pte(sim, 0, addr);
	assert_int_equal(before.mapcount, 1);
	assert_int_equal(before.refcount, 2);

	store(sim, 0, addr, 2);
	p = query_pte(sim, 0, addr);
	assert_int_not_equal(p.pfn, before.pfn);
	assert_true(p.exclusive);
	assert_true(p.writable);
	assert_int_equal(ev(sim, SIM_COW_COPY), 1);
	assert_int_equal(ev(sim, SIM_PGREUSE), 0);
	/* The reference still sees the old page and its old contents. */
	assert_int_equal(sim_pin_query(sim, h, &held), 0);
	assert_int_equal(held.pfn, before.pfn);
	assert_int_equal(held.mapcount, 0);
	assert_int_equal(held.refcount, 1);
	assert_int_equal(sim_dma_read(sim, h, &val), 0);
	assert_int_equal(val, 1);
	assert_sim_clean(sim);
	assert_int_equal(sim_unpin(sim, h), 0);
}

static void write_on_zero_page_copies_to_zeroed_page(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);
	struct sim_pte_info info;
	uint64_t val = ~0ULL;
	int h;

	assert_int_equal(load_val(sim, 0, addr), 0);
	assert_int_equal(query_pte(sim, 0, addr).kind, SIM_PTE_ZEROPAGE);
	/* A R/W GUP write-faults without storing anything. */
	h = sim_gup(sim, 0, addr, SIM_GUP_WRITE);
	assert_true(h >= 0);
	info = query_pte(sim, 0, addr);
	assert_int_equal(info.kind, SIM_PTE_PRESENT);
	assert_int_not_equal(info.pfn, SIM_ZERO_PFN);
	assert_true(info.writable);
	assert_true(info.exclusive);
	assert_int_equal(info.mapcount, 1);
	assert_int_equal(info.refcount, 2);
	assert_int_equal(sim_dma_read(sim, h, &val), 0);
	assert_int_equal(val, 0);
	assert_int_equal(ev(sim, SIM_COW_COPY), 1);
	assert_int_equal(sim->mms[0]->rss_stat[MM_ANONPAGES], 1);
	assert_sim_clean(sim);
	assert_int_equal(sim_unpin(sim, h), 0);
}

static void store_on_zero_page_copies(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);
	struct sim_pte_info info;

	assert_int_equal(load_val(sim, 0, addr), 0);
	store(sim, 0, addr, 9);
	info = query_pte(sim, 0, addr);
	assert_int_equal(info.kind, SIM_PTE_PRESENT);
	assert_true(info.exclusive);
	assert_int_equal(load_val(sim, 0, addr), 9);
	assert_int_equal(ev(sim, SIM_COW_COPY), 1);
	assert_sim_clean(sim);
}

static void ro_pin_of_shared_page_unshares_by_copy(void **state)
{
	struct sim *sim = *state;
	unsigned long addr;
	struct sim_pte_info before, p, c, pin;
	int child = shared_after_fork(sim, &addr, 5);
	int h;

	before = query_pte(sim, 0, addr);
	h = sim_gup(sim, 0, addr, SIM_GUP_PIN);
	assert_true(h >= 0);
	p = query_pte(sim, 0, addr);
	c = query_pte(sim, child, addr);
	assert_int_not_equal(p.pfn, before.pfn);
	assert_false(p.writable);
	assert_true(p.exclusive);
	assert_int_equal(p.mapcount, 1);
	assert_int_equal(p.refcount, 1 + GUP_PIN_COUNTING_BIAS);
	assert_int_equal(c.pfn, before.pfn);
	assert_int_equal(sim_pin_query(sim, h, &pin), 0);
	assert_int_equal(pin.pfn, p.pfn);
	assert_int_equal(ev(sim, SIM_UNSHARE_COPY), 1);
	assert_int_equal(ev(sim, SIM_COW_COPY), 0);
	assert_int_equal(load_val(sim, 0, addr), 5);
	assert_true(mm_flags_test(MMF_HAS_PINNED, sim->mms[0]));
	assert_false(mm_flags_test(MMF_HAS_PINNED, sim->mms[child]));
	assert_sim_clean(sim);
	assert_int_equal(sim_unpin(sim, h), 0);
}

static void ro_pin_of_previously_shared_page_reuses(void **state)
{
	struct sim *sim = *state;
	unsigned long addr;
	struct sim_pte_info before, p;
	int child = shared_after_fork(sim, &addr, 5);
	int h;

	assert_int_equal(sim_exit(sim, child), 0);
	before = query_pte(sim, 0, addr);
	assert_false(before.exclusive);
	h = sim_gup(sim, 0, addr, SIM_GUP_PIN);
	assert_true(h >= 0);
	p = query_pte(sim, 0, addr);
	assert_int_equal(p.pfn, before.pfn);
	assert_int_equal(p.gen, before.gen);
	assert_true(p.exclusive);
	assert_false(p.writable);
	assert_int_equal(p.refcount, 1 + GUP_PIN_COUNTING_BIAS);
	assert_int_equal(ev(sim, SIM_UNSHARE_COPY), 0);
	assert_int_equal(ev(sim, SIM_COW_COPY), 0);
	/* Unsharing by reuse is not a write: no PGREUSE. */
	assert_int_equal(ev(sim, SIM_PGREUSE), 0);
	assert_sim_clean(sim);
	assert_int_equal(sim_unpin(sim, h), 0);
}

static void ro_pin_of_exclusive_page_takes_no_fault(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);
	struct sim_pte_info before, p;
	unsigned long faults;
	int h;

	store(sim, 0, addr, 1);
	before = query_pte(sim, 0, addr);
	faults = ev(sim, SIM_PGFAULT);
	h = sim_gup(sim, 0, addr, SIM_GUP_PIN);
	assert_true(h >= 0);
	p = query_pte(sim, 0, addr);
	assert_int_equal(ev(sim, SIM_PGFAULT), faults);
	assert_int_equal(p.pfn, before.pfn);
	assert_true(p.writable);
	assert_int_equal(p.refcount, 1 + GUP_PIN_COUNTING_BIAS);
	assert_sim_clean(sim);
	assert_int_equal(sim_unpin(sim, h), 0);
}

static void rw_pin_of_shared_page_copies_then_pins(void **state)
{
	struct sim *sim = *state;
	unsigned long addr;
	struct sim_pte_info before, p, c;
	uint64_t val;
	int child = shared_after_fork(sim, &addr, 5);
	int h;

	before = query_pte(sim, 0, addr);
	h = sim_gup(sim, 0, addr, SIM_GUP_PIN | SIM_GUP_WRITE);
	assert_true(h >= 0);
	p = query_pte(sim, 0, addr);
	c = query_pte(sim, child, addr);
	assert_int_not_equal(p.pfn, before.pfn);
	assert_true(p.writable);
	assert_true(p.exclusive);
	assert_int_equal(p.refcount, 1 + GUP_PIN_COUNTING_BIAS);
	assert_int_equal(c.pfn, before.pfn);
	assert_int_equal(ev(sim, SIM_COW_COPY), 1);
	assert_int_equal(ev(sim, SIM_UNSHARE_COPY), 0);
	/* The device and the parent see the same page. */
	assert_int_equal(sim_dma_write(sim, h, 6), 0);
	assert_int_equal(load_val(sim, 0, addr), 6);
	assert_int_equal(load_val(sim, child, addr), 5);
	assert_int_equal(sim_dma_read(sim, h, &val), 0);
	assert_int_equal(val, 6);
	assert_sim_clean(sim);
	assert_int_equal(sim_unpin(sim, h), 0);
}

static void foll_get_of_shared_page_does_not_unshare(void **state)
{
	struct sim *sim = *state;
	unsigned long addr;
	struct sim_pte_info before, p;
	int h;

	shared_after_fork(sim, &addr, 5);
	before = query_pte(sim, 0, addr);
	h = sim_gup(sim, 0, addr, 0);
	assert_true(h >= 0);
	p = query_pte(sim, 0, addr);
	assert_int_equal(p.pfn, before.pfn);
	assert_false(p.exclusive);
	assert_int_equal(p.refcount, before.refcount + 1);
	assert_int_equal(ev(sim, SIM_UNSHARE_COPY), 0);
	assert_false(mm_flags_test(MMF_HAS_PINNED, sim->mms[0]));
	assert_sim_clean(sim);
	assert_int_equal(sim_unpin(sim, h), 0);
}

static void fork_copies_maybe_pinned_exclusive_page(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);
	struct sim_pte_info before, p, c;
	int child, h;

	store(sim, 0, addr, 0x77);
	h = sim_gup(sim, 0, addr, SIM_GUP_PIN);
	assert_true(h >= 0);
	before = query_pte(sim, 0, addr);
	child = sim_fork(sim, 0);
	assert_true(child > 0);
	p = query_pte(sim, 0, addr);
	c = query_pte(sim, child, addr);
	assert_int_equal(ev(sim, SIM_FORK_COPY), 1);
	/* The parent keeps its pinned page, writable and exclusive. */
	assert_int_equal(p.pfn, before.pfn);
	assert_true(p.writable);
	assert_true(p.exclusive);
	assert_int_equal(p.mapcount, 1);
	assert_int_equal(p.refcount, 1 + GUP_PIN_COUNTING_BIAS);
	/* The child gets its own exclusive copy. */
	assert_int_not_equal(c.pfn, p.pfn);
	assert_true(c.writable);
	assert_true(c.exclusive);
	assert_int_equal(c.mapcount, 1);
	assert_int_equal(c.refcount, 1);
	assert_int_equal(load_val(sim, child, addr), 0x77);
	assert_true(mm_flags_test(MMF_HAS_PINNED, sim->mms[0]));
	assert_false(mm_flags_test(MMF_HAS_PINNED, sim->mms[child]));
	assert_int_equal(sim_check_fork(sim, 0, child, NULL, NULL), 0);
	assert_sim_clean(sim);
	assert_int_equal(sim_unpin(sim, h), 0);
}

static void fork_shares_page_held_by_foll_get(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);
	struct sim_pte_info p, c;
	int child, h;

	store(sim, 0, addr, 0x78);
	h = sim_gup(sim, 0, addr, 0);
	assert_true(h >= 0);
	child = sim_fork(sim, 0);
	assert_true(child > 0);
	p = query_pte(sim, 0, addr);
	c = query_pte(sim, child, addr);
	assert_int_equal(ev(sim, SIM_FORK_COPY), 0);
	assert_int_equal(p.pfn, c.pfn);
	assert_false(p.writable);
	assert_false(c.writable);
	assert_false(p.exclusive);
	assert_int_equal(p.mapcount, 2);
	assert_int_equal(p.refcount, 3);
	assert_int_equal(sim_check_fork(sim, 0, child, NULL, NULL), 0);
	assert_sim_clean(sim);
	assert_int_equal(sim_unpin(sim, h), 0);
}

/* MMF_HAS_PINNED of the mm, not the page's refcount alone, gates the copy. */
static void fork_shares_unpinned_page_of_pinning_mm(void **state)
{
	struct sim *sim = *state;
	unsigned long a = map_rw(sim, 0, 1), b = map_rw(sim, 0, 1);
	struct sim_pte_info pa, ca, pb, cb;
	int child, h;

	store(sim, 0, a, 1);
	store(sim, 0, b, 2);
	h = sim_gup(sim, 0, a, SIM_GUP_PIN);
	assert_true(h >= 0);
	child = sim_fork(sim, 0);
	assert_true(child > 0);
	pa = query_pte(sim, 0, a);
	ca = query_pte(sim, child, a);
	pb = query_pte(sim, 0, b);
	cb = query_pte(sim, child, b);
	assert_int_equal(ev(sim, SIM_FORK_COPY), 1);
	assert_int_not_equal(pa.pfn, ca.pfn);
	assert_int_equal(pb.pfn, cb.pfn);
	assert_false(pb.writable);
	assert_false(pb.exclusive);
	assert_sim_clean(sim);
	assert_int_equal(sim_unpin(sim, h), 0);
}

static void mprotect_rw_upgrades_only_exclusive_pages(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 2);
	unsigned long excl = addr, shared = addr + PAGE_SIZE;
	struct sim_pte_info e, s;
	int child;

	store(sim, 0, excl, 1);
	store(sim, 0, shared, 2);
	child = sim_fork(sim, 0);
	assert_true(child > 0);
	store(sim, 0, excl, 3); /* COW: exclusive again in the parent */
	assert_int_equal(sim_mprotect(sim, 0, addr, 2, PROT_READ), 0);
	assert_false(query_pte(sim, 0, excl).writable);
	assert_false(query_pte(sim, 0, shared).writable);

	assert_int_equal(sim_mprotect(sim, 0, addr, 2, PROT_READ | PROT_WRITE),
			 0);
	e = query_pte(sim, 0, excl);
	s = query_pte(sim, 0, shared);
	assert_true(e.exclusive);
	assert_true(e.writable);
	assert_false(s.exclusive);
	assert_false(s.writable);
	assert_false(query_pte(sim, child, shared).writable);
	assert_sim_clean(sim);
}

static void mprotect_none_then_rw_keeps_page(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);
	struct sim_pte_info before, none, after;
	uint64_t val;

	store(sim, 0, addr, 0x99);
	before = query_pte(sim, 0, addr);
	assert_int_equal(sim_mprotect(sim, 0, addr, 1, PROT_NONE), 0);
	none = query_pte(sim, 0, addr);
	assert_int_equal(none.kind, SIM_PTE_PRESENT);
	assert_int_equal(none.pfn, before.pfn);
	assert_false(none.writable);
	assert_int_equal(sim_load(sim, 0, addr, &val), SIGSEGV);
	assert_sim_clean(sim);
	assert_int_equal(sim_mprotect(sim, 0, addr, 1, PROT_READ | PROT_WRITE),
			 0);
	after = query_pte(sim, 0, addr);
	assert_int_equal(after.pfn, before.pfn);
	assert_true(after.writable);
	assert_int_equal(load_val(sim, 0, addr), 0x99);
	assert_sim_clean(sim);
}

static void store_to_readonly_vma_is_sigsegv(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_anon(sim, 0, 1, PROT_READ);

	assert_int_equal(sim_store(sim, 0, addr, 1), SIGSEGV);
	assert_int_equal(query_pte(sim, 0, addr).kind, SIM_PTE_NONE);
	assert_int_equal(load_val(sim, 0, addr), 0);
	assert_int_equal(sim_store(sim, 0, addr, 1), SIGSEGV);
	assert_int_equal(query_pte(sim, 0, addr).kind, SIM_PTE_ZEROPAGE);
	assert_sim_clean(sim);
}

static void access_outside_any_vma_is_sigsegv(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);
	uint64_t val;

	assert_int_equal(sim_load(sim, 0, addr + PAGE_SIZE, &val), SIGSEGV);
	assert_int_equal(sim_store(sim, 0, addr - PAGE_SIZE, 1), SIGSEGV);
	assert_int_equal(ev(sim, SIM_PGFAULT), 0);
	assert_sim_clean(sim);
}

static void dontneed_of_pinned_page_keeps_it_alive(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);
	struct sim_pte_info before, pin, after;
	uint64_t val;
	int h;

	store(sim, 0, addr, 42);
	before = query_pte(sim, 0, addr);
	h = sim_gup(sim, 0, addr, SIM_GUP_PIN);
	assert_true(h >= 0);
	assert_int_equal(sim_madvise(sim, 0, addr, 1, MADV_DONTNEED), 0);
	assert_int_equal(query_pte(sim, 0, addr).kind, SIM_PTE_NONE);
	assert_int_equal(sim_dma_read(sim, h, &val), 0);
	assert_int_equal(val, 42);
	assert_int_equal(sim_pin_query(sim, h, &pin), 0);
	assert_int_equal(pin.pfn, before.pfn);
	assert_int_equal(pin.mapcount, 0);
	assert_int_equal(pin.refcount, GUP_PIN_COUNTING_BIAS);
	/* gup.unpin: unmapping does not clear PG_anon_exclusive. */
	assert_true(pin.exclusive);
	assert_sim_clean(sim);

	assert_int_equal(load_val(sim, 0, addr), 0);
	store(sim, 0, addr, 43);
	after = query_pte(sim, 0, addr);
	assert_int_not_equal(after.pfn, before.pfn);
	assert_int_equal(sim_dma_read(sim, h, &val), 0);
	assert_int_equal(val, 42);
	assert_sim_clean(sim);
	assert_int_equal(sim_unpin(sim, h), 0);
}

static void dontneed_refaults_zero_page(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);
	unsigned long allocated;

	store(sim, 0, addr, 42);
	allocated = sim->nr_allocated;
	assert_int_equal(sim_madvise(sim, 0, addr, 1, MADV_DONTNEED), 0);
	assert_int_equal(sim->nr_allocated, allocated - 1);
	assert_int_equal(load_val(sim, 0, addr), 0);
	assert_int_equal(query_pte(sim, 0, addr).kind, SIM_PTE_ZEROPAGE);
	assert_int_equal(sim->mms[0]->rss_stat[MM_ANONPAGES], 0);
	assert_sim_clean(sim);
}

/* Run a R/O pin of a page shared with a fork child, fast or slow. */
static int ro_pin_shared(struct sim *sim, unsigned int how,
			 struct sim_pte_info *pte, struct sim_pte_info *pin)
{
	unsigned long addr;
	int h;

	shared_after_fork(sim, &addr, 0x1111);
	h = sim_gup(sim, 0, addr, how);
	assert_true(h >= 0);
	*pte = query_pte(sim, 0, addr);
	assert_int_equal(sim_pin_query(sim, h, pin), 0);
	return h;
}

static void gup_fast_ro_pin_of_ro_pte_falls_back(void **state)
{
	struct sim *sim = *state, *slow = sim_create();
	struct sim_pte_info fpte, fpin, spte, spin;
	int hf, hs;

	hf = ro_pin_shared(sim, SIM_GUP_PIN | SIM_GUP_FAST, &fpte, &fpin);
	hs = ro_pin_shared(slow, SIM_GUP_PIN, &spte, &spin);
	assert_int_equal(ev(sim, SIM_GUP_FAST_FALLBACK), 1);
	assert_int_equal(ev(slow, SIM_GUP_FAST_FALLBACK), 0);
	assert_int_equal(ev(sim, SIM_UNSHARE_COPY), 1);
	/* Same outcome as the slow path, down to the PTE value. */
	assert_int_equal(fpte.pfn, spte.pfn);
	assert_int_equal(fpte.pte, spte.pte);
	assert_int_equal(fpte.writable, spte.writable);
	assert_int_equal(fpte.exclusive, spte.exclusive);
	assert_int_equal(fpte.mapcount, spte.mapcount);
	assert_int_equal(fpte.refcount, spte.refcount);
	assert_int_equal(fpin.pfn, spin.pfn);
	assert_true(fpte.exclusive);
	assert_false(fpte.writable);
	assert_sim_clean(sim);
	assert_sim_clean(slow);
	assert_int_equal(sim_unpin(sim, hf), 0);
	assert_int_equal(sim_unpin(slow, hs), 0);
	sim_destroy(slow);
}

static void gup_fast_pin_of_writable_pte_does_not_fall_back(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);
	unsigned long faults;
	int h;

	store(sim, 0, addr, 1);
	faults = ev(sim, SIM_PGFAULT);
	h = sim_gup(sim, 0, addr, SIM_GUP_PIN | SIM_GUP_WRITE | SIM_GUP_FAST);
	assert_true(h >= 0);
	assert_int_equal(ev(sim, SIM_GUP_FAST_FALLBACK), 0);
	assert_int_equal(ev(sim, SIM_PGFAULT), faults);
	assert_true(mm_flags_test(MMF_HAS_PINNED, sim->mms[0]));
	assert_int_equal(query_pte(sim, 0, addr).refcount,
			 1 + GUP_PIN_COUNTING_BIAS);
	assert_sim_clean(sim);
	assert_int_equal(sim_unpin(sim, h), 0);
}

static void gup_fast_of_zero_page_falls_back(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);
	struct sim_pte_info pin;
	int h;

	assert_int_equal(load_val(sim, 0, addr), 0);
	h = sim_gup(sim, 0, addr, SIM_GUP_PIN | SIM_GUP_FAST);
	assert_true(h >= 0);
	assert_int_equal(ev(sim, SIM_GUP_FAST_FALLBACK), 1);
	/* Not longterm: the slow path pins the zero page itself. */
	assert_int_equal(sim_pin_query(sim, h, &pin), 0);
	assert_int_equal(pin.kind, SIM_PTE_ZEROPAGE);
	assert_int_equal(query_pte(sim, 0, addr).kind, SIM_PTE_ZEROPAGE);
	assert_sim_clean(sim);
	assert_int_equal(sim_unpin(sim, h), 0);
}

static void longterm_ro_pin_of_zero_page_unshares(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);
	struct sim_pte_info info;
	int h;

	assert_int_equal(load_val(sim, 0, addr), 0);
	h = sim_gup(sim, 0, addr, SIM_GUP_PIN | SIM_GUP_LONGTERM);
	assert_true(h >= 0);
	info = query_pte(sim, 0, addr);
	assert_int_equal(info.kind, SIM_PTE_PRESENT);
	assert_true(info.exclusive);
	assert_false(info.writable);
	assert_int_equal(info.refcount, 1 + GUP_PIN_COUNTING_BIAS);
	assert_int_equal(ev(sim, SIM_UNSHARE_COPY), 1);
	assert_sim_clean(sim);
	assert_int_equal(sim_unpin(sim, h), 0);
}

static void pins_survive_exit(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);
	struct sim_pte_info pin;
	uint64_t val;
	int h;

	store(sim, 0, addr, 0xdead);
	h = sim_gup(sim, 0, addr, SIM_GUP_PIN | SIM_GUP_WRITE);
	assert_true(h >= 0);
	assert_int_equal(sim_exit(sim, 0), 0);
	assert_false(sim_process_alive(sim, 0));
	assert_int_equal(sim_dma_read(sim, h, &val), 0);
	assert_int_equal(val, 0xdead);
	assert_int_equal(sim_dma_write(sim, h, 0xbeef), 0);
	assert_int_equal(sim_dma_read(sim, h, &val), 0);
	assert_int_equal(val, 0xbeef);
	assert_int_equal(sim_pin_query(sim, h, &pin), 0);
	assert_int_equal(pin.mapcount, 0);
	assert_int_equal(pin.refcount, GUP_PIN_COUNTING_BIAS);
	/* Page tables are gone; the zero page and the pinned page remain. */
	assert_int_equal(sim->nr_allocated, 2);
	assert_sim_clean(sim);
	assert_int_equal(sim_unpin(sim, h), 0);
}

static void unpin_of_last_reference_frees_page(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);
	uint64_t val;
	int h;

	store(sim, 0, addr, 1);
	h = sim_gup(sim, 0, addr, SIM_GUP_PIN);
	assert_true(h >= 0);
	assert_int_equal(sim_munmap(sim, 0, addr, 1), 0);
	assert_int_equal(sim_dma_read(sim, h, &val), 0);
	assert_int_equal(val, 1);
	assert_int_equal(sim->nr_allocated, 3); /* zero, PGD, pinned page */
	assert_int_equal(sim_unpin(sim, h), 0);
	assert_int_equal(sim->nr_allocated, 2);
	assert_int_equal(sim_unpin(sim, h), -EBADF);
	assert_int_equal(sim_dma_read(sim, h, &val), -EBADF);
	assert_sim_clean(sim);
}

static void unpin_of_mapped_page_keeps_it(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);
	unsigned long allocated;
	struct sim_pte_info info;
	int h;

	store(sim, 0, addr, 1);
	allocated = sim->nr_allocated;
	h = sim_gup(sim, 0, addr, SIM_GUP_PIN);
	assert_true(h >= 0);
	assert_int_equal(sim_unpin(sim, h), 0);
	info = query_pte(sim, 0, addr);
	assert_int_equal(sim->nr_allocated, allocated);
	assert_int_equal(info.refcount, 1);
	assert_true(info.exclusive);
	assert_true(info.writable);
	assert_sim_clean(sim);
}

/*
 * A page's sim_wstamp names its writer in 16 bits (linux/mm_types.h):
 * the last mm id it can name still writes, and past it fork and process
 * creation fail with -EAGAIN, as copy_process() does past max_threads.
 * Exited processes keep their ids: they count.
 */
static void processes_past_the_writer_limit_are_eagain(void **state)
{
	struct sim *sim = *state;
	unsigned long addr;
	int id;

	while (sim->nr_mms < SIM_MAX_MMS - 1) {
		id = sim_process_create(sim);
		assert_true(id > 0);
		assert_int_equal(sim_exit(sim, id), 0);
	}
	id = sim_fork(sim, 0);
	assert_int_equal(id, SIM_MAX_MMS - 1);
	addr = map_rw(sim, id, 1);
	assert_int_equal(sim_store(sim, id, addr, 0x42), 0);
	assert_int_equal(page_writer(page_at(sim, id, addr)), id);
	assert_int_equal(sim_fork(sim, 0), -EAGAIN);
	assert_int_equal(sim_process_create(sim), -EAGAIN);
	assert_sim_clean(sim);
}

/* A new memfd of @n pages mapped in process 0. */
static unsigned long map_shmem(struct sim *sim, unsigned long n, bool shared)
{
	unsigned long addr;

	assert_int_equal(sim_mmap_shmem(sim, 0, n, PROT_READ | PROT_WRITE,
					shared, &addr),
			 0);
	return addr;
}

/* shmem.fault-around: a read maps the cached pages of its window. */
static void shmem_read_fault_maps_cached_neighbour(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_shmem(sim, 16, true);
	struct sim_pte_info info;

	store(sim, 0, addr + PAGE_SIZE, 0x41);
	assert_int_equal(sim_madvise(sim, 0, addr, 16, MADV_DONTNEED), 0);
	assert_int_equal(query_pte(sim, 0, addr + PAGE_SIZE).kind,
			 SIM_PTE_NONE);
	assert_int_equal(load_val(sim, 0, addr + 2 * PAGE_SIZE), 0);
	info = query_pte(sim, 0, addr + PAGE_SIZE);
	assert_int_equal(info.kind, SIM_PTE_PRESENT);
	assert_false(info.anon);
	assert_false(info.exclusive);
	assert_int_equal(query_pte(sim, 0, addr + 3 * PAGE_SIZE).kind,
			 SIM_PTE_NONE);
	assert_int_equal(sim->mms[0]->rss_stat[MM_SHMEMPAGES], 2);
	assert_sim_clean(sim);
}

/* shmem.fault: a write to a private memfd maps an exclusive anon copy. */
static void shmem_private_write_fault_copies(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_shmem(sim, 1, false);
	struct sim_pte_info info;

	store(sim, 0, addr, 0x42);
	info = query_pte(sim, 0, addr);
	assert_int_equal(info.kind, SIM_PTE_PRESENT);
	assert_true(info.anon);
	assert_true(info.exclusive);
	assert_true(info.writable);
	assert_int_equal(ev(sim, SIM_COW_COPY), 1);
	assert_int_equal(sim->mms[0]->rss_stat[MM_ANONPAGES], 1);
	assert_int_equal(sim->mms[0]->rss_stat[MM_SHMEMPAGES], 0);
	assert_sim_clean(sim);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		test_with_sim(read_fault_maps_zero_page),
		test_with_sim(write_fault_allocates_exclusive_page),
		test_with_sim(fork_write_protects_and_shares),
		test_with_sim(write_after_fork_by_parent_copies),
		test_with_sim(write_by_last_sharer_reuses),
		test_with_sim(write_after_child_exit_reuses),
		test_with_sim(write_with_extra_get_reference_copies),
		test_with_sim(write_on_zero_page_copies_to_zeroed_page),
		test_with_sim(store_on_zero_page_copies),
		test_with_sim(ro_pin_of_shared_page_unshares_by_copy),
		test_with_sim(ro_pin_of_previously_shared_page_reuses),
		test_with_sim(ro_pin_of_exclusive_page_takes_no_fault),
		test_with_sim(rw_pin_of_shared_page_copies_then_pins),
		test_with_sim(foll_get_of_shared_page_does_not_unshare),
		test_with_sim(fork_copies_maybe_pinned_exclusive_page),
		test_with_sim(fork_shares_page_held_by_foll_get),
		test_with_sim(fork_shares_unpinned_page_of_pinning_mm),
		test_with_sim(mprotect_rw_upgrades_only_exclusive_pages),
		test_with_sim(mprotect_none_then_rw_keeps_page),
		test_with_sim(store_to_readonly_vma_is_sigsegv),
		test_with_sim(access_outside_any_vma_is_sigsegv),
		test_with_sim(dontneed_of_pinned_page_keeps_it_alive),
		test_with_sim(dontneed_refaults_zero_page),
		test_with_sim(gup_fast_ro_pin_of_ro_pte_falls_back),
		test_with_sim(gup_fast_pin_of_writable_pte_does_not_fall_back),
		test_with_sim(gup_fast_of_zero_page_falls_back),
		test_with_sim(longterm_ro_pin_of_zero_page_unshares),
		test_with_sim(pins_survive_exit),
		test_with_sim(unpin_of_last_reference_frees_page),
		test_with_sim(unpin_of_mapped_page_keeps_it),
		test_with_sim(processes_past_the_writer_limit_are_eagain),
		test_with_sim(shmem_read_fault_maps_cached_neighbour),
		test_with_sim(shmem_private_write_fault_copies),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
