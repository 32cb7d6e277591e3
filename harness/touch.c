// SPDX-License-Identifier: GPL-2.0-only
/*
 * What a statement touched, for the incremental invariant check
 * (sim_check_changed() of harness/check.c).  The model calls the hooks of
 * include/linux/sim_hooks.h where it changes an object the invariants
 * look at: set_pte_at (a PTE), the page flag, refcount and mapcount
 * helpers (a page), swp_swap_info and the slot allocator (a swap slot),
 * the swap and shmem caches, page-table linking, and the VMA changes of
 * mprotect and munmap.  Each hook records the object in a bounded set;
 * the PTE and cache hooks also keep what the full check would count
 * (PTEs per page and per slot, rss per mm, cache references: the
 * derived sim_use fields), so that the check of a page needs no scan.
 * Fork's and zap's common loops keep those tallies themselves, inline
 * (linux/sim_tally.h), and call __sim_touch_fork_done() and
 * __sim_touch_zap_done() once per run.
 *
 * A set that overflows sets touch_all: the next check is the full one,
 * which counts everything again (sim_touch_resync) and empties the sets.
 */
#include <stdlib.h>
#include <string.h>

#include "linux/swap.h"
#include "harness/harness.h"

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);

	if (!p)
		abort();
	return p;
}

#define KEYSET_MIN 16

static void keyset_alloc(struct sim_keyset *s, unsigned int cap)
{
	/* At most a quarter of the slots in use: short probes. */
	s->cap = cap;
	s->mask = 4 * cap - 1;
	s->slots = xcalloc(4 * cap, sizeof(*s->slots));
	s->keys = xcalloc(cap, sizeof(*s->keys));
	s->where = xcalloc(cap, sizeof(*s->where));
}

static void keyset_init(struct sim_keyset *s, unsigned int limit)
{
	s->limit = limit;
	s->n = 0;
	keyset_alloc(s, limit < KEYSET_MIN ? limit : KEYSET_MIN);
}

static void keyset_free(struct sim_keyset *s)
{
	free(s->slots);
	free(s->keys);
	free(s->where);
}

static unsigned int keyset_hash(unsigned long key)
{
	return (unsigned int)((key * 0x9e3779b97f4a7c15ULL) >> 40);
}

/* The index of @key in s->keys, or -1. */
int sim_keyset_find(const struct sim_keyset *s, unsigned long key)
{
	unsigned int h = keyset_hash(key) & s->mask;

	while (s->slots[h]) {
		if (s->keys[s->slots[h] - 1] == key)
			return (int)s->slots[h] - 1;
		h = (h + 1) & s->mask;
	}
	return -1;
}

static unsigned int keyset_slot(const struct sim_keyset *s, unsigned long key)
{
	unsigned int h = keyset_hash(key) & s->mask;

	while (s->slots[h])
		h = (h + 1) & s->mask;
	return h;
}

/* Twice the room, the keys in the same order (off the hot path). */
static void __attribute__((noinline, cold)) keyset_grow(struct sim_keyset *s)
{
	struct sim_keyset old = *s;
	unsigned int i, h;

	keyset_alloc(s, 2 * old.cap);
	memcpy(s->keys, old.keys, old.n * sizeof(*s->keys));
	for (i = 0; i < old.n; i++) {
		h = keyset_slot(s, s->keys[i]);
		s->where[i] = h;
		s->slots[h] = i + 1;
	}
	keyset_free(&old);
}

/* Adds @key; its index in s->keys, or -1 if the set is full. */
int sim_keyset_add_index(struct sim_keyset *s, unsigned long key)
{
	unsigned int h = keyset_hash(key) & s->mask;

	while (s->slots[h]) {
		if (s->keys[s->slots[h] - 1] == key)
			return (int)s->slots[h] - 1;
		h = (h + 1) & s->mask;
	}
	if (s->n == s->limit)
		return -1;
	if (s->n == s->cap) {
		keyset_grow(s);
		h = keyset_slot(s, key);
	}
	s->keys[s->n] = key;
	s->where[s->n] = h;
	s->slots[h] = ++s->n;
	return (int)s->n - 1;
}

/* Adds @key; false if the set is full. */
bool sim_keyset_add(struct sim_keyset *s, unsigned long key)
{
	return sim_keyset_add_index(s, key) >= 0;
}

void sim_keyset_clear(struct sim_keyset *s)
{
	unsigned int i;

	for (i = 0; i < s->n; i++)
		s->slots[s->where[i]] = 0;
	s->n = 0;
}

/*
 * Records let go of, kept for the next machine of this thread that needs
 * one: a search (mmsim explore) makes and drops a copy of the machine for
 * every step, and each copy's first hook would allocate a record anew.
 * Host memory management only, like the kernel's per-CPU page lists: no
 * state of any machine.  A kept record is empty (sim_touch_clear), with
 * the room its sets had and its page list's array (spare_keys).
 */
