// SPDX-License-Identifier: GPL-2.0-only
/*
 * The host half of the VM backend (--target vm:VERSION, docs/vm.md): a
 * scenario backend whose every operation is a request to the guest over
 * a virtio-serial port (host/vm-proto.h), where host/vm-guest.c runs it
 * on the kernel backend of the guest's kernel.  So nothing of the kernel
 * backend is copied: the host side only carries calls.
 *
 * One guest serves a whole `mmsim run`: booted at the first file, a fresh
 * kernel backend in it per file (create/destroy), powered off at exit.
 * QEMU runs under TCG (this machine's /dev/kvm cannot run an unmodified
 * guest), dies with us (PR_SET_PDEATHSIG), and is killed on every exit
 * path we see; its directory (the initramfs, the socket, the console
 * log) is a fresh mkdtemp directory, 0700, removed at exit, and one left
 * by a run that was SIGKILLed is removed by the next (its pid file names
 * a dead process).
 *
 * Deviation from the kernel backend on the host: `swapdev file` is a
 * virtio disk swapped on as a partition (no file system in the guest),
 * the same kind of device for reclaim.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "host/host.h"
#include "host/vm-proto.h"
#include "scenario/backend.h"

#define VM_DIR_PREFIX "mmsim-vm-"
/*
 * The guest's disk file system for `mmap … file`: this directory, shared
 * by 9p (virtio-9p, QEMU's local backend) and mounted on the guest's
 * /var/lib/mmsim, since the vm:6.12 kernel has no other disk file system.
 * The guest's files in it are unlinked as soon as they are open.
 */
#define VM_FILES_DIR "files"
#define VM_FILES_TAG "mmsimfiles"
#define VM_BOOT_MS 60000 /* QEMU start + TCG boot: about 2 s here */
#define VM_OP_MS 120000 /* one operation, the guest's limit and more */
/*
 * The guest's kernel backend limit per scenario (MMSIM_KERNEL_TIMEOUT on
 * the kernel command line, which the kernel passes to init's environment):
 * under TCG, ksmd's three full scans take longer than the host's 10 s.
 */
#define VM_GUEST_TIMEOUT "60"
/* The swap disk: SIM_MACHINE_SWAP_BYTES (host/machine.h), 64 MiB. */
#define VM_DISK_BYTES (64L << 20)

/* The guest of this run (one per process: what a run's files share). */
static struct vm_machine {
	char version[16];
	char dir[PATH_MAX];
	pid_t qemu;
	int fd;
	bool up, failed, atexit_done;
	const char *why;
} vm = { .qemu = -1, .fd = -1 };

struct vm_backend {
	struct sim_backend b;
	char str[4][SIM_VM_STR];
	char obs_why[2][SIM_VM_STR];
};

static struct vm_backend *vb(struct sim_backend *b)
{
	return (struct vm_backend *)b;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* The files of the VM's directory. */
#define VM_NFILES 5
static const char *const vm_names[VM_NFILES] = { "initrd", "port", "console",
						 "disk", "pid" };

/*
 * The guest's files left in @dir (a guest killed between making one and
 * unlinking it, host/machine.c): whatever is not a directory goes.
 */
static void vm_files_empty(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	struct dirent *e;
	struct stat st;
	DIR *d;

	if (fd < 0)
		return;
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return;
	}
	/* unlinkat removes a symlink itself, never what it names. */
	while ((e = readdir(d)))
		if (!fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) &&
		    !S_ISDIR(st.st_mode))
			unlinkat(fd, e->d_name, 0);
	closedir(d);
}

/* Kills QEMU and removes its directory (at exit, or on a signal). */
static void vm_stop(void)
{
	char path[PATH_MAX + 32];
	unsigned int i;

	if (vm.fd >= 0)
		close(vm.fd);
	vm.fd = -1;
	if (vm.qemu > 0) {
		kill(vm.qemu, SIGKILL);
		waitpid(vm.qemu, NULL, 0);
		vm.qemu = -1;
	}
	if (vm.dir[0]) {
		for (i = 0; i < VM_NFILES; i++) {
			snprintf(path, sizeof(path), "%s/%s", vm.dir,
				 vm_names[i]);
			unlink(path);
		}
		snprintf(path, sizeof(path), "%s/" VM_FILES_DIR, vm.dir);
		vm_files_empty(path);
		rmdir(path);
		rmdir(vm.dir);
		vm.dir[0] = 0;
	}
	vm.up = false;
}

/*
 * Names the kernel to boot.  Another kernel than the one up: its guest
 * goes first, and the next backend boots the new one (mmsim matrix
 * --target runs several kernels in one process).
 */
