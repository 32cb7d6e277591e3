// SPDX-License-Identifier: GPL-2.0-only
/*
 * The init of a vm:VERSION guest (vm/boot): mounts what mmsim's kernel
 * backend reads (/proc, /sys, /dev, debugfs), says which facilities the
 * kernel has, one "mmsim-guest: FACILITY yes|no" line each on the
 * console, then powers the machine off.  It is the first stage of the VM
 * backend: a kernel that boots and says what it can show.
 *
 * Static, no libc beyond what -static links; runs as PID 1, so it never
 * returns (the kernel panics when init exits: panic=-1 reboots, and QEMU
 * with -no-reboot then stops).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <signal.h>
#include <unistd.h>

#ifndef MADV_HWPOISON
#define MADV_HWPOISON 100
#endif

static void say(const char *what, int yes)
{
	printf("mmsim-guest: %s %s\n", what, yes ? "yes" : "no");
}

static int exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/* The uffd features the kernel offers (UFFDIO_API), 0 if none. */
static unsigned long long uffd_features(void)
{
	struct uffdio_api api = { .api = UFFD_API };
	int fd = (int)syscall(SYS_userfaultfd, O_CLOEXEC);
	unsigned long long f = 0;

	if (fd < 0)
		return 0;
	if (!ioctl(fd, UFFDIO_API, &api))
		f = api.features;
	close(fd);
	return f;
}

/*
 * MADV_HWPOISON on a page of a child's own: EINVAL without
 * MEMORY_FAILURE; with it the child is killed by SIGBUS (6.12 sends it
 * during the madvise) or the call succeeds.  Never in PID 1: its death
 * would panic the kernel.
 */
static int hwpoison_works(void)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return 0;
	if (!pid) {
		char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			_exit(2);
		p[0] = 1;
		_exit(madvise(p, 4096, MADV_HWPOISON) ? 1 : 0);
	}
	if (waitpid(pid, &status, 0) != pid)
		return 0;
	return WIFSIGNALED(status) ? WTERMSIG(status) == SIGBUS :
				     WEXITSTATUS(status) == 0;
}

int main(void)
{
	struct utsname u;

	mkdir("/proc", 0555);
	mkdir("/sys", 0555);
	mkdir("/dev", 0755);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);

	uname(&u);
	printf("mmsim-guest: kernel %s\n", u.release);
	say("gup_test", exists("/sys/kernel/debug/gup_test"));
	say("kpageflags", exists("/proc/kpageflags"));
	say("thp", exists("/sys/kernel/mm/transparent_hugepage/enabled"));
	say("mthp", exists("/sys/kernel/mm/transparent_hugepage/"
			   "hugepages-64kB/enabled"));
	say("ksm", exists("/sys/kernel/mm/ksm/run"));
	say("zram", exists("/sys/class/zram-control/hot_add"));
	say("hwpoison_inject", exists("/sys/kernel/debug/hwpoison"));
	printf("mmsim-guest: uffd-features %#llx\n", uffd_features());
	say("memory_failure", hwpoison_works());
	printf("mmsim-guest: done\n");
	sync();
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}