#define TOUCHED_CACHE 16

static __thread struct {
	struct sim_touched *t[TOUCHED_CACHE];
	unsigned long *keys[TOUCHED_CACHE];
	unsigned int cap[TOUCHED_CACHE];
	unsigned int n;
} touched_cache;

static struct sim_touched *touched(struct sim *sim)
{
	struct sim_touched *t = sim->touched;

	if (!t) {
		struct sim_pagelist *l = &sim->hooks.pages;

		l->limit = SIM_TOUCH_PAGES;
		l->n = 0;
		if (touched_cache.n) {
			unsigned int i = --touched_cache.n;

			t = touched_cache.t[i];
			l->keys = touched_cache.keys[i];
			l->cap = touched_cache.cap[i];
			sim->touched = t;
			return t;
		}
		t = xcalloc(1, sizeof(*t));
		l->cap = KEYSET_MIN;
		l->keys = xcalloc(l->cap, sizeof(*l->keys));
		keyset_init(&t->blocks, SIM_TOUCH_PTES);
		t->blk = xcalloc(t->blocks.cap, sizeof(*t->blk));
		t->last_blk_key[0] = t->last_blk_key[1] = ~0UL;
		keyset_init(&t->slots, SIM_TOUCH_SLOTS);
		keyset_init(&t->mms, SIM_TOUCH_MMS);
		keyset_init(&t->reach, SIM_TOUCH_REACH);
		t->last_mm[0] = t->last_mm[1] = -1;
		sim->touched = t;
	}
	return t;
}

void sim_touch_all(struct sim *sim)
{
	sim->hooks.touch_all = true;
}

/* Nothing recorded since the sets were emptied. */
bool sim_touch_empty(const struct sim_touched *t)
{
	/* The pages are in sim->hooks.pages: the caller looks there. */
	return !t->blocks.n && !t->slots.n && !t->mms.n && !t->nr_ranges &&
	       !t->tables;
}

/* Empties @t's sets. */
static void touched_empty(struct sim_touched *t)
{
	unsigned int i;

	for (i = 0; i < t->blocks.n; i++)
		memset(&t->blk[i], 0, sizeof(t->blk[i]));
	sim_keyset_clear(&t->blocks);
	t->nr_ptes = 0;
	t->last_blk_key[0] = t->last_blk_key[1] = ~0UL;
	sim_keyset_clear(&t->slots);
	sim_keyset_clear(&t->mms);
	t->last_mm[0] = t->last_mm[1] = -1;
	t->nr_ranges = 0;
	t->tables = false;
}

/* Empties the sets (after a check); the tallies stay. */
void sim_touch_clear(struct sim *sim)
{
	struct sim_touched *t = sim->touched;
	struct sim_pagelist *l = &sim->hooks.pages;
	struct sim_chunk *const *chunks = sim->chunks;
	unsigned int i;

	sim->hooks.touch_all = false;
	if (!t)
		return;
	/* pfn_to_page, the memory map read once (it stays). */
	for (i = 0; i < l->n; i++)
		chunks[l->keys[i] >> SIM_CHUNK_SHIFT]
			->pages[l->keys[i] & (SIM_CHUNK_PAGES - 1)]
			.flags &= ~(1UL << SIM_PAGE_TOUCHED_BIT);
	l->n = 0;
	touched_empty(t);
}

static void touched_free(struct sim_touched *t, unsigned long *keys)
{
	free(keys);
	keyset_free(&t->blocks);
	free(t->blk);
	keyset_free(&t->slots);
	keyset_free(&t->mms);
	keyset_free(&t->reach);
	free(t->todo);
	free(t);
}

/* Gives back the records this thread kept (a thread that ends). */
void sim_touch_cache_drain(void)
{
	while (touched_cache.n) {
		unsigned int i = --touched_cache.n;

		touched_free(touched_cache.t[i], touched_cache.keys[i]);
	}
}

void sim_touch_free(struct sim *sim)
{
	struct sim_touched *t = sim->touched;

	if (!t)
		return;
	if (touched_cache.n < TOUCHED_CACHE) {
		unsigned int i = touched_cache.n++;

		/* The pages' TOUCHED bits go with the machine. */
		touched_empty(t);
		sim_keyset_clear(&t->reach);
		touched_cache.t[i] = t;
		touched_cache.keys[i] = sim->hooks.pages.keys;
		touched_cache.cap[i] = sim->hooks.pages.cap;
		memset(&sim->hooks.pages, 0, sizeof(sim->hooks.pages));
		sim->touched = NULL;
		return;
	}
	touched_free(t, sim->hooks.pages.keys);
	memset(&sim->hooks.pages, 0, sizeof(sim->hooks.pages));
	sim->touched = NULL;
}

