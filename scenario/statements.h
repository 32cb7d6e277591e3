/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The statement table (scenario/statements.c): one row per statement of
 * the scenario language, which the parser, the runner and 'mmsim
 * statements' are driven by.  Adding a statement is adding a row (and the
 * backend operations it calls, and tests).
 */
#ifndef MMSIM_SCENARIO_STATEMENTS_H
#define MMSIM_SCENARIO_STATEMENTS_H

#include "scenario/internal.h"

enum sim_stmt_class {
	/* Before the first operation: checked once, from the class. */
	SIM_STMT_HEADER,
	/* Changes the state; may end in "=> ERR". */
	SIM_STMT_OPERATION,
	/* Observes the state: a test point. */
	SIM_STMT_EXPECTATION,
	SIM_NR_STMT_CLASSES,
};

struct sim_stmt_def {
	const char *name;
	/* Its syntax, one line per form, for errors and 'mmsim statements'. */
	const char *usage;
	enum sim_stmt_class cls;
	/* A file that uses it requires this (SIM_CAP_NONE: nothing). */
	enum sim_cap cap;
	/* What some of its forms require, in words (NULL: see cap). */
	const char *forms_require;
	/*
	 * Its arguments, p->tok[1..p->ntok-1], into @st (its pages and
	 * ranges into p->refs): 0 or -1.
	 */
	int (*parse)(struct sim_parser *p, struct sim_stmt *st);
	/*
	 * Perform it on one backend: 0, -errno, SIM_SIGNAL_ERR(sig),
	 * SIM_UNSUPPORTED_ERR or SIM_NOT_IMPLEMENTED_ERR.  The runner
	 * compares the backends' results with each other and with "=> ERR".
	 */
	int (*op)(struct run *r, struct be_state *be,
		  const struct sim_stmt *st);
	/* Or run it on every backend, with its own test points. */
	void (*run)(struct run *r, struct sim_stmt *st);
};

/* The row of statement @name, as an index for struct sim_stmt, or -1. */
int sim_stmt_find(const char *name);
/* Row @i of the table: a statement's is sim_stmt_def(st->def). */
const struct sim_stmt_def *sim_stmt_def(unsigned int i);

#endif /* MMSIM_SCENARIO_STATEMENTS_H */
