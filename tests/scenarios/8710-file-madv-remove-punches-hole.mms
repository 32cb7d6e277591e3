# SPDX-License-Identifier: GPL-2.0-only
# MADV_REMOVE on a shared writable file mapping punches a hole in the
# file (vfs_fallocate with FALLOC_FL_PUNCH_HOLE, which ext4 supports): the
# page cache page is unmapped from every process and dropped, the data is
# gone, the next load reads zeros from a new page.  On a private mapping
# it is EACCES.
title file MADV_REMOVE punches a hole in a regular file
mmap p0 F 2 file shared
mmap p0 P 2 file private
write p0 F[0] 0x1111
fork p0 c1
read c1 F[0]
label old p0 F[0]
madvise p0 F[0] remove
expect p0 F[0] none
expect c1 F[0] none
expect c1 F[0] == 0
expect c1 F[0] isnot old
madvise p0 P[0] remove => EACCES
