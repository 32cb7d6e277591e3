// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmsim - command-line front end: one table of commands, each with its
 * synopsis and its options, which `mmsim help [CMD]`, `mmsim CMD --help`
 * and the usage lines are printed from (man/mmsim.1 says the same).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "harness/policy.h"
#include "host/host.h"
#include "mmsim.h"
#include "render/render.h"
#include "scenario/scenario.h"

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *synopsis; /* after "mmsim " */
	const char *help; /* what it does and its options */
	/* Prints more help after @help (NULL: none). */
	void (*more)(FILE *f);
};

static int cmd_policies(int argc, char **argv);
static int cmd_run(int argc, char **argv);
static int cmd_help(int argc, char **argv);
static int cmd_statements(int argc, char **argv);

static const struct command commands[] = {
	{ "run", cmd_run,
	  "run FILE... [--policy NAME] [--trace] [--format tap|json]\n"
	  "                [--backend model|kernel|both] [--target T]\n"
	  "                [--check changed|full|off] [--html OUT] [--svg DIR]",
	  "Check every scenario FILE (- for standard input), then run them\n"
	  "and print TAP (or JSON).  Exit 0 if every point passed, 1 if one\n"
	  "failed, 2 for a mistake in a file or in the arguments.\n"
	  "\n"
	  "  --policy NAME   the design to model (mmsim policies); all: a\n"
	  "                  table of every design, as mmsim matrix prints\n"
	  "  --backend B     model (default), kernel (this machine's kernel,\n"
	  "                  root) or both, compared point by point\n"
	  "  --target T      the kernel of --backend kernel|both: host\n"
	  "                  (default), vm:6.12 (a test kernel) or vm:6.1\n"
	  "                  (Debian's) in a VM (make vm-kernels; docs/vm.md);\n"
	  "                  the model's design is then that kernel's\n"
	  "                  (v6.12, v6.1) unless --policy says otherwise\n"
	  "  --format F      tap (default) or json\n"
	  "  --trace         a line for every kernel path the model takes\n"
	  "  --html OUT      also draw the run: a page stepping through the\n"
	  "                  state after each statement (one FILE)\n"
	  "  --svg DIR       also draw each state as DIR/NNN.svg\n"
	  "  --check C       the invariants after each statement: changed\n"
	  "                  (default: what the statement touched), full\n"
	  "                  (everything) or off; 'check' and the end of a\n"
	  "                  scenario always check everything\n",
	  NULL },
	{ "matrix", cmd_matrix,
	  "matrix FILE... [--check] [--format text|json] [--target T]...\n"
	  "                [--html DIR]",
	  "Run every FILE under every historical design and print which\n"
	  "designs break it (LEAK, STALE, LOST-WRITE), and where an expect\n"
	  "or check fails without a property broken (FAIL).\n"
	  "\n"
	  "  --check         fail if a cell disagrees with the file's\n"
	  "                  broken-under list, or a real kernel with the\n"
	  "                  model\n"
	  "  --format F      text (default) or json\n"
	  "  --target T      also run the column of that kernel's design on\n"
	  "                  the kernel itself, --backend both (host: latest,\n"
	  "                  vm:6.12: v6.12, vm:6.1: v6.1; root); the cell\n"
	  "                  says + if it agreed on every observation, ! if\n"
	  "                  not, ? if it could not run the file.  Repeat\n"
	  "                  for several kernels\n"
	  "  --html DIR      also DIR/index.html: the table, each cell a\n"
	  "                  link to the stepper of that run (run --html)\n",
	  NULL },
	{ "explore", cmd_explore,
	  "explore [--policy P] [--procs N] [--pages N] [--depth N]\n"
	  "                [--pins N] [--ops LIST] [--find WHAT]\n"
	  "                [--foll-get-fork]\n"
	  "                [--max-states N] [--max-memory MIB] [--jobs N]\n"
	  "                [--out FILE] [--format text|json]\n"
	  "        explore --random [--seed S] [--steps N] [--walks K]\n"
	  "                [--backend model|both] [the options above]",
	  "Search every sequence of operations on the model, breadth\n"
	  "first, for a state that breaks an invariant or a behaviour\n"
	  "property (LEAK, STALE, LOST-WRITE), and print the first, a\n"
	  "shortest, as a scenario file that reproduces it.  Exit 1 for a\n"
	  "violation, 0 for none within the bounds (docs/explore.md).\n"
	  "\n"
	  "  --policy P      the design (default latest)\n"
	  "  --procs N       live processes at most (default 2, max 4)\n"
	  "  --pages N       pages of the region (default 2, max 4)\n"
	  "  --depth N       steps at most (default 6, max 14)\n"
	  "  --pins N        handles held at once (default 1, max 3)\n"
	  "  --ops LIST      the alphabet, comma-separated (default all):\n"
	  "                  read write fork exit dontneed mprotect ro-get\n"
	  "                  rw-get rw-pin ro-pin unpin dma-write dma-read\n"
	  "                  swapout swapoff ksm migrate\n"
	  "  --find WHAT     what ends the search: any (default),\n"
	  "                  invariant, leak, stale or lost-write; the\n"
	  "                  search goes on through the others\n"
	  "  --foll-get-fork report violations that need a FOLL_GET write\n"
	  "                  reference across fork (no kernel protects one)\n"
	  "  --max-states N  stop after N states (default 20000000)\n"
	  "  --max-memory M  stop at M MiB of search state (default 1024)\n"
	  "  --jobs N        threads expanding each level (default 1)\n"
	  "  --out FILE      the scenario into FILE, not stdout\n"
	  "  --random        random walks instead (--seed S, default 1;\n"
	  "                  --steps N, default 20; --walks K, default\n"
	  "                  1000): a walk fails when the model breaks, or\n"
	  "                  its scenario's expectations fail; shrunk\n"
	  "  --backend both  each walk also on the live kernel, compared\n"
	  "  --format F      text (default) or json\n",
	  NULL },
	{ "inspect", cmd_inspect, "inspect PID [START-END]",
	  "Print the anonymous memory of live process PID in the words of\n"
	  "the kernel's page-types tool, page by page, and a summary per\n"
	  "mapping.  START and END are hexadecimal addresses.  Needs root.\n",
	  NULL },
	{ "policies", cmd_policies, "policies",
	  "List the historical designs the model can replay, with the\n"
	  "kernel commits each stands for.\n",
	  NULL },
	{ "statements", cmd_statements, "statements",
	  "List the statements of the scenario language with their syntax,\n"
	  "by class, from the parser's own table (man 5 mmsim-scenario says\n"
	  "what they mean).\n",
	  sim_statements_print },
	{ "help", cmd_help, "help [COMMAND]",
	  "This summary, or what COMMAND does and its options.\n", NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};

static int usage(FILE *f, int status)
{
	const struct command *c;

	for (c = commands; c->name; c++)
		fprintf(f, "%s mmsim %s\n", c == commands ? "usage:" : "      ",
			c->synopsis);
	fprintf(f, "       mmsim --version\n"
		   "Scenario files: man 5 mmsim-scenario (before make "
		   "install: man ./man/mmsim-scenario.5).\n");
	return status;
}

static const struct command *find_command(const char *name)
{
	const struct command *c;

	for (c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

static int command_help(const struct command *c)
{
	printf("usage: mmsim %s\n\n%s", c->synopsis, c->help);
	if (c->more) {
		putchar('\n');
		c->more(stdout);
	}
	return 0;
}

static int cmd_help(int argc, char **argv)
{
	const struct command *c;

	if (!argc)
		return usage(stdout, 0);
	c = find_command(argv[0]);
	if (!c) {
		fprintf(stderr, "mmsim: no command '%s'\n", argv[0]);
		return usage(stderr, 2);
	}
	return command_help(c);
}

static int cmd_statements(int argc, char **argv)
{
	if (argc) {
		fprintf(stderr, "mmsim statements: unexpected '%s'\n", argv[0]);
		return usage(stderr, 2);
	}
	sim_statements_print(stdout);
	return 0;
}

static int cmd_policies(int argc, char **argv)
{
	const struct sim_policy *const *p;

	for (p = sim_policies(); *p; p++) {
		printf("%-7s %s\n", (*p)->name, (*p)->desc);
		printf("%-7s   commits: %s\n", "", (*p)->commits);
	}
	printf("\n'latest' (alias 'v6.18') is the default.  Knob: "
	       "POLICY,swp_exclusive=off models an\narchitecture without "
	       "the swap-PTE exclusive bit (e.g. v5.19,swp_exclusive=off).\n"
	       "Knob: POLICY,pt_poison=kill models seed 003: the owner of a "
	       "poisoned page table,\nnamed by its pt_mm, is killed.\n");
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
		/* The table always checks in full: matrix has no --check. */
		if (!strcmp(argv[i], "--check") && i + 1 < argc) {
			i++;
			continue;
		}
		rest[n++] = argv[i];
	}
	ret = cmd_matrix(n, rest);
	free(rest);
	return ret;
}

/*
 * The index of @v in the NULL-ended @words, the values of option @what;
 * or -1 after saying which it takes ("unknown check 'x' (changed, full or
 * off)").
 */
static int option_word(const char *what, const char *v,
		       const char *const *words)
{
	int i, n;

	for (n = 0; words[n]; n++)
		if (!strcmp(v, words[n]))
			return n;
	fprintf(stderr, "mmsim: unknown %s '%s' (", what, v);
	for (i = 0; i < n; i++)
		fprintf(stderr, "%s%s", words[i],
			i == n - 1 ? ")\n" :
			i == n - 2 ? " or " :
				     ", ");
	return -1;
}

/*
 * The pictures of a run: the stepper page into @html, an SVG per frame
 * into @svgdir (000.svg is the start, then one per statement).
 */
static int draw(const struct sim_frames *fs, const char *html,
		const char *svgdir)
{
	unsigned int k;
	FILE *f;

	if (html) {
		f = fopen(html, "w");
		if (!f) {
			fprintf(stderr, "mmsim: cannot write %s: %s\n", html,
				strerror(errno));
			return -1;
		}
		sim_render_html(f, fs);
		fclose(f);
	}
	if (!svgdir)
		return 0;
	if (mkdir(svgdir, 0755) && errno != EEXIST) {
		fprintf(stderr, "mmsim: cannot make %s: %s\n", svgdir,
			strerror(errno));
		return -1;
	}
	for (k = 0; k < fs->n; k++) {
		char path[4096];

		snprintf(path, sizeof(path), "%s/%03u.svg", svgdir, k);
		f = fopen(path, "w");
		if (!f) {
			fprintf(stderr, "mmsim: cannot write %s: %s\n", path,
				strerror(errno));
			return -1;
		}
		fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		sim_render_svg(f, fs, k, 0);
		fclose(f);
	}
	return 0;
}

static int cmd_run(int argc, char **argv)
{
	struct sim_run_opts o = { .out = stdout,
				  .err = stderr,
				  .kernel_create = sim_backend_kernel_create };
	struct sim_scenario **sc = NULL;
	int nfiles = 0, i, status = 0;
	bool vm_target = false;
	struct cli_target target = { 0 };
	const char *html = NULL, *svgdir = NULL;
	/* Any number of files: none may be dropped. */
	const char **files = calloc((size_t)argc + 1, sizeof(*files));

	if (!files)
		abort();
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--trace")) {
			o.trace = true;
		} else if (!strcmp(a, "--target")) {
			const char *v = i + 1 < argc ? argv[++i] : NULL;

			/* host (the default), or vm:VERSION (host/vm.c). */
			if (v && !cli_parse_target(v, &target) &&
			    !cli_select_target(&target)) {
				o.kernel_create = target.create;
				vm_target = target.vm;
			} else {
				fprintf(stderr,
					"mmsim: unknown target '%s' (host, "
					"vm:6.12 or vm:6.1)\n",
					v ? v : "");
				status = 2;
				goto out;
			}
		} else if (!strcmp(a, "--policy") || !strcmp(a, "--format") ||
			   !strcmp(a, "--backend") || !strcmp(a, "--check")) {
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
			} else {
				/* The enums count in the order of these words. */
				static const char *const check[] = {
					"changed", "full", "off", NULL
				};
				static const char *const format[] = { "tap",
								      "json",
								      NULL };
				static const char *const backend[] = {
					"model", "kernel", "both", NULL
				};
				int w = a[2] == 'c' ?
						option_word("check", v, check) :
					a[2] == 'f' ? option_word("format", v,
								  format) :
						      option_word("backend", v,
								  backend);

				if (w < 0) {
					status = 2;
					goto out;
				}
				if (a[2] == 'c')
					o.check = (enum sim_check_mode)w;
				else if (a[2] == 'f')
					o.format = (enum sim_format)w;
				else
					o.backend = (enum sim_backend_kind)w;
			}
		} else if (!strcmp(a, "--html") || !strcmp(a, "--svg")) {
			const char *v = i + 1 < argc ? argv[++i] : NULL;

			if (!v) {
				fprintf(stderr, "mmsim: %s needs a value\n", a);
				status = 2;
				goto out;
			}
			if (a[2] == 'h')
				html = v;
			else
				svgdir = v;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "mmsim: unknown option '%s'\n", a);
			status = usage(stderr, 2);
			goto out;
		} else {
			files[nfiles++] = a;
		}
	}
	if ((html || svgdir) && nfiles != 1) {
		fprintf(stderr, "mmsim: --html and --svg draw one scenario "
				"file\n");
		status = 2;
		goto out;
	}
	/* A kernel to run on needs a backend that runs on a kernel. */
	if (vm_target && o.backend == SIM_BACKEND_MODEL) {
		fprintf(stderr, "mmsim: --target vm:... needs --backend kernel "
				"or both\n");
		status = 2;
		goto out;
	}
	/*
	 * A VM's kernel is a version the designs know: unless told otherwise
	 * the model follows it (--target vm:6.12 models v6.12).  The host
	 * (6.18) is the default design already.
	 */
	if (vm_target)
		o.default_policy = target.policy;
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
	if (html || svgdir)
		o.frames = sim_frames_new();
	for (i = 0; i < nfiles; i++) {
		int s = sim_scenario_run(sc[i], &o);

		if (s > status)
			status = s;
		if (o.frames) {
			o.frames->policy =
				o.policy ? o.policy :
				sim_scenario_policy(sc[i]) ?
					   sim_scenario_policy(sc[i]) :
				o.default_policy ? o.default_policy :
						   SIM_POLICY_DEFAULT;
			if (draw(o.frames, html, svgdir) && status < 2)
				status = 2;
		}
		sim_scenario_free(sc[i]);
	}
	sim_frames_free(o.frames);
