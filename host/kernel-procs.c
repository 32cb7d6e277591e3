// SPDX-License-Identifier: GPL-2.0-only
/*
 * The live-kernel backend's processes: each scenario process is an agent
 * (host/agent.c), a real process driven over a socket, one request and
 * one reply at a time (k_call()); fork is a real fork in the agent, exit
 * a real exit, and mmap, munmap, mprotect, madvise, loads and stores are
 * done by the agent on its own memory.  p0 is forked from the
 * controller and leads the agents' process group; every later agent
 * forks with CLONE_PARENT, so that all are children of the mmsim process,
 * which kills and reaps them (k_kill_all()).  An agent that dies answers
 * EOF: it is reaped, and how it died is the result of the operation.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "host/agent.h"
#include "host/kernel.h"
#include "host/machine.h"
#include "host/procfs.h"
#include "scenario/backend.h"

struct k_proc *k_proc(struct kernel_backend *k, int proc)
{
	if (proc < 0 || proc >= k->nprocs || k->procs[proc].sock < 0)
		return NULL;
	return &k->procs[proc];
}

/* Kill and reap every agent of the scenario. */
int k_kill_group(pid_t pgid, long ms)
{
	struct timespec now, end, nap = { 0, 1000000 };

	kill(-pgid, SIGKILL);
	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += ms / 1000;
	end.tv_nsec += (ms % 1000) * 1000000L;
	for (;;) {
		pid_t pid = waitpid(-pgid, NULL, WNOHANG);

		if (pid > 0)
			continue;
		if (pid < 0 && errno == EINTR)
			continue;
		if (pid < 0)
			return 0; /* ECHILD: all reaped */
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec > end.tv_sec ||
		    (now.tv_sec == end.tv_sec && now.tv_nsec >= end.tv_nsec))
			return -ETIMEDOUT;
		nanosleep(&nap, NULL);
	}
}

void k_kill_all(struct kernel_backend *k)
{
	int i;

	if (k->pgid > 0 && k_kill_group(k->pgid, K_REAP_MS))
		fprintf(stderr,
			"mmsim: agents of process group %d did not exit "
			"within %d ms of SIGKILL; left for init to reap\n",
			(int)k->pgid, K_REAP_MS);
	for (i = 0; i < k->nprocs; i++) {
		if (k->procs[i].sock >= 0)
			close(k->procs[i].sock);
		k->procs[i].sock = -1;
	}
	k->pgid = 0;
	k_agents_pgid = 0;
}

/* The agent's socket reached EOF: reap it; how it died is the result. */
static int k_reap(struct kernel_backend *k, struct k_proc *p)
{
	int status = 0;

	struct timespec nap = { 0, 1000000 };
	pid_t ret;
	int i;

	close(p->sock);
	p->sock = -1;
	/* Its socket is closed: it is exiting.  Still, never wait forever. */
	for (i = 0; i < K_REAP_MS; i++) {
		ret = waitpid(p->pid, &status, WNOHANG);
		if (ret < 0 && errno == EINTR)
			continue;
		if (ret)
			break;
		nanosleep(&nap, NULL);
	}
	if (i == K_REAP_MS) {
		kill(p->pid, SIGKILL);
		return -ESRCH;
	}
	if (WIFSIGNALED(status))
		return SIM_SIGNAL_ERR(WTERMSIG(status));
	return -ESRCH;
}

/* Wait for the agent's socket to be readable (a reply or EOF). */
static int k_wait(struct kernel_backend *k, int proc)
{
	struct pollfd pfd = { .fd = k->procs[proc].sock, .events = POLLIN };
	int ret;

	do
		ret = poll(&pfd, 1, k_remaining_ms(k));
	while (ret < 0 && errno == EINTR);
	if (ret < 0)
		return -errno;
	if (ret == 0)
		return k_timeout(k,
				 "agent of process %d (pid %d) did not answer",
				 proc, (int)k->procs[proc].pid);
	return 0;
}

/*
 * One request to an agent and its reply; @sendfd goes with the request,
 * a received fd to *@fd (closed if @fd is NULL).
 */
