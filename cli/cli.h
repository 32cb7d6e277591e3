/* SPDX-License-Identifier: GPL-2.0-only */
/* The mmsim commands. */
#ifndef MMSIM_CLI_H
#define MMSIM_CLI_H

#include <stdbool.h>

#include "scenario/scenario.h"

int cmd_matrix(int argc, char **argv);
/* mmsim explore: search the model for a violation (explore/). */
int cmd_explore(int argc, char **argv);

/*
 * A --target: "host" or "vm:6.12" / "vm:6.1".  Sets the kernel backend's
 * constructor, whether it is a VM, and the design that stands for that
 * kernel (latest, v6.12, v6.1).  -EINVAL for an unknown target.
 */
struct cli_target {
	const char *name;
	sim_backend_create_fn create;
	bool vm;
	const char *policy;
};
int cli_parse_target(const char *v, struct cli_target *t);
/* Make @t the kernel that the next kernel backend runs on. */
int cli_select_target(const struct cli_target *t);
/* mmsim inspect PID [START-END]: a live process's anonymous memory. */
int cmd_inspect(int argc, char **argv);

#endif /* MMSIM_CLI_H */
