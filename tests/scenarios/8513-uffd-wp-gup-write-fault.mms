# SPDX-License-Identifier: GPL-2.0-only
# A FOLL_WRITE GUP on a write-protected page (an io_uring fixed buffer):
# can_follow_write_pte refuses a uffd-wp PTE, so GUP takes a write fault
# (faultin_page), which goes to the handler like a user store does; the
# handler unprotects the page and GUP pins it writable.
title uffd-wp: a writable pin faults to the handler first
requires uffd iouring
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
uffd-wp p0 A on
pin h p0 A[0] rw pin longterm
expect p0 uffd-faults 1
expect p0 A[0] !uffd-wp
expect p0 A[0] is orig
dma-write h 0x2222
expect p0 A[0] == 0x2222
unpin h
