/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Pictures of a run (docs/pictures.md): the frames the runner kept
 * (scenario/frames.h), drawn as SVG, one per statement, and a
 * self-contained HTML page that steps through them.
 */
#ifndef MMSIM_RENDER_RENDER_H
#define MMSIM_RENDER_RENDER_H

#include <stdio.h>

#include "scenario/frames.h"

/* One frame as an SVG document (or element, if @inline_svg). */
void sim_render_svg(FILE *f, const struct sim_frames *fs, unsigned int i,
		    int inline_svg);
/* The page: the scenario on one side, the state after each statement on
 * the other, stepped with the arrow keys or by clicking a line. */
void sim_render_html(FILE *f, const struct sim_frames *fs);

#endif /* MMSIM_RENDER_RENDER_H */
