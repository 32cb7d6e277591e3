// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models mm/page_alloc.c at v6.12 as far as anonymous memory needs it: a
 * PFN allocator over simulated physical memory, page freeing with the
 * kernel's flag wiping (free_pages_prepare), and the page-table page
 * constructor and destructor (pagetable_pte_ctor/pagetable_dtor).
 *
 * Deviations: no zones, no per-CPU lists, and only orders 0 and
 * HPAGE_PMD_ORDER (folio_alloc_large()); freed pages are never merged back
 * into a large block, so a large folio always takes a fresh, aligned
 * chunk of PFNs at the top of memory (memory never runs out).  Free pages
 * are typed PGTY_buddy, as in the kernel, so that the invariant checker can
 * tell a freed page from a live one.  Memory never runs out: the array
 * grows on demand in chunks of SIM_CHUNK_PAGES that never move, so struct
 * page pointers stay valid (linux/sim_memmap.h); the array of chunk pointers
 * doubles as it fills.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "linux/mm.h"
#include "linux/sim_machine.h"

/* Room for a page table's entries and their count (pt_table_new()). */
/*
 * Host memory for page-table entries and for the memory map's chunks,
 * kept when let go of for this thread's next need, up to a bound: a
 * search (mmsim explore) copies a machine and drops the copy for every
 * step it tries, and malloc was a third of its time.  Host allocation
 * only, like the kernel's per-CPU page lists: no machine's state.
 */
#define ENTRIES_CACHE 64
#define CHUNK_CACHE 8

/*
 * A large machine's memory map comes from arenas: 2 MiB-aligned host
 * regions advised for transparent huge pages (madvise MADV_HUGEPAGE), of
 * SIM_ARENA_CHUNKS chunks each, so that it grows by one host page fault
 * per 2 MiB instead of one per 4 KiB: those faults were 40% of a
 * first-touch write fault's time at 256 Ki pages (make bench).  The
 * first SIM_ARENA_FROM chunks of a machine come from malloc, so that a
 * small one (the corpus, a search) costs what it uses.  An arena is
 * unmapped when the last of its chunks is freed (sim_arena_put()); the
 * thread that carves chunks from it holds it as well.  Host memory only:
 * nothing of a machine's state.
 */
#define SIM_ARENA_SIZE (2UL << 20)
#define SIM_ARENA_FROM 16
/* The arena's header: the chunks handed out and not freed, and a holder. */
struct sim_arena {
	unsigned long users;
} __attribute__((aligned(64)));
#define SIM_ARENA_CHUNKS \
	((SIM_ARENA_SIZE - sizeof(struct sim_arena)) / sizeof(struct sim_chunk))

static __thread struct {
	u64 *entries[ENTRIES_CACHE];
	struct sim_chunk *chunks[CHUNK_CACHE];
	unsigned int nr_entries, nr_chunks;
	/* The arena this thread carves chunks from, and its next chunk. */
	struct sim_arena *arena;
	unsigned int arena_next;
} host_cache;

/*
 * Page-table entries in bulk (host memory only, no machine's state): a
 * thread that has taken ARENA_AFTER tables' entries one at a time takes
 * the next from arenas of SIM_ARENA_SIZE bytes of host memory asked to be
 * backed by a transparent huge page (MADV_HUGEPAGE), one host page fault
 * for SIM_ARENA_SIZE / ENTRIES_SIZE tables where malloc'ed entries took one
 * or two each: on the shared 2-core VM this was measured on, a host
 * fault of a 4 KiB page cost 2-8 us, a 2 MiB huge page 0.6 us per 4 KiB,
 * which made most of a large fork's time (the child's tables).  Where
 * the host has no transparent huge pages, an arena is faulted a page at a
 * time, as malloc'ed memory is.  Fresh from the kernel, an arena's
 * entries are zero and not cleared again.  An arena is never given back:
 * entries let go of beyond this thread's cache go to a list that every
 * thread takes from (a clone's entries may be let go of by another
 * thread than the one that took them: sim_clone()).
 *
 * The word before a table's header (PT_TABLE_HEADER) says where its
 * entries came from: ENTRIES_MALLOC or ENTRIES_ARENA.
 */
#define ENTRIES_SIZE ((1 + PT_TABLE_HEADER + PTRS_PER_PTE) * sizeof(u64))
#define ENTRIES_MALLOC 0
#define ENTRIES_ARENA 1
#define ARENA_AFTER 256

static __thread unsigned int entries_taken;
static __thread char *arena_next, *arena_end;

static struct {
	pthread_mutex_t lock;
	u64 *free;
} arena_free = { PTHREAD_MUTEX_INITIALIZER, NULL };

