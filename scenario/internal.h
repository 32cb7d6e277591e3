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

/* The forms of the expect statement. */
enum sim_expect_kind {
	SIM_EXPECT_VALUE,
	SIM_EXPECT_HANDLE,
	SIM_EXPECT_STATE,
	SIM_EXPECT_MAPCOUNT,
	SIM_EXPECT_SAME,
	SIM_EXPECT_IS,
	SIM_EXPECT_ALIVE,
	SIM_EXPECT_UFFD_FAULTS,
	SIM_EXPECT_SIGBUS,
	SIM_EXPECT_ORDER,
	SIM_EXPECT_SWAP_OFFSET,
	SIM_EXPECT_THP_COUNTER,
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
	SIM_STATE_PMD,
	SIM_STATE_MARKER,
	SIM_STATE_POISONED,
	SIM_STATE_UFFD_WP,
	SIM_STATE_SOFT_DIRTY,
	SIM_STATE_SWAPCACHE,
	SIM_NR_STATES
};

/*
 * A page or page range of a region: indexes fit 32 bits, as the pages of
 * one mmap do (SIM_LIMIT_MMAP_PAGES).
 */
struct sim_pref {
	uint32_t first, last;
	uint8_t region;
};

_Static_assert(SIM_LIMIT_MMAP_PAGES <= UINT32_MAX &&
		       SIM_MAX_NAMES <= UINT8_MAX + 1,
	       "struct sim_stmt's fields are too narrow for the limits");

/*
 * One statement, as small as it can be: a file may hold a million of
 * them (SIM_LIMIT_STATEMENTS), so each costs 40 bytes -- no pointer, no
 * allocation of its own.  Names are indexes into the scenario's name
 * tables, the text is an offset into the file's bytes, which the scenario
 * keeps, and the refs past the first live in one array of the scenario
 * (sim_stmt_ref()).
 */
struct sim_stmt {
	union {
		/*
		 * write, dma-write, expect ==, mapcount, uffd-faults; uffd:
		 * its SIM_UFFD_* features
		 */
		uint64_t value;
		/* mmap */
		uint32_t npages;
		/*
		 * The refs past the first (nrefs > 1: the range statements
		 * and expect same, which have no value): sc->refs[more...].
		 */
		uint32_t more;
	};
	/* Its text: sim_stmt_text(), an offset into sc->buf. */
	uint32_t text;
	int line;
	/* The first of its @nrefs pages or ranges. */
	struct sim_pref ref;
	int16_t expect_err; /* -errno or SIM_SIGNAL_ERR(sig) */
	/* Its row of the statement table (scenario/statements.c). */
	uint8_t def;
	uint8_t proc, proc2;
	uint8_t nrefs;
	/* Which one a statement has, it has only one of. */
	union {
		uint8_t region; /* mmap */
		uint8_t handle; /* pin, unpin, dma-write, expect H */
		uint8_t label; /* label, expect is */
		uint8_t state; /* expect STATE */
		uint8_t advice; /* madvise */
		uint8_t sig_code; /* expect P sigbus [CODE] N: a BUS_* code */
		uint8_t mce_kill; /* mce-kill: SIM_MCE_KILL_* */
		/*
		 * expect thp-counter: SIM_THP_EV_* << 4 | the folio order,
		 * 0 for a /proc/vmstat line (sim_thp_counter_*)
		 */
		uint8_t thp_counter;
	};
	uint8_t expect; /* enum sim_expect_kind */
	uint8_t prot;
	uint8_t gup_how;
	uint8_t backing; /* enum sim_backing */
	bool shared : 1, thp : 1;
	bool on : 1; /* uffd-wp on|off */
	/* swapdev */
	bool sync : 1, stable_writes : 1, slow_writeback : 1;
	bool negate : 1;
	bool has_expect_err : 1;
};

_Static_assert(sizeof(struct sim_stmt) <= 40, "struct sim_stmt grew");
_Static_assert(SIM_LIMIT_FILE_BYTES <= UINT32_MAX &&
		       SIM_LIMIT_REFS <= UINT8_MAX &&
		       SIM_SIGNAL_ERR(64) >= INT16_MIN,
	       "struct sim_stmt's fields are too narrow for the limits");

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
	/* 'todo REASON': a known breakage; its points are TAP TODO. */
	char *todo;
	/*
	 * The file's bytes, kept for the statements' texts: each ends in a
	 * NUL written over what followed it (a comment, blanks, the line
	 * end), or the byte after the end of the file.
	 */
	char *buf;
	struct sim_stmt *stmts;
	int nstmts, stmts_cap;
	/* The refs of the statements past their first. */
	struct sim_pref *refs;
	uint32_t nrefs, refs_cap;
};

