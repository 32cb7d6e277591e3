# SPDX-License-Identifier: GPL-2.0-only
# munmap and MADV_DONTNEED in the child drop its mapping and reference
# (summary table "MADV_DONTNEED/munmap"), so the parent's later writes reuse
# both original pages. The child then sees SIGSEGV / fresh zero memory.
title parent reuses pages the child unmapped or discarded
mmap p0 A 1
mmap p0 B 1
write p0 A[0] 0x1111
write p0 B[0] 0x1111
label origA p0 A[0]
label origB p0 B[0]
fork p0 c1
munmap c1 A
madvise c1 B dontneed
expect p0 A[0] mapcount 1
expect p0 B[0] mapcount 1
expect c1 B[0] none
write p0 A[0] 0x2222
write p0 B[0] 0x2222
expect p0 A[0] is origA
expect p0 B[0] is origB
expect p0 B[0] exclusive
read c1 A[0] => SIGSEGV
expect c1 B[0] == 0
check
