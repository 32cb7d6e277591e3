// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models mm/gup.c at v6.12 for base pages: the slow path
 * (__get_user_pages: follow_page_pte, faultin_page, unsharing on -EMLINK),
 * GUP-fast with its fall-back rules, reference grabbing with
 * GUP_PIN_COUNTING_BIAS, MMF_HAS_PINNED, unpinning, and the population of
 * a range for mlock (populate_vma_page_range, __mm_populate).
 *
 * Deviations: GUP-fast leaves a huge PMD to the slow path (the kernel's
 * gup_fast_pmd_leaf grabs it locklessly: same result); there are no zones
 * or CMA, so every page is longterm pinnable and FOLL_LONGTERM never
 * migrates (check_and_migrate_movable_folios has nothing to do); the
 * zero page's refcount is not modelled, so grabbing it takes nothing for
 * FOLL_GET either (the kernel takes a reference it never looks at).
 * GUP-fast cannot race with fork in a sequential model, so
 * write_protect_seq is always even when it looks.
 */
#include "linux/huge_mm.h"
#include "linux/rmap.h"
#include "mm/internal.h"
#include "linux/sim_machine.h"

/*
 * try_grab_folio - take the reference FOLL_GET or FOLL_PIN asks for.  A
 * large folio counts its pins exactly, in _pincount, and takes one
 * reference per pin.
 */
static int try_grab_folio(struct folio *folio, int refs, unsigned int flags)
{
	if (is_zero_folio(folio))
		return 0;
	if (flags & FOLL_GET) {
		folio_ref_add(folio, refs);
	} else if ((flags & FOLL_PIN) && folio_test_large(folio)) {
		folio_ref_add(folio, refs);
		folio->_pincount += refs;
	} else if (flags & FOLL_PIN) {
		folio_ref_add(folio, refs * GUP_PIN_COUNTING_BIAS);
	}
	return 0;
}

static void gup_put_folio(struct folio *folio, int refs, unsigned int flags)
{
	if (is_zero_folio(folio))
		return;
	if ((flags & FOLL_PIN) && folio_test_large(folio)) {
		VM_BUG_ON_PGFLAGS(folio->_pincount < refs, &folio->page);
		folio->_pincount -= refs;
	} else if (flags & FOLL_PIN) {
		refs *= GUP_PIN_COUNTING_BIAS;
	}
	folio_put_refs(folio, refs);
}

void unpin_user_page(struct page *page)
{
	gup_put_folio(page_folio(page), 1, FOLL_PIN);
}

/*
 * vma_needs_dirty_tracking - a shared writable mapping of a file that
 * wants write notification or can write back: a regular file; not shmem.
 */
static bool vma_needs_dirty_tracking(struct vm_area_struct *vma)
{
	if ((vma->vm_flags & (VM_SHARED | VM_WRITE)) != (VM_SHARED | VM_WRITE))
		return false;
	return vma_is_regular_file(vma);
}

/*
 * writable_file_mapping_allowed - a long-term write pin of a page that
 * the file system tracks dirtiness of would be written behind its back:
 * refused (gup_longterm_file_write_refused, 6.5+).
 */
static bool writable_file_mapping_allowed(struct vm_area_struct *vma,
					  unsigned int gup_flags)
{
	if ((gup_flags & (FOLL_PIN | FOLL_LONGTERM)) !=
	    (FOLL_PIN | FOLL_LONGTERM))
		return true;
	if (!vma_policy(vma)->gup_longterm_file_write_refused)
		return true;
	return !vma_needs_dirty_tracking(vma);
}

static int check_vma_flags(struct vm_area_struct *vma, unsigned int gup_flags)
{
	unsigned long vm_flags = vma->vm_flags;

	if (vm_flags & (VM_IO | VM_PFNMAP))
		return -EFAULT;
	if (gup_flags & FOLL_WRITE) {
		if (!vma_is_anonymous(vma) &&
		    !writable_file_mapping_allowed(vma, gup_flags))
			return -EFAULT;
		if (!(vm_flags & VM_WRITE)) {
			if (!(gup_flags & FOLL_FORCE))
				return -EFAULT;
			if (!is_cow_mapping(vm_flags))
				return -EFAULT;
		}
	} else if (!(vm_flags & VM_READ)) {
		if (!(gup_flags & FOLL_FORCE))
			return -EFAULT;
		if (!(vm_flags & VM_MAYREAD))
			return -EFAULT;
	}
	return 0;
}

