// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmsim explore [--policy P] [--procs N] [--pages N] [--depth N]
 *               [--pins N] [--ops LIST] [--find WHAT] [--foll-get-fork]
 *               [--max-states N] [--max-memory MIB] [--jobs N] [--out FILE]
 *               [--format text|json]
 *
 * The search is explore/explore.c's; this is its command line: the
 * scenario of a violation on stdout (or --out), checked by running it
 * through the scenario runner before it is printed; exit 1 for a
 * violation, 0 for none within the bounds, 2 for a usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "explore/explore.h"
#include "host/host.h"
#include "scenario/scenario.h"

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "mmsim explore: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nusage: mmsim explore [--policy P] [--procs N] "
			"[--pages N] [--depth N] [--pins N]\n"
			"         [--ops LIST] [--find WHAT] [--foll-get-fork] "
			"[--max-states N]\n         [--max-memory MIB] "
			"[--jobs N] [--out FILE] [--format text|json]\n");
	return 2;
}

static bool parse_num(const char *s, unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long v;

	if (!s || !*s || *s == '-')
		return false;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v > max)
		return false;
	*out = v;
	return true;
}

static void show_progress(void *ctx, const struct sim_explore_stats *st)
{
	(void)ctx;
	fprintf(stderr,
		"\rexplore: %lu states, %.0f states/s, depth %u, frontier "
		"%lu, %zu MiB   ",
		st->states, st->seconds > 0 ? st->states / st->seconds : 0.0,
		st->depth, st->frontier, st->memory >> 20);
}

/* Runs the scenario text @buf on the model: how many points fail. */
static int reproduce(const char *buf, size_t len, const char *policy)
{
	struct sim_scenario *sc;
	struct sim_run_result res;
	struct sim_run_opts o = { .policy = policy, .result = &res };
	FILE *devnull = fopen("/dev/null", "w");
	int failed = -1;

	if (!devnull)
		return -1;
	o.out = devnull;
	o.err = stderr;
	sc = sim_scenario_load_mem("<explore>", buf, len, stderr);
	if (sc) {
		sim_scenario_run(sc, &o);
		failed = res.failed;
		sim_scenario_free(sc);
	}
	fclose(devnull);
	return failed;
}

/* What a random walk's scenario is run on (--backend). */
struct judge_ctx {
	const char *policy;
	bool kernel;
	unsigned long runs, skipped;
};

/*
 * A walk fails if its scenario fails: on the model alone, an expectation
 * the explorer's own view of a correct kernel disagrees with; with
 * --backend both, also any observation where the live kernel and the
 * model disagree.
 */
static int judge(void *ctx, const char *text, size_t len, char *why,
		 size_t whylen)
{
	struct judge_ctx *j = ctx;
	struct sim_scenario *sc;
	struct sim_run_result res;
	struct sim_run_opts o = {
		.policy = j->policy,
		.backend = j->kernel ? SIM_BACKEND_BOTH : SIM_BACKEND_MODEL,
		.kernel_create = sim_backend_kernel_create,
		.result = &res,
	};
	FILE *devnull = fopen("/dev/null", "w");

	if (!devnull)
		return -errno;
	o.out = devnull;
	o.err = stderr;
	sc = sim_scenario_load_mem("<walk>", text, len, stderr);
	if (!sc) {
		fclose(devnull);
		return -EINVAL;
	}
	sim_scenario_run(sc, &o);
	sim_scenario_free(sc);
	fclose(devnull);
	j->runs++;
	if (res.kernel_skipped)
		j->skipped++;
	if (res.disagreed)
		snprintf(why, whylen,
			 "the live kernel disagrees with the model at %d "
			 "point%s",
			 res.disagreed, res.disagreed == 1 ? "" : "s");
	else if (res.failed)
		snprintf(why, whylen,
			 "%d expectation%s of a correct kernel fail%s",
			 res.failed, res.failed == 1 ? "" : "s",
			 res.failed == 1 ? "s" : "");
	return res.failed > 0;
}

