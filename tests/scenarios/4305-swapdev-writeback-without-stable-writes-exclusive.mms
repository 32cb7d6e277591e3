# SPDX-License-Identifier: GPL-2.0-only
# The same as 4304 without SWP_STABLE_WRITES: writeback in flight does not
# matter, the swap PTE's exclusive bit makes the swap-cache page exclusive
# and writable (swapin.fault step 6). Writeback cannot be held back on this
# machine; stated from the 6.12 source.
title swapdev slow-writeback: swap-in under writeback is exclusive
requires swap
swapdev file slow-writeback
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
swapout p0 A
read p0 A[0]
expect p0 A[0] is L
expect p0 A[0] exclusive
expect p0 A[0] writable
write p0 A[0] 0x2222
expect p0 A[0] is L
writeback-done
expect p0 A[0] == 0x2222
check
