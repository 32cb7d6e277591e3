# SPDX-License-Identifier: GPL-2.0-only
# migrate of an address with no page: nothing mapped or a swap PTE gives
# ENOENT, the shared zero page EFAULT (move_pages(2) status values).
title migrate: none, swapped and zero page are not migrated
requires swap
mmap p0 A 3
read p0 A[1]
write p0 A[2] 0x1111
swapout p0 A[2]
migrate p0 A[0] => ENOENT
migrate p0 A[1] => EFAULT
migrate p0 A[2] => ENOENT
expect p0 A[0] none
expect p0 A[1] zeropage
expect p0 A[2] swapped
check