int k_call(struct kernel_backend *k, int proc, struct sim_agent_req *rq,
	   int sendfd, struct sim_agent_rep *rp, int *fd)
{
	struct k_proc *p = k_proc(k, proc);
	int ret, rfd;
	ssize_t n;

	memset(rp, 0, sizeof(*rp));
	if (fd)
		*fd = -1;
	if (k->b.broken)
		return k->b.broken_err ? k->b.broken_err : -EIO;
	if (!p)
		return -ESRCH;
	if (!k_remaining_ms(k))
		return k_timeout(k,
				 "before a request to the agent of process "
				 "%d (pid %d)",
				 proc, (int)p->pid);
	ret = k_seen_check(k);
	if (ret)
		return ret;
	ret = sim_agent_send(p->sock, rq, sizeof(*rq), sendfd);
	if (ret)
		return k_reap(k, p);
	ret = k_wait(k, proc);
	if (ret)
		return ret;
	n = sim_agent_recv(p->sock, rp, sizeof(*rp), &rfd);
	if (n <= 0)
		return k_reap(k, p);
	if (fd)
		*fd = rfd;
	else if (rfd >= 0)
		close(rfd);
	if (n != sizeof(*rp))
		return -EIO;
	return rp->ret;
}

static int k_add_proc(struct kernel_backend *k, pid_t pid, int sock)
{
	struct k_proc *p;

	k->procs = realloc(k->procs, (k->nprocs + 1) * sizeof(*k->procs));
	if (!k->procs)
		abort();
	p = &k->procs[k->nprocs];
	memset(p, 0, sizeof(*p));
	p->pid = pid;
	p->sock = sock;
	return k->nprocs++;
}

static void k_add_region(struct k_proc *p, unsigned long addr,
			 unsigned long npages)
{
	p->regions =
		realloc(p->regions, (p->nregions + 1) * sizeof(*p->regions));
	if (!p->regions)
		abort();
	p->regions[p->nregions++] = (struct k_region){ addr, npages };
}

/* p0: forked from the controller, leader of the agents' process group. */
int k_spawn_first(struct kernel_backend *k)
{
	int sv[2];
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv))
		return -errno;
	pid = fork();
	if (pid < 0) {
		close(sv[0]);
		close(sv[1]);
		return -errno;
	}
	if (pid == 0) {
		close(sv[0]);
		setpgid(0, 0);
		sim_agent_main(sv[1], k->self);
	}
	close(sv[1]);
	/* Also here, so that the group exists before anyone signals it. */
	setpgid(pid, pid);
	k->pgid = pid;
	k_agents_pgid = pid;
	return k_add_proc(k, pid, sv[0]);
}

int k_first_process(struct sim_backend *b)
{
	return 0;
}

int k_fork(struct sim_backend *b, int proc, int *child)
{
	struct kernel_backend *k = kb(b);
	struct sim_agent_req rq = { .op = SIM_AGENT_FORK };
	struct sim_agent_rep rp;
	struct k_proc *p;
	int sv[2], ret, c, ufd;

	if (!k_proc(k, proc))
		return -ESRCH;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv))
		return -errno;
	ret = k_call(k, proc, &rq, sv[1], &rp, &ufd);
	close(sv[1]);
	if (ret) {
		if (ufd >= 0)
			close(ufd);
		close(sv[0]);
		return ret;
	}
	c = k_add_proc(k, rp.pid, sv[0]);
	/* UFFD_EVENT_FORK: the child's own uffd, to its handler. */
	if (ufd >= 0) {
		struct sim_agent_req ad = { .op = SIM_AGENT_UFFD_ADOPT,
					    .arg = (int32_t)rp.val };
		struct sim_agent_rep arp;

		ret = k_call(k, c, &ad, ufd, &arp, NULL);
		close(ufd);
		if (ret)
			return ret;
	}
	p = &k->procs[proc];
	if (p->nregions) {
		k->procs[c].regions = malloc(p->nregions * sizeof(*p->regions));
		if (!k->procs[c].regions)
			abort();
		memcpy(k->procs[c].regions, p->regions,
		       p->nregions * sizeof(*p->regions));
		k->procs[c].nregions = p->nregions;
	}
	*child = c;
	return 0;
}

