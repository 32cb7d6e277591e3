// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models mm/ksm.c at v6.12 for small anon pages: MADV_MERGEABLE and
 * MADV_UNMERGEABLE, and a full scan that merges identical pages of
 * mergeable VMAs into KSM pages (the KSM rules).
 *
 * A page is merged only if write_protect_page can make it R/O and clean
 * while KSM's own reference is the only one besides its mappings and the
 * swap cache, and, if it is exclusive, only if it is not maybe-pinned
 * (folio_try_share_anon_rmap_pte).  KSM pages are never exclusive: a write
 * copies them, a R/O pin unshares them.
 *
 * A scan (ksm_do_scan) keeps, per mm, an rmap_item for each address
 * where it found an anon page, with the checksum of its contents: a page
 * that is not KSM yet goes on only if its checksum is the one the
 * previous scan saw (cmp_and_merge_page), so a page merges in the second
 * scan that sees it unchanged at the earliest.  Then the stable tree (the
 * KSM pages) is searched, then the unstable tree (the pages of this scan
 * that passed the checksum), which starts empty in every scan.
 *
 * A KSM page takes at most max_page_sharing (256) rmap_items, one per
 * address merged into it: a page whose contents only full KSM pages have
 * waits for a partner in the unstable tree and the two make another KSM
 * page of the same contents, a new dup at the head of the stable node
 * chain (stable_tree_insert); a search takes the first dup from the head
 * with room, and moves it to the head if it has room for one more
 * (stable_node_dup).  An address's rmap_item stays on its KSM page's
 * stable node until a scan reaches the address again, even once a write
 * copied the page there (4719); a fork child's mappings are listed when
 * the child is scanned, past the limit if need be (4721).
 *
 * Representation: the trees are lists searched in order, not red-black
 * trees sorted by contents (memcmp_pages).  Which node a search meets
 * first does not matter: a scan runs with no user access in between (on
 * the kernel backend too: the agents wait while ksmd scans), so no page
 * changes under the unstable tree, which starts empty in every scan, and
 * each tree holds at most one live entry per contents: the unstable tree
 * one page (a page equal to a tree page merges with it or, if that
 * fails, is not inserted, as in unstable_tree_search_insert; a merged
 * tree page leaves the tree), the stable tree one chain, whose dups are
 * kept in their order (struct sim's ksm_dups: a chain is the entries of
 * one contents, in the order of the kernel's chain, the dups of other
 * contents in between changing nothing).  A lone stable node and a chain
 * of one dup are the same entry: the kernel collapses such a chain
 * (stable_node_dup), which no scenario sees.  The one item the kernel
 * meets only by its place in the tree, the same page mapped at another
 * address (fork), ends its search without an insert; the model skips it
 * and inserts the address, whose page is then found behind the first
 * one: the same merges follow.  The checksum is derived from the page's
 * one 64-bit value instead of xxhash of its bytes.  A KSM page's mapping
 * carries the KSM bits without a pointer to its stable node: struct sim's
 * ksm_dups finds the node by PFN (folio_stable_node), and
 * folio_migrate_ksm moves it with the page.  A stale stable node (its
 * page freed or no longer KSM) is dropped with its rmap_items at the next
 * scan, not when a search meets it (ksm_get_folio): it is never merged
 * into and its rmap_items count for no other node, so nothing a scenario
 * sees differs (the kernel's pages_shared and pages_sharing, which count
 * them until then, are not modelled).  The shared zero page is never
 * merged (use_zero_pages off, the kernel's default).
 *
 * Which dup a search takes follows the kernel's
 * stable_node_chains_prune_millisecs at its maximum (UINT_MAX ms, 49
 * days): the kernel's search of a chain takes a pruning walk at most once
 * per that time (stable_node_dup; 2 s by default), and such a walk takes
 * the dup with the most rmap_items among those with room, not the first.
 * The model has no wall clock, so it is the kernel that never takes that
 * walk within a scenario, and the kernel backend sets the knob so (saved
 * and written back with the other KSM settings, docs/kernel-backend.md):
 * at 2 s the kernel's choice would depend on how long a scenario took.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "linux/ksm.h"
#include "linux/pagewalk.h"
#include "linux/rmap.h"
#include "linux/swap.h"
#include "linux/sim_machine.h"

static int write_protect_page(struct vm_area_struct *vma, struct folio *folio,
			      unsigned long addr, pte_t *ptep)
{
	struct page *page = &folio->page;
	pte_t entry = *ptep;

	if (!pte_write(entry) && !pte_dirty(entry) && !PageAnonExclusive(page))
		return 0;
	set_pte_at(vma->vm_mm, addr, ptep, __pte(0));
	/* KSM's own reference is the "+ 1". */
	if (folio_mapcount(folio) + 1 + folio_test_swapcache(folio) !=
	    folio_ref_count(folio)) {
		set_pte_at(vma->vm_mm, addr, ptep, entry);
		sim_trace(vma_sim(vma),
			  "ksm: pfn %#lx has extra references: "
			  "not merged",
			  page_to_pfn(page));
		return -EBUSY;
	}
	if (PageAnonExclusive(page) &&
	    folio_try_share_anon_rmap_pte(folio, page)) {
		set_pte_at(vma->vm_mm, addr, ptep, entry);
		sim_trace(vma_sim(vma),
			  "ksm: pfn %#lx maybe pinned: not merged",
			  page_to_pfn(page));
		return -EBUSY;
	}
	if (pte_dirty(entry))
		folio_set_dirty(folio);
	set_pte_at(vma->vm_mm, addr, ptep, pte_mkclean(pte_wrprotect(entry)));
	return 0;
}

/* replace_page - map @kpage where @page was mapped, R/O. */
static void replace_page(struct vm_area_struct *vma, unsigned long addr,
			 pte_t *ptep, struct page *page, struct page *kpage)
{
	struct folio *folio = page_folio(page), *kfolio = page_folio(kpage);

	VM_BUG_ON_PGFLAGS(PageAnonExclusive(page), page);
	folio_get(kfolio);
	folio_add_anon_rmap_pte(kfolio, kpage, vma, addr, RMAP_NONE);
	set_pte_at(vma->vm_mm, addr, ptep, mk_pte(kpage, vma->vm_page_prot));
	folio_remove_rmap_pte(folio, page, vma);
	if (!folio_mapped(folio))
		folio_free_swap(folio);
	folio_put(folio);
}

/*
 * try_to_merge_one_page - merge @page (mapped at @addr) into @kpage, or
 * with @kpage NULL turn @page itself into a new KSM page.
 */
static int try_to_merge_one_page(struct vm_area_struct *vma, unsigned long addr,
				 pte_t *ptep, struct page *page,
				 struct page *kpage)
{
	struct folio *folio = page_folio(page);
	int err;

	if (page == kpage)
		return 0;
	folio_get(folio);
	err = write_protect_page(vma, folio, addr, ptep);
	if (!err) {
		if (!kpage) {
			folio->mapping = PAGE_MAPPING_KSM;
			sim_touch_page(&folio->page);
			/* Merged contents belong to no single writer. */
			page_set_written(&folio->page, -1,
					 page_wtime(&folio->page));
			folio_set_dirty(folio);
			sim_trace(vma_sim(vma),
				  "ksm: pfn %#lx becomes a KSM page",
				  page_to_pfn(page));
		} else if (kpage->sim_content == page->sim_content) {
			sim_trace(vma_sim(vma),
				  "ksm: %#lx: pfn %#lx merged into "
				  "KSM pfn %#lx",
				  addr, page_to_pfn(page), page_to_pfn(kpage));
			replace_page(vma, addr, ptep, page, kpage);
		} else {
			err = -EFAULT;
		}
	}
	folio_put(folio);
	return err;
}

struct ksm_candidate {
	struct vm_area_struct *vma;
	unsigned long addr;
	struct page *page;
	/* Its rmap_item: @item of @mm's, or of this scan's if @mm's is. */
	struct mm_struct *mm;
	unsigned int item;
};

struct ksm_list {
	struct ksm_candidate *v;
	unsigned long n, cap;
};

static void ksm_list_add(struct ksm_list *l, struct vm_area_struct *vma,
			 unsigned long addr, struct page *page,
			 unsigned int item)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->v = realloc(l->v, l->cap * sizeof(*l->v));
		if (!l->v)
			abort();
	}
	l->v[l->n++] =
		(struct ksm_candidate){ vma, addr, page, vma->vm_mm, item };
}