static void add_or_overflow(struct sim *sim, struct sim_keyset *s,
			    unsigned long key)
{
	if (!sim_keyset_add(s, key))
		sim_touch_all(sim);
}

/* The index of block @key in t->blk, added if new; -1 when full. */
static int __attribute__((noinline))
block_add(struct sim_touched *t, unsigned long key)
{
	unsigned int cap = t->blocks.cap;
	int i = sim_keyset_add_index(&t->blocks, key);

	if (i < 0)
		return -1;
	if (t->blocks.cap != cap) {
		struct sim_pte_block *blk =
			realloc(t->blk, t->blocks.cap * sizeof(*blk));

		if (!blk)
			abort();
		memset(blk + cap, 0, (t->blocks.cap - cap) * sizeof(*blk));
		t->blk = blk;
	}
	t->last_blk_key[1] = t->last_blk_key[0];
	t->last_blk[1] = t->last_blk[0];
	t->last_blk_key[0] = key;
	t->last_blk[0] = (unsigned int)i;
	return i;
}

/*
 * The index of block @key in t->blk: one of the last two looked up, else
 * block_add()'s (-1 when full).
 */
static inline int block_find(struct sim_touched *t, unsigned long key)
{
	if (t->last_blk_key[0] == key)
		return (int)t->last_blk[0];
	if (t->last_blk_key[1] == key)
		return (int)t->last_blk[1];
	return block_add(t, key);
}

/* Records the PTE of @addr in mm @mm_id as touched. */
static void touch_pte_key(struct sim *sim, unsigned int mm_id,
			  unsigned long addr)
{
	struct sim_touched *t = sim->touched;
	unsigned long key = sim_pte_block_key(mm_id, addr);
	unsigned int bit = pte_index(addr);
	u64 *word, mask = 1ULL << (bit % 64);
	int i;

	i = block_find(t, key);
	if (i < 0) {
		sim_touch_all(sim);
		return;
	}
	word = &t->blk[i].bits[bit / 64];
	if (*word & mask)
		return;
	*word |= mask;
	if (++t->nr_ptes > SIM_TOUCH_PTES)
		sim_touch_all(sim);
}

bool sim_touched_pte(const struct sim_touched *t, unsigned int mm_id,
		     unsigned long addr)
{
	int i = sim_keyset_find(&t->blocks, sim_pte_block_key(mm_id, addr));
	unsigned int bit = pte_index(addr);

	return i >= 0 && (t->blk[i].bits[bit / 64] >> (bit % 64)) & 1;
}

static void __attribute__((noinline))
add_mm_id(struct sim *sim, unsigned int mm_id)
{
	struct sim_touched *t = touched(sim);

	t->last_mm[1] = t->last_mm[0];
	t->last_mm[0] = (int)mm_id;
	add_or_overflow(sim, &t->mms, mm_id);
}

static inline void touch_mm_id(struct sim *sim, unsigned int mm_id)
{
	struct sim_touched *t = sim->touched;

	/* A run of hooks on one mm (or two, as fork) hashes once. */
	if (!t || (t->last_mm[0] != (int)mm_id && t->last_mm[1] != (int)mm_id))
		add_mm_id(sim, mm_id);
}

void __sim_touch_mm(struct mm_struct *mm)
{
	touch_mm_id(mm->sim, mm->mm_id);
}

static void __attribute__((noinline)) list_page(struct page *page)
{
	struct sim *sim = page_sim(page);
	struct sim_pagelist *l = (touched(sim), &sim->hooks.pages);

	if (l->n == l->limit) {
		sim_touch_all(sim);
		return;
	}
	if (l->n == l->cap) {
		l->cap *= 2;
		l->keys = realloc(l->keys, l->cap * sizeof(*l->keys));
		if (!l->keys)
			abort();
	}
	l->keys[l->n++] = page_to_pfn(page);
	page->flags |= 1UL << SIM_PAGE_TOUCHED_BIT;
}

void __sim_touch_page(struct page *page)
{
	/*
	 * The invariants of a large folio tie its 512 pages together (the
	 * counts on the head, the mappings on each page): the incremental
	 * check does not take them apart, the full one checks them.
	 */
	if (PageCompound(page)) {
		sim_touch_all(page_sim(page));
		return;
	}
	if (!sim_page_touched(page))
		list_page(page);
}

void __sim_touch_slot(struct sim *sim, unsigned long long entry)
{
	add_or_overflow(sim, &touched(sim)->slots, (unsigned long)entry);
}

void __sim_touch_table(struct sim *sim, struct page *table)
{
	touched(sim)->tables = true;
	/* Its mm's tables are walked (a table without one: all mms). */
	if (table->pt_mm)
		touch_mm_id(sim, table->pt_mm->mm_id);
	__sim_touch_page(table);
}

/*
 * Adds @delta to a narrow count of struct sim_page_use; one that would
 * leave its range, or has left it, is saturated and the next check is the
 * full one, which counts (linux/mm_types.h).
 */
