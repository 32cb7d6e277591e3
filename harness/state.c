// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copying, hashing and comparing whole states.  Since the model keeps no
 * global state, a struct sim is the whole machine: sim_clone() deep-copies
 * it (re-pointing every internal pointer into the copy; page-table entries
 * are shared copy-on-write, mm/page_alloc.c), and sim_hash() /
 * sim_equal() look at a canonical serialization of what the model state
 * means: pages (flags, counts, mapping, contents, page tables), processes,
 * VMAs, swap slots and GUP handles.  The allocator's free-list order,
 * allocation generations and event counters are history, not state, and
 * are left out.
 *
 * The canonical form (docs/state.md) does not depend on which PFN or swap
 * slot the allocator handed out, nor on the ids of exited processes:
 *
 *  - pages, swap slots, anon_vmas and shmem objects are named by a number
 *    given when a fixed walk first meets them, never by PFN, offset or id.
 *    The walk: the zero page; the live processes in mm id order, each
 *    with its VMAs in address order (anon_vma and shmem object numbered
 *    there), then its page tables from the PGD in index order, that is in
 *    address order: each table numbered and its entries put where the
 *    walk first meets it, an entry with its PFN (or a swap PTE with its
 *    offset) replaced by the number and every other bit kept (present and
 *    PROT_NONE flags; swap type, soft-dirty, uffd-wp, exclusive; a
 *    migration or hwpoison entry names a page, a PTE marker keeps its
 *    bits); then the swap devices by type; then the held GUP handles in
 *    handle order with their pages;
 *  - then what those lead to, in number order until nothing new comes: a
 *    shmem object's pages by index and its swap entries (index, slot
 *    number), each numbered page's state (flags,
 *    page type or mapcount, refcount, the mapping's number with its low
 *    bits, index, the swap slot's number for a swap-cache page, else
 *    private, contents; for a page table its mm), each numbered slot's
 *    state (count, contents, swap-cache page's number);
 *  - mm ids are names too: a live process is named by its rank among the
 *    live ones (1, 2, ...), wherever an mm is named (a handle's process,
 *    a page table's pt_mm), so exited processes leave no gap.  The order
 *    of the live ids is kept: the scenario runner names processes, and
 *    two states whose processes hold the same memory under swapped ids
 *    are different states to it;
 *  - free pages and free slots are not state.  Live pages or slots in use
 *    that the walk does not reach (a leak: the checker reports it) are
 *    added in PFN or offset order, and with leaked pages every page's PFN
 *    joins the stream: exact, but no longer independent of the allocator.
 *    A page table the walk from the PGD does not reach puts its entries
 *    with its state, read as PTEs.
 *
 * tests/unit/state-canon.c checks both sides: states reached two ways
 * are equal, a one-bit change anywhere is not.
 *
 * sim_hash() folds the stream as it is produced; sim_equal() records one
 * state's and compares the other's with it.  Both keep their numbering
 * on the stack while the state is small, and read only live objects (a
 * page table is skipped a run of none entries at a time).
 */
#include <stdlib.h>
#include <string.h>

#include "linux/ksm.h"
#include "linux/rmap.h"
#include "linux/swap.h"
#include "harness/harness.h"

/*
 * Every struct that sim_clone() copies, by size: a field added to one of
 * them stops the build here.  Decide whether it is state (serialize() must
 * put it, and sim_clone() re-point it if it points into the machine) or
 * history/derived (left out), add its row to tests/unit/state-fields.def,
 * which checks the decision, then update the size.  LP64 sizes.
 */
#if __SIZEOF_POINTER__ == 8
#define STATE_SIZE(type, size)                       \
	_Static_assert(sizeof(type) == (size), #type \
		       " changed: read harness/state.c, then update its size")
#else
#define STATE_SIZE(type, size)
#endif
STATE_SIZE(struct page, 64);
STATE_SIZE(struct mm_struct, 224);
STATE_SIZE(struct vm_area_struct, 88);
STATE_SIZE(struct anon_vma, 32);
STATE_SIZE(struct address_space, 56);
STATE_SIZE(struct swap_info_struct, 712);
STATE_SIZE(struct sim_pin, 32);
STATE_SIZE(struct sim_policy, 120);
STATE_SIZE(struct sim, 3128);

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		abort();
	return p;
}

/*
 * A copy's fixed-size objects and arrays share one allocation with its
 * struct sim (sim->block_end): one malloc() and one free() where there
 * were one per object.  BLOCK_ALIGN keeps each as aligned as malloc()
 * would.
 */
#define BLOCK_ALIGN(n) (((n) + 15) & ~(size_t)15)

static size_t clone_block_size(const struct sim *from)
{
	size_t n = BLOCK_ALIGN(sizeof(*from));
	const struct anon_vma *av;
	const struct address_space *as;
	const struct mm_struct *mm;
	const struct vm_area_struct *vma;
	unsigned int k;

	n += BLOCK_ALIGN(sim_chunks_cap(from->nr_chunks) *
			 sizeof(*from->chunks));
	n += BLOCK_ALIGN(from->free_cap * sizeof(*from->free_pfns));
	n += BLOCK_ALIGN(from->mms_cap * sizeof(*from->mms));
	n += BLOCK_ALIGN(from->ksm_dups_cap * sizeof(*from->ksm_dups));
	n += BLOCK_ALIGN(from->pins_cap * sizeof(*from->pins));
	for (av = from->anon_vmas; av; av = av->sim_next)
		n += BLOCK_ALIGN(sizeof(*av));
	for (as = from->mappings; as; as = as->sim_next)
		n += BLOCK_ALIGN(sizeof(*as));
	for_each_mm_including_dead(from, mm, k) {
		n += BLOCK_ALIGN(sizeof(*mm));
		for_each_vma(mm, vma)
			n += BLOCK_ALIGN(sizeof(*vma));
	}
	for (k = 0; k < from->nr_swapfiles; k++) {
		const struct swap_info_struct *si = from->swap_info[k];

		if (!si)
			continue;
		n += BLOCK_ALIGN(sizeof(*si)) +
		     BLOCK_ALIGN(swap_arrays_size(si->sim_nslots));
		if (si->cluster_info)
			n += BLOCK_ALIGN(swap_nr_clusters(si) *
					 sizeof(*si->cluster_info));
	}
	return n;
}

/* A copy of the first @n of @cap elements of @size bytes: NULL for none. */
static void *copy_array(const void *from, size_t n, size_t cap, size_t size)
{
	void *p;

	if (!cap)
		return NULL;
	p = xmalloc(cap * size);
	if (n)
		memcpy(p, from, n * size);
	return p;
}

/* The next @n bytes of the block that @next points into. */
static void *block_take(char **next, size_t n)
{
	void *p = *next;

	*next += BLOCK_ALIGN(n);
	return p;
}

/*
 * A copy of the first @n of @cap elements of @size bytes, in the block
 * @next points into: NULL for none.
 */
static void *block_copy(char **next, const void *from, size_t n, size_t cap,
			size_t size)
{
	void *p;

	if (!cap)
		return NULL;
	p = block_take(next, cap * size);
	if (n)
		memcpy(p, from, n * size);
	return p;
}

/* Machines this small map their ids on the stack (struct clone_map). */
#define CLONE_MAP_INLINE 32

struct clone_map {
	struct anon_vma **av;
	struct address_space **as;
	struct sim *to;
	char *next; /* the rest of to's block */
	struct anon_vma *av_in[CLONE_MAP_INLINE];
	struct address_space *as_in[CLONE_MAP_INLINE];
};

static unsigned long map_mapping(struct clone_map *m, unsigned long mapping)
{
	unsigned long low = mapping & PAGE_MAPPING_FLAGS;
	void *ptr = (void *)(mapping & ~PAGE_MAPPING_FLAGS);

	if (!ptr)
		return mapping;
	if (low & PAGE_MAPPING_ANON)
		return (unsigned long)m->av[((struct anon_vma *)ptr)->sim_id] |
		       low;
	return (unsigned long)m->as[((struct address_space *)ptr)->sim_id];
}

static struct vm_area_struct *clone_vmas(struct clone_map *m,
					 struct mm_struct *mm,
					 const struct mm_struct *from_mm)
{
	struct vm_area_struct *head = NULL, *prev = NULL;
	const struct vm_area_struct *from;

	for_each_vma(from_mm, from) {
		struct vm_area_struct *vma = block_take(&m->next, sizeof(*vma));

		*vma = *from;
		vma->vm_mm = mm;
		if (from->anon_vma)
			vma->anon_vma = m->av[from->anon_vma->sim_id];
		if (from->vm_mapping)
			vma->vm_mapping = m->as[from->vm_mapping->sim_id];
		vma->vm_prev = prev;
		vma->vm_next = NULL;
		if (prev)
			prev->vm_next = vma;
		else
			head = vma;
		prev = vma;
	}
	return head;
}

/**
 * sim_clone - deep copy of @from.  The copy has no trace hook.
 */
struct sim *sim_clone(const struct sim *from)
{
	size_t size = clone_block_size(from);
	struct sim *to = xmalloc(size);
	struct clone_map m;
	const struct anon_vma *av;
	const struct address_space *as;
	const struct mm_struct *from_mm;
	struct anon_vma **avtail;
	struct address_space **astail;
	unsigned long c, i;
	unsigned int k;

	*to = *from;
	to->block_end = (const char *)to + size;
	m.next = (char *)to + BLOCK_ALIGN(sizeof(*to));
	to->hooks.trace = NULL;
	to->hooks.trace_ctx = NULL;
	/*
	 * The copy keeps no touch record.  If the original changed nothing
	 * since its last check, neither did the copy, whose next check
	 * looks only at what changes after it; otherwise what changed
	 * before the copy is not known, and the copy's next check is full.
	 */
	to->touched = NULL;
	memset(&to->hooks.pages, 0, sizeof(to->hooks.pages));
	to->hooks.touch_all =
		from->hooks.touch_all || from->hooks.pages.n ||
		(from->touched && !sim_touch_empty(from->touched));

	/* Only the ids of live objects are read: no need to zero. */
	m.to = to;
	m.av = from->next_anon_vma_id < CLONE_MAP_INLINE ?
		       m.av_in :
		       xmalloc((from->next_anon_vma_id + 1) * sizeof(*m.av));
	m.as = from->next_mapping_id < CLONE_MAP_INLINE ?
		       m.as_in :
		       xmalloc((from->next_mapping_id + 1) * sizeof(*m.as));
	avtail = &to->anon_vmas;
	for (av = from->anon_vmas; av; av = av->sim_next) {
		struct anon_vma *n = block_take(&m.next, sizeof(*n));

		*n = *av;
		m.av[av->sim_id] = n;
		*avtail = n;
		avtail = &n->sim_next;
	}
	*avtail = NULL;
	for (av = from->anon_vmas; av; av = av->sim_next) {
		m.av[av->sim_id]->root = m.av[av->root->sim_id];
		m.av[av->sim_id]->parent =
			av->parent ? m.av[av->parent->sim_id] : NULL;
	}

	/* Only the array's room: its chunks are copied below. */
	to->chunks = block_copy(&m.next, NULL, 0,
				sim_chunks_cap(from->nr_chunks),
				sizeof(*to->chunks));
	for (c = 0; c < from->nr_chunks; c++) {
		unsigned long first = c << SIM_CHUNK_SHIFT;

		/* The pages never handed out are not initialized. */
		to->chunks[c] = sim_chunk_alloc(c);
		sim_chunk_copy(to->chunks[c], from->chunks[c],
			       from->nr_pfns - first < SIM_CHUNK_PAGES ?
				       from->nr_pfns - first :
				       SIM_CHUNK_PAGES,
			       to);
	}
	to->free_pfns = block_copy(&m.next, from->free_pfns, from->nr_free,
				   from->free_cap, sizeof(unsigned long));

	astail = &to->mappings;
	for (as = from->mappings; as; as = as->sim_next) {
		struct address_space *n = block_take(&m.next, sizeof(*n));

		*n = *as;
		n->sim = to;
		n->swap = copy_array(as->swap, as->nr_pages, as->nr_pages,
				     sizeof(*as->swap));
		n->pages = xmalloc(as->nr_pages * sizeof(*n->pages));
		for (i = 0; i < as->nr_pages; i++)
			n->pages[i] =
				as->pages[i] ?
					pfn_to_page(to,
						    page_to_pfn(as->pages[i])) :
					NULL;
		m.as[as->sim_id] = n;
		*astail = n;
		astail = &n->sim_next;
	}
	*astail = NULL;

	to->mms = block_copy(&m.next, NULL, 0, from->mms_cap, sizeof(*to->mms));
	for_each_mm_including_dead(from, from_mm, k) {
		struct mm_struct *mm = block_take(&m.next, sizeof(*mm));

		*mm = *from_mm;
		mm->sim = to;
		mm->pgd = mm->pgd ? pfn_to_page(to, page_to_pfn(mm->pgd)) :
				    NULL;
		/* Derived: the copy walks its own tables. */
		mm->sim_walk_table = NULL;
		mm->ksm_rmap_items = copy_array(from_mm->ksm_rmap_items,
						from_mm->ksm_nr_rmap_items,
						from_mm->ksm_nr_rmap_items,
						sizeof(*mm->ksm_rmap_items));
		mm->mmap = clone_vmas(&m, mm, from_mm);
		to->mms[k] = mm;
	}

	for (i = 0; i < from->nr_pfns; i++) {
		struct page *page = pfn_to_page(to, i);

		if (PageBuddy(page))
			continue;
		if (PageTable(page)) {
			/* Shared until either side writes (mm/page_alloc.c). */
			if (page->pt_table)
				page->pt_table = pt_table_get(page->pt_table);
			page->pt_mm = page->pt_mm ?
					      to->mms[page->pt_mm->mm_id] :
					      NULL;
			continue;
		}
		/* A tail page's mapping word holds its folio's counts. */
		if (!PageTail(page))
			page->mapping = map_mapping(&m, page->mapping);
	}

	for (k = 0; k < from->nr_swapfiles; k++) {
		const struct swap_info_struct *fsi = from->swap_info[k];
		struct swap_info_struct *si;

		if (!fsi)
			continue;
		si = block_take(&m.next, sizeof(*si));
		*si = *fsi;
		/* Only the slots with room: those looked at so far. */
		swap_arrays_copy(si, fsi,
				 block_take(&m.next,
					    swap_arrays_size(fsi->sim_nslots)));
		if (fsi->cluster_info) {
			size_t n = swap_nr_clusters(fsi) *
				   sizeof(*si->cluster_info);

			si->cluster_info = block_take(&m.next, n);
			memcpy(si->cluster_info, fsi->cluster_info, n);
		}
		for (i = 1; i < si->sim_nslots; i++)
			if (fsi->sim_cache[i])
				si->sim_cache[i] = pfn_to_page(
					to, page_to_pfn(fsi->sim_cache[i]));
		to->swap_info[k] = si;
	}

	to->ksm_dups = block_copy(&m.next, from->ksm_dups, from->ksm_nr_dups,
				  from->ksm_dups_cap, sizeof(*to->ksm_dups));
	to->pins = block_copy(&m.next, from->pins, from->nr_pins,
			      from->pins_cap, sizeof(*to->pins));
	for (k = 0; k < from->nr_pins; k++)
		if (to->pins[k].page)
			to->pins[k].page = pfn_to_page(
				to, page_to_pfn(from->pins[k].page));
	if (m.av != m.av_in)
		free(m.av);
	if (m.as != m.as_in)
		free(m.as);
	return to;
}

/*
 * Numbering: a small open-addressing map from a key (a struct page,
 * anon_vma or address_space pointer, a swap entry) to the number it was
 * given when first met, 1, 2, ..., and the keys in number order.  Small
 * states fit in the storage inside struct ser, on the caller's stack;
 * larger ones move to the heap.
 */
#define NMAP_INLINE_BITS 8
#define NMAP_INLINE (1U << NMAP_INLINE_BITS)
#define NMAP_START_BITS 5

struct nmap {
	u64 *keys;
	unsigned int *nums; /* 0: empty bucket */
	u64 *order; /* order[i]: the key numbered i + 1 */
	bool *walked; /* walked[i]: page tables, entries already put */
	unsigned int n, cap, bits;
	u64 keys_in[NMAP_INLINE];
	unsigned int nums_in[NMAP_INLINE];
	u64 order_in[NMAP_INLINE / 2];
	bool walked_in[NMAP_INLINE / 2];
};

static void nmap_init(struct nmap *m)
{
	m->keys = m->keys_in;
	m->nums = m->nums_in;
	m->order = m->order_in;
	m->walked = m->walked_in;
	m->n = 0;
	/* Small first: most states name few pages (an explorer's). */
	m->cap = 1U << NMAP_START_BITS;
	m->bits = NMAP_START_BITS;
	memset(m->nums_in, 0, m->cap * sizeof(*m->nums_in));
}

static void nmap_free(struct nmap *m)
{
	if (m->keys != m->keys_in) {
		free(m->keys);
		free(m->nums);
		free(m->order);
		free(m->walked);
	}
}

static unsigned int nmap_bucket(const struct nmap *m, u64 key)
{
	return (key * 0x9e3779b97f4a7c15ULL) >> (64 - m->bits);
}

/* @key numbered @num into @keys/@nums, m->cap buckets of m->bits. */
static void nmap_place(const struct nmap *m, u64 *keys, unsigned int *nums,
		       u64 key, unsigned int num)
{
	unsigned int b;

	for (b = nmap_bucket(m, key); nums[b]; b = (b + 1) & (m->cap - 1))
		;
	keys[b] = key;
	nums[b] = num;
}

/*
 * Within the inline room: the same keys and numbers in a table twice the
 * size (a number is the order of first appearance, not the bucket, so
 * nothing a serialization says changes).
 */
static void nmap_grow_inline(struct nmap *m)
{
	u64 keys[NMAP_INLINE / 2];
	unsigned int nums[NMAP_INLINE / 2], i, j = 0;

	for (i = 0; i < m->cap; i++)
		if (m->nums[i]) {
			keys[j] = m->keys[i];
			nums[j++] = m->nums[i];
		}
	m->cap *= 2;
	m->bits++;
	memset(m->nums_in, 0, m->cap * sizeof(*m->nums_in));
	for (i = 0; i < j; i++)
		nmap_place(m, m->keys, m->nums, keys[i], nums[i]);
}

static void nmap_grow(struct nmap *m)
{
	unsigned int cap = 2 * m->cap, old_cap = m->cap, i;
	u64 *keys = xmalloc(cap * sizeof(u64));
	unsigned int *nums = calloc(cap, sizeof(unsigned int));
	u64 *order = xmalloc(cap / 2 * sizeof(u64));
	bool *walked = xmalloc(cap / 2 * sizeof(bool));

	if (!nums)
		abort();
	memcpy(order, m->order, m->n * sizeof(u64));
	memcpy(walked, m->walked, m->n * sizeof(bool));
	m->bits++;
	m->cap = cap;
	for (i = 0; i < old_cap; i++)
		if (m->nums[i])
			nmap_place(m, keys, nums, m->keys[i], m->nums[i]);
	nmap_free(m);
	m->keys = keys;
	m->nums = nums;
	m->order = order;
	m->walked = walked;
}

/* @key, which has no number, at bucket @b: the next number. */
static unsigned int nmap_insert(struct nmap *m, u64 key, unsigned int b,
				bool *new);

/*
 * @key's number, giving it the next one if it has none; *@new says so.
 * Inline: most calls find a key already numbered, in its first bucket.
 */
static inline unsigned int nmap_get(struct nmap *m, u64 key, bool *new)
{
	unsigned int b;

	for (b = nmap_bucket(m, key); m->nums[b]; b = (b + 1) & (m->cap - 1))
		if (m->keys[b] == key) {
			*new = false;
			return m->nums[b];
		}
	return nmap_insert(m, key, b, new);
}

static unsigned int nmap_insert(struct nmap *m, u64 key, unsigned int b,
				bool *new)
{
	if (2 * (m->n + 1) > m->cap) {
		if (m->keys == m->keys_in && m->cap < NMAP_INLINE)
			nmap_grow_inline(m);
		else
			nmap_grow(m);
		return nmap_get(m, key, new);
	}
	*new = true;
	m->keys[b] = key;
	m->nums[b] = ++m->n;
	m->order[m->n - 1] = key;
	m->walked[m->n - 1] = false;
	return m->n;
}

/*
 * The serialization is a stream of u64 words: sim_hash() folds them as
 * they come, sim_equal() records the first state's and compares the
 * second's with it.
 */
enum ser_mode { SER_HASH, SER_RECORD, SER_COMPARE };
#define SER_INLINE 2048

#define SIM_SYM_MAX_PAGES 8

struct ser {
	enum ser_mode mode;
	/*
	 * sim_hash_history(): each page's and slot's contents also say
	 * which live processes may see them (the isolation property).
	 */
	bool history;
	u64 h;
	u64 *v;
	size_t n, cap;
	bool differ;
	const struct sim *sim;
	struct nmap pages, slots, avs, ases;
	/*
	 * Live mms numbered 1, 2, ... in mm id order (or in the order
	 * sim_hash_history_sym() tries); dead ones 0.
	 */
	unsigned int *rank;
	unsigned int rank_in[64];
	/*
	 * sim_hash_history_sym(): the live mms in the order they are put,
	 * and the values written renamed in the order they come (seeded).
	 */
	const struct mm_struct **mm_order;
	unsigned int nlive;
	bool rename_values;
	struct nmap vals;
	/*
	 * sim_hash_history_sym(): the pages of [pstart, pend) in every mm
	 * renamed: source page i is put as page pmap[i], output page j is
	 * source page pinv[j] (np pages, all in one PTE table; 0: none).
	 */
	unsigned long pstart, pend;
	unsigned int np;
	unsigned int pmap[SIM_SYM_MAX_PAGES], pinv[SIM_SYM_MAX_PAGES];
	/* Page numbers whose state, slot numbers and shmem objects done. */
	unsigned int pages_done, slots_done, ases_done;
	/* The live pages the numbered ones hold (number_unmet_pages()). */
	unsigned long pages_met;
	u64 v_in[SER_INLINE];
};

/* The record buffer is full, or the compared stream is longer. */
static void put_slow(struct ser *s, u64 x)
{
	u64 *v;

	if (s->mode == SER_COMPARE) {
		s->differ = true;
		s->n++;
		return;
	}
	v = xmalloc(2 * s->cap * sizeof(u64));
	memcpy(v, s->v, s->n * sizeof(u64));
	if (s->v != s->v_in)
		free(s->v);
	s->v = v;
	s->cap *= 2;
	s->v[s->n++] = x;
}

static inline void put(struct ser *s, u64 x)
{
	if (s->mode == SER_HASH) {
		s->h ^= x;
		s->h *= 0x100000001b3ULL;
		s->h ^= s->h >> 29;
	} else if (s->n == s->cap) {
		put_slow(s, x);
	} else if (s->mode == SER_RECORD) {
		s->v[s->n++] = x;
	} else {
		s->differ |= s->v[s->n++] != x;
	}
}

static u64 av_num(struct ser *s, const struct anon_vma *av)
{
	unsigned int n;
	bool new;

	if (!av)
		return 0;
	n = nmap_get(&s->avs, (u64)(uintptr_t)av, &new);
	if (new) {
		/* The tree shape is part of the state. */
		put(s, av_num(s, av->root == av ? NULL : av->root));
		put(s, av_num(s, av->parent));
	}
	return n;
}

static u64 as_num(struct ser *s, const struct address_space *as)
{
	bool new;

	return as ? nmap_get(&s->ases, (u64)(uintptr_t)as, &new) : 0;
}

/* A page's mapping, by kind and number; bits 42 and up are clear. */
static u64 mapping_id(struct ser *s, unsigned long mapping)
{
	void *ptr = (void *)(mapping & ~PAGE_MAPPING_FLAGS);

	if (!ptr)
		return 0;
	if (mapping & PAGE_MAPPING_ANON)
		return (1ULL << 32) | av_num(s, ptr) |
		       ((u64)(mapping & PAGE_MAPPING_FLAGS) << 40);
	/* Movable, not anon: no such page in the model; not a shmem object. */
	if (mapping & PAGE_MAPPING_FLAGS)
		return (3ULL << 32) | (mapping & PAGE_MAPPING_FLAGS);
	return (2ULL << 32) | as_num(s, ptr);
}

static unsigned int page_num(struct ser *s, const struct page *page, bool *new)
{
	return nmap_get(&s->pages, (u64)(uintptr_t)page, new);
}

/* The page a PFN names, or NULL if none exists. */
static const struct page *pfn_page(struct ser *s, u64 pfn)
{
	return pfn < s->sim->nr_pfns ? pfn_to_page((struct sim *)s->sim, pfn) :
				       NULL;
}

static u64 mm_rank(struct ser *s, unsigned long mm_id)
{
	return mm_id < s->sim->nr_mms ? s->rank[mm_id] : 0;
}

static const void *key_ptr(u64 key)
{
	return (const void *)(uintptr_t)key;
}

static void put_table(struct ser *s, unsigned int n, int level,
		      unsigned long base);

/* An address of the renamed pages, renamed (sim_hash_history_sym()). */
static u64 put_addr(const struct ser *s, u64 addr)
{
	u64 i;

	if (!s->np || addr < s->pstart || addr >= s->pend)
		return addr;
	i = (addr - s->pstart) >> PAGE_SHIFT;
	return s->pstart + ((u64)s->pmap[i] << PAGE_SHIFT) +
	       (addr & (PAGE_SIZE - 1));
}

/*
 * Contents: as they are, or (sim_hash_history_sym()) renamed: 0 stays 0
 * (the zero page, the swap zeromap read it), any other value is named by
 * the order it first comes in, after the seeds.  The model compares
 * contents only for equality (KSM) and with 0, so the renaming keeps
 * what later steps do.
 */
static void put_value(struct ser *s, u64 v)
{
	bool new;

	if (!s->rename_values || !v)
		put(s, v);
	else
		put(s, (1ULL << 63) | nmap_get(&s->vals, v, &new));
}

/*
 * Entry @i of a PTE table, @e, with what names a page or a slot replaced
 * by its number; all the other bits as they are.  The first word has the
 * index in the PFN field's low bits, which neither form uses otherwise.
 * Present (or PROT_NONE, either of which sets bit 0 or 8): the flag bits,
 * then the page's number (0 and the raw value for a PFN beyond memory).
 * Swap format (bits 0 and 8 clear): the bits below the offset
 * (soft-dirty, uffd-wp, exclusive, A/D) and the type, then the slot's
 * number for a swap device, the page's for a migration, hwpoison or device
 * entry, the marker bits for a PTE marker.
 */
static void put_pte(struct ser *s, unsigned int i, u64 e)
{
	pte_t pte = __pte(e);
	const struct page *page;
	swp_entry_t entry;
	unsigned int type;
	bool new;

	_Static_assert(PTRS_PER_PTE <= 1 << 9 && SWP_OFFSET_FIRST_BIT <= 12,
		       "an index and the low bits fit below the PFN's bit 21");
	if (pte_present(pte)) {
		page = pfn_page(s, pte_pfn(pte));
		put(s, (e & PTE_FLAGS_MASK) | (u64)i << PAGE_SHIFT);
		put(s, page ? page_num(s, page, &new) : 0);
		if (!page)
			put(s, e);
		return;
	}
	entry = pte_to_swp_entry(pte);
	type = swp_type(entry);
	put(s, (e & ((1ULL << SWP_OFFSET_FIRST_BIT) - 1)) |
		       (u64)i << PAGE_SHIFT | (u64)type << (PAGE_SHIFT + 9));
	if (type < MAX_SWAPFILES) {
		put(s, nmap_get(&s->slots, entry.val, &new));
	} else if (type == SWP_PTE_MARKER) {
		put(s, swp_offset(entry));
	} else {
		page = pfn_page(s, swp_offset(entry));
		put(s, page ? page_num(s, page, &new) : 0);
		if (!page)
			put(s, swp_offset(entry));
	}
}

/*
 * Entry @i of an upper-level table, @e: its flags and index, as a PTE's
 * are put, and the number of the table it points to, whose entries come
 * next if this is where the walk first met it.  One that names no page
 * (bit 0 clear in the first word): the index, then the entry as it is.
 */
static void put_pxd(struct ser *s, unsigned int i, u64 e, int level,
		    unsigned long base)
{
	const struct page *page = NULL;
	unsigned int n;
	bool new;

	if (e & _PAGE_PRESENT)
		page = pfn_page(s, pxd_pfn(e));
	if (!page) {
		put(s, (u64)i << PAGE_SHIFT);
		put(s, e);
		put(s, 0);
		return;
	}
	n = page_num(s, page, &new);
	put(s, (e & ~PTE_PFN_MASK) | (u64)i << PAGE_SHIFT);
	put(s, n);
	if (new)
		put_table(s, n, level + 1, base);
}

/* Level 0 is a PGD, 3 a PTE table: what an entry of each covers. */
static const int level_shift[] = { PGDIR_SHIFT, PUD_SHIFT, PMD_SHIFT,
				   PAGE_SHIFT };

static void put_entry(struct ser *s, unsigned int i, u64 e, int level,
		      unsigned long base)
{
	if (level == 3)
		put_pte(s, i, e);
	else
		put_pxd(s, i, e, level,
			base == ~0UL ? base :
				       base + ((unsigned long)i
					       << level_shift[level]));
}

/* The renamed pages' PTEs [lo, lo + np) of a PTE table, in their new order. */
static void put_renamed_ptes(struct ser *s, const u64 *t, unsigned int lo)
{
	unsigned int j;

	for (j = 0; j < s->np; j++)
		if (t[lo + s->pinv[j]])
			put_entry(s, lo + j, t[lo + s->pinv[j]], 3, 0);
}

/*
 * Level 0 is a PGD, 3 a PTE table; @base the address its first entry
 * covers (~0UL: not known, a table the walk did not reach).
 */
static void put_table(struct ser *s, unsigned int n, int level,
		      unsigned long base)
{
	const struct page *table = key_ptr(s->pages.order[n - 1]);
	unsigned int i, k, lo = PTRS_PER_PTE, hi = PTRS_PER_PTE;
	bool renamed = false;
	const u64 *t;
	u64 groups;

	if (PageBuddy(table) || !PageTable(table) || !table->pt_table)
		return;
	t = table->pt_table;
	s->pages.walked[n - 1] = true;
	if (level == 3 && s->np && base != ~0UL && s->pstart >= base &&
	    s->pstart - base < PMD_SIZE) {
		lo = (unsigned int)((s->pstart - base) >> PAGE_SHIFT);
		hi = lo + s->np;
		renamed = true;
	}
	/*
	 * Only the groups of entries the table marks may hold any.  The
	 * renamed PTEs come where the first entry at or past @lo would (none
	 * of the entries skipped to find it puts anything).
	 */
	for (groups = *pt_table_groups(table->pt_table); groups;
	     groups &= groups - 1) {
		unsigned int used = 0;

		i = (unsigned int)__builtin_ctzll(groups) * PT_GROUP;
#pragma GCC unroll 8
		for (k = 0; k < PT_GROUP; k++)
			used |= (unsigned int)(t[i + k] != 0) << k;
		for (; used; used &= used - 1) {
			k = i + (unsigned int)__builtin_ctz(used);
			if (k >= lo) {
				if (renamed) {
					put_renamed_ptes(s, t, lo);
					renamed = false;
				}
				if (k < hi)
					continue;
			}
			put_entry(s, k, t[k], level, base);
		}
	}
	if (renamed)
		put_renamed_ptes(s, t, lo);
	put(s, ~0ULL);
}

/* Renamed addresses first: an rmap_item as sim_hash_history_sym() puts it. */
static int by_renamed_address(const void *a, const void *b)
{
	const struct ksm_rmap_item *x = a, *y = b;

	return x->address < y->address ? -1 : x->address > y->address;
}

/*
 * The mm's KSM rmap_items, by address (the scan's order), each with the
 * contents its checksum was taken of, named as contents are (put_value;
 * the model's checksum is the contents xor SIM_KSM_CHECKSUM_SALT), or 0
 * for none yet.  Under a renaming of pages the addresses are renamed and
 * the items put in the renamed order, so that two states that differ
 * only by the names of pages and contents serialize alike.
 */
static void put_ksm_rmap_items(struct ser *s, const struct mm_struct *mm)
{
	struct ksm_rmap_item *v = mm->ksm_rmap_items, *sorted = NULL;
	unsigned int i, n = mm->ksm_nr_rmap_items;

	put(s, n);
	if (s->np && n > 1) {
		sorted = xmalloc(n * sizeof(*sorted));
		for (i = 0; i < n; i++) {
			sorted[i] = v[i];
			sorted[i].address = put_addr(s, v[i].address);
		}
		qsort(sorted, n, sizeof(*sorted), by_renamed_address);
		v = sorted;
	}
	for (i = 0; i < n; i++) {
		bool new;

		put(s, sorted ? v[i].address : put_addr(s, v[i].address));
		put(s, v[i].oldchecksum != 0);
		if (v[i].oldchecksum)
			put_value(s, v[i].oldchecksum ^ SIM_KSM_CHECKSUM_SALT);
		/* The stable node listing it: a stale one is none. */
		put(s, ksm_node_live((struct sim *)s->sim, v[i].kpfn) ?
			       page_num(s, pfn_page(s, v[i].kpfn), &new) :
			       0);
	}
	free(sorted);
}

static void put_mm(struct ser *s, const struct mm_struct *mm)
{
	const struct vm_area_struct *vma;
	unsigned int i, n;
	bool new;

	put(s, mm->flags);
	for (i = 0; i < NR_MM_COUNTERS; i++)
		put(s, (u64)mm->rss_stat[i]);
	/* The userfaultfd, and its handler's count of faults. */
	put(s, mm->uffd_ctx.open);
	put(s, mm->uffd_ctx.features);
	put(s, mm->uffd_ctx.faults);
	/* PR_MCE_KILL, and the SIGBUS signals caught, which `expect` reads. */
	put(s, mm->sim_mce_kill);
	for (i = 0; i < SIM_NR_BUS_CODES; i++)
		put(s, mm->sim_sigbus[i]);
	/* What ksmd saw last: whether a page merges in the next scan. */
	put_ksm_rmap_items(s, mm);
	for_each_vma(mm, vma) {
		put(s, vma->vm_start);
		put(s, vma->vm_end);
		put(s, vma->vm_flags);
		put(s, vma->vm_pgoff);
		/* Decides the next swap fault's readahead window. */
		put(s, vma->swap_readahead_info);
		put(s, av_num(s, vma->anon_vma));
		put(s, as_num(s, vma->vm_mapping));
	}
	put(s, ~0ULL);
	if (!mm->pgd) {
		put(s, 0);
		return;
	}
	n = page_num(s, mm->pgd, &new);
	put(s, n);
	if (new)
		put_table(s, n, 0, 0);
}

/*
 * What the isolation property will make of contents written by @writer at
 * @wtime: one bit per live process, in rank order, set if it may see
 * them.  A future child sees what its parent sees, so this is all of the
 * writer's history that a later step can tell apart.
 */
static void put_visibility(struct ser *s, int writer, u64 wtime)
{
	const struct mm_struct *mm;
	unsigned int k;
	u64 mask = 0, bit = 1;

	if (!s->history)
		return;
	if (s->mm_order) {
		/* At most 64 live processes here: one word, in put order. */
		for (k = 0; k < s->nlive; k++)
			if (sim_visible(s->sim, writer, wtime,
					(int)s->mm_order[k]->mm_id))
				mask |= 1ULL << k;
		put(s, mask);
		return;
	}
	for_each_mm(s->sim, mm, k) {
		if (sim_visible(s->sim, writer, wtime, (int)k))
			mask |= bit;
		bit <<= 1;
		if (!bit) {
			put(s, mask);
			mask = 0;
			bit = 1;
		}
	}
	put(s, mask);
}

/*
 * A large folio's counts, then each tail page's own flags, mapcount and
 * contents (its other words belong to the folio: linux/mm_types.h).
 */
static void put_large_folio_state(struct ser *s, const struct folio *folio)
{
	unsigned long i, nr = folio_nr_pages(folio);

	put(s, folio_order(folio));
	put(s, (u64)folio->_large_mapcount);
	put(s, (u64)folio->_entire_mapcount);
	put(s, (u64)folio->_nr_pages_mapped);
	put(s, (u64)folio->_pincount);
	for (i = 1; i < nr; i++) {
		const struct page *page = &folio->page + i;

		/* The order shares page[1]'s flags: it came above. */
		put(s, page->flags & SIM_PAGE_FLAGS_MASK & ~0xffUL);
		put(s, (u64)page->_mapcount);
		put(s, (u64)page->_refcount);
		put_value(s, page->sim_content);
		put_visibility(s, page_writer(page), page_wtime(page));
	}
}

/*
 * A numbered page's state.  A page-table page's entries came with the
 * walk; one the walk did not reach (a bug) shows them here, read as PTEs
 * since its level is unknown.
 */
static void put_page_state(struct ser *s, unsigned int n)
{
	const struct page *page = key_ptr(s->pages.order[n - 1]);
	bool new, in_swap;

	/* A numbered tail's head is numbered too, and counts its pages. */
	if (PageHead(page))
		s->pages_met += folio_nr_pages((const struct folio *)page);
	else
		s->pages_met += !PageBuddy(page) && !PageTail(page);
	/* A tail page's state is its folio's: name the head, which has it. */
	if (PageTail(page)) {
		put(s, page_num(s, compound_head(page), &new));
		put(s, page - compound_head(page));
		return;
	}
	put(s, page->flags & SIM_PAGE_FLAGS_MASK);
	put(s, (u64)page->page_type << 32 | (u32)page->_refcount);
	if (PageBuddy(page))
		return;
	if (PageTable(page)) {
		put(s, page->pt_mm ? mm_rank(s, page->pt_mm->mm_id) : ~0ULL);
		if (!s->pages.walked[n - 1])
			put_table(s, n, 3, ~0UL);
		return;
	}
	/* mapping_id() leaves bit 48 clear: whether a slot comes below. */
	in_swap = folio_test_swapcache(page_folio((struct page *)page)) &&
		  swp_type(page->swap) < MAX_SWAPFILES;
	put(s, mapping_id(s, page->mapping) | (u64)in_swap << 48);
	/* An anon page's index is its address's page number. */
	put(s,
	    page->mapping & PAGE_MAPPING_ANON ?
		    put_addr(s, (u64)page->index << PAGE_SHIFT) >> PAGE_SHIFT :
		    page->index);
	if (in_swap)
		put(s, nmap_get(&s->slots, page->swap.val, &new));
	else
		put(s, page->private);
	put_value(s, page->sim_content);
	put_visibility(s, page_writer(page), page_wtime(page));
	if (PageHead(page))
		put_large_folio_state(s, (const struct folio *)page);
}

/*
 * The allocator's state of a device (mm/swapfile.c): a cluster's place on
 * its list is its rank there (how many clusters of that list come
 * before it), so that two states whose lists are in the same order are
 * one, whatever numbers sim_seq reached.
 */
#define CLUSTER_LISTS (CLUSTER_FLAG_FULL + 1)

/* The list a cluster is on: its flags and, for some, its order. */
static inline unsigned int cluster_list(const struct swap_cluster_info *ci)
{
	unsigned int f = ci->flags, o = ci->order;

	/* Out of range only in a corrupt state: any list will do. */
	if (f >= CLUSTER_LISTS || o >= SWAP_NR_ORDERS)
		return 0;
	return f * SWAP_NR_ORDERS + o;
}

/*
 * How many clusters at the top of the device are untouched as swapon left
 * them: empty, on the free list, and its last entries, in index order.
 * The least start with that property, so that it is one of the state's
 * lists, not of how they came to be: a state serialized with the tail as
 * a number is the same state whatever the clusters' sim_seq numbers.
 */
/* Empty, free, of order 0: count, flags and order read as one word. */
static inline bool cluster_untouched(const struct swap_cluster_info *ci)
{
	static const struct swap_cluster_info want = {
		.count = 0, .flags = CLUSTER_FLAG_FREE, .order = 0
	};
	uint32_t a, b;

	_Static_assert(offsetof(struct swap_cluster_info, sim_seq) == 4,
		       "count, flags and order fill the first 4 bytes");
	memcpy(&a, ci, sizeof(a));
	memcpy(&b, &want, sizeof(b));
	return a == b;
}

static unsigned int free_list_tail(const struct swap_info_struct *si,
				   unsigned int n)
{
	const struct swap_cluster_info *cl = si->cluster_info;
	unsigned int t = n, i, maxfree = 0;
	u64 above = 1ULL << 32; /* the sim_seq of cl[t], if t < n */
	bool any = false;

	while (t > 0 && cluster_untouched(&cl[t - 1]) &&
	       cl[t - 1].sim_seq < above)
		above = cl[--t].sim_seq;
	/* Every free cluster below must come before the tail's. */
	for (i = 0; i < t; i++)
		if (cl[i].flags == CLUSTER_FLAG_FREE &&
		    (!any || cl[i].sim_seq > maxfree)) {
			maxfree = cl[i].sim_seq;
			any = true;
		}
	while (any && t < n && cl[t].sim_seq < maxfree)
		t++;
	return n - t;
}

static void put_swap_allocator(struct ser *s, const struct swap_info_struct *si)
{
	unsigned int i, j, n, tail, *order, *ranks, stack_order[2 * 64];
	unsigned int seen[CLUSTER_LISTS * SWAP_NR_ORDERS];

	put(s, si->lowest_bit);
	put(s, si->highest_bit);
	put(s, si->cluster_next);
	put(s, si->cluster_nr);
	for (i = 0; i < SWAP_NR_ORDERS; i++)
		put(s, (u64)si->cluster_next_order[i] << 32 |
			       si->frag_cluster_nr[i]);
	if (!si->cluster_info) {
		put(s, ~0ULL);
		return;
	}
	n = swap_nr_clusters(si);
	tail = free_list_tail(si, n);
	/* The clusters before the tail, each in full. */
	n -= tail;
	order = n <= 64 ? stack_order : xmalloc(2 * n * sizeof(*order));
	ranks = order + n;
	/*
	 * Each cluster's rank on its list, counted along the order of
	 * sim_seq.  Most often the clusters are in that order by index
	 * already (a device's lists change little): one pass; else sort
	 * them by sim_seq first (insertion: nearly in order still).
	 */
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < n; i++) {
		const struct swap_cluster_info *ci = &si->cluster_info[i];

		if (i && ci->sim_seq < si->cluster_info[i - 1].sim_seq)
			break;
		ranks[i] = seen[cluster_list(ci)]++;
	}
	if (i < n) {
		for (i = 0; i < n; i++) {
			unsigned int seq = si->cluster_info[i].sim_seq;

			for (j = i;
			     j > 0 &&
			     si->cluster_info[order[j - 1]].sim_seq > seq;
			     j--)
				order[j] = order[j - 1];
			order[j] = i;
		}
		memset(seen, 0, sizeof(seen));
		for (i = 0; i < n; i++) {
			const struct swap_cluster_info *ci =
				&si->cluster_info[order[i]];

			ranks[order[i]] = seen[cluster_list(ci)]++;
		}
	}
	/*
	 * In runs: clusters alike, each next on its list after the one
	 * before (a device's untouched clusters are one run).
	 */
	for (i = 0; i < n; i = j) {
		const struct swap_cluster_info *ci = &si->cluster_info[i];

		for (j = i + 1; j < n; j++) {
			const struct swap_cluster_info *cj =
				&si->cluster_info[j];

			if (cj->count != ci->count || cj->flags != ci->flags ||
			    cj->order != ci->order ||
			    ranks[j] != ranks[i] + (j - i))
				break;
		}
		put(s, (u64)ranks[i] << 32 | (u64)ci->order << 24 |
			       (u64)ci->flags << 16 | ci->count);
		put(s, j - i);
	}
	put(s, tail);
	if (order != stack_order)
		free(order);
}

