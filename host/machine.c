// SPDX-License-Identifier: GPL-2.0-only
/*
 * The machine-wide state of the kernel backend's scenarios: the scenario's
 * swap device, the KSM settings and the THP sizes, recorded in state
 * files before they change and undone on every way out (host/machine.h).
 *
 * Everything the signal-safe restore needs is prepared in advance in the
 * file-scope struct m: directory fds, names and values as strings, and
 * which steps were taken, so that undoing is openat/write/close/swapoff/
 * unlinkat only.  The normal path blocks the handled signals while it
 * changes m.
 *
 * Trust: mmsim runs as root, so a file that another user could have made
 * must never steer it.  Both directories are created by root with mode
 * 0700 and refused if they are anything else; inside them, a file is read
 * only after lstat and fstat agree that it is a regular root-owned file of
 * mode 0600 with one link; files are created with O_EXCL and never
 * followed through symlinks; no open can block (O_NONBLOCK, and FIFOs and
 * devices are refused before any read).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/magic.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/swap.h>
#include <time.h>
#include <unistd.h>

#include "host/machine.h"

#define KSM_DIR "/sys/kernel/mm/ksm/"
#define ZRAM_CONTROL "/sys/class/zram-control/"
#define BOOT_ID "/proc/sys/kernel/random/boot_id"
#define M_MAX_KSM 10
#define THP_DIR "/sys/kernel/mm/transparent_hugepage"
#define PAGE_CLUSTER "/proc/sys/vm/page-cluster"
/* The per-size settings of THP orders 2..9 (16kB..2048kB). */
#define M_THP_MIN_ORDER 2
#define M_THP_MAX_ORDER 9
#define M_MAX_THP (M_THP_MAX_ORDER - M_THP_MIN_ORDER + 1)
#define M_MAX_ZRAM 64 /* zram devices remembered around a hot_add */
#define M_ZRAM_BUSY_MS 2000 /* how long an opener of our zram may hold it */
#define M_RECORD_MAX 1024 /* a state file is never longer */

enum m_swap { M_SWAP_NONE, M_SWAP_FILE, M_SWAP_ZRAM, M_SWAP_BLOCKDEV };

struct m_setting {
	char path[80];
	char val[32];
};

static struct {
	/* The two directories, open while the lock is held. */
	char run_dir[128], swap_dir[128];
	int run_fd, swap_fd, lock_fd;
	char lock_path[160];
	char boot[40];
	/* The scenario's swap device, once a step of its creation is taken. */
	volatile sig_atomic_t swap;
	char swap_path[200]; /* the swap file or /dev/zramN */
	unsigned long swap_bytes; /* its size (swapdev pages) */
	char swap_name[32]; /* swap.PID in swap_dir */
	/*
	 * Our fd on the swap file or zram device while it is being made,
	 * else -1: a zram device open by anyone refuses reset and
	 * hot_remove (EBUSY), so the undo closes it first.
	 */
	volatile sig_atomic_t swap_open_fd;
	/* zram: the id is known once zram_known is set. */
	volatile sig_atomic_t zram_known;
	char zram_id[16]; /* "N" */
	char zram_reset[64]; /* /sys/block/zramN/reset */
	char zram_name[32]; /* zram.PID in run_dir */
	/* KSM: m.ksm[0..nksm) hold the values to write back, run first. */
	volatile sig_atomic_t nksm;
	struct m_setting ksm[M_MAX_KSM];
	char ksm_name[32]; /* ksm.PID in run_dir */
	/* Files refused already, so that each is reported once. */
	struct {
		dev_t dev;
		ino_t ino;
	} refused[16];
	int nrefused;
	volatile sig_atomic_t ksm_state_written;
	volatile sig_atomic_t ksm_started; /* run=1 written by us */
	/* max_page_sharing the scenario wants ("": the machine's). */
	char ksm_mps[16];
	/* THP sizes: m.thp[0..nthp) hold the values to write back. */
	volatile sig_atomic_t nthp;
	struct {
		char path[200];
		char val[16];
	} thp[M_MAX_THP];
	/*
	 * full_scans when mmsim last set run=1, so that a scan ksmd
	 * completes before the wait reads it still counts; else -1.
	 */
	long ksm_scans_at_start;
	char thp_name[32]; /* thp.PID in run_dir */
	volatile sig_atomic_t thp_state_written;
	/* vm.page-cluster to write back, once pc_saved is set. */
	volatile sig_atomic_t pc_saved;
	char pc_val[16];
	char vm_name[32]; /* vm.PID in run_dir */
	volatile sig_atomic_t vm_state_written;
} m = { .run_fd = -1,
	.swap_fd = -1,
	.lock_fd = -1,
	.swap_open_fd = -1,
	.ksm_scans_at_start = -1 };

/*
 * What mmsim needs of KSM: no advisor (it would retune pages_to_scan, and
 * refuses writes to it), a scan of everything in one batch (a batch ends
 * where a full scan does, and 10^6 pages is above what QEMU guests with
 * mergeable memory and the scenario have together), and one scan per
 * wake-up: mmsim counts the full scans, and a scan more changes the
 * result (a merge that fails on a pinned page is tried, and its copy
 * made, again in every scan; a page seen unchanged twice merges), so
 * ksmd sleeps a minute after each batch and mmsim wakes it for the next
 * scan (m_ksm_wake): no scan can slip in while mmsim's poll lags (it did
 * in a TCG guest with 20 ms between scans); no smart scan (it
 * skips pages that did not merge lately: 4705 merges a page in the pass
 * after its reference is gone), no merging with the zero page (the model
 * has none), and no pruning walk of a stable node chain (stable_node_dup:
 * at most once per stable_node_chains_prune_millisecs, 2 s by default, a
 * search takes the dup with the most rmap_items instead of the first with
 * room; the model has no wall clock and never takes that walk, so the
 * kernel's choice must not depend on how long the scenario took: at
 * UINT_MAX ms it waits 49 days).  In this order: pages_to_scan refuses writes while an
 * advisor runs.  A stale record may name these and "run", nothing else.
 */
static const struct {
	const char *name;
	const char *val;
} ksm_want[] = {
	{ "advisor_mode", "none" },
	{ "pages_to_scan", "1000000" },
	{ "sleep_millisecs", "60000" },
	{ "smart_scan", "0" },
	{ "use_zero_pages", "0" },
	{ "stable_node_chains_prune_millisecs", "4294967295" },
};

#define M_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static size_t m_strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

/* Tests only: die here, as a SIGKILL would kill mmsim (machine.h). */
static void m_step(const char *step)
{
	const char *at = getenv(SIM_MACHINE_CRASH_ENV);
	size_t len = strlen(step);

	if (!at || strncmp(at, step, len))
		return;
	if (!at[len] || !strcmp(at + len, ":KILL"))
		raise(SIGKILL);
	else if (!strcmp(at + len, ":INT"))
		raise(SIGINT);
	else if (!strcmp(at + len, ":TERM"))
		raise(SIGTERM);
}

/* Write @s into the file @path (async-signal-safe). */
static int m_put(const char *path, const char *s)
{
	size_t len = m_strlen(s);
	ssize_t n;
	int fd, err;

	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, s, len);
	err = n < 0 ? -errno : (size_t)n == len ? 0 : -EIO;
	close(fd);
	return err;
}

/* Read at most @len - 1 bytes of @fd into @buf, trailing blanks cut. */
static int m_read_fd(int fd, char *buf, size_t len)
{
	size_t n = 0;
	ssize_t r;

	while (n < len - 1) {
		r = read(fd, buf + n, len - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (!r)
			break;
		n += (size_t)r;
	}
	buf[n] = 0;
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = 0;
	return 0;
}

/* Read the kernel file @path (sysfs, procfs) into @buf. */
static int m_get(const char *path, char *buf, size_t len)
{
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	err = m_read_fd(fd, buf, len);
	close(fd);
	return err;
}

static bool m_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static void m_block(sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, old);
}

static void m_unblock(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

static void m_sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static long m_now_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec * 1000L + now.tv_nsec / 1000000L;
}

