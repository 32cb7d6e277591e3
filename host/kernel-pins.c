// SPDX-License-Identifier: GPL-2.0-only
/*
 * The live-kernel backend's GUP handles: a `pin` is a real pin of the
 * page in the kernel, taken by the agent and then held by the controller
 * so that it outlives the agent until `unpin`, as the kernel's pins
 * outlive the process that took them.
 *
 *   ro get             vmsplice() of the page into a pipe; the controller
 *                      holds the pipe's read end, and reads through the
 *                      handle with tee() into a scratch pipe, so the pin's
 *                      pipe buffer is never consumed.
 *   rw pin longterm    an io_uring fixed buffer registered by the agent;
 *                      the controller takes the ring fd with
 *                      pidfd_getfd() (SCM_RIGHTS refuses io_uring fds)
 *                      and maps the ring itself (io_uring_queue_mmap), so
 *                      that the registration, and with it the pin,
 *                      outlives the agent.  DMA reads are
 *                      IORING_OP_WRITE_FIXED into a memfd, DMA writes
 *                      IORING_OP_READ_FIXED from it.
 *
 *   ro pin longterm [fast], rw pin longterm fast
 *                      /sys/kernel/debug/gup_test's PIN_LONGTERM_TEST
 *                      (mm/gup_test.c, a kernel with CONFIG_GUP_TEST: the
 *                      vm:6.12 guest, not this host), taken by the agent
 *                      on its own mm; the controller holds the file, whose
 *                      release ends the pin.  DMA reads are
 *                      PIN_LONGTERM_TEST_READ; gup_test cannot write.  It
 *                      holds one pin at a time, machine-wide: a second is
 *                      SIM_UNSUPPORTED_ERR.
 *
 * Other pin flavours (FOLL_GET other than vmsplice's, FOLL_PIN without
 * FOLL_LONGTERM) are SIM_UNSUPPORTED_ERR.
 *
 * This is the only file of the host layer that includes liburing.h, so
 * that liburing is needed only to compile and link it: struct k_handle
 * holds a pointer to the ring, allocated here, and the agent's half of the
 * pin (k_agent_ring_pin(), k_agent_ring_drop()) is here too.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

/*
 * Before host/agent.h, whose <linux/io_uring.h> then finds liburing's own
 * copy of it already included (same guard), which liburing.h may need.
 */
#include <liburing.h>

#include "host/agent.h"
#include "host/kernel.h"
#include "scenario/backend.h"

/* mm/gup_test.h's PIN_LONGTERM_TEST interface. */
#define K_GUP_TEST "/sys/kernel/debug/gup_test"
#define K_GUP_TEST_WRITE 1 /* PIN_LONGTERM_TEST_FLAG_USE_WRITE */
#define K_GUP_TEST_FAST 2 /* PIN_LONGTERM_TEST_FLAG_USE_FAST */
#define K_GUP_TEST_STOP _IO('g', 8)
#define K_GUP_TEST_READ _IOW('g', 9, uint64_t)

/*
 * An io_uring fixed buffer: FOLL_WRITE | FOLL_PIN | FOLL_LONGTERM, taken by
 * the calling agent on its own mm (which is what makes fork copy the page):
 * a ring of 4 entries with the @len bytes at @addr registered as its one
 * fixed buffer.  Returns the ring's fd, with what io_uring_queue_mmap()
 * needs in *@params and the ring in *@ring, or -errno.
 */
int k_agent_ring_pin(unsigned long addr, unsigned long len,
		     struct io_uring_params *params, struct io_uring **ring)
{
	struct iovec iov = { .iov_base = (void *)addr, .iov_len = len };
	struct io_uring *r;
	int ret;

	r = malloc(sizeof(*r));
	if (!r)
		abort();
	memset(params, 0, sizeof(*params));
	ret = io_uring_queue_init_params(4, r, params);
	if (ret < 0) {
		free(r);
		return ret;
	}
	ret = io_uring_register_buffers(r, &iov, 1);
	if (ret) {
		io_uring_queue_exit(r);
		free(r);
		return ret;
	}
	*ring = r;
	return r->ring_fd;
}

