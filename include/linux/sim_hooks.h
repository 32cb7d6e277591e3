/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Model-only: the seam between the modelled kernel and the simulator that
 * runs it, as the arch hooks are between generic mm and arch code.  The
 * model (mm/, kernel/, arch/, include/linux/) reaches the simulator only
 * through what is declared here, and the harness (harness/) provides it:
 *
 *  - sim_trace(): one line per kernel path taken, for --trace; free when
 *    no trace hook is set;
 *  - sim_warn() and VM_WARN_ON(): a state the model itself must never
 *    reach, reported by the next invariant check instead of a crash;
 *  - the event counters (enum sim_event) and the violation record, which
 *    are part of the public API (include/mmsim.h).
 */
#ifndef MMSIM_LINUX_SIM_HOOKS_H
#define MMSIM_LINUX_SIM_HOOKS_H

#include "mmsim.h"

struct sim;

/*
 * The first member of struct sim: what the hooks look at inline, so that
 * a hook that has nothing to do costs a load and a branch.
 */
struct sim_hooks {
	sim_trace_fn trace;
	void *trace_ctx;
};

static inline const struct sim_hooks *sim_hooks_of(const struct sim *sim)
{
	return (const struct sim_hooks *)(const void *)sim;
}

void __sim_trace(struct sim *sim, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The arguments are not even evaluated when no trace hook is set. */
#define sim_trace(sim_, ...)                                          \
	do {                                                          \
		struct sim *__ts = (sim_);                            \
                                                                      \
		if (__builtin_expect(!!sim_hooks_of(__ts)->trace, 0)) \
			__sim_trace(__ts, __VA_ARGS__);               \
	} while (0)

void sim_warn(struct sim *sim, const char *where, const char *what);
#define VM_WARN_ON(sim, cond) \
	((cond) ? sim_warn((sim), __func__, #cond) : (void)0)

#endif /* MMSIM_LINUX_SIM_HOOKS_H */