/*
 * 6.12's swap slots cache of a device: which slots it holds, allocated
 * ahead (in the order it hands them out) and freed, each by its number.
 */
static void put_slots_cache(struct ser *s, const struct swap_info_struct *si)
{
	unsigned int i;
	bool new;

	put(s, si->slots_nr);
	for (i = si->slots_cur; i < si->slots_cur + si->slots_nr; i++)
		put(s, nmap_get(&s->slots,
				swp_entry(si->type, si->slots[i]).val, &new));
	put(s, si->n_ret);
	for (i = 0; i < si->n_ret; i++)
		put(s,
		    nmap_get(&s->slots,
			     swp_entry(si->type, si->slots_ret[i]).val, &new));
}

/* A numbered slot's state: its count, contents and swap-cache page. */
static void put_slot_state(struct ser *s, swp_entry_t entry)
{
	const struct swap_info_struct *si = s->sim->swap_info[swp_type(entry)];
	u64 off = swp_offset(entry);
	bool new;

	put(s, swp_type(entry));
	if (!si || off >= si->max) {
		put(s, ~0ULL);
		return;
	}
	/*
	 * Slots are numbered by the order they are met, but while cluster
	 * readahead may run (a swap file is on) where a slot lies decides
	 * which others a fault reads with it (swap_cluster_readahead: a block
	 * aligned to the window, next to the last faulting slot): then the
	 * offset itself is state.
	 */
	if (!swap_use_vma_readahead(s->sim))
		put(s, off);
	put(s, swap_slot_map(si, off));
	put(s, off < si->sim_nslots ? si->sim_cont[off] : 0);
	put_value(s, swap_slot_data(si, off));
	if (off < si->sim_nslots)
		put_visibility(s, si->sim_writer[off], si->sim_wtime[off]);
	put(s, swap_slot_cache(si, off) ?
		       page_num(s, swap_slot_cache(si, off), &new) :
		       0);
}

