# SPDX-License-Identifier: GPL-2.0-only
# A swapped-out page moves as its swap PTE, exclusive bit and all
# (move_ptes moves every entry as it is), and faults back in at the new
# place as an exclusive, writable page.
title mremap moves swap entries with their exclusive bit
requires swap
mmap p0 A 2
write p0 A[0] 0x1111
write p0 A[1] 0x1111
swapout p0 A[1]
expect p0 A[1] swapped
mremap p0 A[1] B
expect p0 B[0] swapped
expect p0 A[1] none
expect p0 B[0] == 0x1111
expect p0 B[0] exclusive
