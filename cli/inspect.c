// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmsim inspect PID [START-END]
 *
 * The anonymous memory of a live process, page by page, in the words of
 * the kernel's page-types tool in raw mode (tools/mm/page-types.c, `-r -L
 * -M`; docs/kernel-observations.md obs.page-types-format): the
 * same positional symbol string and long flag names, with the same
 * overloaded flags expanded (anon_exclusive is PG_owner_2 of an anon page,
 * kpageflags bit 34) and the same pagemap-derived flags (swap,
 * mmap_exclusive, softdirty, file).  Then a summary per VMA: pages
 * exclusive (PG_anon_exclusive), shared (mapped, not exclusive), KSM,
 * swapped, the zero page, and none (nothing mapped).
 *
 * Anonymous VMAs are those of /proc/PID/maps without a file, [heap],
 * [stack] and [anon:NAME].  Pages with nothing mapped are not listed, as
 * page-types does not list them.  PFNs need root.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "host/procfs.h"

#define PAGE 4096UL
/* How many pagemap entries one read takes. */
#define BATCH 512UL

/* page-types' own bits (raw mode), beyond the kernel's. */
#define PT_ANON_EXCLUSIVE 47
#define PT_READAHEAD 48
#define PT_SLUB_FROZEN 50
#define PT_SLUB_DEBUG 51
#define PT_FILE 61
#define PT_SWAP 62
#define PT_MMAP_EXCLUSIVE 63
#define PT_SOFTDIRTY KPF_SOFTDIRTY

/*
 * page-types' page_flag_names[]: "symbol:name" for every bit with a name,
 * in bit order; the positional string has one column per named bit.
 */
static const char *const flag_names[64] = {
	[KPF_LOCKED] = "L:locked",
	[KPF_ERROR] = "E:error",
	[KPF_REFERENCED] = "R:referenced",
	[KPF_UPTODATE] = "U:uptodate",
	[KPF_DIRTY] = "D:dirty",
	[KPF_LRU] = "l:lru",
	[KPF_ACTIVE] = "A:active",
	[KPF_SLAB] = "S:slab",
	[KPF_WRITEBACK] = "W:writeback",
	[KPF_RECLAIM] = "I:reclaim",
	[KPF_BUDDY] = "B:buddy",
	[KPF_MMAP] = "M:mmap",
	[KPF_ANON] = "a:anonymous",
	[KPF_SWAPCACHE] = "s:swapcache",
	[KPF_SWAPBACKED] = "b:swapbacked",
	[KPF_COMPOUND_HEAD] = "H:compound_head",
	[KPF_COMPOUND_TAIL] = "T:compound_tail",
	[KPF_HUGE] = "G:huge",
	[KPF_UNEVICTABLE] = "u:unevictable",
	[KPF_HWPOISON] = "X:hwpoison",
	[KPF_NOPAGE] = "n:nopage",
	[KPF_KSM] = "x:ksm",
	[KPF_THP] = "t:thp",
	[KPF_OFFLINE] = "o:offline",
	[KPF_ZERO_PAGE] = "z:zero_page",
	[KPF_IDLE] = "i:idle_page",
	[KPF_PGTABLE] = "g:pgtable",
	[KPF_RESERVED] = "r:reserved",
	[KPF_MLOCKED] = "m:mlocked",
	[KPF_OWNER_2] = "d:owner_2",
	[KPF_PRIVATE] = "P:private",
	[KPF_PRIVATE_2] = "p:private_2",
	[KPF_OWNER_PRIVATE] = "O:owner_private",
	[KPF_ARCH] = "h:arch",
	[KPF_UNCACHED] = "c:uncached",
	[PT_SOFTDIRTY] = "f:softdirty",
	[KPF_ARCH_2] = "H:arch_2",
	[PT_ANON_EXCLUSIVE] = "d:anon_exclusive",
	[PT_READAHEAD] = "I:readahead",
	[PT_SLUB_FROZEN] = "A:slub_frozen",
	[PT_SLUB_DEBUG] = "E:slub_debug",
	[PT_FILE] = "F:file",
	[PT_SWAP] = "w:swap",
	[PT_MMAP_EXCLUSIVE] = "1:mmap_exclusive",
};

#define BIT(nr) (1ULL << (nr))

struct vma_sum {
	unsigned long exclusive, shared, ksm, swapped, zero, none;
};

struct inspect {
	pid_t pid;
	unsigned long start, end; /* the range asked for */
	struct vma_sum *sums;
	struct sim_vma *vmas;
	int nvmas;
	int err;
};

/*
 * page-types' expand_overloaded_flags(): PG_owner_2 of an anon page is
 * PG_anon_exclusive, PG_reclaim without writeback is PG_readahead, slab
 * reuses active and error; then the bits that come from the pagemap.
 */
static uint64_t expand(uint64_t kpf, uint64_t pm)
{
	uint64_t f = kpf;

	if ((f & BIT(KPF_ANON)) && (f & BIT(KPF_OWNER_2)))
		f ^= BIT(KPF_OWNER_2) | BIT(PT_ANON_EXCLUSIVE);
	if (f & BIT(KPF_SLAB)) {
		if (f & BIT(KPF_ACTIVE))
			f ^= BIT(KPF_ACTIVE) | BIT(PT_SLUB_FROZEN);
		if (f & BIT(KPF_ERROR))
			f ^= BIT(KPF_ERROR) | BIT(PT_SLUB_DEBUG);
	}
	if ((f & BIT(KPF_RECLAIM)) && !(f & BIT(KPF_WRITEBACK)))
		f ^= BIT(KPF_RECLAIM) | BIT(PT_READAHEAD);
	if (pm & PM_SOFT_DIRTY)
		f |= BIT(PT_SOFTDIRTY);
	if (pm & PM_FILE)
		f |= BIT(PT_FILE);
	if (pm & PM_SWAP)
		f |= BIT(PT_SWAP);
	if (pm & PM_MMAP_EXCLUSIVE)
		f |= BIT(PT_MMAP_EXCLUSIVE);
	return f;
}

/* The positional symbol string: a letter where set, '_' where clear. */
static void symbols(uint64_t f, char *buf)
{
	int i, j = 0;

	for (i = 0; i < 64; i++)
		if (flag_names[i])
			buf[j++] = (f & BIT(i)) ? flag_names[i][0] : '_';
	buf[j] = 0;
}

static void long_names(uint64_t f, char *buf, size_t len)
{
	size_t n = 0;
	int i;

	buf[0] = 0;
	for (i = 0; i < 64 && n < len; i++)
		if ((f & BIT(i)) && flag_names[i])
			n += (size_t)snprintf(buf + n, len - n, "%s%s",
					      n ? "," : "", flag_names[i] + 2);
}

static void page_line(struct inspect *in, unsigned long addr, uint64_t pm,
		      struct vma_sum *sum)
{
	char sym[65], names[512], count[24], offset[40];
	uint64_t kpf = 0, mapcount = 0, f;
	unsigned long pfn = pm & PM_PFN_MASK;

	if (pm & PM_PRESENT) {
		if (sim_kpageflags_read(pfn, &kpf) ||
		    sim_kpagecount_read(pfn, &mapcount)) {
			in->err = -EIO;
			return;
		}
		f = expand(kpf, pm);
		snprintf(count, sizeof(count), "%llu",
			 (unsigned long long)mapcount);
		snprintf(offset, sizeof(offset), "%lx", pfn);
		if (f & BIT(KPF_ZERO_PAGE))
			sum->zero++;
		else if (f & BIT(PT_ANON_EXCLUSIVE))
			sum->exclusive++;
		else
			sum->shared++;
		if (f & BIT(KPF_KSM))
			sum->ksm++;
	} else if (pm & PM_SWAP) {
		/* A pseudo-page of pagemap bits only, as page-types shows. */
		f = expand(0, pm);
		snprintf(count, sizeof(count), "-");
		snprintf(offset, sizeof(offset), "swap:%llu:%llx",
			 (unsigned long long)(pm & PM_SWAP_TYPE_MASK),
			 (unsigned long long)((pm & PM_PFN_MASK) >>
					      PM_SWAP_OFFSET_SHIFT));
		sum->swapped++;
	} else {
		sum->none++;
		return;
	}
	symbols(f, sym);
	long_names(f, names, sizeof(names));
	printf("%lx\t%s\t%s\t%s\t%s\n", addr, count, offset, sym, names);
}

static int on_vma(void *ctx, const struct sim_vma *vma)
{
	struct inspect *in = ctx;
	unsigned long start, end, a, n, i;
	uint64_t pm[BATCH];
	struct vma_sum *sum;
	int ret;

	if (!sim_vma_is_anon(vma))
		return 0;
	start = vma->start > in->start ? vma->start : in->start;
	end = vma->end < in->end ? vma->end : in->end;
	if (start >= end)
		return 0;
	in->vmas = realloc(in->vmas, (in->nvmas + 1) * sizeof(*in->vmas));
	in->sums = realloc(in->sums, (in->nvmas + 1) * sizeof(*in->sums));
	if (!in->vmas || !in->sums)
		abort();
	in->vmas[in->nvmas] = *vma;
	in->vmas[in->nvmas].start = start;
	in->vmas[in->nvmas].end = end;
	sum = &in->sums[in->nvmas++];
	memset(sum, 0, sizeof(*sum));
	for (a = start; a < end; a += n * PAGE) {
		n = (end - a) / PAGE;
		if (n > BATCH)
			n = BATCH;
		ret = sim_pagemap_read_n(in->pid, a, n, pm);
		if (ret)
			return ret;
		for (i = 0; i < n && !in->err; i++)
			page_line(in, a + i * PAGE, pm[i], sum);
		if (in->err)
			return in->err;
	}
	return 0;
}

static void summary(const struct inspect *in)
{
	struct vma_sum t = { 0 };
	int i;

	printf("\n%-27s %-4s %7s %9s %7s %5s %7s %5s %5s  %s\n", "vma", "perm",
	       "pages", "exclusive", "shared", "ksm", "swapped", "zero", "none",
	       "name");
	for (i = 0; i < in->nvmas; i++) {
		const struct sim_vma *v = &in->vmas[i];
		const struct vma_sum *s = &in->sums[i];

		printf("%12lx-%-14lx %-4s %7lu %9lu %7lu %5lu %7lu %5lu %5lu  "
		       "%s\n",
		       v->start, v->end, v->perms, (v->end - v->start) / PAGE,
		       s->exclusive, s->shared, s->ksm, s->swapped, s->zero,
		       s->none, v->name[0] ? v->name : "[anon]");
		t.exclusive += s->exclusive;
		t.shared += s->shared;
		t.ksm += s->ksm;
		t.swapped += s->swapped;
		t.zero += s->zero;
		t.none += s->none;
	}
	printf("%-27s %-4s %7lu %9lu %7lu %5lu %7lu %5lu %5lu\n", "total", "",
	       t.exclusive + t.shared + t.swapped + t.zero + t.none,
	       t.exclusive, t.shared, t.ksm, t.swapped, t.zero, t.none);
}

static int inspect_usage(void)
{
	fprintf(stderr, "usage: mmsim inspect PID [START-END]\n"
			"  START, END: hexadecimal addresses (0x optional)\n");
	return 2;
}

static bool parse_hex(const char *s, unsigned long *v)
{
	char *end;

	if (!*s || *s == '-' || *s == '+')
		return false;
	errno = 0;
	*v = strtoul(s, &end, 16);
	return !errno && !*end;
}

/* START-END: [START, END), widened to whole pages. */
static int parse_range(const char *arg, unsigned long *start,
		       unsigned long *end)
{
	char buf[64], *dash;

	if (strlen(arg) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, arg);
	dash = strchr(buf, '-');
	if (!dash)
		return -EINVAL;
	*dash = 0;
	if (!parse_hex(buf, start) || !parse_hex(dash + 1, end) ||
	    *start >= *end)
		return -EINVAL;
	*start &= ~(PAGE - 1);
	*end = (*end + PAGE - 1) & ~(PAGE - 1);
	return 0;
}

int cmd_inspect(int argc, char **argv)
{
	struct inspect in = { .start = 0, .end = ~0UL };
	char path[64], *end;
	long pid;
	int ret;

	if (argc < 1 || argc > 2)
		return inspect_usage();
	errno = 0;
	pid = strtol(argv[0], &end, 10);
	if (errno || *end || !*argv[0] || pid <= 0 || pid > 0x7fffffff) {
		fprintf(stderr, "mmsim inspect: '%s' is not a process id\n",
			argv[0]);
		return inspect_usage();
	}
	in.pid = (pid_t)pid;
	if (argc == 2 && parse_range(argv[1], &in.start, &in.end)) {
		fprintf(stderr,
			"mmsim inspect: '%s' is not a range START-END of "
			"hexadecimal addresses with START < END\n",
			argv[1]);
		return inspect_usage();
	}
	snprintf(path, sizeof(path), "/proc/%ld", pid);
	if (access(path, F_OK)) {
		fprintf(stderr, "mmsim inspect: no process %ld\n", pid);
		return 2;
	}
	if (geteuid()) {
		fprintf(stderr,
			"mmsim inspect: needs root: PFNs in /proc/PID/pagemap "
			"read as 0 without CAP_SYS_ADMIN, and /proc/kpageflags "
			"and /proc/kpagecount are root's only\n");
		return 1;
	}

	printf("# mmsim inspect %ld%s%s: anonymous memory, page-types -r "
	       "symbols\n",
	       pid, argc == 2 ? " " : "", argc == 2 ? argv[1] : "");
	printf("address\tmap-cnt\toffset\tflags\tlong-symbolic-flags\n");
	ret = sim_maps_read(in.pid, on_vma, &in);
	if (ret) {
		fprintf(stderr, "mmsim inspect: process %ld: %s\n", pid,
			strerror(-ret));
		free(in.vmas);
		free(in.sums);
		return 1;
	}
	summary(&in);
	free(in.vmas);
	free(in.sums);
	return 0;
}