static void m_paths_init(void)
{
	const char *run = getenv(SIM_MACHINE_RUN_DIR_ENV);
	const char *swap = getenv(SIM_MACHINE_SWAP_DIR_ENV);

	if (m.run_dir[0])
		return;
	/* Only absolute paths that fit; anything else means the default. */
	if (!run || run[0] != '/' || strlen(run) >= sizeof(m.run_dir))
		run = SIM_MACHINE_RUN_DIR;
	if (!swap || swap[0] != '/' || strlen(swap) >= sizeof(m.swap_dir))
		swap = SIM_MACHINE_SWAP_DIR;
	snprintf(m.run_dir, sizeof(m.run_dir), "%s", run);
	snprintf(m.swap_dir, sizeof(m.swap_dir), "%s", swap);
	snprintf(m.lock_path, sizeof(m.lock_path), "%s/%s", m.run_dir,
		 SIM_MACHINE_LOCK_NAME);
	if (m_get(BOOT_ID, m.boot, sizeof(m.boot)) || !m.boot[0])
		snprintf(m.boot, sizeof(m.boot), "unknown");
}

/* A file of ours: a regular file owned by root, mode 0600, one link. */
static bool m_trusted_file(const struct stat *st)
{
	return S_ISREG(st->st_mode) && st->st_uid == 0 &&
	       (st->st_mode & 07777) == 0600 && st->st_nlink == 1;
}

static void m_refuse(const char *dir, const char *name, const struct stat *st)
{
	int i;

	for (i = 0; i < m.nrefused; i++)
		if (m.refused[i].dev == st->st_dev &&
		    m.refused[i].ino == st->st_ino)
			return;
	if (m.nrefused < (int)M_ARRAY_SIZE(m.refused)) {
		m.refused[m.nrefused].dev = st->st_dev;
		m.refused[m.nrefused++].ino = st->st_ino;
	}
	fprintf(stderr,
		"mmsim: refusing %s/%s: %s of uid %u, mode %04o, %lu links, "
		"where mmsim keeps only root's regular files of mode 0600; "
		"left alone\n",
		dir, name,
		S_ISREG(st->st_mode)  ? "a regular file" :
		S_ISLNK(st->st_mode)  ? "a symlink" :
		S_ISDIR(st->st_mode)  ? "a directory" :
		S_ISFIFO(st->st_mode) ? "a FIFO" :
		S_ISSOCK(st->st_mode) ? "a socket" :
					"a device",
		(unsigned int)st->st_uid, (unsigned int)(st->st_mode & 07777),
		(unsigned long)st->st_nlink);
}

/*
 * Open the directory @path, creating it if @create, and only if it is
 * root's with mode 0700 (anyone else could plant or swap files in it).
 * Returns an fd, or -errno with @err saying why.  -ENOENT without @create
 * when it does not exist.
 */
static int m_dir_open(const char *path, bool create, char *err, size_t errlen)
{
	struct stat st;
	int fd;

	if (create && mkdir(path, 0700) && errno != EEXIST) {
		fd = -errno;
		snprintf(err, errlen, "cannot create %s: %s", path,
			 strerror(-fd));
		return fd;
	}
	fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		fd = -errno;
		snprintf(err, errlen, "cannot open %s: %s%s", path,
			 strerror(-fd),
			 fd == -ELOOP || fd == -ENOTDIR ?
				 " (not a directory: refused, left alone)" :
				 "");
		return fd;
	}
	if (fstat(fd, &st) || st.st_uid != 0 || (st.st_mode & 07777) != 0700) {
		snprintf(err, errlen,
			 "refusing %s: owned by uid %u with mode %04o, where "
			 "mmsim needs root's directory of mode 0700 (left "
			 "alone: remove it, or chown root and chmod 0700)",
			 path, (unsigned int)st.st_uid,
			 (unsigned int)(st.st_mode & 07777));
		close(fd);
		return -EPERM;
	}
	return fd;
}

/*
 * Open the state file @name in @dirfd for reading, if it can be trusted:
 * lstat first (a FIFO or device is never opened), then open without
 * following links or blocking, and check it is still the same file.
 * Returns an fd, -ENOENT, or -EPERM after saying why on stderr.
 */
static int m_open_trusted(int dirfd, const char *dir, const char *name)
{
	struct stat st, fst;
	int fd;

	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW))
		return -errno;
	if (!m_trusted_file(&st)) {
		m_refuse(dir, name, &st);
		return -EPERM;
	}
	fd = openat(dirfd, name,
		    O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &fst) || fst.st_ino != st.st_ino ||
	    fst.st_dev != st.st_dev || !m_trusted_file(&fst)) {
		m_refuse(dir, name, &fst);
		close(fd);
		return -EPERM;
	}
	return fd;
}

/* Create the state file @name in @dirfd: it must not exist. */
static int m_create(int dirfd, const char *name)
{
	int fd;

	fd = openat(dirfd, name,
		    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NONBLOCK |
			    O_CLOEXEC,
		    0600);
	if (fd < 0)
		return -errno;
	/* Whatever the umask. */
	if (fchmod(fd, 0600)) {
		close(fd);
		unlinkat(dirfd, name, 0);
		return -EPERM;
	}
	return fd;
}

