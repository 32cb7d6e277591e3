// SPDX-License-Identifier: GPL-2.0-only
/*
 * The agent: a real process standing for one scenario process on the live
 * kernel, driven by host/kernel-procs.c.  It does what the controller asks
 * with real system calls and real loads and stores on its own memory, and
 * replies with the result.  It holds nothing of its own: a pin's pipe or
 * io_uring ring goes to the controller, so that the pin outlives the agent
 * until `unpin`, as the kernel's pins outlive the process that took them.
 *
 * An agent with a userfaultfd has a second thread, its handler, which
 * serves write-protect faults as the kernel selftests' handler does
 * (uffd-unit-tests.c): it counts the fault and write-unprotects that
 * page, which wakes the faulting store.  It makes system calls only (no
 * lock of libc is ever held by it), so that the agent's raw fork stays
 * safe with it running.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdatomic.h>
#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "host/agent.h"
#include "host/kernel.h"
#include "scenario/backend.h"

#define AGENT_PAGE 4096UL

struct agent {
	int sock;
	pid_t controller;
	/* The unused part of the arena: where the next region goes. */
	unsigned long next, end;
	/*
	 * A ring until the controller has taken it (SIM_AGENT_RING_DROP),
	 * else NULL: host/kernel-pins.c makes it.
	 */
	struct io_uring *ring;
	/* The userfaultfd (-1: none), its features, its handler thread. */
	int uffd;
	unsigned int uffd_features;
};

/*
 * Shared with the handler thread (one per agent): the faults it served,
 * and the uffd a UFFD_EVENT_FORK message brought (-1: none yet).
 */
static atomic_ulong agent_uffd_faults;
static atomic_int agent_fork_ufd = -1;
/* How long a fork waits for the handler to take its fork event. */
#define AGENT_FORK_EVENT_MS 5000

/*
 * Global state, because signal handling needs it: a load or store that
 * faults (SIGSEGV, SIGBUS) jumps back to agent_access() through
 * agent_jmp; agent_armed says whether such an access is under way (a
 * fault anywhere else kills the agent as usual).  Agents are
 * single-threaded, and each has its own copy after fork.
 */
static sigjmp_buf agent_jmp;
static volatile sig_atomic_t agent_armed;
/*
 * The SIGBUS signals caught, by si_code (BUS_ADRALN .. BUS_MCEERR_AO):
 * what the model counts in mm->sim_sigbus.  A child starts at 0.
 */
#define AGENT_BUS_CODES 6
static atomic_ulong agent_sigbus[AGENT_BUS_CODES];

static void agent_fault(int sig, siginfo_t *si, void *uc)
{
	int code = 0;

	(void)uc;
	if (sig == SIGBUS && si->si_code > 0 && si->si_code < AGENT_BUS_CODES) {
		code = si->si_code;
		atomic_fetch_add(&agent_sigbus[code], 1);
	}
	if (agent_armed) {
		agent_armed = 0;
		siglongjmp(agent_jmp, sig | code << 8);
	}
	/*
	 * A memory error while no access runs: BUS_MCEERR_AO for a page
	 * someone else poisoned, or the BUS_MCEERR_AR that MADV_HWPOISON
	 * sends on its way out of madvise.  Counted, and caught.
	 */
	if (code == BUS_MCEERR_AO || code == BUS_MCEERR_AR)
		return;
	/* Not ours: die of it (the faulting instruction runs again). */
	signal(sig, SIG_DFL);
}

/* MADV_HWPOISON, and whether its SIGBUS came on the way. */
static int agent_poison(unsigned long addr)
{
	unsigned long ar = atomic_load(&agent_sigbus[BUS_MCEERR_AR]);
	int ret = madvise((void *)addr, AGENT_PAGE, MADV_HWPOISON) ? -errno : 0;

	if (atomic_load(&agent_sigbus[BUS_MCEERR_AR]) != ar)
		return SIM_SIGNAL_CODE_ERR(SIGBUS, BUS_MCEERR_AR);
	return ret;
}

#ifndef __NR_cachestat
#define __NR_cachestat 451
#endif

/* struct cachestat_range and struct cachestat of <linux/mman.h>, v6.5. */
struct agent_cachestat_range {
	uint64_t off;
	uint64_t len;
};