/*
 * ksm_do_scan's walk: the unstable tree, the PTEs merged so far, and the
 * rmap_items of the mm being walked (@mm): the last scan's (@old, @nold,
 * looked at from @at on, as the walk goes up in address order) and this
 * scan's (@items).
 */
struct ksm_scan_walk {
	struct sim *sim;
	struct ksm_list *unstable;
	unsigned long merged;
	struct mm_struct *mm;
	struct ksm_rmap_item *old;
	unsigned int nold, at;
	struct ksm_rmap_item *items;
	unsigned int nitems, cap;
};

/*
 * ksm_get_folio's test of a stable node: its page is still the KSM page
 * it was made for.  A stale node's PFN is purged before the PFN can be a
 * KSM page again (ksm_purge_pfn), so being one says it is the same.
 */
bool ksm_node_live(struct sim *sim, unsigned long kpfn)
{
	struct page *page;

	if (!kpfn || kpfn >= sim->nr_pfns)
		return false;
	page = pfn_to_page(sim, kpfn);
	return !PageBuddy(page) && !PageTable(page) && PageKsm(page);
}

/* The stable node of @kpfn, or NULL (none, or stale: ksm_get_folio). */
static struct ksm_stable_node *ksm_node(struct sim *sim, unsigned long kpfn)
{
	unsigned int i;

