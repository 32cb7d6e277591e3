# SPDX-License-Identifier: GPL-2.0-only
# A private file mapping with an anon page has an anon_vma: fork copies
# all its PTEs (vma_needs_copy).  The anon copy becomes shared by both
# (not exclusive) and COWs on the next write; the page cache page, mapped
# R/O, is mapped by both.
title file private mapping with anon pages: fork copies the PTEs
mmap p0 F 2 file private
write p0 F[0] 0x1111
read p0 F[1]
fork p0 c1
expect c1 F[0] present
expect c1 F[0] same p0 F[0]
expect c1 F[0] !exclusive
expect c1 F[1] present
expect c1 F[1] same p0 F[1]
expect p0 F[1] mapcount 2
write c1 F[0] 0x2222
expect c1 F[0] exclusive
expect p0 F[0] == 0x1111
