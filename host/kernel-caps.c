// SPDX-License-Identifier: GPL-2.0-only
/*
 * The live-kernel backend's capabilities: what this machine and this
 * process can do, probed when a scenario asks (`requires CAP`, the
 * missing_cap op) or when the backend is created (PFNs must be
 * readable), and the one way every operation says it cannot be done here
 * (k_unsupported(): SIM_UNSUPPORTED_ERR with the reason; k_later():
 * SIM_NOT_IMPLEMENTED_ERR for what the backend does not drive yet).  The io_uring
 * probe is in host/kernel-pins.c, the one file that uses liburing.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include <linux/userfaultfd.h>

#include "host/kernel.h"
#include "host/machine.h"
#include "host/procfs.h"
#include "scenario/backend.h"

#define K_THP_SYSFS "/sys/kernel/mm/transparent_hugepage"

/* The first word of the file at @path into @buf ("?" if unreadable). */
static int k_read_word(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd;

	snprintf(buf, len, "?");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0) {
		snprintf(buf, len, "?");
		return -EIO;
	}
	buf[n] = 0;
	buf[strcspn(buf, " \n")] = 0;
	return 0;
}

/*
 * Whether a MADV_HUGEPAGE region gets PMD-size THPs here, as `thp`
 * regions need: THP built in, `enabled` always or madvise (never: no THP
 * even with MADV_HUGEPAGE), a PMD of 2 MiB (the agents align regions to
 * it; another architecture's PMD is another size), and the 2048kB size
 * not turned off on its own (v6.8+ mTHP controls: `inherit` follows
 * `enabled`).  mmsim never changes `enabled`: without it the scenario is
 * skipped, with the reason.  After `thp-sizes`, which set every size
 * itself (k_thp_sizes), only the PMD size matters.
 *
 * The settings are read, and the scenario then runs, under the machine
 * lock: another mmsim's `thp-sizes` turns the 2048kB size off under that
 * lock for its scenario, and a `thp` scenario reading the settings
 * meanwhile was skipped ("PMD-size THPs are turned off") or, had the
 * change come after the read, would have faulted small pages where the
 * model maps a THP (seen on the shared host: 15 files of a run skipped).
 */
const char *k_thp_missing(struct kernel_backend *k)
{
	const char *dir = getenv("MMSIM_THP_SYSFS");
	char path[256], word[32], size[32];
	int ret;

	if (k_machine_lock(k))
		return k->b.broken ? k->b.broken : "the machine lock failed";
	/* A test hook (tests/cli/kernel-thp.sh): read these files there. */
	if (!dir || !*dir || strlen(dir) > 128)
		dir = K_THP_SYSFS;
	snprintf(path, sizeof(path), "%s/enabled", dir);
	ret = sim_sysfs_choice(path, word, sizeof(word));
	if (ret == -ENOENT) {
		snprintf(k->cap_why, sizeof(k->cap_why),
			 "no %.100s (CONFIG_TRANSPARENT_HUGEPAGE)", dir);
		return k->cap_why;
	}
	if (ret) {
		snprintf(k->cap_why, sizeof(k->cap_why), "%.100s: %s", path,
			 strerror(-ret));
		return k->cap_why;
	}
	if (!k->thp_sizes_set && strcmp(word, "always") &&
	    strcmp(word, "madvise")) {
		snprintf(k->cap_why, sizeof(k->cap_why),
			 "THP is turned off (%.100s is %s; mmsim does not "
			 "change "
			 "it)",
			 path, word);
		return k->cap_why;
	}
	snprintf(path, sizeof(path), "%s/hpage_pmd_size", dir);
	if (k_read_word(path, size, sizeof(size)) || strcmp(size, "2097152")) {
		snprintf(k->cap_why, sizeof(k->cap_why),
			 "the PMD size is not 2 MiB (%.100s: %s)", path, size);
		return k->cap_why;
	}
	snprintf(path, sizeof(path), "%s/hugepages-2048kB/enabled", dir);
	ret = sim_sysfs_choice(path, word, sizeof(word));
	if (!k->thp_sizes_set && !ret && !strcmp(word, "never")) {
		snprintf(k->cap_why, sizeof(k->cap_why),
			 "PMD-size THPs are turned off (%.100s is never; mmsim "
			 "does not change it)",
			 path);
		return k->cap_why;
	}
	return NULL;
}

