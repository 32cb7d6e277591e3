// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models mm/mmap.c and mm/vma.c at v6.12: the VMA list, mmap, munmap, VMA
 * splitting, vm_page_prot, and exit_mmap.
 *
 * Deviations: VMAs live on a sorted list and are merged only by madvise
 * (vma_merge_neighbours; merging changes no page state); get_unmapped_area places each new mapping
 * top-down below the lowest existing one, aligned to 2 MiB so that every
 * mapping has its own PTE table; no rlimits, no overcommit accounting.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "linux/huge_mm.h"
#include "linux/ksm.h"
#include "linux/rmap.h"
#include "linux/sim_machine.h"
#include "mm/internal.h"

#define SIM_MMAP_TOP 0x7f0000000000UL

struct mm_struct *mm_alloc(struct sim *sim)
{
	struct mm_struct *mm = calloc(1, sizeof(*mm));

	if (!mm)
		abort();
	mm->sim = sim;
	mm->mmap_base = SIM_MMAP_TOP;
	mm->sim_parent = -1;
	mm->pgd = pagetable_alloc(mm);
	if (sim->nr_mms == sim->mms_cap) {
		size_t old = sim->mms_cap * sizeof(*sim->mms);

		sim->mms_cap = sim->mms_cap ? 2 * sim->mms_cap : 8;
		sim->mms = sim_obj_realloc(sim, sim->mms, old,
					   sim->mms_cap * sizeof(*sim->mms));
	}
	mm->mm_id = sim->nr_mms;
	sim->mms[sim->nr_mms++] = mm;
	return mm;
}

/* The first VMA that ends above @addr, as in the kernel. */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	for_each_vma(mm, vma)
		if (addr < vma->vm_end)
			return vma;
	return NULL;
}

struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig)
{
	struct vm_area_struct *vma = malloc(sizeof(*vma));

	if (!vma)
		abort();
	*vma = *orig;
	vma->vm_next = vma->vm_prev = NULL;
	return vma;
}

void vm_area_free(struct vm_area_struct *vma)
{
	sim_obj_free(vma->vm_mm->sim, vma);
}

void vma_link(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = NULL, *next = mm->mmap;

	while (next && next->vm_start < vma->vm_start) {
		prev = next;
		next = next->vm_next;
	}
	vma->vm_prev = prev;
	vma->vm_next = next;
	if (prev)
		prev->vm_next = vma;
	else
		mm->mmap = vma;
	if (next)
		next->vm_prev = vma;
	vma->vm_mm = mm;
	mm->map_count++;
}

static void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma)
{
	if (vma->vm_prev)
		vma->vm_prev->vm_next = vma->vm_next;
	else
		mm->mmap = vma->vm_next;
	if (vma->vm_next)
		vma->vm_next->vm_prev = vma->vm_prev;
	mm->map_count--;
}

/* protection_map[] for x86-64 (arch/x86/mm/pgprot.c). */
pgprot_t vm_get_page_prot(unsigned long vm_flags)
{
	unsigned long acc = vm_flags & (VM_READ | VM_WRITE | VM_EXEC);

	if (!acc)
		return PAGE_NONE;
	if ((vm_flags & VM_SHARED) && (acc & VM_WRITE))
		return PAGE_SHARED;
	/* Private writable mappings never get RW from the protection. */
	return PAGE_COPY;
}

/*
 * vma_wants_writenotify - must writes to this shared writable mapping
 * fault first?  A regular file always (ext4 has ->page_mkwrite, and its
 * mapping accounts dirty pages, mapping_can_writeback); shmem (no
 * ->page_mkwrite, no dirty accounting, no writeback) only while it is
 * registered for uffd-wp: a write fault must reach userfaultfd.  Any of
 * them while soft-dirty tracking is on (vma_soft_dirty_enabled, after
 * clear_refs): a write fault must set the PTE soft-dirty again.
 */
bool vma_wants_writenotify(struct vm_area_struct *vma)
{
	if ((vma->vm_flags & (VM_WRITE | VM_SHARED)) != (VM_WRITE | VM_SHARED))
		return false;
	if (vma_is_regular_file(vma))
		return true;
	if (vma_soft_dirty_enabled(vma))
		return true;
	return userfaultfd_wp(vma);
}

/*
 * vma_set_page_prot - a shared mapping that needs write notification gets
 * the R/O protection of the same mapping made private; shmem otherwise
 * keeps RW.
 */
void vma_set_page_prot(struct vm_area_struct *vma)
{
	vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
	if (vma_wants_writenotify(vma))
		vma->vm_page_prot =
			vm_get_page_prot(vma->vm_flags & ~VM_SHARED);
}

