# SPDX-License-Identifier: GPL-2.0-only
# cow.c A7 "R/O-mapping a page registered as iouring fixed buffer": R/W
# longterm pin, mprotect RO, clear_softdirty() (clear-refs), mprotect RW,
# write; the write must land in the pinned page (no COW replacement).
# clear_refs leaves the PTE of the pinned page alone (fs/proc/task_mmu.c:
# pte_is_pinned), so it stays soft-dirty and mprotect RW re-maps the
# exclusive page writable at once (mprotect.upgrade).  On a kernel without
# CONFIG_MEM_SOFT_DIRTY (the host, cow.no-soft-dirty) clear-refs does
# nothing and the outcome is the same.
title cow.c A7: R/O-mapping a page registered as io_uring fixed buffer
requires iouring
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
# io_uring_register_buffers()
pin h p0 A[0] rw pin longterm
mprotect p0 A ro
expect p0 A[0] readonly
expect p0 A[0] exclusive
clear-refs p0 soft-dirty
mprotect p0 A rw
expect p0 A[0] writable
# memset(mem, 0xff)
write p0 A[0] 0x2222
expect p0 A[0] is L
# IORING_OP_WRITE_FIXED, pread, compare with mem
expect h == 0x2222
unpin h
check
