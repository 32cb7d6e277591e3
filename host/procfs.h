/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Readers of the kernel's page-state files: /proc/PID/pagemap (one u64 per
 * virtual page), /proc/kpageflags and /proc/kpagecount (one u64 per PFN).
 * Documentation/admin-guide/mm/pagemap.rst describes them; the bits that
 * matter here, and how they differ between kernel versions, are in
 * docs/kernel-backend.md.  PFNs read as 0 without CAP_SYS_ADMIN.
 *
 * Every reader returns 0 or -errno and never touches the page it reads
 * about (no fault, no reference).
 */
#ifndef MMSIM_HOST_PROCFS_H
#define MMSIM_HOST_PROCFS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

/* /proc/PID/pagemap entry bits. */
#define PM_PFN_MASK ((1ULL << 55) - 1) /* bits 0-54: PFN if present */
#define PM_SWAP_TYPE_MASK 0x1fULL /* bits 0-4 of a swap entry */
#define PM_SWAP_OFFSET_SHIFT 5 /* bits 5-54 of a swap entry */
#define PM_SOFT_DIRTY (1ULL << 55)
/* Mapcount of the page == 1 (not PageAnonExclusive!); 0 if not present. */
#define PM_MMAP_EXCLUSIVE (1ULL << 56)
#define PM_UFFD_WP (1ULL << 57)
#define PM_GUARD_REGION (1ULL << 58)
#define PM_FILE (1ULL << 61) /* file page or shared anon (shmem) */
#define PM_SWAP (1ULL << 62)
#define PM_PRESENT (1ULL << 63)

/* /proc/kpageflags bits: include/uapi/linux/kernel-page-flags.h. */
#define KPF_LOCKED 0
#define KPF_ERROR 1
#define KPF_REFERENCED 2
#define KPF_UPTODATE 3
#define KPF_DIRTY 4
#define KPF_LRU 5
#define KPF_ACTIVE 6
#define KPF_SLAB 7
#define KPF_WRITEBACK 8
#define KPF_RECLAIM 9
#define KPF_BUDDY 10
#define KPF_MMAP 11
#define KPF_ANON 12
#define KPF_SWAPCACHE 13
#define KPF_SWAPBACKED 14
#define KPF_COMPOUND_HEAD 15
#define KPF_COMPOUND_TAIL 16
#define KPF_HUGE 17
#define KPF_UNEVICTABLE 18
#define KPF_HWPOISON 19
#define KPF_NOPAGE 20
#define KPF_KSM 21
#define KPF_THP 22
#define KPF_OFFLINE 23
#define KPF_ZERO_PAGE 24
#define KPF_IDLE 25
#define KPF_PGTABLE 26
/* "Kernel hacking" bits: include/linux/kernel-page-flags.h. */
#define KPF_RESERVED 32
#define KPF_MLOCKED 33
/*
 * PG_owner_2 (v6.12+; KPF_MAPPEDTODISK before): on an anon folio it is
 * PG_anon_exclusive, of the folio's head page.
 */
#define KPF_OWNER_2 34
#define KPF_MAPPEDTODISK KPF_OWNER_2
#define KPF_PRIVATE 35
#define KPF_PRIVATE_2 36
#define KPF_OWNER_PRIVATE 37
#define KPF_ARCH 38
#define KPF_UNCACHED 39
#define KPF_SOFTDIRTY 40
#define KPF_ARCH_2 41

#define KPF_BIT(nr) (1ULL << (nr))

/* The pagemap entry of @vaddr in process @pid. */
int sim_pagemap_read(pid_t pid, unsigned long vaddr, uint64_t *entry);
/* The pagemap entries of @n pages from @vaddr, in one open. */
int sim_pagemap_read_n(pid_t pid, unsigned long vaddr, unsigned long n,
		       uint64_t *entries);
