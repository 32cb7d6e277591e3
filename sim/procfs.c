// SPDX-License-Identifier: GPL-2.0-only
/*
 * Readers of /proc/PID/pagemap, /proc/kpageflags, /proc/kpagecount and
 * /proc/PID/maps.  Each call opens, reads aligned u64s with pread() and
 * closes: the files are cheap to open, and keeping no fd open means
 * nothing to leak and no state to share between callers.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sim/procfs.h"

#define SIM_PAGE_SHIFT 12

static int read_u64(const char *path, uint64_t index, uint64_t *val)
{
	ssize_t n;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = pread(fd, val, sizeof(*val), (off_t)(index * sizeof(*val)));
	err = n < 0 ? -errno : 0;
	close(fd);
	if (err)
		return err;
	/* Past the end of the file: no such page (PFN beyond max_pfn). */
	return n == sizeof(*val) ? 0 : -ENXIO;
}

int sim_pagemap_read(pid_t pid, unsigned long vaddr, uint64_t *entry)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/pagemap", (int)pid);
	return read_u64(path, vaddr >> SIM_PAGE_SHIFT, entry);
}

int sim_pagemap_read_n(pid_t pid, unsigned long vaddr, unsigned long n,
		       uint64_t *entries)
{
	size_t len = n * sizeof(*entries), got = 0;
	char path[64];
	ssize_t r;
	int fd, err = 0;

	snprintf(path, sizeof(path), "/proc/%d/pagemap", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while (!err && got < len) {
		r = pread(fd, (char *)entries + got, len - got,
			  (off_t)((vaddr >> SIM_PAGE_SHIFT) * sizeof(*entries) +
				  got));
		if (r < 0)
			err = -errno;
		else if (r == 0)
			err = -ENXIO;
		else
			got += (size_t)r;
	}
	close(fd);
	return err;
}

int sim_kpageflags_read(unsigned long pfn, uint64_t *flags)
{
	return read_u64("/proc/kpageflags", pfn, flags);
}

int sim_kpagecount_read(unsigned long pfn, uint64_t *count)
{
	return read_u64("/proc/kpagecount", pfn, count);
}

bool sim_vma_is_anon(const struct sim_vma *vma)
{
	return !vma->name[0] || !strcmp(vma->name, "[heap]") ||
	       !strcmp(vma->name, "[stack]") ||
	       !strncmp(vma->name, "[anon:", 6);
}

int sim_maps_read(pid_t pid, int (*fn)(void *ctx, const struct sim_vma *vma),
		  void *ctx)
{
	char path[64], line[4096 + 128];
	struct sim_vma vma;
	unsigned int major, minor;
	int ret = 0, name;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	while (!ret && fgets(line, sizeof(line), f)) {
		memset(&vma, 0, sizeof(vma));
		name = 0;
		if (sscanf(line, "%lx-%lx %4s %llx %x:%x %lu %n", &vma.start,
			   &vma.end, vma.perms, &vma.offset, &major, &minor,
			   &vma.inode, &name) < 7)
			continue;
		if (name > 0) {
			snprintf(vma.name, sizeof(vma.name), "%s", line + name);
			vma.name[strcspn(vma.name, "\n")] = 0;
		}
		ret = fn(ctx, &vma);
	}
	fclose(f);
	return ret;
}