static unsigned int tally_sat(struct sim *sim, unsigned int count, int delta,
			      unsigned int max)
{
	int n = (int)count + delta;

	if (count == max || n < 0 || n >= (int)max) {
		sim_touch_all(sim);
		return max;
	}
	return (unsigned int)n;
}

/* @field += @delta, for a u8 or u16 tally of struct sim_page_use. */
#define tally(sim, field, delta)                                     \
	((field) = (typeof(field))tally_sat((sim), (field), (delta), \
					    SIM_USE_SATURATED(field)))

void __sim_touch_cache(struct sim *sim, struct page *old, struct page *new)
{
	if (old) {
		tally(sim, old->sim_use.cache_refs, -1);
		__sim_touch_page(old);
	}
	if (new) {
		tally(sim, new->sim_use.cache_refs, 1);
		__sim_touch_page(new);
	}
}

void __sim_touch_shmem_swap(struct sim *sim, unsigned long long entry,
			    int delta)
{
	swp_entry_t e = { entry };
	struct swap_info_struct *si = sim_swap_info_quiet(sim, e);

	if (!si)
		return;
	si->sim_use[swp_offset(e)].ptes += delta;
	add_or_overflow(sim, &touched(sim)->slots, (unsigned long)entry);
}

void __sim_touch_vmas(struct mm_struct *mm, unsigned long start,
		      unsigned long end)
{
	struct sim_touched *t = touched(mm->sim);
	struct sim_range *r;

	if (t->nr_ranges == ARRAY_SIZE(t->ranges)) {
		sim_touch_all(mm->sim);
		return;
	}
	touch_mm_id(mm->sim, mm->mm_id);
	r = &t->ranges[t->nr_ranges++];
	r->mm_id = mm->mm_id;
	r->start = start;
	r->end = end;
}

/* Inline for the PTE hooks: a call per PTE shows in fork and exit. */
static inline int class_rss(int cls)
{
	switch (cls) {
	case SIM_PC_ANON:
		return MM_ANONPAGES;
	case SIM_PC_TABLE:
	case SIM_PC_OTHER:
		return MM_SHMEMPAGES;
	case SIM_PC_FILE:
		return MM_FILEPAGES;
	default:
		return -1;
	}
}

int sim_page_class_rss(int cls)
{
	return class_rss(cls);
}

/* Adds @delta (1 or -1) to what the full check counts for @pte. */
static inline __attribute__((always_inline)) void
tally_pte(struct mm_struct *mm, unsigned long addr, pte_t pte, int delta)
{
	struct sim *sim = mm->sim;

	if (pte_none(pte))
		return;
	if (!pte_present(pte)) {
		swp_entry_t entry = pte_to_swp_entry(pte);
		struct swap_info_struct *si;

		if (is_migration_entry(entry) || non_swap_entry(entry))
			return;
		si = sim_swap_info_quiet(sim, entry);
		if (!si)
			return;
		si->sim_use[swp_offset(entry)].ptes += delta;
		if (pte_swp_exclusive(pte))
			si->sim_use[swp_offset(entry)].excl += delta;
		mm->sim_rss[MM_SWAPENTS] += delta;
		add_or_overflow(sim, &touched(sim)->slots,
				(unsigned long)entry.val);
		return;
	}
	if (pte_special(pte) || pte_pfn(pte) >= sim->nr_pfns)
		return;
	{
		struct page *page = pfn_to_page(sim, pte_pfn(pte));
		struct sim_page_use *u = &page->sim_use;
		int cls = sim_page_class(page), rss;

		if (delta > 0) {
			if (!u->ptes)
				u->cls = (u8)cls;
			else if (u->cls != cls)
				/* Counted in two classes: count again. */
				sim_touch_all(sim);
		}
		tally(sim, u->ptes, delta);
		if (pte_write(pte))
			tally(sim, u->wptes, delta);
		rss = class_rss(u->cls);
		if (rss >= 0)
			mm->sim_rss[rss] += delta;
		__sim_touch_page(page);
	}
}

static inline __attribute__((always_inline)) void
touch_pte(struct mm_struct *mm, unsigned long addr, unsigned long long oldval,
	  unsigned long long newval)
{
	struct sim *sim = mm->sim;
	pte_t o = __pte(oldval), n = __pte(newval);

	touch_mm_id(sim, mm->mm_id);
	/*
	 * The same page before and after (wrprotect, mkold, mkdirty...):
	 * only the writable count can change.
	 */
	if (pte_present(o) && pte_present(n) && pte_pfn(o) == pte_pfn(n) &&
	    !pte_special(o) && !pte_special(n) && pte_pfn(o) < sim->nr_pfns) {
		struct page *page = pfn_to_page(sim, pte_pfn(o));
		struct sim_page_use *u = &page->sim_use;

		if (u->ptes && u->ptes != SIM_USE_SATURATED(u->ptes) &&
		    u->cls == sim_page_class(page)) {
			int dw = !!pte_write(n) - !!pte_write(o);

			if (dw)
				tally(sim, u->wptes, dw);
			__sim_touch_page(page);
			goto key;
		}
	}
	tally_pte(mm, addr, o, -1);
	tally_pte(mm, addr, n, 1);
key:
	/*
	 * An exiting process's PTEs all go: the check skips its mm.  A PTE
	 * that is none now has nothing to check (a later change records it).
	 */
	if (!mm->sim_exiting && !pte_none(n))
		touch_pte_key(sim, mm->mm_id, addr);
}

