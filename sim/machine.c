// SPDX-License-Identifier: GPL-2.0-only
/*
 * The machine-wide state of the kernel backend's scenarios: the scenario's
 * swap device and the KSM settings, recorded in state files before they
 * change and undone on every way out (include/sim/machine.h).
 *
 * Everything the signal-safe restore needs is prepared in advance in the
 * file-scope struct m: paths and values as strings, and which steps were
 * taken, so that undoing is open/write/close/swapoff/unlink only.  The
 * normal path blocks the handled signals while it changes m.
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
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/swap.h>
#include <time.h>
#include <unistd.h>

#include "sim/machine.h"

#define KSM_DIR "/sys/kernel/mm/ksm/"
#define ZRAM_CONTROL "/sys/class/zram-control/"
#define M_MAX_KSM 8

enum m_swap { M_SWAP_NONE, M_SWAP_FILE, M_SWAP_ZRAM };

struct m_setting {
	char path[64];
	char val[32];
};

static struct {
	int lock_fd;
	/* The scenario's swap device, once a step of its creation is taken. */
	volatile sig_atomic_t swap;
	char swap_path[64]; /* the swap file or /dev/zramN */
	char zram_id[16]; /* "N" */
	char zram_reset[64]; /* /sys/block/zramN/reset */
	char zram_marker[64]; /* mmsim-zram.PID, holds N */
	/* KSM: m.ksm[0..nksm) hold the values to write back, run first. */
	volatile sig_atomic_t nksm;
	struct m_setting ksm[M_MAX_KSM];
	char ksm_state[64]; /* mmsim-ksm.PID */
	volatile sig_atomic_t ksm_state_written;
	volatile sig_atomic_t ksm_started; /* run=1 written by us */
} m = { .lock_fd = -1 };

/*
 * What mmsim needs of KSM: no advisor (it would retune pages_to_scan, and
 * refuses writes to it), a fast scan of everything, no smart scan (it
 * skips pages that did not merge lately: 4705 merges a page in the pass
 * after its reference is gone), no merging with the zero page (the model
 * has none).  In this order: pages_to_scan refuses writes while an
 * advisor runs.
 */
static const struct {
	const char *name;
	const char *val;
} ksm_want[] = {
	{ "advisor_mode", "none" }, { "pages_to_scan", "10000" },
	{ "sleep_millisecs", "1" }, { "smart_scan", "0" },
	{ "use_zero_pages", "0" },
};

static size_t m_strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

/* Write @s into the file @path (async-signal-safe). */
static int m_put(const char *path, const char *s)
{
	size_t len = m_strlen(s);
	ssize_t n;
	int fd, err;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, s, len);
	err = n < 0 ? -errno : (size_t)n == len ? 0 : -EIO;
	close(fd);
	return err;
}