	if (!ksm_node_live(sim, kpfn))
		return NULL;
	for (i = 0; i < sim->ksm_nr_dups; i++)
		if (sim->ksm_dups[i].kpfn == kpfn)
			return &sim->ksm_dups[i];
	return NULL;
}

/*
 * remove_rmap_item_from_tree / stable_tree_append: @item leaves the
 * stable node it was listed on, if any, and is listed on @kpfn's (0:
 * none).
 */
static void ksm_item_set(struct sim *sim, struct ksm_rmap_item *item,
			 unsigned long kpfn)
{
	struct ksm_stable_node *node;

	if (item->kpfn == kpfn)
		return;
	node = ksm_node(sim, item->kpfn);
	if (node)
		node->rmap_hlist_len--;
	item->kpfn = kpfn;
	node = ksm_node(sim, kpfn);
	if (node)
		node->rmap_hlist_len++;
}

/* rmap_items dropped (freed): they leave their stable nodes. */
static void ksm_items_drop(struct sim *sim, struct ksm_rmap_item *v,
			   unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		ksm_item_set(sim, &v[i], 0);
}

/*
 * rmap_hlist_len - the rmap_items a stable node lists: those of every
 * mm's last scan that no scan since passed over (get_next_rmap_item
 * drops the items of addresses with no page any more) and this scan's.
 */
static unsigned int rmap_hlist_len(struct sim *sim, unsigned long kpfn)
{
	struct ksm_stable_node *node = ksm_node(sim, kpfn);

	return node ? node->rmap_hlist_len : 0;
}

/*
 * __is_page_sharing_candidate: a stable node with a mapping listed, and
 * room for @offset more below max_page_sharing.
 */
static bool is_page_sharing_candidate(struct sim *sim, unsigned long kpfn,
				      unsigned int offset)
{
	unsigned int len = rmap_hlist_len(sim, kpfn);

	return len && len + offset < sim->ksm_max_page_sharing;
}

static void ksm_dups_del(struct sim *sim, unsigned int i)
{
	memmove(sim->ksm_dups + i, sim->ksm_dups + i + 1,
		(sim->ksm_nr_dups - i - 1) * sizeof(*sim->ksm_dups));
	sim->ksm_nr_dups--;
}

/* stable_node_chain_add_dup: a new stable node goes to the head. */
static void ksm_dups_add_head(struct sim *sim, struct ksm_stable_node node)
{
	if (sim->ksm_nr_dups == sim->ksm_dups_cap) {
		size_t old = sim->ksm_dups_cap * sizeof(*sim->ksm_dups);

		sim->ksm_dups_cap = sim->ksm_dups_cap ? 2 * sim->ksm_dups_cap :
							16;
		sim->ksm_dups = sim_obj_realloc(sim, sim->ksm_dups, old,
						sim->ksm_dups_cap *
							sizeof(*sim->ksm_dups));
	}
	memmove(sim->ksm_dups + 1, sim->ksm_dups,
		sim->ksm_nr_dups * sizeof(*sim->ksm_dups));
	sim->ksm_dups[0] = node;
	sim->ksm_nr_dups++;
}

static void ksm_retarget_items(struct ksm_rmap_item *v, unsigned int n,
			       unsigned long from, unsigned long to)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (v[i].kpfn == from)
			v[i].kpfn = to;
}

/*
 * The rmap_items listed on @from's stable node are listed on @to's (0:
 * on none, remove_node_from_stable_tree), counts unchanged.
 */
static void ksm_retarget(struct sim *sim, struct ksm_scan_walk *sw,
			 unsigned long from, unsigned long to)
{
	struct mm_struct *mm;
	unsigned int m;

	for_each_mm_including_dead(sim, mm, m)
		ksm_retarget_items(mm->ksm_rmap_items, mm->ksm_nr_rmap_items,
				   from, to);
	if (sw)
		ksm_retarget_items(sw->items, sw->nitems, from, to);
}

