/* SPDX-License-Identifier: GPL-2.0-only */
/* The mmsim commands. */
#ifndef MMSIM_CLI_H
#define MMSIM_CLI_H

int cmd_matrix(int argc, char **argv);
/* mmsim inspect PID [START-END]: a live process's anonymous memory. */
int cmd_inspect(int argc, char **argv);

#endif /* MMSIM_CLI_H */