/*
 * The agent drops its ring (NULL: none) once the controller has its own fd
 * of it, which keeps the registration and with it the pin.
 */
void k_agent_ring_drop(struct io_uring *ring)
{
	if (!ring)
		return;
	io_uring_queue_exit(ring);
	free(ring);
}

/*
 * The iouring capability: NULL if this process can set up an io_uring,
 * else why not.
 */
const char *k_iouring_missing(struct kernel_backend *k)
{
	char buf[16] = "";
	struct io_uring ring;
	FILE *f;
	int ret;

	f = fopen("/proc/sys/kernel/io_uring_disabled", "r");
	if (f) {
		if (!fgets(buf, sizeof(buf), f))
			buf[0] = 0;
		fclose(f);
	}
	if (buf[0] == '2')
		return "io_uring disabled (kernel.io_uring_disabled)";
	ret = io_uring_queue_init(1, &ring, 0);
	if (ret < 0) {
		snprintf(k->cap_why, sizeof(k->cap_why), "io_uring_setup: %s",
			 strerror(-ret));
		return k->cap_why;
	}
	io_uring_queue_exit(&ring);
	return NULL;
}

static int k_add_handle(struct kernel_backend *k)
{
	int h;

	for (h = 0; h < k->nhandles; h++)
		if (k->handles[h].kind == K_PIN_NONE)
			return h;
	k->handles =
		realloc(k->handles, (k->nhandles + 1) * sizeof(*k->handles));
	if (!k->handles)
		abort();
	memset(&k->handles[h], 0, sizeof(k->handles[h]));
	k->nhandles++;
	return h;
}

/*
 * Take the agent's ring: our own fd of it from the agent's fd table, then
 * the agent drops its copy.  The ring (and the pin) is ours from then on.
 */
static int k_take_ring(struct kernel_backend *k, int proc,
		       const struct sim_agent_rep *pin, int *fd)
{
	struct sim_agent_req rq = { .op = SIM_AGENT_RING_DROP };
	struct sim_agent_rep rp;
	int pidfd, ret = 0;

	pidfd = (int)syscall(SYS_pidfd_open, k->procs[proc].pid, 0);
	if (pidfd < 0)
		ret = -errno;
	if (!ret) {
		*fd = (int)syscall(SYS_pidfd_getfd, pidfd, pin->fd, 0);
		if (*fd < 0)
			ret = -errno;
		close(pidfd);
	}
	/* Dropped in any case: on failure, that releases the pin. */
	if (k_call(k, proc, &rq, -1, &rp, NULL) && !ret)
		ret = -EIO;
	return ret;
}