/*
 * can_follow_write_pte - FOLL_WRITE on a R/O PTE: only FOLL_FORCE into a
 * private mapping without VM_WRITE may follow it, and only to an
 * exclusive anon page (v6.0, CVE-2022-2590 fix).
 */
static bool can_follow_write_pte(pte_t pte, struct page *page,
				 struct vm_area_struct *vma, unsigned int flags)
{
	if (pte_write(pte))
		return true;
	if (!(flags & FOLL_FORCE))
		return false;
	if (vma->vm_flags & (VM_MAYSHARE | VM_SHARED))
		return false;
	if (!(vma->vm_flags & VM_MAYWRITE))
		return false;
	if (vma->vm_flags & VM_WRITE)
		return false;
	if (!page || !PageAnon(page) || !PageAnonExclusive(page))
		return false;
	/* Soft-dirty tracking wants the write fault (6.12 gup.c too). */
	if (pte_needs_soft_dirty_wp(vma, pte))
		return false;
	return !(userfaultfd_wp(vma) && pte_uffd_wp(pte));
}

/*
 * The end of follow_page_pte and follow_huge_pmd: a R/O entry of a page
 * that must be unshared first is -EMLINK; else the folio is grabbed.
 * Returns whether it was.
 */
static bool follow_grab(struct vm_area_struct *vma, struct page *page,
			bool writable, unsigned int flags, int *err)
{
	if (!writable && gup_must_unshare(vma, flags, page)) {
		*err = -EMLINK;
		return false;
	}
	VM_BUG_ON_PGFLAGS(vma_policy(vma)->anon_exclusive &&
				  (flags & FOLL_PIN) && PageAnon(page) &&
				  !PageAnonExclusive(page),
			  page);
	try_grab_folio(page_folio(page), 1, flags);
	return true;
}

/*
 * follow_huge_pmd - follow_page_pte for an address a huge PMD maps: the
 * tests are made on the head page (exclusivity is kept there while
 * PMD-mapped), the reference is taken on the folio, and the page
 * returned is the subpage of @address.  Omits: a reference to the huge
 * zero folio (-ENOSYS), FOLL_SPLIT_PMD.
 */
static struct page *follow_huge_pmd(struct vm_area_struct *vma,
				    unsigned long address, pmd_t pmdval,
				    unsigned int flags, int *err)
{
	struct page *page = pfn_to_page(vma_sim(vma), pmd_pfn(pmdval));

	if ((flags & FOLL_WRITE) &&
	    !can_follow_write_pte(pmd_pte(pmdval), page, vma, flags))
		return NULL;
	/*
	 * The huge zero folio: a R/O longterm pin in a COW mapping unshares
	 * it (-EMLINK below, then do_huge_pmd_wp_page), a write faults first
	 * (above); any other reference would be taken on the huge zero
	 * folio itself, whose references the model does not count.
	 */
	if (is_huge_zero_pmd(vma_sim(vma), pmdval) &&
	    (flags & (FOLL_GET | FOLL_PIN)) &&
	    !gup_must_unshare(vma, flags, page)) {
		*err = -ENOSYS;
		return NULL;
	}
	if (!follow_grab(vma, page, pmd_write(pmdval), flags, err))
		return NULL;
	return page + pte_index(address);
}

/*
 * follow_page_pte - look up and grab the page at @address without
 * faulting.  Returns the page, NULL if a fault is needed, or
 * ERR_PTR(-EMLINK) if the page must be unshared first.
 */
