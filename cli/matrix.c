// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmsim matrix FILE... [--check] [--format text|json]
 *
 * Runs every scenario under every policy and prints a table scenario x
 * policy: ok, or the behaviour property that broke (LEAK, STALE,
 * LOST-WRITE), or FAIL for another failed expectation; with the number of
 * COW copies for scenarios that 'count copies'.  --check compares each
 * cell with the scenario's 'broken-under' history and fails on any
 * difference.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "harness/policy.h"
#include "scenario/scenario.h"

#define MAX_COLS 10

struct cell {
	char text[32];
	bool broken;
	bool expected_broken;
	unsigned long copies;
};

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
	bool check = false, json = false, pt_mm = false;
	const char **files;
	int nfiles = 0, ncols = 0, i, j, bad = 0;
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
				"[--format text|json]\n");
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
				printf(",\"copies\":%lu,\"history\":\"%s\"}",
				       c->copies,
				       c->expected_broken ? "broken" : "ok");
			}
			printf("}}");
		}
		printf("]}\n");
	} else {
		int width[MAX_COLS], namew = 8;

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
		       "copies made by write faults)\n");
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
