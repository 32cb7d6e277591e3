// SPDX-License-Identifier: GPL-2.0-only
/*
 * Readers of /proc/PID/pagemap, /proc/kpageflags and /proc/kpagecount.
 * Each call opens, reads one aligned u64 with pread() and closes: the files
 * are cheap to open, and keeping no fd open means nothing to leak and no
 * state to share between callers.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
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

int sim_kpageflags_read(unsigned long pfn, uint64_t *flags)
{
	return read_u64("/proc/kpageflags", pfn, flags);
}

int sim_kpagecount_read(unsigned long pfn, uint64_t *count)
{
	return read_u64("/proc/kpagecount", pfn, count);
}
