// SPDX-License-Identifier: GPL-2.0-only
/*
 * Frames of a run (scenario/frames.h): the bookkeeping; the runner
 * (scenario/run.c) fills them in.
 */
#include <stdlib.h>
#include <string.h>

#include "scenario/frames.h"
#include "scenario/internal.h"

struct sim_frames *sim_frames_new(void)
{
	struct sim_frames *f = calloc(1, sizeof(*f));

	if (!f)
		abort();
	return f;
}

void sim_frames_free(struct sim_frames *f)
{
	unsigned int i;

	if (!f)
		return;
	for (i = 0; i < f->n; i++) {
		free(f->v[i].text);
		free(f->v[i].ptes);
		free(f->v[i].pins);
	}
	free(f->v);
	free(f);
}

const char *sim_scenario_proc_name(const struct sim_scenario *sc, int i)
{
	return sc->procs[i];
}

const char *sim_scenario_region_name(const struct sim_scenario *sc, int i)
{
	return sc->regions[i];
}

const char *sim_scenario_handle_name(const struct sim_scenario *sc, int i)
{
	return sc->handles[i];
}

int sim_scenario_nprocs(const struct sim_scenario *sc)
{
	return sc->nprocs;
}

int sim_scenario_nhandles(const struct sim_scenario *sc)
{
	return sc->nhandles;
}

const char *sim_scenario_path(const struct sim_scenario *sc)
{
	return sc->path;
}

int sim_scenario_nstmts(const struct sim_scenario *sc)
{
	return sc->nstmts;
}

int sim_scenario_stmt_line(const struct sim_scenario *sc, int i)
{
	return sc->stmts[i].line;
}

const char *sim_scenario_stmt(const struct sim_scenario *sc, int i)
{
	return sim_stmt_text(sc, &sc->stmts[i]);
}
