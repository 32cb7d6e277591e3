// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmsim matrix FILE... [--check] [--format text|json]
 *
 * Runs every scenario under every policy and prints a table scenario x
 * policy: ok, or the behaviour property that broke (LEAK, STALE,
 * LOST-WRITE), or FAIL for another failed expectation; with the number of
 * COW copies for scenarios that 'count copies'.  --check compares each
 * cell with the scenario's 'broken-under' history and fails on any
 * difference.  --target T (repeatable) runs the column of that kernel's
 * design again with --backend both on the kernel itself and marks the
 * cell: + the kernel agreed on every observation, ! it disagreed, ? it
 * could not run the file.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "harness/policy.h"
#include "render/render.h"
#include "scenario/scenario.h"

#define MAX_COLS 12
#define MAX_TARGETS 3

struct cell {
	char text[32];
	bool broken;
	bool expected_broken;
	unsigned long copies;
	/* The kernel that checked this cell, and what it said (+, !, ?). */
	const char *target;
	char kernel;
	int disagreed;
};

/*
 * Runs @sc on @t's kernel and the model under its design, in lockstep,
 * and marks @c with the verdict.
 */
static void check_on_kernel(struct sim_scenario *sc, struct cell *c,
			    const struct cli_target *t, FILE *devnull)
{
	struct sim_run_result res;
	struct sim_run_opts o = {
		.policy = t->policy,
		.backend = SIM_BACKEND_BOTH,
		.kernel_create = t->create,
		.out = devnull,
		.err = stderr,
		.result = &res,
	};

	sim_scenario_run(sc, &o);
	c->target = t->name;
	c->disagreed = res.disagreed;
	if (res.disagreed)
		c->kernel = '!';
	else if (res.kernel_skipped)
		c->kernel = '?';
	else
		c->kernel = '+';
}

static void cell_text(struct cell *c, const struct sim_run_result *res,
		      bool count_copies)
{
	char *p = c->text;
	size_t left = sizeof(c->text);
	int n;

	c->broken = res->failed > 0;
	c->copies = res->copies;
	if (res->skipped) {
		n = snprintf(p, left, "skip");
	} else if (res->properties) {
		n = snprintf(p, left, "%s%s%s",
			     (res->properties & SIM_PROP_LEAK) ? "LEAK " : "",
			     (res->properties & SIM_PROP_STALE) ? "STALE " : "",
			     (res->properties & SIM_PROP_LOST_WRITE) ?
				     "LOST-WRITE " :
				     "");
		if (n > 0)
			p[--n] = 0;
	} else if (res->failed && count_copies && res->copies) {
		n = snprintf(p, left, "COPIES=%lu", res->copies);
	} else {
		n = snprintf(p, left, "%s", res->failed ? "FAIL" : "ok");
	}
	if (count_copies && !res->skipped && !res->failed && n > 0 &&
	    (size_t)n < left)
		snprintf(p + n, left - (size_t)n, " c%lu", res->copies);
}

/* "9001-saga-cve" and "v5.19,swp_exclusive=off" as a file name part. */
static void file_part(char *out, size_t len, const char *s)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < len; i++)
		out[i] = (char)(isalnum((unsigned char)s[i]) || s[i] == '.' ||
						s[i] == '-' ?
					s[i] :
					'_');
	out[i] = 0;
}

static const char *base_of(const char *path, char *buf, size_t len)
{
	const char *b = strrchr(path, '/');
	size_t n;

	b = b ? b + 1 : path;
	n = strlen(b);
	if (n > 4 && !strcmp(b + n - 4, ".mms"))
		n -= 4;
	snprintf(buf, len, "%.*s", (int)n, b);
	return buf;
}

/* --html DIR: the stepper of one cell's run, DIR/FILE--POLICY.html. */
static int write_stepper(const char *dir, const char *file, const char *col,
			 struct sim_frames *fs)
{
	char path[4096], base[256], pol[64];
	FILE *f;

