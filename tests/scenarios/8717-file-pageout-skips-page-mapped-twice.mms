# SPDX-License-Identifier: GPL-2.0-only
# MADV_PAGEOUT leaves alone a file page that another process maps too
# (madvise_cold_or_pageout_pte_range: the folio's mapcount is not 1).
title file pageout skips a page mapped by two processes
mmap p0 F 2 file shared
read p0 F[0]
fork p0 c1
read c1 F[0]
label x p0 F[0]
swapout p0 F[0]
expect p0 F[0] present
expect p0 F[0] is x
expect p0 F[0] mapcount 2