int k_gup(struct sim_backend *b, int proc, unsigned long addr, unsigned int how,
	  int *handle)
{
	struct kernel_backend *k = kb(b);
	struct sim_agent_req rq = { .addr = addr };
	struct sim_agent_rep rp;
	struct k_handle *hd;
	int ret, fd, h;

	if (how == 0) {
		rq.op = SIM_AGENT_PIN_VMSPLICE;
	} else if (how == (SIM_GUP_WRITE | SIM_GUP_PIN | SIM_GUP_LONGTERM)) {
		rq.op = SIM_AGENT_PIN_IOURING;
	} else if ((how & (SIM_GUP_PIN | SIM_GUP_LONGTERM)) ==
			   (SIM_GUP_PIN | SIM_GUP_LONGTERM) &&
		   !access(K_GUP_TEST, F_OK)) {
		rq.op = SIM_AGENT_PIN_GUP_TEST;
		rq.arg = ((how & SIM_GUP_WRITE) ? K_GUP_TEST_WRITE : 0) |
			 ((how & SIM_GUP_FAST) ? K_GUP_TEST_FAST : 0);
	} else {
		b->unsupported =
			(how & (SIM_GUP_PIN | SIM_GUP_LONGTERM)) ==
					(SIM_GUP_PIN | SIM_GUP_LONGTERM) ?
				"this pin needs gup_test (no gup_test on this "
				"kernel)" :
				"this pin (FOLL_GET or FOLL_PIN without "
				"FOLL_LONGTERM) has no userspace way to take "
				"and hold it";
		return SIM_UNSUPPORTED_ERR;
	}
	ret = k_call(k, proc, &rq, -1, &rp, &fd);
	if (ret == -EBUSY && rq.op == SIM_AGENT_PIN_GUP_TEST) {
		b->unsupported = "gup_test holds one longterm pin at a time "
				 "and one is held";
		return SIM_UNSUPPORTED_ERR;
	}
	if (!ret && rq.op == SIM_AGENT_PIN_IOURING)
		ret = k_take_ring(k, proc, &rp, &fd);
	if (ret) {
		if (fd >= 0)
			close(fd);
		return ret;
	}
	if (fd < 0)
		return -EIO;
	h = k_add_handle(k);
	hd = &k->handles[h];
	hd->addr = addr;
	hd->pid = k->procs[proc].pid;
	hd->write = how & SIM_GUP_WRITE;
	if (rq.op == SIM_AGENT_PIN_VMSPLICE ||
	    rq.op == SIM_AGENT_PIN_GUP_TEST) {
		hd->kind = rq.op == SIM_AGENT_PIN_VMSPLICE ? K_PIN_VMSPLICE :
							     K_PIN_GUP_TEST;
		hd->fd = fd;
	} else {
		hd->ring = malloc(sizeof(*hd->ring));
		if (!hd->ring)
			abort();
		/* Takes over fd: io_uring_queue_exit() closes it. */
		ret = io_uring_queue_mmap(fd, &rp.params, hd->ring);
		if (ret) {
			free(hd->ring);
			hd->ring = NULL;
			close(fd);
			return ret;
		}
		hd->kind = K_PIN_IOURING;
		hd->fd = -1;
	}
	*handle = h;
	return 0;
}

static struct k_handle *k_handle(struct kernel_backend *k, int handle)
{
	if (handle < 0 || handle >= k->nhandles ||
	    k->handles[handle].kind == K_PIN_NONE)
		return NULL;
	return &k->handles[handle];
}

void k_release(struct k_handle *hd)
{
	if (hd->kind == K_PIN_VMSPLICE) {
		close(hd->fd);
	} else if (hd->kind == K_PIN_GUP_TEST) {
		/* STOP unpins now; so would the release of the file. */
		ioctl(hd->fd, K_GUP_TEST_STOP);
		close(hd->fd);
	} else if (hd->kind == K_PIN_IOURING) {
		/*
		 * Unregister first: that unpins at once, where closing the
		 * ring leaves it to the ring's asynchronous teardown, and
		 * the next statement may look at the page.
		 */
		io_uring_unregister_buffers(hd->ring);
		io_uring_queue_exit(hd->ring);
		free(hd->ring);
		hd->ring = NULL;
	}
	hd->kind = K_PIN_NONE;
}

int k_unpin(struct sim_backend *b, int handle)
{
	struct k_handle *hd = k_handle(kb(b), handle);

	int ret;

	if (!hd)
		return -EBADF;
	ret = k_seen_check(kb(b));
	if (ret)
		return ret;
	k_release(hd);
	return 0;
}

