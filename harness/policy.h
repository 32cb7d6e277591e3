/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The named historical designs (harness/policy.c): each is a struct
 * sim_policy (include/linux/sim_policy.h) filled with the decisions of a
 * kernel version.
 */
#ifndef MMSIM_HARNESS_POLICY_H
#define MMSIM_HARNESS_POLICY_H

#include "linux/sim_policy.h"

/*
 * Look up @spec ("v5.19", "latest", "v5.19,swp_exclusive=off") and fill
 * @out.  Returns 0, or -EINVAL with a message in @err.
 */
int sim_policy_parse(const char *spec, struct sim_policy *out, char *err,
		     unsigned long errlen);
/* The named policies in history order, NULL-terminated. */
const struct sim_policy *const *sim_policies(void);

#endif /* MMSIM_HARNESS_POLICY_H */