void __sim_touch_pte(struct mm_struct *mm, unsigned long addr,
		     unsigned long long oldval, unsigned long long newval)
{
	touch_pte(mm, addr, oldval, newval);
}

/*
 * Lists @page, a small page (not compound), as __sim_touch_page() would.
 */
static inline void list_small_page(struct sim *sim, struct page *page)
{
	struct sim_pagelist *l = &sim->hooks.pages;

	if (sim_page_touched(page))
		return;
	if (l->n < l->cap) {
		l->keys[l->n++] = page_to_pfn(page);
		page->flags |= 1UL << SIM_PAGE_TOUCHED_BIT;
	} else {
		list_page(page);
	}
}

/*
 * list_small_page() for a page fork or zap has just changed, all of its
 * changes for this PTE made (its flags, counts and tallies): a page
 * sim_page_clean() is not listed, as the check would leave it out (no
 * pin can hold a clean page: its refcount is its mapcount).  If the
 * statement changes it again, that change lists it.  Not with a recorded
 * precondition violation, which the check looks for in the pages listed.
 */
static inline void list_changed_page(struct sim *sim, struct page *page)
{
	if (sim_page_touched(page) ||
	    (!sim->nr_page_bugs && sim_page_clean(page)))
		return;
	list_small_page(sim, page);
}

/*
 * tally_pte(o, -1) for present @o when @u's counts are exact: false,
 * having changed nothing, when they are zero or saturated (the slow path
 * then reports or recounts).
 */
static inline __attribute__((always_inline)) bool
untally_pte_fast(struct sim *sim, struct mm_struct *mm, struct sim_page_use *u,
		 pte_t o)
{
	int r;

	if (!u->ptes || u->ptes == SIM_USE_SATURATED(u->ptes) ||
	    (pte_write(o) &&
	     (!u->wptes || u->wptes == SIM_USE_SATURATED(u->wptes))))
		return false;
	touch_mm_id(sim, mm->mm_id);
	u->ptes--;
	if (pte_write(o))
		u->wptes--;
	r = class_rss(u->cls);
	if (r >= 0)
		mm->sim_rss[r]--;
	return true;
}

/*
 * touch_pte() for the changes fork and zap make most: a small page's PTE
 * write-protected (F1), mapped where nothing was (F2) or unmapped (F3),
 * with tallies that stay in range.  @blk caches the index of the PTE's
 * block in t->blk (-1: not looked up yet; the block of one batch and mm
 * is one).  Returns false, having changed nothing, for any other change:
 * touch_pte() takes it.  Where it returns true it did what touch_pte()
 * does, step for step: the mm, the tallies, the page, the key.
 */