/*
 * The pages and slots met so far lead to more: a page's swap slot, a
 * slot's swap-cache page, a shmem object's pages.  Give each its state,
 * in number order, until nothing new comes.
 */
static void drain(struct ser *s)
{
	unsigned long i;
	bool new;

	for (;;) {
		if (s->ases_done < s->ases.n) {
			const struct address_space *as =
				key_ptr(s->ases.order[s->ases_done++]);

			/* tmpfs or a regular file: what reclaim does. */
			put(s, as->shmem);
			for (i = 0; i < as->nr_pages; i++) {
				if (as->pages[i])
					page_num(s, as->pages[i], &new);
				/* A swap entry of the mapping, by index. */
				if (as->swap[i].val) {
					put(s, i);
					put(s, nmap_get(&s->slots,
							as->swap[i].val, &new));
				}
			}
		} else if (s->pages_done < s->pages.n) {
			put_page_state(s, ++s->pages_done);
		} else if (s->slots_done < s->slots.n) {
			swp_entry_t entry = { s->slots.order[s->slots_done++] };

			put_slot_state(s, entry);
		} else {
			break;
		}
	}
}

/* What inuse_pages counts: the header slot (SWAP_MAP_BAD) is not. */
static bool slot_in_use(unsigned char map)
{
	return map && map != SWAP_MAP_BAD;
}