	fs->policy = col;
	file_part(pol, sizeof(pol), col);
	snprintf(path, sizeof(path), "%s/%s--%s.html", dir,
		 base_of(file, base, sizeof(base)), pol);
	f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "mmsim matrix: cannot write %s\n", path);
		return -1;
	}
	sim_render_html(f, fs);
	fclose(f);
	return 0;
}

/*
 * --html DIR: DIR/index.html, the table with each cell a link to the
 * stepper of that scenario under that design (write_stepper).
 */
static int write_html(const char *dir, const char **files, int nfiles,
		      const char **cols, const char **labels, int ncols,
		      const struct cell *cells)
{
	char path[4096], base[256], pol[64];
	FILE *f;
	int i, j;

	snprintf(path, sizeof(path), "%s/index.html", dir);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
		   "charset=\"utf-8\">\n<title>mmsim matrix</title>\n<style>"
		   "body{font-family:sans-serif}table{border-collapse:"
		   "collapse;font-family:monospace;font-size:13px}td,th{border:"
		   "1px solid #ccc;padding:3px 8px}td.bad a{color:#c00000;"
		   "font-weight:bold}</style>\n</head>\n<body>\n<h1>mmsim "
		   "matrix</h1>\n<p>Each cell is the scenario under that "
		   "design; click it to step through the run.</p>\n<table>\n"
		   "<tr><th>scenario</th>");
	for (j = 0; j < ncols; j++)
		fprintf(f, "<th>%s</th>", labels[j]);
	fprintf(f, "</tr>\n");
	for (i = 0; i < nfiles; i++) {
		base_of(files[i], base, sizeof(base));
		fprintf(f, "<tr><td>%s</td>", base);
		for (j = 0; j < ncols; j++) {
			const struct cell *c = &cells[i * ncols + j];

			file_part(pol, sizeof(pol), cols[j]);
			fprintf(f, "<td%s><a href=\"%s--%s.html\">%s</a></td>",
				c->broken ? " class=\"bad\"" : "", base, pol,
				c->text);
		}
		fprintf(f, "</tr>\n");
	}
	fprintf(f, "</table>\n</body>\n</html>\n");
	fclose(f);
	return 0;
}

