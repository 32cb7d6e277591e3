/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Frames: what each statement of a run left behind, for pictures
 * (render/: mmsim run --html, --svg).  The runner fills them in when
 * sim_run_opts.frames is set: after every statement, each backend's view
 * of every page of every region of every live process (the same query the
 * expectations use), the held handles, and the lines the statement
 * printed (its points, their diagnostics, the kernel paths it took).
 */
#ifndef MMSIM_SCENARIO_FRAMES_H
#define MMSIM_SCENARIO_FRAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "scenario/backend.h"

struct sim_scenario;

struct sim_frame_pte {
	unsigned char proc, region;
	unsigned short idx;
	unsigned long addr; /* on the first backend */
	/* Per backend: 0 and what the query saw, or the query's error. */
	int ret[2];
	struct sim_obs obs[2];
};

struct sim_frame_pin {
	unsigned char handle;
	int ret; /* 0: held, and info says what it pins */
	struct sim_pte_info info;
};

struct sim_frame {
	int line; /* 0: the start, before any statement */
	const char *stmt;
	bool failed; /* a point of this statement failed */
	char *text; /* the lines it printed, each ending in '\n' */
	size_t text_len, text_cap;
	struct sim_frame_pte *ptes;
	unsigned int nptes;
	struct sim_frame_pin *pins;
	unsigned int npins;
	bool alive[64];
};

struct sim_frames {
	const struct sim_scenario *sc;
	const char *policy;
	int nbe;
	const char *be_name[2];
	struct sim_frame *v;
	unsigned int n, cap;
};

struct sim_frames *sim_frames_new(void);
void sim_frames_free(struct sim_frames *f);

/* The names the scenario gave (for the renderer). */
const char *sim_scenario_proc_name(const struct sim_scenario *sc, int i);
const char *sim_scenario_region_name(const struct sim_scenario *sc, int i);
const char *sim_scenario_handle_name(const struct sim_scenario *sc, int i);
int sim_scenario_nprocs(const struct sim_scenario *sc);
int sim_scenario_nhandles(const struct sim_scenario *sc);
const char *sim_scenario_path(const struct sim_scenario *sc);
/* The file's statements: their count, line and text. */
int sim_scenario_nstmts(const struct sim_scenario *sc);
int sim_scenario_stmt_line(const struct sim_scenario *sc, int i);
const char *sim_scenario_stmt(const struct sim_scenario *sc, int i);

#endif /* MMSIM_SCENARIO_FRAMES_H */
