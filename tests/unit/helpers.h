/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared helpers of the cmocka unit tests. */
#ifndef MMSIM_TEST_HELPERS_H
#define MMSIM_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <cmocka.h>

#include "mmsim.h"

/* A fresh struct sim per test, destroyed even if the test fails. */
static inline int setup_sim(void **state)
{
	*state = sim_create();
	return *state ? 0 : -1;
}

static inline int teardown_sim(void **state)
{
	sim_destroy(*state);
	return 0;
}

#define test_with_sim(f) \
	cmocka_unit_test_setup_teardown(f, setup_sim, teardown_sim)

/* The violations one sim_check() reported, in order. */
struct violations {
	int n;
	enum sim_violation_id ids[32];
	char msg[32][200];
};

static inline void collect_violation(void *ctx, const struct sim_violation *v)
{
	struct violations *vs = ctx;

	if (vs->n < (int)(sizeof(vs->ids) / sizeof(vs->ids[0]))) {
		vs->ids[vs->n] = v->id;
		memcpy(vs->msg[vs->n], v->msg, sizeof(vs->msg[0]));
		vs->msg[vs->n][sizeof(vs->msg[0]) - 1] = '\0';
	}
	vs->n++;
}

/* Run sim_check() and keep what it reported; returns its result. */
static inline int check_collect(struct sim *sim, struct violations *vs)
{
	memset(vs, 0, sizeof(*vs));
	return sim_check(sim, collect_violation, vs);
}

static inline int violations_count(const struct violations *vs,
				   enum sim_violation_id id)
{
	int i, n = 0;

	for (i = 0; i < vs->n && i < 32; i++)
		if (vs->ids[i] == id)
			n++;
	return n;
}

/* Print what was reported, so that a failing assertion explains itself. */
static inline void violations_print(const struct violations *vs)
{
	int i;

	for (i = 0; i < vs->n && i < 32; i++)
		print_message("# violation %s: %s\n",
			      sim_violation_name(vs->ids[i]), vs->msg[i]);
}

/* sim_check() finds nothing wrong (and says what it found otherwise). */
static inline void assert_sim_clean_at(struct sim *sim, const char *file,
				       int line)
{
	struct violations vs;
	int n = check_collect(sim, &vs);

	if (n)
		violations_print(&vs);
	_assert_int_equal(n, 0, file, line);
}

#define assert_sim_clean(sim) assert_sim_clean_at((sim), __FILE__, __LINE__)

/* Run sim_check_changed() and keep what it reported; returns its result. */
static inline int check_collect_changed(struct sim *sim, struct violations *vs)
{
	memset(vs, 0, sizeof(*vs));
	return sim_check_changed(sim, collect_violation, vs);
}

/* The two checks, in the order check_collect_both() fills them. */
enum check_mode { CHECK_CHANGED, CHECK_FULL, NR_CHECK_MODES };

static inline const char *check_mode_name(int mode)
{
	return mode == CHECK_CHANGED ? "sim_check_changed" : "sim_check";
}

/*
 * Both checks of the same state: sim_check_changed() on @sim, which must
 * see what the statements since the last check recorded, and sim_check()
 * on a copy made first (a violation is reported once, and either check
 * forgets what it reported).  @vs[CHECK_CHANGED] and @vs[CHECK_FULL].
 */
static inline void check_collect_both(struct sim *sim,
				      struct violations vs[NR_CHECK_MODES])
{
	struct sim *copy = sim_clone(sim);

	check_collect(copy, &vs[CHECK_FULL]);
	sim_destroy(copy);
	check_collect_changed(sim, &vs[CHECK_CHANGED]);
}

/* Every violation in @vs is @id, and there is at least one. */
static inline bool only_violation(const struct violations *vs,
				  enum sim_violation_id id, const char *mode)
{
	bool ok = vs->n > 0 && violations_count(vs, id) == vs->n;

	if (!ok) {
		print_message("# %s: expected only %s, got %d violation(s)\n",
			      mode, sim_violation_name(id), vs->n);
		violations_print(vs);
	}
	return ok;
}

/*
 * Every violation either check reports is @id, and each reports at least
 * one: the incremental check must see a corruption that was recorded the
 * way the model's own write paths record it.
 */
static inline void assert_only_violation_at(struct sim *sim,
					    enum sim_violation_id id,
					    const char *file, int line)
{
	struct violations vs[NR_CHECK_MODES];
	bool ok = true;
	int mode;

	check_collect_both(sim, vs);
	for (mode = 0; mode < NR_CHECK_MODES; mode++)
		ok &= only_violation(&vs[mode], id, check_mode_name(mode));
	_assert_true(ok, "only the expected violation, in both checks", file,
		     line);
}

#define assert_only_violation(sim, id) \
	assert_only_violation_at((sim), (id), __FILE__, __LINE__)

/* A private anonymous mapping of @npages in process @mm, or fail. */
static inline unsigned long map_anon_at(struct sim *sim, int mm,
					unsigned long npages, int prot,
					const char *file, int line)
{
	unsigned long addr = 0;

	_assert_int_equal(sim_mmap(sim, mm, npages, prot, false, &addr), 0,
			  file, line);
	_assert_true(addr != 0, "addr != 0", file, line);
	return addr;
}

#define map_anon(sim, mm, npages, prot) \
	map_anon_at((sim), (mm), (npages), (prot), __FILE__, __LINE__)
#define map_rw(sim, mm, npages) \
	map_anon((sim), (mm), (npages), PROT_READ | PROT_WRITE)

/* What is mapped at @addr of @mm, or fail. */
static inline struct sim_pte_info query_pte_at(struct sim *sim, int mm,
					       unsigned long addr,
					       const char *file, int line)
{
	struct sim_pte_info info;

	_assert_int_equal(sim_query(sim, mm, addr, &info), 0, file, line);
	return info;
}

#define query_pte(sim, mm, addr) \
	query_pte_at((sim), (mm), (addr), __FILE__, __LINE__)

/* The value a user load at @addr of @mm reads, or fail. */
static inline uint64_t load_val_at(struct sim *sim, int mm, unsigned long addr,
				   const char *file, int line)
{
	uint64_t val = ~0ULL;

	_assert_int_equal(sim_load(sim, mm, addr, &val), 0, file, line);
	return val;
}

#define load_val(sim, mm, addr) \
	load_val_at((sim), (mm), (addr), __FILE__, __LINE__)

#endif