/*
 * A 2 MiB-aligned region of SIM_ARENA_SIZE bytes of host memory, zero,
 * advised for a transparent huge page (a hint: without THP it still
 * works), or NULL.  Both arenas, the memory map's and the page-table
 * entries', are made of these.
 */
static void *host_huge_region(void)
{
	char *p = mmap(NULL, 2 * SIM_ARENA_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *start;

	if (p == MAP_FAILED)
		return NULL;
	/* Aligned, so that it can be one huge page; the rest unmapped. */
	start = (char *)(((unsigned long)p + SIM_ARENA_SIZE - 1) &
			 ~(SIM_ARENA_SIZE - 1));
	if (start > p)
		munmap(p, (size_t)(start - p));
	munmap(start + SIM_ARENA_SIZE, (size_t)(p + SIM_ARENA_SIZE - start));
	madvise(start, SIM_ARENA_SIZE, MADV_HUGEPAGE);
	return start;
}

/* A new arena for this thread; false if the host has no memory for one. */
static bool arena_refill(void)
{
	char *start = host_huge_region();

	if (!start)
		return false;
	arena_next = start;
	arena_end = start + SIM_ARENA_SIZE;
	return true;
}

/*
 * Room for a table's header and entries (what follows the returned
 * pointer), zero if *@zero says so.
 */
static u64 *xmalloc_entries(bool *zero)
{
	u64 *t;

	*zero = false;
	if (host_cache.nr_entries)
		return host_cache.entries[--host_cache.nr_entries];
	if (entries_taken >= ARENA_AFTER) {
		pthread_mutex_lock(&arena_free.lock);
		t = arena_free.free;
		if (t)
			arena_free.free = (u64 *)t[0];
		pthread_mutex_unlock(&arena_free.lock);
		if (t) {
			t[-1] = ENTRIES_ARENA;
			return t;
		}
		if ((size_t)(arena_end - arena_next) >= ENTRIES_SIZE ||
		    arena_refill()) {
			t = (u64 *)arena_next;
			arena_next += ENTRIES_SIZE;
			t[0] = ENTRIES_ARENA;
			*zero = true;
			return t + 1;
		}
	}
	entries_taken++;
	t = malloc(ENTRIES_SIZE);
	if (!t)
		abort();
	t[0] = ENTRIES_MALLOC;
	return t + 1;
}

/* Entries no table has now, for another table (not ENTRIES_CACHE). */
static void free_entries_host(u64 *t)
{
	if (t[-1] == ENTRIES_MALLOC) {
		free(t - 1);
		return;
	}
	pthread_mutex_lock(&arena_free.lock);
	t[0] = (u64)arena_free.free;
	arena_free.free = t;
	pthread_mutex_unlock(&arena_free.lock);
}

static void free_entries(u64 *t)
{
	if (host_cache.nr_entries < ENTRIES_CACHE)
		host_cache.entries[host_cache.nr_entries++] = t;
	else
		free_entries_host(t);
}

static struct sim_arena *sim_arena_new(void)
{
	struct sim_arena *a = host_huge_region();

	if (!a)
		abort();
	a->users = 1;
	return a;
}

static void sim_arena_put(struct sim_arena *arena)
{
	if (!__atomic_sub_fetch(&arena->users, 1, __ATOMIC_ACQ_REL))
		munmap(arena, SIM_ARENA_SIZE);
}

static struct sim_chunk *sim_arena_chunk(void)
{
	struct sim_chunk *chunk;

	if (!host_cache.arena || host_cache.arena_next == SIM_ARENA_CHUNKS) {
		if (host_cache.arena)
			sim_arena_put(host_cache.arena);
		host_cache.arena = sim_arena_new();
		host_cache.arena_next = 0;
	}
	chunk = (struct sim_chunk *)(host_cache.arena + 1) +
		host_cache.arena_next++;
	__atomic_add_fetch(&host_cache.arena->users, 1, __ATOMIC_RELAXED);
	chunk->in_arena = true;
	return chunk;
}

/*
 * A chunk of the memory map (linux/sim_memmap.h), cache-line aligned.  Its
 * pages are not initialized: nothing reads a page at or above nr_pfns,
 * and sim_alloc_page() initializes one as it hands it out the first
 * time, so that a fresh machine does not pay for the whole chunk.
 * @nth: its index in the machine's memory map.
 */
struct sim_chunk *sim_chunk_alloc(unsigned long nth)
{
	struct sim_chunk *chunk;
	void *p;

	if (nth >= SIM_ARENA_FROM)
		return sim_arena_chunk();
	if (host_cache.nr_chunks)
		return host_cache.chunks[--host_cache.nr_chunks];
	if (posix_memalign(&p, 64, sizeof(struct sim_chunk)))
		abort();
	chunk = p;
	chunk->in_arena = false;
	return chunk;
}

/* Gives back to malloc what this thread kept (a thread that ends). */
void sim_host_cache_drain(void)
{
	/* What is left of this thread's arena, for the other threads. */
	while ((size_t)(arena_end - arena_next) >= ENTRIES_SIZE) {
		u64 *t = (u64 *)arena_next;

		arena_next += ENTRIES_SIZE;
		t[0] = ENTRIES_ARENA;
		free_entries_host(t + 1);
	}
	while (host_cache.nr_entries)
		free_entries_host(host_cache.entries[--host_cache.nr_entries]);
	while (host_cache.nr_chunks)
		free(host_cache.chunks[--host_cache.nr_chunks]);
	if (host_cache.arena)
		sim_arena_put(host_cache.arena);
	host_cache.arena = NULL;
}

/* A chunk of a machine destroyed (sim_destroy). */
void sim_chunk_free(struct sim_chunk *chunk)
{
	if (chunk->in_arena) {
		sim_arena_put((struct sim_arena *)((unsigned long)chunk &
						   ~(SIM_ARENA_SIZE - 1)));
		return;
	}
	if (host_cache.nr_chunks < CHUNK_CACHE)
		host_cache.chunks[host_cache.nr_chunks++] = chunk;
	else
		free(chunk);
}

/* sim_chunk_copy - @from's first @nr pages, to a chunk of @sim. */
void sim_chunk_copy(struct sim_chunk *to, const struct sim_chunk *from,
		    unsigned long nr, struct sim *sim)
{
	to->sim = sim;
	memcpy(to->pages, from->pages, nr * sizeof(struct page));
}

static void sim_grow_memory(struct sim *sim)
{
	unsigned long c = sim->nr_chunks;
	struct sim_chunk *chunk;

	if (c == sim_chunks_cap(c))
		sim->chunks = sim_obj_realloc(
			sim, sim->chunks, c * sizeof(*sim->chunks),
			sim_chunks_cap(c + 1) * sizeof(*sim->chunks));
	chunk = sim_chunk_alloc(c);
	chunk->sim = sim;
	sim->chunks[c] = chunk;
	sim->nr_chunks = c + 1;
}

/* A page handed out for the first time: free, with its PFN. */
static void sim_page_init(struct sim *sim, unsigned long pfn)
{
	struct page *page = pfn_to_page(sim, pfn);

	memset(page, 0, sizeof(*page));
	set_page_pfn(page, pfn);
	page->page_type = (unsigned int)PGTY_buddy << 24;
}

/* Returns a page with refcount 1, no flags, no type, no mapping. */
static struct page *sim_alloc_page(struct sim *sim)
{
	struct page *page;
	unsigned long pfn;

	if (!sim->nr_free) {
		if (sim->nr_pfns == sim->nr_chunks * SIM_CHUNK_PAGES)
			sim_grow_memory(sim);
		pfn = sim->nr_pfns++;
		page = pfn_to_page(sim, pfn);
		/*
		 * What sim_page_init() and the taking off the free list below
		 * leave in a page handed out the first time, in one store.
		 */
		*page = (struct page){
			.flags = (pfn & SIM_PFN_MASK) << SIM_PFN_PGSHIFT,
			.page_type = UINT32_MAX,
			._refcount = 1,
			.sim_gen = 1,
		};
		sim_touch_page_of(sim, page);
		sim->nr_allocated++;
		return page;
	}
	pfn = sim->free_pfns[--sim->nr_free];
	page = pfn_to_page(sim, pfn);
	__page_clear_type(page, PGTY_buddy);
	page->_refcount = 1;
	sim_touch_page_of(sim, page);
	page->sim_gen++;
	sim->nr_allocated++;
	return page;
}

struct folio *folio_alloc(struct sim *sim)
{
	return page_folio(sim_alloc_page(sim));
}

/* A free page goes on the list of free PFNs. */
static void sim_free_pfn(struct sim *sim, unsigned long pfn)
{
	if (sim->nr_free == sim->free_cap) {
		size_t old = sim->free_cap * sizeof(unsigned long);

		sim->free_cap = sim->free_cap ? 2 * sim->free_cap : 256;
		sim->free_pfns =
			sim_obj_realloc(sim, sim->free_pfns, old,
					sim->free_cap * sizeof(unsigned long));
	}
	sim->free_pfns[sim->nr_free++] = pfn;
}

/*
 * folio_alloc_large - a folio of 2^@order pages, PFN-aligned
 * (__folio_alloc with __GFP_COMP, prep_compound_page): refcount 1 on the
 * head, PG_head, every tail page pointing at it, the order and the
 * mapcounts of a folio nobody maps (_large_mapcount and _entire_mapcount
 * -1, _nr_pages_mapped and _pincount 0) in the first tail page.
 *
 * Deviation: the model has no buddy allocator that could find a free,
 * aligned block among the freed pages: the PFNs up to the next
 * SIM_CHUNK_PAGES boundary become free order-0 pages, and the folio takes
 * the fresh chunk after them; hence @order is at most SIM_CHUNK_SHIFT.
 */
struct folio *folio_alloc_large(struct sim *sim, unsigned int order)
{
	unsigned long nr = 1UL << order, pfn, i;
	struct folio *folio;

	if (order > SIM_CHUNK_SHIFT)
		__builtin_trap();
	while (sim->nr_pfns & (nr - 1)) {
		if (sim->nr_pfns == sim->nr_chunks * SIM_CHUNK_PAGES)
			sim_grow_memory(sim);
		sim_page_init(sim, sim->nr_pfns);
		sim_free_pfn(sim, sim->nr_pfns++);
	}
	if (sim->nr_pfns == sim->nr_chunks * SIM_CHUNK_PAGES)
		sim_grow_memory(sim);
	pfn = sim->nr_pfns;
	for (i = 0; i < nr; i++) {
		struct page *page;

		sim_page_init(sim, pfn + i);
		page = pfn_to_page(sim, pfn + i);
		page->page_type = UINT32_MAX;
		page->sim_gen++;
		if (i) {
			page->flags |= BIT(PG_sim_tail);
			page->private = i;
		}
	}
	sim->nr_pfns += nr;
	sim->nr_allocated += nr;
	folio = page_folio(pfn_to_page(sim, pfn));
	folio->flags |= BIT(PG_head);
	folio->_flags_1 |= order;
	folio->_large_mapcount = -1;
	folio->_entire_mapcount = -1;
	folio->_nr_pages_mapped = 0;
	folio->_pincount = 0;
	folio->_refcount = 1;
	/* The checker's tallies cover one page at a time: check everything. */
	sim_touch_all(sim);
	return folio;
}

/*
 * free_large_folio - the last reference to a large folio is gone: undo
 * prep_compound_page and free every page (free_pages_prepare on each).
 */
static void free_large_folio(struct folio *folio)
{
	unsigned long nr = folio_nr_pages(folio), i;

	VM_BUG_ON_PGFLAGS(folio_mapcount(folio) || folio->_pincount,
			  &folio->page);
	folio->_flags_1 &= ~0xffUL;
	folio->_large_mapcount = 0;
	folio->_entire_mapcount = 0;
	folio->_nr_pages_mapped = 0;
	folio->_pincount = 0;
	folio->flags &= ~BIT(PG_head);
	for (i = nr; i-- > 1;) {
		struct page *page = folio_page(folio, i);

		page->flags &= ~BIT(PG_sim_tail);
		page->private = 0;
		free_unref_page(page);
	}
	free_unref_page(&folio->page);
}

struct folio *vma_alloc_zeroed_movable_folio(struct vm_area_struct *vma,
					     unsigned long addr)
{
	/* folio_alloc(), without a call. */
	struct folio *folio = page_folio(sim_alloc_page(vma_sim(vma)));

	(void)addr;
	folio->sim_content = 0;
	page_set_written(&folio->page, -1, page_wtime(&folio->page));
	return folio;
}

void copy_user_highpage(struct page *to, struct page *from)
{
	to->sim_content = is_zero_page(from) ? 0 : from->sim_content;
	page_set_written(to, is_zero_page(from) ? -1 : page_writer(from),
			 page_wtime(from));
}

/*
 * free_unref_page - give a page whose last reference is gone back to the
 * allocator.  Like free_pages_prepare(), wipe the flags (PG_anon_exclusive
 * included) and the mapping: they are only meaningful while allocated.
 */
void free_unref_page(struct page *page)
{
	struct sim *sim = page_sim(page);

	VM_BUG_ON_PGFLAGS(page->_refcount != 0, page);
	VM_BUG_ON_PGFLAGS(page_mapcount(page) != 0, page);
	/*
	 * free_pages_prepare: a poisoned page never goes back to the
	 * allocator (hwpoison.held).  It keeps PG_hwpoison, and nothing else.
	 */
	if (PageHWPoison(page)) {
		page->flags &= ~SIM_PAGE_FLAGS_MASK | BIT(PG_hwpoison);
		page->mapping = 0;
		page->index = 0;
		page->private = 0;
		page->sim_content = 0;
		page->sim_wstamp = sim_wstamp(-1, 0);
		page->page_type = UINT32_MAX;
		sim_touch_page(page);
		sim->nr_allocated--;
		sim_trace(sim,
			  "free_pages_prepare: pfn %#lx is poisoned: held back",
			  page_to_pfn(page));
		return;
	}
	/* The PFN bits stay, as the section bits do in the kernel. */
	page->flags &= ~SIM_PAGE_FLAGS_MASK;
	page->mapping = 0;
	page->index = 0;
	page->private = 0;
	page->sim_content = 0;
	page->sim_wstamp = sim_wstamp(-1, 0);
	page->page_type = (unsigned int)PGTY_buddy << 24;
	sim_touch_page(page);
	sim_free_pfn(sim, page_to_pfn(page));
	sim->nr_allocated--;
}

void folio_put_refs(struct folio *folio, int refs)
{
	struct page *page = &folio->page;

	if (is_zero_page(page))
		return;
	VM_BUG_ON_PGFLAGS(PageBuddy(page) || page->_refcount < refs, page);
	page->_refcount -= refs;
	sim_touch_page(page);
	if (page->_refcount == 0) {
		if (folio_test_large(folio))
			free_large_folio(folio);
		else
			free_unref_page(page);
	}
}

/*
 * A page table's entries (page->pt_table) are shared by the clones of a
 * machine (sim_clone()) until one of them may write them: the u64 before
 * the entries counts the tables sharing them (atomically, as clones may
 * live in different threads), and pt_table_own() gives a table entries
 * of its own first.  The u64 before that says which groups of entries
 * may hold one that is not none (pt_table_groups(), kept by every writer
 * of an entry), so that a reader skips the others.  Only a walk that hands out a pointer into a table
 * (walk_to_pte_table() and free_pt_level() in mm/memory.c) owns it; the
 * readers (the checker, serialize) read shared entries as they are.
 */
static u64 *pt_table_new(void)
{
	bool zero;
	u64 *t = xmalloc_entries(&zero);

	if (!zero)
		memset(t, 0, (PTRS_PER_PTE + PT_TABLE_HEADER) * sizeof(u64));
	t[PT_TABLE_HEADER - 1] = 1;
	return t + PT_TABLE_HEADER;
}

/* One more table shares the entries @t (sim_clone()). */
u64 *pt_table_get(u64 *t)
{
	__atomic_add_fetch(&t[-1], 1, __ATOMIC_RELAXED);
	return t;
}

/* A table lets go of the entries @t: the last one frees them. */
void pt_table_put(u64 *t)
{
	if (t && !__atomic_sub_fetch(&t[-1], 1, __ATOMIC_ACQ_REL))
		free_entries(t - PT_TABLE_HEADER);
}

void __pt_table_own(struct page *table)
{
	bool zero;
	u64 *t = xmalloc_entries(&zero) + PT_TABLE_HEADER;

	*pt_table_groups(t) = *pt_table_groups(table->pt_table);
	t[-1] = 1;
	memcpy(t, table->pt_table, PTRS_PER_PTE * sizeof(u64));
	pt_table_put(table->pt_table);
	table->pt_table = t;
}

/*
 * pagetable_alloc - allocate and construct a page-table page for @mm
 * (pagetable_alloc + pagetable_pte_ctor/pmd_ctor/pgd_ctor).  As in
 * origin.pt-mm (docs/origins.md), the constructor records the owning mm
 * in pt_mm; the kernel does this for x86 PGDs only, the model for every
 * level.
 */
struct page *pagetable_alloc(struct mm_struct *mm)
{
	struct page *page = sim_alloc_page(mm->sim);

	__page_set_type(page, PGTY_table);
	page->pt_mm = mm;
	sim_touch_table(mm->sim, page);
	page->pt_table = pt_table_new();
	return page;
}

/* pagetable_dtor + pagetable_free: clears pt_mm, as origin.pt-mm does. */
void pagetable_free(struct page *page)
{
	sim_touch_table(page_sim(page), page);
	__page_clear_type(page, PGTY_table);
	page->pt_mm = NULL;
	pt_table_put(page->pt_table);
	page->pt_table = NULL;
	page->_refcount = 0;
	sim_touch_page(page);
	free_unref_page(page);
}

/*
 * mm/swap.c: folio_add_lru_vma (inline, linux/mm.h).  Deviation: no
 * per-CPU LRU batches, so a new folio is on the LRU at once and holds no
 * batch reference; lru_add_drain() has nothing to drain.
 */
void lru_add_drain(void)
{
}