/*
 * `thp-sizes`: the per-size settings of this machine, changed for the
 * scenario under the machine lock and restored on every way out
 * (sim_machine_thp_sizes, host/machine.c).  A kernel without a size
 * (before v6.8, no hugepages-NkB) skips the file.
 */
int k_thp_sizes(struct sim_backend *b, unsigned long orders)
{
	struct kernel_backend *k = kb(b);
	const char *why = k_thp_missing(k);
	int ret;

	if (why)
		return k_unsupported(k, why);
	ret = k_machine_lock(k);
	if (ret)
		return ret;
	ret = sim_machine_thp_sizes(orders, k->cap_why, sizeof(k->cap_why));
	if (ret == -ENOENT)
		return k_unsupported(k, k->cap_why);
	if (ret)
		return ret;
	k->thp_sizes_set = true;
	return 0;
}

/*
 * `ksm-max-page-sharing`: /sys/kernel/mm/ksm/max_page_sharing, changed
 * for the scenario under the machine lock and restored on every way out
 * (sim_machine_ksm_max_page_sharing, host/machine.c).  A kernel without
 * the knob, or a machine whose ksmd runs for someone else, skips the
 * file.
 */
int k_ksm_max_page_sharing(struct sim_backend *b, unsigned int knob)
{
	struct kernel_backend *k = kb(b);
	int ret = k_machine_lock(k);

	if (ret)
		return ret;
	ret = sim_machine_ksm_max_page_sharing(knob, k->cap_why,
					       sizeof(k->cap_why));
	if (ret == -ENOENT || ret == -EBUSY)
		return k_unsupported(k, k->cap_why);
	return ret;
}

/*
 * What the agents' userfaultfds need (host/agent.c): userfaultfd(2)
 * without UFFD_USER_MODE_ONLY (kernel-mode faults, GUP's, are served
 * too), and UFFDIO_API offering write-protection of anonymous memory
 * (UFFD_FEATURE_PAGEFAULT_FLAG_WP), EVENT_FORK (CAP_SYS_PTRACE) and
 * WP_UNPOPULATED (v6.4).  The features are asked with a first UFFDIO_API
 * of 0, which answers what the kernel has.
 */
static const char *k_uffd_missing(struct kernel_backend *k)
{
	const unsigned long long need = UFFD_FEATURE_PAGEFAULT_FLAG_WP |
					UFFD_FEATURE_EVENT_FORK |
					K_UFFD_FEATURE_WP_UNPOPULATED;
	struct uffdio_api api = { .api = UFFD_API };
	long fd = syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK);
	int ret;

	if (fd < 0) {
		snprintf(k->cap_why, sizeof(k->cap_why), "userfaultfd: %s",
			 strerror(errno));
		return k->cap_why;
	}
	ret = ioctl((int)fd, UFFDIO_API, &api);
	close((int)fd);
	if (ret) {
		snprintf(k->cap_why, sizeof(k->cap_why), "UFFDIO_API: %s",
			 strerror(errno));
		return k->cap_why;
	}
	if ((api.features & need) != need) {
		snprintf(k->cap_why, sizeof(k->cap_why),
			 "userfaultfd lacks features %#llx",
			 (unsigned long long)(need & ~api.features));
		return k->cap_why;
	}
	return NULL;
}

/*
 * CONFIG_MEM_SOFT_DIRTY: without it pagemap never reports bit 55 and a
 * write of "4" to clear_refs succeeds and does nothing (its VM_SOFTDIRTY
 * is 0 and clear_soft_dirty an empty stub), so the probe is a page this
 * process just wrote: soft-dirty on a kernel that tracks it.
 */