/*
 * Slots in use that nothing met: a leak, but state all the same.  The
 * device's count of slots in use says whether there are any; they are
 * numbered in offset order.
 */
static void number_unmet_slots(struct ser *s)
{
	unsigned int met[MAX_SWAPFILES] = { 0 }, i, k;
	bool new, scan = false;

	for (i = 0; i < s->slots.n; i++) {
		swp_entry_t entry = { s->slots.order[i] };
		const struct swap_info_struct *si =
			s->sim->swap_info[swp_type(entry)];

		if (si && swp_offset(entry) < si->max &&
		    slot_in_use(swap_slot_map(si, swp_offset(entry))))
			met[swp_type(entry)]++;
	}
	for (k = 0; k < s->sim->nr_swapfiles; k++) {
		const struct swap_info_struct *si = s->sim->swap_info[k];

		if (!si || met[k] == si->inuse_pages)
			continue;
		scan = true;
		for (i = 0; i < si->sim_nslots; i++)
			if (slot_in_use(si->swap_map[i]))
				nmap_get(&s->slots, swp_entry(k, i).val, &new);
	}
	if (scan)
		drain(s);
}

/*
 * Live pages that nothing met: a leak.  They are numbered in PFN order
 * and, since a page-table page among them may name others by PFN, every
 * numbered page's PFN goes into the stream: exact, no longer canonical.
 */
