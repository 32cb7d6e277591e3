// SPDX-License-Identifier: GPL-2.0-only
/*
 * poison-table on a live kernel (docs/kernel-backend.md, "Memory
 * failure"): the PFN of the PTE table that maps an address.  No interface
 * exports it: pagemap gives the data page, kpageflags marks a page table
 * (KPF_PGTABLE, set by pagetable_pte_ctor through __folio_set_pgtable)
 * but not whose it is.  So the table is caught as it is made: before a
 * load or store by an agent into a 2 MiB block of which pagemap shows
 * nothing (no PTE there, so most likely no table), the controller takes
 * the set of KPF_PGTABLE pages; after it, the set again.  Exactly one new
 * table page is the block's PTE table (pte_alloc → __pte_alloc); none
 * (a table with only none PTEs was there) or several (a PMD or PUD table
 * made too, or another process's) leave the block unknown, and a later
 * poison-table there is a SKIP with the reason.
 *
 * Only in a VM guest (mmsim is its /init, PID 1: host/vm-guest.c): a
 * page poisoned stays so until reboot, and the host's page tables are
 * nobody's to poison.  The tables seen are forgotten when the range is
 * unmapped or moved, or the process exits: a freed table's PFN may be
 * anything later.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "host/kernel.h"
#include "host/procfs.h"

#define K_PMD_SIZE (2UL << 20)
#define K_PUD_SIZE (1UL << 30)
#define K_PTRS_PER_PTE 512UL
/* PFNs per pread of /proc/kpageflags: 64 KiB. */
#define K_PGT_CHUNK 8192UL
/* More new tables than this are not even counted further. */
#define K_PGT_NEW_MAX 4

/*
 * Whether this is the guest's /init.  The kernel backend in a VM guest
 * runs in PID 1 itself; on the host mmsim never is PID 1.
 */
static bool k_pgt_in_guest(void)
{
	return getpid() == 1;
}

/*
 * The buffers of a scan: allocated and touched once, before any scan, so
 * that the controller's own page tables do not change between the two.
 */
