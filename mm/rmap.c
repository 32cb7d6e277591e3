// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models mm/rmap.c at v6.12 for small folios: anon_vma lifetime, adding and
 * removing rmaps, and the PG_anon_exclusive transitions they carry.
 *
 * Deviations: the anon_vma_chain/interval tree is not modelled (nothing in
 * the model walks the rmap yet); an anon_vma records only its root and
 * parent.  anon_vmas are owned by the struct sim and freed with it.
 * Locking is not modelled: the model is sequential, so every operation is
 * atomic with respect to every other one.
 */
#include <stdlib.h>

#include "linux/rmap.h"
#include "sim/sim.h"

static struct anon_vma *anon_vma_alloc(struct sim *sim)
{
	struct anon_vma *av = calloc(1, sizeof(*av));

	if (!av)
		abort();
	av->root = av;
	av->refcount = 1;
	av->sim_id = sim->next_anon_vma_id++;
	av->sim_next = sim->anon_vmas;
	sim->anon_vmas = av;
	return av;
}

/* Attach an anon_vma to @vma before its first anonymous page. */
int anon_vma_prepare(struct vm_area_struct *vma)
{
	if (!vma->anon_vma)
		vma->anon_vma = anon_vma_alloc(vma_sim(vma));
	return 0;
}

/* The parts of a VMA created by split_vma share the anon_vma. */
void anon_vma_clone(struct vm_area_struct *dst, struct vm_area_struct *src)
{
	dst->anon_vma = src->anon_vma;
	if (dst->anon_vma)
		dst->anon_vma->refcount++;
}

/* fork: the child's VMA gets its own anon_vma, a child of the parent's. */
int anon_vma_fork(struct vm_area_struct *vma, struct vm_area_struct *pvma)
{
	struct anon_vma *av;

	vma->anon_vma = NULL;
	if (!pvma->anon_vma)
		return 0;
	av = anon_vma_alloc(vma_sim(vma));
	av->root = pvma->anon_vma->root;
	av->parent = pvma->anon_vma;
	vma->anon_vma = av;
	return 0;
}

void unlink_anon_vmas(struct vm_area_struct *vma)
{
	if (vma->anon_vma)
		vma->anon_vma->refcount--;
	vma->anon_vma = NULL;
}

static void __folio_set_anon(struct folio *folio, struct vm_area_struct *vma,
			     unsigned long address, bool exclusive)
{
	struct anon_vma *av = vma->anon_vma;

	/* A page that may be shared belongs to the root anon_vma. */
	if (!exclusive)
		av = av->root;
	folio->mapping = (unsigned long)av | PAGE_MAPPING_ANON;
	folio->index = linear_page_index(vma, address);
}

/**
 * folio_add_new_anon_rmap - map a freshly allocated folio for the first time
 * @flags: RMAP_EXCLUSIVE if the page is exclusive to this process
 *
 * New anon faults, COW copies and the fork-time copy all pass
 * RMAP_EXCLUSIVE: the page is AE from its first mapping.
 */
void folio_add_new_anon_rmap(struct folio *folio, struct vm_area_struct *vma,
			     unsigned long address, rmap_t flags)
{
	bool exclusive = flags & RMAP_EXCLUSIVE;

	VM_BUG_ON_PGFLAGS(folio->mapping != 0, &folio->page);
	__folio_set_swapbacked(folio);
	__folio_set_anon(folio, vma, address, exclusive);
	folio->_mapcount = 0;
	if (exclusive)
		SetPageAnonExclusive(&folio->page);
}

/* Map an already-anon page again (swap-in, migration): for later issues. */
void folio_add_anon_rmap_pte(struct folio *folio, struct page *page,
			     struct vm_area_struct *vma, unsigned long address,
			     rmap_t flags)
{
	(void)vma;
	(void)address;
	VM_BUG_ON_PGFLAGS(!folio_test_anon(folio), page);
	page->_mapcount++;
	if (flags & RMAP_EXCLUSIVE)
		SetPageAnonExclusive(page);
}

void folio_add_file_rmap_pte(struct folio *folio, struct page *page,
			     struct vm_area_struct *vma)
{
	(void)folio;
	(void)vma;
	page->_mapcount++;
}

/*
 * folio_remove_rmap_pte - one PTE no longer maps @page.  PG_anon_exclusive
 * is left as it is (R1.6): it only matters again if the page is mapped
 * again, which for an anon page only happens through paths that set or
 * clear it themselves.  The anon mapping stays until the page is freed.
 */
void folio_remove_rmap_pte(struct folio *folio, struct page *page,
			   struct vm_area_struct *vma)
{
	(void)folio;
	(void)vma;
	VM_BUG_ON_PGFLAGS(page_mapcount(page) <= 0, page);
	page->_mapcount--;
}

/*
 * folio_move_anon_rmap - on COW reuse the page now belongs to the faulting
 * VMA's own anon_vma, so later rmap walks need not visit the parent's.
 */
void folio_move_anon_rmap(struct folio *folio, struct vm_area_struct *vma)
{
	folio->mapping = (unsigned long)vma->anon_vma | PAGE_MAPPING_ANON;
}
