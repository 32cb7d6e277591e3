# SPDX-License-Identifier: GPL-2.0-only
# cow.c "Basic COW after fork()" with a swapped-out PMD-mapped THP
# (THP_RUN_PMD_SWAPOUT): MADV_PAGEOUT splits the THP on the swap file,
# so the written pages are swapped one by one (the zero-filled ones map
# the zero page: cow.c writes every page, a scenario only two).  fork
# shares the swap entries and clears the parent's exclusive bits
# (copy_nonpresent_pte); the child reads the old data after the parent's
# write, which copies.
title THP: COW after fork of a swapped-out PMD-mapped THP
requires swap thp
mmap p0 A 512 thp
write p0 A[0] 0x1111
write p0 A[2] 0x2222
swapout p0 A
expect p0 A[2] swapped
fork p0 c1
expect c1 A[2] swapped
write p0 A[2] 0xffff
expect p0 A[2] exclusive
expect p0 A[2] == 0xffff
expect c1 A[2] == 0x2222
expect c1 A[0] == 0x1111
expect c1 A[2] !exclusive
exit c1
check
