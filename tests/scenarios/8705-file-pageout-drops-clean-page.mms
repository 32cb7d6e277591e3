# SPDX-License-Identifier: GPL-2.0-only
# MADV_PAGEOUT of a clean page of a regular file: reclaim unmaps it and
# drops it from the page cache (its data is on disk, no swap); the next
# read reads it into a new page.  A file needs no swap for this.
title file pageout drops a clean page; the next read reads a new one
mmap p0 F 2 file shared
read p0 F[0]
label first p0 F[0]
swapout p0 F[0]
expect p0 F[0] none
expect p0 F[0] !swapped
expect p0 F[0] == 0
expect p0 F[0] isnot first
