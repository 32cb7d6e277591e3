# SPDX-License-Identifier: GPL-2.0-only
# MADV_HWPOISON of a swapped-out page: madvise_inject_error's GUP faults it
# in first (do_swap_page; on a SWP_SYNCHRONOUS_IO device a fresh page that
# bypasses the swap cache), and that page is poisoned: a clean anon page
# (its PTE was mapped by a read fault, not written), so its PTE becomes a
# hwpoison entry and nobody is signalled now; the data is gone, and the
# next access gets BUS_MCEERR_AR (hwpoison.gup).
title hwpoison: a swapped-out page is swapped in, then poisoned
requires swap
swapdev sync
mmap p0 A 1
write p0 A[0] 0x1111
swapout p0 A
expect p0 A[0] swapped
poison p0 A[0]
expect p0 A[0] poisoned
expect p0 sigbus 0
read p0 A[0] => SIGBUS:MCEERR_AR
check
