# SPDX-License-Identifier: GPL-2.0-only
# Two PTEs of one VMA come to hold the same swap entry: A[1] is swapped
# out and shared by fork; the child's read brings the slot's page into
# the swap cache (more than one user on a SWP_SYNCHRONOUS_IO device);
# KSM merges A[0] into it; once the child is gone, swapping A[0] out gives
# it the page's swap entry, A[1]'s.  A fault on A[1] goes through swap
# readahead (swap_vma_readahead), whose window reads A[0]'s entry, the
# same, into the swap cache first; the fault's own read must find that
# folio (mm/swap_state.c __read_swap_cache_async looks the entry up
# before allocating) and map the page's data, never a second folio.
title swap readahead of an entry another PTE of the window holds
requires swap ksm
swapdev sync
mmap p0 A 2
write p0 A[0] 0x5
write p0 A[1] 0x5
swapout p0 A[1]
fork p0 c1
read c1 A[1]
madvise p0 A mergeable
madvise c1 A mergeable
ksm
expect p0 A[0] same c1 A[1]
exit c1
swapout p0 A[0]
expect p0 A[0] swapped
expect p0 A[1] == 0x5
expect p0 A[0] == 0x5
# A[1]'s fault mapped the folio at A[1]'s index; A[0] cannot map it too
# (one index per anon folio): ksm_might_need_to_copy gives A[0] an
# exclusive copy of its own.
expect p0 A[0] exclusive
expect p0 A[0] !same p0 A[1]
expect p0 A[1] !exclusive
