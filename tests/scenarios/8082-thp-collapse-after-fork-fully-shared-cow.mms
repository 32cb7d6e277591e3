# SPDX-License-Identifier: GPL-2.0-only
# cow.c "Basic COW after fork() when collapsing after fork() (fully
# shared)" (ANON_THP_COLLAPSE_FULLY_SHARED): fork shares every page of the
# PTE-mapped THP, then the parent collapses.  Its PTEs are all read-only:
# 6.12 refuses (SCAN_PAGE_RO, EINVAL; cow.c skips the test there, and
# policy v6.12 and vm:6.12 fail this file); 6.18 copies the shared pages
# into a new exclusive THP for the parent (policy collapse_ro, seen on
# the host).  The child keeps the old folio, and reads the old data after
# the parent's write.
title THP: COW after fork when collapsing after fork (fully shared)
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1 v6.12
requires thp
mmap p0 A 512 thp
write p0 A[0] 0x1111
write p0 A[300] 0x3333
split p0 A[1]
label old p0 A[300]
fork p0 c1
madvise p0 A collapse
expect p0 A[300] pmd
expect p0 A[300] exclusive
expect p0 A[300] isnot old
expect c1 A[300] is old
expect c1 A[300] mapcount 1
write p0 A[300] 0xffff
expect c1 A[300] == 0x3333
expect c1 A[0] == 0x1111
expect p0 A[300] == 0xffff
exit c1
check
