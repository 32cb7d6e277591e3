/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mmsim explore: a bounded, breadth-first search over sequences of
 * operations on the model (include/mmsim.h), with the invariants and the
 * behaviour properties checked after every step; the first violation is
 * a shortest one, written out as a scenario file (docs/explore.md).
 *
 * The explorer is simulator machinery: it drives the model through its
 * public interface only, like the scenario runner.
 */
#ifndef MMSIM_EXPLORE_EXPLORE_H
#define MMSIM_EXPLORE_EXPLORE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "mmsim.h"

/* The operation alphabet (--ops takes these names). */
enum sim_xop_kind {
	SIM_XOP_READ,
	SIM_XOP_WRITE,
	SIM_XOP_FORK,
	SIM_XOP_EXIT,
	SIM_XOP_DONTNEED,
	SIM_XOP_MPROTECT, /* R/O if writable, else back to R/W */
	SIM_XOP_RO_GET, /* vmsplice: R/O FOLL_GET */
	SIM_XOP_RW_GET, /* O_DIRECT read into the page: FOLL_GET|FOLL_WRITE */
	SIM_XOP_RW_PIN, /* RDMA, io_uring: FOLL_PIN|FOLL_WRITE|FOLL_LONGTERM */
	SIM_XOP_RO_PIN, /* FOLL_PIN|FOLL_LONGTERM, R/O */
	SIM_XOP_UNPIN,
	SIM_XOP_DMA_WRITE,
	SIM_XOP_DMA_READ,
	SIM_XOP_SWAPOUT,
	SIM_XOP_SWAPOFF,
	SIM_XOP_KSM,
	SIM_XOP_MIGRATE,
	SIM_NR_XOPS
};

/* One step: the operation, a process and page or a handle. */
struct sim_xop {
	uint8_t kind;
	uint8_t proc; /* explorer's process slot: 0 is p0, k is ck */
	uint8_t page; /* index in the region A */
	uint8_t handle; /* handle slot: k is hk */
};

#define SIM_EXPLORE_MAX_DEPTH 14
#define SIM_EXPLORE_MAX_PROCS 4
#define SIM_EXPLORE_MAX_PAGES 4
#define SIM_EXPLORE_MAX_PINS 3
/* Random walks: steps per walk at most. */
#define SIM_EXPLORE_MAX_STEPS 48

struct sim_explore_stats {
	unsigned long states, transitions, frontier;
	unsigned int depth;
	double seconds;
	size_t memory;
};

struct sim_explore_opts {
	const char *policy;
	unsigned int procs, pages, depth, pins;
	uint32_t ops; /* 1U << enum sim_xop_kind */
	/*
	 * Report a violation that needs a FOLL_GET write reference held
	 * across fork (no kernel protects one: docs/explore.md).
	 */
	bool foll_get_fork;
	/*
	 * Only these violations end the search (SIM_EXPLORE_FIND_*; 0:
	 * any); the others are counted, and the search goes on through
	 * them.
	 */
	unsigned int find;
	unsigned long max_states;
	size_t max_memory;
	/*
	 * Threads expanding each level (default 1).  With more than one the
	 * violation found is still a shortest one, but which one, and the
	 * path to it, may differ from run to run.
	 */
	unsigned int jobs;
	/* Called now and then with the figures so far, if set. */
	void (*progress)(void *ctx, const struct sim_explore_stats *st);
	void *progress_ctx;
};

#define SIM_EXPLORE_FIND_INVARIANT (1U << 0)
#define SIM_EXPLORE_FIND_LEAK (1U << 1)
#define SIM_EXPLORE_FIND_STALE (1U << 2)
#define SIM_EXPLORE_FIND_LOST_WRITE (1U << 3)

struct sim_explore_result {
	struct sim_explore_stats st;
	bool found;
	/* The search stopped at max_states or max_memory, not its depth. */
	bool limit;
	enum sim_violation_id id;
	char what[256];
	/* Violations of the known FOLL_GET-across-fork class left out. */
	unsigned long known;
	/* Violations not asked for by find, gone through. */
	unsigned long other;
	unsigned int npath;
	struct sim_xop path[SIM_EXPLORE_MAX_STEPS];
	/* Random walks: the walk that failed, and its length before shrinking. */
	unsigned long walk;
	unsigned int unshrunk;
	bool random, judged; /* a walk; failed by the judge, not the model */
	uint64_t seed;
	unsigned int steps;
};

/*
 * Random walks (--random): @walks walks of @steps steps from the start,
 * each step drawn from the steps possible, from @seed (the same seed, the
 * same walks).  A walk fails when the model breaks an invariant or a
 * property (as --find says), or, with a judge, when the judge says the
 * walk's scenario fails (--backend both: the live kernel disagrees with
 * the model).  A failing walk is shrunk: steps are left out one at a time
 * while it still fails, down to a walk from which no step can go.
 */
struct sim_explore_walks {
	uint64_t seed;
	unsigned int steps;
	unsigned long walks;
	/* 1 if the scenario @text fails, 0 if not, < 0 if it cannot run. */
	int (*judge)(void *ctx, const char *text, size_t len, char *why,
		     size_t whylen);
	void *judge_ctx;
};

/* The default alphabet: every operation. */
uint32_t sim_explore_default_ops(void);
/* "read,write,fork" into a mask; -EINVAL naming the bad word in @bad. */
int sim_explore_parse_ops(const char *list, uint32_t *ops, const char **bad,
			  int *badlen);
const char *sim_xop_name(enum sim_xop_kind kind);

/* Fills in the defaults of every field left 0. */
void sim_explore_defaults(struct sim_explore_opts *o);
/*
 * Search.  Returns 0 (r->found says whether a violation was met), or
 * -EINVAL for bounds out of range, -ENOMEM.
 */
int sim_explore(const struct sim_explore_opts *o, struct sim_explore_result *r);
int sim_explore_random(const struct sim_explore_opts *o,
		       const struct sim_explore_walks *w,
		       struct sim_explore_result *r);
/*
 * The violating path as a scenario file: header, the operations, and
 * for each read the value a correct kernel gives (so that the file fails
 * where the model breaks and can be replayed on a real kernel).
 */
void sim_explore_write_scenario(FILE *f, const struct sim_explore_opts *o,
				const struct sim_explore_result *r);

#endif /* MMSIM_EXPLORE_EXPLORE_H */
