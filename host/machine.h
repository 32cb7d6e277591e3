/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The machine-wide state that the live-kernel backend changes for a
 * scenario, and its restoration: a swap device of the scenario's own (a
 * swap file, or a zram device for `swapdev sync`), the KSM settings in
 * /sys/kernel/mm/ksm and the THP sizes of `thp-sizes`.  All are shared by
 * the whole machine, and mmsim runs as root on a machine other users
 * share, so:
 *
 *  - one lock, flock() on SIM_MACHINE_LOCK_NAME in the run directory,
 *    serialises the scenarios that use swap or KSM across mmsim processes
 *    (two at once would swap to, swap off and merge each other's pages);
 *  - what mmsim creates or changes is recorded before it is made, in a
 *    state file named after mmsim's pid (the swap file itself in
 *    SIM_MACHINE_SWAP_DIR; zram.PID and ksm.PID in SIM_MACHINE_RUN_DIR),
 *    and undone at the end of the scenario, from signal handlers
 *    (async-signal-safe), and, after a SIGKILL at any point, by the next
 *    mmsim that takes the lock;
 *  - both directories are root's own, mode 0700, and every file in them is
 *    trusted only if it is a regular file owned by root, of mode 0600, with
 *    one link, opened without following symlinks and without blocking;
 *    anything else is refused with a message on stderr and left alone;
 *  - a record made during another boot of the machine is forgotten, not
 *    acted on: its zram device and KSM settings died with that boot;
 *  - the machine's own swap and a KSM run by someone else are used as they
 *    are and never changed.
 *
 * One process holds at most one such state at a time (the runner runs
 * files one by one), hence file-scope state: signal handlers need it.
 * Functions return 0 or -errno unless documented otherwise.
 */
#ifndef MMSIM_HOST_MACHINE_H
#define MMSIM_HOST_MACHINE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The lock and the records of zram devices and KSM settings: /run is
 * cleared at boot where it is a tmpfs, and the records carry the boot id
 * where it is not.
 */
#define SIM_MACHINE_RUN_DIR "/run/mmsim"
/* Swap files need a disk file system, which /run is usually not. */
#define SIM_MACHINE_SWAP_DIR "/var/lib/mmsim"
#define SIM_MACHINE_LOCK_NAME "lock"
/*
 * swap.PID in SIM_MACHINE_SWAP_DIR; zram.PID, ksm.PID, thp.PID in the run
 * dir.
 */
#define SIM_MACHINE_SWAP_PREFIX "swap."
#define SIM_MACHINE_ZRAM_PREFIX "zram."
#define SIM_MACHINE_KSM_PREFIX "ksm."
#define SIM_MACHINE_THP_PREFIX "thp."
#define SIM_MACHINE_VM_PREFIX "vm."
/*
 * Environment variables naming other directories, for tests that must not
 * disturb the machine's mmsim state (the same checks apply to them).
 */
#define SIM_MACHINE_RUN_DIR_ENV "MMSIM_RUN_DIR"
#define SIM_MACHINE_SWAP_DIR_ENV "MMSIM_SWAP_DIR"
/*
 * In a VM guest only (host/vm-guest.c sets it): the block device that
 * stands for the swap file, whose file system the guest does not have.
 */
#define SIM_MACHINE_SWAP_BLOCKDEV_ENV "MMSIM_SWAP_BLOCKDEV"
/*
 * Tests only: "MMSIM_CRASH_AT=STEP" kills mmsim with SIGKILL when it
 * reaches STEP, to show that every step can be undone by the next run;
 * "STEP:INT" and "STEP:TERM" send it that signal there instead, to show
 * that its handler undoes every step at once.
 */
#define SIM_MACHINE_CRASH_ENV "MMSIM_CRASH_AT"
/* Size of the scenario's swap file or zram device. */
#define SIM_MACHINE_SWAP_BYTES (64UL << 20)

/*
 * Take the lock, waiting up to @timeout_ms, then undo what dead mmsim
 * processes left behind.  Returns 0, -ETIMEDOUT or -errno; on failure
 * @err (if not NULL) says why.
 */