static int k_pgt_prepare(struct kernel_backend *k)
{
	unsigned long npfn = 0;
	ssize_t r;
	int fd;

	if (k->pgt_before)
		return 0;
	k->pgt_buf = malloc(K_PGT_CHUNK * sizeof(uint64_t));
	if (!k->pgt_buf)
		return -ENOMEM;
	memset(k->pgt_buf, 0, K_PGT_CHUNK * sizeof(uint64_t));
	fd = open("/proc/kpageflags", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	do {
		r = pread(fd, k->pgt_buf, K_PGT_CHUNK * sizeof(uint64_t),
			  (off_t)(npfn * sizeof(uint64_t)));
		if (r > 0)
			npfn += (unsigned long)r / sizeof(uint64_t);
	} while (r > 0 && k_remaining_ms(k) > 0);
	close(fd);
	if (r < 0)
		return -errno;
	if (!npfn)
		return -ENXIO;
	/* Memory hot-added meanwhile is not looked at: a bitmap of npfn. */
	k->pgt_nwords = (npfn + 63) / 64;
	k->pgt_npfn = npfn;
	k->pgt_before = calloc(k->pgt_nwords, sizeof(uint64_t));
	if (!k->pgt_before)
		return -ENOMEM;
	memset(k->pgt_before, 0, k->pgt_nwords * sizeof(uint64_t));
	return 0;
}

/*
 * One pass over kpageflags: with @record, the KPF_PGTABLE pages go into
 * the bitmap; else the ones not in it are new, counted in *@nnew (the
 * first in *@pfn).
 */
static int k_pgt_scan(struct kernel_backend *k, bool record, int *nnew,
		      unsigned long *pfn)
{
	unsigned long base, i, n;
	ssize_t r;
	int fd, ret = 0;

	fd = open("/proc/kpageflags", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	for (base = 0; base < k->pgt_npfn; base += n) {
		n = k->pgt_npfn - base;
		if (n > K_PGT_CHUNK)
			n = K_PGT_CHUNK;
		if (k_remaining_ms(k) <= 0) {
			ret = -ETIMEDOUT;
			break;
		}
		r = pread(fd, k->pgt_buf, n * sizeof(uint64_t),
			  (off_t)(base * sizeof(uint64_t)));
		if (r < 0) {
			ret = -errno;
			break;
		}
		n = (unsigned long)r / sizeof(uint64_t);
		if (!n)
			break;
		for (i = 0; i < n; i++) {
			unsigned long f = base + i;
			uint64_t bit = 1ULL << (f % 64);

			if (!(k->pgt_buf[i] & KPF_BIT(KPF_PGTABLE)))
				continue;
			if (record) {
				k->pgt_before[f / 64] |= bit;
			} else if (!(k->pgt_before[f / 64] & bit)) {
				if (!*nnew)
					*pfn = f;
				if (*nnew < K_PGT_NEW_MAX)
					(*nnew)++;
			}
		}
	}
	close(fd);
	return ret;
}

/* Where to prime: the last page of a PROT_NONE shared VMA (the arena). */
struct k_pgt_prime {
	unsigned long gb, block, at;
};

static int k_pgt_prime_vma(void *ctx, const struct sim_vma *vma)
{
	struct k_pgt_prime *pr = ctx;
	unsigned long end = vma->end, at;

	if (strcmp(vma->perms, "---s") || end <= pr->gb ||
	    vma->start >= pr->gb + K_PUD_SIZE)
		return 0;
	if (end > pr->gb + K_PUD_SIZE)
		end = pr->gb + K_PUD_SIZE;
	at = end - K_PAGE;
	if (at < vma->start || (at & ~(K_PMD_SIZE - 1)) == pr->block)
		return 0;
	if (at > pr->at)
		pr->at = at;
	return 0;
}

/*
 * The first touch of a 1 GiB region makes its PMD table as well as the
 * PTE table: two new tables, which kpageflags cannot tell apart.  So the
 * PMD table is made first, by a read of the agent's memory through
 * /proc/PID/mem (FOLL_FORCE, which may read a PROT_NONE mapping:
 * mm/gup.c, check_vma_flags) at the far end of its arena in that region,
 * a PROT_NONE shared mapping no region uses: a page of the arena's shmem
 * there, in a 2 MiB block of its own.  Where there is no arena, nothing
 * is primed (and two tables may be seen).
 */
static void k_pgt_prime(pid_t pid, unsigned long addr)
{
	struct k_pgt_prime pr = {
		.gb = addr & ~(K_PUD_SIZE - 1),
		.block = addr & ~(K_PMD_SIZE - 1),
	};
	char path[64], c;
	int fd;

	if (sim_maps_read(pid, k_pgt_prime_vma, &pr) || !pr.at)
		return;
	snprintf(path, sizeof(path), "/proc/%d/mem", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	if (pread(fd, &c, 1, (off_t)pr.at) != 1)
		c = 0;
	close(fd);
}

static struct k_pgt *k_pgt_find(struct kernel_backend *k, pid_t pid,
				unsigned long block)
{
	int i;

	for (i = 0; i < k->npgt; i++)
		if (k->pgt[i].pid == pid && k->pgt[i].block == block)
			return &k->pgt[i];
	return NULL;
}

bool k_pgt_before(struct kernel_backend *k, int proc, unsigned long addr)
{
	struct k_proc *p = k_proc(k, proc);
	unsigned long block = addr & ~(K_PMD_SIZE - 1), i;
	uint64_t pm[K_PTRS_PER_PTE];

	if (!p || !k_pgt_in_guest() || k_pgt_find(k, p->pid, block) ||
	    k->npgt == (int)K_ARRAY_SIZE(k->pgt) || access(K_CORRUPT_PFN, W_OK))
		return false;
	if (sim_pagemap_read_n(p->pid, block, K_PTRS_PER_PTE, pm))
		return false;
	for (i = 0; i < K_PTRS_PER_PTE; i++)
		if (pm[i] & (PM_PRESENT | PM_SWAP))
			return false;
	if (k_pgt_prepare(k))
		return false;
	k_pgt_prime(p->pid, addr);
	memset(k->pgt_before, 0, k->pgt_nwords * sizeof(uint64_t));
	return !k_pgt_scan(k, true, NULL, NULL);
}

void k_pgt_after(struct kernel_backend *k, int proc, unsigned long addr)
{
	struct k_proc *p = k_proc(k, proc);
	unsigned long block = addr & ~(K_PMD_SIZE - 1), pfn = 0;
	int nnew = 0;

	if (!p || k_pgt_scan(k, false, &nnew, &pfn))
		return;
	if (nnew != 1) {
		snprintf(k->pgt_why, sizeof(k->pgt_why),
			 "the first touch of the 2 MiB block at %#lx made %d%s "
			 "new page-table pages, not one",
			 block, nnew, nnew == K_PGT_NEW_MAX ? "+" : "");
		return;
	}
	k->pgt[k->npgt++] =
		(struct k_pgt){ .pid = p->pid, .block = block, .pfn = pfn };
}

void k_pgt_forget(struct kernel_backend *k, int proc, unsigned long addr,
		  unsigned long len)
{
	struct k_proc *p = k_proc(k, proc);
	int i;

	if (!p)
		return;
	for (i = 0; i < k->npgt; i++) {
		struct k_pgt *t = &k->pgt[i];

		if (t->pid != p->pid ||
		    (len &&
		     (t->block + K_PMD_SIZE <= addr || t->block >= addr + len)))
			continue;
		*t = k->pgt[--k->npgt];
		i--;
	}
}

/*
 * poison-table: hwpoison-inject's corrupt-pfn on the PTE table caught at
 * its making (above); the write's errno is the result.
 */
int k_poison_table(struct sim_backend *b, int proc, unsigned long addr)
{
	struct kernel_backend *k = kb(b);
	struct k_proc *p = k_proc(k, proc);
	unsigned long block = addr & ~(K_PMD_SIZE - 1);
	uint64_t flags = 0;
	struct k_pgt *t;
	char buf[32];
	int fd, n, ret;

	if (!p)
		return -ESRCH;
	if (!k_pgt_in_guest())
		return k_unsupported(k, "poisoning a page table outside a VM "
					"guest (--target vm:VERSION)");
	if (access(K_CORRUPT_PFN, W_OK))
		return k_unsupported(k, "no " K_CORRUPT_PFN
					" (CONFIG_HWPOISON_INJECT, debugfs)");
	t = k_pgt_find(k, p->pid, block);
	if (!t)
		return k_unsupported(
			k, k->pgt_why[0] ?
				   k->pgt_why :
				   "finding the PTE table of an address whose "
				   "table no load or store of this process "
				   "was seen making");
	ret = sim_kpageflags_read(t->pfn, &flags);
	if (ret)
		return ret;
	if (!(flags & KPF_BIT(KPF_PGTABLE)) ||
	    (!t->poisoned && (flags & KPF_BIT(KPF_HWPOISON))))
		return k_unsupported(k, "the PTE table seen made is no longer "
					"an unpoisoned page table");
	fd = open(K_CORRUPT_PFN, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = snprintf(buf, sizeof(buf), "%#lx\n", t->pfn);
	ret = write(fd, buf, (size_t)n) == n ? 0 : -errno;
	close(fd);
	t->poisoned = true;
	/* memory_failure sets PG_hwpoison first, whatever it decides. */
	if (!sim_kpageflags_read(t->pfn, &flags) &&
	    !(flags & KPF_BIT(KPF_HWPOISON)))
		return k_unsupported(k, "corrupt-pfn left the PTE table "
					"without HWPOISON in kpageflags");
	return ret;
}
