// SPDX-License-Identifier: GPL-2.0-only
/*
 * THP counters on the live kernel (`expect thp-counter`): /proc/vmstat's
 * thp_* lines and the per-size stats of
 * /sys/kernel/mm/transparent_hugepage/hugepages-NkB/stats/ (6.8+; swpin
 * 6.13+), read once when the backend is created (again when it takes the
 * machine lock, on a shared machine) and again at each expectation: the
 * scenario sees how much each grew.
 *
 * The counters are the machine's, not the scenario's.  In a vm: guest
 * (mmsim is PID 1) nothing else runs.  On a shared host other processes
 * fault THPs and split PMDs all the time (seen here: thp_fault_alloc grew
 * by 120 in 20 s with no mmsim running), so thp_fault_alloc, the PMD
 * size's anon_fault_alloc and thp_split_pmd are unobservable there; swap
 * counters only move under MADV_PAGEOUT or memory pressure and the mTHP
 * sizes' fault counters only while a scenario turned a size on, both
 * under the machine lock, so the host reports them (a host under memory
 * pressure would make the swap ones unreliable too).
 *
 * deferred-split runs the deferred split shrinker the one way user space
 * can: drop_caches (2: slab objects; drop_slab runs every shrinker,
 * deferred_split_scan included).  Only in a vm: guest: on the shared host
 * it would also empty every other process's slab caches.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "host/kernel.h"
#include "scenario/backend.h"

#define K_THP_SYSFS "/sys/kernel/mm/transparent_hugepage"

/* The file names, by enum sim_thp_event: vmstat line, per-size stat. */
static const char *const k_vmstat_name[NR_SIM_THP_EVENTS] = {
	[SIM_THP_EV_FAULT_ALLOC] = "thp_fault_alloc",
	[SIM_THP_EV_SWPOUT] = "thp_swpout",
	[SIM_THP_EV_SWPOUT_FALLBACK] = "thp_swpout_fallback",
	[SIM_THP_EV_SPLIT_PMD] = "thp_split_pmd",
	[SIM_THP_EV_SPLIT] = "thp_split_page",
	[SIM_THP_EV_SPLIT_DEFERRED] = "thp_deferred_split_page",
};

static const char *const k_stat_name[NR_SIM_THP_EVENTS] = {
	[SIM_THP_EV_FAULT_ALLOC] = "anon_fault_alloc",
	[SIM_THP_EV_SWPOUT] = "swpout",
	[SIM_THP_EV_SWPOUT_FALLBACK] = "swpout_fallback",
	[SIM_THP_EV_SWPIN] = "swpin",
	[SIM_THP_EV_SPLIT] = "split",
	[SIM_THP_EV_SPLIT_DEFERRED] = "split_deferred",
};

static bool k_in_guest(void)
{
	return getpid() == 1;
}

/* The vmstat line @name, or false if there is none. */
static bool k_vmstat_read(const char *name, unsigned long *val)
{
	char line[256], key[128];
	unsigned long v;
	bool found = false;
	FILE *f = fopen("/proc/vmstat", "re");

	if (!f)
		return false;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%127s %lu", key, &v) == 2 &&
		    !strcmp(key, name)) {
			*val = v;
			found = true;
			break;
		}
	fclose(f);
	return found;
}

static bool k_stat_read(unsigned int order, const char *name,
			unsigned long *val)
{
	char path[160];
	FILE *f;
	bool ok;

	snprintf(path, sizeof(path), K_THP_SYSFS "/hugepages-%ukB/stats/%s",
		 4U << order, name);
	f = fopen(path, "re");
	if (!f)
		return false;
	ok = fscanf(f, "%lu", val) == 1;
	fclose(f);
	return ok;
}

/* Counter @ev of @order (0: the vmstat line) now; false if none. */
static bool k_counter_read(unsigned int ev, unsigned int order,
			   unsigned long *val)
{
	if (ev >= NR_SIM_THP_EVENTS || order > SIM_THP_MAX_ORDER)
		return false;
	if (!order)
		return k_vmstat_name[ev] &&
		       k_vmstat_read(k_vmstat_name[ev], val);
	return k_stat_name[ev] && k_stat_read(order, k_stat_name[ev], val);
}

/* k_counters_snapshot - the values the scenario's deltas start from. */
void k_counters_snapshot(struct kernel_backend *k)
{
	unsigned int ev, order;

	for (ev = 0; ev < NR_SIM_THP_EVENTS; ev++)
		for (order = 0; order <= SIM_THP_MAX_ORDER; order++)
			k->thp_base_ok[ev][order] = k_counter_read(
				ev, order, &k->thp_base[ev][order]);
}

/* On a shared host: again once the machine lock is ours. */
void k_counters_locked(struct kernel_backend *k)
{
	if (!k_in_guest())
		k_counters_snapshot(k);
}

int k_thp_counter(struct sim_backend *b, unsigned int ev, unsigned int order,
		  unsigned long *val, const char **why)
{
	struct kernel_backend *k = kb(b);
	unsigned long now;

	if (!k_in_guest() && (ev == SIM_THP_EV_SPLIT_PMD ||
			      (ev == SIM_THP_EV_FAULT_ALLOC &&
			       (!order || order == SIM_THP_MAX_ORDER)))) {
		*why = "a machine-wide THP counter that other processes on "
		       "this shared host change all the time";
		return -EOPNOTSUPP;
	}
	if (ev >= NR_SIM_THP_EVENTS || order > SIM_THP_MAX_ORDER ||
	    !k->thp_base_ok[ev][order] || !k_counter_read(ev, order, &now)) {
		*why = order ? "this kernel has no such per-size THP stat "
			       "(hugepages-NkB/stats/, 6.8+; swpin 6.13+)" :
			       "this kernel has no such /proc/vmstat line";
		return -EOPNOTSUPP;
	}
	*val = now - k->thp_base[ev][order];
	return 0;
}

int k_deferred_split(struct sim_backend *b)
{
	struct kernel_backend *k = kb(b);
	FILE *f;
	int ret = 0;

	if (!k_in_guest())
		return k_unsupported(k, "deferred-split writes drop_caches, "
					"which a shared host should not "
					"(vm: targets only)");
	sync();
	f = fopen("/proc/sys/vm/drop_caches", "we");
	if (!f)
		return k_unsupported(k, "no /proc/sys/vm/drop_caches");
	if (fputs("2\n", f) < 0)
		ret = -errno;
	if (fclose(f) && !ret)
		ret = -errno;
	return ret;
}
