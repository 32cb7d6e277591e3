/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The scenario language (../shared/spec/scenario-language.md): parsing into
 * a checked list of statements, and running it on a backend with TAP or
 * JSON output.
 */
#ifndef MMSIM_SIM_SCENARIO_H
#define MMSIM_SIM_SCENARIO_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct sim_scenario;

enum sim_format { SIM_FORMAT_TAP, SIM_FORMAT_JSON };

enum sim_backend_kind {
	SIM_BACKEND_MODEL,
	SIM_BACKEND_KERNEL,
	SIM_BACKEND_BOTH,
};

struct sim_run_opts {
	const char *policy; /* NULL: the file's, else the default */
	enum sim_backend_kind backend;
	bool trace;
	enum sim_format format;
	FILE *out; /* results */
	FILE *err; /* file errors */
};

/*
 * Parse @path.  On a file error, print "FILE:LINE:COL: message" to
 * @err and return NULL.
 */
struct sim_scenario *sim_scenario_load(const char *path, FILE *err);
void sim_scenario_free(struct sim_scenario *sc);

/*
 * Run on the model.  Returns 0 if every point passed (or the file was
 * skipped), 1 if a point failed, 2 on a usage error.
 */
int sim_scenario_run(struct sim_scenario *sc, const struct sim_run_opts *o);

/* Whether @name ("v5.19", "latest,swp_exclusive=off") is a policy. */
bool sim_policy_known(const char *name);

#endif /* MMSIM_SIM_SCENARIO_H */
