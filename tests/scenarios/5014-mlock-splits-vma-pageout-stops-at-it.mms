# SPDX-License-Identifier: GPL-2.0-only
# mlock of one page sets VM_LOCKED on that page only: the VMA is split at
# the range's edges, as mprotect does (mlock_fixup).  MADV_PAGEOUT walks
# the VMAs in order: the unlocked page before the locked one is paged out,
# then the locked VMA stops the walk with EINVAL; the page after it can
# still be paged out on its own.
title mlock of one page splits the VMA; pageout stops at the locked part
requires swap
mmap p0 A 3
write p0 A[0] 0x1010
write p0 A[1] 0x1111
write p0 A[2] 0x1212
mlock p0 A[1]
swapout p0 A[0..1] => EINVAL
expect p0 A[0] swapped
expect p0 A[1] present
swapout p0 A[2]
expect p0 A[2] swapped
expect p0 A[0] == 0x1010
expect p0 A[1] == 0x1111
expect p0 A[2] == 0x1212
