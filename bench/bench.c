// SPDX-License-Identifier: GPL-2.0-only
/*
 * make bench: the model's speed on the common operations, per page or per
 * PTE, each next to what this machine's own kernel takes for the same
 * operation, measured in the same run on real memory (KERNEL_NPAGES pages
 * of a private anonymous mapping, in this process and a forked child).
 * Where the kernel side cannot be measured here, the line says so: no
 * figure is ever a constant.  Targets, printed on their lines as met or
 * MISSED: fork <= 10 ns per PTE (issue 10; the best of FORK_TRIES forks,
 * model and kernel alike), write faults <= 100 ns.  And what parsing a
 * large scenario file costs in memory, what a simulated page costs (<= 64
 * bytes, issue 10) and the peak RSS of the largest machine a scenario can
 * make: 16 Mi pages, then one fork (< 2 GiB).  Figures, not assertions:
 * machines are shared and noisy.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "mmsim.h"
#include "linux/sim_memmap.h"
#include "scenario/limits.h"
#include "scenario/scenario.h"
#include "explore/explore.h"

#define NPAGES (256UL * 1024)
#define PAGE 4096UL
/* Real memory touched for the kernel side: 256 MiB. */
#define KERNEL_NPAGES (64UL * 1024)
/* Forks measured, model and kernel: the best counts. */
#define FORK_TRIES 3
/* Runs of 1000 checked writes at each memory size: the best counts. */
#define WRITE_TRIES 5

/* The kernel's figures, ns per page or PTE; < 0: not measured. */
struct kernel_figures {
	double new_fault, fork, cow, exit, reuse, store;
	const char *why; /* why not, when not */
};

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static const char *kernel_why;

static void report(const char *what, double ns, unsigned long n,
		   const char *unit, double kernel_ns, double target_ns)
{
	double per = ns / n;

	printf("%-44s %8.1f ns/%s", what, per, unit);
	if (target_ns > 0)
		printf("  (target <= %.0f: %s)", target_ns,
		       per <= target_ns ? "met" : "MISSED");
	if (kernel_ns > 0)
		printf("  kernel %.1f ns, kernel/model %.1fx", kernel_ns,
		       kernel_ns / per);
	else
		printf("  kernel: not measured (%s)",
		       kernel_why ? kernel_why : "no such operation here");
	printf("\n");
}