static struct page *follow_page_pte(struct vm_area_struct *vma,
				    unsigned long address, unsigned int flags,
				    int *err)
{
	const pmd_t *pmd = pmd_offset_map_ro(vma->vm_mm, address);
	pte_t *ptep;
	struct page *page;
	pte_t pte;

	*err = 0;
	if (pmd && pmd_trans_huge(*pmd))
		return follow_huge_pmd(vma, address, *pmd, flags, err);
	ptep = pte_offset_map(vma->vm_mm, address);
	if (!ptep)
		return NULL;
	pte = *ptep;
	if (!pte_present(pte) || pte_protnone(pte))
		return NULL;
	page = vm_normal_page(vma, address, pte);
	if ((flags & FOLL_WRITE) &&
	    !can_follow_write_pte(pte, page, vma, flags))
		return NULL;
	if (!page) {
		if ((flags & FOLL_DUMP) || !is_zero_pfn(pte_pfn(pte))) {
			*err = -EFAULT;
			return NULL;
		}
		page = sim_zero_page(vma_sim(vma));
	}
	if (!follow_grab(vma, page, pte_write(pte), flags, err))
		return NULL;
	if ((flags & FOLL_TOUCH) && (flags & FOLL_WRITE) && !pte_dirty(pte) &&
	    !is_zero_page(page))
		SetPageDirty(page);
	return page;
}

static int vm_fault_to_errno(vm_fault_t ret)
{
	if (ret & VM_FAULT_OOM)
		return -ENOMEM;
	if (ret & (VM_FAULT_SIGBUS | VM_FAULT_HWPOISON | VM_FAULT_SIGSEGV))
		return -EFAULT;
	return 0;
}

static int faultin_page(struct vm_area_struct *vma, unsigned long address,
			unsigned int flags, bool unshare)
{
	unsigned int fault_flags = 0;

	if (flags & FOLL_WRITE)
		fault_flags |= FAULT_FLAG_WRITE;
	if (flags & FOLL_REMOTE)
		fault_flags |= FAULT_FLAG_REMOTE;
	if (unshare)
		fault_flags |= FAULT_FLAG_UNSHARE;
	return vm_fault_to_errno(handle_mm_fault(vma, address, fault_flags));
}

/*
 * __get_user_pages - the slow path for one page: look the page up, fault
 * it in (or unshare it for a R/O pin) as often as needed, and grab it
 * into @pages[0]; with @pages NULL (populate), only fault it in.
 */
static long __get_user_pages(struct mm_struct *mm, unsigned long start,
			     unsigned int gup_flags, struct page **pages)
{
	struct sim *sim = mm->sim;
	struct vm_area_struct *vma;
	struct page *page;
	int tries, err;

	if ((gup_flags & (FOLL_PIN | FOLL_GET)) == (FOLL_PIN | FOLL_GET))
		return -EINVAL;
	if ((gup_flags & FOLL_LONGTERM) && !(gup_flags & FOLL_PIN))
		return -EINVAL;
	if (gup_flags & FOLL_PIN)
		mm_set_has_pinned_flag(mm);

	vma = vma_lookup(mm, start);
	if (!vma)
		return -EFAULT;
	err = check_vma_flags(vma, gup_flags);
	if (err)
		return err;
	/*
	 * v5.8 (17839856fd58): a R/O reference to a COW mapping breaks COW
	 * first, like a write, so that it can never see another process's
	 * later writes.  Reverted in v5.9.
	 */
	if (vma_policy(vma)->gup_ro == SIM_GUP_RO_BREAK_COW &&
	    is_cow_mapping(vma->vm_flags) && (vma->vm_flags & VM_WRITE) &&
	    (gup_flags & (FOLL_GET | FOLL_PIN)) && !(gup_flags & FOLL_WRITE)) {
		sim_trace(sim, "gup: v5.8 breaks COW for a R/O reference");
		gup_flags |= FOLL_WRITE;
	}

	for (tries = 0; tries < 4; tries++) {
		page = follow_page_pte(vma, start, gup_flags, &err);
		/* Without @pages (populate) nothing is grabbed. */
		if (page && !pages)
			return 1;
		if (page) {
			pages[0] = page;
			sim_trace(sim, "gup: %s pfn %#lx%s",
				  (gup_flags & FOLL_PIN) ? "FOLL_PIN" :
							   "FOLL_GET",
				  page_to_pfn(page),
				  is_zero_page(page) ? " (zero page)" : "");
			return 1;
		}
		if (err == -EMLINK) {
			sim_trace(sim, "gup: R/O pin of a possibly shared "
				       "page: unshare fault");
			err = faultin_page(vma, start, gup_flags, true);
		} else if (!err) {
			err = faultin_page(vma, start, gup_flags, false);
		}
		if (err)
			return err;
	}
	sim_warn(sim, __func__, "no progress after 4 faults");
	return -EFAULT;
}

