# SPDX-License-Identifier: GPL-2.0-only
# Zapping swap PTEs releases their slots (swap.zap: free_swap_and_cache), also
# the swap cache of an unmapped page. MADV_DONTNEED leaves a hole that
# reads zero. A slot left in use would be caught by the swap invariant
# after every statement and by the runner's teardown check at the end.
title swap: munmap, dontneed and exit free the swap slots
requires swap
mmap p0 A 4
write p0 A[0] 0x1111
write p0 A[1] 0x2222
write p0 A[2] 0x3333
write p0 A[3] 0x4444
swapout p0 A
expect p0 A[0] swapped
expect p0 A[3] swapped
munmap p0 A[0]
expect p0 A[1] swapped
madvise p0 A[1] dontneed
expect p0 A[1] none
expect p0 A[1] == 0
expect p0 A[1] zeropage
fork p0 c1
expect c1 A[2] swapped
exit p0
expect c1 A[2] == 0x3333
munmap c1 A[2]
check
# c1 still holds A[3]'s slot; exit frees it.
exit c1
check
