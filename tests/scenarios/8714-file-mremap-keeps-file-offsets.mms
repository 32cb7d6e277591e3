# SPDX-License-Identifier: GPL-2.0-only
# mremap of part of a shared file mapping moves its PTEs (the page cache
# pages stay the same) and keeps the file offsets (vm_pgoff): after
# MADV_DONTNEED the moved range faults in the same file pages, and so
# does a child, which gets no PTE of a shared mapping at fork.
title file mremap moves the PTEs and keeps the file offsets
mmap p0 F 4 file shared
write p0 F[1] 0x11
write p0 F[2] 0x22
label one p0 F[1]
mremap p0 F[1..2] G
expect p0 G[0] is one
madvise p0 G dontneed
expect p0 G[0] == 0x11
expect p0 G[0] is one
expect p0 G[1] == 0x22
fork p0 c1
expect c1 G[1] == 0x22
expect c1 G[1] same p0 G[1]
expect c1 F[3] == 0
