# SPDX-License-Identifier: GPL-2.0-only
# fork of a region holding a written page, a zero-page mapping and an
# untouched page: the child sees the same three states (fork.present,
# fork.wrprotect).
title fork copies each PTE state of a region
mmap p0 A 3
write p0 A[0] 0x1111
read p0 A[1]
fork p0 c1
expect c1 A[0] same p0 A[0]
expect c1 A[0] readonly
expect c1 A[1] zeropage
expect c1 A[2] none
expect c1 A[0] == 0x1111
expect c1 A[1] == 0
expect c1 A[2] == 0
expect p0 A[2] none
check