int sim_vm_set_target(const char *version)
{
	if (strcmp(version, "6.12") && strcmp(version, "6.1"))
		return -EINVAL;
	if (strcmp(vm.version, version)) {
		vm_stop();
		vm.failed = false;
		vm.why = NULL;
	}
	snprintf(vm.version, sizeof(vm.version), "%s", version);
	return 0;
}

/* The directory's files, named at boot for the signal handler. */
static char vm_files[VM_NFILES][PATH_MAX + 16];
static char vm_files_dir[PATH_MAX + 16];

/*
 * SIGINT, SIGTERM, SIGHUP: QEMU goes and the directory with it, with
 * async-signal-safe calls only, then we die of the signal.  (SIGKILL:
 * QEMU dies of its parent-death signal, and the next run removes the
 * directory: vm_sweep.)
 */
static void vm_on_signal(int sig)
{
	unsigned int i;

	if (vm.qemu > 0)
		kill(vm.qemu, SIGKILL);
	for (i = 0; i < VM_NFILES; i++)
		if (vm_files[i][0])
			unlink(vm_files[i]);
	if (vm_files_dir[0])
		rmdir(vm_files_dir);
	if (vm.dir[0])
		rmdir(vm.dir);
	signal(sig, SIG_DFL);
	raise(sig);
}

/*
 * The directories of runs that died without cleaning up (SIGKILL): ours
 * by name and owner, with a pid file naming a process that is gone.
 */
static void vm_sweep(const char *tmpdir)
{
	DIR *d = opendir(tmpdir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		char path[PATH_MAX], buf[32];
		struct stat st;
		long pid;
		int fd;
		ssize_t n;

		if (strncmp(e->d_name, VM_DIR_PREFIX, strlen(VM_DIR_PREFIX)))
			continue;
		snprintf(path, sizeof(path), "%s/%s", tmpdir, e->d_name);
		if (lstat(path, &st) || !S_ISDIR(st.st_mode) ||
		    st.st_uid != getuid())
			continue;
		snprintf(path, sizeof(path), "%s/%s/pid", tmpdir, e->d_name);
		fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0)
			continue;
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n <= 0)
			continue;
		buf[n] = 0;
		pid = strtol(buf, NULL, 10);
		if (pid <= 0 || !kill((pid_t)pid, 0) || errno != ESRCH)
			continue;
		snprintf(vm.dir, sizeof(vm.dir), "%s/%s", tmpdir, e->d_name);
		vm_stop();
	}
	closedir(d);
}

/* The newest cached bzImage of vm.version (vm/build-kernel). */
static int vm_kernel(char *out, size_t len)
{
	const char *env = getenv("MMSIM_VM_KERNEL");
	const char *cache = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char dir[PATH_MAX];
	time_t best = 0;
	struct dirent *e;
	DIR *d;

	if (env) {
		snprintf(out, len, "%s", env);
		return access(out, R_OK) ? -ENOENT : 0;
	}
	if (cache && cache[0] == '/')
		snprintf(dir, sizeof(dir), "%s/mmsim/kernels", cache);
	else
		snprintf(dir, sizeof(dir), "%s/.cache/mmsim/kernels",
			 home ? home : "/root");
	d = opendir(dir);
	if (!d)
		return -ENOENT;
	while ((e = readdir(d))) {
		char path[PATH_MAX + 300];
		struct stat st;

		if (strncmp(e->d_name, vm.version, strlen(vm.version)) ||
		    e->d_name[strlen(vm.version)] != '-')
			continue;
		snprintf(path, sizeof(path), "%s/%s/bzImage", dir, e->d_name);
		if (stat(path, &st) || st.st_uid != getuid() ||
		    st.st_mtime <= best)
			continue;
		if (strlen(path) >= len)
			continue;
		best = st.st_mtime;
		memcpy(out, path, strlen(path) + 1);
	}
	closedir(d);
	return best ? 0 : -ENOENT;
}

/* The static mmsim that is the guest's /init. */
static int vm_guest_binary(char *out, size_t len)
{
	const char *env = getenv("MMSIM_VM_GUEST");
	char self[PATH_MAX];
	ssize_t n;
	char *slash;

	if (env) {
		snprintf(out, len, "%s", env);
		return access(out, R_OK) ? -ENOENT : 0;
	}
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		return -ENOENT;
	self[n] = 0;
	slash = strrchr(self, '/');
	if (!slash)
		return -ENOENT;
	*slash = 0;
	if (strlen(self) + sizeof("/mmsim-static") > len)
		return -ENAMETOOLONG;
	strcpy(out, self);
	strcat(out, "/mmsim-static");
	return access(out, R_OK) ? -ENOENT : 0;
}