int cmd_matrix(int argc, char **argv)
{
	const struct sim_policy *const *pol = sim_policies();
	const char *cols[MAX_COLS], *labels[MAX_COLS];
	struct sim_scenario **sc;
	struct cell *cells;
	bool check = false, json = false, pt_mm = false;
	struct cli_target targets[MAX_TARGETS];
	const char *htmldir = NULL;
	const char **files;
	int nfiles = 0, ncols = 0, ntargets = 0, i, j, k, bad = 0;
	FILE *devnull;

	files = calloc((size_t)argc + 1, sizeof(*files));
	if (!files)
		abort();
	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--check")) {
			check = true;
		} else if (!strcmp(argv[i], "--format") && i + 1 < argc) {
			json = !strcmp(argv[++i], "json");
			if (!json && strcmp(argv[i], "text")) {
				fprintf(stderr,
					"mmsim matrix: unknown format "
					"'%s' (text or json)\n",
					argv[i]);
				free(files);
				return 2;
			}
		} else if (!strcmp(argv[i], "--html") && i + 1 < argc) {
			htmldir = argv[++i];
		} else if (!strcmp(argv[i], "--target")) {
			struct cli_target *t = &targets[ntargets];

			if (i + 1 >= argc || cli_parse_target(argv[++i], t)) {
				fprintf(stderr,
					"mmsim matrix: unknown target '%s' "
					"(host, vm:6.12 or vm:6.1)\n",
					i < argc ? argv[i] : "");
				free(files);
				return 2;
			}
			for (k = 0; k < ntargets; k++)
				if (!strcmp(targets[k].name, t->name))
					break;
			if (k == ntargets)
				ntargets++;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "mmsim matrix: unknown option '%s'\n",
				argv[i]);
			free(files);
			return 2;
		} else {
			files[nfiles++] = argv[i];
		}
	}
	if (!nfiles) {
		fprintf(stderr, "usage: mmsim matrix FILE... [--check] "
				"[--format text|json] [--target T]...\n"
				"       [--html DIR]\n");
		free(files);
		return 2;
	}
	/* The named policies, with v5.19 also without the swap-PTE bit. */
	for (; *pol && ncols < MAX_COLS - 2; pol++) {
		cols[ncols] = (*pol)->name;
		labels[ncols++] = (*pol)->name;
		if (!strcmp((*pol)->name, "v5.19")) {
			cols[ncols] = "v5.19,swp_exclusive=off";
			labels[ncols++] = "v5.19*";
		}
	}

	sc = calloc((size_t)nfiles, sizeof(*sc));
	devnull = fopen("/dev/null", "w");
	if (!sc || !devnull)
		abort();
	for (i = 0; i < nfiles; i++) {
		sc[i] = sim_scenario_load(files[i], stderr);
		if (!sc[i]) {
			bad = -1;
			cells = NULL;
			goto out;
		}
		/*
		 * A file about a poisoned page table gets seed 003's design
		 * too: what pt_mm changes (origin.pt-mm).
		 */
		if (!pt_mm && sim_scenario_uses(sc[i], "poison-table")) {
			pt_mm = true;
			cols[ncols] = "latest,pt_poison=kill";
			labels[ncols++] = "pt_mm*";
		}
	}
	cells = calloc((size_t)nfiles * ncols, sizeof(*cells));
	if (!cells)
		abort();
	if (htmldir && mkdir(htmldir, 0755) && errno != EEXIST) {
		fprintf(stderr, "mmsim matrix: cannot make %s: %s\n", htmldir,
			strerror(errno));
		bad = -1;
		goto out;
	}
	for (i = 0; i < nfiles; i++) {
		for (j = 0; j < ncols; j++) {
			struct sim_run_result res;
			struct sim_run_opts o = {
				.policy = cols[j],
				.out = devnull,
				.err = stderr,
				.result = &res,
			};
			struct cell *c = &cells[i * ncols + j];

			/* --html: the same run keeps its frames. */
			o.frames = htmldir ? sim_frames_new() : NULL;
			sim_scenario_run(sc[i], &o);
			if (o.frames &&
			    write_stepper(htmldir, files[i], cols[j], o.frames))
				bad = -1;
			sim_frames_free(o.frames);
			if (bad < 0)
				goto out;
			cell_text(c, &res, sim_scenario_counts_copies(sc[i]));
			c->expected_broken =
				sim_scenario_broken_under(sc[i], cols[j]);
			if (check && !res.skipped &&
			    c->broken != c->expected_broken) {
				fprintf(stderr,
					"%s: under %s the history says %s, the "
					"model gives %s\n",
					files[i], cols[j],
					c->expected_broken ? "broken" : "ok",
					c->text);
				bad++;
			}
		}
	}
	/* Each kernel checks its design's column, file by file. */
	for (k = 0; k < ntargets; k++) {
		for (j = 0; j < ncols; j++)
			if (!strcmp(cols[j], targets[k].policy))
				break;
		if (j == ncols || cli_select_target(&targets[k]))
			continue;
		for (i = 0; i < nfiles; i++) {
			struct cell *c = &cells[i * ncols + j];

			check_on_kernel(sc[i], c, &targets[k], devnull);
			if (c->kernel != '!')
				continue;
			fprintf(stderr,
				"%s: under %s the kernel of %s disagrees with "
				"the model at %d point%s (mmsim run --backend "
				"both --target %s)\n",
				files[i], cols[j], c->target, c->disagreed,
				c->disagreed == 1 ? "" : "s", c->target);
			if (check)
				bad++;
		}
	}

	if (htmldir &&
	    write_html(htmldir, files, nfiles, cols, labels, ncols, cells)) {
		bad = -1;
		goto out;
	}
	if (json) {
		printf("{\"policies\":[");
		for (j = 0; j < ncols; j++) {
			printf(j ? "," : "");
			sim_json_string(stdout, cols[j]);
		}
		printf("],\"rows\":[");
		for (i = 0; i < nfiles; i++) {
			printf(i ? ",{\"file\":" : "{\"file\":");
			sim_json_string(stdout, files[i]);
			printf(",\"title\":");
			sim_json_string(stdout, sim_scenario_title(sc[i]));
			printf(",\"cells\":{");
			for (j = 0; j < ncols; j++) {
				struct cell *c = &cells[i * ncols + j];

				printf(j ? "," : "");
				sim_json_string(stdout, cols[j]);
				printf(":{\"result\":");
				sim_json_string(stdout, c->text);
				printf(",\"copies\":%lu,\"history\":\"%s\"",
				       c->copies,
				       c->expected_broken ? "broken" : "ok");
				if (c->target)
					printf(",\"kernel\":{\"target\":\"%s\","
					       "\"verdict\":\"%s\","
					       "\"disagreed\":%d}",
					       c->target,
					       c->kernel == '+' ? "agrees" :
					       c->kernel == '!' ? "disagrees" :
								  "skipped",
					       c->disagreed);
				printf("}");
			}
			printf("}}");
		}
		printf("]}\n");
	} else {
		int width[MAX_COLS], namew = 8;

		for (i = 0; i < nfiles * ncols; i++) {
			size_t n = strlen(cells[i].text);

			if (cells[i].kernel && n + 2 < sizeof(cells[i].text)) {
				cells[i].text[n] = ' ';
				cells[i].text[n + 1] = cells[i].kernel;
				cells[i].text[n + 2] = 0;
			}
		}

		for (i = 0; i < nfiles; i++) {
			const char *base = strrchr(files[i], '/');
			int len = (int)strlen(base ? base + 1 : files[i]) - 4;

			if (len > namew)
				namew = len;
		}
		for (j = 0; j < ncols; j++) {
			width[j] = (int)strlen(labels[j]);
			for (i = 0; i < nfiles; i++) {
				int len =
					(int)strlen(cells[i * ncols + j].text);

				if (len > width[j])
					width[j] = len;
			}
		}
		printf("%-*s", namew, "scenario");
		for (j = 0; j < ncols; j++)
			printf("  %-*s", width[j], labels[j]);
		printf("\n");
		for (i = 0; i < nfiles; i++) {
			const char *base = strrchr(files[i], '/');
			int len;

			base = base ? base + 1 : files[i];
			len = (int)strlen(base);
			if (len > 4 && !strcmp(base + len - 4, ".mms"))
				len -= 4;
			printf("%-*.*s", namew, len, base);
			for (j = 0; j < ncols; j++)
				printf("  %-*s", width[j],
				       cells[i * ncols + j].text);
			printf("\n");
		}
		printf("(FAIL = an expect or check failed, no property "
		       "broken; skip = the file cannot run;\n v5.19* = "
		       "v5.19,swp_exclusive=off: an architecture without the "
		       "swap-PTE exclusive bit;\n cN = COW copies made by "
		       "write faults");
		for (k = 0; k < ntargets; k++)
			printf("%s%s on %s",
			       k ? ", " : ";\n checked: ", targets[k].policy,
			       targets[k].name);
		if (ntargets)
			printf(" (+ the kernel agreed on every observation, "
			       "! it disagreed,\n ? it could not run the "
			       "file)");
		printf(")\n");
		if (pt_mm)
			printf("(pt_mm* = latest,pt_poison=kill: seed 003's "
			       "proposal, the owner of a poisoned page\n "
			       "table, named by pt_mm, is killed)\n");
	}
out:
	for (i = 0; i < nfiles; i++)
		sim_scenario_free(sc[i]);
	free(sc);
	free(cells);
	free(files);
	fclose(devnull);
	if (bad < 0)
		return 2;
	return bad ? 1 : 0;
}