/*
 * remove_node_from_stable_tree of a stale node at @kpfn, with the
 * rmap_items it listed: before the PFN is a KSM page again.
 */
static void ksm_purge_pfn(struct sim *sim, struct ksm_scan_walk *sw,
			  unsigned long kpfn)
{
	unsigned int i;

	for (i = 0; i < sim->ksm_nr_dups;)
		if (sim->ksm_dups[i].kpfn == kpfn)
			ksm_dups_del(sim, i);
		else
			i++;
	ksm_retarget(sim, sw, kpfn, 0);
}

/*
 * The stale stable nodes, each removed with its rmap_items: the kernel
 * removes one when ksm_get_folio meets it, which changes nothing a
 * scenario sees (a stale node is never merged into, and its rmap_items
 * count for no other), so the model removes them all at once.
 */
static void ksm_prune_stale(struct sim *sim)
{
	unsigned int i;

	for (i = 0; i < sim->ksm_nr_dups;) {
		unsigned long kpfn = sim->ksm_dups[i].kpfn;

		if (ksm_node_live(sim, kpfn)) {
			i++;
			continue;
		}
		ksm_dups_del(sim, i);
		ksm_retarget(sim, NULL, kpfn, 0);
	}
}

/*
 * folio_migrate_ksm - @src's stable node now points to @dst (its kpfn
 * follows the page), with the rmap_items it lists.
 */
void folio_migrate_ksm(struct folio *dst, struct folio *src)
{
	struct sim *sim = folio_sim(src);
	unsigned long from = page_to_pfn(&src->page);
	unsigned long to = page_to_pfn(&dst->page);
	struct ksm_stable_node *node;

	ksm_purge_pfn(sim, NULL, to);
	node = ksm_node(sim, from);
	if (node)
		node->kpfn = to;
	ksm_retarget(sim, NULL, from, to);
}

/*
 * ksm_exit - the mm's rmap_items go, off their stable nodes.  The
 * kernel's __ksm_exit leaves them to ksmd, but moves the mm_slot right
 * behind ksmd's cursor, which is where the next scan starts (between
 * the scans mmsim runs the cursor is at the list head): ksmd drops them
 * (remove_trailing_rmap_items) before it looks at any other page, so
 * dropping them now gives the same merges (4722).
 */
void ksm_exit(struct mm_struct *mm)
{
	ksm_items_drop(mm->sim, mm->ksm_rmap_items, mm->ksm_nr_rmap_items);
	free(mm->ksm_rmap_items);
	mm->ksm_rmap_items = NULL;
	mm->ksm_nr_rmap_items = 0;
}

/*
 * calc_checksum - the model's checksum of a page's contents: never the 0
 * of a new rmap_item for any contents a scenario writes.
 */
static u64 calc_checksum(const struct page *page)
{
	return page->sim_content ^ SIM_KSM_CHECKSUM_SALT;
}

/*
 * stable_tree_search - the KSM page @page can merge into, or NULL.  The
 * chain of @page's contents is walked from its head (chain_prune,
 * stable_node_dup): the first dup that is a page sharing candidate is
 * taken; if it has room for one more mapping after this one and is not
 * at the head, it moves there.  No candidate (every dup full, or its
 * mappings all gone): NULL, and the page waits for a partner in the
 * unstable tree, to make a new KSM page of the same contents.
 *
 * No pruning walk, as the kernel with stable_node_chains_prune_millisecs
 * at its maximum (see the top of this file): that walk would take the
 * candidate with the most rmap_items instead of the first.
 */
static struct page *stable_tree_search(struct ksm_scan_walk *sw,
				       struct page *page)
{
	struct sim *sim = sw->sim;
	int found = -1, head = -1;
	bool cand = false;
	unsigned int i;

	for (i = 0; i < sim->ksm_nr_dups; i++) {
		unsigned long kpfn = sim->ksm_dups[i].kpfn;

		if (!ksm_node_live(sim, kpfn) ||
		    pfn_to_page(sim, kpfn)->sim_content != page->sim_content)
			continue;
		if (head < 0)
			head = (int)i;
		if (is_page_sharing_candidate(sim, kpfn, 0)) {
			found = (int)i;
			cand = true;
			break;
		}
		if (found < 0)
			found = (int)i;
	}
	if (found < 0)
		return NULL;
	if (found != head &&
	    is_page_sharing_candidate(sim, sim->ksm_dups[found].kpfn, 1)) {
		struct ksm_stable_node node = sim->ksm_dups[found];

		ksm_dups_del(sim, (unsigned int)found);
		ksm_dups_add_head(sim, node);
		found = 0;
	}
	if (!cand) {
		sim_trace(sim,
			  "ksm: pfn %#lx: every KSM page of its contents is "
			  "full (max_page_sharing %u)",
			  page_to_pfn(page), sim->ksm_max_page_sharing);
		return NULL;
	}
	return pfn_to_page(sim, sim->ksm_dups[found].kpfn);
}