static int cpio_header(int fd, const char *name, unsigned int mode,
		       unsigned long size)
{
	char h[128];
	static const char pad[4];
	size_t nlen = strlen(name) + 1;
	int ret;

	/* newc: magic, then 13 fields of 8 hex digits. */
	snprintf(h, sizeof(h),
		 "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 1u, mode, 0u, 0u, 1u, 0u, (unsigned int)size, 0u, 0u, 0u, 0u,
		 (unsigned int)nlen, 0u);
	ret = sim_vm_write_all(fd, h, 110);
	if (!ret)
		ret = sim_vm_write_all(fd, name, nlen);
	if (!ret)
		ret = sim_vm_write_all(fd, pad, (4 - (110 + nlen) % 4) % 4);
	return ret;
}

/* One regular file of the host, as @name in the archive. */
static int cpio_file(int out, const char *name, const char *src,
		     unsigned int mode)
{
	static const char pad[4];
	int in = open(src, O_RDONLY | O_CLOEXEC), ret;
	struct stat st;
	char buf[65536];
	ssize_t n;

	if (in < 0)
		return -errno;
	if (fstat(in, &st)) {
		ret = -errno;
		close(in);
		return ret;
	}
	ret = cpio_header(out, name, mode, (unsigned long)st.st_size);
	while (!ret && (n = read(in, buf, sizeof(buf))) > 0)
		ret = sim_vm_write_all(out, buf, (size_t)n);
	if (!ret)
		ret = sim_vm_write_all(out, pad, (4 - st.st_size % 4) % 4);
	close(in);
	return ret;
}

/*
 * The modules a distribution kernel needs for the guest (vm/fetch-kernel:
 * modules/order beside its bzImage, dependencies first), as modules/ in
 * the archive; none for a kernel built with them in (vm:6.12).
 */
static int cpio_modules(int out, const char *kernel)
{
	char dir[PATH_MAX], order[PATH_MAX + 16], src[PATH_MAX + 96], name[80],
		line[64];
	const char *slash = strrchr(kernel, '/');
	FILE *f;
	int ret;

	if (!slash || (size_t)(slash - kernel) >= sizeof(dir))
		return 0;
	memcpy(dir, kernel, (size_t)(slash - kernel));
	dir[slash - kernel] = 0;
	snprintf(order, sizeof(order), "%s/modules/order", dir);
	f = fopen(order, "re");
	if (!f)
		return 0;
	ret = cpio_header(out, "modules", 040755, 0);
	if (!ret)
		ret = cpio_file(out, "modules/order", order, 0100644);
	while (!ret && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		if (!line[0] || strchr(line, '/'))
			continue;
		snprintf(src, sizeof(src), "%s/modules/%s.ko", dir, line);
		snprintf(name, sizeof(name), "modules/%s.ko", line);
		ret = cpio_file(out, name, src, 0100644);
	}
	fclose(f);
	return ret;
}

/*
 * An initramfs (uncompressed newc cpio) whose /init is @binary, with the
 * modules @kernel needs.
 */
static int vm_initramfs(const char *binary, const char *kernel,
			const char *path)
{
	int out, ret;

	out = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		   0600);
	if (out < 0)
		return -errno;
	ret = cpio_file(out, "init", binary, 0100755);
	if (!ret)
		ret = cpio_modules(out, kernel);
	if (!ret)
		ret = cpio_header(out, "TRAILER!!!", 0, 0);
	if (close(out) && !ret)
		ret = -EIO;
	return ret;
}

/*
 * The guest's swap device: a sparse file of the size of the host's swap
 * files, a virtio disk that the guest swaps on (SIM_MACHINE_SWAP_BLOCKDEV,
 * host/machine.c): a swap file needs a disk file system the guest does
 * not have.
 */
static int vm_disk(void)
{
	char path[PATH_MAX + 16];
	int fd, ret = 0;

	snprintf(path, sizeof(path), "%s/disk", vm.dir);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		  0600);
	if (fd < 0)
		return -errno;
	if (ftruncate(fd, VM_DISK_BYTES))
		ret = -errno;
	close(fd);
	return ret;
}

