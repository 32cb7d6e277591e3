// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copying, hashing and comparing whole states.  Since the model keeps no
 * global state, a struct sim is the whole machine: sim_clone() deep-copies
 * it (re-pointing every internal pointer into the copy), and sim_hash() /
 * sim_equal() look at a canonical serialization of what the model state
 * means: pages (flags, counts, mapping, contents, page tables), processes,
 * VMAs and GUP handles.  The allocator's free-list order, allocation
 * generations and event counters are history, not state, and are left out.
 */
#include <stdlib.h>
#include <string.h>

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
STATE_SIZE(struct mm_struct, 160);
STATE_SIZE(struct vm_area_struct, 80);
STATE_SIZE(struct anon_vma, 32);
STATE_SIZE(struct address_space, 32);
STATE_SIZE(struct swap_info_struct, 88);
STATE_SIZE(struct sim_pin, 32);
STATE_SIZE(struct sim_policy, 88);
STATE_SIZE(struct sim, 2296);

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		abort();
	return p;
}

struct clone_map {
	struct anon_vma **av;
	struct address_space **as;
	struct sim *to;
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
		struct vm_area_struct *vma = xmalloc(sizeof(*vma));

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

/*
 * The slots of @si below which all are: the allocator's high-water mark,
 * or beyond it the last slot with a use count (a state a test forged).
 */
static unsigned long swap_slots_used(const struct swap_info_struct *si)
{
	unsigned long n = si->max;
	u64 word;

	/* Eight free slots at a time: this is most of a sparse device. */
	while (n >= si->sim_hwm + sizeof(word)) {
		memcpy(&word, &si->swap_map[n - sizeof(word)], sizeof(word));
		if (word)
			break;
		n -= sizeof(word);
	}
	while (n > si->sim_hwm && !si->swap_map[n - 1])
		n--;
	return n > si->max ? si->max : n ? n : 1;
}

/**
 * sim_clone - deep copy of @from.  The copy has no trace hook.
 */
struct sim *sim_clone(const struct sim *from)
{
	struct sim *to = xmalloc(sizeof(*to));
	struct clone_map m = { .to = to };
	const struct anon_vma *av;
	const struct address_space *as;
	const struct mm_struct *from_mm;
	struct anon_vma **avtail;
	struct address_space **astail;
	unsigned long c, i, used;
	unsigned int k;

	*to = *from;
	to->hooks.trace = NULL;
	to->hooks.trace_ctx = NULL;
	/* What changed before the copy is not known: check it all. */
	to->touched = NULL;
	to->hooks.touch_all = true;