struct agent_cachestat {
	uint64_t nr_cache;
	uint64_t nr_dirty;
	uint64_t nr_writeback;
	uint64_t nr_evicted;
	uint64_t nr_recently_evicted;
};

/*
 * Whether the file page behind the none PTE at @addr is swapped out with
 * its folio in the swap cache (1 in *@val).  mincore(2) of a none PTE
 * looks the file's page up (mm/mincore.c: mincore_page), and for a
 * shmem swap entry the swap cache (filemap_get_incore_folio); it says
 * resident for a page in the page cache too, which cachestat(2) tells
 * apart: a swap entry counts as evicted, a page as cached
 * (mm/filemap.c: filemap_cachestat).  The file is the mapping's, opened
 * through /proc/self/map_files (root).  Anonymous memory has no file
 * page: mincore says 0 and that is the answer.
 */
static int agent_file_swapcached(unsigned long addr, uint64_t *val)
{
	struct agent_cachestat_range range = { 0 };
	struct agent_cachestat cs = { 0 };
	unsigned long start, end, off;
	unsigned char vec = 0;
	char line[512], path[64];
	bool found = false;
	FILE *maps;
	int fd, ret;

	*val = 0;
	addr &= ~(AGENT_PAGE - 1);
	if (mincore((void *)addr, AGENT_PAGE, &vec))
		return -errno;
	if (!(vec & 1))
		return 0;
	maps = fopen("/proc/self/maps", "re");
	if (!maps)
		return -errno;
	while (!found && fgets(line, sizeof(line), maps))
		found = sscanf(line, "%lx-%lx %*s %lx", &start, &end, &off) ==
				3 &&
			addr >= start && addr < end;
	fclose(maps);
	if (!found)
		return -ENOENT;
	snprintf(path, sizeof(path), "/proc/self/map_files/%lx-%lx", start,
		 end);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	range.off = off + (addr - start);
	range.len = AGENT_PAGE;
	ret = syscall(__NR_cachestat, fd, &range, &cs, 0) ? -errno : 0;
	close(fd);
	if (!ret)
		*val = cs.nr_evicted && !cs.nr_cache;
	return ret;
}

/* prctl(PR_MCE_KILL): SIM_MCE_KILL_EARLY, _LATE, or _DEFAULT (clear). */
static int agent_mce_kill(int how)
{
	int ret;

	if (how == SIM_MCE_KILL_DEFAULT)
		ret = prctl(PR_MCE_KILL, PR_MCE_KILL_CLEAR, 0, 0, 0);
	else
		ret = prctl(PR_MCE_KILL, PR_MCE_KILL_SET,
			    how == SIM_MCE_KILL_EARLY ? PR_MCE_KILL_EARLY :
							PR_MCE_KILL_LATE,
			    0, 0);
	return ret ? -errno : 0;
}

static unsigned long agent_sigbus_count(int code)
{
	unsigned long n = 0;
	int i;

	for (i = 1; i < AGENT_BUS_CODES; i++)
		if (!code || code == i)
			n += atomic_load(&agent_sigbus[i]);
	return n;
}

int sim_agent_send(int sock, const void *buf, size_t len, int fd)
{
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} c;
	struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *cm;

	if (fd >= 0) {
		memset(&c, 0, sizeof(c));
		msg.msg_control = c.buf;
		msg.msg_controllen = sizeof(c.buf);
		cm = CMSG_FIRSTHDR(&msg);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	}
	/* MSG_NOSIGNAL: a dead peer is -EPIPE, not a SIGPIPE. */
	if (sendmsg(sock, &msg, MSG_NOSIGNAL) < 0)
		return -errno;
	return 0;
}

ssize_t sim_agent_recv(int sock, void *buf, size_t len, int *fd)
{
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} c;
	struct iovec iov = { .iov_base = buf, .iov_len = len };
	struct msghdr msg = { .msg_iov = &iov,
			      .msg_iovlen = 1,
			      .msg_control = c.buf,
			      .msg_controllen = sizeof(c.buf) };
	struct cmsghdr *cm;
	ssize_t n;

	*fd = -1;
	do
		n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	for (cm = CMSG_FIRSTHDR(&msg); cm; cm = CMSG_NXTHDR(&msg, cm))
		if (cm->cmsg_level == SOL_SOCKET &&
		    cm->cmsg_type == SCM_RIGHTS &&
		    cm->cmsg_len == CMSG_LEN(sizeof(int)))
			memcpy(fd, CMSG_DATA(cm), sizeof(int));
	return n;
}