static void number_unmet_pages(struct ser *s)
{
	const struct sim *sim = s->sim;
	unsigned long pfn;
	unsigned int i;
	bool new;

	if (s->pages_met == sim->nr_pfns - sim->nr_free)
		return;
	for (pfn = 0; pfn < sim->nr_pfns; pfn++) {
		const struct page *page = pfn_page(s, pfn);

		if (!PageBuddy(page) && !PageTail(page))
			page_num(s, page, &new);
	}
	put(s, ~1ULL);
	for (i = 0; i < s->pages.n; i++)
		put(s, page_to_pfn(key_ptr(s->pages.order[i])));
	drain(s);
}

/* The next bit of @w, *@i, says @on (i is a constant once inlined). */
static inline void add_switch(u64 *w, unsigned int *i, bool on)
{
	*w |= (u64)on << (*i)++;
}

/*
 * The design decides what every later step does: each choice among more
 * than two a word, the switches (and the machine's, which a policy does
 * not set) the bits of one word.
 */
static void put_policy(struct ser *s, const struct sim *sim)
{
	const struct sim_policy *p = &sim->policy;
	unsigned int i = 0;
	u64 w = 0;

	put(s, p->wp_reuse);
	put(s, p->gup_ro);
	put(s, p->fork_pinned);
	put(s, p->swapin);
	put(s, p->swap_full_reclaim);
	put(s, p->swap_alloc);
	add_switch(&w, &i, p->anon_exclusive);
	add_switch(&w, &i, p->swapin_writable_on_read);
	add_switch(&w, &i, p->swp_exclusive);
	add_switch(&w, &i, p->reclaim_refuses_pinned);
	add_switch(&w, &i, p->mprotect_upgrade);
	add_switch(&w, &i, p->mprotect_upgrade_clean);
	add_switch(&w, &i, p->swap_zeromap);
	add_switch(&w, &i, p->gup_longterm_file_write_refused);
	add_switch(&w, &i, p->migrate_none_enoent);
	add_switch(&w, &i, p->huge_zero_wp_thp);
	add_switch(&w, &i, p->wp_reuse_large);
	add_switch(&w, &i, p->mremap_multi_vma);
	add_switch(&w, &i, p->pt_poison_kill);
	add_switch(&w, &i, p->mf_madvise_action_required);
	add_switch(&w, &i, p->mf_unsplit_thp_kill);
	add_switch(&w, &i, p->thp_split_zeropage);
	add_switch(&w, &i, p->swapin_large);
	add_switch(&w, &i, p->swapoff_hwpoison_entry);
	add_switch(&w, &i, p->collapse_ro);
	add_switch(&w, &i, p->ksm_checksum_first);
	add_switch(&w, &i, p->shmem_swapin_direct);
	add_switch(&w, &i, p->split_list_last_first);
	add_switch(&w, &i, sim->sysctl_memory_failure_early_kill);
	add_switch(&w, &i, sim->swap_slots_active);
	put(s, w);
}