int k_exit(struct sim_backend *b, int proc)
{
	struct kernel_backend *k = kb(b);
	struct sim_agent_req rq = { .op = SIM_AGENT_EXIT };
	struct k_proc *p = k_proc(k, proc);
	char c;
	int fd;

	int ret;

	if (k->b.broken)
		return k->b.broken_err ? k->b.broken_err : -EIO;
	if (!p)
		return -ESRCH;
	ret = k_seen_check(k);
	if (ret)
		return ret;
	k_pgt_forget(k, proc, 0, 0);
	sim_agent_send(p->sock, &rq, sizeof(rq), -1);
	/* EOF: the agent's fds are closed, after its mm was torn down. */
	ret = k_wait(k, proc);
	if (ret)
		return ret;
	if (sim_agent_recv(p->sock, &c, 1, &fd) > 0 && fd >= 0)
		close(fd);
	/* Reaped: the exit is complete, as exit(2) in a scenario means. */
	k_reap(k, p);
	return 0;
}

bool k_alive(struct sim_backend *b, int proc)
{
	struct kernel_backend *k = kb(b);
	struct k_proc *p = k_proc(k, proc);
	struct pollfd pfd;
	char c;

	if (!p)
		return false;
	/* No request is pending: anything readable is EOF, a death. */
	pfd = (struct pollfd){ .fd = p->sock, .events = POLLIN };
	if (poll(&pfd, 1, 0) == 1 &&
	    recv(p->sock, &c, 1, MSG_PEEK | MSG_DONTWAIT) <= 0) {
		k_reap(k, p);
		return false;
	}
	return true;
}

int k_mmap(struct sim_backend *b, int proc, unsigned long npages, int prot,
	   bool shared, enum sim_backing backing, bool thp, unsigned long *addr)
{
	struct kernel_backend *k = kb(b);
	struct sim_agent_req rq = { .op = SIM_AGENT_MMAP,
				    .arg = prot,
				    .shared = shared,
				    .thp = thp,
				    .memfd = backing == SIM_BACKING_SHMEM,
				    .file = backing == SIM_BACKING_FILE,
				    .npages = npages };
	struct sim_agent_rep rp;
	const char *why;
	int ret, fd = -1;

	if (thp && backing == SIM_BACKING_FILE)
		return k_later(k, "THP of file mappings (large folios)");
	/* A file without `requires thp` on a machine without THPs. */
	if (thp && (why = k_thp_missing(k)))
		return k_unsupported(k, why);
	/* Anonymous memory, memfds (shmem) and regular files. */
	if (backing == SIM_BACKING_FILE) {
		fd = sim_machine_file_create(npages * 4096UL, k->file_why,
					     sizeof(k->file_why));
		if (fd == -EOPNOTSUPP)
			return k_unsupported(k, k->file_why);
		if (fd < 0)
			return fd;
	}
	ret = k_call(k, proc, &rq, fd, &rp, NULL);
	if (fd >= 0)
		close(fd);
	if (ret)
		return ret;
	*addr = rp.addr;
	k_add_region(&k->procs[proc], rp.addr, npages);
	return 0;
}

int k_range_op(struct sim_backend *b, int proc, unsigned int op,
	       unsigned long addr, unsigned long npages, int arg)
{
	struct sim_agent_req rq = {
		.op = op, .arg = arg, .addr = addr, .npages = npages
	};
	struct sim_agent_rep rp;

	return k_call(kb(b), proc, &rq, -1, &rp, NULL);
}

int k_munmap(struct sim_backend *b, int proc, unsigned long addr,
	     unsigned long npages)
{
	k_pgt_forget(kb(b), proc, addr, npages * K_PAGE);
	return k_range_op(b, proc, SIM_AGENT_MUNMAP, addr, npages, 0);
}

