// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmsim - command-line front end.
 *
 *   mmsim run FILE... [--policy NAME] [--trace] [--format tap|json]
 *                     [--backend model|kernel|both]
 *   mmsim inspect PID [START-END]
 *   mmsim policies
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "host/host.h"
#include "harness/policy.h"
#include "scenario/scenario.h"

static int usage(FILE *f, int status)
{
	fprintf(f,
		"usage: mmsim run FILE... [--policy NAME] [--trace]\n"
		"                 [--format tap|json] [--backend model|kernel|both]\n"
		"       mmsim matrix FILE... [--check] [--format text|json]\n"
		"       mmsim inspect PID [START-END]\n"
		"       mmsim policies\n"
		"       mmsim help\n");
	return status;
}

static int cmd_policies(void)
{
	const struct sim_policy *const *p;

	for (p = sim_policies(); *p; p++) {
		printf("%-7s %s\n", (*p)->name, (*p)->desc);
		printf("%-7s   commits: %s\n", "", (*p)->commits);
	}
	printf("\n'latest' (alias 'v6.18') is the default.  Knob: "
	       "POLICY,swp_exclusive=off models an\narchitecture without "
	       "the swap-PTE exclusive bit (e.g. v5.19,swp_exclusive=off).\n");
	return 0;
}

static int run_all_policies(int argc, char **argv)
{
	char **rest = calloc((size_t)argc + 1, sizeof(*rest));
	int i, n = 0, ret;

	if (!rest)
		abort();
	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--policy") && i + 1 < argc) {
			i++;
			continue;
		}
		if (!strcmp(argv[i], "--trace"))
			continue;
		rest[n++] = argv[i];
	}
	ret = cmd_matrix(n, rest);
	free(rest);
	return ret;
}

static int cmd_run(int argc, char **argv)
{
	struct sim_run_opts o = { .out = stdout,
				  .err = stderr,
				  .kernel_create = sim_backend_kernel_create };
	struct sim_scenario **sc = NULL;
	int nfiles = 0, i, status = 0;
	/* Any number of files: none may be dropped. */
	const char **files = calloc((size_t)argc + 1, sizeof(*files));

	if (!files)
		abort();
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--trace")) {
			o.trace = true;
		} else if (!strcmp(a, "--policy") || !strcmp(a, "--format") ||
			   !strcmp(a, "--backend")) {
			const char *v = i + 1 < argc ? argv[++i] : NULL;

			if (!v) {
				fprintf(stderr, "mmsim: %s needs a value\n", a);
				status = 2;
				goto out;
			}
			if (a[2] == 'p') {
				/* --policy all: the table of every policy. */
				if (!strcmp(v, "all")) {
					status = run_all_policies(argc, argv);
					goto out;
				}
				if (!sim_policy_known(v)) {
					fprintf(stderr,
						"mmsim: unknown policy '%s'; see "
						"'mmsim policies'\n",
						v);
					status = 2;
					goto out;
				}
				o.policy = v;
			} else if (a[2] == 'f') {
				if (!strcmp(v, "tap"))
					o.format = SIM_FORMAT_TAP;
				else if (!strcmp(v, "json"))
					o.format = SIM_FORMAT_JSON;
				else {
					fprintf(stderr,
						"mmsim: unknown format "
						"'%s' (tap or json)\n",
						v);
					status = 2;
					goto out;
				}
			} else if (!strcmp(v, "model")) {
				o.backend = SIM_BACKEND_MODEL;
			} else if (!strcmp(v, "kernel")) {
				o.backend = SIM_BACKEND_KERNEL;
			} else if (!strcmp(v, "both")) {
				o.backend = SIM_BACKEND_BOTH;
			} else {
				fprintf(stderr,
					"mmsim: unknown backend '%s' (model, "
					"kernel or both)\n",
					v);
				status = 2;
				goto out;
			}
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "mmsim: unknown option '%s'\n", a);
			status = usage(stderr, 2);
			goto out;
		} else {
			files[nfiles++] = a;
		}
	}
	if (!nfiles) {
		fprintf(stderr, "mmsim run: no scenario file\n");
		status = usage(stderr, 2);
		goto out;
	}
	/* Every file is checked before anything runs. */
	sc = calloc((size_t)nfiles, sizeof(*sc));
	if (!sc)
		abort();
	for (i = 0; i < nfiles; i++) {
		sc[i] = sim_scenario_load(files[i], stderr);
		if (!sc[i]) {
			while (i--)
				sim_scenario_free(sc[i]);
			status = 2;
			goto out;
		}
	}
	for (i = 0; i < nfiles; i++) {
		int s = sim_scenario_run(sc[i], &o);

		if (s > status)
			status = s;
		sim_scenario_free(sc[i]);
	}
out:
	free(sc);
	free(files);
	return status;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage(stderr, 2);
	if (!strcmp(argv[1], "run"))
		return cmd_run(argc - 2, argv + 2);
	if (!strcmp(argv[1], "policies"))
		return cmd_policies();
	if (!strcmp(argv[1], "matrix"))
		return cmd_matrix(argc - 2, argv + 2);
	if (!strcmp(argv[1], "inspect"))
		return cmd_inspect(argc - 2, argv + 2);
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help"))
		return usage(stdout, 0);
	fprintf(stderr, "mmsim: unknown command '%s'\n", argv[1]);
	return usage(stderr, 2);
}