static int m_write_all(int fd, const char *s)
{
	size_t len = m_strlen(s), done = 0;
	ssize_t n;

	while (done < len) {
		n = write(fd, s + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		done += (size_t)n;
	}
	return fsync(fd) ? -errno : 0;
}

/*
 * swapoff(@path), and true if it is off now (or was never on): only then
 * may the file be unlinked or the device removed; an active swap file
 * unlinked could never be swapped off by name again.
 */
static bool m_swapoff(const char *path)
{
	return !swapoff(path) || errno == EINVAL || errno == ENOENT;
}

/*
 * Close our fd on the swap device being made, if one is open
 * (async-signal-safe when called with the handled signals blocked, or
 * from their handler).
 */
static void m_swap_close_signal_safe(void)
{
	int fd = m.swap_open_fd;

	m.swap_open_fd = -1;
	if (fd >= 0)
		close(fd);
}

/* Close our fd on the swap device being made (normal path). */
static void m_swap_close(void)
{
	sigset_t old;

	m_block(&old);
	m_swap_close_signal_safe();
	m_unblock(&old);
}

/*
 * Remove zram device @id; true if it is gone (async-signal-safe).  reset
 * and hot_remove refuse with EBUSY while the device is open anywhere (a
 * probe by blkid, say): a short-lived opener is waited for, up to
 * M_ZRAM_BUSY_MS.  A device that is gone already has no reset file.
 */
static bool m_zram_remove(const char *dev, const char *reset, const char *id)
{
	int ret, waited = 0;

	if (!m_swapoff(dev))
		return false;
	for (;;) {
		ret = m_put(reset, "1");
		if (ret == -ENOENT)
			return true;
		if (!ret)
			ret = m_put(ZRAM_CONTROL "hot_remove", id);
		if (!ret || ret == -ENODEV)
			return true;
		if (ret != -EBUSY || waited >= M_ZRAM_BUSY_MS)
			return false;
		m_sleep_ms(1);
		waited++;
	}
}

/* Undo the swap device (async-signal-safe). */
static int m_swap_undo(void)
{
	m_swap_close_signal_safe();
	switch (m.swap) {
	case M_SWAP_FILE:
		if (!m_swapoff(m.swap_path))
			return -EBUSY;
		unlinkat(m.swap_fd, m.swap_name, 0);
		break;
	case M_SWAP_BLOCKDEV:
		/* Not ours to remove: only swapped on. */
		if (!m_swapoff(m.swap_path))
			return -EBUSY;
		break;
	case M_SWAP_ZRAM:
		/*
		 * Before the id is known, only the record says that a device
		 * may have been added: it stays for the next run to undo.
		 */
		if (!m.zram_known)
			return -EBUSY;
		/* A device that cannot be removed keeps its record. */
		if (!m_zram_remove(m.swap_path, m.zram_reset, m.zram_id))
			return -EBUSY;
		unlinkat(m.run_fd, m.zram_name, 0);
		break;
	}
	m.swap = M_SWAP_NONE;
	m.zram_known = 0;
	return 0;
}

/*
 * Write a KSM setting (signal-safe).  max_page_sharing can change only
 * while no KSM page exists (max_page_sharing_store: -EBUSY while
 * ksm_pages_shared counts one, and rmap_items of exited processes stay
 * counted until ksmd's next scan reaches them): then run=2 first
 * (unmerge_and_remove_all_rmap_items), which unmerges every KSM page of
 * the machine and drops every rmap_item, and run as it was after.
 */
static int m_ksm_put(const char *path, const char *val)
{
	int ret = m_put(path, val);
	size_t n = m_strlen(path), k = m_strlen("max_page_sharing");
	char run[16];

	if (ret != -EBUSY || n < k ||
	    memcmp(path + n - k, "max_page_sharing", k))
		return ret;
	if (m_get(KSM_DIR "run", run, sizeof(run)))
		run[0] = 0;
	ret = m_put(KSM_DIR "run", "2");
	if (ret)
		return ret;
	ret = m_put(path, val);
	if (run[0] && (run[0] != '2' || run[1]))
		m_put(KSM_DIR "run", run);
	return ret;
}

/* Write the saved KSM settings back, last changed first (signal-safe). */
static void m_ksm_undo(void)
{
	int i;

	for (i = m.nksm - 1; i >= 0; i--)
		m_ksm_put(m.ksm[i].path, m.ksm[i].val);
	m.nksm = 0;
	m.ksm_mps[0] = 0;
	m.ksm_started = 0;
	if (m.ksm_state_written)
		unlinkat(m.run_fd, m.ksm_name, 0);
	m.ksm_state_written = 0;
}

/* Write the saved THP sizes back, last changed first (signal-safe). */
static void m_thp_undo(void)
{
	int i;

	for (i = m.nthp - 1; i >= 0; i--)
		m_put(m.thp[i].path, m.thp[i].val);
	m.nthp = 0;
	if (m.thp_state_written)
		unlinkat(m.run_fd, m.thp_name, 0);
	m.thp_state_written = 0;
}

/* Write the saved vm.page-cluster back (signal-safe). */
static void m_vm_undo(void)
{
	if (m.pc_saved)
		m_put(PAGE_CLUSTER, m.pc_val);
	m.pc_saved = 0;
	if (m.vm_state_written)
		unlinkat(m.run_fd, m.vm_name, 0);
	m.vm_state_written = 0;
}

void sim_machine_restore_signal_safe(void)
{
	int saved = errno;

	m_swap_undo();
	m_ksm_undo();
	m_thp_undo();
	m_vm_undo();
	errno = saved;
}

void sim_machine_restore(void)
{
	sigset_t old;

	m_block(&old);
	m_swap_undo();
	m_ksm_undo();
	m_thp_undo();
	m_vm_undo();
	if (m.lock_fd >= 0)
		close(m.lock_fd);
	m.lock_fd = -1;
	/* Kept only if something could not be undone: the next run will. */
	if (m.swap == M_SWAP_NONE) {
		if (m.run_fd >= 0)
			close(m.run_fd);
		if (m.swap_fd >= 0)
			close(m.swap_fd);
		m.run_fd = m.swap_fd = -1;
	}
	m_unblock(&old);
}

/*
 * A record's lines: "boot ID" first, then "KEY VALUE" lines.  Read the
 * trusted file @name into @buf; returns 1 if it was made during this boot,
 * 0 if during another one (nothing it names exists any more), -errno.
 */
static int m_record_read(const char *name, char *buf, size_t len)
{
	char want[64];
	int fd, ret;

	fd = m_open_trusted(m.run_fd, m.run_dir, name);
	if (fd < 0)
		return fd;
	ret = m_read_fd(fd, buf, len);
	close(fd);
	if (ret)
		return ret;
	snprintf(want, sizeof(want), "boot %s\n", m.boot);
	return !strncmp(buf, want, strlen(want));
}

/* The value of "KEY VALUE" line @key in @rec, up to @len - 1 bytes. */
static bool m_record_get(const char *rec, const char *key, char *val,
			 size_t len)
{
	size_t klen = strlen(key), n = 0;
	const char *l;

	for (l = rec; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		if (strncmp(l, key, klen) || l[klen] != ' ')
			continue;
		l += klen + 1;
		while (l[n] && l[n] != '\n' && n < len - 1) {
			val[n] = l[n];
			n++;
		}
		val[n] = 0;
		return true;
	}
	return false;
}

static bool m_ksm_known(const char *name)
{
	size_t i;

	if (!strcmp(name, "run") || !strcmp(name, "max_page_sharing"))
		return true;
	for (i = 0; i < M_ARRAY_SIZE(ksm_want); i++)
		if (!strcmp(name, ksm_want[i].name))
			return true;
	return false;
}

static bool m_word(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '-' || *s == '_'))
			return false;
	return true;
}

/*
 * Undo a KSM record of a dead mmsim: "ksm NAME VALUE" lines, NAME one of
 * the settings mmsim changes, VALUE a word; in reverse order.
 */
static void m_stale_ksm(const char *name)
{
	char rec[M_RECORD_MAX], *line, *save = NULL;
	struct m_setting s[M_MAX_KSM];
	char knob[48], val[32], extra;
	int n = 0, ret;

	/* Refused, gone, or unreadable: left alone.  Another boot's: dropped. */
	ret = m_record_read(name, rec, sizeof(rec));
	if (ret < 0)
		return;
	for (line = strtok_r(rec, "\n", &save); ret && line && n < M_MAX_KSM;
	     line = strtok_r(NULL, "\n", &save)) {
		if (sscanf(line, "ksm %47s %31s %c", knob, val, &extra) != 2 ||
		    !m_ksm_known(knob) || !m_word(val))
			continue;
		snprintf(s[n].path, sizeof(s[n].path), KSM_DIR "%s", knob);
		snprintf(s[n].val, sizeof(s[n].val), "%s", val);
		n++;
	}
	while (n--)
		m_ksm_put(s[n].path, s[n].val);
	unlinkat(m.run_fd, name, 0);
}

/*
 * The directory of the THP settings: MMSIM_THP_SYSFS, a test hook
 * (tests/cli/kernel-thp.sh), as host/kernel-caps.c reads it, else sysfs.
 */
static const char *m_thp_dir(void)
{
	const char *dir = getenv("MMSIM_THP_SYSFS");

	if (!dir || dir[0] != '/' || strlen(dir) > 128)
		return THP_DIR;
	return dir;
}

/* Whether @kb names the size of a THP order mmsim may set. */
static bool m_thp_size_known(const char *kb)
{
	int order;

	if (!m_digits(kb) || strlen(kb) > 4)
		return false;
	for (order = M_THP_MIN_ORDER; order <= M_THP_MAX_ORDER; order++)
		if (atoi(kb) == 4 << order)
			return true;
	return false;
}

/*
 * Undo a THP record of a dead mmsim: "dir PATH", the directory it
 * changed, then "thp KB VALUE" lines, KB the size of a THP order, VALUE a
 * word; in reverse order.  A record of another directory than this
 * mmsim's is left for an mmsim of that directory.
 */
static void m_stale_thp(const char *name)
{
	char rec[M_RECORD_MAX], *line, *save = NULL;
	char kb[16], val[16], extra, paths[M_MAX_THP][200];
	char vals[M_MAX_THP][16], dir[200];
	int n = 0, ret;

	ret = m_record_read(name, rec, sizeof(rec));
	if (ret < 0)
		return;
	/* A record of another directory (the test hook's) is not ours. */
	if (ret && (!m_record_get(rec, "dir", dir, sizeof(dir)) ||
		    strcmp(dir, m_thp_dir())))
		return;
	for (line = strtok_r(rec, "\n", &save); ret && line && n < M_MAX_THP;
	     line = strtok_r(NULL, "\n", &save)) {
		if (sscanf(line, "thp %15s %15s %c", kb, val, &extra) != 2 ||
		    !m_thp_size_known(kb) || !m_word(val))
			continue;
		snprintf(paths[n], sizeof(paths[n]),
			 "%s/hugepages-%skB/enabled", m_thp_dir(), kb);
		snprintf(vals[n], sizeof(vals[n]), "%s", val);
		n++;
	}
	while (n--)
		m_put(paths[n], vals[n]);
	unlinkat(m.run_fd, name, 0);
}

