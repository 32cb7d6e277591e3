# SPDX-License-Identifier: GPL-2.0-only
# cow.c "fork() with an iouring fixed buffer" with THP (PMD-mapped): the
# io_uring buffer pins (FOLL_PIN | FOLL_LONGTERM) a page of the THP, so
# the folio may be DMA-pinned and fork must not share it:
# folio_try_dup_anon_rmap_pmd fails, copy_huge_pmd splits the parent's
# PMD and copy_pte_range gives the child a copy of every page mapped
# (copy_present_page; the pin is folio-wide, so all of them).  The parent
# keeps the THP, exclusive; its write lands in the pinned page and is seen
# through the fixed buffer; the child keeps the old data.
title THP: fork with an io_uring fixed buffer in a PMD-mapped THP
broken-under v5.7 v5.8
requires thp iouring
mmap p0 A 512 thp
write p0 A[0] 0x1111
write p0 A[5] 0x5555
label L p0 A[0]
pin h p0 A[0] rw pin longterm
fork p0 c1
expect c1 A[0] !same p0 A[0]
expect c1 A[5] !same p0 A[5]
expect c1 A[5] !thp
expect c1 A[5] exclusive
expect p0 A[0] is L
expect p0 A[0] exclusive
expect p0 A[0] mapcount 1
expect p0 A[0] !pmd
write p0 A[0] 0x2222
expect p0 A[0] is L
expect h == 0x2222
expect c1 A[0] == 0x1111
expect c1 A[5] == 0x5555
unpin h
exit c1
check
