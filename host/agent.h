/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The live-kernel backend's agents: one real process per scenario process,
 * driven by the mmsim process (the controller) over a SOCK_SEQPACKET
 * socket, one request and one reply at a time.  File descriptors travel
 * with SCM_RIGHTS: a new agent's socket with SIM_AGENT_FORK, the pipe
 * that holds a vmsplice pin in the reply to SIM_AGENT_PIN_VMSPLICE.
 *
 * An io_uring fd cannot travel that way (recent kernels, v6.18 here,
 * refuse it with EINVAL), so the controller takes the ring with
 * pidfd_getfd() while the agent still holds it, then tells it to drop its
 * copy.
 */
#ifndef MMSIM_HOST_AGENT_H
#define MMSIM_HOST_AGENT_H

#include <stdint.h>
#include <sys/types.h>

/* The kernel's own: only host/kernel-pins.c needs liburing. */
#include <linux/io_uring.h>

/* Every agent's comm (see ps, pgrep -x): tests look for leftovers by it. */
#define SIM_AGENT_COMM "mmsim-agent"

/* Where an agent places regions: see sim_agent_main(). */
#define SIM_AGENT_ARENA_SIZE (1UL << 30)
/*
 * Where a `thp` region starts: a multiple of the PMD size (2 MiB on
 * x86-64; the `thp` capability requires it), so that a fault can map the
 * whole first 2 MiB of the region with one huge PMD.
 */
#define SIM_AGENT_PMD_SIZE (2UL << 20)
/* fault_around_bytes by default: where shmem regions start. */
#define SIM_AGENT_FAULT_AROUND_SIZE (64UL << 10)

enum sim_agent_op {
	SIM_AGENT_MMAP, /* npages, prot, shared, thp -> addr */
	SIM_AGENT_MUNMAP, /* addr, npages */
	SIM_AGENT_MPROTECT, /* addr, npages, prot */
	SIM_AGENT_MADVISE, /* addr, npages, advice */
	SIM_AGENT_LOAD, /* addr -> val */
	SIM_AGENT_STORE, /* addr, val */
	SIM_AGENT_FORK, /* + the child's socket -> pid */
	SIM_AGENT_EXIT, /* no reply: the socket reaches EOF */
	SIM_AGENT_PIN_VMSPLICE, /* addr -> + the pipe's read end */
	SIM_AGENT_PIN_IOURING, /* addr -> params, the ring's fd number */
	SIM_AGENT_RING_DROP, /* after pidfd_getfd(): unmap and close it */
	SIM_AGENT_MLOCK, /* addr, npages, lock (1) or unlock (0) */
	SIM_AGENT_MREMAP, /* addr, npages -> addr: the same offset in a PMD */
	/* addr, flags (gup_test's) -> + the gup_test fd that holds the pin */
	SIM_AGENT_PIN_GUP_TEST,
	/*
	 * userfaultfd (docs/kernel-backend.md): open one with SIM_UFFD_*
	 * features (arg); register and write-protect (arg 1) or unprotect
	 * (arg 0) a range, opening one without features first if needed;
	 * read the count of write-protect faults its handler thread served
	 * (-> val).  A fork with UFFD_FEATURE_EVENT_FORK replies with the
	 * child's uffd, which the controller hands to the child with
	 * SIM_AGENT_UFFD_ADOPT.
	 */
	SIM_AGENT_UFFD,
	SIM_AGENT_UFFD_WP,
	SIM_AGENT_UFFD_FAULTS,
	SIM_AGENT_UFFD_ADOPT, /* + the uffd */
	/* Register (MODE_WP) a range if needed, then UFFDIO_POISON it. */
	SIM_AGENT_UFFD_POISON,
	SIM_AGENT_UFFD_UNREGISTER,
	/*
	 * Memory failure (docs/kernel-backend.md): MADV_HWPOISON of the page
	 * at addr (-> SIM_SIGNAL_CODE_ERR(SIGBUS, BUS_MCEERR_AR) if the
	 * SIGBUS arrived on the way); prctl(PR_MCE_KILL) with arg a
	 * SIM_MCE_KILL_*; the SIGBUS signals caught with si_code arg (0:
	 * any) -> val.
	 */
	SIM_AGENT_POISON,
	SIM_AGENT_MCE_KILL,
	SIM_AGENT_SIGBUS,
	/* mincore(2) of the page at addr -> val (its vector byte). */
	SIM_AGENT_MINCORE,
	/*
	 * For a none PTE at addr: 1 -> val if its file page is swapped out
	 * and the slot's folio is in the swap cache (mincore(2) says
	 * resident, cachestat(2) says evicted), else 0; -ENOSYS without
	 * cachestat (before v6.5).
	 */
	SIM_AGENT_FILE_SWAPCACHED,
};

struct sim_agent_req {
	uint32_t op;
	int32_t arg; /* prot, advice, lock */
	uint32_t shared;
	uint32_t thp; /* SIM_AGENT_MMAP: PMD-aligned, MADV_HUGEPAGE */
	uint32_t memfd; /* SIM_AGENT_MMAP: a new memfd's pages, not anon */
	uint32_t file; /* SIM_AGENT_MMAP: the regular file sent with it */
	uint64_t addr;
	uint64_t npages;
	uint64_t val;
};

struct sim_agent_rep {
	int32_t ret; /* 0, -errno or SIM_SIGNAL_ERR(sig) */
	int32_t pid; /* SIM_AGENT_FORK: the child */
	int32_t fd; /* SIM_AGENT_PIN_IOURING: the ring's fd in the agent */
	int32_t pad;
	uint64_t addr;
	uint64_t val;
	/* SIM_AGENT_PIN_IOURING: what io_uring_queue_mmap() needs. */
	struct io_uring_params params;
};

/*
 * The agent's loop, in a child of the controller just forked: serve
 * requests on @sock until SIM_AGENT_EXIT or EOF, then _exit().
 * @controller is the mmsim process, the parent of every agent.
 */
void sim_agent_main(int sock, pid_t controller) __attribute__((noreturn));

/* Send one message with up to one fd (-1: none); returns 0 or -errno. */
int sim_agent_send(int sock, const void *buf, size_t len, int fd);
/*
 * Receive one message and up to one fd into *@fd (-1 if none came).
 * Returns the length, 0 at EOF, or -errno.
 */
ssize_t sim_agent_recv(int sock, void *buf, size_t len, int *fd);

#endif /* MMSIM_HOST_AGENT_H */
