# SPDX-License-Identifier: GPL-2.0-only
# fork does not inherit mlock: dup_mmap clears VM_LOCKED and
# VM_LOCKONFAULT in the child's VMAs.  The parent's locked page cannot be
# paged out (MADV_PAGEOUT fails with EINVAL); once the child has its own
# copy, its unlocked VMA pages out as usual.
title fork does not inherit VM_LOCKED
requires swap
mmap p0 A 1
write p0 A[0] 0x1111
mlock p0 A
fork p0 c1
write c1 A[0] 0x2222
swapout c1 A
expect c1 A[0] swapped
swapout p0 A => EINVAL
expect p0 A[0] present
expect p0 A[0] == 0x1111
expect c1 A[0] == 0x2222
