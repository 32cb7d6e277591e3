# SPDX-License-Identifier: GPL-2.0-only
# cow.c "Basic COW after fork() when collapsing before fork()"
# (ANON_THP_COLLAPSE_UNSHARED): the PTE-mapped THP collapses into a new
# exclusive PMD-mapped THP before fork, fork shares it R/O, and the
# parent's write splits its PMD and copies 4 KiB (do_huge_pmd_wp_page):
# the child reads the old data.
title THP: COW after fork when collapsing before fork
requires thp
mmap p0 A 512 thp
write p0 A[0] 0x1111
write p0 A[300] 0x3333
split p0 A[1]
madvise p0 A collapse
expect p0 A[0] pmd
fork p0 c1
expect c1 A[0] pmd
expect c1 A[0] same p0 A[0]
write p0 A[300] 0xffff
expect p0 A[300] !thp
expect c1 A[300] == 0x3333
expect c1 A[0] == 0x1111
expect p0 A[300] == 0xffff
exit c1
check
