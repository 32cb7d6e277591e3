# SPDX-License-Identifier: GPL-2.0-only
# A clean swap-cache page (swapped out, read back, not written since): its
# data is still in the swap slot.  The PTE becomes a swap entry again,
# nobody is signalled (not dirty: no forcekill), and me_swapcache_clean
# deletes the page from the swap cache (MF_RECOVERED, madvise returns 0).
# The next fault reads the slot into a new page: nothing was lost
# (hwpoison.swapcache).
title hwpoison: a clean swap-cache page is dropped and read again
requires swap
mmap p0 A 1
write p0 A[0] 0x1111
swapout p0 A
read p0 A[0]
label L p0 A[0]
poison p0 A[0]
expect p0 A[0] swapped
expect p0 sigbus 0
expect p0 A[0] == 0x1111
expect p0 A[0] isnot L
expect p0 A[0] !poisoned
check