/*
 * stable_tree_insert - a new KSM page gets a stable node: a chain's new
 * dup if a KSM page of the same contents has one already, at the head.
 */
static void stable_tree_insert(struct ksm_scan_walk *sw, struct page *kpage)
{
	ksm_dups_add_head(sw->sim, (struct ksm_stable_node){
					   .kpfn = page_to_pfn(kpage) });
}

/* The rmap_item of an unstable tree entry (this scan's). */
static struct ksm_rmap_item *cand_item(struct ksm_scan_walk *sw,
				       const struct ksm_candidate *c)
{
	if (c->mm == sw->mm)
		return &sw->items[c->item];
	return &c->mm->ksm_rmap_items[c->item];
}

/*
 * unstable_tree_search_insert: an earlier page of this pass with the same
 * contents, or remember this one.
 */
static struct ksm_candidate *
unstable_tree_search_insert(struct ksm_list *unstable,
			    struct vm_area_struct *vma, unsigned long addr,
			    struct page *page, unsigned int item)
{
	unsigned long i;

	for (i = 0; i < unstable->n; i++) {
		struct ksm_candidate *c = &unstable->v[i];
		pte_t *cptep;

		/*
		 * get_mergeable_page: the tree item's address must still map
		 * the same anon page; a page merged since has left the tree
		 * (remove_rmap_item_from_tree).  A KSM page without a stable
		 * node (try_to_merge_two_pages made it, then break_cow took
		 * only this scan's address off it, another still maps it) is
		 * an anon page like any other.
		 */
		if (!c->page)
			continue;
		cptep = pte_offset_map(c->vma->vm_mm, c->addr);
		if (!cptep || !pte_present(*cptep) || pte_special(*cptep) ||
		    pte_pfn(*cptep) != page_to_pfn(c->page) ||
		    ksm_node(vma_sim(vma), page_to_pfn(c->page))) {
			c->page = NULL;
			continue;
		}
		if (c->page != page &&
		    c->page->sim_content == page->sim_content)
			return c;
	}
	ksm_list_add(unstable, vma, addr, page, item);
	return NULL;
}

/*
 * try_to_merge_with_ksm_page + stable_tree_append: @page merged into
 * @kpage is listed on @kpage's stable node.
 */
static unsigned long merge_with_ksm_page(struct sim *sim,
					 struct vm_area_struct *vma,
					 unsigned long addr, pte_t *ptep,
					 struct page *page, struct page *kpage,
					 struct ksm_rmap_item *rmap_item)
{
	if (try_to_merge_one_page(vma, addr, ptep, page, kpage))
		return 0;
	ksm_item_set(sim, rmap_item, page_to_pfn(kpage));
	return 1;
}

/*
 * cmp_and_merge_page - a page that is not KSM goes on only if its
 * checksum did not change since the last scan (@rmap_item's); then the
 * stable tree first (an existing KSM page with the same contents and room
 * for one more mapping), then the unstable tree (an identical page seen
 * earlier in this scan: both become one new KSM page).  A KSM page met at
 * an address its stable node does not list yet (a fork's child) is
 * listed there, past max_page_sharing if need be
 * (max_page_sharing_bypass).  An rmap_item listed on a stable node whose
 * page its address no longer maps leaves it (remove_rmap_item_from_tree).
 * A KSM page without a stable node (see unstable_tree_search_insert) is
 * taken as any anon page (page_stable_node is NULL).
 */
static unsigned long cmp_and_merge_page(struct ksm_scan_walk *sw,
					struct vm_area_struct *vma,
					unsigned long addr, pte_t *ptep,
					struct page *page,
					struct ksm_rmap_item *rmap_item)
{
	bool checksum_first = vma_policy(vma)->ksm_checksum_first;
	struct sim *sim = sw->sim;
	unsigned long pfn = page_to_pfn(page);
	struct ksm_candidate *c;
	struct page *kpage;
	u64 checksum;

