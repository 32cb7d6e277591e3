# SPDX-License-Identifier: GPL-2.0-only
# cow.c A7 "R/O-mapping a page registered as iouring fixed buffer" with
# swapped out base page: registering the buffer (R/W longterm pin) write-
# faults the page in; the swap PTE's exclusive bit makes it exclusive again
# (swapin.fault, origin.swp-exclusive) and the write frees its swap cache.
# mprotect RO, clear-refs (which skips the pinned page's PTE:
# pte_is_pinned), mprotect RW maps it writable again and the write lands
# in the pinned page.
title cow.c A7: R/O-mapping a page registered as io_uring fixed buffer, swapped out
requires swap iouring
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
swapout p0 A
expect p0 A[0] swapped
# io_uring_register_buffers()
pin h p0 A[0] rw pin longterm
expect p0 A[0] is L
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
