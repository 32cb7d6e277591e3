# SPDX-License-Identifier: GPL-2.0-only
# mremap() of a range whose start is not mapped fails with EFAULT, on
# every kernel (the first VMA is looked up at the old address), and
# leaves everything where it was.
title mremap from a hole is EFAULT
mmap p0 A 3
write p0 A[1] 0x1111
munmap p0 A[0]
mremap p0 A[0..2] B => EFAULT
expect p0 A[1] == 0x1111
expect p0 A[1] exclusive
