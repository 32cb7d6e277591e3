// SPDX-License-Identifier: GPL-2.0-only
/*
 * host/procfs.c on this process's own memory: what pagemap, kpageflags
 * and kpagecount say of a page that is untouched, read (the zero page) and
 * written (an exclusive anon page), and of a page shared with a forked
 * child.  PFNs need root: without it the tests that need them skip.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"
#include "host/procfs.h"

#define PAGE 4096UL

/*
 * Whether PFNs can be read; if not, say so (cmocka's skip() prints a
 * "not ok # SKIP" line, which prove counts as a failure).
 */
static bool have_pfns(void)
{
	if (geteuid() == 0 && access("/proc/kpageflags", R_OK) == 0)
		return true;
	print_message("# no PFNs without root: the rest of this test is "
		      "skipped\n");
	return false;
}

static char *map_pages(unsigned long n)
{
	char *p = mmap(NULL, n * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	assert_true(p != MAP_FAILED);
	madvise(p, n * PAGE, MADV_NOHUGEPAGE);
	return p;
}

static void untouched_page_is_not_present(void **state)
{
	char *p = map_pages(1);
	uint64_t pm;

	assert_int_equal(sim_pagemap_read(getpid(), (unsigned long)p, &pm), 0);
	assert_false(pm & PM_PRESENT);
	assert_false(pm & PM_SWAP);
	munmap(p, PAGE);
}

static void written_page_is_present_exclusive_anon(void **state)
{
	char *p = map_pages(1);
	uint64_t pm, flags, count;
	unsigned long pfn;

	*(volatile char *)p = 1;
	assert_int_equal(sim_pagemap_read(getpid(), (unsigned long)p, &pm), 0);
	assert_true(pm & PM_PRESENT);
	/* Mapped once: bit 56, whatever PageAnonExclusive says. */
	assert_true(pm & PM_MMAP_EXCLUSIVE);
	if (!have_pfns()) {
		munmap(p, PAGE);
		return;
	}
	pfn = pm & PM_PFN_MASK;
	assert_true(pfn != 0);
	assert_int_equal(sim_kpageflags_read(pfn, &flags), 0);
	assert_true(flags & KPF_BIT(KPF_ANON));
	assert_true(flags & KPF_BIT(KPF_OWNER_2));
	assert_false(flags & KPF_BIT(KPF_ZERO_PAGE));
	assert_int_equal(sim_kpagecount_read(pfn, &count), 0);
	assert_int_equal(count, 1);
	munmap(p, PAGE);
}

static void read_page_is_the_zero_page(void **state)
{
	char *p = map_pages(1);
	uint64_t pm, flags;

	assert_int_equal(*(volatile char *)p, 0);
	assert_int_equal(sim_pagemap_read(getpid(), (unsigned long)p, &pm), 0);
	assert_true(pm & PM_PRESENT);
	assert_false(pm & PM_MMAP_EXCLUSIVE);
	if (!have_pfns()) {
		munmap(p, PAGE);
		return;
	}
	assert_int_equal(sim_kpageflags_read(pm & PM_PFN_MASK, &flags), 0);
	assert_true(flags & KPF_BIT(KPF_ZERO_PAGE));
	assert_false(flags & KPF_BIT(KPF_ANON));
	munmap(p, PAGE);
}

/* fork clears PG_anon_exclusive and maps the page twice. */
static void page_shared_with_child_is_not_exclusive(void **state)
{
	char *p = map_pages(1);
	uint64_t pm, flags, count;
	int sync[2], status;
	pid_t child;
	char c;

	if (!have_pfns()) {
		munmap(p, PAGE);
		return;
	}
	*(volatile char *)p = 1;
	assert_int_equal(pipe(sync), 0);
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		/* Hold the mapping until the parent has looked. */
		close(sync[1]);
		if (read(sync[0], &c, 1) < 0)
			_exit(1);
		_exit(0);
	}
	close(sync[0]);
	assert_int_equal(sim_pagemap_read(getpid(), (unsigned long)p, &pm), 0);
	assert_false(pm & PM_MMAP_EXCLUSIVE);
	assert_int_equal(sim_kpageflags_read(pm & PM_PFN_MASK, &flags), 0);
	assert_true(flags & KPF_BIT(KPF_ANON));
	assert_false(flags & KPF_BIT(KPF_OWNER_2));
	assert_int_equal(sim_kpagecount_read(pm & PM_PFN_MASK, &count), 0);
	assert_int_equal(count, 2);
	close(sync[1]);
	assert_int_equal(waitpid(child, &status, 0), child);
	munmap(p, PAGE);
}

