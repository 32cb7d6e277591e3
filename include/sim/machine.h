/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The machine-wide state that the live-kernel backend changes for a
 * scenario, and its restoration: a swap device of the scenario's own (a
 * swap file, or a zram device for `swapdev sync`) and the KSM settings in
 * /sys/kernel/mm/ksm.  Both are shared by the whole machine, so:
 *
 *  - one lock, flock() on SIM_MACHINE_LOCK, serialises the scenarios that
 *    use swap or KSM across mmsim processes (two at once would swap to,
 *    swap off and merge each other's pages);
 *  - what mmsim creates or changes is recorded first in a state file named
 *    after mmsim's pid in SIM_MACHINE_DIR (the swap file itself,
 *    mmsim-zram.PID, mmsim-ksm.PID), and undone at the end of the
 *    scenario, from signal handlers (async-signal-safe), and, after a
 *    SIGKILL, by the next mmsim that takes the lock;
 *  - the machine's own swap and a KSM run by someone else are used as they
 *    are and never changed.
 *
 * One process holds at most one such state at a time (the runner runs
 * files one by one), hence file-scope state: signal handlers need it.
 * Functions return 0 or -errno unless documented otherwise.
 */
#ifndef MMSIM_SIM_MACHINE_H
#define MMSIM_SIM_MACHINE_H

#include <stdbool.h>
#include <stddef.h>

#define SIM_MACHINE_DIR "/var/tmp"
#define SIM_MACHINE_LOCK SIM_MACHINE_DIR "/mmsim.lock"
/* The scenario's swap file: SIM_MACHINE_DIR "/mmsim-swap.PID". */
#define SIM_MACHINE_SWAP_PREFIX "mmsim-swap."
#define SIM_MACHINE_ZRAM_PREFIX "mmsim-zram."
#define SIM_MACHINE_KSM_PREFIX "mmsim-ksm."
/* Size of the scenario's swap file or zram device. */
#define SIM_MACHINE_SWAP_BYTES (64UL << 20)

/*
 * Take the lock, waiting up to @timeout_ms, then undo what dead mmsim
 * processes left behind.  Returns 0, -ETIMEDOUT or -errno.
 */
int sim_machine_lock(int timeout_ms);
/* Without waiting: clean stale state if the lock is free right now. */
void sim_machine_clean_stale(void);

/* The swap devices that are on (from /proc/swaps), ours excluded. */
struct sim_machine_swaps {
	int n; /* devices on */
	int max_prio; /* the highest priority among them */
	/* The first device of the highest priority, and whether it is zram. */
	char top[256];
	bool top_sync;
};
int sim_machine_swaps(struct sim_machine_swaps *s);

/*
 * Create the scenario's swap device and swap on it: a swap file (@zram
 * false) or a new zram device (hot_add), at priority @prio (< 0: the
 * kernel's default).  On failure, @err says why, and nothing is left.
 */
int sim_machine_swap_create(bool zram, int prio, char *err, size_t errlen);
/* The path of the scenario's swap device, or NULL if there is none. */
const char *sim_machine_swap_path(void);
/* swapoff and remove the scenario's swap device. */
int sim_machine_swap_remove(void);

/*
 * Let ksmd run with a fast scan: the settings that differ from what mmsim
 * needs are saved (in mmsim-ksm.PID first) and changed, then run=1.
 * Returns 0, or 1 if KSM was already running (someone else's: nothing is
 * changed), or -errno.
 */
int sim_machine_ksm_start(void);
/*
 * Wait until ksmd has completed @passes more full scans (full_scans),
 * within @timeout_ms.  Returns 0, or 1 if no scan completed for @idle_ms
 * (> 0): ksmd has nothing to scan (it forgets an mm once it finds no
 * mergeable region in it, and then sleeps), or -ETIMEDOUT.
 */
int sim_machine_ksm_wait(unsigned long passes, int idle_ms, int timeout_ms);
/* run=0 again if mmsim started ksmd; the other settings stay until restore. */
void sim_machine_ksm_pause(void);

/*
 * Undo everything of this process: swap device off and removed, KSM
 * settings written back, state files removed, lock dropped.
 */
void sim_machine_restore(void);
/* The same from a signal handler: only async-signal-safe calls. */
void sim_machine_restore_signal_safe(void);

#endif /* MMSIM_SIM_MACHINE_H */