/* A child that holds the parent's memory until it is told to exit. */
static pid_t hold_child(int *fd)
{
	int p[2];
	pid_t pid;
	char c;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		while (read(p[0], &c, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(p[0]);
	*fd = p[1];
	return pid;
}

static double reap_ns(pid_t pid, int fd)
{
	double t = now_ns();

	close(fd);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	return now_ns() - t;
}

/*
 * The same operations on this machine's kernel, on real memory: each
 * figure is the time of the whole loop or call over KERNEL_NPAGES pages.
 */
static void kernel_measure(struct kernel_figures *k)
{
	const unsigned long n = KERNEL_NPAGES;
	volatile uint64_t *mem;
	unsigned long i;
	int fd, try;
	pid_t pid;
	double t;

	memset(k, 0, sizeof(*k));
	k->new_fault = k->fork = k->cow = k->exit = k->reuse = k->store = -1;
#ifndef __linux__
	k->why = "not Linux";
	return;
#endif
	mem = mmap(NULL, n * PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED) {
		k->why = "cannot map 256 MiB";
		return;
	}
	/* Base pages, as in the model: no THP. */
	madvise((void *)mem, n * PAGE, MADV_NOHUGEPAGE);

	t = now_ns();
	for (i = 0; i < n; i++)
		mem[i * PAGE / 8] = i;
	k->new_fault = (now_ns() - t) / n;

	/* Best of FORK_TRIES, each of a process that wrote all its pages. */
	for (try = 0; try < FORK_TRIES; try++) {
		if (try) {
			reap_ns(pid, fd);
			for (i = 0; i < n; i++)
				mem[i * PAGE / 8] = i;
		}
		t = now_ns();
		pid = hold_child(&fd);
		t = (now_ns() - t) / n;
		if (pid < 0)
			goto out;
		if (k->fork < 0 || t < k->fork)
			k->fork = t;
	}
	t = now_ns();
	for (i = 0; i < n; i++)
		mem[i * PAGE / 8] = ~i;
	k->cow = (now_ns() - t) / n;
	/* The child's exit zaps its n PTEs and frees its page tables. */
	k->exit = reap_ns(pid, fd) / n;

	pid = hold_child(&fd);
	if (pid < 0)
		goto out;
	reap_ns(pid, fd);
	t = now_ns();
	for (i = 0; i < n; i++)
		mem[i * PAGE / 8] = i;
	k->reuse = (now_ns() - t) / n;

	t = now_ns();
	for (i = 0; i < n; i++)
		mem[i * PAGE / 8] = ~i;
	k->store = (now_ns() - t) / n;
out:
	munmap((void *)mem, n * PAGE);
}

static void die(const char *what)
{
	fprintf(stderr, "bench: %s failed\n", what);
	exit(1);
}

/* The per-statement check, as mmsim run --check says (scenario.h). */
enum check_mode { CHECK_CHANGED, CHECK_FULL, CHECK_OFF };
static const char *const check_name[] = { "changed", "full", "off" };

static void check_statement(struct sim *sim, enum check_mode mode)
{
	int n = 0;

	if (mode == CHECK_CHANGED)
		n = sim_check_changed(sim, NULL, NULL);
	else if (mode == CHECK_FULL)
		n = sim_check(sim, NULL, NULL);
	if (n)
		die("invariants");
}

/*
 * NPAGES pages mapped in process 0 of @sim (at *@addr), each written
 * once: the first-touch write faults, timed; returns their nanoseconds.
 */
static double first_touch_writes(struct sim *sim, unsigned long *addr)
{
	unsigned long i;
	double t;

	if (sim_mmap(sim, 0, NPAGES, PROT_READ | PROT_WRITE, false, addr))
		die("mmap");
	t = now_ns();
	for (i = 0; i < NPAGES; i++)
		if (sim_store(sim, 0, *addr + i * PAGE, i))
			die("first-touch write");
	return now_ns() - t;
}

/*
 * NPAGES first-touch writes in a fresh machine, each followed by the
 * check as mmsim run --check changed does it (the fault recorded by the
 * touch hooks, then checked): ns per write, a figure next to the fault
 * alone, which runs with nothing recorded (the touched set of a machine
 * never checked stays overflowed).
 */
static double new_faults_checked(void)
{
	struct sim *sim = sim_create();
	unsigned long addr, i;
	double t;

	if (sim_mmap(sim, 0, NPAGES, PROT_READ | PROT_WRITE, false, &addr))
		die("mmap");
	check_statement(sim, CHECK_FULL);
	t = now_ns();
	for (i = 0; i < NPAGES; i++) {
		if (sim_store(sim, 0, addr + i * PAGE, i))
			die("first-touch write");
		check_statement(sim, CHECK_CHANGED);
	}
	t = now_ns() - t;
	sim_destroy(sim);
	return t / NPAGES;
}

/*
 * A generated scenario of NSTMTS statements through the public API: one
 * process with 1 Ki pages, stores and loads all over them, a fork, an
 * exit and a swap-out now and then; the check after each statement as
 * mmsim run --check changed|full|off does it.  Then the cost of one write
 * (a COW fault) with the check on, at 1 Ki and at 1 Mi mapped pages.
 */
#define NSTMTS 100000UL

/*
 * The mix above, NSTMTS statements, checked as @mode says; without forks
 * and exits when !@forks (their 1 Ki PTEs each are most of the cost).
 * Returns the time taken, in ns.
 */
static double statement_mix(enum check_mode mode, bool forks)
{
	unsigned long npg = 1024, i, addr;
	uint64_t seed = 1, v;
	struct sim *sim = sim_create();
	double t;
	int child = -1;

	if (sim_mmap(sim, 0, npg, PROT_READ | PROT_WRITE, false, &addr))
		die("mmap");
	t = now_ns();
	for (i = 0; i < NSTMTS; i++) {
		unsigned long pg;

		seed ^= seed << 13;
		seed ^= seed >> 7;
		seed ^= seed << 17;
		pg = (seed >> 8) % npg;
		switch (seed % 64) {
		case 0:
			if (forks && child < 0)
				child = sim_fork(sim, 0);
			break;
		case 1:
			if (child >= 0 && !sim_exit(sim, child))
				child = -1;
			break;
		case 2:
			sim_swapout(sim, 0, addr + pg * PAGE, 1);
			break;
		default:
			if (seed & 64)
				sim_load(sim, 0, addr + pg * PAGE, &v);
			else
				sim_store(sim, 0, addr + pg * PAGE, i);
		}
		check_statement(sim, mode);
	}
	t = now_ns() - t;
	sim_destroy(sim);
	return t;
}

static void bench_statement_checks(void)
{
	unsigned long npg = 1024, i, addr;
	enum check_mode mode;
	double changed_us[2] = { 0, 0 };

	kernel_why = "a model-only figure";
	for (mode = CHECK_CHANGED; mode <= CHECK_OFF; mode++) {
		double t = statement_mix(mode, true);

		printf("%-44s %8.0f statements/s (%.2f us each)",
		       mode == CHECK_CHANGED ?
			       "100k statements, --check changed" :
		       mode == CHECK_FULL ? "100k statements, --check full" :
					    "100k statements, --check off",
		       NSTMTS / (t / 1e9), t / NSTMTS / 1e3);
		if (mode == CHECK_CHANGED)
			printf("  (target >= 2000000: %s)",
			       NSTMTS / (t / 1e9) >= 2e6 ? "met" : "MISSED");
		printf("\n");
	}
	/* A figure, not the target: what the forks and exits cost. */
	for (mode = CHECK_CHANGED; mode <= CHECK_OFF; mode += 2) {
		double t = statement_mix(mode, false);

		printf("%-44s %8.0f statements/s (%.2f us each)\n",
		       mode == CHECK_CHANGED ?
			       "  the same without fork/exit, check changed" :
			       "  the same without fork/exit, check off",
		       NSTMTS / (t / 1e9), t / NSTMTS / 1e3);
	}

	for (npg = 1024; npg <= 1024 * 1024; npg *= 1024) {
		for (mode = CHECK_CHANGED; mode <= CHECK_FULL; mode++) {
			struct sim *sim = sim_create();
			unsigned long nw = mode == CHECK_FULL ? 20 : 1000;
			int tries = mode == CHECK_FULL ? 1 : WRITE_TRIES, try;
			char what[64];
			double t, best = -1;

			if (sim_mmap(sim, 0, npg, PROT_READ | PROT_WRITE, false,
				     &addr))
				die("mmap");
			for (i = 0; i < npg; i++)
				if (sim_store(sim, 0, addr + i * PAGE, i))
					die("fill");
			/*
			 * The best of @tries: a fork shares every page again,
			 * and its child's exit ends the try.  1000 writes take
			 * a few hundred microseconds, which one interruption
			 * of the process can double.
			 */
			for (try = 0; try < tries; try++) {
				int child = sim_fork(sim, 0);

				if (child < 0)
					die("fork");
				check_statement(sim, CHECK_FULL);
				/* Each write is a COW fault: it changes. */
				t = now_ns();
				for (i = 0; i < nw; i++) {
					if (sim_store(sim, 0,
						      addr + (i % npg) * PAGE,
						      7))
						die("write");
					check_statement(sim, mode);
				}
				t = now_ns() - t;
				if (best < 0 || t < best)
					best = t;
				if (sim_exit(sim, child))
					die("exit");
			}
			t = best;
			snprintf(what, sizeof(what),
				 "write + --check %s, %lu Ki pages",
				 check_name[mode], npg / 1024);
			printf("%-44s %8.1f us/statement\n", what,
			       t / nw / 1e3);
			if (mode == CHECK_CHANGED)
				changed_us[npg > 1024] = t / nw / 1e3;
			sim_destroy(sim);
		}
	}
	printf("%-44s %8.2fx  (target <= 2x: %s)\n",
	       "write + --check changed, 1 Mi / 1 Ki pages",
	       changed_us[1] / changed_us[0],
	       changed_us[1] <= 2 * changed_us[0] ? "met" : "MISSED");
}

/*
 * Parsing's memory: the peak RSS of a child that loads a generated file of
 * PARSE_NSTMTS statements (about 8 MB: the 'mmsim run' of the file without
 * the run), less that of a child that loads a file of one statement; per
 * statement, and as a multiple of the file's size.  Measured first, while
 * this process is small: a child starts with what it inherits.
 */
#define PARSE_NSTMTS 500000UL

/* A scenario file of @n statements, mostly writes; its size in *@size. */
static char *write_scenario(unsigned long n, long *size)
{
	const char *dir = getenv("TMPDIR");
	char *path;
	unsigned long i;
	FILE *f;
	int fd;

	if (asprintf(&path, "%s/mmsim-bench-XXXXXX", dir ? dir : "/tmp") < 0)
		die("asprintf");
	fd = mkstemp(path);
	if (fd < 0 || !(f = fdopen(fd, "w")))
		die("a temporary file");
	if (n > 1)
		fprintf(f, "title parse memory\n");
	fprintf(f, "mmap p0 A 4\n");
	for (i = 2; i < n; i++) {
		if (i % 100)
			fprintf(f, "write p0 A[1] %lu\n", i % 10);
		else
			fprintf(f, "expect p0 A[1] == %lu\n", (i - 1) % 10);
	}
	*size = ftell(f);
	if (fclose(f))
		die("writing a temporary file");
	return path;
}

/* The peak RSS of a child that loads @path, in KiB. */
static long parse_peak_kib(const char *path)
{
	struct rusage ru;
	int status;
	pid_t pid = fork();

	if (pid < 0)
		die("fork");
	if (!pid) {
		struct sim_scenario *sc = sim_scenario_load(path, stderr);

		_exit(sc ? 0 : 1);
	}
	if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		die("parsing the generated file");
	return ru.ru_maxrss;
}

static void bench_parse_memory(void)
{
	char *one, *big;
	long one_size, big_size, one_kib, big_kib;
	double bytes;

	one = write_scenario(1, &one_size);
	big = write_scenario(PARSE_NSTMTS, &big_size);
	one_kib = parse_peak_kib(one);
	big_kib = parse_peak_kib(big);
	unlink(one);
	unlink(big);
	free(one);
	free(big);
	bytes = (big_kib - one_kib) * 1024.0;
	printf("%-44s %8.1f bytes/statement, %.1fx the file "
	       "(%lu statements, %ld bytes; peak RSS %ld KiB over %ld)\n",
	       "parse a generated scenario file (memory)", bytes / PARSE_NSTMTS,
	       bytes / big_size, PARSE_NSTMTS, big_size, big_kib, one_kib);
}

/*
 * What a simulated page costs in the model's memory map, from the
 * structures themselves: its struct page, and its share of the chunk it
 * is in (the chunk's header, anything else the chunk holds per page such
 * outside struct page, and the chunk's pointer in sim->chunks).  The target is
 * on what each page has: struct page plus per-page data, <= 64 bytes.
 */
static void bench_page_bytes(void)
{
	double chunk = (double)sizeof(struct sim_chunk) / SIM_CHUNK_PAGES;
	/* What follows the header: the struct pages, and any per-page data. */
	double per_page = (double)(sizeof(struct sim_chunk) -
				   offsetof(struct sim_chunk, pages)) /
			  SIM_CHUNK_PAGES;
	double pointer = (double)sizeof(struct sim_chunk *) / SIM_CHUNK_PAGES;

	printf("%-44s %8.2f bytes (struct page %zu, other per-page data "
	       "%.0f, chunk header %.3f, chunk pointer %.3f)  (target "
	       "per-page <= 64: %s)\n",
	       "bytes per simulated page (from the types)", chunk + pointer,
	       sizeof(struct page), per_page - sizeof(struct page),
	       chunk - per_page, pointer, per_page <= 64 ? "met" : "MISSED");
}

/*
 * The largest private mapping a scenario may make (SIM_LIMIT_MMAP_PAGES,
 * 16 Mi pages, 64 GiB simulated), every page written, then one fork: the
 * peak RSS of a child process that does it, whole (the library, the
 * machine, both processes' page tables).
 */
#define BIG_NPAGES SIM_LIMIT_MMAP_PAGES
static void bench_big_fork(void)
{
	struct rusage ru;
	int status;
	double t = now_ns();
	pid_t pid = fork();

	if (pid < 0)
		die("fork");
	if (!pid) {
		struct sim *sim = sim_create();
		unsigned long addr, i;

		if (sim_mmap(sim, 0, BIG_NPAGES, PROT_READ | PROT_WRITE, false,
			     &addr))
			_exit(1);
		for (i = 0; i < BIG_NPAGES; i++)
			if (sim_store(sim, 0, addr + i * PAGE, i))
				_exit(1);
		if (sim_fork(sim, 0) < 0)
			_exit(1);
		_exit(0);
	}
	if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		die("16 Mi pages and a fork");
	t = now_ns() - t;
	printf("%-44s %8.0f MiB (%.1f bytes/page, %.1f s)  (target < 2 GiB: "
	       "%s)\n",
	       "16 Mi pages + one fork: peak RSS", ru.ru_maxrss / 1024.0,
	       ru.ru_maxrss * 1024.0 / BIG_NPAGES, t / 1e9,
	       ru.ru_maxrss < 2L * 1024 * 1024 ? "met" : "MISSED");
}

/*
 * Creating, copying, hashing and comparing a small state (harness/sim.c,
 * harness/state.c): what a search over states pays per state it visits.
 * Two processes sharing 4 pages.  Targets: create <= 2 us, clone <= 2 us.
 * Figures only, as everything here.
 */
#define NSTATE 20000UL
#define STATE_TARGET_US 2.0

static void state_figure(const char *what, double us, double target_us)
{
	printf("%-44s %8.2f us each", what, us);
	if (target_us > 0)
		printf("  (target <= %.0f us: %s)", target_us,
		       us <= target_us ? "met" : "MISSED");
	printf("\n");
}

static void bench_state(void)
{
	struct sim *sim = sim_create(), *copy;
	volatile uint64_t h = 0;
	volatile bool eq = true;
	unsigned long addr, i;
	double t;

	if (sim_mmap(sim, 0, 4, PROT_READ | PROT_WRITE, false, &addr))
		die("mmap");
	for (i = 0; i < 4; i++)
		if (sim_store(sim, 0, addr + i * PAGE, i + 1))
			die("store");
	if (sim_fork(sim, 0) < 0)
		die("fork");
	copy = sim_clone(sim);

	t = now_ns();
	for (i = 0; i < NSTATE; i++)
		sim_destroy(sim_create());
	t = now_ns() - t;
	state_figure("sim_create + destroy", t / NSTATE / 1e3, STATE_TARGET_US);
	t = now_ns();
	for (i = 0; i < NSTATE; i++)
		sim_destroy(sim_clone(sim));
	t = now_ns() - t;
	state_figure("clone + destroy, 2 processes, 4 pages", t / NSTATE / 1e3,
		     STATE_TARGET_US);
	t = now_ns();
	for (i = 0; i < NSTATE; i++)
		h ^= sim_hash(sim);
	t = now_ns() - t;
	state_figure("hash, 2 processes, 4 pages", t / NSTATE / 1e3, 0);
	/* What an explorer pays for each new state: a copy and its hash. */
	t = now_ns();
	for (i = 0; i < NSTATE; i++) {
		struct sim *c = sim_clone(sim);

		h ^= sim_hash(c);
		sim_destroy(c);
	}
	t = now_ns() - t;
	state_figure("clone + hash + destroy, 2 processes, 4 pages",
		     t / NSTATE / 1e3, STATE_TARGET_US);
	t = now_ns();
	for (i = 0; i < NSTATE; i++)
		eq &= sim_equal(sim, copy);
	t = now_ns() - t;
	state_figure("equal (to a clone), 2 processes, 4 pages",
		     t / NSTATE / 1e3, 0);
	if (!eq)
		die("equal");
	sim_destroy(copy);
	sim_destroy(sim);
}

/*
 * mmsim explore (docs/explore.md): distinct states per second over 2
 * processes x 2 pages under latest, exhaustive at depth 6 on one thread
 * and on two; then depth 8 on two threads, measured.  The targets: 1 M
 * states/s, and depth 8 in under 60 s.
 */
static void explore_run(unsigned int depth, unsigned int jobs,
			struct sim_explore_result *r)
{
	struct sim_explore_opts o = { .depth = depth, .jobs = jobs };

	sim_explore_defaults(&o);
	if (sim_explore(&o, r) || r->found)
		die("explore");
}

static void bench_explore(void)
{
	struct sim_explore_result r;
	char what[64];
	unsigned int jobs;
	double rate;

	for (jobs = 1; jobs <= 2; jobs++) {
		explore_run(6, jobs, &r);
		rate = r.st.states / r.st.seconds;
		snprintf(what, sizeof(what),
			 "explore, 2 procs x 2 pages, depth 6, %u job%s", jobs,
			 jobs > 1 ? "s" : "");
		printf("%-44s %8.0f states/s (%lu states, %lu transitions, "
		       "%.1f s)  (target >= 1000000: %s)\n",
		       what, rate, r.st.states, r.st.transitions, r.st.seconds,
		       rate >= 1e6 ? "met" : "MISSED");
	}
	explore_run(8, 2, &r);
	printf("%-44s %8.1f s (%lu states, %lu transitions, %.0f states/s)"
	       "  (target < 60 s: %s)\n",
	       "explore, 2 procs x 2 pages, depth 8, 2 jobs", r.st.seconds,
	       r.st.states, r.st.transitions, r.st.states / r.st.seconds,
	       r.st.seconds < 60 ? "met" : "MISSED");
}

/*
 * One part alone, for a profiler (valgrind --tool=callgrind): "mix", the
 * 100k-statement mix with --check changed; "fork", NPAGES written pages
 * and one fork, as the bench measures it (the writes fill the touched
 * sets: the hooks record nothing); "forkcheck", the same with the hooks
 * recording, then the fork checked as --check changed does it;
 * "checks", the statement and write figures of the bench; "newfault",
 * NPAGES first-touch writes alone, as the bench's "write fault, new
 * page" line measures them; "newfault-check", the same each checked as
 * --check changed does it (new_faults_checked()).
 */
static int bench_part(const char *part)
{
	struct sim *sim;
	unsigned long addr;
	double t;

	if (!strcmp(part, "mix") || !strcmp(part, "mix-nofork")) {
		t = statement_mix(CHECK_CHANGED, !strcmp(part, "mix"));
		printf("mix: %.0f statements/s\n", NSTMTS / (t / 1e9));
		return 0;
	}
	if (!strcmp(part, "checks")) {
		bench_statement_checks();
		return 0;
	}
	if (!strcmp(part, "state")) {
		bench_state();
		return 0;
	}
	if (!strcmp(part, "newfault-check")) {
		printf("write fault, new page + --check changed: %.1f ns/page\n",
		       new_faults_checked());
		return 0;
	}
	if (strcmp(part, "fork") && strcmp(part, "forkcheck") &&
	    strcmp(part, "newfault")) {
		fprintf(stderr,
			"usage: bench [mix|mix-nofork|fork|forkcheck|state|"
			"checks|newfault|newfault-check]\n");
		return 2;
	}
	sim = sim_create();
	t = first_touch_writes(sim, &addr);
	if (!strcmp(part, "newfault")) {
		printf("write fault, new page: %.1f ns/page\n", t / NPAGES);
		goto out;
	}
	/* As the bench's fork (nothing recorded) or checked after it. */
	if (!strcmp(part, "forkcheck"))
		check_statement(sim, CHECK_FULL);
	t = now_ns();
	if (sim_fork(sim, 0) < 0)
		die("fork");
	printf("fork: %.1f ns/PTE\n", (now_ns() - t) / NPAGES);
	if (strcmp(part, "forkcheck"))
		goto out;
	t = now_ns();
	check_statement(sim, CHECK_CHANGED);
	printf("check of the fork: %.1f ns/PTE\n", (now_ns() - t) / NPAGES);
out:
	sim_destroy(sim);
	return 0;
}

int main(int argc, char **argv)
{
	struct sim *sim;
	struct kernel_figures k;
	unsigned long addr, i;
	double t, best;
	int child, try;
	char what[64];

	if (argc > 1)
		return bench_part(argv[1]);
	sim = sim_create();
	bench_parse_memory();
	bench_page_bytes();
	bench_big_fork();
	kernel_measure(&k);
	kernel_why = k.why;

	printf("mmsim bench: %lu pages (%lu MiB of simulated memory)\n", NPAGES,
	       NPAGES * PAGE >> 20);
	report("write fault, new page (do_anonymous_page)",
	       first_touch_writes(sim, &addr), NPAGES, "page", k.new_fault,
	       100);
	printf("%-44s %8.1f ns/page  (a figure: the fault, its touch record "
	       "and its check)\n",
	       "  the same, each + --check changed", new_faults_checked());

	/*
	 * Best of FORK_TRIES forks of a process that wrote all its pages
	 * (the writes after an exit reuse them): a fork is memory bound, one
	 * struct page line per PTE, and what other work the machine runs
	 * adds to one measure, never takes away.  The kernel's likewise.
	 */
	best = -1;
	for (try = 0; try < FORK_TRIES; try++) {
		if (try) {
			if (sim_exit(sim, child))
				die("exit");
			for (i = 0; i < NPAGES; i++)
				if (sim_store(sim, 0, addr + i * PAGE, i))
					die("reuse write");
		}
		t = now_ns();
		child = sim_fork(sim, 0);
		if (child < 0)
			die("fork");
		t = now_ns() - t;
		if (best < 0 || t < best)
			best = t;
	}
	snprintf(what, sizeof(what), "fork (copy_page_range), best of %d",
		 FORK_TRIES);
	report(what, best, NPAGES, "PTE", k.fork, 10);

	t = now_ns();
	for (i = 0; i < NPAGES; i++)
		if (sim_store(sim, 0, addr + i * PAGE, ~i))
			die("COW write");
	report("write fault, COW copy (wp_page_copy)", now_ns() - t, NPAGES,
	       "page", k.cow, 0);

	t = now_ns();
	if (sim_exit(sim, child))
		die("exit");
	report("exit (zap + free page tables)", now_ns() - t, NPAGES, "PTE",
	       k.exit, 0);

	/* Shared R/O again, then the sharer leaves: every write reuses. */
	child = sim_fork(sim, 0);
	if (child < 0 || sim_exit(sim, child))
		die("fork+exit");
	t = now_ns();
	for (i = 0; i < NPAGES; i++)
		if (sim_store(sim, 0, addr + i * PAGE, i))
			die("reuse write");
	report("write fault, reuse (do_wp_page sole ref)", now_ns() - t, NPAGES,
	       "page", k.reuse, 100);

	t = now_ns();
	for (i = 0; i < NPAGES; i++)
		if (sim_store(sim, 0, addr + i * PAGE, i))
			die("write hit");
	report("store to a writable PTE (no fault)", now_ns() - t, NPAGES,
	       "page", k.store, 0);

	t = now_ns();
	if (sim_check(sim, NULL, NULL))
		die("invariants");
	kernel_why = "the kernel has no invariant checker";
	report("invariant checker (sim_check)", now_ns() - t, NPAGES, "page", 0,
	       0);

	sim_destroy(sim);

	/*
	 * Swap round trips: out with MADV_PAGEOUT, in with a read fault.  The
	 * kernel side would need a swap device made for the bench, which is
	 * the kernel backend's business (mmsim run --backend kernel).
	 */
	kernel_why = "needs a swap device: see mmsim run --backend kernel";
	for (int sync = 0; sync < 2; sync++) {
		unsigned long n = NPAGES / 4;

		sim = sim_create();
		if (sim_swapdev(sim, n + 1, sync, false, false) ||
		    sim_mmap(sim, 0, n, PROT_READ | PROT_WRITE, false, &addr))
			die("swap setup");
		for (i = 0; i < n; i++)
			if (sim_store(sim, 0, addr + i * PAGE, i))
				die("swap fill");
		t = now_ns();
		if (sim_swapout(sim, 0, addr, n))
			die("swapout");
		for (i = 0; i < n; i++) {
			uint64_t v;

			if (sim_load(sim, 0, addr + i * PAGE, &v) || v != i)
				die("swap-in");
		}
		report(sync ? "swap out + in, sync device (zram-like)" :
			      "swap out + in, file device (cache hit)",
		       now_ns() - t, n, "page", 0, 0);
		sim_destroy(sim);
	}
	bench_statement_checks();
	bench_state();
	bench_explore();
	return 0;
}
