// SPDX-License-Identifier: GPL-2.0-only
/*
 * Readers of /proc/PID/pagemap, /proc/kpageflags, /proc/kpagecount and
 * /proc/PID/maps, and of the sysfs choice files of THP.  Each call opens, reads aligned u64s with pread() and
 * closes: the files are cheap to open, and keeping no fd open means
 * nothing to leak and no state to share between callers.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "host/procfs.h"

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

/* Whether CLOCK_MONOTONIC has passed @deadline (NULL: never). */
static bool past(const struct timespec *deadline)
{
	struct timespec now;

	if (!deadline)
		return false;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > deadline->tv_sec ||
	       (now.tv_sec == deadline->tv_sec &&
		now.tv_nsec >= deadline->tv_nsec);
}

int sim_pagemap_read_until(pid_t pid, unsigned long vaddr, unsigned long n,
			   uint64_t *entries, const struct timespec *deadline)
{
	unsigned long done = 0, want;
	size_t got;
	char path[64];
	ssize_t r;
	int fd, err = 0;

	snprintf(path, sizeof(path), "/proc/%d/pagemap", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	/*
	 * One chunk per pread(): the kernel walks the whole range of one
	 * read before it returns, so the deadline is checked this often.
	 */
	while (!err && done < n) {
		if (past(deadline)) {
			err = -ETIMEDOUT;
			break;
		}
		want = n - done < SIM_PAGEMAP_CHUNK ? n - done :
						      SIM_PAGEMAP_CHUNK;
		got = 0;
		while (!err && got < want * sizeof(*entries)) {
			r = pread(fd, (char *)(entries + done) + got,
				  want * sizeof(*entries) - got,
				  (off_t)(((vaddr >> SIM_PAGE_SHIFT) + done) *
						  sizeof(*entries) +
					  got));
			if (r < 0)
				err = -errno;
			else if (r == 0)
				err = -ENXIO;
			else
				got += (size_t)r;
		}
		done += want;
	}
	close(fd);
	return err;
}

int sim_pagemap_read_n(pid_t pid, unsigned long vaddr, unsigned long n,
		       uint64_t *entries)
{
	return sim_pagemap_read_until(pid, vaddr, n, entries, NULL);
}

int sim_kpageflags_read(unsigned long pfn, uint64_t *flags)
{
	return read_u64("/proc/kpageflags", pfn, flags);
}

int sim_kpageflags_read_n(unsigned long pfn, unsigned long n, uint64_t *flags)
{
	ssize_t r;
	int fd, err = 0;

	fd = open("/proc/kpageflags", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	r = pread(fd, flags, n * sizeof(*flags), (off_t)(pfn * sizeof(*flags)));
	if (r < 0)
		err = -errno;
	else if ((size_t)r != n * sizeof(*flags))
		err = -ENXIO;
	close(fd);
	return err;
}

int sim_kpagecount_read(unsigned long pfn, uint64_t *count)
{
	return read_u64("/proc/kpagecount", pfn, count);
}

/* The UAPI of PAGEMAP_SCAN (include/uapi/linux/fs.h, v6.7+). */
struct sim_page_region {
	uint64_t start, end, categories;
};

struct sim_pm_scan_arg {
	uint64_t size, flags, start, end, walk_end, vec, vec_len, max_pages;
	uint64_t category_inverted, category_mask, category_anyof_mask;
	uint64_t return_mask;
};

#define SIM_PAGEMAP_SCAN _IOWR('f', 16, struct sim_pm_scan_arg)

int sim_pagemap_scan_page(pid_t pid, unsigned long vaddr, uint64_t *categories)
{
	struct sim_page_region r;
	struct sim_pm_scan_arg arg = {
		.size = sizeof(arg),
		.start = vaddr,
		.end = vaddr + (1UL << SIM_PAGE_SHIFT),
		.vec = (uintptr_t)&r,
		.vec_len = 1,
		.return_mask = PAGE_IS_PRESENT | PAGE_IS_SWAPPED |
			       PAGE_IS_PFNZERO | PAGE_IS_HUGE,
	};
	char path[64];
	int fd, n, err = 0;

	*categories = 0;
	snprintf(path, sizeof(path), "/proc/%d/pagemap", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	/* The number of regions filled in: 0 if nothing matched. */
	n = ioctl(fd, SIM_PAGEMAP_SCAN, &arg);
	if (n < 0)
		err = -errno;
	else if (n > 0)
		*categories = r.categories;
	close(fd);
	return err;
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

int sim_sysfs_choice(const char *path, char *buf, size_t len)
{
	char line[256], *open_br, *close_br;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, line, sizeof(line) - 1);
	close(fd);
	if (n < 0)
		return -errno;
	line[n] = 0;
	open_br = strchr(line, '[');
	close_br = open_br ? strchr(open_br, ']') : NULL;
	if (!close_br || (size_t)(close_br - open_br) > len)
		return -ENODATA;
	snprintf(buf, len, "%.*s", (int)(close_br - open_br - 1), open_br + 1);
	return 0;
}

int sim_vmstat_read(const char *name, unsigned long *val)
{
	size_t len = strlen(name);
	char line[128];
	int ret = -ENOENT;
	FILE *f;

	f = fopen("/proc/vmstat", "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, name, len) && line[len] == ' ' &&
		    sscanf(line + len, "%lu", val) == 1) {
			ret = 0;
			break;
		}
	fclose(f);
	return ret;
}

/*
 * Whether a VMA of @pid is VM_MERGEABLE: "mg" in its VmFlags line of
 * /proc/PID/smaps.  1, 0 or -errno.
 */
int sim_vmas_mergeable(pid_t pid)
{
	char path[64], buf[4096];
	size_t have = 0;
	int fd, ret = 0;

	snprintf(path, sizeof(path), "/proc/%d/smaps", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	for (;;) {
		ssize_t n = read(fd, buf + have, sizeof(buf) - 1 - have);
		char *line, *nl;

		if (n < 0) {
			ret = -errno;
			break;
		}
		have += (size_t)n;
		buf[have] = 0;
		/* Whole lines only; the rest waits for the next read. */
		for (line = buf; (nl = strchr(line, '\n')); line = nl + 1) {
			*nl = 0;
			if (!strncmp(line, "VmFlags:", 8) &&
			    strstr(line, " mg"))
				ret = 1;
		}
		have = strlen(line);
		memmove(buf, line, have);
		if (!n || ret)
			break;
		if (have == sizeof(buf) - 1)
			have = 0; /* a line longer than the buffer: none of ours */
	}
	close(fd);
	return ret;
}

int sim_ksm_mergeable(pid_t pid)
{
	char path[64], buf[512];
	const char *line;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/ksm_stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = 0;
	line = strstr(buf, "ksm_mergeable: ");
	if (!line)
		return -ENODATA;
	return !strncmp(line + strlen("ksm_mergeable: "), "yes", 3);
}
