// SPDX-License-Identifier: GPL-2.0-only
/*
 * The live-kernel backend: scenario statements run on the kernel of this
 * machine.  Each scenario process is an agent (host/agent.c), a real process
 * driven over a socket; fork is a real fork, loads and stores are real.
 * Page states are read from /proc/PID/pagemap, /proc/kpageflags and
 * /proc/kpagecount without touching the pages (host/procfs.c).  Pins:
 *
 *   ro get             vmsplice() of the page into a pipe; the controller
 *                      holds the pipe's read end, and reads through the
 *                      handle with tee() into a scratch pipe, so the pin's
 *                      pipe buffer is never consumed.
 *   rw pin longterm    an io_uring fixed buffer registered by the agent;
 *                      the controller takes the ring fd with
 *                      pidfd_getfd() (SCM_RIGHTS refuses io_uring fds)
 *                      and maps the ring itself (io_uring_queue_mmap), so
 *                      that the registration, and with it the pin,
 *                      outlives the agent.  DMA reads are
 *                      IORING_OP_WRITE_FIXED into a memfd, DMA writes
 *                      IORING_OP_READ_FIXED from it.
 *
 * Other pin flavours need gup_test, which this backend does not drive:
 * they are SIM_UNSUPPORTED_ERR.
 *
 * Swap: `swapout` is MADV_PAGEOUT in the agent, on the machine's own swap
 * if it has one (never changed), else on a swap device made for the
 * scenario (host/machine.c): a swap file, or a zram device for `swapdev
 * sync`.  KSM: `madvise mergeable` is MADV_MERGEABLE, `ksm` lets ksmd run
 * with a fast scan until it has completed enough full scans.  Migration
 * cannot be forced on a machine with one NUMA node.
 * docs/kernel-backend.md has the details.
 *
 * Safety: all agents are children of the mmsim process (they fork with
 * CLONE_PARENT) in one process group, die with it (PR_SET_PDEATHSIG), and
 * are killed and reaped at the end of the scenario, on SIGINT, SIGTERM and
 * SIGHUP, on a crash of mmsim, and when the scenario's time limit runs
 * out; the swap device and KSM settings are restored on the same paths,
 * and by the next mmsim after a SIGKILL.
 *
 * The time limit holds for everything the backend waits for or loops over:
 * agent calls, ksmd, writeback, I/O through a pin, and the controller's
 * own loops over pages (pagemap reads in chunks, show, the pages seen so
 * far), which check the deadline at every page or chunk.  So a statement
 * overruns the limit by one chunk's or one page's work at most; then the
 * backend breaks with -ETIMEDOUT (k_timeout()).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/userfaultfd.h>

#include "host/agent.h"
#include "host/kernel.h"
#include "host/machine.h"
#include "host/procfs.h"
#include "sim/backend.h"

/*
 * Global state, because signal handling needs it: the process group of the
 * running scenario's agents (0: none), which the SIGINT/SIGTERM/SIGHUP
 * handler kills and reaps before mmsim dies of the signal.  At most one
 * kernel backend exists at a time (the runner runs files one by one).
 */
volatile sig_atomic_t k_agents_pgid;
static const int k_signals[3] = { SIGINT, SIGTERM, SIGHUP };
/* A crash of mmsim itself: restore the machine, then crash as before. */
static const int k_crash_signals[5] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL,
					SIGABRT };
static struct sigaction k_crash_old[5];

static void k_kill_agents_signal_safe(void)
{
	pid_t pgid = k_agents_pgid;

	if (pgid > 0) {
		kill(-pgid, SIGKILL);
		while (waitpid(-pgid, NULL, 0) > 0)
			;
	}
}

static void k_on_signal(int sig)
{
	sigset_t set;

	/* The agents first: swapoff then has nothing of theirs to read. */
	k_kill_agents_signal_safe();
	sim_machine_restore_signal_safe();
	/* Pins die with our fds; now die of the signal as if unhandled. */
	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
}

static void k_on_crash(int sig)
{
	int i;

	k_kill_agents_signal_safe();
	sim_machine_restore_signal_safe();
	/*
	 * The previous handler (the default, or a sanitizer's) takes the
	 * signal when this one returns: a fault faults again, a raised
	 * signal is pending.
	 */
	for (i = 0; i < (int)K_ARRAY_SIZE(k_crash_signals); i++)
		if (k_crash_signals[i] == sig)
			sigaction(sig, &k_crash_old[i], NULL);
	raise(sig);
}

struct k_proc *k_proc(struct kernel_backend *k, int proc)
{
	if (proc < 0 || proc >= k->nprocs || k->procs[proc].sock < 0)
		return NULL;
	return &k->procs[proc];
}

