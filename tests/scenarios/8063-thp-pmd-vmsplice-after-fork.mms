# SPDX-License-Identifier: GPL-2.0-only
# cow.c "vmsplice() + unmap in parent after fork()" with THP (PMD-mapped):
# the parent vmsplice()s a page of the already COW-shared THP (FOLL_GET
# does not unshare) and unmaps it; the child's write must copy, so the
# pipe keeps the old data.
title THP: vmsplice + unmap in parent after fork, PMD-mapped THP
broken-under v5.8
requires thp vmsplice
mmap p0 A 512 thp
write p0 A[0] 0x1111
label orig p0 A[0]
fork p0 c1
pin h p0 A[0] ro get
expect p0 A[0] is orig
expect p0 A[0] pmd
munmap p0 A
expect c1 A[0] mapcount 1
write c1 A[0] 0x2222
expect c1 A[0] isnot orig
exit c1
expect h == 0x1111
unpin h
check