out:
	free(sc);
	free(files);
	return status;
}

int cli_parse_target(const char *v, struct cli_target *t)
{
	static const struct cli_target targets[] = {
		{ "host", sim_backend_kernel_create, false, "latest" },
		{ "vm:6.12", sim_backend_vm_create, true, "v6.12" },
		{ "vm:6.1", sim_backend_vm_create, true, "v6.1" },
	};
	size_t i;

	for (i = 0; i < sizeof(targets) / sizeof(targets[0]); i++)
		if (!strcmp(v, targets[i].name)) {
			*t = targets[i];
			return 0;
		}
	return -EINVAL;
}

int cli_select_target(const struct cli_target *t)
{
	return t->vm ? sim_vm_set_target(t->name + 3) : 0;
}

int main(int argc, char **argv)
{
	const struct command *c;
	int i;

	/* The guest's init, in a VM of --target vm:VERSION (host/vm.c). */
	if (getpid() == 1)
		sim_vm_guest_main();
	if (argc < 2)
		return usage(stderr, 2);
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("mmsim %s\n", MMSIM_VERSION);
		return 0;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return usage(stdout, 0);
	c = find_command(argv[1]);
	if (!c) {
		fprintf(stderr, "mmsim: unknown command '%s'\n", argv[1]);
		return usage(stderr, 2);
	}
	/* CMD --help anywhere before a "--": the command's help. */
	for (i = 2; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return command_help(c);
	return c->fn(argc - 2, argv + 2);
}