/* split_vma - split @vma at @addr; @new_below: the new VMA is the lower. */
int split_vma(struct vm_area_struct *vma, unsigned long addr, int new_below)
{
	struct vm_area_struct *new;

	if (addr <= vma->vm_start || addr >= vma->vm_end)
		return -EINVAL;
	/*
	 * vma_adjust_trans_huge: a huge PMD across the new boundary would
	 * straddle two VMAs; it is split first.
	 */
	if (addr & ~HPAGE_PMD_MASK) {
		const pmd_t *pmd = pmd_offset_map_ro(vma->vm_mm, addr);

		if (pmd && pmd_trans_huge(*pmd))
			__split_huge_pmd(
				vma, pmd_offset_map(vma->vm_mm, addr, false),
				addr);
	}
	new = vm_area_dup(vma);
	if (new_below) {
		new->vm_end = addr;
		vma->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
		vma->vm_start = addr;
	} else {
		new->vm_start = addr;
		new->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
		vma->vm_end = addr;
	}
	anon_vma_clone(new, vma);
	if (new->vm_mapping)
		new->vm_mapping->refcount++;
	vma_link(vma->vm_mm, new);
	return 0;
}

/*
 * vma_modify_flags - give [start, end) of @vma the flags @new_flags,
 * splitting it first as needed.  Returns the VMA that covers the range.
 */
struct vm_area_struct *vma_modify_flags(struct vm_area_struct *vma,
					unsigned long start, unsigned long end,
					unsigned long new_flags)
{
	if (vma->vm_start < start)
		split_vma(vma, start, 1);
	if (vma->vm_end > end)
		split_vma(vma, end, 0);
	vma->vm_flags = new_flags;
	sim_touch_vmas(vma->vm_mm, start, end);
	return vma;
}

static void remove_vma(struct mm_struct *mm, struct vm_area_struct *vma);

/* Could @a and @b (which follows it) have been one VMA? (vma_merge) */
static bool vma_mergeable(const struct vm_area_struct *a,
			  const struct vm_area_struct *b)
{
	return a && b && a->vm_end == b->vm_start &&
	       !((a->vm_flags ^ b->vm_flags) & ~VM_SOFTDIRTY) &&
	       pgprot_val(a->vm_page_prot) == pgprot_val(b->vm_page_prot) &&
	       a->vm_mapping == b->vm_mapping &&
	       (!a->anon_vma || !b->anon_vma || a->anon_vma == b->anon_vma) &&
	       a->vm_pgoff + ((a->vm_end - a->vm_start) >> PAGE_SHIFT) ==
		       b->vm_pgoff;
}

/* @b joins @a, which it follows: @a takes its range (and anon_vma). */
static void vma_merge_into(struct vm_area_struct *a, struct vm_area_struct *b)
{
	struct mm_struct *mm = a->vm_mm;

	a->vm_end = b->vm_end;
	/*
	 * Deviation: the kernel's merged VMA keeps the flags of the VMA
	 * that is modified or expanded; the model keeps it soft-dirty (no
	 * tracking) if either part was.
	 */
	a->vm_flags |= b->vm_flags & VM_SOFTDIRTY;
	if (!a->anon_vma && b->anon_vma) {
		a->anon_vma = b->anon_vma;
		a->anon_vma->refcount++;
	}
	sim_touch_vmas(mm, a->vm_start, a->vm_end);
	remove_vma(mm, b);
}

/*
 * vma_merge_neighbours - after a flags change, @vma merges with the VMAs
 * before and after it that it could have been split from: contiguous,
 * same flags, protection and shmem object, the same anon_vma (or one
 * without), offsets that follow on (vma_modify's merge of an existing
 * range, vma_merge_existing_range).  Returns the VMA that covers @vma's
 * range now.  Deviation: only madvise merges; mprotect, mlock and
 * userfaultfd registration leave the VMAs they split apart.
 */
struct vm_area_struct *vma_merge_neighbours(struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = vma->vm_prev, *next = vma->vm_next;

	if (vma_mergeable(vma, next))
		vma_merge_into(vma, next);
	if (vma_mergeable(prev, vma)) {
		vma_merge_into(prev, vma);
		vma = prev;
	}
	return vma;
}

unsigned long get_unmapped_area(struct mm_struct *mm, size_t len)
{
	unsigned long lowest = mm->mmap_base;
	struct vm_area_struct *vma;

	for_each_vma(mm, vma)
		if (vma->vm_start < lowest)
			lowest = vma->vm_start;
	return ALIGN_DOWN(lowest - len - PMD_SIZE, PMD_SIZE);
}