/*
 * Undo a sysctl record of a dead mmsim: "page-cluster N", N a number of
 * at most two digits (the sysctl takes 0..31).
 */
static void m_stale_vm(const char *name)
{
	char rec[M_RECORD_MAX], val[16];
	int ret;

	ret = m_record_read(name, rec, sizeof(rec));
	if (ret < 0)
		return;
	if (ret && m_record_get(rec, "page-cluster", val, sizeof(val)) &&
	    m_digits(val) && strlen(val) <= 2)
		m_put(PAGE_CLUSTER, val);
	unlinkat(m.run_fd, name, 0);
}

/* The zram devices that exist now, as ids, at most @max. */
static int m_zram_ids(int *ids, int max)
{
	struct dirent *de;
	int n = 0;
	DIR *d;

	d = opendir("/sys/block");
	if (!d)
		return -errno;
	while ((de = readdir(d)) && n < max)
		if (!strncmp(de->d_name, "zram", 4) && m_digits(de->d_name + 4))
			ids[n++] = atoi(de->d_name + 4);
	closedir(d);
	return n;
}

static bool m_id_in(int id, const char *list)
{
	char word[16];
	int used;

	while (sscanf(list, "%15s%n", word, &used) == 1) {
		if (m_digits(word) && atoi(word) == id)
			return true;
		list += used;
	}
	return false;
}

static bool m_zram_remove_id(const char *id)
{
	char dev[32], reset[64];

	snprintf(dev, sizeof(dev), "/dev/zram%s", id);
	snprintf(reset, sizeof(reset), "/sys/block/zram%s/reset", id);
	return m_zram_remove(dev, reset, id);
}

/*
 * Undo a zram record of a dead mmsim.  "zram N" names its device.  With
 * only "before ID..." (the devices that existed before its hot_add), it
 * died between the hot_add and recording the id: its device is one that
 * is not in that list and still unconfigured (disksize 0) — mmsim sizes
 * its device at once, under the lock.
 */
static void m_stale_zram(const char *name)
{
	char rec[M_RECORD_MAX], id[16], before[M_RECORD_MAX], path[64];
	char size[32];
	int ids[M_MAX_ZRAM], n, i, ret;

	ret = m_record_read(name, rec, sizeof(rec));
	if (ret < 0)
		return;
	if (ret && m_record_get(rec, "zram", id, sizeof(id))) {
		if (!m_digits(id))
			goto out;
		/* Kept for a later run if the device cannot go now. */
		if (!m_zram_remove_id(id))
			return;
	} else if (ret && m_record_get(rec, "before", before, sizeof(before))) {
		n = m_zram_ids(ids, M_MAX_ZRAM);
		for (i = 0; i < n; i++) {
			if (m_id_in(ids[i], before))
				continue;
			snprintf(path, sizeof(path),
				 "/sys/block/zram%d/disksize", ids[i]);
			if (m_get(path, size, sizeof(size)) ||
			    strcmp(size, "0"))
				continue;
			snprintf(id, sizeof(id), "%d", ids[i]);
			m_zram_remove_id(id);
		}
	}
out:
	unlinkat(m.run_fd, name, 0);
}

/* swapoff and remove a dead mmsim's swap file @name. */
static void m_stale_swapfile(const char *name)
{
	char path[200];
	struct stat st;

	if (fstatat(m.swap_fd, name, &st, AT_SYMLINK_NOFOLLOW))
		return;
	if (!m_trusted_file(&st)) {
		m_refuse(m.swap_dir, name, &st);
		return;
	}
	snprintf(path, sizeof(path), "%s/%s", m.swap_dir, name);
	if (m_swapoff(path))
		unlinkat(m.swap_fd, name, 0);
}

/* Whether @name is PREFIX followed by a pid. */
static bool m_named(const char *name, const char *prefix)
{
	size_t len = strlen(prefix);

	return !strncmp(name, prefix, len) && m_digits(name + len);
}

/* Call @fn on every file of @dirfd named @prefix + pid but ours. */
static void m_for_each_stale(int dirfd, const char *prefix, const char *ours,
			     void (*fn)(const char *))
{
	struct dirent *de;
	int fd;
	DIR *d;

	fd = dup(dirfd);
	if (fd < 0)
		return;
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return;
	}
	rewinddir(d);
	while ((de = readdir(d)))
		if (m_named(de->d_name, prefix) && strcmp(de->d_name, ours))
			fn(de->d_name);
	closedir(d);
}

/*
 * Under the lock: every state file but this process's current ones is
 * stale (its mmsim died without undoing it; a live mmsim keeps such state
 * only while it holds the lock).  Undo it.
 */
static void m_clean_stale_locked(void)
{
	const char *swap = m.swap == M_SWAP_FILE ? m.swap_name : "";
	const char *zram = m.swap == M_SWAP_ZRAM ? m.zram_name : "";
	const char *ksm = m.ksm_state_written ? m.ksm_name : "";
	const char *thp = m.thp_state_written ? m.thp_name : "";
	const char *vm = m.vm_state_written ? m.vm_name : "";

	m_for_each_stale(m.swap_fd, SIM_MACHINE_SWAP_PREFIX, swap,
			 m_stale_swapfile);
	m_for_each_stale(m.run_fd, SIM_MACHINE_ZRAM_PREFIX, zram, m_stale_zram);
	m_for_each_stale(m.run_fd, SIM_MACHINE_KSM_PREFIX, ksm, m_stale_ksm);
	m_for_each_stale(m.run_fd, SIM_MACHINE_THP_PREFIX, thp, m_stale_thp);
	m_for_each_stale(m.run_fd, SIM_MACHINE_VM_PREFIX, vm, m_stale_vm);
}

/* Open both directories (creating them) into m; @err says why not. */
static int m_dirs_open(char *err, size_t errlen)
{
	int fd;

	m_paths_init();
	if (m.run_fd < 0) {
		fd = m_dir_open(m.run_dir, true, err, errlen);
		if (fd < 0)
			return fd;
		m.run_fd = fd;
	}
	if (m.swap_fd < 0) {
		fd = m_dir_open(m.swap_dir, true, err, errlen);
		if (fd < 0)
			return fd;
		m.swap_fd = fd;
	}
	return 0;
}

/*
 * sim_machine_file_create: the swap directory, root's and 0700, is
 * chosen for a disk file system (SIM_MACHINE_SWAP_DIR); the file is made
 * with O_TMPFILE, never named, so no one else can open it and it goes
 * with its last user.  A tmpfs or ramfs directory would give shmem or
 * unevictable pages, not a regular file's: refused.
 */
int sim_machine_file_create(unsigned long bytes, char *err, size_t errlen)
{
	struct statfs sfs;
	int fd, ret;

	ret = m_dirs_open(err, errlen);
	if (ret)
		return ret;
	if (fstatfs(m.swap_fd, &sfs))
		return -errno;
	if (sfs.f_type == TMPFS_MAGIC || sfs.f_type == RAMFS_MAGIC) {
		snprintf(err, errlen,
			 "%s is on %s, not a disk file system: a regular "
			 "file there would be shmem",
			 m.swap_dir,
			 sfs.f_type == TMPFS_MAGIC ? "tmpfs" : "ramfs");
		return -EOPNOTSUPP;
	}
	fd = openat(m.swap_fd, ".", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd < 0) {
		/* No O_TMPFILE (9p in a VM guest): a name, unlinked at once. */
		static unsigned int seq;
		char name[48];

		snprintf(name, sizeof(name), "file.%d.%u", (int)getpid(),
			 seq++);
		fd = openat(m.swap_fd, name,
			    O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW |
				    O_NONBLOCK | O_CLOEXEC,
			    0600);
		/*
		 * Its size while it has a name: QEMU's 9p server truncates
		 * by path.
		 */
		if (fd >= 0 && ftruncate(fd, (off_t)bytes)) {
			ret = -errno;
			close(fd);
			unlinkat(m.swap_fd, name, 0);
			snprintf(err, errlen, "ftruncate: %s", strerror(-ret));
			return -EOPNOTSUPP;
		}
		if (fd >= 0 && unlinkat(m.swap_fd, name, 0)) {
			ret = -errno;
			close(fd);
			snprintf(err, errlen, "unlink %s/%s: %s", m.swap_dir,
				 name, strerror(-ret));
			return ret;
		}
		if (fd >= 0)
			return fd;
	}
	if (fd < 0) {
		ret = -errno;
		snprintf(err, errlen, "cannot make a file in %s: %s",
			 m.swap_dir, strerror(-ret));
		return -EOPNOTSUPP;
	}
	if (ftruncate(fd, (off_t)bytes)) {
		ret = -errno;
		close(fd);
		snprintf(err, errlen, "ftruncate: %s", strerror(-ret));
		return ret;
	}
	return fd;
}