int k_mremap(struct sim_backend *b, int proc, unsigned long addr,
	     unsigned long npages, unsigned long *new_addr)
{
	struct sim_agent_req rq = { .op = SIM_AGENT_MREMAP,
				    .addr = addr,
				    .npages = npages };
	struct sim_agent_rep rp;
	int ret;

	k_pgt_forget(kb(b), proc, addr, npages * K_PAGE);
	ret = k_call(kb(b), proc, &rq, -1, &rp, NULL);
	if (!ret)
		*new_addr = rp.addr;
	return ret;
}

int k_mprotect(struct sim_backend *b, int proc, unsigned long addr,
	       unsigned long npages, int prot)
{
	return k_range_op(b, proc, SIM_AGENT_MPROTECT, addr, npages, prot);
}

int k_madvise(struct sim_backend *b, int proc, unsigned long addr,
	      unsigned long npages, int advice)
{
	struct kernel_backend *k = kb(b);
	int ret;

	switch (advice) {
	case MADV_PAGEOUT:
		return k_pageout(k, proc, addr, npages);
	case MADV_MERGEABLE:
	case MADV_UNMERGEABLE:
		/*
		 * ksmd scans every mergeable mm of the machine: another
		 * mmsim's `ksm` would merge these pages.  The lock keeps
		 * the scenarios apart.
		 */
		ret = k_machine_lock(k);
		if (!ret && advice == MADV_MERGEABLE)
			ret = k_ksm_sync(k);
		if (ret)
			return ret;
		break;
	}
	ret = k_range_op(b, proc, SIM_AGENT_MADVISE, addr, npages, advice);
	/*
	 * MADV_REMOVE of a file whose file system cannot punch holes (9p, a
	 * VM guest's: docs/vm.md); shmem and ext4 can, as the model does.
	 */
	if (advice == MADV_REMOVE && ret == -EOPNOTSUPP)
		return k_unsupported(k,
				     "MADV_REMOVE: this file system cannot "
				     "punch holes (no FALLOC_FL_PUNCH_HOLE)");
	return ret;
}

/* The permissions of the VMA that holds an address, from maps. */
struct k_vma_prot {
	unsigned long addr;
	int prot; /* -1: no VMA holds it */
};

static int k_vma_prot_fn(void *ctx, const struct sim_vma *vma)
{
	struct k_vma_prot *vp = ctx;

	if (vp->addr < vma->start || vp->addr >= vma->end)
		return 0;
	vp->prot = (vma->perms[0] == 'r' ? PROT_READ : 0) |
		   (vma->perms[1] == 'w' ? PROT_WRITE : 0) |
		   (vma->perms[2] == 'x' ? PROT_EXEC : 0);
	return 1;
}

/*
 * split: PTE-map the THP that covers @addr without splitting the folio,
 * as cow.c's PTE-mapped THP runs do: mprotect(2) of that one page to
 * another protection and back.  The VMA splits around the page, which
 * needs the huge PMD split into PTEs (__split_huge_pmd via
 * vma_adjust_trans_huge); the VMAs merge again on the way back, the
 * folio stays whole.  The other protection is PROT_READ, or PROT_NONE
 * when the page is read-only already (an mprotect that changes nothing
 * returns before it touches the page table).  A page that is not
 * PMD-mapped sees the same two calls, which change nothing.
 */
int k_split(struct sim_backend *b, int proc, unsigned long addr)
{
	struct kernel_backend *k = kb(b);
	struct k_vma_prot vp = { .addr = addr, .prot = -1 };
	struct k_proc *p = k_proc(k, proc);
	int ret, tmp;

	if (!p)
		return -ESRCH;
	ret = sim_maps_read(p->pid, k_vma_prot_fn, &vp);
	if (ret < 0)
		return ret;
	/* No VMA there: mprotect answers (ENOMEM), as it would. */
	tmp = vp.prot == PROT_READ ? PROT_NONE : PROT_READ;
	ret = k_mprotect(b, proc, addr, 1, tmp);
	if (ret)
		return ret;
	return k_mprotect(b, proc, addr, 1, vp.prot);
}