/*
 * A user load (of the whole page) or store (to every word of it).  What
 * lives across sigsetjmp() is volatile: a fault returns through it.
 */
static int agent_access(volatile uint64_t *volatile p, bool write,
			uint64_t *val)
{
	volatile uint64_t v = *val;
	volatile unsigned int i;
	int sig;

	sig = sigsetjmp(agent_jmp, 1);
	/* A SIGBUS comes with its si_code (agent_fault). */
	if (sig >> 8)
		return SIM_SIGNAL_CODE_ERR(sig & 0xff, sig >> 8);
	if (sig)
		return SIM_SIGNAL_ERR(sig);
	agent_armed = 1;
	if (write) {
		for (i = 0; i < AGENT_PAGE / sizeof(*p); i++)
			p[i] = v;
	} else {
		v = p[0];
		for (i = 1; i < AGENT_PAGE / sizeof(*p); i++)
			(void)p[i];
	}
	agent_armed = 0;
	*val = v;
	return 0;
}

/*
 * Of a mapping @p of @len + @align - AGENT_PAGE bytes, keep the @len
 * bytes at the first @align boundary and unmap the rest; their start.
 */
static unsigned long trim_to_aligned(void *p, unsigned long len,
				     unsigned long align)
{
	unsigned long got = (unsigned long)p;
	unsigned long start = (got + align - 1) & ~(align - 1);

	if (start > got)
		munmap(p, start - got);
	if (got + len + align - AGENT_PAGE > start + len)
		munmap((void *)(start + len),
		       got + len + align - AGENT_PAGE - start - len);
	return start;
}

/*
 * Regions go into the arena, a PROT_NONE shared mapping reserved at start,
 * with one page of it left between two regions: every region is then its
 * own VMA, never merged with a neighbour (the model's regions are separate
 * VMAs; a merge could give a region another's anon_vma and change what
 * fork copies).  A `thp` region starts on a PMD boundary, as cow.c aligns
 * its THP runs, and so does any other private region (swap readahead),
 * and a shmem region (shared or a memfd) on a boundary of
 * the fault-around window (fault_around_bytes, 64 KiB by default), where
 * the model's regions start too (they are PMD-aligned), so that a read
 * fault maps the same neighbours on both.  Past the arena, the kernel
 * places regions (a `thp` or shmem one in a mapping an alignment larger,
 * trimmed to the boundary).
 *
 * A regular file (rq->file) comes as *@fdp, made by the controller
 * (sim_machine_file_create: O_TMPFILE on a disk file system, already of
 * the region's size); it is placed as a memfd is, mapped whole, then
 * closed, and its region gets MADV_RANDOM: no readahead (VM_RAND_READ),
 * so a fault reads its own page only and fault-around finds what the
 * model's page cache has (mm/filemap.c of the model).
 */
static int agent_mmap(struct agent *a, const struct sim_agent_req *rq,
		      struct sim_agent_rep *rp, int *fdp)
{
	unsigned long len = rq->npages * AGENT_PAGE, align = AGENT_PAGE;
	int flags = rq->shared ? MAP_SHARED : MAP_PRIVATE;
	unsigned long start = 0;
	void *want = NULL, *p;
	int fd = -1;

	if (rq->file) {
		if (*fdp < 0)
			return -EINVAL;
		fd = *fdp;
		*fdp = -1;
	} else if (rq->memfd) {
		/* shmem: a memfd of the region's size, mapped whole. */
		fd = memfd_create("mmsim-shmem", MFD_CLOEXEC);
		if (fd < 0)
			return -errno;
		if (ftruncate(fd, (off_t)len)) {
			int err = -errno;

			close(fd);
			return err;
		}
	} else {
		flags |= MAP_ANONYMOUS;
	}