/* The lock file, trusted like any state file, created if missing. */
static int m_lock_open(char *err, size_t errlen)
{
	struct stat st;
	int fd;

	fd = openat(m.run_fd, SIM_MACHINE_LOCK_NAME,
		    O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY |
			    O_CLOEXEC,
		    0600);
	if (fd < 0) {
		fd = -errno;
		if (fd == -ELOOP)
			snprintf(err, errlen,
				 "refusing %s: a symlink, where mmsim keeps "
				 "only root's regular files of mode 0600; "
				 "left alone",
				 m.lock_path);
		else
			snprintf(err, errlen, "cannot open %s: %s", m.lock_path,
				 strerror(-fd));
		return fd;
	}
	if (fstat(fd, &st) || !m_trusted_file(&st)) {
		snprintf(err, errlen,
			 "refusing %s: not root's regular file of mode 0600 "
			 "(uid %u, mode %04o): left alone",
			 m.lock_path, (unsigned int)st.st_uid,
			 (unsigned int)(st.st_mode & 07777));
		close(fd);
		return -EPERM;
	}
	return fd;
}

int sim_machine_lock(int timeout_ms, char *err, size_t errlen)
{
	long end = m_now_ms() + timeout_ms;
	char dummy[8];
	int fd, ret;

	if (!err) {
		err = dummy;
		errlen = sizeof(dummy);
	}
	if (m.lock_fd >= 0)
		return 0;
	ret = m_dirs_open(err, errlen);
	if (ret)
		return ret;
	fd = m_lock_open(err, errlen);
	if (fd < 0)
		return fd;
	while (flock(fd, LOCK_EX | LOCK_NB)) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			ret = -errno;
			snprintf(err, errlen, "cannot lock %s: %s", m.lock_path,
				 strerror(-ret));
			close(fd);
			return ret;
		}
		if (m_now_ms() >= end) {
			snprintf(err, errlen,
				 "cannot take %s within %d s: another mmsim "
				 "runs a swap or KSM scenario",
				 m.lock_path, timeout_ms / 1000);
			close(fd);
			return -ETIMEDOUT;
		}
		m_sleep_ms(10);
	}
	m.lock_fd = fd;
	m_clean_stale_locked();
	return 0;
}

static bool m_stale_in(const char *dir, const char *p1, const char *p2)
{
	struct dirent *de;
	bool found = false;
	DIR *d;

	d = opendir(dir);
	if (!d)
		return false;
	while (!found && (de = readdir(d)))
		found = m_named(de->d_name, p1) ||
			(p2 && m_named(de->d_name, p2));
	closedir(d);
	return found;
}

void sim_machine_clean_stale(void)
{
	char err[256];
	int fd;

	if (m.lock_fd >= 0) {
		m_clean_stale_locked();
		return;
	}
	m_paths_init();
	if (!m_stale_in(m.run_dir, SIM_MACHINE_ZRAM_PREFIX,
			SIM_MACHINE_KSM_PREFIX) &&
	    !m_stale_in(m.swap_dir, SIM_MACHINE_SWAP_PREFIX, NULL))
		return;
	if (m_dirs_open(err, sizeof(err))) {
		fprintf(stderr, "mmsim: %s\n", err);
		return;
	}
	fd = m_lock_open(err, sizeof(err));
	if (fd < 0) {
		fprintf(stderr, "mmsim: %s\n", err);
		return;
	}
	if (!flock(fd, LOCK_EX | LOCK_NB)) {
		m.lock_fd = fd;
		m_clean_stale_locked();
		m.lock_fd = -1;
	}
	close(fd);
}

/* Undo the octal escapes of /proc/swaps (a space is "\040"). */
static void m_unescape(char *s)
{
	char *o = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '7' && s[2] &&
		    s[3]) {
			*o++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 +
				      (s[3] - '0'));
			s += 3;
		} else {
			*o++ = *s;
		}
	}
	*o = 0;
}

int sim_machine_swaps(struct sim_machine_swaps *s)
{
	char line[512], name[256], type[32];
	long size, used;
	int prio;
	FILE *f;

	memset(s, 0, sizeof(*s));
	f = fopen("/proc/swaps", "re");
	if (!f)
		return -errno;
	/* The header line first. */
	if (!fgets(line, sizeof(line), f)) {
		fclose(f);
		return 0;
	}
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%255s %31s %ld %ld %d", name, type, &size,
			   &used, &prio) != 5)
			continue;
		m_unescape(name);
		if (m.swap != M_SWAP_NONE && !strcmp(name, m.swap_path))
			continue;
		if (!s->n || prio > s->max_prio) {
			s->max_prio = prio;
			snprintf(s->top, sizeof(s->top), "%s", name);
			s->top_sync = !strncmp(name, "/dev/zram", 9);
		}
		s->n++;
	}
	fclose(f);
	return 0;
}

/*
 * mkswap: a version-1 swap header in the first page of @fd, which is
 * @bytes long (include/linux/swap.h union swap_header).
 */
static int m_mkswap(int fd, unsigned long bytes)
{
	long psz = sysconf(_SC_PAGESIZE);
	uint32_t info[3];
	char *page;
	int err = 0;

	page = calloc(1, (size_t)psz);
	if (!page)
		return -ENOMEM;
	info[0] = 1; /* version */
	info[1] = (uint32_t)(bytes / (unsigned long)psz - 1); /* last_page */
	info[2] = 0; /* nr_badpages */
	memcpy(page + 1024, info, sizeof(info));
	memcpy(page + psz - 10, "SWAPSPACE2", 10);
	if (pwrite(fd, page, (size_t)psz, 0) != psz)
		err = errno ? -errno : -EIO;
	if (!err && fsync(fd))
		err = -errno;
	free(page);
	return err;
}

static int m_swap_flags(int prio)
{
	if (prio < 0)
		return 0;
	if (prio > SWAP_FLAG_PRIO_MASK)
		prio = SWAP_FLAG_PRIO_MASK;
	return SWAP_FLAG_PREFER | prio;
}

/* A fresh file, all blocks allocated: swapon refuses files with holes. */
static int m_fill(int fd, unsigned long bytes)
{
	static const char zero[65536];
	unsigned long done = 0;
	ssize_t n;

	if (!fallocate(fd, 0, 0, (off_t)bytes))
		return 0;
	if (errno != EOPNOTSUPP)
		return -errno;
	while (done < bytes) {
		n = write(fd, zero, sizeof(zero));
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		done += (unsigned long)n;
	}
	return 0;
}

/*
 * mkswap on @fd, which is m.swap_open_fd and closed here, then swapon(2)
 * of m.swap_path.
 */
static int m_mkswap_swapon(int fd, int prio, const char **step)
{
	int ret;

	*step = "mkswap";
	m_step("mkswap");
	ret = m_mkswap(fd, m.swap_bytes);
	m_swap_close();
	if (ret)
		return ret;
	*step = "swapon";
	if (swapon(m.swap_path, m_swap_flags(prio)))
		return -errno;
	m_step("swapon");
	return 0;
}