	if (PageKsm(page) && ksm_node(sim, pfn)) {
		if (rmap_item->kpfn != pfn) {
			sim_trace(sim,
				  "ksm: %#lx: listed on KSM pfn %#lx's stable "
				  "node",
				  addr, pfn);
			ksm_item_set(sim, rmap_item, pfn);
		}
		return 0;
	}
	/* Before v6.12 (policy ksm_checksum_first), the stable tree first. */
	if (!checksum_first) {
		kpage = stable_tree_search(sw, page);
		ksm_item_set(sim, rmap_item, 0);
		if (kpage)
			return merge_with_ksm_page(sim, vma, addr, ptep, page,
						   kpage, rmap_item);
	}
	ksm_item_set(sim, rmap_item, 0);
	checksum = calc_checksum(page);
	if (rmap_item->oldchecksum != checksum) {
		rmap_item->oldchecksum = checksum;
		sim_trace(sim,
			  "ksm: %#lx: pfn %#lx checksummed, not merged before "
			  "the next scan",
			  addr, page_to_pfn(page));
		return 0;
	}
	if (checksum_first) {
		kpage = stable_tree_search(sw, page);
		if (kpage)
			return merge_with_ksm_page(sim, vma, addr, ptep, page,
						   kpage, rmap_item);
	}
	c = unstable_tree_search_insert(sw->unstable, vma, addr, page,
					(unsigned int)(rmap_item - sw->items));
	if (!c)
		return 0;
	/*
	 * try_to_merge_two_pages: this page becomes the KSM page, then the
	 * tree's page is merged into it; if that fails, break_cow undoes
	 * the lone KSM page.  The tree page stays in the unstable tree.
	 */
	if (try_to_merge_one_page(vma, addr, ptep, page, NULL))
		return 0;
	ksm_purge_pfn(sim, sw, pfn);
	if (try_to_merge_one_page(c->vma, c->addr,
				  pte_offset_map(c->vma->vm_mm, c->addr),
				  c->page, page)) {
		handle_mm_fault(vma, addr,
				FAULT_FLAG_UNSHARE | FAULT_FLAG_REMOTE);
		return 0;
	}
	/*
	 * The tree page was merged: it leaves the unstable tree, and both
	 * rmap_items go on the new KSM page's stable node.
	 */
	c->page = NULL;
	stable_tree_insert(sw, page);
	ksm_item_set(sim, cand_item(sw, c), pfn);
	ksm_item_set(sim, rmap_item, pfn);
	return 2;
}

/*
 * get_next_rmap_item - the rmap_item of @addr: the last scan's if it had
 * one (those of addresses below, where no page was found this time, are
 * dropped), else a new one with no checksum.
 */
static struct ksm_rmap_item *get_next_rmap_item(struct ksm_scan_walk *sw,
						unsigned long addr)
{
	struct ksm_rmap_item *item;

	while (sw->at < sw->nold && sw->old[sw->at].address < addr)
		ksm_item_set(sw->sim, &sw->old[sw->at++], 0);
	if (sw->nitems == sw->cap) {
		sw->cap = sw->cap ? 2 * sw->cap : 16;
		sw->items = realloc(sw->items, sw->cap * sizeof(*sw->items));
		if (!sw->items)
			abort();
	}
	item = &sw->items[sw->nitems++];
	item->address = addr;
	item->oldchecksum = 0;
	item->kpfn = 0;
	if (sw->at < sw->nold && sw->old[sw->at].address == addr) {
		item->oldchecksum = sw->old[sw->at].oldchecksum;
		item->kpfn = sw->old[sw->at++].kpfn;
	}
	return item;
}

static int ksm_scan_pte_entry(pte_t *ptep, unsigned long addr,
			      unsigned long next, struct mm_walk *walk)
{
	struct ksm_scan_walk *sw = walk->private;
	struct page *page;

	if (!pte_present(*ptep))
		return 0;
	page = vm_normal_page(walk->vma, addr, *ptep);
	if (!page || !PageAnon(page))
		return 0;
	sw->merged += cmp_and_merge_page(sw, walk->vma, addr, ptep, page,
					 get_next_rmap_item(sw, addr));
	return 0;
}

static const struct mm_walk_ops ksm_scan_walk_ops = {
	.pte_entry = ksm_scan_pte_entry,
};

/*
 * The model's own check after a scan: each stable node's rmap_hlist_len
 * is the number of rmap_items naming it, and no rmap_item names a PFN
 * that has no stable node (a reported VM_WARN_ON, not a kernel one).
 */
