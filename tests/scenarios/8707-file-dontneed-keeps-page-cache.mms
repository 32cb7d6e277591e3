# SPDX-License-Identifier: GPL-2.0-only
# MADV_DONTNEED on a file mapping zaps the PTEs; a shared mapping's page
# stays in the page cache with its data, the next fault maps it again.  On
# a private mapping the anon copy is freed and the next read maps the
# file's page (the store is gone).
title file dontneed zaps PTEs, the page cache keeps the data
mmap p0 F 2 file shared
mmap p0 P 2 file private
write p0 F[0] 0x1111
label cache p0 F[0]
madvise p0 F[0] dontneed
expect p0 F[0] none
expect p0 F[0] == 0x1111
expect p0 F[0] is cache
write p0 P[0] 0x2222
madvise p0 P[0] dontneed
expect p0 P[0] none
expect p0 P[0] == 0
expect p0 P[0] !exclusive