static inline __attribute__((always_inline)) bool
touch_pte_fast(struct sim *sim, struct sim_touched *t, struct mm_struct *mm,
	       unsigned long addr, pte_t o, pte_t n, struct page *page,
	       int *blk)
{
	bool map = pte_none(o);
	pte_t p = map ? n : o;
	struct sim_page_use *u;
	unsigned int bit;
	u64 *word, mask;
	int cls;

	/* What the caller said of @page, found otherwise (sim_hooks.h). */
	if (!page) {
		if (!pte_present(p) || pte_special(p) ||
		    pte_pfn(p) >= sim->nr_pfns)
			return false;
		page = pfn_to_page(sim, pte_pfn(p));
		if (PageCompound(page))
			return false;
	} else if (!pte_present(p)) {
		return false;
	}
	u = &page->sim_use;
	if (map) {
		/* F2: tally_pte(n, 1) */
		cls = sim_page_class(page);
		if ((u->ptes && u->cls != cls) ||
		    u->ptes + 1 >= SIM_USE_SATURATED(u->ptes) ||
		    (pte_write(n) &&
		     u->wptes + 1 >= SIM_USE_SATURATED(u->wptes)))
			return false;
		touch_mm_id(sim, mm->mm_id);
		u->cls = (u8)cls;
		u->ptes++;
		if (pte_write(n))
			u->wptes++;
		if (class_rss(u->cls) >= 0)
			mm->sim_rss[class_rss(u->cls)]++;
	} else if (pte_none(n)) {
		/* F3: tally_pte(o, -1) */
		if (!untally_pte_fast(sim, mm, u, o))
			return false;
	} else {
		/* F1: the same page, only the writable count may change */
		int dw = !!pte_write(n) - !!pte_write(o);

		if (!pte_present(n) || pte_special(n) || pte_special(o) ||
		    pte_pfn(n) != pte_pfn(o) || !u->ptes ||
		    u->ptes == SIM_USE_SATURATED(u->ptes) ||
		    u->cls != sim_page_class(page) ||
		    u->wptes == SIM_USE_SATURATED(u->wptes) ||
		    (int)u->wptes + dw < 0 ||
		    (int)u->wptes + dw >= SIM_USE_SATURATED(u->wptes))
			return false;
		touch_mm_id(sim, mm->mm_id);
		u->wptes += dw;
	}
	list_changed_page(sim, page);
	/* touch_pte's key: none for an exiting mm or a PTE none now */
	if (mm->sim_exiting || pte_none(n))
		return true;
	/* touch_pte_key, its block looked up once per batch */
	if (*blk < 0) {
		unsigned long key = sim_pte_block_key(mm->mm_id, addr);

		*blk = block_find(t, key);
		if (*blk < 0) {
			sim_touch_all(sim);
			return true;
		}
	}
	bit = pte_index(addr);
	word = &t->blk[*blk].bits[bit / 64];
	mask = 1ULL << (bit % 64);
	if (!(*word & mask)) {
		*word |= mask;
		if (++t->nr_ptes > SIM_TOUCH_PTES)
			sim_touch_all(sim);
	}
	return true;
}

/*
 * touch_pte_fast() for an unmap (F3: a present PTE of @page, a small
 * page, made none), zap's change, in its steps: the mm, the tallies, the
 * page (no key: the PTE is none).  False, having changed nothing, where
 * touch_pte_fast() would return false or the tallies would leave their
 * range.
 */
static inline __attribute__((always_inline)) bool
touch_unmap_fast(struct sim *sim, struct mm_struct *mm, pte_t o,
		 struct page *page)
{
	if (!pte_present(o) || !untally_pte_fast(sim, mm, &page->sim_use, o))
		return false;
	list_changed_page(sim, page);
	return true;
}

/*
 * The PTE changes of @b, in order, as __sim_touch_pte() for each; a hook
 * that sets touch_all stops the rest, as the sim_touch_pte() gate would.
 */
void __sim_touch_pte_batch(struct sim_pte_batch *b)
{
	/* Read once: the hooks change neither the batch nor its mms. */
	struct mm_struct *mms[2] = { b->mm[0], b->mm[1] };
	struct sim *sim = mms[0]->sim;
	unsigned int i, nr = b->nr;
	unsigned long base = b->base;
	int blk[2] = { -1, -1 };

	for (i = 0; i < nr && __sim_touching(sim); i++) {
		const struct sim_pte_change *e = &b->e[i];
		struct mm_struct *mm = mms[e->which];
		unsigned long addr = base + e->idx * PAGE_SIZE;

		if (sim->touched && !e->newval && e->page &&
		    touch_unmap_fast(sim, mm, __pte(e->oldval), e->page))
			continue;
		if (!sim->touched ||
		    !touch_pte_fast(sim, sim->touched, mm, addr,
				    __pte(e->oldval), __pte(e->newval), e->page,
				    &blk[e->which]))
			__sim_touch_pte(mm, addr, e->oldval, e->newval);
	}
	b->nr = 0;
}

/* __sim_touch_fork_run(), a PTE at a time through touch_pte_fast(). */
static void fork_run_each(struct sim_pte_batch *b, const u64 *src,
			  const u64 *dst, const u64 *copied,
			  const u64 *wrprotected, unsigned int from,
			  unsigned int to)
{
	struct mm_struct *mms[2] = { b->mm[0], b->mm[1] };
	struct sim *sim = mms[0]->sim;
	unsigned long base = b->base;
	int blk[2] = { -1, -1 };
	unsigned int w;

	for (w = from / 64; w * 64 < to; w++) {
		u64 bits = copied[w];

		while (bits) {
			unsigned int idx = w * 64 + __builtin_ctzll(bits);
			unsigned long addr = base + idx * PAGE_SIZE;
			pte_t n = __pte(dst[idx]);
			struct page *page = pfn_to_page(sim, pte_pfn(n));

			bits &= bits - 1;
			if (wrprotected[w] & (1ULL << (idx % 64))) {
				pte_t s = __pte(src[idx]);
				pte_t o = __pte(pte_val(s) | _PAGE_RW);

				if (!__sim_touching(sim))
					return;
				if (!sim->touched ||
				    !touch_pte_fast(sim, sim->touched, mms[0],
						    addr, o, s, page, &blk[0]))
					__sim_touch_pte(mms[0], addr,
							pte_val(o), pte_val(s));
			}
			if (!__sim_touching(sim))
				return;
			if (!sim->touched ||
			    !touch_pte_fast(sim, sim->touched, mms[1], addr,
					    __pte(0), n, page, &blk[1]))
				__sim_touch_pte(mms[1], addr, 0, pte_val(n));
		}
	}
}

