/* SPDX-License-Identifier: GPL-2.0-only */
/* Internals shared by the scenario parser and runner. */
#ifndef MMSIM_SCENARIO_INTERNAL_H
#define MMSIM_SCENARIO_INTERNAL_H

#include "linux/kernel.h"
#include "mmsim.h"
#include "scenario/backend.h"
#include "scenario/limits.h"
#include "scenario/scenario.h"

/* Size of the name tables: each name limit of scenario/limits.h fits. */
#define SIM_MAX_NAMES 64
/* MADV_COLLAPSE (6.1 UAPI), which Debian 12's libc headers lack. */
#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25
#endif
#define SIM_MAX_REFS SIM_LIMIT_REFS

enum sim_stmt_kind {
	SIM_ST_TITLE,
	SIM_ST_REQUIRES,
	SIM_ST_POLICY,
	SIM_ST_MMAP,
	SIM_ST_MUNMAP,
	SIM_ST_MPROTECT,
	SIM_ST_MADVISE,
	SIM_ST_WRITE,
	SIM_ST_READ,
	SIM_ST_FORK,
	SIM_ST_EXIT,
	SIM_ST_PIN,
	SIM_ST_UNPIN,
	SIM_ST_DMA_WRITE,
	SIM_ST_SWAPOUT,
	SIM_ST_SWAPOFF,
	SIM_ST_MIGRATE,
	SIM_ST_KSM,
	SIM_ST_SPLIT,
	SIM_ST_UFFD_WP,
	SIM_ST_POISON,
	SIM_ST_POISON_TABLE,
	SIM_ST_CHECK,
	SIM_ST_SHOW,
	SIM_ST_SWAPDEV,
	SIM_ST_WRITEBACK_DONE,
	SIM_ST_LABEL,
	SIM_ST_EXPECT_VALUE,
	SIM_ST_EXPECT_HANDLE,
	SIM_ST_EXPECT_STATE,
	SIM_ST_EXPECT_MAPCOUNT,
	SIM_ST_EXPECT_SAME,
	SIM_ST_EXPECT_IS,
	SIM_ST_EXPECT_ALIVE,
};

enum sim_state {
	SIM_STATE_PRESENT,
	SIM_STATE_SWAPPED,
	SIM_STATE_NONE,
	SIM_STATE_ZEROPAGE,
	SIM_STATE_EXCLUSIVE,
	SIM_STATE_WRITABLE,
	SIM_STATE_READONLY,
	SIM_STATE_KSM,
	SIM_STATE_THP,
	SIM_STATE_MARKER,
	SIM_STATE_POISONED,
	SIM_NR_STATES
};

/* A page or page range of a region. */
struct sim_pref {
	int region;
	unsigned long first, last;
	int col;
};

struct sim_stmt {
	enum sim_stmt_kind kind;
	int line;
	char *text;
	int proc, proc2;
	int region;
	unsigned long npages;
	int prot;
	bool shared, thp;
	bool on; /* uffd-wp on|off */
	/* swapdev */
	bool sync, stable_writes, slow_writeback;
	enum sim_backing backing;
	/* @nrefs pages or ranges, allocated to size: a file may have many. */
	struct sim_pref *refs;
	int nrefs;
	struct sim_pref ref2;
	uint64_t value;
	bool negate;
	int state;
	int handle;
	int label;
	unsigned int gup_how;
	int advice;
	const char *advice_name;
	bool has_expect_err;
	int expect_err; /* -errno or SIM_SIGNAL_ERR(sig) */
};

struct sim_scenario {
	char *path;
	char *title;
	char *policy;
	char *procs[SIM_MAX_NAMES];
	int nprocs;
	char *regions[SIM_MAX_NAMES];
	int nregions;
	char *handles[SIM_MAX_NAMES];
	int nhandles;
	char *labels[SIM_MAX_NAMES];
	int nlabels;
	/* The capabilities of 'requires', each once, in the file's order. */
	enum sim_cap requires[SIM_NR_CAPS];
	int nrequires;
	/* History: the policies under which the expectations fail. */
	char *broken_under[SIM_MAX_NAMES];
	int nbroken;
	bool count_copies;
	struct sim_stmt *stmts;
	int nstmts, stmts_cap;
};

const char *sim_state_name(int state);
size_t sim_utf8_len(const char *s, size_t n);
const char *sim_err_name(int value);

#endif /* MMSIM_SCENARIO_INTERNAL_H */