static void ksm_check_nodes(struct sim *sim)
{
	unsigned int *count = calloc(sim->ksm_nr_dups + 1, sizeof(*count));
	struct mm_struct *mm;
	unsigned int i, m, k;

	if (!count)
		abort();
	for_each_mm_including_dead(sim, mm, m)
		for (k = 0; k < mm->ksm_nr_rmap_items; k++) {
			struct ksm_stable_node *node;

			if (!mm->ksm_rmap_items[k].kpfn)
				continue;
			node = ksm_node(sim, mm->ksm_rmap_items[k].kpfn);
			VM_WARN_ON(sim, !node);
			if (node)
				count[node - sim->ksm_dups]++;
		}
	for (i = 0; i < sim->ksm_nr_dups; i++)
		VM_WARN_ON(sim, sim->ksm_dups[i].rmap_hlist_len != count[i]);
	free(count);
}

/*
 * ksm_do_scan - one full scan over every mergeable VMA of every process
 * (the kernel's ksm_do_scan batches until scan_get_next_rmap_item has
 * been through the mm list once: full_scans).  Returns the number of PTEs
 * that now map a KSM page they did not map before.
 */
unsigned long ksm_do_scan(struct sim *sim)
{
	struct ksm_list unstable = { 0 };
	struct ksm_scan_walk sw = { .sim = sim, .unstable = &unstable };
	struct mm_struct *mm;
	unsigned int m;

	ksm_prune_stale(sim);
	for_each_mm(sim, mm, m) {
		struct vm_area_struct *vma;

		sw.mm = mm;
		sw.old = mm->ksm_rmap_items;
		sw.nold = mm->ksm_nr_rmap_items;
		sw.at = 0;
		sw.items = NULL;
		sw.nitems = sw.cap = 0;
		for_each_vma(mm, vma)
			if ((vma->vm_flags & VM_MERGEABLE) && vma->anon_vma)
				walk_page_vma(vma, &ksm_scan_walk_ops, &sw);
		/* remove_trailing_rmap_items (an mm may have none) */
		if (sw.at < sw.nold)
			ksm_items_drop(sim, mm->ksm_rmap_items + sw.at,
				       sw.nold - sw.at);
		free(mm->ksm_rmap_items);
		mm->ksm_rmap_items = sw.items;
		mm->ksm_nr_rmap_items = sw.nitems;
	}
	sw.mm = NULL;
	free(unstable.v);
	ksm_check_nodes(sim);
	return sw.merged;
}

static unsigned int ksm_count_items(const struct ksm_rmap_item *v,
				    unsigned int n, unsigned long kpfn)
{
	unsigned int i, len = 0;

	for (i = 0; i < n; i++)
		len += v[i].kpfn == kpfn;
	return len;
}

/* Whether any rmap_item names @kpfn's stable node, stale or not. */
static bool ksm_node_listed(struct sim *sim, unsigned long kpfn)
{
	struct mm_struct *mm;
	unsigned int m;

	for_each_mm_including_dead(sim, mm, m)
		if (ksm_count_items(mm->ksm_rmap_items, mm->ksm_nr_rmap_items,
				    kpfn))
			return true;
	return false;
}

/*
 * ksm_set_max_page_sharing - max_page_sharing_store: at least 2; another
 * value only while no stable node lists an rmap_item (ksm_pages_shared,
 * which counts a stale node's until ksmd's scan drops them, as after a
 * munmap of a KSM page) and no KSM page is mapped
 * (remove_all_stable_nodes), else -EBUSY.  The stable nodes go; a KSM
 * page left (in the swap cache) keeps its KSM bits without one.
 */
int ksm_set_max_page_sharing(struct sim *sim, unsigned int knob)
{
	unsigned int i;

	if (knob < 2)
		return -EINVAL;
	if (knob == sim->ksm_max_page_sharing)
		return 0;
	for (i = 0; i < sim->ksm_nr_dups; i++) {
		unsigned long kpfn = sim->ksm_dups[i].kpfn;

		if (ksm_node_listed(sim, kpfn) ||
		    (ksm_node_live(sim, kpfn) &&
		     folio_mapped(page_folio(pfn_to_page(sim, kpfn)))))
			return -EBUSY;
	}
	sim->ksm_nr_dups = 0;
	sim->ksm_max_page_sharing = knob;
	return 0;
}

/*
 * unmerge_ksm_pages, one PTE at a time: break_ksm on a KSM page.
 * Representation: the kernel's break_ksm walks to the PTE (break_ksm_ops),
 * faults after the walk with the PTE table unlocked, and walks again
 * until it finds no KSM page there; the model faults from the pte_entry,
 * once.  The same fault on the same PTE: the model has no lock to drop,
 * nothing runs between the walk and the fault, and an unsharing fault on
 * a KSM page always maps a copy (do_wp_page never reuses one) or fails
 * (-ENOMEM), so a second walk would find no KSM page.  A migration entry
 * (which break_ksm_pmd_entry follows) never outlives a statement.
 */