	/*
	 * A private anon region starts on a PMD boundary too, as the
	 * model's do: swap readahead's window stops at the fault's PMD
	 * (swap_vma_ra_win), so a region placed anywhere else would read
	 * ahead a different set of pages.
	 */
	if (rq->thp || (!rq->shared && !rq->memfd && !rq->file))
		align = SIM_AGENT_PMD_SIZE;
	else
		align = SIM_AGENT_FAULT_AROUND_SIZE;
	if (a->next) {
		start = (a->next + align - 1) & ~(align - 1);
		if (start < a->end && len + AGENT_PAGE <= a->end - start) {
			want = (void *)start;
			flags |= MAP_FIXED;
		}
	}
	/*
	 * Past the arena, a memfd goes where an aligned reservation is:
	 * trimming its front would move the file offset off 0.
	 */
	if (!want && fd >= 0 && align > AGENT_PAGE) {
		p = mmap(NULL, len + align - AGENT_PAGE, PROT_NONE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (p == MAP_FAILED) {
			close(fd);
			return -ENOMEM;
		}
		start = trim_to_aligned(p, len, align);
		p = mmap((void *)start, len, rq->arg, flags | MAP_FIXED, fd, 0);
		close(fd);
		if (p == MAP_FAILED) {
			int err = -errno;

			munmap((void *)start, len);
			return err;
		}
		goto placed;
	}
	p = mmap(want, want ? len : len + align - AGENT_PAGE, rq->arg, flags,
		 fd, 0);
	if (fd >= 0) {
		int err = p == MAP_FAILED ? -errno : 0;

		close(fd);
		if (err)
			return err;
	}
	if (p == MAP_FAILED)
		return -errno;
	if (want) {
		a->next = start + len + AGENT_PAGE;
	} else if (align > AGENT_PAGE) {
		p = (void *)trim_to_aligned(p, len, align);
	}
placed:
	/*
	 * A THP region asks for huge pages (cow.c's THP runs); any other
	 * is of base pages only, as cow.c does for its base-page runs.
	 */
	if (rq->file && madvise(p, len, MADV_RANDOM)) {
		int err = -errno;

		munmap(p, len);
		return err;
	}
	if (madvise(p, len, rq->thp ? MADV_HUGEPAGE : MADV_NOHUGEPAGE) &&
	    rq->thp) {
		int err = -errno;

		munmap(p, len);
		return err;
	}
	rp->addr = (unsigned long)p;
	return 0;
}

/*
 * mremap() of [addr, addr + npages pages) to a place of its own at the
 * same offset within a PMD (so that a THP moved whole stays PMD-mapped
 * and a part of one stays PTE-mapped, as cow.c's partial mremap run),
 * with MREMAP_MAYMOVE | MREMAP_FIXED: in the arena when it has room,
 * else in a reservation a PMD larger, whose rest is given back.
 */
static int agent_mremap(struct agent *a, const struct sim_agent_req *rq,
			struct sim_agent_rep *rp)
{
	unsigned long len = rq->npages * AGENT_PAGE;
	unsigned long off = rq->addr & (SIM_AGENT_PMD_SIZE - 1);
	unsigned long start = 0, got = 0, span = len + SIM_AGENT_PMD_SIZE;
	void *p;

