# SPDX-License-Identifier: GPL-2.0-only
# MADV_WIPEONFORK: the child gets the VMA but no pages (fork.vma-filter), so
# it reads zeros; the parent's page is untouched by fork. MADV_KEEPONFORK
# restores normal COW sharing for the next fork.
title MADV_WIPEONFORK regions are empty in the child
mmap p0 A 1
write p0 A[0] 0x1111
madvise p0 A wipeonfork
fork p0 c1
expect c1 A[0] none
expect c1 A[0] == 0
expect c1 A[0] zeropage
expect p0 A[0] writable
expect p0 A[0] exclusive
write c1 A[0] 0x2222
expect p0 A[0] == 0x1111
madvise p0 A keeponfork
fork p0 c2
expect c2 A[0] same p0 A[0]
expect c2 A[0] == 0x1111
check