static const char *k_soft_dirty_missing(void)
{
	volatile uint64_t *p;
	uint64_t pm = 0;
	int ret;

	if (access("/proc/self/clear_refs", W_OK))
		return "no writable /proc/PID/clear_refs";
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return "mmap failed";
	*p = 1;
	ret = sim_pagemap_read(getpid(), (unsigned long)p, &pm);
	munmap((void *)p, 4096);
	if (ret || !(pm & PM_PRESENT))
		return "/proc/PID/pagemap is not readable";
	return (pm & PM_SOFT_DIRTY) ? NULL :
				      "no CONFIG_MEM_SOFT_DIRTY (a page just "
				      "written is not soft-dirty in pagemap)";
}

const char *k_missing_cap(struct sim_backend *b, enum sim_cap cap)
{
	struct kernel_backend *k = kb(b);
	struct sim_machine_swaps sw;

	switch (cap) {
	case SIM_CAP_ROOT:
		return geteuid() ? "not root" : NULL;
	case SIM_CAP_SWAP:
		if (access("/proc/swaps", F_OK))
			return "no CONFIG_SWAP";
		/* Root makes a swap file when the machine has no swap on. */
		if (geteuid() && (sim_machine_swaps(&sw) || !sw.n))
			return "no swap is on, and only root can make a swap "
			       "file";
		return NULL;
	case SIM_CAP_KSM:
		return access("/sys/kernel/mm/ksm/run", F_OK) ?
			       "no /sys/kernel/mm/ksm (CONFIG_KSM)" :
			       NULL;
	case SIM_CAP_THP:
		return k_thp_missing(k);
	case SIM_CAP_GUP_TEST:
		return access("/sys/kernel/debug/gup_test", F_OK) ?
			       "no gup_test on this kernel" :
			       NULL;
	case SIM_CAP_UFFD:
		return k_uffd_missing(k);
	case SIM_CAP_IOURING:
		return k_iouring_missing(k);
	case SIM_CAP_SOFT_DIRTY:
		return k_soft_dirty_missing();
	case SIM_CAP_HWPOISON:
		/* MADV_HWPOISON needs CAP_SYS_ADMIN and CONFIG_MEMORY_FAILURE. */
		if (access(K_MF_EARLY_KILL, F_OK))
			return "no CONFIG_MEMORY_FAILURE (no "
			       "/proc/sys/vm/memory_failure_early_kill)";
		return geteuid() ? "not root (MADV_HWPOISON needs "
				   "CAP_SYS_ADMIN)" :
				   NULL;
	case SIM_CAP_VMSPLICE: {
		uint64_t word = 0;
		struct iovec iov = { .iov_base = &word,
				     .iov_len = sizeof(word) };
		int pfd[2];
		ssize_t n;

		if (pipe2(pfd, O_CLOEXEC))
			return "pipe2 failed";
		n = vmsplice(pfd[1], &iov, 1, 0);
		close(pfd[0]);
		close(pfd[1]);
		return n == sizeof(word) ? NULL : "vmsplice failed";
	}
	default:
		return "unknown to the kernel backend";
	}
}

int k_unsupported(struct kernel_backend *k, const char *why)
{
	k->b.unsupported = why;
	return SIM_UNSUPPORTED_ERR;
}

int k_later(struct kernel_backend *k, const char *why)
{
	k->b.unsupported = why;
	return SIM_NOT_IMPLEMENTED_ERR;
}

/* Can this process read PFNs?  (They read as 0 without CAP_SYS_ADMIN.) */
const char *k_pfns_readable(void)
{
	volatile uint64_t probe = 1;
	uint64_t pm, flags;

	if (geteuid())
		return "not root: the kernel backend reads PFNs from "
		       "/proc/PID/pagemap and /proc/kpageflags, which need "
		       "CAP_SYS_ADMIN";
	if (sim_pagemap_read(getpid(), (unsigned long)&probe, &pm))
		return "no /proc/PID/pagemap: the kernel backend needs it";
	if (sim_kpageflags_read(0, &flags))
		return "/proc/kpageflags is not readable: the kernel backend "
		       "needs root";
	if (!(pm & PM_PRESENT) || !(pm & PM_PFN_MASK))
		return "PFNs in /proc/PID/pagemap read as 0 (no "
		       "CAP_SYS_ADMIN?): the kernel backend needs them";
	return NULL;
}