int cmd_explore(int argc, char **argv)
{
	struct sim_explore_opts o = { 0 };
	struct sim_explore_walks w = { .seed = 1, .steps = 20, .walks = 1000 };
	struct judge_ctx jc = { 0 };
	struct sim_explore_result r;
	bool random = false;
	const char *out = NULL;
	bool json = false;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;
	int i, ret, failed = -1;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		unsigned long n;

		if (!strcmp(a, "--foll-get-fork")) {
			o.foll_get_fork = true;
			continue;
		}
		if (!strcmp(a, "--random")) {
			random = true;
			continue;
		}
		if (!v)
			return usage_error("unknown option or missing value: "
					   "'%s'",
					   a);
		i++;
		if (!strcmp(a, "--policy")) {
			if (!sim_policy_known(v))
				return usage_error("unknown policy '%s' (see "
						   "'mmsim policies')",
						   v);
			o.policy = v;
		} else if (!strcmp(a, "--procs")) {
			if (!parse_num(v, SIM_EXPLORE_MAX_PROCS, &n) || !n)
				return usage_error("--procs: 1 to 4, not '%s'",
						   v);
			o.procs = (unsigned int)n;
		} else if (!strcmp(a, "--pages")) {
			if (!parse_num(v, SIM_EXPLORE_MAX_PAGES, &n) || !n)
				return usage_error("--pages: 1 to 4, not '%s'",
						   v);
			o.pages = (unsigned int)n;
		} else if (!strcmp(a, "--depth")) {
			if (!parse_num(v, SIM_EXPLORE_MAX_DEPTH, &n) || !n)
				return usage_error("--depth: 1 to 14, not '%s'",
						   v);
			o.depth = (unsigned int)n;
		} else if (!strcmp(a, "--pins")) {
			if (!parse_num(v, SIM_EXPLORE_MAX_PINS, &n) || !n)
				return usage_error("--pins: 1 to 3, not '%s'",
						   v);
			o.pins = (unsigned int)n;
		} else if (!strcmp(a, "--max-states")) {
			if (!parse_num(v, 1UL << 40, &n) || !n)
				return usage_error("--max-states: a number, "
						   "not '%s'",
						   v);
			o.max_states = n;
		} else if (!strcmp(a, "--max-memory")) {
			if (!parse_num(v, 1UL << 20, &n) || !n)
				return usage_error(
					"--max-memory: MiB, not '%s'", v);
			o.max_memory = n << 20;
		} else if (!strcmp(a, "--ops")) {
			const char *bad;
			int badlen;

			if (sim_explore_parse_ops(v, &o.ops, &bad, &badlen))
				return usage_error(
					"--ops: unknown operation "
					"in '%s' (read, write, fork, "
					"exit, dontneed, mprotect, "
					"ro-get, rw-get, rw-pin, "
					"ro-pin, unpin, dma-write, "
					"dma-read, swapout, swapoff, "
					"ksm, migrate)",
					v);
		} else if (!strcmp(a, "--find")) {
			static const char *const names[] = { "invariant",
							     "leak", "stale",
							     "lost-write" };
			unsigned int k;

			for (k = 0; k < 4; k++)
				if (!strcmp(v, names[k]))
					break;
			if (k == 4 && strcmp(v, "any"))
				return usage_error("--find: any, invariant, "
						   "leak, stale or lost-write, "
						   "not '%s'",
						   v);
			o.find |= k < 4 ? 1U << k : 0;
		} else if (!strcmp(a, "--jobs")) {
			if (!parse_num(v, 64, &n) || !n)
				return usage_error("--jobs: 1 to 64, not '%s'",
						   v);
			o.jobs = (unsigned int)n;
		} else if (!strcmp(a, "--seed")) {
			if (!parse_num(v, ~0UL, &n))
				return usage_error("--seed: a number, not '%s'",
						   v);
			w.seed = n;
		} else if (!strcmp(a, "--steps")) {
			if (!parse_num(v, SIM_EXPLORE_MAX_STEPS, &n) || !n)
				return usage_error("--steps: 1 to 48, not '%s'",
						   v);
			w.steps = (unsigned int)n;
		} else if (!strcmp(a, "--walks")) {
			if (!parse_num(v, 1UL << 40, &n) || !n)
				return usage_error(
					"--walks: a number, not '%s'", v);
			w.walks = n;
		} else if (!strcmp(a, "--backend")) {
			if (strcmp(v, "model") && strcmp(v, "both"))
				return usage_error("--backend: model or both, "
						   "not '%s'",
						   v);
			jc.kernel = !strcmp(v, "both");
		} else if (!strcmp(a, "--out")) {
			out = v;
		} else if (!strcmp(a, "--format")) {
			if (strcmp(v, "text") && strcmp(v, "json"))
				return usage_error("--format: text or json, "
						   "not '%s'",
						   v);
			json = !strcmp(v, "json");
		} else {
			return usage_error("unknown option '%s'", a);
		}
	}
	if (jc.kernel && !random)
		return usage_error("%s needs --random", "--backend both");
	/* No userspace way to hold these on the live kernel: left out. */
	if (jc.kernel && !o.ops)
		o.ops = sim_explore_default_ops() &
			~(1U << SIM_XOP_RW_GET | 1U << SIM_XOP_RO_PIN);
	sim_explore_defaults(&o);
	if (isatty(STDERR_FILENO) && !random) {
		o.progress = show_progress;
		o.progress_ctx = NULL;
	}
	if (random) {
		jc.policy = o.policy;
		w.judge = judge;
		w.judge_ctx = &jc;
		ret = sim_explore_random(&o, &w, &r);
	} else {
		ret = sim_explore(&o, &r);
	}
	if (o.progress)
		fprintf(stderr, "\r\033[K");
	if (ret) {
		fprintf(stderr, "mmsim explore: %s\n", strerror(-ret));
		return 2;
	}
	if (r.found) {
		mem = open_memstream(&buf, &len);
		if (!mem)
			abort();
		sim_explore_write_scenario(mem, &o, &r);
		fclose(mem);
		failed = reproduce(buf, len, o.policy);
	}
	if (json) {
		printf("{\"policy\":");
		sim_json_string(stdout, o.policy);
		printf(",\"procs\":%u,\"pages\":%u,\"depth\":%u,\"pins\":%u,"
		       "\"found\":%s,\"limit\":%s,\"states\":%lu,"
		       "\"transitions\":%lu,\"depth_reached\":%u,"
		       "\"seconds\":%.3f,\"memory\":%zu,\"known_foll_get_fork\":"
		       "%lu",
		       o.procs, o.pages, o.depth, o.pins,
		       r.found ? "true" : "false", r.limit ? "true" : "false",
		       r.st.states, r.st.transitions, r.st.depth, r.st.seconds,
		       r.st.memory, r.known);
		if (r.found) {
			printf(",\"violation\":");
			sim_json_string(stdout, sim_violation_name(r.id));
			printf(",\"what\":");
			sim_json_string(stdout, r.what);
			printf(",\"reproduced_points\":%d,\"scenario\":",
			       failed);
			sim_json_string(stdout, buf);
		}
		printf("}\n");
	} else if (random) {
		fprintf(r.found ? stderr : stdout,
			"explore: %s under %s in %lu random walk%s of %u steps "
			"from seed %llu (%u processes, %u pages, %u pin%s)%s: "
			"%lu steps, %.2f s%s\n",
			r.found ? "FAILED" : "no failure", o.policy,
			r.found ? r.walk + 1 : w.walks,
			(r.found ? r.walk + 1 : w.walks) == 1 ? "" : "s",
			w.steps, (unsigned long long)w.seed, o.procs, o.pages,
			o.pins, o.pins == 1 ? "" : "s",
			jc.kernel ? ", each also on the live kernel" : "",
			r.st.states, r.st.seconds,
			jc.kernel && jc.skipped ?
				" (some walks ran on the model alone: a "
				"facility the kernel lacks)" :
				"");
		if (r.found)
			fprintf(stderr,
				"explore: walk %lu failed after %u steps, "
				"shrunk to %u\n",
				r.walk + 1, r.unshrunk, r.npath);
	} else {
		fprintf(r.found ? stderr : stdout,
			"explore: %s under %s within %u processes, %u pages, "
			"depth %u, %u pin%s: %lu states, %lu transitions, "
			"depth %u reached, %.2f s (%.0f states/s)%s\n",
			r.found ? "VIOLATION" : "no violation", o.policy,
			o.procs, o.pages, o.depth, o.pins,
			o.pins == 1 ? "" : "s", r.st.states, r.st.transitions,
			r.st.depth, r.st.seconds,
			r.st.seconds > 0 ? r.st.states / r.st.seconds : 0.0,
			r.limit ? " -- stopped at --max-states/--max-memory" :
				  "");
		if (r.known)
			fprintf(r.found ? stderr : stdout,
				"explore: %lu violation%s of the known class "
				"'FOLL_GET across fork' left out "
				"(--foll-get-fork)\n",
				r.known, r.known == 1 ? "" : "s");
	}
	if (!r.found)
		return 0;
	fprintf(stderr,
		"explore: %s\nexplore: the scenario %s (%d point%s "
		"fail on the model)\n",
		r.what, failed > 0 ? "reproduces it" : "does NOT reproduce it",
		failed, failed == 1 ? "" : "s");
	if (!json) {
		FILE *f = out ? fopen(out, "w") : stdout;

		if (!f) {
			fprintf(stderr, "mmsim explore: cannot write %s: %s\n",
				out, strerror(errno));
			free(buf);
			return 2;
		}
		fputs(buf, f);
		if (out)
			fclose(f);
	}
	free(buf);
	return 1;
}