int k_remaining_ms(struct kernel_backend *k)
{
	struct timespec now;
	long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (k->deadline.tv_sec - now.tv_sec) * 1000 +
	     (k->deadline.tv_nsec - now.tv_nsec) / 1000000;
	return ms < 0 ? 0 : (int)ms;
}

/* Kill and reap every agent of the scenario. */
void k_kill_all(struct kernel_backend *k)
{
	int i;

	if (k->pgid > 0) {
		kill(-k->pgid, SIGKILL);
		while (waitpid(-k->pgid, NULL, 0) > 0)
			;
	}
	for (i = 0; i < k->nprocs; i++) {
		if (k->procs[i].sock >= 0)
			close(k->procs[i].sock);
		k->procs[i].sock = -1;
	}
	k->pgid = 0;
	k_agents_pgid = 0;
}

/*
 * The scenario's time limit ran out while the backend was doing @fmt:
 * every agent is killed and the backend is broken, so the runner fails
 * the statement with this message and stops the file.  Returns
 * -ETIMEDOUT; a backend already broken keeps its first message.
 */
int k_timeout(struct kernel_backend *k, const char *fmt, ...)
{
	char what[200];
	va_list ap;

	if (k->b.broken)
		return -ETIMEDOUT;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(k->broken_why, sizeof(k->broken_why),
		 "%s: timed out after %g s (the kernel backend's limit per "
		 "scenario, MMSIM_KERNEL_TIMEOUT): killed every agent",
		 what, k->timeout_ms / 1000.0);
	k->b.broken = k->broken_why;
	k->b.broken_err = -ETIMEDOUT;
	k_kill_all(k);
	return -ETIMEDOUT;
}

/*
 * In every loop of the controller: 0 while the scenario has time left,
 * else k_timeout() with @what.  A broken backend answers nothing more.
 */
int k_check_time(struct kernel_backend *k, const char *what)
{
	if (k->b.broken)
		return k->b.broken_err ? k->b.broken_err : -EIO;
	return k_remaining_ms(k) ? 0 : k_timeout(k, "%s", what);
}

/* The agent's socket reached EOF: reap it; how it died is the result. */
static int k_reap(struct kernel_backend *k, struct k_proc *p)
{
	int status = 0;

	close(p->sock);
	p->sock = -1;
	while (waitpid(p->pid, &status, 0) < 0 && errno == EINTR)
		;
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
	int sv[2], ret, c;

	if (!k_proc(k, proc))
		return -ESRCH;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv))
		return -errno;
	ret = k_call(k, proc, &rq, sv[1], &rp, NULL);
	close(sv[1]);
	if (ret) {
		close(sv[0]);
		return ret;
	}
	c = k_add_proc(k, rp.pid, sv[0]);
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
	   bool shared, unsigned long *addr)
{
	struct kernel_backend *k = kb(b);
	struct sim_agent_req rq = { .op = SIM_AGENT_MMAP,
				    .arg = prot,
				    .shared = shared,
				    .npages = npages };
	struct sim_agent_rep rp;
	int ret = k_call(k, proc, &rq, -1, &rp, NULL);

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
	return k_range_op(b, proc, SIM_AGENT_MUNMAP, addr, npages, 0);
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
		if (ret)
			return ret;
		break;
	}
	return k_range_op(b, proc, SIM_AGENT_MADVISE, addr, npages, advice);
}

int k_load(struct sim_backend *b, int proc, unsigned long addr, uint64_t *val)
{
	struct sim_agent_req rq = { .op = SIM_AGENT_LOAD, .addr = addr };
	struct sim_agent_rep rp;
	int ret = k_call(kb(b), proc, &rq, -1, &rp, NULL);

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

	return k_call(kb(b), proc, &rq, -1, &rp, NULL);
}

static unsigned long k_teardown(struct sim_backend *b)
{
	struct kernel_backend *k = kb(b);
	int i;

	if (k->torn_down)
		return 0;
	k->torn_down = true;
	k_kill_all(k);
	for (i = 0; i < k->nhandles; i++)
		k_release(&k->handles[i]);
	/* The agents are gone: swap off, KSM settings back, lock dropped. */
	sim_machine_restore();
	k->machine_locked = false;
	/* The kernel frees what nobody holds: nothing to count here. */
	return 0;
}

