// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models mm/mremap.c at v6.12: moving a range of a mapping elsewhere, as
 * mremap(old, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, new) does it
 * (mremap_to, move_vma, move_page_tables, move_ptes).  The PTEs move as
 * they are: a moved anon page keeps its mapcount, its refcount and its
 * PG_anon_exclusive, and its rmap finds it at the new address because the
 * new VMA keeps the linear page offset (vm_pgoff) the pages were mapped at.
 *
 * A huge PMD moves whole when it can, else it is split and its PTEs
 * move (move_huge_pmds).
 *
 * Deviations: the size never changes (old_len == new_len), so no
 * accounting, no growing in place and no MREMAP_DONTUNMAP; VMAs are not
 * merged (mm/mmap.c); the PTEs are moved one by one (no move of a whole
 * PTE table, move_normal_pmd, which leaves the same PTEs).  A range
 * registered for uffd-wp moves unregistered (the model's userfaultfd has
 * no UFFD_FEATURE_EVENT_REMAP): its uffd-wp bits are cleared and its
 * markers dropped on the way (mremap_userfaultfd_prep, move_ptes).
 */
#include <errno.h>
#include <sys/mman.h>

#include "linux/huge_mm.h"
#include "linux/ksm.h"
#include "linux/rmap.h"
#include "linux/sim_machine.h"
#include "linux/userfaultfd_k.h"

/*
 * move_ptes - move the PTEs of [@old_addr, @old_addr + @len) of @vma to
 * @new_addr in @new_vma, which belong to the same mm.  Each entry moves
 * as it is, present, swap or migration, and is marked soft-dirty as
 * move_soft_dirty_pte does (the move is a change userspace tracking must
 * see).
 */
static void move_ptes(struct vm_area_struct *vma, unsigned long old_addr,
		      struct vm_area_struct *new_vma, unsigned long new_addr,
		      unsigned long len)
{
	struct mm_struct *mm = vma->vm_mm;
	bool clear_uffd_wp = userfaultfd_wp(vma) && !userfaultfd_wp(new_vma);
	unsigned long off;

	for (off = 0; off < len; off += PAGE_SIZE) {
		pte_t *old_pte = pte_offset_map(mm, old_addr + off);
		pte_t *new_pte;
		pte_t pte;

		if (!old_pte) {
			/* No PTE table: skip its span whole. */
			off = (((old_addr + off) & PMD_MASK) + PMD_SIZE) -
			      old_addr - PAGE_SIZE;
			continue;
		}
		if (pte_none(*old_pte))
			continue;
		pte = ptep_get_and_clear(mm, old_addr + off, old_pte);
		if (clear_uffd_wp && pte_marker_uffd_wp(pte))
			continue;
		if (pte_present(pte))
			pte = pte_mksoft_dirty(pte);
		else
			pte = pte_swp_mksoft_dirty(pte);
		if (clear_uffd_wp)
			pte = pte_present(pte) ? pte_clear_uffd_wp(pte) :
						 pte_swp_clear_uffd_wp(pte);
		new_pte = pte_alloc_map(new_vma->vm_mm, new_addr + off);
		set_pte_at(mm, new_addr + off, new_pte, pte);
		sim_trace(mm->sim, "move_ptes: %#lx -> %#lx", old_addr + off,
			  new_addr + off);
	}
}

/*
 * The huge PMDs of the range, before its PTEs move (move_page_tables'
 * PMD level): one the range covers whole, moving to a PMD-aligned place
 * where nothing is mapped, moves as it is (move_huge_pmd: the THP stays
 * PMD-mapped, its head keeps PageAnonExclusive); any other is split
 * first (split_huge_pmd), and its PTEs then move one by one, as cow.c's
 * partial mremap of a THP does.
 */
static void move_huge_pmds(struct vm_area_struct *vma, unsigned long old_addr,
			   struct vm_area_struct *new_vma,
			   unsigned long new_addr, unsigned long len)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long addr, next;

	for (addr = old_addr; addr < old_addr + len; addr = next) {
		unsigned long to = new_addr + (addr - old_addr);
		pmd_t *old_pmd, *new_pmd;

		next = (addr & PMD_MASK) + PMD_SIZE;
		if (next > old_addr + len)
			next = old_addr + len;
		old_pmd = pmd_offset_map(mm, addr, false);
		if (!old_pmd || !pmd_trans_huge(*old_pmd))
			continue;
		new_pmd = NULL;
		if (next - addr == HPAGE_PMD_SIZE && !(to & ~PMD_MASK)) {
			new_pmd = pmd_offset_map(mm, to, true);
			/* The walk may have moved the old table's entries. */
			old_pmd = pmd_offset_map(mm, addr, false);
		}
		if (!new_pmd || !pmd_none(*new_pmd)) {
			__split_huge_pmd(vma, old_pmd, addr);
			sim_trace(mm->sim, "move_page_tables: split PMD %#lx",
				  addr & PMD_MASK);
			continue;
		}
		set_pmd_at(mm, to, new_pmd, *old_pmd);
		set_pmd_at(mm, addr, old_pmd, __pmd(0));
		sim_trace(mm->sim, "move_huge_pmd: %#lx -> %#lx", addr, to);
	}
	(void)new_vma;
}