static int vm_spawn(const char *kernel)
{
	char initrd[PATH_MAX + 16], chardev[PATH_MAX + 64],
		serial[PATH_MAX + 32], drive[PATH_MAX + 64],
		fsdev[PATH_MAX + 96], virtfs[96];
	pid_t parent = getpid(), pid;

	snprintf(initrd, sizeof(initrd), "%s/initrd", vm.dir);
	snprintf(drive, sizeof(drive),
		 "file=%s/disk,if=virtio,format=raw,cache=unsafe", vm.dir);
	snprintf(chardev, sizeof(chardev),
		 "socket,id=ag,path=%s/port,server=on,wait=off", vm.dir);
	snprintf(serial, sizeof(serial), "file:%s/console", vm.dir);
	snprintf(fsdev, sizeof(fsdev),
		 "local,id=files,path=%s,security_model=passthrough",
		 vm_files_dir);
	snprintf(virtfs, sizeof(virtfs),
		 "virtio-9p-pci,fsdev=files,mount_tag=%s", VM_FILES_TAG);
	pid = fork();
	if (pid < 0)
		return -errno;
	if (!pid) {
		int null = open("/dev/null", O_RDWR);
		char *argv[] = { "qemu-system-x86_64", "-nodefaults",
				 "-display", "none", "-no-reboot", "-accel",
				 "tcg", "-cpu", "max", "-m", "1G",
				 /*
				  * No MADV_MERGEABLE on the guest's RAM:
				  * the host's ksmd would scan it too
				  * (host/kernel-swap.c, k_ksm_sync).
				  */
				 "-machine", "mem-merge=off", "-smp", "2",
				 "-serial", serial, "-kernel", (char *)kernel,
				 "-initrd", initrd, "-drive", drive, "-device",
				 "virtio-serial-pci", "-chardev", chardev,
				 "-device",
				 "virtserialport,chardev=ag,name=mmsim",
				 "-fsdev", fsdev, "-device", virtfs, "-append",
				 "console=ttyS0 panic=-1 quiet "
				 "MMSIM_KERNEL_TIMEOUT=" VM_GUEST_TIMEOUT,
				 NULL };

		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(127);
		if (null >= 0) {
			dup2(null, 0);
			dup2(null, 1);
			dup2(null, 2);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	vm.qemu = pid;
	return 0;
}

/* Waits for @fd to be readable until @deadline (ms). */
static int wait_readable(int fd, long deadline)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	for (;;) {
		long left = deadline - now_ms();
		int n;

		if (left <= 0)
			return -ETIMEDOUT;
		n = poll(&p, 1, (int)(left > 1000 ? 1000 : left));
		if (n > 0)
			return 0;
		if (n < 0 && errno != EINTR)
			return -errno;
		if (vm.qemu > 0 && waitpid(vm.qemu, NULL, WNOHANG) == vm.qemu) {
			vm.qemu = -1;
			return -ECHILD;
		}
	}
}

static int get_all(int fd, void *buf, size_t len, long deadline)
{
	char *p = buf;

	while (len) {
		ssize_t n;
		int ret = wait_readable(fd, deadline);

		if (ret)
			return ret;
		n = read(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -EIO;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int vm_call(const struct sim_vm_req *rq, struct sim_vm_rep *rp, long ms)
{
	int ret;

	if (!vm.up)
		return -ENODEV;
	ret = sim_vm_write_all(vm.fd, rq, sizeof(*rq));
	if (!ret)
		ret = get_all(vm.fd, rp, sizeof(*rp), now_ms() + ms);
	if (ret) {
		vm.up = false;
		vm.failed = true;
	}
	return ret;
}

static int vm_connect(long deadline)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct timespec ts = { 0, 20000000 };

	if (strlen(vm.dir) + sizeof("/port") > sizeof(sa.sun_path))
		return -ENAMETOOLONG;
	strcpy(sa.sun_path, vm.dir);
	strcat(sa.sun_path, "/port");
	while (now_ms() < deadline) {
		int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

		if (fd < 0)
			return -errno;
		if (!connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
			vm.fd = fd;
			return 0;
		}
		close(fd);
		if (vm.qemu > 0 && waitpid(vm.qemu, NULL, WNOHANG) == vm.qemu) {
			vm.qemu = -1;
			return -ECHILD;
		}
		nanosleep(&ts, NULL);
	}
	return -ETIMEDOUT;
}

/* Boots the guest once per run; false and vm.why if it cannot. */
static bool vm_boot(void)
{
	const char *tmpdir = getenv("TMPDIR");
	char kernel[PATH_MAX], guest[PATH_MAX], path[PATH_MAX + 16];
	struct sim_vm_req rq = { .op = SIM_VM_HELLO };
	struct sim_vm_rep rp;
	struct sigaction sa;
	long deadline = now_ms() + VM_BOOT_MS;
	int fd, len, ret, i;

	if (vm.up)
		return true;
	if (vm.failed)
		return false;
	vm.failed = true; /* until it is up */
	if (!vm.version[0]) {
		vm.why = "no VM target";
		return false;
	}
	if (vm_kernel(kernel, sizeof(kernel))) {
		vm.why = getenv("MMSIM_VM_KERNEL") ?
				 "MMSIM_VM_KERNEL names no readable file" :
				 "the vm kernel is not built (make vm-kernels)";
		return false;
	}
	if (vm_guest_binary(guest, sizeof(guest))) {
		vm.why = "no static mmsim for the guest (make)";
		return false;
	}
	/* The socket's path must fit a sockaddr_un. */
	if (!tmpdir || tmpdir[0] != '/' || strlen(tmpdir) > 64)
		tmpdir = "/tmp";
	vm_sweep(tmpdir);
	snprintf(vm.dir, sizeof(vm.dir), "%s/" VM_DIR_PREFIX "XXXXXX", tmpdir);
	if (!mkdtemp(vm.dir)) {
		vm.dir[0] = 0;
		vm.why = "cannot make the VM's directory";
		return false;
	}
	if (!vm.atexit_done)
		atexit(vm_stop);
	vm.atexit_done = true;
	memset(&sa, 0, sizeof(sa));
	for (i = 0; i < VM_NFILES; i++)
		snprintf(vm_files[i], sizeof(vm_files[i]), "%s/%s", vm.dir,
			 vm_names[i]);
	snprintf(vm_files_dir, sizeof(vm_files_dir), "%s/" VM_FILES_DIR,
		 vm.dir);
	sa.sa_handler = vm_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	snprintf(path, sizeof(path), "%s/pid", vm.dir);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		  0600);
	if (fd >= 0) {
		char buf[32];

		len = snprintf(buf, sizeof(buf), "%d\n", (int)getpid());
		ret = sim_vm_write_all(fd, buf, (size_t)len);
		close(fd);
		if (ret) {
			vm.why = "cannot write the VM's pid file";
			vm_stop();
			return false;
		}
	}
	snprintf(path, sizeof(path), "%s/initrd", vm.dir);
	if (mkdir(vm_files_dir, 0700)) {
		vm.why = "cannot make the VM's file directory";
		vm_stop();
		return false;
	}
	if (vm_initramfs(guest, kernel, path) || vm_disk() ||
	    vm_spawn(kernel) || vm_connect(deadline)) {
		vm.why = "QEMU did not start (qemu-system-x86_64 missing?)";
		vm_stop();
		return false;
	}
	vm.up = true;
	if (vm_call(&rq, &rp, deadline - now_ms()) ||
	    rp.out[0] != SIM_VM_MAGIC) {
		vm.why = "the guest did not answer";
		vm_stop();
		return false;
	}
	vm.failed = false;
	return true;
}

/* Keeps the reply's strings in @v, and the backend's fields. */
static void vm_strings(struct vm_backend *v, const struct sim_vm_rep *rp)
{
	memcpy(v->str[0], rp->str[0], SIM_VM_STR);
	memcpy(v->str[3], rp->str[3], SIM_VM_STR);
	v->str[0][SIM_VM_STR - 1] = v->str[3][SIM_VM_STR - 1] = 0;
	v->b.unsupported = rp->has[0] ? v->str[0] : NULL;
	v->b.broken = rp->has[3] ? v->str[3] : NULL;
	v->b.broken_err = (int)(int64_t)rp->out[1];
}

/* The request @rq; its return value, out[0] in *@out (may be NULL). */
static int vm_request(struct sim_backend *b, const struct sim_vm_req *rq,
		      uint64_t *out)
{
	struct sim_vm_rep rp;
	int ret = vm_call(rq, &rp, VM_OP_MS);

	if (ret) {
		b->broken = "the VM stopped answering";
		b->broken_err = ret;
		return ret;
	}
	vm_strings(vb(b), &rp);
	if (out)
		*out = rp.out[0];
	return (int)rp.ret;
}

/* Operation @op with up to four arguments. */
static int vm_op(struct sim_backend *b, unsigned int op, uint64_t a0,
		 uint64_t a1, uint64_t a2, uint64_t a3, uint64_t *out)
{
	struct sim_vm_req rq = { .op = op, .arg = { a0, a1, a2, a3 } };

	return vm_request(b, &rq, out);
}

static const char *vm_missing_cap(struct sim_backend *b, enum sim_cap cap)
{
	struct sim_vm_req rq = { .op = SIM_VM_MISSING_CAP, .arg = { cap } };
	struct sim_vm_rep rp;

	if (vm_call(&rq, &rp, VM_OP_MS))
		return "the VM stopped answering";
	if (!rp.has[0])
		return NULL;
	memcpy(vb(b)->str[1], rp.str[0], SIM_VM_STR);
	vb(b)->str[1][SIM_VM_STR - 1] = 0;
	return vb(b)->str[1];
}

static int vm_first_process(struct sim_backend *b)
{
	return vm_op(b, SIM_VM_FIRST_PROCESS, 0, 0, 0, 0, NULL);
}

static int vm_fork(struct sim_backend *b, int proc, int *child)
{
	uint64_t c = 0;
	int ret = vm_op(b, SIM_VM_FORK, (uint64_t)proc, 0, 0, 0, &c);

	*child = (int)c;
	return ret;
}

static int vm_exit(struct sim_backend *b, int proc)
{
	return vm_op(b, SIM_VM_EXIT, (uint64_t)proc, 0, 0, 0, NULL);
}

static bool vm_alive(struct sim_backend *b, int proc)
{
	return vm_op(b, SIM_VM_ALIVE, (uint64_t)proc, 0, 0, 0, NULL) > 0;
}

static int vm_mmap(struct sim_backend *b, int proc, unsigned long npages,
		   int prot, bool shared, enum sim_backing backing, bool thp,
		   unsigned long *addr)
{
	struct sim_vm_req rq = { .op = SIM_VM_MMAP,
				 .arg = { (uint64_t)proc, npages,
					  (uint64_t)prot, shared, backing,
					  thp } };
	uint64_t a = 0;
	int ret = vm_request(b, &rq, &a);

	*addr = a;
	return ret;
}

static int vm_munmap(struct sim_backend *b, int proc, unsigned long addr,
		     unsigned long npages)
{
	return vm_op(b, SIM_VM_MUNMAP, (uint64_t)proc, addr, npages, 0, NULL);
}

static int vm_mprotect(struct sim_backend *b, int proc, unsigned long addr,
		       unsigned long npages, int prot)
{
	return vm_op(b, SIM_VM_MPROTECT, (uint64_t)proc, addr, npages,
		     (uint64_t)prot, NULL);
}

static int vm_madvise(struct sim_backend *b, int proc, unsigned long addr,
		      unsigned long npages, int advice)
{
	return vm_op(b, SIM_VM_MADVISE, (uint64_t)proc, addr, npages,
		     (uint64_t)advice, NULL);
}

static int vm_mlock(struct sim_backend *b, int proc, unsigned long addr,
		    unsigned long npages, bool lock)
{
	return vm_op(b, SIM_VM_MLOCK, (uint64_t)proc, addr, npages, lock, NULL);
}

static int vm_load(struct sim_backend *b, int proc, unsigned long addr,
		   uint64_t *val)
{
	return vm_op(b, SIM_VM_LOAD, (uint64_t)proc, addr, 0, 0, val);
}

static int vm_store(struct sim_backend *b, int proc, unsigned long addr,
		    uint64_t val)
{
	return vm_op(b, SIM_VM_STORE, (uint64_t)proc, addr, val, 0, NULL);
}

static int vm_gup(struct sim_backend *b, int proc, unsigned long addr,
		  unsigned int how, int *handle)
{
	uint64_t h = 0;
	int ret = vm_op(b, SIM_VM_GUP, (uint64_t)proc, addr, how, 0, &h);

	*handle = (int)h;
	return ret;
}

static int vm_unpin(struct sim_backend *b, int handle)
{
	return vm_op(b, SIM_VM_UNPIN, (uint64_t)handle, 0, 0, 0, NULL);
}

static int vm_dma_read(struct sim_backend *b, int handle, uint64_t *val)
{
	return vm_op(b, SIM_VM_DMA_READ, (uint64_t)handle, 0, 0, 0, val);
}

static int vm_dma_write(struct sim_backend *b, int handle, uint64_t val)
{
	return vm_op(b, SIM_VM_DMA_WRITE, (uint64_t)handle, val, 0, 0, NULL);
}

static int vm_swapdev(struct sim_backend *b, bool sync, bool stable_writes,
		      bool slow_writeback, unsigned long pages)
{
	return vm_op(b, SIM_VM_SWAPDEV, sync, stable_writes, slow_writeback,
		     pages, NULL);
}

static int vm_swapout(struct sim_backend *b, int proc, unsigned long addr,
		      unsigned long npages)
{
	return vm_op(b, SIM_VM_SWAPOUT, (uint64_t)proc, addr, npages, 0, NULL);
}

static int vm_swapoff(struct sim_backend *b)
{
	return vm_op(b, SIM_VM_SWAPOFF, 0, 0, 0, 0, NULL);
}

static int vm_writeback_done(struct sim_backend *b)
{
	return vm_op(b, SIM_VM_WRITEBACK_DONE, 0, 0, 0, 0, NULL);
}

static int vm_migrate(struct sim_backend *b, int proc, unsigned long addr)
{
	return vm_op(b, SIM_VM_MIGRATE, (uint64_t)proc, addr, 0, 0, NULL);
}

static int vm_ksm(struct sim_backend *b, unsigned int scans)
{
	return vm_op(b, SIM_VM_KSM, scans, 0, 0, 0, NULL);
}

static int vm_thp_sizes(struct sim_backend *b, unsigned long orders)
{
	return vm_op(b, SIM_VM_THP_SIZES, orders, 0, 0, 0, NULL);
}

static int vm_split(struct sim_backend *b, int proc, unsigned long addr)
{
	return vm_op(b, SIM_VM_SPLIT, (uint64_t)proc, addr, 0, 0, NULL);
}

static int vm_mremap(struct sim_backend *b, int proc, unsigned long addr,
		     unsigned long npages, unsigned long *new_addr)
{
	uint64_t a = 0;
	int ret = vm_op(b, SIM_VM_MREMAP, (uint64_t)proc, addr, npages, 0, &a);

	*new_addr = a;
	return ret;
}

static int vm_uffd(struct sim_backend *b, int proc, unsigned int features)
{
	return vm_op(b, SIM_VM_UFFD, (uint64_t)proc, features, 0, 0, NULL);
}

static int vm_uffd_wp(struct sim_backend *b, int proc, unsigned long addr,
		      unsigned long npages, bool on)
{
	return vm_op(b, SIM_VM_UFFD_WP, (uint64_t)proc, addr, npages, on, NULL);
}

static int vm_uffd_poison(struct sim_backend *b, int proc, unsigned long addr,
			  unsigned long npages)
{
	return vm_op(b, SIM_VM_UFFD_POISON, (uint64_t)proc, addr, npages, 0,
		     NULL);
}

static int vm_uffd_unregister(struct sim_backend *b, int proc,
			      unsigned long addr, unsigned long npages)
{
	return vm_op(b, SIM_VM_UFFD_UNREGISTER, (uint64_t)proc, addr, npages, 0,
		     NULL);
}

static int vm_uffd_faults(struct sim_backend *b, int proc,
			  unsigned long *faults)
{
	uint64_t n = 0;
	int ret = vm_op(b, SIM_VM_UFFD_FAULTS, (uint64_t)proc, 0, 0, 0, &n);

	*faults = n;
	return ret;
}

static int vm_deferred_split(struct sim_backend *b)
{
	return vm_op(b, SIM_VM_DEFERRED_SPLIT, 0, 0, 0, 0, NULL);
}

static int vm_ksm_max_page_sharing(struct sim_backend *b, unsigned int knob)
{
	return vm_op(b, SIM_VM_KSM_MAX_PAGE_SHARING, knob, 0, 0, 0, NULL);
}

static int vm_thp_counter(struct sim_backend *b, unsigned int ev,
			  unsigned int order, unsigned long *val,
			  const char **why)
{
	struct sim_vm_req rq = { .op = SIM_VM_THP_COUNTER,
				 .arg = { ev, order } };
	struct sim_vm_rep rp;
	int ret = vm_call(&rq, &rp, VM_OP_MS);

	if (ret) {
		b->broken = "the VM stopped answering";
		b->broken_err = ret;
		return ret;
	}
	vm_strings(vb(b), &rp);
	*val = rp.out[0];
	if (rp.has[1]) {
		memcpy(vb(b)->obs_why[0], rp.str[1], SIM_VM_STR);
		vb(b)->obs_why[0][SIM_VM_STR - 1] = 0;
		*why = vb(b)->obs_why[0];
	}
	return (int)rp.ret;
}

static int vm_poison(struct sim_backend *b, int proc, unsigned long addr)
{
	return vm_op(b, SIM_VM_POISON, (uint64_t)proc, addr, 0, 0, NULL);
}

static int vm_poison_table(struct sim_backend *b, int proc, unsigned long addr)
{
	return vm_op(b, SIM_VM_POISON_TABLE, (uint64_t)proc, addr, 0, 0, NULL);
}

static int vm_corrupt(struct sim_backend *b, int proc, unsigned long addr)
{
	return vm_op(b, SIM_VM_CORRUPT, (uint64_t)proc, addr, 0, 0, NULL);
}

static int vm_mce_kill(struct sim_backend *b, int proc, int how)
{
	return vm_op(b, SIM_VM_MCE_KILL, (uint64_t)proc, (uint64_t)how, 0, 0,
		     NULL);
}

static int vm_clear_refs(struct sim_backend *b, int proc, int type)
{
	return vm_op(b, SIM_VM_CLEAR_REFS, (uint64_t)proc, (uint64_t)type, 0, 0,
		     NULL);
}

static int vm_mce_early_kill(struct sim_backend *b, bool early)
{
	return vm_op(b, SIM_VM_MCE_EARLY_KILL, early, 0, 0, 0, NULL);
}

static int vm_sigbus_count(struct sim_backend *b, int proc, int code,
			   unsigned long *count)
{
	uint64_t n = 0;
	int ret = vm_op(b, SIM_VM_SIGBUS_COUNT, (uint64_t)proc, (uint64_t)code,
			0, 0, &n);

	*count = n;
	return ret;
}

static int vm_query(struct sim_backend *b, int proc, unsigned long addr,
		    struct sim_obs *obs)
{
	struct sim_vm_req rq = { .op = SIM_VM_QUERY,
				 .arg = { (uint64_t)proc, addr } };
	struct vm_backend *v = vb(b);
	struct sim_vm_rep rp;
	int ret = vm_call(&rq, &rp, VM_OP_MS);

	memset(obs, 0, sizeof(*obs));
	if (ret) {
		b->broken = "the VM stopped answering";
		b->broken_err = ret;
		obs->info.kind = SIM_PTE_OTHER;
		return ret;
	}
	obs->info = rp.info;
	obs->unobservable = rp.unobservable;
	memcpy(v->obs_why[0], rp.str[1], SIM_VM_STR);
	memcpy(v->obs_why[1], rp.str[2], SIM_VM_STR);
	v->obs_why[0][SIM_VM_STR - 1] = v->obs_why[1][SIM_VM_STR - 1] = 0;
	obs->why = rp.has[1] ? v->obs_why[0] : NULL;
	obs->why_exclusive = rp.has[2] ? v->obs_why[1] : NULL;
	return (int)rp.ret;
}

static void vm_show(struct sim_backend *b,
		    void (*out)(void *ctx, const char *line), void *ctx)
{
	struct sim_vm_req rq = { .op = SIM_VM_SHOW };
	struct sim_vm_rep rp;

	if (vm_call(&rq, &rp, VM_OP_MS))
		return;
	while (rp.more) {
		rp.str[0][SIM_VM_STR - 1] = 0;
		out(ctx, rp.str[0]);
		if (get_all(vm.fd, &rp, sizeof(rp), now_ms() + VM_OP_MS)) {
			vm.up = false;
			vm.failed = true;
			return;
		}
	}
	(void)b;
}

static unsigned long vm_teardown(struct sim_backend *b)
{
	uint64_t leaked = 0;

	vm_op(b, SIM_VM_TEARDOWN, 0, 0, 0, 0, &leaked);
	return leaked;
}

static void vm_destroy(struct sim_backend *b)
{
	struct sim_vm_req rq = { .op = SIM_VM_DESTROY };
	struct sim_vm_rep rp;

	if (vm.up)
		vm_call(&rq, &rp, VM_OP_MS);
	free(b);
}

static const struct sim_backend_ops vm_ops = {
	.name = "kernel",
	.missing_cap = vm_missing_cap,
	.first_process = vm_first_process,
	.fork = vm_fork,
	.exit = vm_exit,
	.alive = vm_alive,
	.mmap = vm_mmap,
	.munmap = vm_munmap,
	.mprotect = vm_mprotect,
	.madvise = vm_madvise,
	.mlock = vm_mlock,
	.load = vm_load,
	.store = vm_store,
	.gup = vm_gup,
	.unpin = vm_unpin,
	.dma_read = vm_dma_read,
	.dma_write = vm_dma_write,
	.swapdev = vm_swapdev,
	.swapout = vm_swapout,
	.swapoff = vm_swapoff,
	.writeback_done = vm_writeback_done,
	.migrate = vm_migrate,
	.ksm = vm_ksm,
	.split = vm_split,
	.thp_sizes = vm_thp_sizes,
	.mremap = vm_mremap,
	.uffd_wp = vm_uffd_wp,
	.uffd_poison = vm_uffd_poison,
	.uffd_unregister = vm_uffd_unregister,
	.uffd = vm_uffd,
	.uffd_faults = vm_uffd_faults,
	.thp_counter = vm_thp_counter,
	.deferred_split = vm_deferred_split,
	.ksm_max_page_sharing = vm_ksm_max_page_sharing,
	.poison = vm_poison,
	.poison_table = vm_poison_table,
	.mce_kill = vm_mce_kill,
	.clear_refs = vm_clear_refs,
	.corrupt = vm_corrupt,
	.mce_early_kill = vm_mce_early_kill,
	.sigbus_count = vm_sigbus_count,
	.query = vm_query,
	.show = vm_show,
	.teardown = vm_teardown,
	.destroy = vm_destroy,
};

struct sim_backend *sim_backend_vm_create(const char **why)
{
	struct sim_vm_req rq = { .op = SIM_VM_CREATE };
	struct sim_vm_rep rp;
	struct vm_backend *v;

	if (!vm_boot()) {
		*why = vm.why;
		return NULL;
	}
	if (vm_call(&rq, &rp, VM_OP_MS)) {
		*why = "the VM stopped answering";
		return NULL;
	}
	if (rp.ret) {
		*why = "the guest's kernel cannot run the kernel backend";
		return NULL;
	}
	v = calloc(1, sizeof(*v));
	if (!v)
		abort();
	v->b.ops = &vm_ops;
	return &v->b;
}