static void k_destroy(struct sim_backend *b)
{
	struct kernel_backend *k = kb(b);
	int i;

	k_teardown(b);
	if (k->dma_fd >= 0)
		close(k->dma_fd);
	for (i = 0; i < (int)K_ARRAY_SIZE(k_signals); i++)
		sigaction(k_signals[i], &k->old_sa[i], NULL);
	for (i = 0; i < (int)K_ARRAY_SIZE(k_crash_signals); i++)
		sigaction(k_crash_signals[i], &k_crash_old[i], NULL);
	if (k->cpus_saved)
		sched_setaffinity(0, sizeof(k->old_cpus), &k->old_cpus);
	for (i = 0; i < k->nprocs; i++)
		free(k->procs[i].regions);
	free(k->procs);
	free(k->handles);
	free(k->seen);
	free(k);
}

static const struct sim_backend_ops kernel_ops = {
	.name = "kernel",
	.missing_cap = k_missing_cap,
	.first_process = k_first_process,
	.fork = k_fork,
	.exit = k_exit,
	.alive = k_alive,
	.mmap = k_mmap,
	.munmap = k_munmap,
	.mprotect = k_mprotect,
	.madvise = k_madvise,
	.load = k_load,
	.store = k_store,
	.gup = k_gup,
	.unpin = k_unpin,
	.dma_read = k_dma_read,
	.dma_write = k_dma_write,
	.swapdev = k_swapdev,
	.swapout = k_swapout,
	.swapoff = k_swapoff,
	.migrate = k_migrate,
	.ksm = k_ksm,
	.writeback_done = k_writeback_done,
	.query = k_query,
	.show = k_show,
	.teardown = k_teardown,
	.destroy = k_destroy,
};

/*
 * Run the scenario on one CPU: a page faulted on one CPU sits in that
 * CPU's LRU-add batch, whose extra reference makes a write fault on
 * another CPU copy instead of reuse (obs.lru-batch-copies).
 * The agents inherit the mask; the controller's is restored at the end.
 */
static void k_pin_cpu(struct kernel_backend *k)
{
	cpu_set_t one;
	int cpu;

	if (sched_getaffinity(0, sizeof(k->old_cpus), &k->old_cpus))
		return;
	k->cpus_saved = true;
	cpu = sched_getcpu();
	if (cpu < 0 || !CPU_ISSET(cpu, &k->old_cpus))
		for (cpu = 0; cpu < CPU_SETSIZE; cpu++)
			if (CPU_ISSET(cpu, &k->old_cpus))
				break;
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	sched_setaffinity(0, sizeof(one), &one);
}

struct sim_backend *sim_backend_kernel_create(const char **why)
{
	struct kernel_backend *k;
	struct sigaction sa;
	const char *env;
	double limit;
	char *end;
	int i;

	*why = k_pfns_readable();
	if (*why)
		return NULL;
	k = calloc(1, sizeof(*k));
	if (!k)
		abort();
	k->b.ops = &kernel_ops;
	k->self = getpid();
	k->dma_fd = memfd_create("mmsim-dma", MFD_CLOEXEC);
	if (k->dma_fd < 0) {
		free(k);
		*why = "memfd_create failed";
		return NULL;
	}
	env = getenv("MMSIM_KERNEL_TIMEOUT");
	limit = env ? strtod(env, &end) : 0;
	if (!env || end == env || *end || !(limit >= 0.001) || limit > 86400)
		limit = K_TIMEOUT_S;
	k->timeout_ms = (long)(limit * 1000 + 0.5);
	clock_gettime(CLOCK_MONOTONIC, &k->deadline);
	k->deadline.tv_sec += k->timeout_ms / 1000;
	k->deadline.tv_nsec += (k->timeout_ms % 1000) * 1000000L;
	if (k->deadline.tv_nsec >= 1000000000L) {
		k->deadline.tv_sec++;
		k->deadline.tv_nsec -= 1000000000L;
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = k_on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < (int)K_ARRAY_SIZE(k_signals); i++) {
		sigaddset(&sa.sa_mask, k_signals[i]);
		sigaction(k_signals[i], NULL, &k->old_sa[i]);
	}
	for (i = 0; i < (int)K_ARRAY_SIZE(k_signals); i++)
		sigaction(k_signals[i], &sa, NULL);
	sa.sa_handler = k_on_crash;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < (int)K_ARRAY_SIZE(k_crash_signals); i++)
		sigaction(k_crash_signals[i], &sa, &k_crash_old[i]);
	k_pin_cpu(k);
	/* What a mmsim killed by SIGKILL left: a swap file, KSM settings. */
	sim_machine_clean_stale();

	if (k_spawn_first(k) < 0) {
		k_destroy(&k->b);
		*why = "cannot start the agent of p0";
		return NULL;
	}
	return &k->b;
}
