// SPDX-License-Identifier: GPL-2.0-only
/*
 * The names of the capabilities a scenario may require (`requires CAP`,
 * docs/scenario-language.md): the one list of them.
 */
#include <string.h>

#include "scenario/backend.h"

static const char *const cap_names[SIM_NR_CAPS] = {
	[SIM_CAP_NONE] = "none",
	[SIM_CAP_SWAP] = "swap",
	[SIM_CAP_THP] = "thp",
	[SIM_CAP_KSM] = "ksm",
	[SIM_CAP_UFFD] = "uffd",
	[SIM_CAP_IOURING] = "iouring",
	[SIM_CAP_VMSPLICE] = "vmsplice",
	[SIM_CAP_GUP_TEST] = "gup_test",
	[SIM_CAP_ROOT] = "root",
	[SIM_CAP_HWPOISON] = "hwpoison",
	[SIM_CAP_SOFT_DIRTY] = "soft-dirty",
};

const char *sim_cap_name(enum sim_cap cap)
{
	return cap < SIM_NR_CAPS ? cap_names[cap] : "none";
}

enum sim_cap sim_cap_lookup(const char *name)
{
	int i;

	for (i = SIM_CAP_NONE + 1; i < SIM_NR_CAPS; i++)
		if (!strcmp(name, cap_names[i]))
			return i;
	return SIM_CAP_NONE;
}
