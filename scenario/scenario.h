/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The scenario language (docs/scenario-language.md): parsing into
 * a checked list of statements, and running it on a backend with TAP or
 * JSON output.
 */
#ifndef MMSIM_SCENARIO_SCENARIO_H
#define MMSIM_SCENARIO_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct sim_scenario;

enum sim_format { SIM_FORMAT_TAP, SIM_FORMAT_JSON };

enum sim_backend_kind {
	SIM_BACKEND_MODEL,
	SIM_BACKEND_KERNEL,
	SIM_BACKEND_BOTH,
};

/* What a run found, for 'mmsim matrix'. */
#define SIM_PROP_LEAK (1U << 0)
#define SIM_PROP_STALE (1U << 1)
#define SIM_PROP_LOST_WRITE (1U << 2)

struct sim_run_result {
	int points, failed;
	bool skipped;
	unsigned int properties; /* SIM_PROP_* broken */
	unsigned long copies; /* COW copies (write faults) */
	/*
	 * --backend both: the points where the backends disagreed, and
	 * whether the kernel could not take part (no kernel backend, or a
	 * facility it lacks: the model ran alone, or nothing ran).
	 */
	int disagreed;
	bool kernel_skipped;
};

struct sim_backend;
/*
 * Makes the live kernel's backend, or returns NULL with a reason in @why:
 * the host layer's sim_backend_kernel_create (host/host.h).  The scenario
 * layer does not depend on the host layer; a program that can drive the
 * live kernel passes it in.
 */
typedef struct sim_backend *(*sim_backend_create_fn)(const char **why);

/* The check after each statement ('check' and the end are always full). */
enum sim_check_mode {
	SIM_CHECK_CHANGED, /* what the statement changed (the default) */
	SIM_CHECK_FULL, /* everything, every time */
	SIM_CHECK_OFF, /* none: for benchmarks */
};

struct sim_run_opts {
	const char *policy; /* NULL: the file's, else default_policy */
	const char *default_policy; /* NULL: SIM_POLICY_DEFAULT (latest) */
	enum sim_backend_kind backend;
	/* For SIM_BACKEND_KERNEL and _BOTH; NULL: none in this program. */
	sim_backend_create_fn kernel_create;
	bool trace;
	enum sim_check_mode check;
	enum sim_format format;
	FILE *out; /* results */
	FILE *err; /* file errors */
	struct sim_run_result *result; /* filled in if not NULL */
	/* Filled in if not NULL: a frame per statement (scenario/frames.h). */
	struct sim_frames *frames;
};

/* The file's 'broken-under' list and 'count copies' header. */
bool sim_scenario_broken_under(const struct sim_scenario *sc,
			       const char *policy);
bool sim_scenario_counts_copies(const struct sim_scenario *sc);
const char *sim_scenario_title(const struct sim_scenario *sc);
/* The file's 'policy', or NULL. */
const char *sim_scenario_policy(const struct sim_scenario *sc);
/* Whether the file has a statement @name ("poison-table"). */
bool sim_scenario_uses(const struct sim_scenario *sc, const char *name);

/*
 * Parse @path, a regular file within the limits of scenario/limits.h, or
 * standard input if @path is "-" (named "<stdin>").  On a file error,
 * print "FILE:LINE:COL: message" to @err and return NULL.
 */
struct sim_scenario *sim_scenario_load(const char *path, FILE *err);
/* The same for the @len bytes at @buf, named @name in messages. */
struct sim_scenario *sim_scenario_load_mem(const char *name, const char *buf,
					   size_t len, FILE *err);
void sim_scenario_free(struct sim_scenario *sc);

/*
 * Run on the model.  Returns 0 if every point passed (or the file was
 * skipped), 1 if a point failed, 2 on a usage error.
 */
int sim_scenario_run(struct sim_scenario *sc, const struct sim_run_opts *o);

/*
 * The statements of the language, from the statement table, with their
 * syntax, by class: what 'mmsim statements' prints.
 */
void sim_statements_print(FILE *f);

/* Print @s as a JSON string: valid JSON whatever its bytes. */
void sim_json_string(FILE *f, const char *s);

/* Whether @name ("v5.19", "latest,swp_exclusive=off") is a policy. */
bool sim_policy_known(const char *name);

#endif /* MMSIM_SCENARIO_SCENARIO_H */