static unsigned long calc_vm_prot_bits(unsigned long prot)
{
	return ((prot & PROT_READ) ? VM_READ : 0) |
	       ((prot & PROT_WRITE) ? VM_WRITE : 0) |
	       ((prot & PROT_EXEC) ? VM_EXEC : 0);
}

/**
 * do_mmap - map @len bytes of @file from offset 0, or of anonymous memory
 * (MAP_ANONYMOUS) when @file is NULL.
 * @file: the page cache of a shmem file (a memfd), or NULL
 * @flags: MAP_PRIVATE or MAP_SHARED
 *
 * Deviation: the model's files are shmem objects (shmem_file_setup),
 * mapped whole from offset 0; the VMA takes a reference on the object,
 * as it would on the file (get_file).
 *
 * Return: the address, or a negative errno cast to unsigned long.
 */
unsigned long do_mmap(struct mm_struct *mm, struct address_space *file,
		      unsigned long len, unsigned long prot,
		      unsigned long flags)
{
	struct vm_area_struct *vma;

	if (!len || (len & ~PAGE_MASK))
		return (unsigned long)-EINVAL;
	vma = calloc(1, sizeof(*vma));
	if (!vma)
		abort();
	vma->vm_start = get_unmapped_area(mm, len);
	vma->vm_end = vma->vm_start + len;
	vma->vm_mm = mm;
	/*
	 * VM_SOFTDIRTY: a new VMA is soft-dirty as a whole (mmap_region), so
	 * a soft-dirty tracker sees a new mapping in place of an old one.
	 */
	vma->vm_flags = calc_vm_prot_bits(prot) | VM_MAYREAD | VM_MAYWRITE |
			VM_MAYEXEC | VM_SOFTDIRTY;
	if (flags & MAP_SHARED)
		vma->vm_flags |= VM_SHARED | VM_MAYSHARE;
	if (file) {
		/* shmem_mmap or ext4_file_mmap: offset 0. */
		file->refcount++;
		vma->vm_mapping = file;
		vma->vm_pgoff = 0;
	} else if (flags & MAP_SHARED) {
		shmem_zero_setup(vma);
	} else {
		vma->vm_pgoff = vma->vm_start >> PAGE_SHIFT;
	}
	vma_set_page_prot(vma);
	vma_link(mm, vma);
	return vma->vm_start;
}

static void remove_vma(struct mm_struct *mm, struct vm_area_struct *vma)
{
	vma_unlink(mm, vma);
	unlink_anon_vmas(vma);
	if (vma->vm_mapping)
		shmem_mapping_put(vma->vm_mapping);
	vm_area_free(vma);
}

/**
 * do_munmap - unmap [start, start + len): split the VMAs at the edges, zap
 * their pages, remove them and free the page tables nothing uses any more.
 *
 * Return: 0 or -EINVAL.
 */
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len)
{
	unsigned long end = start + ALIGN(len, PAGE_SIZE);
	struct zap_details details = { .even_cows = true,
				       .zap_flags = ZAP_FLAG_DROP_MARKER };
	struct vm_area_struct *vma, *next;

	if ((start & ~PAGE_MASK) || !len || end > TASK_SIZE_MAX)
		return -EINVAL;
	vma = find_vma(mm, start);
	if (!vma || vma->vm_start >= end)
		return 0;
	sim_touch_vmas(mm, start, end);
	if (vma->vm_start < start)
		split_vma(vma, start, 1);
	/* A split at @end puts the part to keep after @vma: not visited. */
	for_each_vma_range_safe(mm, vma, next, start, end) {
		if (vma->vm_end > end)
			split_vma(vma, end, 0);
		/* unmap_region: unmap_vmas drops the markers too. */
		zap_page_range_single(vma, vma->vm_start,
				      vma->vm_end - vma->vm_start, &details);
		remove_vma(mm, vma);
	}
	free_pgtables(mm, start, end);
	return 0;
}

/* exit_mmap - tear down the whole address space of an exiting process. */
void exit_mmap(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *next;

	unmap_vmas(mm);
	for_each_vma_safe(mm, vma, next)
		remove_vma(mm, vma);
	free_pgd_all(mm);
}

/*
 * mmput - the last user of @mm is gone.  The mm_struct itself stays in
 * sim->mms (dead) so that ids remain stable for the scenario.
 */
void mmput(struct mm_struct *mm)
{
	mm->sim_exiting = true;
	exit_mmap(mm);
	/* The mm leaves ksmd's list with its rmap_items. */
	ksm_exit(mm);
	mm->dead = true;
}
