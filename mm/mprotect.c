// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models mm/mprotect.c at v6.12: do_mprotect_pkey, mprotect_fixup and
 * change_protection for base pages, including the write-upgrade of
 * mprotect.upgrade: when PROT_WRITE is (re)added to a private mapping, a R/O
 * PTE of an exclusive anon page is made writable at once, since no one else can
 * observe the page; anything else stays R/O until a write fault decides.
 *
 * change_protection also serves UFFDIO_WRITEPROTECT (mm/userfaultfd.c):
 * MM_CP_UFFD_WP sets the uffd-wp bit in present and swap PTEs and, where
 * the VMA uses markers, puts a PTE marker in a none PTE; MM_CP_UFFD_WP_RESOLVE
 * clears the bits and drops the markers.
 *
 * Soft-dirty tracking (after clear_refs, fs/proc/task_mmu.c) keeps a
 * PTE or huge PMD that is not soft-dirty R/O: its next write must fault
 * (pte_needs_soft_dirty_wp).
 *
 * Omits: pkeys, NUMA hinting (MM_CP_PROT_NUMA), device entries.
 */
#include <sys/mman.h>

#include "linux/huge_mm.h"
#include "linux/mm.h"
#include "linux/pagewalk.h"
#include "linux/swapops.h"
#include "linux/sim_machine.h"
#include "linux/userfaultfd_k.h"
#include "mm/internal.h"

/**
 * can_change_pte_writable - may mprotect map this R/O PTE writable now?
 * Private mappings: only an exclusive anon page (6.0: 64fe24a3e05e; a
 * dirty PTE only until 6.2's "mm/mprotect: allow clean exclusive anon
 * pages to be writable").  Shared mappings: only a PTE that is already
 * dirty (the page was written through it).
 */
bool can_change_pte_writable(struct vm_area_struct *vma, unsigned long addr,
			     pte_t pte)
{
	struct page *page;

	if (!(vma->vm_flags & VM_WRITE))
		return false;
	if (pte_protnone(pte))
		return false;
	/* Soft-dirty tracking wants the write fault. */
	if (pte_needs_soft_dirty_wp(vma, pte))
		return false;
	if (userfaultfd_wp(vma) && pte_uffd_wp(pte))
		return false;
	if (!(vma->vm_flags & VM_SHARED)) {
		/* Before v6.0 only a write fault makes a private PTE writable. */
		if (!vma_policy(vma)->mprotect_upgrade)
			return false;
		/* 6.0 and 6.1 upgrade only a PTE that is already dirty. */
		if (!vma_policy(vma)->mprotect_upgrade_clean && !pte_dirty(pte))
			return false;
		page = vm_normal_page(vma, addr, pte);
		return page && PageAnon(page) && PageAnonExclusive(page);
	}
	return pte_dirty(pte);
}

/*
 * can_change_pmd_writable - may mprotect map this R/O huge PMD writable
 * now (6.2+: "mm/huge_memory: try avoiding write faults when changing
 * PMD protection"; before, never)?  As for a PTE: a private mapping only
 * of an exclusive anon THP
 * (the head's PageAnonExclusive, the bit of a PMD-mapped folio), never
 * the huge zero folio; a shared one only when dirty.
 */
static bool can_change_pmd_writable(struct vm_area_struct *vma,
				    unsigned long addr, pmd_t pmd)
{
	struct page *page;

	if (!(vma->vm_flags & VM_WRITE))
		return false;
	if (pmd_needs_soft_dirty_wp(vma, pmd))
		return false;
	if (userfaultfd_wp(vma) && pmd_uffd_wp(pmd))
		return false;
	if (!(vma->vm_flags & VM_SHARED)) {
		/* can_change_pmd_writable arrived with the clean-PTE rule. */
		if (!vma_policy(vma)->mprotect_upgrade_clean)
			return false;
		if (is_huge_zero_pmd(vma_sim(vma), pmd))
			return false;
		page = pfn_to_page(vma_sim(vma), pmd_pfn(pmd));
		return PageAnon(page) && PageAnonExclusive(page);
	}
	return pmd_dirty(pmd);
}

/*
 * change_huge_pmd - the new protection on a huge PMD the range covers
 * whole (mm/huge_memory.c in the kernel): the PMD keeps mapping its THP,
 * made writable at once only as can_change_pmd_writable() allows.
 */
static void change_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd,
			    unsigned long addr, unsigned long cp_flags)
{
	pmd_t entry = pmd_mkhuge(
		pte_pmd(pte_modify(pmd_pte(*pmd), vma->vm_page_prot)));

	if ((cp_flags & MM_CP_TRY_CHANGE_WRITABLE) && !pmd_write(entry) &&
	    can_change_pmd_writable(vma, addr, entry)) {
		entry = pmd_mkwrite_novma(entry);
		sim_trace(vma_sim(vma),
			  "change_huge_pmd: %#lx writable at once (exclusive)",
			  addr);
	}
	if (pmd_val(entry) != pmd_val(*pmd))
		set_pmd_at(vma->vm_mm, addr, pmd, entry);
}