/**
 * populate_vma_page_range - fault in [start, end) of @vma, for mlock.
 *
 * A private writable mapping is faulted with FOLL_WRITE, which breaks COW:
 * every page ends up exclusive and writable (a page shared with a child
 * since fork is copied).  Anything else gets read faults, with FOLL_FORCE.
 * VM_LOCKONFAULT ranges are left alone; PROT_NONE ranges are refused.
 *
 * Deviation: the kernel's __get_user_pages walks the whole range in one
 * call; the model's handles one page per call, so the loop is here.
 *
 * Return: the number of pages populated, or -errno.
 */
long populate_vma_page_range(struct vm_area_struct *vma, unsigned long start,
			     unsigned long end)
{
	unsigned long nr_pages = (end - start) >> PAGE_SHIFT, addr;
	unsigned int gup_flags = FOLL_TOUCH;
	long ret;

	if (vma->vm_flags & VM_LOCKONFAULT)
		return (long)nr_pages;
	if (!vma_is_accessible(vma))
		return -EFAULT;
	if ((vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
		gup_flags |= FOLL_WRITE;
	else
		gup_flags |= FOLL_FORCE;
	for (addr = start; addr < end; addr += PAGE_SIZE) {
		ret = __get_user_pages(vma->vm_mm, addr, gup_flags, NULL);
		/* After some progress, the pages done; else the error. */
		if (ret < 0 && addr > start)
			return (long)((addr - start) >> PAGE_SHIFT);
		if (ret < 0)
			return ret;
	}
	lru_add_drain();
	return (long)nr_pages;
}

/**
 * __mm_populate - populate the VMAs of [start, start + len), which already
 * carry the flags wanted (mlock: VM_LOCKED).  VM_IO and VM_PFNMAP VMAs and
 * holes are skipped.
 *
 * Return: 0 or the first error (unless @ignore_errors).
 */
int __mm_populate(struct mm_struct *mm, unsigned long start, unsigned long len,
		  int ignore_errors)
{
	unsigned long end = start + len, nstart, nend;
	struct vm_area_struct *vma;
	long ret = 0;

	for (nstart = start; nstart < end; nstart = nend) {
		vma = find_vma(mm, nstart);
		if (!vma || vma->vm_start >= end)
			break;
		nend = vma->vm_end < end ? vma->vm_end : end;
		if (vma->vm_flags & (VM_IO | VM_PFNMAP))
			continue;
		if (nstart < vma->vm_start)
			nstart = vma->vm_start;
		ret = populate_vma_page_range(vma, nstart, nend);
		if (ret < 0) {
			if (ignore_errors) {
				ret = 0;
				continue;
			}
			break;
		}
		nend = nstart + ((unsigned long)ret << PAGE_SHIFT);
		ret = 0;
	}
	return (int)ret;
}

long get_user_pages_remote(struct mm_struct *mm, unsigned long start,
			   unsigned long nr_pages, unsigned int gup_flags,
			   struct page **pages)
{
	if (nr_pages != 1 || (gup_flags & FOLL_PIN))
		return -EINVAL;
	return __get_user_pages(mm, start,
				gup_flags | FOLL_GET | FOLL_TOUCH | FOLL_REMOTE,
				pages);
}

long pin_user_pages_remote(struct mm_struct *mm, unsigned long start,
			   unsigned long nr_pages, unsigned int gup_flags,
			   struct page **pages)
{
	if (nr_pages != 1 || (gup_flags & FOLL_GET))
		return -EINVAL;
	return __get_user_pages(mm, start,
				gup_flags | FOLL_PIN | FOLL_TOUCH | FOLL_REMOTE,
				pages);
}

/*
 * gup_fast_pte - the lockless walk for one PTE.  Returns the grabbed page,
 * or NULL with @why set when the slow path must take over: GUP-fast never
 * faults, never handles a write to a R/O PTE, never follows special PTEs
 * (the zero page), and leaves unsharing to the slow path.
 */
static struct page *gup_fast_pte(struct mm_struct *mm, unsigned long addr,
				 unsigned int flags, const char **why)
{
	pte_t *ptep = pte_offset_map(mm, addr);
	struct page *page;
	pte_t pte;

	if (!ptep || pte_none(*ptep)) {
		*why = "no PTE";
		return NULL;
	}
	pte = *ptep;
	if (pte_protnone(pte)) {
		*why = "PROT_NONE PTE";
		return NULL;
	}
	/* v5.8: GUP-fast leaves R/O PTEs to the COW-breaking slow path. */
	if (!pte_access_permitted(pte, (flags & FOLL_WRITE) ||
					       mm->sim->policy.gup_ro ==
						       SIM_GUP_RO_BREAK_COW)) {
		*why = pte_present(pte) ? "R/O PTE for a write" : "not present";
		return NULL;
	}
	if (pte_special(pte)) {
		*why = "special PTE (zero page)";
		return NULL;
	}
	page = pfn_to_page(mm->sim, pte_pfn(pte));
	/*
	 * gup_fast_folio_allowed: a long-term write pin of a page cache
	 * folio that is not shmem's needs the VMA, which only the slow path
	 * has (6.5+, a6e79df92e4a).
	 */
	if ((flags & (FOLL_PIN | FOLL_LONGTERM | FOLL_WRITE)) ==
		    (FOLL_PIN | FOLL_LONGTERM | FOLL_WRITE) &&
	    mm->sim->policy.gup_longterm_file_write_refused &&
	    !PageAnon(page) && !PageSwapBacked(page)) {
		*why = "write pin of a file page";
		return NULL;
	}
	try_grab_folio(page_folio(page), 1, flags);
	if (!pte_write(pte) && gup_must_unshare(NULL, flags, page)) {
		gup_put_folio(page_folio(page), 1, flags);
		*why = "R/O pin needs unsharing";
		return NULL;
	}
	return page;
}

static int gup_fast_fallback(struct mm_struct *mm, unsigned long start,
			     unsigned int gup_flags, struct page **pages)
{
	unsigned int seq;
	const char *why = NULL;
	struct page *page;

	if (gup_flags & FOLL_PIN)
		mm_set_has_pinned_flag(mm);
	seq = mm->write_protect_seq;
	if (!(seq & 1)) {
		page = gup_fast_pte(mm, start, gup_flags, &why);
		if (page && (gup_flags & FOLL_PIN) &&
		    seq != mm->write_protect_seq) {
			gup_put_folio(page_folio(page), 1, gup_flags);
			page = NULL;
			why = "raced with fork";
		}
		if (page) {
			pages[0] = page;
			sim_trace(mm->sim, "gup_fast: pinned pfn %#lx",
				  page_to_pfn(page));
			return 1;
		}
	} else {
		why = "fork in progress";
	}
	count_sim_event(mm->sim, SIM_GUP_FAST_FALLBACK);
	sim_trace(mm->sim, "gup_fast: fall back to the slow path (%s)", why);
	if (gup_flags & FOLL_FAST_ONLY)
		return 0;
	return __get_user_pages(mm, start, gup_flags | FOLL_TOUCH, pages);
}

int get_user_pages_fast(struct mm_struct *mm, unsigned long start, int nr_pages,
			unsigned int gup_flags, struct page **pages)
{
	if (nr_pages != 1 || (gup_flags & FOLL_PIN))
		return -EINVAL;
	return gup_fast_fallback(mm, start, gup_flags | FOLL_GET, pages);
}

int pin_user_pages_fast(struct mm_struct *mm, unsigned long start, int nr_pages,
			unsigned int gup_flags, struct page **pages)
{
	if (nr_pages != 1 || (gup_flags & FOLL_GET))
		return -EINVAL;
	return gup_fast_fallback(mm, start, gup_flags | FOLL_PIN, pages);
}