	m.av = calloc(from->next_anon_vma_id + 1, sizeof(*m.av));
	m.as = calloc(from->next_mapping_id + 1, sizeof(*m.as));
	if (!m.av || !m.as)
		abort();
	avtail = &to->anon_vmas;
	for (av = from->anon_vmas; av; av = av->sim_next) {
		struct anon_vma *n = xmalloc(sizeof(*n));

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

	to->chunks =
		xmalloc(sim_chunks_cap(from->nr_chunks) * sizeof(*to->chunks));
	for (c = 0; c < from->nr_chunks; c++) {
		to->chunks[c] = sim_chunk_alloc();
		memcpy(to->chunks[c], from->chunks[c],
		       sizeof(struct sim_chunk));
		to->chunks[c]->sim = to;
	}
	to->free_pfns = xmalloc(from->free_cap * sizeof(unsigned long));
	if (from->nr_free)
		memcpy(to->free_pfns, from->free_pfns,
		       from->nr_free * sizeof(unsigned long));

	astail = &to->mappings;
	for (as = from->mappings; as; as = as->sim_next) {
		struct address_space *n = xmalloc(sizeof(*n));

		*n = *as;
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

	to->mms = xmalloc(from->mms_cap * sizeof(*to->mms));
	for_each_mm_including_dead(from, from_mm, k) {
		struct mm_struct *mm = xmalloc(sizeof(*mm));

		*mm = *from_mm;
		mm->sim = to;
		mm->pgd = mm->pgd ? pfn_to_page(to, page_to_pfn(mm->pgd)) :
				    NULL;
		/* Derived: the copy walks its own tables. */
		mm->sim_walk_table = NULL;
		mm->mmap = clone_vmas(&m, mm, from_mm);
		to->mms[k] = mm;
	}

	for (i = 0; i < from->nr_pfns; i++) {
		struct page *page = pfn_to_page(to, i);

		if (PageBuddy(page))
			continue;
		if (PageTable(page)) {
			u64 *t = xmalloc(PTRS_PER_PTE * sizeof(u64));

			memcpy(t, page->pt_table, PTRS_PER_PTE * sizeof(u64));
			page->pt_table = t;
			page->pt_mm = page->pt_mm ?
					      to->mms[page->pt_mm->mm_id] :
					      NULL;
			continue;
		}
		page->mapping = map_mapping(&m, page->mapping);
	}

	for (k = 0; k < MAX_SWAPFILES; k++) {
		const struct swap_info_struct *fsi = from->swap_info[k];
		struct swap_info_struct *si;

		if (!fsi)
			continue;
		si = xmalloc(sizeof(*si));
		*si = *fsi;
		/* Zeroed arrays: only the slots in use need copying. */
		swap_arrays_alloc(si, fsi->sim_nslots);
		used = swap_slots_used(fsi);
		memcpy(si->swap_map, fsi->swap_map, used);
		/* Slot 0 is the header, never used: its pages stay untouched. */
		used--;
		memcpy(si->sim_data + 1, fsi->sim_data + 1, used * sizeof(u64));
		memcpy(si->sim_writer + 1, fsi->sim_writer + 1,
		       used * sizeof(int));
		memcpy(si->sim_wtime + 1, fsi->sim_wtime + 1,
		       used * sizeof(u64));
		memcpy(si->sim_use + 1, fsi->sim_use + 1,
		       used * sizeof(*si->sim_use));
		for (i = 1; i <= used; i++)
			if (fsi->sim_cache[i])
				si->sim_cache[i] = pfn_to_page(
					to, page_to_pfn(fsi->sim_cache[i]));
		to->swap_info[k] = si;
	}

	to->pins = xmalloc(from->pins_cap * sizeof(*to->pins));
	if (from->nr_pins)
		memcpy(to->pins, from->pins, from->nr_pins * sizeof(*to->pins));
	for (k = 0; k < from->nr_pins; k++)
		if (to->pins[k].page)
			to->pins[k].page = pfn_to_page(
				to, page_to_pfn(from->pins[k].page));
	free(m.av);
	free(m.as);
	return to;
}

/*
 * The serialization numbers anon_vmas and shmem objects in the order it
 * meets them, so that two states that differ only in how many anon_vmas
 * were ever allocated compare equal.
 */
struct ser {
	u64 *v;
	size_t n, cap;
	unsigned int *av_num, *as_num;
	unsigned int next_av, next_as;
};

static void put(struct ser *s, u64 x)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 1024;
		s->v = realloc(s->v, s->cap * sizeof(u64));
		if (!s->v)
			abort();
	}
	s->v[s->n++] = x;
}

static u64 av_num(struct ser *s, const struct anon_vma *av)
{
	if (!av)
		return 0;
	if (!s->av_num[av->sim_id]) {
		s->av_num[av->sim_id] = ++s->next_av;
		/* The tree shape is part of the state. */
		put(s, av_num(s, av->root == av ? NULL : av->root));
		put(s, av_num(s, av->parent));
	}
	return s->av_num[av->sim_id];
}

static u64 as_num(struct ser *s, const struct address_space *as)
{
	if (!as)
		return 0;
	if (!s->as_num[as->sim_id])
		s->as_num[as->sim_id] = ++s->next_as;
	return s->as_num[as->sim_id];
}

static u64 mapping_id(struct ser *s, unsigned long mapping)
{
	void *ptr = (void *)(mapping & ~PAGE_MAPPING_FLAGS);

	if (!ptr)
		return 0;
	if (mapping & PAGE_MAPPING_ANON)
		return (1ULL << 32) | av_num(s, ptr) |
		       ((u64)(mapping & PAGE_MAPPING_FLAGS) << 40);
	return (2ULL << 32) | as_num(s, ptr);
}

static void serialize(const struct sim *sim, struct ser *s)
{
	const struct mm_struct *mm;
	unsigned long pfn, i;
	unsigned int k;

	s->av_num = calloc(sim->next_anon_vma_id + 1, sizeof(unsigned int));
	s->as_num = calloc(sim->next_mapping_id + 1, sizeof(unsigned int));
	if (!s->av_num || !s->as_num)
		abort();
	/* The design decides what every later step does. */
	put(s, sim->policy.wp_reuse);
	put(s, sim->policy.anon_exclusive);
	put(s, sim->policy.gup_ro);
	put(s, sim->policy.fork_pinned);
	put(s, sim->policy.swapin);
	put(s, sim->policy.swapin_writable_on_read);
	put(s, sim->policy.swp_exclusive);
	put(s, sim->policy.reclaim_refuses_pinned);
	put(s, sim->policy.mprotect_upgrade);
	put(s, sim->nr_mms);
	for_each_mm_including_dead(sim, mm, k) {
		const struct vm_area_struct *vma;

		put(s, mm->dead);
		if (mm->dead)
			continue;
		put(s, mm->flags);
		put(s, page_to_pfn(mm->pgd));
		for (i = 0; i < NR_MM_COUNTERS; i++)
			put(s, (u64)mm->rss_stat[i]);
		for_each_vma(mm, vma) {
			put(s, vma->vm_start);
			put(s, vma->vm_end);
			put(s, vma->vm_flags);
			put(s, vma->vm_pgoff);
			put(s, av_num(s, vma->anon_vma));
			put(s, as_num(s, vma->vm_mapping));
		}
		put(s, ~0ULL);
	}
	for (pfn = 0; pfn < sim->nr_pfns; pfn++) {
		struct page *page = pfn_to_page((struct sim *)sim, pfn);

		if (PageBuddy(page))
			continue;
		put(s, pfn);
		put(s, page->flags & SIM_PAGE_FLAGS_MASK);
		put(s, page->page_type);
		put(s, (u64)page->_refcount);
		if (PageTable(page)) {
			put(s, page->pt_mm ? page->pt_mm->mm_id + 1 : 0);
			for (i = 0; i < PTRS_PER_PTE; i++)
				if (page->pt_table[i]) {
					put(s, i);
					put(s, page->pt_table[i]);
				}
			put(s, ~0ULL);
			continue;
		}
		put(s, mapping_id(s, page->mapping));
		put(s, page->index);
		put(s, page->private);
		put(s, page->sim_content);
	}
	put(s, ~0ULL);
	for (k = 0; k < MAX_SWAPFILES; k++) {
		const struct swap_info_struct *si = sim->swap_info[k];

		if (!si)
			continue;
		put(s, k);
		put(s, si->flags);
		put(s, si->max);
		put(s, si->sim_slow_writeback);
		for (i = 0; i < si->max; i++) {
			if (!si->swap_map[i])
				continue;
			put(s, i);
			put(s, si->swap_map[i]);
			put(s, si->sim_data[i]);
			put(s, si->sim_cache[i] ?
				       page_to_pfn(si->sim_cache[i]) + 1 :
				       0);
		}
		put(s, ~0ULL);
	}
	/* Held handles only: a released slot is reused like a fresh one. */
	for (k = 0; k < sim->nr_pins; k++) {
		const struct sim_pin *pin = &sim->pins[k];

		if (!pin->page)
			continue;
		put(s, k);
		put(s, page_to_pfn(pin->page));
		put(s, pin->gup_flags);
		/* What the properties compare the pinned page with. */
		put(s, pin->connected);
		put(s, pin->mm_id);
		put(s, pin->address);
	}
	free(s->av_num);
	free(s->as_num);
}

uint64_t sim_hash(const struct sim *sim)
{
	struct ser s = { 0 };
	u64 h = 0xcbf29ce484222325ULL;
	size_t i;

	serialize(sim, &s);
	for (i = 0; i < s.n; i++) {
		h ^= s.v[i];
		h *= 0x100000001b3ULL;
		h ^= h >> 29;
	}
	free(s.v);
	return h;
}

bool sim_equal(const struct sim *a, const struct sim *b)
{
	struct ser sa = { 0 }, sb = { 0 };
	bool eq;

	serialize(a, &sa);
	serialize(b, &sb);
	eq = sa.n == sb.n && !memcmp(sa.v, sb.v, sa.n * sizeof(u64));
	free(sa.v);
	free(sb.v);
	return eq;
}