	if (a->next) {
		start = (a->next - off + SIM_AGENT_PMD_SIZE - 1) &
			~(SIM_AGENT_PMD_SIZE - 1);
		start += off;
		if (start < a->next)
			start += SIM_AGENT_PMD_SIZE;
		if (start >= a->end || len + AGENT_PAGE > a->end - start)
			start = 0;
	}
	if (!start) {
		p = mmap(NULL, span, PROT_NONE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (p == MAP_FAILED)
			return -errno;
		got = (unsigned long)p;
		start = ((got - off + SIM_AGENT_PMD_SIZE - 1) &
			 ~(SIM_AGENT_PMD_SIZE - 1)) +
			off;
		if (start < got)
			start += SIM_AGENT_PMD_SIZE;
	}
	p = mremap((void *)rq->addr, len, len, MREMAP_MAYMOVE | MREMAP_FIXED,
		   (void *)start);
	if (p == MAP_FAILED) {
		int err = -errno;

		if (got)
			munmap((void *)got, span);
		return err;
	}
	if (got) {
		/* The reservation around the moved pages goes back. */
		if (start > got)
			munmap((void *)got, start - got);
		if (got + span > start + len)
			munmap((void *)(start + len), got + span - start - len);
	} else {
		a->next = start + len + AGENT_PAGE;
	}
	rp->addr = start;
	return 0;
}

/* vmsplice(): a R/O FOLL_GET reference held by the pipe's buffer. */
static int agent_vmsplice(unsigned long addr, int *fd)
{
	struct iovec iov = { .iov_base = (void *)addr, .iov_len = AGENT_PAGE };
	int pfd[2], ret = 0;
	ssize_t n;

	if (pipe2(pfd, O_CLOEXEC))
		return -errno;
	n = vmsplice(pfd[1], &iov, 1, 0);
	if (n < 0)
		ret = -errno;
	else if ((size_t)n != AGENT_PAGE)
		ret = -EFAULT;
	close(pfd[1]);
	if (ret)
		close(pfd[0]);
	else
		*fd = pfd[0];
	return ret;
}

/* mm/gup_test.h's PIN_LONGTERM_TEST interface (debugfs, root). */
struct agent_pin_longterm_test {
	uint64_t addr;
	uint64_t size;
	uint32_t flags;
};

#define AGENT_PIN_LONGTERM_TEST_START \
	_IOW('g', 7, struct agent_pin_longterm_test)

/*
 * A FOLL_PIN | FOLL_LONGTERM pin (FOLL_WRITE, GUP-fast as @flags say) of
 * the page at @addr by /sys/kernel/debug/gup_test, taken on this
 * process's mm; the pin lives as long as the file (any close of a
 * gup_test file ends it), so the fd goes to the controller.  gup_test
 * holds one such pin at a time, machine-wide: -EBUSY if one is held.
 */
static int agent_gup_test(unsigned long addr, int flags, int *fd)
{
	struct agent_pin_longterm_test t = { .addr = addr,
					     .size = AGENT_PAGE,
					     .flags = (uint32_t)flags };
	int f = open("/sys/kernel/debug/gup_test",
		     O_RDWR | O_CLOEXEC | O_NOFOLLOW);
	int ret = 0;

	if (f < 0)
		return -errno;
	if (ioctl(f, AGENT_PIN_LONGTERM_TEST_START, &t))
		ret = errno == EINVAL ? -EBUSY : -errno;
	if (ret)
		close(f);
	else
		*fd = f;
	return ret;
}

/*
 * An io_uring fixed buffer: FOLL_WRITE | FOLL_PIN | FOLL_LONGTERM, taken
 * by this process on its own mm (which is what makes fork copy the page).
 * The ring stays here until the controller has its own fd of it.
 */
static int agent_iouring(struct agent *a, unsigned long addr,
			 struct sim_agent_rep *rp)
{
	int fd;

