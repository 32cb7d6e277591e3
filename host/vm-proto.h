/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The VM backend's wire protocol (host/vm.c on the host, host/vm-guest.c
 * in the guest), over a virtio-serial port: one request, one reply, in
 * order, fixed-size little-endian structs (host and guest are the same
 * x86-64 build).  A request names one operation of scenario/backend.h's
 * struct sim_backend_ops with its arguments; the guest runs it on the
 * kernel backend (host/kernel*.c) of the guest's kernel and replies with
 * the return value, the out-arguments, and the backend's strings
 * (unsupported, broken, an observation's reasons), copied.  `show` sends
 * its lines as replies with more set, then a last one.
 */
#ifndef MMSIM_HOST_VM_PROTO_H
#define MMSIM_HOST_VM_PROTO_H

#include <errno.h>
#include <stdint.h>
#include <unistd.h>

#include "mmsim.h"

#define SIM_VM_MAGIC 0x6d6d73696d766d31ULL /* "mmsimvm1" */

enum sim_vm_op {
	SIM_VM_HELLO, /* -> magic: the guest is up */
	SIM_VM_CREATE, /* a kernel backend for the next file */
	SIM_VM_DESTROY,
	SIM_VM_MISSING_CAP, /* cap -> str[0] if missing */
	SIM_VM_FIRST_PROCESS,
	SIM_VM_FORK, /* proc -> out[0] child */
	SIM_VM_EXIT,
	SIM_VM_ALIVE,
	SIM_VM_MMAP, /* proc npages prot shared backing thp -> out[0] */
	SIM_VM_MUNMAP,
	SIM_VM_MPROTECT,
	SIM_VM_MADVISE,
	SIM_VM_MLOCK,
	SIM_VM_LOAD, /* -> out[0] */
	SIM_VM_STORE,
	SIM_VM_GUP, /* proc addr how -> out[0] handle */
	SIM_VM_UNPIN,
	SIM_VM_DMA_READ, /* -> out[0] */
	SIM_VM_DMA_WRITE,
	SIM_VM_SWAPDEV,
	SIM_VM_SWAPOUT,
	SIM_VM_SWAPOFF,
	SIM_VM_MIGRATE,
	SIM_VM_KSM,
	SIM_VM_WRITEBACK_DONE,
	SIM_VM_SPLIT,
	SIM_VM_MREMAP, /* -> out[0] */
	SIM_VM_COPIES, /* -> out[0] */
	SIM_VM_QUERY, /* -> info, unobservable, str[1..2] */
	SIM_VM_SHOW, /* -> a reply per line (more), then the last */
	SIM_VM_TEARDOWN, /* -> out[0] pages leaked */
	SIM_VM_UFFD, /* proc features */
	SIM_VM_UFFD_WP, /* proc addr npages on */
	SIM_VM_UFFD_FAULTS, /* proc -> out[0] */
	SIM_VM_THP_SIZES, /* orders */
	SIM_VM_POWEROFF,
	SIM_VM_UFFD_POISON, /* proc addr npages */
	SIM_VM_UFFD_UNREGISTER, /* proc addr npages */
	SIM_VM_POISON, /* proc addr */
	SIM_VM_POISON_TABLE, /* proc addr */
	SIM_VM_MCE_KILL, /* proc how */
	SIM_VM_MCE_EARLY_KILL, /* early */
	SIM_VM_SIGBUS_COUNT, /* proc code -> out[0] */
	SIM_VM_CORRUPT, /* proc addr */
	SIM_VM_THP_COUNTER, /* ev order -> out[0], str[1] why unobservable */
	SIM_VM_DEFERRED_SPLIT,
	SIM_VM_CLEAR_REFS, /* proc type */
	SIM_VM_KSM_MAX_PAGE_SHARING, /* knob */
	SIM_VM_NR_OPS,
};

struct sim_vm_req {
	uint32_t op;
	uint32_t pad;
	uint64_t arg[6];
};

#define SIM_VM_STR 200

struct sim_vm_rep {
	int64_t ret;
	uint64_t out[2];
	uint32_t unobservable;
	uint32_t more; /* SIM_VM_SHOW: another reply follows */
	/* The backend's NULL means has[i] == 0. */
	uint32_t has[4];
	struct sim_pte_info info;
	/*
	 * str[0]: unsupported (or what an op names: a missing capability,
	 * a show line, why create failed); str[1]: obs.why; str[2]:
	 * obs.why_exclusive; str[3]: broken (with out[1]: broken_err).
	 */
	char str[4][SIM_VM_STR];
};

/* Writes all of @buf to the port (a stream), or -EIO. */
static inline int sim_vm_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -EIO;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

#endif /* MMSIM_HOST_VM_PROTO_H */
