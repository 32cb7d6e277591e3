// SPDX-License-Identifier: GPL-2.0-only
/*
 * The violation ids (include/mmsim.h): one table gives each its name, its
 * class and, for the rules of the PG_anon_exclusive design, the policy
 * field without which the checker does not check it.  The names are what
 * the scenario runner prints, so the corpus's expected output pins them.
 */
#include "harness/harness.h"

/* The policy field a rule of the PG_anon_exclusive design needs. */
enum violation_needs {
	ANY_POLICY,
	/* Before v5.19 there is no PG_anon_exclusive: these do not hold. */
	NEEDS_ANON_EXCLUSIVE,
	/* The swap-PTE exclusive bit, which a 5.19+ policy may turn off. */
	NEEDS_SWP_EXCLUSIVE,
};

struct violation_info {
	const char *name;
	enum sim_violation_class class;
	enum violation_needs needs;
};

static const struct violation_info violations[NR_SIM_VIOLATIONS] = {
	[SIM_V_I1] = { "I1", SIM_VC_INVARIANT, NEEDS_ANON_EXCLUSIVE },
	[SIM_V_I2] = { "I2", SIM_VC_INVARIANT, NEEDS_ANON_EXCLUSIVE },
	[SIM_V_I3] = { "I3", SIM_VC_INVARIANT, NEEDS_ANON_EXCLUSIVE },
	[SIM_V_I4] = { "I4", SIM_VC_INVARIANT, NEEDS_ANON_EXCLUSIVE },
	[SIM_V_I5] = { "I5", SIM_VC_INVARIANT, ANY_POLICY },
	[SIM_V_I6] = { "I6", SIM_VC_INVARIANT, NEEDS_ANON_EXCLUSIVE },
	[SIM_V_I7] = { "I7", SIM_VC_INVARIANT, NEEDS_SWP_EXCLUSIVE },
	[SIM_V_I9] = { "I9", SIM_VC_INVARIANT, ANY_POLICY },
	[SIM_V_I10] = { "I10", SIM_VC_INVARIANT, ANY_POLICY },
	[SIM_V_MAPCOUNT] = { "mapcount", SIM_VC_INVARIANT, ANY_POLICY },
	[SIM_V_PT_MM] = { "pt_mm", SIM_VC_INVARIANT, ANY_POLICY },
	[SIM_V_FREED] = { "freed", SIM_VC_INVARIANT, ANY_POLICY },
	[SIM_V_LEAK] = { "leak", SIM_VC_INVARIANT, ANY_POLICY },
	[SIM_V_RSS] = { "rss", SIM_VC_INVARIANT, ANY_POLICY },
	[SIM_V_SWAP] = { "swap", SIM_VC_INVARIANT, ANY_POLICY },
	[SIM_V_FOLIO] = { "folio", SIM_VC_INVARIANT, ANY_POLICY },
	[SIM_V_PROP_LEAK] = { "property isolation (LEAK)", SIM_VC_PROPERTY,
			      ANY_POLICY },
	[SIM_V_PROP_STALE] = { "property pin coherence (STALE)",
			       SIM_VC_PROPERTY, ANY_POLICY },
	[SIM_V_PROP_LOST_WRITE] = { "property lost write (LOST-WRITE)",
				    SIM_VC_PROPERTY, ANY_POLICY },
	[SIM_V_PGFLAGS] = { "PGFLAGS", SIM_VC_WARNING, ANY_POLICY },
	[SIM_V_VM_WARN] = { "VM_WARN", SIM_VC_WARNING, ANY_POLICY },
	[SIM_V_UFFD_WP] = { "uffd-wp", SIM_VC_INVARIANT, ANY_POLICY },
	[SIM_V_HWPOISON] = { "hwpoison", SIM_VC_INVARIANT, ANY_POLICY },
	[SIM_V_SOFT_DIRTY] = { "soft-dirty", SIM_VC_INVARIANT, ANY_POLICY },
};

static const struct violation_info *violation_info(enum sim_violation_id id)
{
	if ((unsigned int)id >= NR_SIM_VIOLATIONS)
		return NULL;
	return &violations[id];
}

const char *sim_violation_name(enum sim_violation_id id)
{
	const struct violation_info *vi = violation_info(id);

	return vi ? vi->name : NULL;
}

enum sim_violation_class sim_violation_class(enum sim_violation_id id)
{
	const struct violation_info *vi = violation_info(id);

	return vi ? vi->class : 0;
}

bool sim_violation_is_property(enum sim_violation_id id)
{
	return sim_violation_class(id) == SIM_VC_PROPERTY;
}

bool sim_violation_checked(const struct sim_policy *policy,
			   enum sim_violation_id id)
{
	const struct violation_info *vi = violation_info(id);

	if (!vi)
		return false;
	switch (vi->needs) {
	case NEEDS_ANON_EXCLUSIVE:
		return policy->anon_exclusive;
	case NEEDS_SWP_EXCLUSIVE:
		return policy->swp_exclusive;
	case ANY_POLICY:
		break;
	}
	return true;
}
