# SPDX-License-Identifier: GPL-2.0-only
# uffd-unit-tests' wp-fork on a swapped-out page: copy_nonpresent_pte
# keeps the swap PTE's uffd-wp bit only where the child's VMA stays
# registered.  Without EVENT_FORK c1 gets the swap entry without it.
title uffd-wp: fork of a protected swap PTE without EVENT_FORK
requires uffd swap
mmap p0 A 1
write p0 A[0] 0x1111
uffd-wp p0 A on
swapout p0 A
fork p0 c1
expect c1 A[0] swapped
expect c1 A[0] !uffd-wp
expect p0 A[0] swapped
expect p0 A[0] uffd-wp
write c1 A[0] 0x2222
expect c1 uffd-faults 0
expect p0 A[0] == 0x1111
