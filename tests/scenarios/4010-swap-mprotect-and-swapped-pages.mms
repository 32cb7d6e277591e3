# SPDX-License-Identifier: GPL-2.0-only
# Swap PTEs under mprotect: a store to a swapped page of a R/O VMA is SIGSEGV
# before any swap-in (access_error). A read swap-in in a R/O VMA restores
# exclusivity but maps R/O (swapin.fault step 9 needs VM_WRITE); mprotect RW
# then maps the exclusive page writable at once (mprotect.upgrade). PROT_NONE
# pages are still present PTEs, so MADV_PAGEOUT swaps them out (madv.pageout).
# Before 6.11 (v6.1 and older) a swap-in on a read fault maps the page
# read-only, exclusive or not; the `writable` expectation fails there.
title swap: swapped pages under mprotect ro, rw and none
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires swap
mmap p0 A 2
write p0 A[0] 0x1111
write p0 A[1] 0x2222
label L0 p0 A[0]
swapout p0 A
mprotect p0 A ro
write p0 A[0] 0x3333 => SIGSEGV
expect p0 A[0] swapped
read p0 A[0]
expect p0 A[0] is L0
expect p0 A[0] readonly
expect p0 A[0] exclusive
mprotect p0 A rw
expect p0 A[0] writable
mprotect p0 A none
read p0 A[1] => SIGSEGV
expect p0 A[1] swapped
expect p0 A[0] present
swapout p0 A[0]
expect p0 A[0] swapped
mprotect p0 A rw
expect p0 A[0] == 0x1111
expect p0 A[1] == 0x2222
expect p0 A[0] exclusive
expect p0 A[0] writable
check
