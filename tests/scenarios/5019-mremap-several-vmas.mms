# SPDX-License-Identifier: GPL-2.0-only
# mremap(MREMAP_FIXED) of a range that spans two VMAs (mprotect split the
# region) and a hole: since v6.17 ("mm/mremap: permit mremap() move of
# multiple VMAs") each VMA moves on its own, at the same offset, and the
# hole stays a hole; before, the range had to lie in one VMA (EFAULT:
# the v6.12 policy).  Measured on this 6.18: moves; on vm:6.12: EFAULT.
title mremap moves a range of several VMAs, holes included (6.17+)
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1 v6.12
mmap p0 A 4
write p0 A[0] 0x1111
write p0 A[1] 0x2222
write p0 A[3] 0x4444
mprotect p0 A[1] ro
munmap p0 A[2]
mremap p0 A[0..3] B
expect p0 A[0] none
expect p0 A[1] none
expect p0 B[0] == 0x1111
expect p0 B[0] exclusive
expect p0 B[1] == 0x2222
expect p0 B[1] readonly
expect p0 B[2] none
expect p0 B[3] == 0x4444
