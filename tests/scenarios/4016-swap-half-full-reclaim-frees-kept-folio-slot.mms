# SPDX-License-Identifier: GPL-2.0-only
# A folio reclaim has to keep because it stays mapped (try_to_unmap
# cannot mark a pinned exclusive page shared, 4208) is not going to
# swap: with swap more than half full (vm_swap_full) reclaim frees its
# slot, and the page leaves the swap cache (mm/vmscan.c:
# shrink_folio_list, folio_free_swap under activate_locked).
# A device of 16 pages has 15 slots.  A[0], read back from the swap
# file, is still in the swap cache when it is pinned; a pageout with 1
# slot used keeps it there; once A[1..7] fill 8 of 15, a pageout frees
# its slot.
# Before 6.11 (v6.1 and older) a swap-in on a read fault maps the page
# read-only: the `writable` expectation fails there.
title swap: more than half full, reclaim frees the slot of a folio it keeps
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires swap iouring
swapdev file pages 16
mmap p0 A 8
write p0 A[0] 0x1000
swapout p0 A[0]
read p0 A[0]
expect p0 A[0] writable
pin h p0 A[0] rw pin longterm
swapout p0 A[0]
expect p0 A[0] present
expect p0 A[0] swapcache
write p0 A[1] 0x1001
write p0 A[2] 0x1002
write p0 A[3] 0x1003
write p0 A[4] 0x1004
write p0 A[5] 0x1005
write p0 A[6] 0x1006
write p0 A[7] 0x1007
swapout p0 A[1..7]
expect p0 A[7] swapped
swapout p0 A[0]
expect p0 A[0] present
expect p0 A[0] exclusive
expect p0 A[0] !swapcache
unpin h
expect p0 A[0] == 0x1000
check
