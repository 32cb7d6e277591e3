# SPDX-License-Identifier: GPL-2.0-only
# cow.c "Basic COW after fork() when collapsing after fork() (lower
# shared)" (ANON_THP_COLLAPSE_LOWER_SHARED): MADV_DONTFORK on the upper
# half, fork (the child maps the lower half only), MADV_DOFORK (the VMAs
# merge again), then the parent collapses: its upper PTEs are writable,
# so the block collapses, the shared lower pages copied too, into a new
# exclusive THP.  The child keeps the old pages and reads the old data
# after the parent's write.
title THP: COW after fork when collapsing after fork (lower shared)
requires thp
mmap p0 A 512 thp
write p0 A[0] 0x1111
write p0 A[300] 0x3333
split p0 A[1]
madvise p0 A[256..511] dontfork
fork p0 c1
expect c1 A[300] none
madvise p0 A[256..511] dofork
madvise p0 A collapse
expect p0 A[0] pmd
expect p0 A[0] exclusive
expect c1 A[0] !pmd
expect c1 A[0] mapcount 1
write p0 A[0] 0xffff
expect c1 A[0] == 0x1111
expect p0 A[0] == 0xffff
expect p0 A[300] == 0x3333
exit c1
check