/* Say which step failed, and undo whatever was done. */
static int m_swap_create_failed(const char *what, const char *step, int ret,
				char *err, size_t errlen)
{
	sigset_t old;

	snprintf(err, errlen, "cannot make %s: %s %s: %s", what, step,
		 m.swap_path, strerror(-ret));
	m_block(&old);
	m_swap_undo();
	m_unblock(&old);
	return ret;
}

/*
 * The swap file is its own record: created (O_EXCL) before anything else,
 * it is what the next run swaps off and removes.
 */
static int m_swapfile_create(int prio, char *err, size_t errlen)
{
	const char *step;
	sigset_t old;
	int fd, ret;

	snprintf(m.swap_name, sizeof(m.swap_name), "%s%d",
		 SIM_MACHINE_SWAP_PREFIX, (int)getpid());
	snprintf(m.swap_path, sizeof(m.swap_path), "%s/%s", m.swap_dir,
		 m.swap_name);
	step = "create";
	/*
	 * Created and registered with the signals blocked: a handler that
	 * ran in between would leave a file it does not know of.
	 */
	m_block(&old);
	fd = m_create(m.swap_fd, m.swap_name);
	if (fd < 0) {
		m_unblock(&old);
		snprintf(err, errlen, "cannot make a swap file: create %s: %s",
			 m.swap_path, strerror(-fd));
		return fd;
	}
	m.swap = M_SWAP_FILE;
	m.swap_open_fd = fd;
	m_unblock(&old);
	m_step("swapfile-created");
	step = "allocate";
	ret = m_fill(fd, m.swap_bytes);
	if (ret)
		goto fail;
	ret = m_mkswap_swapon(fd, prio, &step);
	if (!ret)
		return 0;
fail:
	return m_swap_create_failed("a swap file", step, ret, err, errlen);
}

/*
 * Record, then create: zram.PID lists the zram devices that exist before
 * the hot_add, then gets the new device's id, so that a SIGKILL at any
 * point leaves a record the next run can undo (m_stale_zram).
 */
static int m_zram_record(int *fdp)
{
	char rec[M_RECORD_MAX], word[16];
	int ids[M_MAX_ZRAM], n, i, fd, ret;
	size_t len;

	n = m_zram_ids(ids, M_MAX_ZRAM);
	if (n < 0)
		return n;
	if (n == M_MAX_ZRAM)
		return -EMFILE;
	len = (size_t)snprintf(rec, sizeof(rec), "boot %s\nbefore", m.boot);
	for (i = 0; i < n; i++) {
		snprintf(word, sizeof(word), " %d", ids[i]);
		if (len + strlen(word) + 2 >= sizeof(rec))
			return -E2BIG;
		strcat(rec, word);
		len += strlen(word);
	}
	strcat(rec, "\n");
	snprintf(m.zram_name, sizeof(m.zram_name), "%s%d",
		 SIM_MACHINE_ZRAM_PREFIX, (int)getpid());
	fd = m_create(m.run_fd, m.zram_name);
	if (fd < 0)
		return fd;
	ret = m_write_all(fd, rec);
	if (ret) {
		close(fd);
		unlinkat(m.run_fd, m.zram_name, 0);
		return ret;
	}
	*fdp = fd;
	return 0;
}

static int m_zram_create(int prio, char *err, size_t errlen)
{
	char id[16], path[64], size[32], line[32];
	const char *step;
	sigset_t old;
	int fd, rfd, ret, i;

	snprintf(m.swap_path, sizeof(m.swap_path), "a new zram device");
	/*
	 * SIGINT, SIGTERM and SIGHUP wait from before the record exists
	 * until the id is known, so that their handler finds either nothing
	 * or a device it can remove; only a SIGKILL can find the record
	 * without its id, and the next run undoes that.
	 */
	m_block(&old);
	ret = m_zram_record(&rfd);
	if (ret) {
		m_unblock(&old);
		snprintf(err, errlen,
			 "cannot add a zram device: record %s/%s%d: %s",
			 m.run_dir, SIM_MACHINE_ZRAM_PREFIX, (int)getpid(),
			 strerror(-ret));
		return ret;
	}
	m.swap = M_SWAP_ZRAM;
	m.zram_known = 0;
	m_step("zram-recorded");

	step = "hot_add";
	ret = m_get(ZRAM_CONTROL "hot_add", id, sizeof(id));
	if (!ret && !m_digits(id))
		ret = -EIO;
	if (ret) {
		close(rfd);
		/* Nothing was added: the record goes. */
		unlinkat(m.run_fd, m.zram_name, 0);
		m.swap = M_SWAP_NONE;
		m_unblock(&old);
		snprintf(err, errlen, "cannot add a zram device: %s: %s",
			 ZRAM_CONTROL "hot_add", strerror(-ret));
		return ret;
	}
	m_step("zram-added");
	snprintf(line, sizeof(line), "zram %s\n", id);
	ret = m_write_all(rfd, line);
	close(rfd);
	snprintf(m.zram_id, sizeof(m.zram_id), "%s", id);
	snprintf(m.swap_path, sizeof(m.swap_path), "/dev/zram%s", id);
	snprintf(m.zram_reset, sizeof(m.zram_reset), "/sys/block/zram%s/reset",
		 id);
	m.zram_known = 1;
	m_unblock(&old);
	step = "record";
	if (ret)
		goto fail;
	m_step("zram-known");
	step = "disksize";
	snprintf(path, sizeof(path), "/sys/block/zram%s/disksize", id);
	snprintf(size, sizeof(size), "%lu", m.swap_bytes);
	ret = m_put(path, size);
	if (ret)
		goto fail;
	m_step("disksize");
	/* devtmpfs makes the node; give it a moment. */
	step = "open";
	for (i = 0; i < 1000 && access(m.swap_path, F_OK); i++)
		m_sleep_ms(1);
	m_block(&old);
	fd = open(m.swap_path, O_WRONLY | O_CLOEXEC);
	m.swap_open_fd = fd;
	m_unblock(&old);
	if (fd < 0) {
		ret = -errno;
		goto fail;
	}
	ret = m_mkswap_swapon(fd, prio, &step);
	if (!ret)
		return 0;
fail:
	return m_swap_create_failed("a zram swap device", step, ret, err,
				    errlen);
}

/*
 * A VM guest's swap (SIM_MACHINE_SWAP_BLOCKDEV_ENV, set by host/vm-guest.c
 * alone): a swap file needs a disk file system, which the guest's
 * initramfs is not, so the guest is given a virtio block device that is
 * swapped on as a partition is: the same kind of device for reclaim (no
 * SWP_SYNCHRONOUS_IO: pages go through the swap cache, as with a file).
 * It is the guest's, dies with it, and needs no record.
 */
static int m_blockdev_create(const char *dev, int prio, char *err,
			     size_t errlen)
{
	const char *step = "open";
	sigset_t old;
	int fd, ret;

	if (strlen(dev) >= sizeof(m.swap_path)) {
		snprintf(err, errlen, "swap device name too long");
		return -ENAMETOOLONG;
	}
	snprintf(m.swap_path, sizeof(m.swap_path), "%s", dev);
	m_block(&old);
	/* O_EXCL on a block device: no one else has it (mounted, swap). */
	fd = open(dev, O_RDWR | O_CLOEXEC | O_EXCL);
	if (fd < 0) {
		ret = -errno;
		m_unblock(&old);
		snprintf(err, errlen, "cannot open the swap device %s: %s", dev,
			 strerror(-ret));
		return ret;
	}
	m.swap = M_SWAP_BLOCKDEV;
	m.swap_open_fd = fd;
	m_unblock(&old);
	ret = m_mkswap_swapon(fd, prio, &step);
	if (!ret)
		return 0;
	return m_swap_create_failed("a swap device", step, ret, err, errlen);
}

