# SPDX-License-Identifier: GPL-2.0-only
# The moved VMA keeps the anon_vma and the linear page offset of the pages
# (move_vma: new_pgoff), so fork finds them there like any other: the
# child shares them read-only, neither side exclusive, and a write copies.
title pages moved by mremap are shared by fork like any others
mmap p0 A 2
write p0 A[0] 0x1111
write p0 A[1] 0x1111
mremap p0 A[1] B
fork p0 c1
expect c1 B[0] same p0 B[0]
expect p0 B[0] !exclusive
expect p0 B[0] readonly
expect c1 B[0] == 0x1111
write c1 B[0] 0x2222
expect c1 B[0] !same p0 B[0]
expect p0 B[0] == 0x1111
expect c1 A[1] none
