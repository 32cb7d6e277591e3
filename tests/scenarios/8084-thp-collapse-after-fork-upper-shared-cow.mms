# SPDX-License-Identifier: GPL-2.0-only
# cow.c "Basic COW after fork() when collapsing after fork() (upper
# shared)" (ANON_THP_COLLAPSE_UPPER_SHARED): MADV_DONTFORK on the lower
# half, fork (the child maps the upper half only), MADV_DOFORK, then the
# parent collapses: its lower PTEs are writable, the block collapses into
# a new exclusive THP, the shared upper pages copied; the child keeps the
# old ones and reads the old data after the parent's write.
title THP: COW after fork when collapsing after fork (upper shared)
requires thp
mmap p0 A 512 thp
write p0 A[0] 0x1111
write p0 A[300] 0x3333
split p0 A[1]
madvise p0 A[0..255] dontfork
fork p0 c1
expect c1 A[0] none
madvise p0 A[0..255] dofork
madvise p0 A collapse
expect p0 A[300] pmd
expect p0 A[300] exclusive
expect c1 A[300] !pmd
expect c1 A[300] mapcount 1
write p0 A[300] 0xffff
expect c1 A[300] == 0x3333
expect p0 A[300] == 0xffff
expect p0 A[0] == 0x1111
exit c1
check