/* One fixed-buffer I/O between the pinned page and the memfd. */
static int k_iouring_io(struct kernel_backend *k, struct k_handle *hd,
			bool to_page)
{
	struct __kernel_timespec ts;
	struct io_uring_cqe *cqe;
	struct io_uring_sqe *sqe;
	int ret, ms;

	ret = k_check_time(k, "DMA through an io_uring fixed buffer");
	if (ret)
		return ret;
	sqe = io_uring_get_sqe(hd->ring);
	if (!sqe)
		return -EBUSY;
	if (to_page)
		io_uring_prep_read_fixed(sqe, k->dma_fd, (void *)hd->addr,
					 K_PAGE, 0, 0);
	else
		io_uring_prep_write_fixed(sqe, k->dma_fd, (void *)hd->addr,
					  K_PAGE, 0, 0);
	ret = io_uring_submit(hd->ring);
	if (ret < 0)
		return ret;
	ms = k_remaining_ms(k);
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	ret = io_uring_wait_cqe_timeout(hd->ring, &cqe, &ts);
	if (ret == -ETIME)
		return k_timeout(k,
				 "waiting for the io_uring %s of pid %d's "
				 "page at %#lx",
				 to_page ? "READ_FIXED" : "WRITE_FIXED",
				 (int)hd->pid, hd->addr);
	if (ret < 0)
		return ret;
	ret = cqe->res;
	io_uring_cqe_seen(hd->ring, cqe);
	if (ret < 0)
		return ret;
	return ret == (int)K_PAGE ? 0 : -EIO;
}

int k_dma_read(struct sim_backend *b, int handle, uint64_t *val)
{
	struct kernel_backend *k = kb(b);
	struct k_handle *hd = k_handle(k, handle);
	uint64_t page[K_PAGE / sizeof(uint64_t)];
	size_t got = 0;
	ssize_t n;
	int s[2], ret = 0;

	if (!hd)
		return -EBADF;
	if (hd->kind == K_PIN_GUP_TEST) {
		uint64_t to = (uint64_t)(uintptr_t)page;

		if (ioctl(hd->fd, K_GUP_TEST_READ, &to))
			return -errno;
		*val = page[0];
		return 0;
	}
	if (hd->kind == K_PIN_IOURING) {
		ret = k_iouring_io(k, hd, false);
		if (ret)
			return ret;
		n = pread(k->dma_fd, page, K_PAGE, 0);
		if (n != (ssize_t)K_PAGE)
			return n < 0 ? -errno : -EIO;
		*val = page[0];
		return 0;
	}
	/* tee() duplicates the pipe buffer: the pin's pipe keeps its own. */
	if (pipe2(s, O_CLOEXEC))
		return -errno;
	n = tee(hd->fd, s[1], K_PAGE, SPLICE_F_NONBLOCK);
	if (n != (ssize_t)K_PAGE)
		ret = n < 0 ? -errno : -EIO;
	while (!ret && got < K_PAGE) {
		n = read(s[0], (char *)page + got, K_PAGE - got);
		if (n <= 0)
			ret = n < 0 ? -errno : -EIO;
		else
			got += n;
	}
	close(s[0]);
	close(s[1]);
	if (!ret)
		*val = page[0];
	return ret;
}

int k_dma_write(struct sim_backend *b, int handle, uint64_t val)
{
	struct kernel_backend *k = kb(b);
	struct k_handle *hd = k_handle(k, handle);
	uint64_t page[K_PAGE / sizeof(uint64_t)];
	unsigned int i;

	if (!hd)
		return -EBADF;
	/* A pipe buffer is read-only: no FOLL_WRITE, as in the model. */
	if (hd->kind == K_PIN_VMSPLICE)
		return -EFAULT;
	if (hd->kind == K_PIN_GUP_TEST) {
		/* A R/O pin: no FOLL_WRITE; a writable one gup_test cannot. */
		if (!hd->write)
			return -EFAULT;
		b->unsupported = "gup_test cannot write through its pin";
		return SIM_UNSUPPORTED_ERR;
	}
	for (i = 0; i < K_ARRAY_SIZE(page); i++)
		page[i] = val;
	if (pwrite(k->dma_fd, page, K_PAGE, 0) != (ssize_t)K_PAGE)
		return -EIO;
	return k_iouring_io(k, hd, true);
}