/* Read the file @path into @buf, without the trailing newline. */
static int m_get(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd, err = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	if (n < 0)
		err = -errno;
	close(fd);
	if (err)
		return err;
	buf[n] = 0;
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = 0;
	return 0;
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

/*
 * swapoff(@path), and true if it is off now (or was never on): only then
 * may the file be unlinked or the device removed; an active swap file
 * unlinked could never be swapped off by name again.
 */
static bool m_swapoff(const char *path)
{
	return !swapoff(path) || errno == EINVAL || errno == ENOENT;
}

/* Remove zram device @id (async-signal-safe). */
static void m_zram_remove(const char *dev, const char *reset, const char *id)
{
	if (!m_swapoff(dev))
		return;
	m_put(reset, "1");
	m_put(ZRAM_CONTROL "hot_remove", id);
}

/* Undo the swap device (async-signal-safe). */
static int m_swap_undo(void)
{
	switch (m.swap) {
	case M_SWAP_FILE:
		if (!m_swapoff(m.swap_path))
			return -EBUSY;
		unlink(m.swap_path);
		break;
	case M_SWAP_ZRAM:
		if (!m_swapoff(m.swap_path))
			return -EBUSY;
		m_zram_remove(m.swap_path, m.zram_reset, m.zram_id);
		unlink(m.zram_marker);
		break;
	}
	m.swap = M_SWAP_NONE;
	return 0;
}

/* Write the saved KSM settings back, last changed first (signal-safe). */
static void m_ksm_undo(void)
{
	int i;

	for (i = m.nksm - 1; i >= 0; i--)
		m_put(m.ksm[i].path, m.ksm[i].val);
	m.nksm = 0;
	m.ksm_started = 0;
	if (m.ksm_state_written)
		unlink(m.ksm_state);
	m.ksm_state_written = 0;
}

void sim_machine_restore_signal_safe(void)
{
	int saved = errno;

	m_swap_undo();
	m_ksm_undo();
	errno = saved;
}

void sim_machine_restore(void)
{
	sigset_t old;

	m_block(&old);
	m_swap_undo();
	m_ksm_undo();
	if (m.lock_fd >= 0)
		close(m.lock_fd);
	m.lock_fd = -1;
	m_unblock(&old);
}

/* Undo a KSM state file of a dead mmsim: its lines are "PATH VALUE". */
static void m_stale_ksm(const char *file)
{
	struct m_setting s[M_MAX_KSM];
	char line[160];
	int n = 0;
	FILE *f;

	f = fopen(file, "re");
	if (!f)
		return;
	while (n < M_MAX_KSM && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%63s %31s", s[n].path, s[n].val) != 2)
			continue;
		/* Only the KSM directory, nothing else, is written. */
		if (strncmp(s[n].path, KSM_DIR, strlen(KSM_DIR)) ||
		    strstr(s[n].path, ".."))
			continue;
		n++;
	}
	fclose(f);
	while (n--)
		m_put(s[n].path, s[n].val);
	unlink(file);
}

static void m_stale_zram(const char *file)
{
	char id[16], dev[32], reset[64];

	if (m_get(file, id, sizeof(id)) || !m_digits(id)) {
		unlink(file);
		return;
	}
	snprintf(dev, sizeof(dev), "/dev/zram%s", id);
	snprintf(reset, sizeof(reset), "/sys/block/zram%s/reset", id);
	if (!m_swapoff(dev))
		return;
	m_zram_remove(dev, reset, id);
	unlink(file);
}

/*
 * Under the lock: every state file but this process's current ones is
 * stale (its mmsim died without undoing it; a live mmsim keeps such state
 * only while it holds the lock).  Undo it.
 */
static void m_clean_stale_locked(void)
{
	static const char *const prefixes[] = { SIM_MACHINE_SWAP_PREFIX,
						SIM_MACHINE_ZRAM_PREFIX,
						SIM_MACHINE_KSM_PREFIX };
	char path[300];
	struct dirent *de;
	DIR *d;
	int i;

	d = opendir(SIM_MACHINE_DIR);
	if (!d)
		return;
	while ((de = readdir(d))) {
		for (i = 0; i < 3; i++)
			if (!strncmp(de->d_name, prefixes[i],
				     strlen(prefixes[i])) &&
			    m_digits(de->d_name + strlen(prefixes[i])))
				break;
		if (i == 3)
			continue;
		snprintf(path, sizeof(path), "%s/%s", SIM_MACHINE_DIR,
			 de->d_name);
		if ((m.swap != M_SWAP_NONE && (!strcmp(path, m.swap_path) ||
					       !strcmp(path, m.zram_marker))) ||
		    (m.ksm_state_written && !strcmp(path, m.ksm_state)))
			continue;
		if (i == 0) {
			if (m_swapoff(path))
				unlink(path);
		} else if (i == 1) {
			m_stale_zram(path);
		} else {
			m_stale_ksm(path);
		}
	}
	closedir(d);
}

static bool m_stale_exists(void)
{
	struct dirent *de;
	bool found = false;
	DIR *d;

	d = opendir(SIM_MACHINE_DIR);
	if (!d)
		return false;
	while (!found && (de = readdir(d)))
		found = !strncmp(de->d_name, "mmsim-", 6) &&
			strcmp(de->d_name, "mmsim.lock");
	closedir(d);
	return found;
}

int sim_machine_lock(int timeout_ms)
{
	long end = m_now_ms() + timeout_ms;
	int fd;

	if (m.lock_fd >= 0)
		return 0;
	fd = open(SIM_MACHINE_LOCK, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	while (flock(fd, LOCK_EX | LOCK_NB)) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			close(fd);
			return -errno;
		}
		if (m_now_ms() >= end) {
			close(fd);
			return -ETIMEDOUT;
		}
		m_sleep_ms(10);
	}
	m.lock_fd = fd;
	m_clean_stale_locked();
	return 0;
}