/*
 * change_pmd_range's part for huge PMDs, before the PTE walk: a huge PMD
 * that [@start, @end) covers whole changes in place; one it covers in
 * part is split and its PTEs change in the walk.
 *
 * Deviations: a PROT_NONE mprotect splits the PMD too (the kernel keeps a
 * PROT_NONE huge PMD), and so does userfaultfd's write-protection (the
 * kernel puts the uffd-wp bit on the huge PMD), which the model backend
 * refuses on a THP anyway.
 */
static void change_huge_pmds(struct vm_area_struct *vma, unsigned long start,
			     unsigned long end, unsigned long cp_flags)
{
	unsigned long addr, next;

	for (addr = start; addr < end; addr = next) {
		pmd_t *pmd;

		next = (addr & PMD_MASK) + PMD_SIZE;
		if (next > end || next < addr)
			next = end;
		pmd = pmd_offset_map(vma->vm_mm, addr, false);
		if (!pmd || !pmd_trans_huge(*pmd))
			continue;
		if (next - addr != HPAGE_PMD_SIZE ||
		    !(pgprot_val(vma->vm_page_prot) & _PAGE_PRESENT) ||
		    (cp_flags & (MM_CP_UFFD_WP | MM_CP_UFFD_WP_RESOLVE)))
			__split_huge_pmd(vma, pmd, addr);
		else
			change_huge_pmd(vma, pmd, addr, cp_flags);
	}
}

/*
 * Private writable VMAs let mprotect upgrade PTEs to writable by hand;
 * shared ones only with write notification (for shmem: while registered
 * for uffd-wp), where can_change_pte_writable takes dirty PTEs.
 */
bool vma_wants_manual_pte_write_upgrade(struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_SHARED)
		return vma_wants_writenotify(vma);
	return vma->vm_flags & VM_WRITE;
}

/*
 * A non-present PTE: a writable migration entry cannot keep write
 * permission across a protection change it does not check: it becomes
 * readable-exclusive for an anon page (the page stays exclusive), readable
 * otherwise (migrate.fork-mprotect).  A uffd-wp marker is dropped by
 * MM_CP_UFFD_WP_RESOLVE and left alone otherwise; a swap or migration
 * entry takes or loses the uffd-wp bit as asked.
 */
static void change_swap_pte(struct vm_area_struct *vma, unsigned long addr,
			    pte_t *ptep, unsigned long cp_flags)
{
	swp_entry_t entry = pte_to_swp_entry(*ptep);
	struct page *page;
	pte_t newpte = *ptep;

	if (is_pte_marker_entry(entry)) {
		/* A poisoned marker stays: any access must SIGBUS anyway. */
		if (swp_offset(entry) &
		    (PTE_MARKER_POISONED | PTE_MARKER_SWAPIN_ERROR))
			return;
		if ((cp_flags & MM_CP_UFFD_WP_RESOLVE) &&
		    pte_marker_entry_uffd_wp(entry)) {
			set_pte_at(vma->vm_mm, addr, ptep, __pte(0));
			sim_trace(vma_sim(vma),
				  "change_protection: marker at %#lx dropped",
				  addr);
		}
		return;
	}
	if (swp_type(entry) == SWP_MIGRATION_WRITE) {
		page = pfn_to_page(vma_sim(vma), swp_offset(entry));
		newpte = swp_entry_to_pte(swp_entry(
			PageAnon(page) ? SWP_MIGRATION_READ_EXCLUSIVE :
					 SWP_MIGRATION_READ,
			swp_offset(entry)));
		if (pte_swp_soft_dirty(*ptep))
			newpte = pte_swp_mksoft_dirty(newpte);
		if (pte_swp_uffd_wp(*ptep))
			newpte = pte_swp_mkuffd_wp(newpte);
	}
	if (cp_flags & MM_CP_UFFD_WP)
		newpte = pte_swp_mkuffd_wp(newpte);
	else if (cp_flags & MM_CP_UFFD_WP_RESOLVE)
		newpte = pte_swp_clear_uffd_wp(newpte);
	if (pte_val(newpte) != pte_val(*ptep))
		set_pte_at(vma->vm_mm, addr, ptep, newpte);
}

/* change_pte_range, one PTE at a time. */
static int change_pte_entry(pte_t *ptep, unsigned long addr, unsigned long next,
			    struct mm_walk *walk)
{
	struct vm_area_struct *vma = walk->vma;
	unsigned long cp_flags = *(unsigned long *)walk->private;
	pte_t ptent;

