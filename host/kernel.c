// SPDX-License-Identifier: GPL-2.0-only
/*
 * The live-kernel backend: scenario statements run on the kernel of this
 * machine.  This file holds its life cycle: create, teardown and destroy,
 * the ops table, signal and crash handling, CPU pinning, and the time
 * limit.  The operations are in host/kernel-procs.c (agents and
 * processes), host/kernel-caps.c (capabilities), host/kernel-pins.c (GUP
 * handles), host/kernel-swap.c (swap, migration, KSM) and
 * host/kernel-observe.c (query, show); host/kernel.h lists them.
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
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "host/kernel.h"
#include "host/procfs.h"
#include "host/machine.h"
#include "scenario/backend.h"

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

	if (pgid > 0)
		k_kill_group(pgid, K_REAP_MS);
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

int k_remaining_ms(struct kernel_backend *k)
{
	struct timespec now;
	long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (k->deadline.tv_sec - now.tv_sec) * 1000 +
	     (k->deadline.tv_nsec - now.tv_nsec) / 1000000;
	return ms < 0 ? 0 : (int)ms;
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

static void k_mce_early_kill_restore(struct kernel_backend *k);

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
	k_mce_early_kill_restore(k);
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
	free(k->pgt_before);
	free(k->pgt_buf);
	free(k);
}

/* Write @v to the sysctl vm.memory_failure_early_kill. */
static int k_mce_early_kill_write(int v)
{
	int fd = open(K_MF_EARLY_KILL, O_WRONLY | O_CLOEXEC), ret = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, v ? "1\n" : "0\n", 2) != 2)
		ret = -errno;
	close(fd);
	return ret;
}

/*
 * mce-early-kill: the sysctl, machine-wide, put back at teardown.
 * Deviation from how swap and KSM are handled (host/machine.c): no
 * record survives a crash of mmsim; it matters only on a kernel with
 * memory failure, as the VM targets' are, where the guest is thrown away.
 */
static int k_mce_early_kill(struct sim_backend *b, bool early)
{
	struct kernel_backend *k = kb(b);
	char word[16] = "";
	ssize_t n;
	int fd;

	if (k->mce_early_kill_saved < 0) {
		fd = open(K_MF_EARLY_KILL, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return -errno;
		n = read(fd, word, sizeof(word) - 1);
		close(fd);
		if (n <= 0)
			return -EIO;
		k->mce_early_kill_saved = word[0] == '1';
	}
	return k_mce_early_kill_write(early);
}

static void k_mce_early_kill_restore(struct kernel_backend *k)
{
	if (k->mce_early_kill_saved < 0)
		return;
	k_mce_early_kill_write(k->mce_early_kill_saved);
	k->mce_early_kill_saved = -1;
}

/*
 * corrupt: the PFN the process maps at @addr (pagemap), written to
 * hwpoison-inject's corrupt-pfn: memory_failure(pfn, MF_SW_SIMULATED).
 * Not the zero page, which would stay poisoned for the whole run.
 */
static int k_corrupt(struct sim_backend *b, int proc, unsigned long addr)
{
	struct kernel_backend *k = kb(b);
	struct k_proc *p = k_proc(k, proc);
	uint64_t pm, flags = 0;
	char buf[32];
	int fd, ret, n;

	if (!p)
		return -ESRCH;
	if (access(K_CORRUPT_PFN, W_OK))
		return k_unsupported(k, "no " K_CORRUPT_PFN
					" (CONFIG_HWPOISON_INJECT, debugfs)");
	ret = sim_pagemap_read(p->pid, addr, &pm);
	if (ret)
		return ret;
	if (!(pm & PM_PRESENT))
		return -EFAULT;
	ret = sim_kpageflags_read(pm & PM_PFN_MASK, &flags);
	if (ret)
		return ret;
	if (flags & KPF_BIT(KPF_ZERO_PAGE))
		return k_unsupported(k, "poisoning the shared zero page, which "
					"would stay poisoned for the rest of "
					"the boot");
	fd = open(K_CORRUPT_PFN, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = snprintf(buf, sizeof(buf), "%#llx\n",
		     (unsigned long long)(pm & PM_PFN_MASK));
	ret = write(fd, buf, (size_t)n) == n ? 0 : -errno;
	close(fd);
	return ret;
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
	.mlock = k_mlock,
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
	.split = k_split,
	.thp_sizes = k_thp_sizes,
	.ksm_max_page_sharing = k_ksm_max_page_sharing,
	.mremap = k_mremap,
	.uffd_wp = k_uffd_wp,
	.uffd = k_uffd,
	.uffd_faults = k_uffd_faults,
	.uffd_poison = k_uffd_poison,
	.uffd_unregister = k_uffd_unregister,
	.poison = k_poison,
	.poison_table = k_poison_table,
	.corrupt = k_corrupt,
	.mce_kill = k_mce_kill,
	.clear_refs = k_clear_refs,
	.mce_early_kill = k_mce_early_kill,
	.sigbus_count = k_sigbus_count,
	.thp_counter = k_thp_counter,
	.deferred_split = k_deferred_split,
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
	k->mce_early_kill_saved = -1;
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
	k_counters_snapshot(k);

	if (k_spawn_first(k) < 0) {
		k_destroy(&k->b);
		*why = "cannot start the agent of p0";
		return NULL;
	}
	return &k->b;
}