	if (a->ring)
		return -EBUSY;
	fd = k_agent_ring_pin(addr, AGENT_PAGE, &rp->params, &a->ring);
	if (fd < 0)
		return fd;
	rp->fd = fd;
	return 0;
}

/*
 * The handler thread: a write-protect fault is counted, then its page
 * write-unprotected (which wakes the faulting thread); a fork event's
 * uffd is left for the forking thread (agent_fork).  It runs until the
 * agent exits.
 */
static void *agent_uffd_handler(void *arg)
{
	int uffd = (int)(long)arg;
	struct uffdio_writeprotect wp;
	struct uffd_msg msg;
	struct pollfd pfd;
	ssize_t n;

	for (;;) {
		pfd = (struct pollfd){ .fd = uffd, .events = POLLIN };
		if (poll(&pfd, 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			return NULL;
		}
		n = read(uffd, &msg, sizeof(msg));
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n != sizeof(msg))
			return NULL;
		switch (msg.event) {
		case UFFD_EVENT_PAGEFAULT:
			if (!(msg.arg.pagefault.flags & UFFD_PAGEFAULT_FLAG_WP))
				break;
			atomic_fetch_add(&agent_uffd_faults, 1);
			wp.range.start = msg.arg.pagefault.address &
					 ~(AGENT_PAGE - 1);
			wp.range.len = AGENT_PAGE;
			wp.mode = 0;
			ioctl(uffd, UFFDIO_WRITEPROTECT, &wp);
			break;
		case UFFD_EVENT_FORK:
			atomic_store(&agent_fork_ufd, (int)msg.arg.fork.ufd);
			break;
		}
	}
}

/* Start the handler thread on @uffd, with every signal blocked in it. */
static int agent_uffd_start(struct agent *a, int uffd)
{
	sigset_t all, old;
	pthread_t t;
	int err;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(&t, NULL, agent_uffd_handler, (void *)(long)uffd);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err)
		return -err;
	pthread_detach(t);
	a->uffd = uffd;
	return 0;
}

/* userfaultfd(2) and UFFDIO_API with @features (SIM_UFFD_*). */
static int agent_uffd_open(struct agent *a, unsigned int features)
{
	struct uffdio_api api = { .api = UFFD_API };
	long fd;
	int ret;

	if (a->uffd >= 0)
		return -EEXIST;
	if (features & SIM_UFFD_EVENT_FORK)
		api.features |= UFFD_FEATURE_EVENT_FORK;
	if (features & SIM_UFFD_WP_UNPOPULATED)
		api.features |= K_UFFD_FEATURE_WP_UNPOPULATED;
	fd = syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	if (ioctl((int)fd, UFFDIO_API, &api)) {
		ret = -errno;
		close((int)fd);
		return ret;
	}
	ret = agent_uffd_start(a, (int)fd);
	if (ret) {
		close((int)fd);
		return ret;
	}
	a->uffd_features = features;
	return 0;
}

/*
 * UFFDIO_REGISTER (MODE_WP) of the range, opening the agent's userfaultfd
 * without features first if it has none.
 */
static int agent_uffd_register(struct agent *a, unsigned long addr,
			       unsigned long len)
{
	struct uffdio_register reg = { .range = { addr, len },
				       .mode = UFFDIO_REGISTER_MODE_WP };
	int ret;

	if (a->uffd < 0) {
		ret = agent_uffd_open(a, 0);
		if (ret)
			return ret;
	}
	return ioctl(a->uffd, UFFDIO_REGISTER, &reg) ? -errno : 0;
}

/* UFFDIO_REGISTER (MODE_WP), then UFFDIO_WRITEPROTECT on or off. */
static int agent_uffd_wp(struct agent *a, unsigned long addr, unsigned long len,
			 bool on)
{
	struct uffdio_writeprotect wp = {
		.range = { addr, len },
		.mode = on ? UFFDIO_WRITEPROTECT_MODE_WP : 0
	};
	int ret = agent_uffd_register(a, addr, len);

	if (ret)
		return ret;
	if (ioctl(a->uffd, UFFDIO_WRITEPROTECT, &wp))
		return -errno;
	return 0;
}

/*
 * UFFDIO_POISON (v6.6), which Debian 12's kernel headers lack: the ioctl
 * and its argument as include/uapi/linux/userfaultfd.h defines them.
 */
struct k_uffdio_poison {
	struct uffdio_range range;
	uint64_t mode;
	int64_t updated;
};
#define K_UFFDIO_POISON _IOWR(UFFDIO, 0x08, struct k_uffdio_poison)

/* UFFDIO_REGISTER (MODE_WP), then UFFDIO_POISON of the range. */
static int agent_uffd_poison(struct agent *a, unsigned long addr,
			     unsigned long len)
{
	struct k_uffdio_poison po = { .range = { addr, len } };
	int ret = agent_uffd_register(a, addr, len);

	if (ret)
		return ret;
	if (ioctl(a->uffd, K_UFFDIO_POISON, &po))
		return -errno;
	return 0;
}

/* UFFDIO_UNREGISTER of the range. */
static int agent_uffd_unregister(struct agent *a, unsigned long addr,
				 unsigned long len)
{
	struct uffdio_range range = { addr, len };

	if (a->uffd < 0)
		return -EBADF;
	if (ioctl(a->uffd, UFFDIO_UNREGISTER, &range))
		return -errno;
	return 0;
}

/*
 * Whether a VMA of this process is registered with userfaultfd for
 * write-protection: smaps' VmFlags "uw".  A fork then sends a fork event
 * (with EVENT_FORK), and only then.
 */
static bool agent_uffd_registered(void)
{
	char line[512];
	bool found = false;
	FILE *f = fopen("/proc/self/smaps", "re");

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		if (!strncmp(line, "VmFlags:", 8) && strstr(line, " uw"))
			found = true;
	fclose(f);
	return found;
}

/*
 * After a fork with EVENT_FORK: the child's uffd, which the handler took
 * from the fork event (the fork returned once it was read; the handler
 * stores it just after).  -ETIMEDOUT past the deadline.
 */
static int agent_fork_event(int *fd)
{
	struct timespec nap = { 0, 1000000 };
	int i, ufd;

	for (i = 0; i < AGENT_FORK_EVENT_MS; i++) {
		ufd = atomic_exchange(&agent_fork_ufd, -1);
		if (ufd >= 0) {
			*fd = ufd;
			return 0;
		}
		nanosleep(&nap, NULL);
	}
	return -ETIMEDOUT;
}

/* Returns 1 in the child, 0 in the parent, or -errno. */
static int agent_fork(struct agent *a, int child_sock, struct sim_agent_rep *rp,
		      int *ufd)
{
	bool event = a->uffd >= 0 && (a->uffd_features & SIM_UFFD_EVENT_FORK) &&
		     agent_uffd_registered();
	long pid;

	/*
	 * fork(2) as the kernel sees it (dup_mmap and all), with
	 * CLONE_PARENT: the child is the controller's child, so the
	 * controller reaps every agent, and the child's parent-death signal
	 * follows the controller, not this agent (which may exit first).
	 * The raw system call skips glibc's fork handlers: agents are
	 * single-threaded and call nothing that needs them.
	 */
	pid = syscall(SYS_clone, CLONE_PARENT | SIGCHLD, NULL, NULL, NULL,
		      NULL);
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		/* The controller died before the line above took effect. */
		if (getppid() != a->controller)
			_exit(1);
		close(a->sock);
		a->sock = child_sock;
		/*
		 * The parent's uffd and handler are not the child's: with
		 * EVENT_FORK its own comes with SIM_AGENT_UFFD_ADOPT.
		 */
		if (a->uffd >= 0)
			close(a->uffd);
		a->uffd = -1;
		atomic_store(&agent_uffd_faults, 0);
		atomic_store(&agent_fork_ufd, -1);
		for (int i = 0; i < AGENT_BUS_CODES; i++)
			atomic_store(&agent_sigbus[i], 0);
		return 1;
	}
	close(child_sock);
	rp->pid = (int32_t)pid;
	if (!event)
		return 0;
	rp->val = a->uffd_features;
	return agent_fork_event(ufd);
}