/*
 * sim_pte_page_clean() for a PTE of a page of class @cls, of a VMA of
 * which @vma_ok says the last test, where the answer is plain: an anon
 * page, a PTE neither writable nor uffd-wp.  False: ask it.
 */
static inline bool fork_pte_clean(int cls, bool vma_ok, pte_t pte)
{
	return cls == SIM_PC_ANON && vma_ok && !pte_write(pte) &&
	       !pte_uffd_wp(pte);
}

/*
 * list_changed_page()'s test for an anon page (class SIM_PC_ANON) fork
 * has just copied a PTE of, its tallies kept in range (so neither
 * saturated) by __sim_touch_fork_run(): true if listed already or clean
 * (sim_page_clean(), the tests left to make).  False: list it.
 */
static inline bool fork_page_clean(const struct sim *sim, struct page *page)
{
	const struct sim_page_use *u = &page->sim_use;
	int mapcount = page->_mapcount + 1;

	if (sim_page_touched(page))
		return true;
	return !u->wptes && u->ptes && mapcount == u->ptes &&
	       page->_refcount == mapcount && !u->cache_refs &&
	       !page->swap.val && !PageCompound(page) &&
	       !test_bit_flags(PG_anon_exclusive, page) &&
	       (page->mapping & PAGE_MAPPING_FLAGS) == PAGE_MAPPING_ANON &&
	       !sim->nr_page_bugs;
}

/*
 * The block of @mm's PTE table at @base in t->blk, for a run of hooks on
 * @mm, its mm recorded already: the run's PTEs of @bits (a bitmap of the
 * table's indices) marked in it, as touch_pte() records them; no block if
 * none.  False, having set touch_all, when a set is full.
 */
static bool touch_run_keys(struct sim *sim, struct mm_struct *mm,
			   unsigned long base, const u64 *bits, unsigned int w0,
			   unsigned int w1)
{
	struct sim_touched *t = sim->touched;
	unsigned long key = sim_pte_block_key(mm->mm_id, base);
	unsigned int w, added = 0;
	u64 any = 0;
	int i;

	if (mm->sim_exiting)
		return __sim_touching(sim);
	for (w = w0; w < w1; w++)
		any |= bits[w];
	if (!any)
		return __sim_touching(sim);
	i = block_find(t, key);
	if (i < 0) {
		sim_touch_all(sim);
		return false;
	}
	for (w = w0; w < w1; w++) {
		u64 *word = &t->blk[i].bits[w];

		added += (unsigned int)__builtin_popcountll(bits[w] & ~*word);
		*word |= bits[w];
	}
	t->nr_ptes += added;
	if (t->nr_ptes > SIM_TOUCH_PTES) {
		sim_touch_all(sim);
		return false;
	}
	return __sim_touching(sim);
}

/*
 * Once per run, in the order touch_pte() would meet them: the mms; then
 * per PTE the tallies, as touch_pte_fast() keeps them for a
 * write-protect (F1) and a map (F2), or touch_pte() for a change whose
 * tallies would leave their range; then the blocks and the PTE keys of
 * the PTEs the check has something to look at for: a PTE the check would
 * find clean now (sim_pte_page_clean(), of the PTE as copied, its page
 * as fork left it) is left out, as a page clean now is
 * (list_changed_page).  A set that fills, a tally that saturates, sets
 * touch_all: the rest is not recorded (the next check is the full one,
 * which counts).
 */