int sim_machine_swap_create(bool zram, int prio, unsigned long bytes, char *err,
			    size_t errlen)
{
	const char *dev = getenv(SIM_MACHINE_SWAP_BLOCKDEV_ENV);

	if (m.swap != M_SWAP_NONE) {
		snprintf(err, errlen, "the scenario has a swap device already");
		return -EEXIST;
	}
	if (m.lock_fd < 0) {
		snprintf(err, errlen, "the machine lock is not held");
		return -ENOLCK;
	}
	m.swap_bytes = bytes ? bytes : SIM_MACHINE_SWAP_BYTES;
	if (!zram && dev && dev[0] == '/')
		return m_blockdev_create(dev, prio, err, errlen);
	return zram ? m_zram_create(prio, err, errlen) :
		      m_swapfile_create(prio, err, errlen);
}

int sim_machine_swap_remove(void)
{
	sigset_t old;
	int ret;

	m_block(&old);
	ret = m_swap_undo();
	m_unblock(&old);
	return ret;
}

/* advisor_mode reads "[none] scan-time": the bracketed word is the value. */
static void m_ksm_value(char *buf)
{
	char *open = strchr(buf, '['), *close;

	if (!open)
		return;
	close = strchr(open, ']');
	if (!close)
		return;
	*close = 0;
	memmove(buf, open + 1, strlen(open + 1) + 1);
}

/* Save what differs from ksm_want (and run), state file first. */
static int m_ksm_save(const char *run)
{
	char rec[M_RECORD_MAX], line[80], cur[32];
	struct m_setting s[M_MAX_KSM];
	sigset_t old;
	size_t i;
	int n = 0, fd, ret;

	if (!m_word(run))
		return -EIO;
	snprintf(s[n].path, sizeof(s[n].path), KSM_DIR "run");
	snprintf(s[n++].val, sizeof(s[0].val), "%s", run);
	snprintf(rec, sizeof(rec), "boot %s\nksm run %s\n", m.boot, run);
	for (i = 0; i < M_ARRAY_SIZE(ksm_want); i++) {
		snprintf(s[n].path, sizeof(s[n].path), KSM_DIR "%s",
			 ksm_want[i].name);
		/* Older kernels lack some knobs: nothing to change there. */
		if (m_get(s[n].path, cur, sizeof(cur)))
			continue;
		m_ksm_value(cur);
		if (!strcmp(cur, ksm_want[i].val))
			continue;
		if (!m_word(cur))
			return -EIO;
		snprintf(s[n++].val, sizeof(s[0].val), "%s", cur);
		snprintf(line, sizeof(line), "ksm %s %s\n", ksm_want[i].name,
			 cur);
		strncat(rec, line, sizeof(rec) - strlen(rec) - 1);
	}
	/* Last: written back first, while run is still what mmsim set. */
	snprintf(s[n].path, sizeof(s[n].path), KSM_DIR "max_page_sharing");
	if (m.ksm_mps[0] && !m_get(s[n].path, cur, sizeof(cur)) &&
	    strcmp(cur, m.ksm_mps)) {
		if (!m_digits(cur))
			return -EIO;
		snprintf(s[n++].val, sizeof(s[0].val), "%s", cur);
		snprintf(line, sizeof(line), "ksm max_page_sharing %s\n", cur);
		strncat(rec, line, sizeof(rec) - strlen(rec) - 1);
	}

	snprintf(m.ksm_name, sizeof(m.ksm_name), "%s%d", SIM_MACHINE_KSM_PREFIX,
		 (int)getpid());
	/* Created and registered with the signals blocked, as the swap. */
	m_block(&old);
	fd = m_create(m.run_fd, m.ksm_name);
	if (fd < 0) {
		m_unblock(&old);
		return fd;
	}
	m.ksm_state_written = 1;
	m_unblock(&old);
	ret = m_write_all(fd, rec);
	close(fd);
	if (ret) {
		m_block(&old);
		m_ksm_undo();
		m_unblock(&old);
		return ret;
	}
	m_step("ksm-recorded");
	/* Recorded: from here on every change is undone on any exit. */
	m_block(&old);
	memcpy(m.ksm, s, sizeof(s[0]) * (size_t)n);
	m.nksm = n;
	m_unblock(&old);
	return 0;
}

/*
 * Wake ksmd from its sleep after a batch: a new sleep_millisecs ends the
 * sleep at once (sleep_millisecs_store wakes ksm_iter_wait); it goes back
 * and forth between 60000 and 60001.  Only while mmsim runs ksmd.
 */
static void m_ksm_wake(void)
{
	static int odd;

	if (!m.ksm_started)
		return;
	odd = !odd;
	m_put(KSM_DIR "sleep_millisecs", odd ? "60001" : "60000");
}

/* Save the KSM settings (ksm.PID), then set what mmsim needs. */
static int m_ksm_prepare(const char *run)
{
	size_t i;
	int ret = m_ksm_save(run);

	if (ret)
		return ret;
	for (i = 0; i < M_ARRAY_SIZE(ksm_want); i++) {
		char path[64];

		snprintf(path, sizeof(path), KSM_DIR "%s", ksm_want[i].name);
		if (access(path, F_OK))
			continue;
		ret = m_put(path, ksm_want[i].val);
		if (ret)
			return ret;
		if (i == 1)
			m_step("ksm-set");
	}
	return 0;
}

/*
 * Whether a live process has KSM pages (/proc/PID/ksm_merging_pages,
 * 5.19+): changing max_page_sharing may take run=2 (m_ksm_put), which
 * would unmerge them, and they are not mmsim's to unmerge.  Once this
 * found none, every KSM page at undo time came from mmsim's own run=1,
 * and unmerging it puts the machine back as it was.  Fills @err when it
 * says yes, or when it cannot tell.
 */
static bool m_ksm_others_merged(char *err, size_t errlen)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	bool found = false, seen = false;

	if (!d) {
		snprintf(err, errlen, "max_page_sharing: /proc: %s",
			 strerror(errno));
		return true;
	}
	while (!found && (de = readdir(d))) {
		char path[64], val[32];

		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%.16s/ksm_merging_pages",
			 de->d_name);
		if (m_get(path, val, sizeof(val)))
			continue;
		seen = true;
		/* Kernel threads have no mm: the file reads empty. */
		if (val[0] && strcmp(val, "0")) {
			snprintf(err, errlen,
				 "max_page_sharing: process %.16s has %.16s "
				 "KSM pages: not mmsim's to unmerge",
				 de->d_name, val);
			found = true;
		}
	}
	closedir(d);
	if (!seen && !found) {
		snprintf(err, errlen,
			 "max_page_sharing: no /proc/PID/ksm_merging_pages "
			 "(before v5.19): cannot tell whose KSM pages exist");
		found = true;
	}
	return found;
}

int sim_machine_ksm_max_page_sharing(unsigned int knob, char *err,
				     size_t errlen)
{
	char run[16], cur[16];
	int ret;

	if (m.lock_fd < 0)
		return -ENOLCK;
	if (m.nksm || m.ksm_mps[0]) {
		snprintf(err, errlen,
			 "max_page_sharing: KSM settings already changed");
		return -EBUSY;
	}
	if (m_get(KSM_DIR "max_page_sharing", cur, sizeof(cur))) {
		snprintf(err, errlen,
			 "no " KSM_DIR "max_page_sharing (before v4.13)");
		return -ENOENT;
	}
	snprintf(m.ksm_mps, sizeof(m.ksm_mps), "%u", knob);
	ret = m_get(KSM_DIR "run", run, sizeof(run));
	if (!ret && strcmp(run, "0")) {
		/* ksmd runs for someone else: its KSM pages are theirs. */
		snprintf(err, errlen, "ksmd runs (run=%s): not mmsim's", run);
		return -EBUSY;
	}
	if (!ret && strcmp(cur, m.ksm_mps) && m_ksm_others_merged(err, errlen))
		return -EBUSY;
	if (!ret)
		ret = m_ksm_prepare(run);
	if (!ret && strcmp(cur, m.ksm_mps))
		ret = m_ksm_put(KSM_DIR "max_page_sharing", m.ksm_mps);
	if (ret)
		snprintf(err, errlen, KSM_DIR "max_page_sharing %s: %s",
			 m.ksm_mps, strerror(-ret));
	return ret;
}

