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
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include <linux/userfaultfd.h>

#include "host/kernel.h"
#include "host/machine.h"
#include "host/procfs.h"
#include "scenario/backend.h"

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
		/* The kernel backend's THP statements come with its branch. */
		return access("/sys/kernel/mm/transparent_hugepage/enabled",
			      F_OK) ?
			       "no /sys/kernel/mm/transparent_hugepage" :
			       "THP mappings are not driven by the kernel "
			       "backend yet";
	case SIM_CAP_GUP_TEST:
		return access("/sys/kernel/debug/gup_test", F_OK) ?
			       "no gup_test on this kernel" :
			       "gup_test pins are not driven by the kernel "
			       "backend yet";
	case SIM_CAP_UFFD: {
		long fd = syscall(SYS_userfaultfd,
				  O_CLOEXEC | UFFD_USER_MODE_ONLY);

		if (fd < 0) {
			snprintf(k->cap_why, sizeof(k->cap_why),
				 "userfaultfd: %s", strerror(errno));
			return k->cap_why;
		}
		close((int)fd);
		return NULL;
	}
	case SIM_CAP_IOURING:
		return k_iouring_missing(k);
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