int k_uffd(struct sim_backend *b, int proc, unsigned int features)
{
	struct sim_agent_req rq = { .op = SIM_AGENT_UFFD,
				    .arg = (int32_t)features };
	struct sim_agent_rep rp;

	return k_call(kb(b), proc, &rq, -1, &rp, NULL);
}

int k_uffd_wp(struct sim_backend *b, int proc, unsigned long addr,
	      unsigned long npages, bool on)
{
	return k_range_op(b, proc, SIM_AGENT_UFFD_WP, addr, npages, on);
}

int k_uffd_poison(struct sim_backend *b, int proc, unsigned long addr,
		  unsigned long npages)
{
	return k_range_op(b, proc, SIM_AGENT_UFFD_POISON, addr, npages, 0);
}

int k_uffd_unregister(struct sim_backend *b, int proc, unsigned long addr,
		      unsigned long npages)
{
	return k_range_op(b, proc, SIM_AGENT_UFFD_UNREGISTER, addr, npages, 0);
}

int k_uffd_faults(struct sim_backend *b, int proc, unsigned long *faults)
{
	struct sim_agent_req rq = { .op = SIM_AGENT_UFFD_FAULTS };
	struct sim_agent_rep rp;
	int ret = k_call(kb(b), proc, &rq, -1, &rp, NULL);

	if (!ret)
		*faults = (unsigned long)rp.val;
	return ret;
}

/* Did this file's poison find @pfn mapped? */
static bool k_poisoned_here(const struct kernel_backend *k, unsigned long pfn)
{
	int i;

	for (i = 0; i < k->npoisoned; i++)
		if (k->poisoned_pfn[i] == pfn)
			return true;
	return false;
}

struct k_vma_find {
	unsigned long addr;
	bool found, private_anon;
};

static int k_vma_find_one(void *ctx, const struct sim_vma *vma)
{
	struct k_vma_find *f = ctx;

	if (f->addr < vma->start || f->addr >= vma->end)
		return 0;
	f->found = true;
	f->private_anon = vma->perms[3] == 'p' && sim_vma_is_anon(vma);
	return 1;
}

/*
 * Would GUP's read fault at @addr map the zero page?  Only in private
 * anonymous memory: a shmem or memfd VMA fills the hole with a page of
 * the file, or reads it back from swap.
 */
static bool k_untouched_is_zero_page(pid_t pid, unsigned long addr)
{
	struct k_vma_find f = { .addr = addr };

	if (sim_maps_read(pid, k_vma_find_one, &f) < 0 || !f.found)
		return true;
	return f.private_anon;
}

/*
 * Memory failure: MADV_HWPOISON in the agent, which catches the SIGBUS
 * (host/agent.c); PR_MCE_KILL there; the SIGBUS signals it caught.
 */
int k_poison(struct sim_backend *b, int proc, unsigned long addr)
{
	struct sim_agent_req rq = { .op = SIM_AGENT_POISON, .addr = addr };
	struct kernel_backend *k = kb(b);
	struct k_proc *p = k_proc(k, proc);
	struct sim_agent_rep rp;
	uint64_t pm = 0, flags = 0;
	int ret;

	/*
	 * An untouched address, or one the zero page maps: GUP would hand
	 * memory failure the shared zero page, which stays poisoned until
	 * reboot, for every later file of the run (hwpoison.zero-page).
	 */
	if (p && !sim_pagemap_read(p->pid, addr, &pm) &&
	    ((!(pm & (PM_PRESENT | PM_SWAP)) &&
	      k_untouched_is_zero_page(p->pid, addr)) ||
	     ((pm & PM_PRESENT) &&
	      !sim_kpageflags_read(pm & PM_PFN_MASK, &flags) &&
	      (flags & KPF_BIT(KPF_ZERO_PAGE)))))
		return k_unsupported(k, "poisoning the shared zero page, which "
					"would stay poisoned for the rest of "
					"the boot");
	/*
	 * A page poisoned before this file poisoned it: an earlier file's
	 * THP whose split failed was freed whole, its poisoned page with
	 * it, and handed out again (6.1 checks a page's flags at
	 * allocation only with CONFIG_DEBUG_VM: check_new_pcp).  No model
	 * has that page.
	 */
	flags = 0;
	if (p && (pm & PM_PRESENT) &&
	    !sim_kpageflags_read(pm & PM_PFN_MASK, &flags) &&
	    (flags & KPF_BIT(KPF_HWPOISON)) &&
	    !k_poisoned_here(k, pm & PM_PFN_MASK))
		return k_unsupported(k, "the kernel handed out a page an "
					"earlier file poisoned (a THP that "
					"could not be split, freed whole)");
	if (p && (pm & PM_PRESENT) &&
	    k->npoisoned < (int)K_ARRAY_SIZE(k->poisoned_pfn))
		k->poisoned_pfn[k->npoisoned++] = pm & PM_PFN_MASK;
	ret = k_call(k, proc, &rq, -1, &rp, NULL);
	return ret ? ret : rp.ret;
}