static void agent_setup(struct agent *a)
{
	struct sigaction sa;
	void *arena;
	int fd;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != a->controller)
		_exit(1);
	prctl(PR_SET_NAME, SIM_AGENT_COMM);
	/* Keep only the socket: no fd of the controller stays open here. */
	if (a->sock < 3) {
		fd = fcntl(a->sock, F_DUPFD_CLOEXEC, 3);
		if (fd < 0)
			_exit(1);
		a->sock = fd;
	}
	if (a->sock > 3)
		close_range(3, a->sock - 1, 0);
	close_range(a->sock + 1, ~0U, 0);
	/*
	 * stdin and stdout on /dev/null: a reader of mmsim's output waits
	 * for EOF from mmsim alone, never from an agent.  stderr stays, for
	 * a crash report.
	 */
	fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (fd >= 0) {
		dup2(fd, STDIN_FILENO);
		dup2(fd, STDOUT_FILENO);
		if (fd > STDERR_FILENO)
			close(fd);
	}

	/* The controller's handlers are not the agent's. */
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = agent_fault;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);

	arena = mmap(NULL, SIM_AGENT_ARENA_SIZE, PROT_NONE,
		     MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (arena != MAP_FAILED) {
		a->next = (unsigned long)arena;
		a->end = a->next + SIM_AGENT_ARENA_SIZE;
	}
}

/*
 * mlock(2) or munlock(2), as system calls: the sanitizers' runtime
 * intercepts the libc functions and makes them do nothing (it cannot lock
 * its shadow memory), which under SANITIZE=1 would leave the range
 * unlocked while reporting success.
 */
static int agent_mlock(unsigned long addr, unsigned long len, bool lock)
{
	long ret = syscall(lock ? SYS_mlock : SYS_munlock, addr, len);

	return ret ? -errno : 0;
}