void __sim_touch_fork_run(struct sim_pte_batch *b, const u64 *src,
			  const u64 *dst, const u64 *copied,
			  const u64 *wrprotected, unsigned int from,
			  unsigned int to)
{
	struct mm_struct *parent = b->mm[0], *child = b->mm[1];
	const struct vm_area_struct *src_vma = b->vma[0], *dst_vma = b->vma[1];
	struct sim *sim = parent->sim;
	unsigned long base = b->base;
	unsigned int w, w0 = from / 64, w1 = (to + 63) / 64;
	unsigned int first_cp = PTRS_PER_PTE, first_wp = PTRS_PER_PTE;
	long child_rss[NR_MM_COUNTERS] = { 0 };
	/* The PTEs to record: those the check has something to look at. */
	u64 mark_cp[PTRS_PER_PTE / 64] = { 0 },
				   mark_wp[PTRS_PER_PTE / 64] = { 0 };
	bool vma_ok[2];
	int r;

	if (!sim->touched) {
		/* The first hooks of all: touch_pte() makes the sets. */
		fork_run_each(b, src, dst, copied, wrprotected, from, to);
		return;
	}
	for (w = w0; w < w1; w++) {
		if (first_cp == PTRS_PER_PTE && copied[w])
			first_cp = w * 64 + __builtin_ctzll(copied[w]);
		if (first_wp == PTRS_PER_PTE && wrprotected[w])
			first_wp = w * 64 + __builtin_ctzll(wrprotected[w]);
	}
	if (first_wp == first_cp) {
		touch_mm_id(sim, parent->mm_id);
		touch_mm_id(sim, child->mm_id);
	} else {
		touch_mm_id(sim, child->mm_id);
		if (first_wp != PTRS_PER_PTE)
			touch_mm_id(sim, parent->mm_id);
	}
	if (!__sim_touching(sim))
		return;
	/* What sim_pte_page_clean() asks of the VMAs, asked once. */
	vma_ok[0] = !vma_is_anonymous(src_vma) || src_vma->anon_vma;
	vma_ok[1] = !vma_is_anonymous(dst_vma) || dst_vma->anon_vma;
	for (w = w0; w < w1; w++) {
		u64 bits = copied[w];

		while (bits) {
			unsigned int idx = w * 64 + __builtin_ctzll(bits);
			unsigned long addr = base + idx * PAGE_SIZE;
			pte_t n = __pte(dst[idx]);
			struct page *page = pfn_to_page(sim, pte_pfn(n));
			struct sim_page_use *u = &page->sim_use;
			int cls = sim_page_class(page);
			u64 bit = 1ULL << (idx % 64);

			bits &= bits - 1;
			if (wrprotected[w] & bit) {
				/* F1: one writable PTE fewer */
				if (u->ptes &&
				    u->ptes != SIM_USE_SATURATED(u->ptes) &&
				    u->cls == cls && u->wptes &&
				    u->wptes != SIM_USE_SATURATED(u->wptes)) {
					u->wptes--;
					if (!fork_pte_clean(cls, vma_ok[0],
							    __pte(src[idx])) &&
					    !sim_pte_page_clean(src_vma,
								__pte(src[idx]),
								page))
						mark_wp[w] |= bit;
				} else {
					__sim_touch_pte(parent, addr,
							src[idx] | _PAGE_RW,
							src[idx]);
					if (!__sim_touching(sim))
						goto out;
				}
			}
			/* F2: one PTE more, where none was */
			if ((!u->ptes || u->cls == cls) &&
			    u->ptes + 1 < SIM_USE_SATURATED(u->ptes) &&
			    (!pte_write(n) ||
			     u->wptes + 1 < SIM_USE_SATURATED(u->wptes))) {
				u->cls = (u8)cls;
				u->ptes++;
				if (pte_write(n))
					u->wptes++;
				r = class_rss(cls);
				if (r >= 0)
					child_rss[r]++;
				if (!fork_pte_clean(cls, vma_ok[1], n) &&
				    !sim_pte_page_clean(dst_vma, n, page))
					mark_cp[w] |= bit;
				/* Its tallies in range, as kept above. */
				if (cls == SIM_PC_ANON &&
				    fork_page_clean(sim, page))
					continue;
			} else {
				__sim_touch_pte(child, addr, 0, pte_val(n));
				if (!__sim_touching(sim))
					goto out;
			}
			list_changed_page(sim, page);
		}
	}
	/* The keys, parent first as touch_pte() would meet them. */
	if (!touch_run_keys(sim, parent, base, mark_wp, w0, w1))
		goto out;
	touch_run_keys(sim, child, base, mark_cp, w0, w1);
out:
	for (r = 0; r < NR_MM_COUNTERS; r++)
		child->sim_rss[r] += child_rss[r];
}

/*
 * The end of a run of fork's fused copy (linux/sim_tally.h): the mms as
 * __sim_touch_fork_run() records them, the child's rss tally.  The child
 * is recorded already, by its page tables' hooks (mm_alloc() and every
 * table of the copy: pagetable_alloc()), so that the parent, if any of
 * its PTEs was write-protected, comes after it whichever PTE of the run
 * was.  The run's PTEs are all clean as copied (the fused copy takes
 * only those): no keys.
 */
void __sim_touch_fork_done(struct mm_struct *parent, struct mm_struct *child,
			   unsigned int copied, bool any_wp)
{
	struct sim *sim = parent->sim;

	touch_mm_id(sim, child->mm_id);
	if (any_wp)
		touch_mm_id(sim, parent->mm_id);
	child->sim_rss[MM_ANONPAGES] += copied;
}

/* The end of a run of zap's fused loop (linux/sim_tally.h). */
void __sim_touch_zap_done(struct mm_struct *mm, unsigned int nr)
{
	touch_mm_id(mm->sim, mm->mm_id);
	mm->sim_rss[MM_ANONPAGES] -= nr;
}