int k_mce_kill(struct sim_backend *b, int proc, int how)
{
	struct sim_agent_req rq = { .op = SIM_AGENT_MCE_KILL, .arg = how };
	struct sim_agent_rep rp;
	int ret = k_call(kb(b), proc, &rq, -1, &rp, NULL);

	return ret ? ret : rp.ret;
}

/*
 * clear-refs: the controller (root) writes @type to the agent's
 * /proc/PID/clear_refs, as cow.c's clear_softdirty() writes "4" to its
 * own.  The agent waits on its socket, holding no mmap lock, so the
 * write does not wait on it; the deadline is checked first.
 */
int k_clear_refs(struct sim_backend *b, int proc, int type)
{
	struct kernel_backend *k = kb(b);
	struct k_proc *p = k_proc(k, proc);
	char path[64], val[16];
	ssize_t n;
	int fd, len;

	if (!p)
		return -ESRCH;
	if (!k_remaining_ms(k))
		return k_timeout(k, "clear-refs");
	snprintf(path, sizeof(path), "/proc/%d/clear_refs", (int)p->pid);
	len = snprintf(val, sizeof(val), "%d", type);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, val, (size_t)len);
	if (n < 0)
		n = -errno;
	close(fd);
	return n < 0 ? (int)n : n == len ? 0 : -EIO;
}

int k_sigbus_count(struct sim_backend *b, int proc, int code,
		   unsigned long *count)
{
	struct sim_agent_req rq = { .op = SIM_AGENT_SIGBUS, .arg = code };
	struct sim_agent_rep rp;
	int ret = k_call(kb(b), proc, &rq, -1, &rp, NULL);

	if (!ret)
		*count = (unsigned long)rp.val;
	return ret;
}

int k_mlock(struct sim_backend *b, int proc, unsigned long addr,
	    unsigned long npages, bool lock)
{
	return k_range_op(b, proc, SIM_AGENT_MLOCK, addr, npages, lock);
}

int k_load(struct sim_backend *b, int proc, unsigned long addr, uint64_t *val)
{
	struct sim_agent_req rq = { .op = SIM_AGENT_LOAD, .addr = addr };
	struct sim_agent_rep rp;
	bool watch = k_pgt_before(kb(b), proc, addr);
	int ret = k_call(kb(b), proc, &rq, -1, &rp, NULL);

	if (watch)
		k_pgt_after(kb(b), proc, addr);
	if (!ret)
		*val = rp.val;
	return ret;
}

int k_store(struct sim_backend *b, int proc, unsigned long addr, uint64_t val)
{
	struct sim_agent_req rq = { .op = SIM_AGENT_STORE,
				    .addr = addr,
				    .val = val };
	struct sim_agent_rep rp;
	bool watch = k_pgt_before(kb(b), proc, addr);
	int ret = k_call(kb(b), proc, &rq, -1, &rp, NULL);

	if (watch)
		k_pgt_after(kb(b), proc, addr);
	return ret;
}