static void serialize(const struct sim *sim, struct ser *s)
{
	const struct mm_struct *mm;
	unsigned int k, live = 0;
	bool new;

	s->sim = sim;
	nmap_init(&s->pages);
	nmap_init(&s->slots);
	nmap_init(&s->avs);
	nmap_init(&s->ases);
	s->pages_done = s->slots_done = s->ases_done = 0;
	s->pages_met = 0;
	s->rank = sim->nr_mms <= 64 ? s->rank_in :
				      xmalloc(sim->nr_mms * sizeof(*s->rank));
	for_each_mm_including_dead(sim, mm, k)
		s->rank[k] = mm->dead ? 0 : ++live;
	if (s->mm_order)
		for (k = 0; k < s->nlive; k++)
			s->rank[s->mm_order[k]->mm_id] = k + 1;

	put_policy(s, sim);
	/* Cluster readahead's history decides later windows. */
	put(s, sim->swap_ra_prev_offset);
	put(s, sim->swap_ra_last_pages);
	put(s, sim->swap_ra_hits);
	/* The THP sizes enabled decide what later faults allocate. */
	put(s, sim->thp_orders);
	/* Decides when KSM makes another page of the same contents. */
	put(s, sim->ksm_max_page_sharing);

	/* The zero page first: it is always there. */
	page_num(s, pfn_page(s, SIM_ZERO_PFN), &new);
	/* The huge zero folio, once there, is there for good. */
	put(s, sim->huge_zero_pfn ?
		       page_num(s, pfn_page(s, sim->huge_zero_pfn), &new) :
		       0);
	put(s, live);
	if (s->mm_order)
		for (k = 0; k < s->nlive; k++)
			put_mm(s, s->mm_order[k]);
	else
		for_each_mm(sim, mm, k)
			put_mm(s, mm);
	/*
	 * KSM's stable nodes, in chain order: which KSM page of some
	 * contents a page merges into next (mm/ksm.c stable_tree_search).
	 */
	for (k = 0; k < sim->ksm_nr_dups; k++)
		if (ksm_node_live((struct sim *)sim, sim->ksm_dups[k].kpfn))
			put(s, page_num(s, pfn_page(s, sim->ksm_dups[k].kpfn),
					&new));
	put(s, ~0ULL);

	for (k = 0; k < sim->nr_swapfiles; k++) {
		const struct swap_info_struct *si = sim->swap_info[k];

		if (!si)
			continue;
		put(s, k);
		put(s, si->flags);
		put(s, si->max);
		put(s, si->sim_slow_writeback);
		/* The header, SWAP_MAP_BAD since swapon. */
		put(s, swap_slot_map(si, 0));
		/*
		 * Where the allocator puts the next slots, when offsets are
		 * state (put_slot_state): the free-slot bounds, the lists of
		 * the clusters (each list's order by sim_seq, not the number
		 * itself), the next offset per order, 6.12's linear scan.
		 */
		if (!swap_use_vma_readahead(sim))
			put_swap_allocator(s, si);
		put_slots_cache(s, si);
	}
	put(s, ~0ULL);
	/* Held handles only: a released slot is reused like a fresh one. */
	for (k = 0; k < sim->nr_pins; k++) {
		const struct sim_pin *pin = &sim->pins[k];

		if (!pin->page)
			continue;
		put(s, k);
		put(s, page_num(s, pin->page, &new));
		put(s, pin->gup_flags);
		/* What the properties compare the pinned page with. */
		put(s, pin->connected);
		put(s, mm_rank(s, pin->mm_id));
		put(s, put_addr(s, pin->address));
	}
	put(s, ~0ULL);
	drain(s);
	number_unmet_slots(s);
	number_unmet_pages(s);

	if (s->rank != s->rank_in)
		free(s->rank);
	nmap_free(&s->pages);
	nmap_free(&s->slots);
	nmap_free(&s->avs);
	nmap_free(&s->ases);
}

