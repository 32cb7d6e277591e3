# SPDX-License-Identifier: GPL-2.0-only
# A private mapping of a memfd with anon pages has an anon_vma: fork
# copies its PTEs (mm/memory.c vma_needs_copy), the anon copy shared R/O
# as for any COW mapping, the page cache page mapped by both.
title private shmem: fork copies the PTEs of a VMA with anon pages
mmap p0 F 2 shmem private
write p0 F[0] 0x1111
read p0 F[1]
fork p0 c1
expect c1 F[0] present
expect c1 F[1] present
expect c1 F[0] same p0 F[0]
expect c1 F[1] same p0 F[1]
expect p0 F[0] !exclusive
expect p0 F[1] mapcount 2
write c1 F[0] 0x2222
expect p0 F[0] == 0x1111