static int unmerge_ksm_pte_entry(pte_t *ptep, unsigned long addr,
				 unsigned long next, struct mm_walk *walk)
{
	struct page *page;

	if (!pte_present(*ptep))
		return 0;
	page = vm_normal_page(walk->vma, addr, *ptep);
	if (!page || !PageKsm(page))
		return 0;
	if (handle_mm_fault(walk->vma, addr,
			    FAULT_FLAG_UNSHARE | FAULT_FLAG_REMOTE) &
	    VM_FAULT_ERROR)
		return -ENOMEM;
	return 0;
}

static const struct mm_walk_ops unmerge_ksm_walk_ops = {
	.pte_entry = unmerge_ksm_pte_entry,
};

/*
 * ksm_madvise - MADV_MERGEABLE marks private anon VMAs (others are left
 * alone without error); MADV_UNMERGEABLE first breaks every KSM page in
 * the range with an unsharing fault, then clears the mark.
 */
int ksm_madvise(struct vm_area_struct *vma, unsigned long start,
		unsigned long end, int advice, unsigned long *vm_flags)
{
	if (advice == MADV_MERGEABLE) {
		if (*vm_flags &
		    (VM_MERGEABLE | VM_SHARED | VM_MAYSHARE | VM_PFNMAP |
		     VM_IO | VM_DONTEXPAND | VM_HUGETLB | VM_MIXEDMAP))
			return 0;
		*vm_flags |= VM_MERGEABLE;
		return 0;
	}
	if (!(*vm_flags & VM_MERGEABLE))
		return 0;
	if (walk_page_range_vma(vma, start, end, &unmerge_ksm_walk_ops, NULL))
		return -ENOMEM;
	*vm_flags &= ~VM_MERGEABLE;
	return 0;
}

/*
 * ksm_might_need_to_copy - the folio a swap fault at @addr of @vma may map.
 * A KSM folio with its stable node is mapped as it is (one that lost its
 * node, to max_page_sharing_store's remove_all_stable_nodes, is copied;
 * ksm_run is never KSM_RUN_UNMERGE in the model).  A small anon folio
 * knows one index and one anon_vma: once a KSM page was swapped out its
 * PageKsm is gone, and the folio read back is mapped at the first address
 * that faulted it in; another address (the other pages KSM had merged)
 * gets a copy, a new exclusive folio, which is returned with a reference.
 * A folio to copy that is poisoned gives ERR_PTR(-EHWPOISON), one not
 * uptodate itself (do_swap_page reports the error).  Otherwise @folio.
 * (The model's do_swap_page stops at a poisoned swap-cache folio before
 * calling this, and reads every other one at once: the last two cases
 * are there as in the kernel, and not reached.)
 */
struct folio *ksm_might_need_to_copy(struct folio *folio,
				     struct vm_area_struct *vma,
				     unsigned long addr)
{
	struct sim *sim = vma_sim(vma);
	struct anon_vma *anon_vma;
	struct folio *new_folio;

	if (folio_test_large(folio))
		return folio;
	anon_vma = folio_test_anon(folio) && !folio_test_ksm(folio) ?
			   (struct anon_vma *)(folio->mapping &
					       ~PAGE_MAPPING_FLAGS) :
			   NULL;
	if (folio_test_ksm(folio)) {
		if (ksm_node(sim, page_to_pfn(&folio->page)))
			return folio;
	} else if (!anon_vma) {
		return folio;
	} else if (folio->index == linear_page_index(vma, addr) &&
		   vma->anon_vma && anon_vma->root == vma->anon_vma->root) {
		return folio;
	}
	if (PageHWPoison(&folio->page))
		return ERR_PTR(-EHWPOISON);
	if (!folio_test_uptodate(folio))
		return folio;
	new_folio = folio_alloc(sim);
	copy_user_highpage(&new_folio->page, &folio->page);
	folio_set_dirty(new_folio);
	__folio_mark_uptodate(new_folio);
	sim_trace(sim,
		  "ksm_might_need_to_copy: pfn %#lx is mapped at index %#lx, "
		  "not %#lx: copied to pfn %#lx",
		  page_to_pfn(&folio->page), folio->index,
		  linear_page_index(vma, addr), page_to_pfn(&new_folio->page));
	return new_folio;
}
