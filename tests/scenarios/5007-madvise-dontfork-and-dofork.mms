# SPDX-License-Identifier: GPL-2.0-only
# MADV_DONTFORK: the VMA is not created in the child (fork.vma-filter), so the
# child faults with SIGSEGV and the parent's page is not write-protected by
# fork. MADV_DOFORK restores normal COW sharing for the next fork.
title MADV_DONTFORK regions are absent in the child
mmap p0 A 1
mmap p0 B 1
write p0 A[0] 0x1111
write p0 B[0] 0x1111
madvise p0 A dontfork
fork p0 c1
read c1 A[0] => SIGSEGV
expect p0 A[0] writable
expect p0 A[0] exclusive
expect p0 A[0] mapcount 1
expect c1 B[0] same p0 B[0]
madvise p0 A dofork
fork p0 c2
expect c2 A[0] same p0 A[0]
expect p0 A[0] readonly
expect c2 A[0] == 0x1111
check