void sim_agent_main(int sock, pid_t controller)
{
	struct agent a = { .sock = sock, .controller = controller, .uffd = -1 };
	struct sim_agent_req rq;
	struct sim_agent_rep rp;
	unsigned long len;
	ssize_t n;
	int fd, out;

	agent_setup(&a);
	for (;;) {
		n = sim_agent_recv(a.sock, &rq, sizeof(rq), &fd);
		/* EOF or a broken socket: the controller is gone. */
		if (n != sizeof(rq))
			_exit(0);
		memset(&rp, 0, sizeof(rp));
		out = -1;
		len = rq.npages * AGENT_PAGE;
		switch (rq.op) {
		case SIM_AGENT_MMAP:
			rp.ret = agent_mmap(&a, &rq, &rp, &fd);
			break;
		case SIM_AGENT_MUNMAP:
			rp.ret = munmap((void *)rq.addr, len) ? -errno : 0;
			break;
		case SIM_AGENT_MPROTECT:
			rp.ret = mprotect((void *)rq.addr, len, rq.arg) ?
					 -errno :
					 0;
			break;
		case SIM_AGENT_MADVISE:
			rp.ret = madvise((void *)rq.addr, len, rq.arg) ?
					 -errno :
					 0;
			break;
		case SIM_AGENT_MLOCK:
			rp.ret = agent_mlock(rq.addr, len, rq.arg);
			break;
		case SIM_AGENT_MREMAP:
			rp.ret = agent_mremap(&a, &rq, &rp);
			break;
		case SIM_AGENT_LOAD:
			rp.ret = agent_access((uint64_t *)rq.addr, false,
					      &rp.val);
			break;
		case SIM_AGENT_STORE:
			rp.ret = agent_access((uint64_t *)rq.addr, true,
					      &rq.val);
			break;
		case SIM_AGENT_FORK:
			if (fd < 0) {
				rp.ret = -EINVAL;
				break;
			}
			rp.ret = agent_fork(&a, fd, &rp, &out);
			fd = -1;
			if (rp.ret == 1)
				continue; /* the child: serve its own socket */
			break;
		case SIM_AGENT_EXIT:
			_exit(0);
		case SIM_AGENT_PIN_VMSPLICE:
			rp.ret = agent_vmsplice(rq.addr, &out);
			break;
		case SIM_AGENT_PIN_GUP_TEST:
			rp.ret = agent_gup_test(rq.addr, rq.arg, &out);
			break;
		case SIM_AGENT_PIN_IOURING:
			rp.ret = agent_iouring(&a, rq.addr, &rp);
			break;
		case SIM_AGENT_UFFD:
			rp.ret = agent_uffd_open(&a, (unsigned int)rq.arg);
			break;
		case SIM_AGENT_UFFD_WP:
			rp.ret = agent_uffd_wp(&a, rq.addr, len, rq.arg);
			break;
		case SIM_AGENT_UFFD_FAULTS:
			rp.val = atomic_load(&agent_uffd_faults);
			break;
		case SIM_AGENT_UFFD_POISON:
			rp.ret = agent_uffd_poison(&a, rq.addr, len);
			break;
		case SIM_AGENT_UFFD_UNREGISTER:
			rp.ret = agent_uffd_unregister(&a, rq.addr, len);
			break;
		case SIM_AGENT_UFFD_ADOPT:
			if (fd < 0 || a.uffd >= 0) {
				rp.ret = -EINVAL;
				break;
			}
			/* The child's uffd has the parent's features. */
			rp.ret = agent_uffd_start(&a, fd);
			if (!rp.ret) {
				a.uffd_features = (unsigned int)rq.arg;
				fd = -1;
			}
			break;
		case SIM_AGENT_POISON:
			rp.ret = agent_poison(rq.addr);
			break;
		case SIM_AGENT_MCE_KILL:
			rp.ret = agent_mce_kill(rq.arg);
			break;
		case SIM_AGENT_SIGBUS:
			rp.val = agent_sigbus_count(rq.arg);
			break;
		case SIM_AGENT_MINCORE: {
			unsigned char vec = 0;

			rp.ret = mincore((void *)rq.addr, AGENT_PAGE, &vec) ?
					 -errno :
					 0;
			rp.val = vec;
			break;
		}
		case SIM_AGENT_FILE_SWAPCACHED:
			rp.ret = agent_file_swapcached(rq.addr, &rp.val);
			break;
		case SIM_AGENT_RING_DROP:
			/* The controller's fd keeps the ring and the pin. */
			k_agent_ring_drop(a.ring);
			a.ring = NULL;
			break;
		default:
			rp.ret = -EINVAL;
			break;
		}
		if (fd >= 0)
			close(fd);
		if (sim_agent_send(a.sock, &rp, sizeof(rp), out))
			_exit(0);
		if (out >= 0)
			close(out);
	}
}
