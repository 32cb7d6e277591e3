/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the harness's files share beyond the public API (include/mmsim.h):
 * the machine (include/linux/sim_machine.h) and the checks of the
 * behaviour properties that run after every statement.
 */
#ifndef MMSIM_HARNESS_HARNESS_H
#define MMSIM_HARNESS_HARNESS_H

#include "linux/sim_machine.h"

/* The properties of every held GUP handle (LEAK, STALE, LOST-WRITE). */
void sim_check_pins(struct sim *sim);

/*
 * Whether the design @policy has the rule @id (harness/violation.c): the
 * exclusivity invariants need PG_anon_exclusive, I7 the swap-PTE bit.
 */
bool sim_violation_checked(const struct sim_policy *policy,
			   enum sim_violation_id id);

#endif /* MMSIM_HARNESS_HARNESS_H */
