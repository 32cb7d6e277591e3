# SPDX-License-Identifier: GPL-2.0-only
# Migration of a page shared after fork: both PTEs become readable migration
# entries (not exclusive, migrate.unmap) and both are replaced by the new
# page, R/O, not exclusive, mapcount 2 (migrate.restore). A write still
# copies. (move_pages(2) moves a page mapped twice only with MPOL_MF_MOVE_ALL,
# which needs CAP_SYS_NICE.)
title migrate: a page shared after fork moves for both processes
requires root
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
fork p0 c1
migrate p0 A[0]
expect p0 A[0] isnot L
expect c1 A[0] same p0 A[0]
expect p0 A[0] mapcount 2
expect p0 A[0] !exclusive
expect p0 A[0] readonly
expect c1 A[0] readonly
label M p0 A[0]
write c1 A[0] 0x2222
expect c1 A[0] isnot M
write p0 A[0] 0x3333
expect p0 A[0] is M
check