int sim_machine_ksm_start(void)
{
	char run[16];
	int ret;

	if (m.lock_fd < 0)
		return -ENOLCK;
	ret = m_get(KSM_DIR "run", run, sizeof(run));
	if (ret)
		return ret;
	if (!strcmp(run, "1"))
		return m.ksm_started ? 0 : 1;
	if (!m.nksm) {
		ret = m_ksm_prepare(run);
		if (ret)
			return ret;
	}
	/*
	 * A ksmd asleep after the last statement's scan is woken: it finds
	 * run=0 and waits for run=1, which starts one scan.
	 */
	m_ksm_wake();
	/* A small scan is over within microseconds of run=1. */
	m.ksm_scans_at_start = -1;
	if (!m_get(KSM_DIR "full_scans", run, sizeof(run)) && m_digits(run))
		m.ksm_scans_at_start = strtol(run, NULL, 10);
	ret = m_put(KSM_DIR "run", "1");
	if (!ret) {
		m.ksm_started = 1;
		m_step("ksm-run");
	}
	return ret;
}

int sim_machine_ksm_wait(unsigned long passes, int timeout_ms,
			 bool (*busy)(void *ctx), void *ctx)
{
	long end = m_now_ms() + timeout_ms, last_ms;
	unsigned long start, cur, last;
	char buf[32];

	if (m.ksm_scans_at_start >= 0) {
		start = (unsigned long)m.ksm_scans_at_start;
	} else {
		if (m_get(KSM_DIR "full_scans", buf, sizeof(buf)))
			return -EIO;
		start = strtoul(buf, NULL, 10);
	}
	m.ksm_scans_at_start = -1;
	last = start;
	last_ms = m_now_ms();
	for (;;) {
		if (m_get(KSM_DIR "full_scans", buf, sizeof(buf)))
			return -EIO;
		cur = strtoul(buf, NULL, 10);
		if (cur >= start + passes)
			return 0;
		/*
		 * A scan is over: wake ksmd for the next one.  A wake that
		 * came before ksmd read sleep_millisecs for its sleep is
		 * lost; so is one in a scan of several batches: with no
		 * progress for a second, wake it again.
		 */
		if (cur == last && m_now_ms() - last_ms > 1000 &&
		    !m_get(KSM_DIR "full_scans", buf, sizeof(buf)) &&
		    strtoul(buf, NULL, 10) != cur)
			continue; /* a scan just ended: seen next time */
		if (cur != last || m_now_ms() - last_ms > 1000) {
			if (cur != last)
				m_sleep_ms(1);
			m_ksm_wake();
			last = cur;
			last_ms = m_now_ms();
		}
		/*
		 * ksmd drops an mm with no mergeable region at the end of
		 * its scan of it: then nothing of the scenario's can merge
		 * any more, and ksmd may have nothing left to scan at all.
		 */
		if (!busy(ctx))
			return 1;
		if (m_now_ms() >= end)
			return -ETIMEDOUT;
		m_sleep_ms(1);
	}
}

void sim_machine_ksm_pause(void)
{
	if (m.ksm_started)
		m_put(KSM_DIR "run", "0");
}

/*
 * hugepages-NkB/enabled of every THP order: madvise for those of @orders,
 * never for the others.  What differs is saved in thp.PID before the
 * first write, as the KSM settings are.
 */
int sim_machine_thp_sizes(unsigned long orders, char *err, size_t errlen)
{
	char rec[M_RECORD_MAX], line[64], cur[64], paths[M_MAX_THP][200];
	const char *want[M_MAX_THP];
	int order, n = 0, i, fd, ret;
	sigset_t old;

	if (m.lock_fd < 0)
		return -ENOLCK;
	if (m.nthp || m.thp_state_written)
		return -EBUSY;
	snprintf(rec, sizeof(rec), "boot %s\ndir %s\n", m.boot, m_thp_dir());
	for (order = M_THP_MIN_ORDER; order <= M_THP_MAX_ORDER; order++) {
		bool on = orders & (1UL << order);
		char *open, *close, *val;

		snprintf(paths[n], sizeof(paths[n]),
			 "%s/hugepages-%dkB/enabled", m_thp_dir(), 4 << order);
		ret = m_get(paths[n], cur, sizeof(cur));
		/* A size this kernel lacks is off already. */
		if (ret == -ENOENT && !on)
			continue;
		if (ret) {
			snprintf(err, errlen, "%.120s: %s", paths[n],
				 strerror(-ret));
			return ret;
		}
		/*
		 * "always inherit madvise [never]": the bracketed word; a
		 * file of one word (the test hook's copies) is that word.
		 */
		open = strchr(cur, '[');
		close = open ? strchr(open, ']') : NULL;
		if (open && !close) {
			snprintf(err, errlen, "%.120s: no [setting]", paths[n]);
			return -EIO;
		}
		if (open) {
			*close = 0;
			val = open + 1;
		} else {
			cur[strcspn(cur, " \n")] = 0;
			val = cur;
		}
		want[n] = on ? "madvise" : "never";
		if (!strcmp(val, want[n]))
			continue;
		if (!m_word(val) || strlen(val) >= sizeof(m.thp[0].val))
			return -EIO;
		snprintf(m.thp[n].val, sizeof(m.thp[0].val), "%s", val);
		snprintf(line, sizeof(line), "thp %d %s\n", 4 << order, val);
		strncat(rec, line, sizeof(rec) - strlen(rec) - 1);
		n++;
	}
	if (!n)
		return 0;

	snprintf(m.thp_name, sizeof(m.thp_name), "%s%d", SIM_MACHINE_THP_PREFIX,
		 (int)getpid());
	m_block(&old);
	fd = m_create(m.run_fd, m.thp_name);
	if (fd < 0) {
		m_unblock(&old);
		snprintf(err, errlen, "cannot record the THP sizes: %s",
			 strerror(-fd));
		return fd;
	}
	m.thp_state_written = 1;
	m_unblock(&old);
	ret = m_write_all(fd, rec);
	close(fd);
	if (ret) {
		m_block(&old);
		m_thp_undo();
		m_unblock(&old);
		snprintf(err, errlen, "cannot record the THP sizes: %s",
			 strerror(-ret));
		return ret;
	}
	m_step("thp-recorded");
	/* Recorded: from here on every change is undone on any exit. */
	m_block(&old);
	for (i = 0; i < n; i++)
		memcpy(m.thp[i].path, paths[i], sizeof(m.thp[0].path));
	m.nthp = n;
	m_unblock(&old);
	for (i = 0; i < n; i++) {
		ret = m_put(paths[i], want[i]);
		if (ret) {
			snprintf(err, errlen, "%.120s: %s", paths[i],
				 strerror(-ret));
			return ret;
		}
		if (!i)
			m_step("thp-set");
	}
	return 0;
}

int sim_machine_page_cluster(int want)
{
	char rec[M_RECORD_MAX], cur[16], val[16];
	sigset_t old;
	int fd, ret;

	if (m.lock_fd < 0)
		return -ENOLCK;
	ret = m_get(PAGE_CLUSTER, cur, sizeof(cur));
	if (ret)
		return ret;
	snprintf(val, sizeof(val), "%d", want);
	if (!strcmp(cur, val))
		return 0;
	if (!m_digits(cur) || strlen(cur) > 2)
		return -EIO;
	if (!m.pc_saved) {
		snprintf(rec, sizeof(rec), "boot %s\npage-cluster %s\n", m.boot,
			 cur);
		snprintf(m.vm_name, sizeof(m.vm_name), "%s%d",
			 SIM_MACHINE_VM_PREFIX, (int)getpid());
		m_block(&old);
		fd = m_create(m.run_fd, m.vm_name);
		if (fd < 0) {
			m_unblock(&old);
			return fd;
		}
		m.vm_state_written = 1;
		m_unblock(&old);
		ret = m_write_all(fd, rec);
		close(fd);
		if (ret) {
			m_block(&old);
			m_vm_undo();
			m_unblock(&old);
			return ret;
		}
		m_step("vm-recorded");
		m_block(&old);
		snprintf(m.pc_val, sizeof(m.pc_val), "%s", cur);
		m.pc_saved = 1;
		m_unblock(&old);
	}
	return m_put(PAGE_CLUSTER, val);
}