int sim_machine_lock(int timeout_ms, char *err, size_t errlen);
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
 * Needs the lock.
 */
int sim_machine_swap_create(bool zram, int prio, unsigned long bytes, char *err,
			    size_t errlen);
/* swapoff and remove the scenario's swap device. */
int sim_machine_swap_remove(void);

/*
 * A new regular file of @bytes (a hole) for `mmap … file`: O_TMPFILE in
 * the swap directory, which must be on a disk file system (the model's
 * file is not tmpfs); it has no name, so nothing is left on any way out.
 * Returns its fd (O_RDWR, close-on-exec), or -EOPNOTSUPP with @err
 * saying why (the directory on tmpfs or ramfs, a VM guest's; a file it
 * cannot make there), or -errno.
 * Needs no lock: nothing machine-wide changes.
 */
int sim_machine_file_create(unsigned long bytes, char *err, size_t errlen);

/*
 * Let ksmd run with a fast scan: the settings that differ from what mmsim
 * needs are saved (in ksm.PID first) and changed, then run=1.  Returns 0,
 * or 1 if KSM was already running (someone else's: nothing is changed), or
 * -errno.  Needs the lock.
 */
int sim_machine_ksm_start(void);
/*
 * Wait until ksmd has completed @passes more full scans (full_scans)
 * than when sim_machine_ksm_start set run=1 (else than now),
 * within @timeout_ms, as long as @busy(@ctx) says that one of the
 * scenario's processes is still registered with KSM.  Returns 0, or 1 if
 * none is (ksmd dropped every one of them: nothing of the scenario's can
 * merge), or -ETIMEDOUT.
 */
int sim_machine_ksm_wait(unsigned long passes, int timeout_ms,
			 bool (*busy)(void *ctx), void *ctx);
/* run=0 again if mmsim started ksmd; the other settings stay until restore. */
void sim_machine_ksm_pause(void);
/*
 * max_page_sharing (`ksm-max-page-sharing`) set to @knob for the
 * scenario, before ksmd first runs: saved in ksm.PID with the other KSM
 * settings and written back by the restore, or by the next mmsim after a
 * SIGKILL.  The kernel takes a new value only while no KSM page exists:
 * if it refuses (-EBUSY), run=2 unmerges every KSM page of the machine
 * first (and again at the restore).  Not while ksmd runs for someone
 * else (run=1 not mmsim's: -EBUSY).  Once per scenario.  Returns 0 or
 * -errno, @err saying why (-ENOENT: no such knob).  Needs the lock.
 */
int sim_machine_ksm_max_page_sharing(unsigned int knob, char *err,
				     size_t errlen);

/*
 * THP sizes (`thp-sizes`): /sys/kernel/mm/transparent_hugepage/
 * hugepages-NkB/enabled of THP orders 2..9 set to madvise for the orders
 * of @orders, never for the others; those that differ are saved (in
 * thp.PID first) and written back by the restore, or by the next mmsim
 * after a SIGKILL.  MMSIM_THP_SYSFS names another directory (a test
 * hook).  Once per scenario (-EBUSY after).  Returns 0 or -errno, @err
 * saying why (-ENOENT: the kernel lacks a size of @orders).  Needs the
 * lock.
 */
int sim_machine_thp_sizes(unsigned long orders, char *err, size_t errlen);

/*
 * The sysctl vm.page-cluster set to @want (the model's 3: the swap
 * readahead window's maximum is 1 << page-cluster), the value it had
 * saved in vm.PID first and written back by the restore, or by the next
 * mmsim after a SIGKILL.  Returns 0 or -errno.  Needs the lock.
 */
int sim_machine_page_cluster(int want);

/*
 * Undo everything of this process: swap device off and removed, KSM
 * settings and THP sizes written back, state files removed, lock dropped.
 */
void sim_machine_restore(void);
/* The same from a signal handler: only async-signal-safe calls. */
void sim_machine_restore_signal_safe(void);

#endif /* MMSIM_HOST_MACHINE_H */
