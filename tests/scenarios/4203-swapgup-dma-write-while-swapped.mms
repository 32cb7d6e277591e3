# SPDX-License-Identifier: GPL-2.0-only
# The origin.swp-exclusive thread with the DMA completing while the page is swapped out: the
# FOLL_GET|FOLL_WRITE reference keeps the page in the swap cache, the
# device writes it (dirtying it), and the process's swap-in maps that same
# page, so it sees the data; a write fault on it needs no copy.
title swap+GUP: DMA into a swapped-out page is seen after swap-in
requires swap gup_test
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
pin h p0 A[0] rw get
swapout p0 A
dma-write h 0x2222
expect p0 A[0] swapped
write p0 A[0] 0x3333
expect p0 A[0] is L
expect h == 0x3333
unpin h
expect p0 A[0] == 0x3333
check