/* Entries per read(2) of the pagemap: 512 KiB, a few ms of the kernel's. */
#define SIM_PAGEMAP_CHUNK 65536UL
/*
 * The same, read in chunks of SIM_PAGEMAP_CHUNK entries; before each,
 * -ETIMEDOUT once CLOCK_MONOTONIC has passed @deadline (NULL: no limit).
 * A read of 16 Mi pages then overruns a deadline by one chunk at most.
 */
int sim_pagemap_read_until(pid_t pid, unsigned long vaddr, unsigned long n,
			   uint64_t *entries, const struct timespec *deadline);
/* The page flags of @pfn: a KPF_BIT() mask. */
int sim_kpageflags_read(unsigned long pfn, uint64_t *flags);
/* The page flags of @n PFNs from @pfn, in one read. */
int sim_kpageflags_read_n(unsigned long pfn, unsigned long n, uint64_t *flags);
/* The mapcount of @pfn (folio_precise_page_mapcount on v6.18). */
int sim_kpagecount_read(unsigned long pfn, uint64_t *count);

/*
 * The PAGEMAP_SCAN ioctl of /proc/PID/pagemap (v6.7+,
 * fs/proc/task_mmu.c:do_pagemap_scan): the categories of the page at
 * @vaddr, what pagemap_page_category() or, for a huge PMD,
 * pagemap_thp_category() says of it.  Debian 12's headers predate it: the
 * UAPI's values are repeated here.
 */
#define PAGE_IS_PRESENT (1ULL << 3)
#define PAGE_IS_SWAPPED (1ULL << 4)
#define PAGE_IS_PFNZERO (1ULL << 5) /* the zero page or the huge zero page */
#define PAGE_IS_HUGE (1ULL << 6) /* a huge PMD (or hugetlb) maps it */
/* Into *@categories (0: nothing there); 0 or -errno (-ENOTTY before 6.7). */
int sim_pagemap_scan_page(pid_t pid, unsigned long vaddr, uint64_t *categories);

/* One line of /proc/PID/maps. */
struct sim_vma {
	unsigned long start, end;
	char perms[5]; /* "rw-p" */
	unsigned long long offset;
	unsigned long inode;
	char name[256]; /* the path, "[heap]", "[anon:NAME]" or "" */
};

/*
 * Anonymous memory as the kernel names it in maps: no file ("" for
 * private or shared anon; shared anon is shmem and reads
 * "/dev/zero (deleted)"), "[heap]", "[stack]", or a name given with
 * PR_SET_VMA_ANON_NAME ("[anon:NAME]"; "[anon_shmem:NAME]" is shmem).
 */
bool sim_vma_is_anon(const struct sim_vma *vma);

/*
 * Call @fn for every VMA of process @pid, in address order, until it
 * returns non-zero (which is then returned).  Returns 0 or -errno.
 */
int sim_maps_read(pid_t pid, int (*fn)(void *ctx, const struct sim_vma *vma),
		  void *ctx);

/*
 * The word a sysfs choice file has selected, "[madvise]" in "always
 * [madvise] never" (/sys/kernel/mm/transparent_hugepage/enabled), into
 * @buf, brackets dropped.  Returns 0, -errno, or -ENODATA if nothing is
 * selected.
 */
int sim_sysfs_choice(const char *path, char *buf, size_t len);

/* The counter @name of /proc/vmstat ("cow_ksm", ...) into @val. */
int sim_vmstat_read(const char *name, unsigned long *val);

/*
 * Whether process @pid is registered with KSM (MMF_VM_MERGEABLE, the
 * ksm_mergeable line of /proc/PID/ksm_stat, v6.8+): 1 or 0, -ENODATA on a
 * kernel without the line, or -errno.
 */
int sim_ksm_mergeable(pid_t pid);
/* Whether a VMA of @pid is VM_MERGEABLE (smaps' VmFlags "mg"): 1, 0, -errno. */
int sim_vmas_mergeable(pid_t pid);

#endif /* MMSIM_HOST_PROCFS_H */