/*
 * More pages than one chunk: every entry is read (the written pages are
 * present, the rest not), and a deadline already passed stops the read
 * before the first chunk.
 */
static void pagemap_read_in_chunks_with_a_deadline(void **state)
{
	unsigned long n = 2 * SIM_PAGEMAP_CHUNK + 3, i;
	uint64_t *pm = calloc(n, sizeof(*pm));
	char *p = map_pages(n);
	struct timespec past, future;

	assert_non_null(pm);
	p[0] = 1;
	p[SIM_PAGEMAP_CHUNK * PAGE] = 1;
	p[(n - 1) * PAGE] = 1;
	clock_gettime(CLOCK_MONOTONIC, &past);
	future = past;
	future.tv_sec += 3600;
	past.tv_sec -= 1;
	assert_int_equal(sim_pagemap_read_until(getpid(), (unsigned long)p, n,
						pm, &future),
			 0);
	for (i = 0; i < n; i++)
		assert_int_equal(!!(pm[i] & PM_PRESENT),
				 i == 0 || i == SIM_PAGEMAP_CHUNK ||
					 i == n - 1);
	assert_int_equal(sim_pagemap_read_until(getpid(), (unsigned long)p, n,
						pm, &past),
			 -ETIMEDOUT);
	assert_int_equal(sim_pagemap_read_n(getpid(), (unsigned long)p, n, pm),
			 0);
	assert_true(pm[n - 1] & PM_PRESENT);
	munmap(p, n * PAGE);
	free(pm);
}

/* /proc/vmstat counters are read by name, never by prefix. */
static void vmstat_counter_by_name(void **state)
{
	unsigned long faults = 0, v;

	assert_int_equal(sim_vmstat_read("pgfault", &faults), 0);
	assert_true(faults > 0);
	assert_int_equal(sim_vmstat_read("pgfau", &v), -ENOENT);
}

/* ksm_mergeable follows MADV_MERGEABLE on this process's memory. */
static void ksm_mergeable_follows_madvise(void **state)
{
	char *p;
	int before = sim_ksm_mergeable(getpid());

	if (before == -ENODATA || before == -ENOENT)
		skip();
	p = map_pages(1);
	if (before == 0) {
		assert_int_equal(madvise(p, 4096, MADV_MERGEABLE), 0);
		assert_int_equal(sim_ksm_mergeable(getpid()), 1);
	}
	assert_int_equal(sim_ksm_mergeable(-1), -ENOENT);
	munmap(p, 4096);
}

static void errors_are_negative_errno(void **state)
{
	uint64_t v;

	/* No such process (pid_max is at most 2^22). */
	assert_int_equal(sim_pagemap_read(1 << 23, 0, &v), -ENOENT);
	/* Beyond the last PFN: no entry. */
	if (have_pfns())
		assert_int_equal(sim_kpageflags_read(1UL << 52, &v), -ENXIO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(untouched_page_is_not_present),
		cmocka_unit_test(written_page_is_present_exclusive_anon),
		cmocka_unit_test(read_page_is_the_zero_page),
		cmocka_unit_test(page_shared_with_child_is_not_exclusive),
		cmocka_unit_test(pagemap_read_in_chunks_with_a_deadline),
		cmocka_unit_test(errors_are_negative_errno),
		cmocka_unit_test(vmstat_counter_by_name),
		cmocka_unit_test(ksm_mergeable_follows_madvise),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
