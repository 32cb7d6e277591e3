// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest half of the VM backend (docs/vm.md): mmsim, linked
 * statically, is the guest's /init.  It mounts what the kernel backend
 * reads, opens the virtio-serial port the host talks on, and serves the
 * requests of host/vm-proto.h by running the kernel backend
 * (host/kernel*.c) on the guest's kernel: the same code as on the host,
 * observations included, since /proc/kpageflags and pagemap must be read
 * where the pages are.
 *
 * PID 1 must never exit (the kernel would panic): every way out powers
 * the machine off.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "host/host.h"
#include "host/vm-proto.h"
#include "scenario/backend.h"

#define VM_PORT "/dev/vport0p1"

static void __attribute__((noreturn)) poweroff(const char *why)
{
	if (why)
		fprintf(stderr, "mmsim-guest: %s\n", why);
	sync();
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}

static int full_read(int fd, void *buf, size_t len)
{
	char *p = buf;

	while (len) {
		ssize_t n = read(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static void put_str(struct sim_vm_rep *rp, int i, const char *s)
{
	rp->has[i] = s != NULL;
	if (s)
		snprintf(rp->str[i], SIM_VM_STR, "%s", s);
}

struct serve {
	int fd;
	struct sim_backend *b;
};

static void show_line(void *ctx, const char *line)
{
	struct serve *s = ctx;
	struct sim_vm_rep rp = { .more = 1 };

	put_str(&rp, 0, line);
	if (sim_vm_write_all(s->fd, &rp, sizeof(rp)))
		poweroff("the host went away");
}

/* Runs request @rq on the backend; fills @rp. */
static void serve_one(struct serve *s, const struct sim_vm_req *rq,
		      struct sim_vm_rep *rp)
{
	const struct sim_backend_ops *ops = s->b ? s->b->ops : NULL;
	struct sim_backend *b = s->b;
	const uint64_t *a = rq->arg;
	unsigned long ul = 0;
	uint64_t v = 0;
	int i = 0;

	if (rq->op > SIM_VM_DESTROY && rq->op != SIM_VM_POWEROFF && !b) {
		rp->ret = -EINVAL;
		return;
	}
	switch (rq->op) {
	case SIM_VM_HELLO:
		rp->out[0] = SIM_VM_MAGIC;
		return;
	case SIM_VM_CREATE: {
		const char *why = NULL;

		if (b)
			ops->destroy(b);
		s->b = sim_backend_kernel_create(&why);
		rp->ret = s->b ? 0 : -ENODEV;
		put_str(rp, 0, why);
		return;
	}
	case SIM_VM_DESTROY:
		if (b)
			ops->destroy(b);
		s->b = NULL;
		return;
	case SIM_VM_MISSING_CAP:
		put_str(rp, 0, ops->missing_cap(b, (enum sim_cap)a[0]));
		return;
	case SIM_VM_FIRST_PROCESS:
		rp->ret = ops->first_process(b);
		break;
	case SIM_VM_FORK:
		rp->ret = ops->fork(b, (int)a[0], &i);
		rp->out[0] = (uint64_t)i;
		break;
	case SIM_VM_EXIT:
		rp->ret = ops->exit(b, (int)a[0]);
		break;
	case SIM_VM_ALIVE:
		rp->ret = ops->alive(b, (int)a[0]);
		break;
	case SIM_VM_MMAP:
		rp->ret = ops->mmap(b, (int)a[0], a[1], (int)a[2], a[3],
				    (enum sim_backing)a[4], a[5], &ul);
		rp->out[0] = ul;
		break;
	case SIM_VM_MUNMAP:
		rp->ret = ops->munmap(b, (int)a[0], a[1], a[2]);
		break;
	case SIM_VM_MPROTECT:
		rp->ret = ops->mprotect(b, (int)a[0], a[1], a[2], (int)a[3]);
		break;
	case SIM_VM_MADVISE:
		rp->ret = ops->madvise(b, (int)a[0], a[1], a[2], (int)a[3]);
		break;
	case SIM_VM_MLOCK:
		rp->ret = ops->mlock(b, (int)a[0], a[1], a[2], a[3]);
		break;
	case SIM_VM_LOAD:
		rp->ret = ops->load(b, (int)a[0], a[1], &v);
		rp->out[0] = v;
		break;
	case SIM_VM_STORE:
		rp->ret = ops->store(b, (int)a[0], a[1], a[2]);
		break;
	case SIM_VM_GUP:
		rp->ret = ops->gup(b, (int)a[0], a[1], (unsigned int)a[2], &i);
		rp->out[0] = (uint64_t)i;
		break;
	case SIM_VM_UNPIN:
		rp->ret = ops->unpin(b, (int)a[0]);
		break;
	case SIM_VM_DMA_READ:
		rp->ret = ops->dma_read(b, (int)a[0], &v);
		rp->out[0] = v;
		break;
	case SIM_VM_DMA_WRITE:
		rp->ret = ops->dma_write(b, (int)a[0], a[1]);
		break;
	case SIM_VM_SWAPDEV:
		rp->ret = ops->swapdev(b, a[0], a[1], a[2], a[3]);
		break;
	case SIM_VM_SWAPOUT:
		rp->ret = ops->swapout(b, (int)a[0], a[1], a[2]);
		break;
	case SIM_VM_SWAPOFF:
		rp->ret = ops->swapoff(b);
		break;
	case SIM_VM_MIGRATE:
		rp->ret = ops->migrate(b, (int)a[0], a[1]);
		break;
	case SIM_VM_KSM:
		rp->ret = ops->ksm(b, (unsigned int)a[0]);
		break;
	case SIM_VM_WRITEBACK_DONE:
		rp->ret = ops->writeback_done(b);
		break;
	case SIM_VM_THP_SIZES:
		rp->ret = ops->thp_sizes(b, a[0]);
		break;
	case SIM_VM_SPLIT:
		rp->ret = ops->split(b, (int)a[0], a[1]);
		break;
	case SIM_VM_MREMAP:
		rp->ret = ops->mremap(b, (int)a[0], a[1], a[2], &ul);
		rp->out[0] = ul;
		break;
	case SIM_VM_COPIES:
		rp->out[0] = ops->copies ? ops->copies(b) : 0;
		rp->ret = ops->copies ? 0 : -ENOSYS;
		break;
	case SIM_VM_QUERY: {
		struct sim_obs obs;

		rp->ret = ops->query(b, (int)a[0], a[1], &obs);
		rp->info = obs.info;
		rp->unobservable = obs.unobservable;
		put_str(rp, 1, obs.why);
		put_str(rp, 2, obs.why_exclusive);
		break;
	}
	case SIM_VM_SHOW:
		ops->show(b, show_line, s);
		break;
	case SIM_VM_UFFD:
		rp->ret = ops->uffd(b, (int)a[0], (unsigned int)a[1]);
		break;
	case SIM_VM_UFFD_WP:
		rp->ret = ops->uffd_wp(b, (int)a[0], a[1], a[2], a[3]);
		break;
	case SIM_VM_UFFD_POISON:
		rp->ret = ops->uffd_poison(b, (int)a[0], a[1], a[2]);
		break;
	case SIM_VM_UFFD_UNREGISTER:
		rp->ret = ops->uffd_unregister(b, (int)a[0], a[1], a[2]);
		break;
	case SIM_VM_UFFD_FAULTS:
		rp->ret = ops->uffd_faults(b, (int)a[0], &ul);
		rp->out[0] = ul;
		break;
	case SIM_VM_POISON:
		rp->ret = ops->poison(b, (int)a[0], a[1]);
		break;
	case SIM_VM_POISON_TABLE:
		rp->ret = ops->poison_table(b, (int)a[0], a[1]);
		break;
	case SIM_VM_CORRUPT:
		rp->ret = ops->corrupt(b, (int)a[0], a[1]);
		break;
	case SIM_VM_MCE_KILL:
		rp->ret = ops->mce_kill(b, (int)a[0], (int)a[1]);
		break;
	case SIM_VM_CLEAR_REFS:
		rp->ret = ops->clear_refs(b, (int)a[0], (int)a[1]);
		break;
	case SIM_VM_MCE_EARLY_KILL:
		rp->ret = ops->mce_early_kill(b, a[0]);
		break;
	case SIM_VM_SIGBUS_COUNT:
		rp->ret = ops->sigbus_count(b, (int)a[0], (int)a[1], &ul);
		rp->out[0] = ul;
		break;
	case SIM_VM_DEFERRED_SPLIT:
		rp->ret = ops->deferred_split(b);
		break;
	case SIM_VM_KSM_MAX_PAGE_SHARING:
		rp->ret = ops->ksm_max_page_sharing(b, (unsigned int)a[0]);
		break;
	case SIM_VM_THP_COUNTER: {
		const char *why = NULL;

		rp->ret = ops->thp_counter(b, (unsigned int)a[0],
					   (unsigned int)a[1], &ul, &why);
		rp->out[0] = ul;
		put_str(rp, 1, why);
		break;
	}
	case SIM_VM_TEARDOWN:
		rp->out[0] = ops->teardown(b);
		break;
	case SIM_VM_POWEROFF:
		if (b)
			ops->destroy(b);
		poweroff(NULL);
	default:
		rp->ret = -ENOSYS;
		return;
	}
	put_str(rp, 0, b->unsupported);
	put_str(rp, 3, b->broken);
	rp->out[1] = (uint64_t)(int64_t)b->broken_err;
}

/*
 * A distribution kernel's modules, in the order host/vm.c packed them
 * (dependencies first): finit_module(2) of each (an error is left for
 * what depends on it to show: no port, no zram).
 */
static void load_modules(void)
{
	char line[64], path[96];
	FILE *f = fopen("/modules/order", "re");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		int fd;

		line[strcspn(line, "\n")] = 0;
		snprintf(path, sizeof(path), "/modules/%s.ko", line);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (syscall(SYS_finit_module, fd, "", 0) && errno != EEXIST)
			fprintf(stderr, "mmsim-guest: module %s: %s\n", line,
				strerror(errno));
		close(fd);
	}
	fclose(f);
}

/* Waits up to 10 s for devtmpfs to show the port. */
/* A sysctl of the guest's own kernel; what fails is left as it was. */
static void write_sysctl(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return;
	if (write(fd, val, strlen(val)) < 0)
		fprintf(stderr, "mmsim guest: %s: %s\n", path, strerror(errno));
	close(fd);
}

static int open_port(void)
{
	struct timespec ts = { 0, 10000000 };
	int i, fd;

	for (i = 0; i < 1000; i++) {
		fd = open(VM_PORT, O_RDWR | O_CLOEXEC);
		if (fd >= 0)
			return fd;
		nanosleep(&ts, NULL);
	}
	return -1;
}

void __attribute__((noreturn)) sim_vm_guest_main(void)
{
	struct serve s = { .fd = -1 };
	struct sim_vm_req rq;

	mkdir("/proc", 0555);
	mkdir("/sys", 0555);
	mkdir("/dev", 0755);
	mkdir("/run", 0755);
	mkdir("/var", 0755);
	mkdir("/var/lib", 0755);
	mkdir("/tmp", 01777);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	mount("tmpfs", "/run", "tmpfs", 0, "mode=0755");
	mount("tmpfs", "/tmp", "tmpfs", 0, "mode=1777");
	load_modules();
	/*
	 * No periodic writeback in the guest: a dirty page of `mmap … file`
	 * stays dirty, as the model's does (mm/filemap.c), however long a
	 * slow guest takes to reach the statement that looks (8706 on a
	 * loaded host saw its page written back and dropped by pageout).
	 * The guest is mmsim's own; nothing to restore.
	 */
	write_sysctl("/proc/sys/vm/dirty_writeback_centisecs", "0");
	/*
	 * Nor khugepaged collapsing a sparse region: the model has none,
	 * and MADV_HUGEPAGE wakes it at once for a region with one page
	 * mapped (8014 on vm:6.12 saw a PMD where the model faults 4 KiB).
	 * With max_ptes_none 0 it leaves any block with a hole alone;
	 * MADV_COLLAPSE does not look at it.  A day between its scans.
	 */
	write_sysctl("/sys/kernel/mm/transparent_hugepage/khugepaged/"
		     "max_ptes_none",
		     "0");
	write_sysctl("/sys/kernel/mm/transparent_hugepage/khugepaged/"
		     "scan_sleep_millisecs",
		     "86400000");
	/*
	 * max_ptes_none below 511 turns on the deferred split shrinker's
	 * split of underused THPs (6.12 thp_underused), which the model
	 * does not have: off, where the kernel has it.
	 */
	write_sysctl("/sys/kernel/mm/transparent_hugepage/shrink_underused",
		     "0");
	/*
	 * The host's directory for `mmap … file` (host/vm.c), a 9p disk
	 * file system where the kernel has one (vm:6.12: none other); else
	 * /var/lib/mmsim stays on the initramfs, and a file is a SKIP.
	 */
	mkdir("/var/lib/mmsim", 0700);
	mount("mmsimfiles", "/var/lib/mmsim", "9p", 0,
	      "trans=virtio,version=9p2000.L,cache=mmap,access=any");
	/* The disk host/vm.c gives us stands for the swap file. */
	if (!access("/dev/vda", F_OK))
		setenv("MMSIM_SWAP_BLOCKDEV", "/dev/vda", 1);
	s.fd = open_port();
	if (s.fd < 0)
		poweroff("no virtio-serial port " VM_PORT);
	for (;;) {
		struct sim_vm_rep rp;

		if (full_read(s.fd, &rq, sizeof(rq)))
			poweroff(NULL);
		memset(&rp, 0, sizeof(rp));
		serve_one(&s, &rq, &rp);
		if (sim_vm_write_all(s.fd, &rp, sizeof(rp)))
			poweroff("the host went away");
	}
}
