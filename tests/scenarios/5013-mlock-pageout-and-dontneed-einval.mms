# SPDX-License-Identifier: GPL-2.0-only
# MADV_PAGEOUT and MADV_COLD refuse a VM_LOCKED VMA (can_madv_lru_vma), and
# so does MADV_DONTNEED (madvise_dontneed_free_valid_vma; only
# MADV_DONTNEED_LOCKED may zap it): each fails with EINVAL and the locked
# page stays mapped with its data.
title MADV_PAGEOUT, MADV_COLD and MADV_DONTNEED fail on a locked range
requires swap
mmap p0 A 1
write p0 A[0] 0x1111
mlock p0 A
swapout p0 A => EINVAL
madvise p0 A cold => EINVAL
madvise p0 A dontneed => EINVAL
expect p0 A[0] present
expect p0 A[0] exclusive
expect p0 A[0] == 0x1111
