# SPDX-License-Identifier: GPL-2.0-only
# MADV_DONTNEED on private anonymous memory zaps the PTE and frees the
# page; the next load maps the zero page, the next store a new page
# (summary table "MADV_DONTNEED/munmap", fault.anon).
title MADV_DONTNEED discards private anonymous data
mmap p0 A 2
write p0 A[0] 0x1111
write p0 A[1] 0x1111
madvise p0 A dontneed
expect p0 A[0] none
expect p0 A[1] none
expect p0 A[0] == 0
expect p0 A[0] zeropage
write p0 A[1] 0x2222
expect p0 A[1] exclusive
expect p0 A[1] writable
expect p0 A[1] == 0x2222
check