/*
 * copy_vma - the VMA at @new_addr that takes over [@addr, @addr + @len)
 * of @vma: its flags and protection, its anon_vma, and the linear page
 * offset of @addr, so that folio->index still names the same pages.
 */
static struct vm_area_struct *copy_vma(struct vm_area_struct *vma,
				       unsigned long addr, unsigned long len,
				       unsigned long new_addr)
{
	struct vm_area_struct *new = vm_area_dup(vma);

	new->vm_start = new_addr;
	new->vm_end = new_addr + len;
	new->vm_pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	anon_vma_clone(new, vma);
	if (new->vm_mapping)
		new->vm_mapping->refcount++;
	vma_link(vma->vm_mm, new);
	sim_touch_vmas(vma->vm_mm, new_addr, new_addr + len);
	return new;
}

/*
 * move_vma - move [@addr, @addr + @len), which lies in @vma, to @new_addr:
 * KSM pages in it are unmerged first (ksm_madvise(MADV_UNMERGEABLE) on a
 * copy of the flags, so the new VMA stays mergeable), then the VMA is
 * copied there and the page tables move.  The old range is unmapped by
 * the caller.
 */
static int move_vma(struct vm_area_struct *vma, unsigned long addr,
		    unsigned long len, unsigned long new_addr)
{
	struct vm_area_struct *new_vma;
	unsigned long vm_flags = vma->vm_flags;
	int err;

	err = ksm_madvise(vma, addr, addr + len, MADV_UNMERGEABLE, &vm_flags);
	if (err)
		return err;
	new_vma = copy_vma(vma, addr, len, new_addr);
	/* mremap_userfaultfd_prep: no EVENT_REMAP, no registration. */
	new_vma->vm_flags &= ~(VM_UFFD_MISSING | VM_UFFD_WP);
	move_huge_pmds(vma, addr, new_vma, new_addr, len);
	move_ptes(vma, addr, new_vma, new_addr, len);
	sim_trace(vma_sim(vma), "move_vma: %lu pages %#lx -> %#lx",
		  len >> PAGE_SHIFT, addr, new_addr);
	return 0;
}

/**
 * mremap_to - move [@addr, @addr + @len) of @mm to @new_addr.
 *
 * As the kernel: the range must start in a VMA (-EFAULT otherwise); up to
 * v6.16 it must also end in it (vma_to_resize), and from v6.17 a range of
 * several VMAs moves VMA by VMA with its holes ("mm/mremap: permit
 * mremap() move of multiple VMAs"; policy mremap_multi_vma).  Whatever is
 * mapped at the destination is unmapped first (MREMAP_FIXED), each VMA
 * moves (move_vma), then the old range is unmapped, which finds no PTE
 * left.
 *
 * Return: 0 or -errno.
 */
int mremap_to(struct mm_struct *mm, unsigned long addr, unsigned long len,
	      unsigned long new_addr)
{
	unsigned long end = addr + len, a;
	struct vm_area_struct *vma;
	int err;

	if ((addr | new_addr | len) & ~PAGE_MASK || !len)
		return -EINVAL;
	if (new_addr < addr + len && addr < new_addr + len)
		return -EINVAL;
	vma = vma_lookup(mm, addr);
	if (!vma)
		return -EFAULT;
	if (end > vma->vm_end && !vma_policy(vma)->mremap_multi_vma)
		return -EFAULT;
	err = do_munmap(mm, new_addr, len);
	if (err)
		return err;
	/* Each VMA of the range moves on its own; holes stay holes. */
	for (a = addr; a < end;) {
		unsigned long s, e;

		vma = find_vma(mm, a);
		if (!vma || vma->vm_start >= end)
			break;
		s = vma->vm_start > a ? vma->vm_start : a;
		e = vma->vm_end < end ? vma->vm_end : end;
		err = move_vma(vma, s, e - s, new_addr + (s - addr));
		if (err)
			return err;
		a = e;
	}
	return do_munmap(mm, addr, len);
}
