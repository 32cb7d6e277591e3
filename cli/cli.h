/* SPDX-License-Identifier: GPL-2.0-only */
/* The mmsim commands. */
#ifndef MMSIM_CLI_H
#define MMSIM_CLI_H

int cmd_matrix(int argc, char **argv);

#endif /* MMSIM_CLI_H */
