# SPDX-License-Identifier: GPL-2.0-only
# munlock clears VM_LOCKED (apply_vma_lock_flags with no flags) and leaves
# the pages mapped; from then on MADV_PAGEOUT reclaims them.  A later
# mlock faults a swapped-out page back in, with a write fault: the page
# is exclusive and writable again.
title munlock makes a page reclaimable; mlock swaps it back in
requires swap
mmap p0 A 2
write p0 A[0] 0x1010
write p0 A[1] 0x1111
mlock p0 A
munlock p0 A[0]
expect p0 A[0] present
swapout p0 A[0]
expect p0 A[0] swapped
swapout p0 A[1] => EINVAL
mlock p0 A[0]
expect p0 A[0] present
expect p0 A[0] exclusive
expect p0 A[0] writable
expect p0 A[0] == 0x1010