/* The text of @st, trimmed: "write p0 A[1] 5". */
static inline const char *sim_stmt_text(const struct sim_scenario *sc,
					const struct sim_stmt *st)
{
	return sc->buf + st->text;
}

/* The @i-th page or range of @st (i < st->nrefs). */
static inline const struct sim_pref *
sim_stmt_ref(const struct sim_scenario *sc, const struct sim_stmt *st, int i)
{
	return i ? &sc->refs[st->more + i - 1] : &st->ref;
}

/* The parser's state, for the argument parsers of the statement table. */
struct sim_token {
	char *s;
	int col;
};

struct sim_parser {
	struct sim_scenario *sc;
	const char *path;
	FILE *err;
	int line;
	/* The statement being parsed, and its row of the table. */
	struct sim_stmt *st;
	const struct sim_stmt_def *def;
	struct sim_token tok[SIM_LIMIT_TOKENS];
	int ntok;
	bool seen_op;
	/* Static knowledge: which process has which region, of what size. */
	bool proc_defined[SIM_MAX_NAMES];
	unsigned long regsize[SIM_MAX_NAMES][SIM_MAX_NAMES];
	bool handle_defined[SIM_MAX_NAMES];
	bool label_defined[SIM_MAX_NAMES];
	/*
	 * The refs of the statement being parsed (st->nrefs of them): the
	 * first goes into the statement, the others to sc->refs.
	 */
	struct sim_pref refs[SIM_MAX_REFS];
	/* Pages of the mmap statements so far (SIM_LIMIT_TOTAL_PAGES). */
	unsigned long total_pages;
	/* Pages of the mlock statements so far (SIM_LIMIT_MLOCK_PAGES). */
	unsigned long mlock_pages;
};

/*
 * The argument parsers' helpers (scenario/parse.c).  Each returns -1
 * after printing "FILE:LINE:COL: message"; the _arg ones return an index
 * (process, handle) or 0 on success.
 */
int sim_perr(struct sim_parser *p, int col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int sim_want(struct sim_parser *p, int n, const char *usage);
int sim_intern(char **names, int *n, int limit, const char *name);
int sim_lookup(char **names, int n, const char *name);
int sim_parse_value(struct sim_parser *p, struct sim_token *t, uint64_t *v);
int sim_name_arg(struct sim_parser *p, struct sim_token *t, const char *what);
int sim_proc_arg(struct sim_parser *p, struct sim_token *t);
int sim_handle_arg(struct sim_parser *p, struct sim_token *t);
int sim_page_arg(struct sim_parser *p, struct sim_token *t, int proc,
		 struct sim_pref *ref, bool single);
int sim_parse_refs(struct sim_parser *p, struct sim_stmt *st, int from, int to,
		   bool single);
int sim_state_lookup(const char *name);
int sim_advice_lookup(const char *name, const char **canonical);
void sim_require(struct sim_scenario *sc, enum sim_cap cap);

/* What the runner knows of one backend's side of the scenario. */
struct label {
	bool set;
	unsigned long pfn;
	unsigned int gen;
};

struct be_state {
	struct sim_backend *b;
	const char *name;
	int proc[SIM_MAX_NAMES];
	unsigned long addr[SIM_MAX_NAMES][SIM_MAX_NAMES];
	/* The pages mapped there, for frames (scenario/frames.h). */
	unsigned int npages[SIM_MAX_NAMES][SIM_MAX_NAMES];
	int handle[SIM_MAX_NAMES];
	struct label label[SIM_MAX_NAMES];
};

/*
 * The runner (scenario/run.c), for the statement table: the address of
 * page @idx of @ref in @proc on one backend, and what a statement says
 * besides its result.  The sim_run_ statements run on every backend and
 * make their own test points.
 */
struct run;
unsigned long sim_page_addr(struct be_state *be, int proc,
			    const struct sim_pref *ref, unsigned long idx);
void sim_run_diag(struct run *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sim_run_read_note(struct run *r, struct be_state *be,
		       const struct sim_stmt *st, uint64_t val);
void sim_run_check_fork(struct run *r, struct be_state *be, int parent,
			int child);
const struct sim_scenario *sim_run_scenario(struct run *r);
const char *sim_run_policy(struct run *r);
void sim_run_check(struct run *r, struct sim_stmt *st);
void sim_run_show(struct run *r, struct sim_stmt *st);
void sim_run_label(struct run *r, struct sim_stmt *st);
void sim_run_expect(struct run *r, struct sim_stmt *st);

size_t sim_utf8_len(const char *s, size_t n);
const char *sim_err_name(int value);
/* "ADRERR", "MCEERR_AR"... for a SIGBUS si_code; NULL if unknown. */
const char *sim_sigbus_code_name(int code);
int sim_sigbus_code_lookup(const char *name);

#endif /* MMSIM_SCENARIO_INTERNAL_H */
