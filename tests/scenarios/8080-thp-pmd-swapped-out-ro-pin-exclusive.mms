# SPDX-License-Identifier: GPL-2.0-only
# cow.c A13 with a swapped-out PMD-mapped THP: the split gave each
# written page its own swap entry with the exclusive bit; mprotect RO,
# clear-refs (the swap PTEs lose their soft-dirty bit), mprotect RW, then
# the R/O longterm pin's swap-in maps it exclusive (do_swap_page), no
# unshare: the pin sees the write that follows, on the same page.
# gup_test pins: vm:6.12.
title THP: R/O longterm pin of an exclusive swapped-out THP page
broken-under v5.9 v5.18
requires swap thp gup_test
mmap p0 A 512 thp
write p0 A[3] 0x1111
swapout p0 A
expect p0 A[3] swapped
mprotect p0 A ro
clear-refs p0 soft-dirty
mprotect p0 A rw
pin h p0 A[3] ro pin longterm
expect p0 A[3] exclusive
label L p0 A[3]
write p0 A[3] 0x2222
expect p0 A[3] is L
expect h == 0x2222
unpin h
check
