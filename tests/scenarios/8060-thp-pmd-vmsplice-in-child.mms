# SPDX-License-Identifier: GPL-2.0-only
# cow.c "vmsplice() + unmap in child" with THP (PMD-mapped)
# (CVE-2020-29374, bug.cve-2020-29374): the child vmsplice()s a page of
# the shared THP into a pipe (a FOLL_GET reference on the folio) and
# unmaps it.  The parent's write then finds a THP with an extra reference:
# do_huge_pmd_wp_page cannot reuse it, splits the PMD and the PTE fault
# copies the page, so the pipe keeps the old data.
title THP: vmsplice + unmap in child, PMD-mapped THP
broken-under v5.8
requires thp vmsplice
mmap p0 A 512 thp
write p0 A[0] 0x1111
label orig p0 A[0]
fork p0 c1
expect c1 A[0] == 0x1111
pin h c1 A[0] ro get
munmap c1 A
expect p0 A[0] mapcount 1
expect p0 A[0] pmd
write p0 A[0] 0x2222
expect p0 A[0] isnot orig
expect p0 A[0] == 0x2222
expect h == 0x1111
unpin h
exit c1
check
