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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "harness/policy.h"
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
	if (res->skipped)
		n = snprintf(p, left, "skip");
	else if (res->properties)
		n = snprintf(p, left, "%s%s%s",
			     (res->properties & SIM_PROP_LEAK) ? "LEAK " : "",
			     (res->properties & SIM_PROP_STALE) ? "STALE " : "",
			     (res->properties & SIM_PROP_LOST_WRITE) ?
				     "LOST-WRITE " :
				     "");
	if (res->properties && n > 0)
		p[--n] = 0;
	else if (res->failed && count_copies && res->copies)
		n = snprintf(p, left, "COPIES=%lu", res->copies);
	else
		n = snprintf(p, left, "%s", res->failed ? "FAIL" : "ok");
	if (count_copies && !res->failed && n > 0 && (size_t)n < left)
		snprintf(p + n, left - (size_t)n, " c%lu", res->copies);
}

int cmd_matrix(int argc, char **argv)
{
	const struct sim_policy *const *pol = sim_policies();
	const char *cols[MAX_COLS], *labels[MAX_COLS];
	struct sim_scenario **sc;
	struct cell *cells;
	bool check = false, json = false;
	struct cli_target targets[MAX_TARGETS];
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
				"[--format text|json] [--target T]...\n");
		free(files);
		return 2;
	}
	/* The named policies, with v5.19 also without the swap-PTE bit. */
	for (; *pol && ncols < MAX_COLS - 1; pol++) {
		cols[ncols] = (*pol)->name;
		labels[ncols++] = (*pol)->name;
		if (!strcmp((*pol)->name, "v5.19")) {
			cols[ncols] = "v5.19,swp_exclusive=off";
			labels[ncols++] = "v5.19*";
		}
	}

	sc = calloc((size_t)nfiles, sizeof(*sc));
	cells = calloc((size_t)nfiles * ncols, sizeof(*cells));
	devnull = fopen("/dev/null", "w");
	if (!sc || !cells || !devnull)
		abort();
	for (i = 0; i < nfiles; i++) {
		sc[i] = sim_scenario_load(files[i], stderr);
		if (!sc[i]) {
			bad = -1;
			goto out;
		}
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

			sim_scenario_run(sc[i], &o);
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
		printf("(v5.19* = v5.19,swp_exclusive=off: an architecture "
		       "without the swap-PTE exclusive bit;\n cN = COW "
		       "copies made by write faults");
		for (k = 0; k < ntargets; k++)
			printf("%s%s on %s", k ? ", " : ";\n checked: ",
			       targets[k].policy, targets[k].name);
		if (ntargets)
			printf(" (+ the kernel agreed on every observation, "
			       "! it disagreed,\n ? it could not run the "
			       "file)");
		printf(")\n");
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