	if (pte_none(*ptep)) {
		/* Only userfaultfd has anything to do with a none PTE. */
		if ((cp_flags & MM_CP_UFFD_WP) &&
		    userfaultfd_wp_use_markers(vma)) {
			set_pte_at(vma->vm_mm, addr, ptep,
				   make_pte_marker(PTE_MARKER_UFFD_WP));
			sim_trace(vma_sim(vma),
				  "change_protection: uffd-wp marker at %#lx",
				  addr);
		}
		return 0;
	}
	if (!pte_present(*ptep)) {
		change_swap_pte(vma, addr, ptep, cp_flags);
		return 0;
	}
	ptent = pte_modify(*ptep, vma->vm_page_prot);
	if (cp_flags & MM_CP_UFFD_WP)
		ptent = pte_mkuffd_wp(ptent);
	else if (cp_flags & MM_CP_UFFD_WP_RESOLVE)
		ptent = pte_clear_uffd_wp(ptent);
	if ((cp_flags & MM_CP_TRY_CHANGE_WRITABLE) && !pte_write(ptent) &&
	    can_change_pte_writable(vma, addr, ptent)) {
		ptent = pte_mkwrite_novma(ptent);
		sim_trace(vma_sim(vma), "%s: %#lx writable at once (exclusive)",
			  (cp_flags & MM_CP_UFFD_WP_RESOLVE) ? "uffd_wp_range" :
							       "mprotect",
			  addr);
	}
	set_pte_at(vma->vm_mm, addr, ptep, ptent);
	return 0;
}

static const struct mm_walk_ops change_pte_ops = {
	.pte_entry = change_pte_entry,
};

/**
 * change_protection - apply @vma's protection and @cp_flags (MM_CP_*) to
 * the PTEs of [@start, @end), which lies inside @vma.
 *
 * Where markers are to be placed, the page tables of the range are
 * allocated first (pgtable_populate_needed), so that a none PTE without
 * a table gets one too.
 *
 * Deviation: the kernel's change_p?d_range walk the tables by hand; the
 * model uses walk_page_range_vma() (mm/pagewalk.c).
 *
 * Return: 0.
 */
long change_protection(struct vm_area_struct *vma, unsigned long start,
		       unsigned long end, unsigned long cp_flags)
{
	unsigned long addr;

	if ((cp_flags & MM_CP_UFFD_WP) && userfaultfd_wp_use_markers(vma))
		for (addr = start; addr < end;
		     addr = (addr & PMD_MASK) + PMD_SIZE)
			pte_alloc_map(vma->vm_mm, addr);
	change_huge_pmds(vma, start, end, cp_flags);
	walk_page_range_vma(vma, start, end, &change_pte_ops, &cp_flags);
	return 0;
}

static int mprotect_fixup(struct vm_area_struct *vma, unsigned long start,
			  unsigned long end, unsigned long newflags)
{
	/* Nothing changes: no PTE is touched (no write upgrade either). */
	if (newflags == vma->vm_flags)
		return 0;
	vma = vma_modify_flags(vma, start, end, newflags);
	vma_set_page_prot(vma);
	change_protection(vma, vma->vm_start, vma->vm_end,
			  vma_wants_manual_pte_write_upgrade(vma) ?
				  MM_CP_TRY_CHANGE_WRITABLE :
				  0);
	return 0;
}

/**
 * do_mprotect_pkey - mprotect(2) on [start, start + len).
 * Return: 0, -EINVAL, -ENOMEM (a hole in the range) or -EACCES.
 */
int do_mprotect_pkey(struct mm_struct *mm, unsigned long start, size_t len,
		     unsigned long prot)
{
	unsigned long end = start + ALIGN(len, PAGE_SIZE), nstart;
	struct vm_area_struct *vma;
	unsigned long newflags;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	/* As the kernel: a zero length changes nothing, and succeeds. */
	if (!len)
		return 0;
	/* The whole range must be mapped, without holes. */
	nstart = start;
	for_each_vma_range(mm, vma, start, end) {
		/* An empty range (@len 0) inside a VMA: nothing to check. */
		if (nstart >= end)
			break;
		if (vma->vm_start > nstart)
			return -ENOMEM;
		newflags = ((prot & PROT_READ) ? VM_READ : 0) |
			   ((prot & PROT_WRITE) ? VM_WRITE : 0) |
			   ((prot & PROT_EXEC) ? VM_EXEC : 0);
		if ((newflags & ~(vma->vm_flags >> 4)) & VM_ACCESS_FLAGS)
			return -EACCES;
		nstart = vma->vm_end;
	}
	if (nstart < end)
		return -ENOMEM;
	/* A split leaves @vma ending at @e; the upper part is not in range. */
	for_each_vma_range(mm, vma, start, end) {
		unsigned long s = vma->vm_start > start ? vma->vm_start : start;
		unsigned long e = vma->vm_end < end ? vma->vm_end : end;

		newflags = (vma->vm_flags & ~VM_ACCESS_FLAGS) |
			   ((prot & PROT_READ) ? VM_READ : 0) |
			   ((prot & PROT_WRITE) ? VM_WRITE : 0) |
			   ((prot & PROT_EXEC) ? VM_EXEC : 0);
		mprotect_fixup(vma, s, e, newflags);
	}
	return 0;
}
