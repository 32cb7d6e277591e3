# SPDX-License-Identifier: GPL-2.0-only
# A write fault on the swap PTE while writeback to a stable-writes device is
# in flight: the page is not exclusive (swapin.stable-writes), and its swap
# cache cannot be freed under writeback (swap.free), so do_wp_page sees the
# swap cache's reference and copies (wp.reuse-check); the old page is left in
# the swap cache, unmapped. Stated from the 6.12 source (not observable here).
title swapdev stable-writes: a write under writeback copies
requires swap
swapdev file stable-writes slow-writeback
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
swapout p0 A
write p0 A[0] 0x2222
expect p0 A[0] isnot L
expect p0 A[0] exclusive
expect p0 A[0] writable
writeback-done
expect p0 A[0] == 0x2222
check
