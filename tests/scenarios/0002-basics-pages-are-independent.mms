# SPDX-License-Identifier: GPL-2.0-only
# Each 4 KiB page of a region faults separately: writing two pages gives two
# distinct exclusive pages and leaves the page in between untouched
# (fault.anon).
title pages of one region fault independently
mmap p0 A 3
write p0 A[0] 0x1111
write p0 A[2] 0x2222
expect p0 A[1] none
expect p0 A[0] !same p0 A[2]
expect p0 A[0] == 0x1111
expect p0 A[2] == 0x2222
expect p0 A[1] == 0
expect p0 A[0] mapcount 1
expect p0 A[2] mapcount 1
check