void sim_machine_clean_stale(void)
{
	int fd;

	if (m.lock_fd >= 0) {
		m_clean_stale_locked();
		return;
	}
	if (!m_stale_exists())
		return;
	fd = open(SIM_MACHINE_LOCK, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	if (!flock(fd, LOCK_EX | LOCK_NB))
		m_clean_stale_locked();
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

/* mkswap on @fd (closed here), then swapon(2) of m.swap_path. */
static int m_mkswap_swapon(int fd, int prio, const char **step)
{
	int ret;

	*step = "mkswap";
	ret = m_mkswap(fd, SIM_MACHINE_SWAP_BYTES);
	close(fd);
	if (ret)
		return ret;
	*step = "swapon";
	if (swapon(m.swap_path, m_swap_flags(prio)))
		return -errno;
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

static int m_swapfile_create(int prio, char *err, size_t errlen)
{
	const char *step;
	sigset_t old;
	int fd, ret;

	m_block(&old);
	snprintf(m.swap_path, sizeof(m.swap_path), "%s/%s%d", SIM_MACHINE_DIR,
		 SIM_MACHINE_SWAP_PREFIX, (int)getpid());
	m.swap = M_SWAP_FILE;
	m_unblock(&old);

	unlink(m.swap_path);
	step = "create";
	fd = open(m.swap_path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
	if (fd < 0) {
		ret = -errno;
		goto fail;
	}
	/* Whatever the umask: a swap file readable by others leaks memory. */
	fchmod(fd, 0600);
	step = "allocate";
	ret = m_fill(fd, SIM_MACHINE_SWAP_BYTES);
	if (ret) {
		close(fd);
		goto fail;
	}
	ret = m_mkswap_swapon(fd, prio, &step);
	if (!ret)
		return 0;
fail:
	return m_swap_create_failed("a swap file", step, ret, err, errlen);
}

static int m_zram_create(int prio, char *err, size_t errlen)
{
	char id[16], path[64], size[32];
	const char *step;
	sigset_t old;
	int fd, ret, i;

	step = "hot_add";
	ret = m_get(ZRAM_CONTROL "hot_add", id, sizeof(id));
	if (!ret && !m_digits(id))
		ret = -EIO;
	if (ret) {
		snprintf(err, errlen, "cannot add a zram device: %s: %s",
			 ZRAM_CONTROL "hot_add", strerror(-ret));
		return ret;
	}
	m_block(&old);
	snprintf(m.zram_id, sizeof(m.zram_id), "%s", id);
	snprintf(m.swap_path, sizeof(m.swap_path), "/dev/zram%s", id);
	snprintf(m.zram_reset, sizeof(m.zram_reset), "/sys/block/zram%s/reset",
		 id);
	snprintf(m.zram_marker, sizeof(m.zram_marker), "%s/%s%d",
		 SIM_MACHINE_DIR, SIM_MACHINE_ZRAM_PREFIX, (int)getpid());
	m.swap = M_SWAP_ZRAM;
	m_unblock(&old);

	step = "record";
	fd = open(m.zram_marker, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC,
		  0600);
	if (fd < 0) {
		ret = -errno;
		goto fail;
	}
	ret = write(fd, id, strlen(id)) < 0 ? -errno : 0;
	close(fd);
	if (ret)
		goto fail;
	step = "disksize";
	snprintf(path, sizeof(path), "/sys/block/zram%s/disksize", id);
	snprintf(size, sizeof(size), "%lu", SIM_MACHINE_SWAP_BYTES);
	ret = m_put(path, size);
	if (ret)
		goto fail;
	/* devtmpfs makes the node; give it a moment. */
	step = "open";
	for (i = 0; i < 1000 && access(m.swap_path, F_OK); i++)
		m_sleep_ms(1);
	fd = open(m.swap_path, O_WRONLY | O_CLOEXEC);
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

int sim_machine_swap_create(bool zram, int prio, char *err, size_t errlen)
{
	if (m.swap != M_SWAP_NONE) {
		snprintf(err, errlen, "the scenario has a swap device already");
		return -EEXIST;
	}
	return zram ? m_zram_create(prio, err, errlen) :
		      m_swapfile_create(prio, err, errlen);
}

const char *sim_machine_swap_path(void)
{
	return m.swap == M_SWAP_NONE ? NULL : m.swap_path;
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
	struct m_setting s[M_MAX_KSM];
	char cur[32];
	sigset_t old;
	size_t i;
	int n = 0, fd, ret = 0;
	FILE *f;

	snprintf(s[n].path, sizeof(s[n].path), KSM_DIR "run");
	snprintf(s[n++].val, sizeof(s[0].val), "%s", run);
	for (i = 0; i < sizeof(ksm_want) / sizeof(ksm_want[0]); i++) {
		snprintf(s[n].path, sizeof(s[n].path), KSM_DIR "%s",
			 ksm_want[i].name);
		/* Older kernels lack some knobs: nothing to change there. */
		if (m_get(s[n].path, cur, sizeof(cur)))
			continue;
		m_ksm_value(cur);
		if (!strcmp(cur, ksm_want[i].val))
			continue;
		snprintf(s[n++].val, sizeof(s[0].val), "%s", cur);
	}

	m_block(&old);
	snprintf(m.ksm_state, sizeof(m.ksm_state), "%s/%s%d", SIM_MACHINE_DIR,
		 SIM_MACHINE_KSM_PREFIX, (int)getpid());
	m.ksm_state_written = 1;
	m_unblock(&old);
	fd = open(m.ksm_state, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0600);
	f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		ret = -errno;
		if (fd >= 0)
			close(fd);
	} else {
		for (i = 0; i < (size_t)n; i++)
			fprintf(f, "%s %s\n", s[i].path, s[i].val);
		if (fflush(f) || fsync(fd))
			ret = -errno;
		fclose(f);
	}
	if (ret) {
		m_block(&old);
		m_ksm_undo();
		m_unblock(&old);
		return ret;
	}
	/* Recorded: from here on every change is undone on any exit. */
	m_block(&old);
	memcpy(m.ksm, s, sizeof(s[0]) * (size_t)n);
	m.nksm = n;
	m_unblock(&old);
	return 0;
}

int sim_machine_ksm_start(void)
{
	char run[16];
	size_t i;
	int ret;

	ret = m_get(KSM_DIR "run", run, sizeof(run));
	if (ret)
		return ret;
	if (!strcmp(run, "1"))
		return m.ksm_started ? 0 : 1;
	if (!m.nksm) {
		ret = m_ksm_save(run);
		if (ret)
			return ret;
		for (i = 0; i < sizeof(ksm_want) / sizeof(ksm_want[0]); i++) {
			char path[64];

			snprintf(path, sizeof(path), KSM_DIR "%s",
				 ksm_want[i].name);
			if (access(path, F_OK))
				continue;
			ret = m_put(path, ksm_want[i].val);
			if (ret)
				return ret;
		}
	}
	ret = m_put(KSM_DIR "run", "1");
	if (!ret)
		m.ksm_started = 1;
	return ret;
}

int sim_machine_ksm_wait(unsigned long passes, int idle_ms, int timeout_ms)
{
	long now = m_now_ms(), end = now + timeout_ms, moved = now;
	unsigned long start, last, cur;
	char buf[32];

	if (m_get(KSM_DIR "full_scans", buf, sizeof(buf)))
		return -EIO;
	start = last = strtoul(buf, NULL, 10);
	for (;;) {
		if (m_get(KSM_DIR "full_scans", buf, sizeof(buf)))
			return -EIO;
		cur = strtoul(buf, NULL, 10);
		now = m_now_ms();
		if (cur >= start + passes)
			return 0;
		if (cur != last) {
			last = cur;
			moved = now;
		}
		if (idle_ms > 0 && now - moved >= idle_ms)
			return 1;
		if (now >= end)
			return -ETIMEDOUT;
		m_sleep_ms(1);
	}
}

void sim_machine_ksm_pause(void)
{
	if (m.ksm_started)
		m_put(KSM_DIR "run", "0");
}
