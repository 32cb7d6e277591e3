# SPDX-License-Identifier: GPL-2.0-only
# The SWP_STABLE_WRITES corner case of origin.swp-exclusive (swapin.stable-writes): a
# device that needs stable pages during writeback. A swap-in while the page is
# still under writeback maps it R/O and not exclusive although the swap PTE
# had the exclusive bit (safe: no GUP reference can exist, writeback starts
# only after a full unmap). After writeback a write reuses it. Not observable
# on this machine (no such swap device); stated from the 6.12 source.
title swapdev stable-writes: swap-in under writeback is not exclusive
requires swap
swapdev file stable-writes slow-writeback
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
swapout p0 A
expect p0 A[0] swapped
read p0 A[0]
expect p0 A[0] is L
expect p0 A[0] !exclusive
expect p0 A[0] readonly
writeback-done
write p0 A[0] 0x2222
expect p0 A[0] is L
expect p0 A[0] exclusive
check