static uint64_t hash(const struct sim *sim, bool history)
{
	struct ser s;

	s.mode = SER_HASH;
	s.history = history;
	s.mm_order = NULL;
	s.rename_values = false;
	s.np = 0;
	s.h = 0xcbf29ce484222325ULL;
	serialize(sim, &s);
	return s.h;
}

uint64_t sim_hash_history(const struct sim *sim)
{
	return hash(sim, true);
}

/* Live processes up to which every order is tried. */
#define SYM_MAX_PERM 5
#define SYM_MAX_LIVE 64

/* The next permutation of @p[0..n) in lexicographic order; false at the last. */
static bool next_perm(unsigned int *p, unsigned int n)
{
	unsigned int i, j, t;

	if (n < 2)
		return false;
	for (i = n - 1; i > 0 && p[i - 1] >= p[i]; i--)
		;
	if (!i)
		return false;
	for (j = n - 1; p[j] <= p[i - 1]; j--)
		;
	t = p[i - 1];
	p[i - 1] = p[j];
	p[j] = t;
	for (j = n - 1; i < j; i++, j--) {
		t = p[i];
		p[i] = p[j];
		p[j] = t;
	}
	return true;
}

/* An anon_vma's depth in its tree: 0 for none, 1 for a root. */
static u64 av_depth(const struct anon_vma *av)
{
	u64 d = 0;

	for (; av; av = av->parent)
		d++;
	return d;
}

/*
 * What of a process does not depend on names (of processes, pages,
 * values): its flags, counters and VMAs, with the depth of each VMA's
 * anon_vma.  Processes whose signatures differ are not interchangeable,
 * so only the orders that sort the signatures need trying.
 */
static u64 mm_signature(const struct mm_struct *mm)
{
	const struct vm_area_struct *vma;
	u64 h = 0xcbf29ce484222325ULL;
	unsigned int i;

#define MIX(x) (h = ((h ^ (u64)(x)) * 0x100000001b3ULL) ^ (h >> 29))
	MIX(mm->flags);
	for (i = 0; i < NR_MM_COUNTERS; i++)
		MIX(mm->rss_stat[i]);
	MIX(mm->uffd_ctx.open);
	MIX(mm->sim_mce_kill);
	for_each_vma(mm, vma) {
		MIX(vma->vm_start);
		MIX(vma->vm_end);
		MIX(vma->vm_flags);
		MIX(vma->vm_pgoff);
		MIX(av_depth(vma->anon_vma));
		MIX(!!vma->vm_mapping);
	}
#undef MIX
	return h;
}

/*
 * What of page @i of the renamed pages does not depend on names: the
 * flags of its PTE in each live process (summed: in no process order),
 * and the handles that hold it.
 */
static u64 page_signature(const struct sim *sim, const struct sim_sym *sym,
			  unsigned int i)
{
	unsigned long addr = sym->start + i * PAGE_SIZE;
	const struct mm_struct *mm;
	u64 sum = 0, e;
	unsigned int k;

	for_each_mm(sim, mm, k) {
		const pte_t *pte =
			pte_offset_map_ro((struct mm_struct *)mm, addr);

		e = pte ? pte_val(*pte) : 0;
		e = pte_present(__pte(e)) ?
			    e & PTE_FLAGS_MASK :
			    e & ((1ULL << SWP_OFFSET_FIRST_BIT) - 1);
		sum += (e + 1) * 0x9e3779b97f4a7c15ULL ^ (e >> 7);
	}
	for (k = 0; k < sim->nr_pins; k++)
		if (sim->pins[k].page && sim->pins[k].address >= addr &&
		    sim->pins[k].address < addr + PAGE_SIZE)
			sum += (sim->pins[k].gup_flags + 1) *
			       0xff51afd7ed558ccdULL;
	return sum;
}

/*
 * Whether @sym's pages are interchangeable: one PTE table holds them, one
 * VMA of each live process covers them, and no enabled THP size fits in
 * it (a large folio's alignment would tell the pages apart).
 */
static bool pages_renamable(const struct sim *sim, const struct sim_sym *sym)
{
	unsigned long end = sym->start + sym->npages * PAGE_SIZE;
	const struct mm_struct *mm;
	unsigned int k;

	/*
	 * A swap fault reads ahead a window placed by the fault's address
	 * and the VMA's history of faults (swap_vma_ra_win: centred, or
	 * forwards or backwards from the previous fault, clamped to the
	 * VMA), so which pages come back with it depends on where each page
	 * is: no renaming of pages when swap faults may come.
	 */
	if (sym->swap || sym->npages < 2 || sym->npages > SIM_SYM_MAX_PAGES ||
	    (sym->start & PMD_MASK) != ((end - 1) & PMD_MASK))
		return false;
	for_each_mm(sim, mm, k) {
		const struct vm_area_struct *vma =
			vma_lookup((struct mm_struct *)mm, sym->start);

		if (!vma || vma->vm_end < end)
			return false;
		if (sim->thp_orders &&
		    (PAGE_SIZE << __builtin_ctzll(sim->thp_orders)) <=
			    vma->vm_end - vma->vm_start)
			return false;
	}
	return true;
}

/*
 * A KSM pass (ksm_do_scan) walks the processes in id order and each one's
 * pages in address order, and what it makes of two pages with the same
 * contents depends on which it meets first (try_to_merge_two_pages: the
 * later becomes the KSM page, and if the earlier cannot follow, break_cow
 * undoes it; stable_tree_search takes the first KSM page of some
 * contents).  So when KSM may run, a renaming must keep the order in
 * which the pass meets the mappings of such pages: ksm_order lists them,
 * as (live process index, page of @sym) in the pass's order.  Returns
 * how many, or -1 when one is outside @sym's pages or there are too many
 * to tell (then no renaming is tried).
 */
#define KSM_ORDER_MAX 32

struct ksm_pos {
	unsigned int proc, page;
};

static int ksm_order(const struct sim *sim, const struct sim_sym *sym,
		     const struct mm_struct *const *live, unsigned int n,
		     struct ksm_pos *pos)
{
	u64 seen[64], rep[64];
	unsigned long pfn, addr;
	unsigned int ns = 0, nr = 0, k, i, np = 0;

	for (pfn = SIM_ZERO_PFN + 1; pfn < sim->nr_pfns; pfn++) {
		const struct page *page = pfn_to_page((struct sim *)sim, pfn);

		if (PageBuddy(page) || PageTable(page) || PageTail(page) ||
		    !(page->mapping & PAGE_MAPPING_ANON))
			continue;
		for (k = 0; k < ns && seen[k] != page->sim_content; k++)
			;
		if (k < ns) {
			for (i = 0; i < nr && rep[i] != page->sim_content; i++)
				;
			if (i == nr)
				rep[nr++] = page->sim_content;
			continue;
		}
		if (ns == ARRAY_SIZE(seen))
			return -1;
		seen[ns++] = page->sim_content;
	}
	if (!nr)
		return 0;
	for (k = 0; k < n; k++) {
		const struct vm_area_struct *vma;

		for_each_vma((struct mm_struct *)live[k], vma)
			for (addr = vma->vm_start; addr < vma->vm_end;
			     addr += PAGE_SIZE) {
				const pte_t *pte = pte_offset_map_ro(
					(struct mm_struct *)live[k], addr);
				const struct page *page;

				if (!pte || !pte_present(*pte) ||
				    pte_pfn(*pte) >= sim->nr_pfns)
					continue;
				page = pfn_to_page((struct sim *)sim,
						   pte_pfn(*pte));
				if (PageBuddy(page) || PageTable(page) ||
				    !(page->mapping & PAGE_MAPPING_ANON))
					continue;
				for (i = 0;
				     i < nr && rep[i] != page->sim_content; i++)
					;
				if (i == nr)
					continue;
				if (addr < sym->start ||
				    addr >= sym->start +
						    sym->npages * PAGE_SIZE ||
				    np == KSM_ORDER_MAX)
					return -1;
				pos[np].proc = k;
				pos[np++].page =
					(unsigned int)((addr - sym->start) >>
						       PAGE_SHIFT);
			}
	}
	return (int)np;
}

/*
 * Whether the renaming that puts live process perm[k] k-th and source page
 * i at pmap[i] (identity past @np) keeps the order of @pos.
 */
static bool keeps_ksm_order(const struct ksm_pos *pos, int npos,
			    const unsigned int *perm, unsigned int n,
			    const unsigned int *pmap, unsigned int np)
{
	unsigned int at[SYM_MAX_LIVE], k;
	u64 last = 0, key;
	int i;

	for (k = 0; k < n; k++)
		at[perm[k]] = k;
	for (i = 0; i < npos; i++) {
		key = (u64)at[pos[i].proc] << 32 |
		      (pos[i].page < np ? pmap[pos[i].page] : pos[i].page);
		if (i && key <= last)
			return false;
		last = key;
	}
	return true;
}

/* Sorts @perm[0..n) by @sig, stably: the first order the loops try. */
static void sort_by(unsigned int *perm, unsigned int n, const u64 *sig)
{
	unsigned int k, j, t;

	for (k = 1; k < n; k++) {
		t = perm[k];
		for (j = k; j && sig[perm[j - 1]] > sig[t]; j--)
			perm[j] = perm[j - 1];
		perm[j] = t;
	}
}

static bool sorted_by(const unsigned int *perm, unsigned int n, const u64 *sig)
{
	unsigned int k;

	for (k = 1; k < n; k++)
		if (sig[perm[k - 1]] > sig[perm[k]])
			return false;
	return true;
}

/*
 * The next order of @perm[0..n) that sorts @sig (lexicographic, from the
 * stable sort, which is the first); false after the last.
 */
static bool next_sorted_perm(unsigned int *perm, unsigned int n, const u64 *sig)
{
	while (next_perm(perm, n))
		if (sorted_by(perm, n, sig))
			return true;
	return false;
}

/*
 * sim_hash_history() up to renaming: the least hash over the orders of
 * the live processes (every order that sorts mm_signature(), up to
 * SYM_MAX_PERM of them, else mm id order) and of @sym's pages (every
 * order that sorts page_signature(), when pages_renamable()), with
 * contents renamed (put_value) from seeds: the pages' values in the page
 * order tried, then @sym->next[i], the value the i-th live process (mm
 * id order) writes next, in the process order tried.  When KSM may run
 * and contents repeat (contents_repeat()), only mm id and address order.
 */
/* One order's hash: live process perm[k] k-th, output page k source pp[k]. */
static u64 sym_hash_one(const struct sim *sim, const struct sim_sym *sym,
			const struct mm_struct *const *live,
			const unsigned int *perm, unsigned int n,
			const unsigned int *pp, unsigned int np)
{
	const struct mm_struct *order[SYM_MAX_LIVE];
	unsigned int k;
	struct ser s;
	bool new;

	s.mode = SER_HASH;
	s.history = true;
	s.h = 0xcbf29ce484222325ULL;
	for (k = 0; k < n; k++)
		order[k] = live[perm[k]];
	s.mm_order = order;
	s.nlive = n;
	s.np = np;
	s.pstart = sym->start;
	s.pend = sym->start + np * PAGE_SIZE;
	for (k = 0; k < np; k++) {
		s.pinv[k] = pp[k];
		s.pmap[pp[k]] = k;
	}
	s.rename_values = true;
	nmap_init(&s.vals);
	for (k = 0; k < sym->npages; k++)
		nmap_get(&s.vals, sym->page_values[k < np ? pp[k] : k], &new);
	for (k = 0; k < n; k++)
		nmap_get(&s.vals, sym->next[perm[k]], &new);
	serialize(sim, &s);
	nmap_free(&s.vals);
	return s.h;
}

uint64_t sim_hash_history_sym(const struct sim *sim, const struct sim_sym *sym)
{
	const struct mm_struct *live[SYM_MAX_LIVE], *mm;
	unsigned int perm[SYM_MAX_LIVE], pp[SIM_SYM_MAX_PAGES] = { 0 };
	unsigned int n = 0, np = 0, k;
	u64 sig[SYM_MAX_LIVE] = { 0 }, psig[SIM_SYM_MAX_PAGES] = { 0 };
	struct ksm_pos kpos[KSM_ORDER_MAX];
	uint64_t best = ~0ULL, h;
	int nkpos = 0;
	bool all, tried = false;

	for_each_mm(sim, mm, k) {
		if (n == SYM_MAX_LIVE)
			return sim_hash_history(sim);
		perm[n] = n;
		sig[n] = mm_signature(mm);
		live[n++] = mm;
	}
	if (sym->ksm)
		nkpos = ksm_order(sim, sym, live, n, kpos);
	all = n <= SYM_MAX_PERM && nkpos >= 0;
	if (all)
		sort_by(perm, n, sig);
	if (nkpos >= 0 && pages_renamable(sim, sym)) {
		np = sym->npages;
		for (k = 0; k < np; k++) {
			pp[k] = k;
			psig[k] = page_signature(sim, sym, k);
		}
		sort_by(pp, np, psig);
	}
	do {
		unsigned int p0[SIM_SYM_MAX_PAGES];

		memcpy(p0, pp, sizeof(p0));
		do {
			unsigned int pmap[SIM_SYM_MAX_PAGES];

			for (k = 0; k < np; k++)
				pmap[pp[k]] = k;
			if (nkpos > 0 &&
			    !keeps_ksm_order(kpos, nkpos, perm, n, pmap, np))
				continue;
			tried = true;
			h = sym_hash_one(sim, sym, live, perm, n, pp, np);
			if (h < best)
				best = h;
		} while (np && next_sorted_perm(pp, np, psig));
		memcpy(pp, p0, sizeof(pp));
	} while (all && next_sorted_perm(perm, n, sig));
	if (tried && nkpos >= 0)
		return best;
	/*
	 * No renaming keeps the KSM pass's order: mm id and address order,
	 * a key of another kind (it never meets one of the first).
	 */
	for (k = 0; k < n; k++)
		perm[k] = k;
	return sym_hash_one(sim, sym, live, perm, n, pp, 0) ^
	       0x5bd1e9955bd1e995ULL;
}

uint64_t sim_hash(const struct sim *sim)
{
	return hash(sim, false);
}

bool sim_equal(const struct sim *a, const struct sim *b)
{
	struct ser s;
	bool eq;

	if (a == b)
		return true;
	s.mode = SER_RECORD;
	s.history = false;
	s.mm_order = NULL;
	s.rename_values = false;
	s.np = 0;
	s.v = s.v_in;
	s.n = 0;
	s.cap = SER_INLINE;
	serialize(a, &s);
	s.mode = SER_COMPARE;
	s.cap = s.n;
	s.n = 0;
	s.differ = false;
	serialize(b, &s);
	eq = !s.differ && s.n == s.cap;
	if (s.v != s.v_in)
		free(s.v);
	return eq;
}
