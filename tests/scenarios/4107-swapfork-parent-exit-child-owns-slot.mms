# SPDX-License-Identifier: GPL-2.0-only
# The parent exits while both share a swap slot: its swap PTE is zapped
# (swap.zap) and the child is the slot's only user, but its own swap PTE never
# had the exclusive bit: the read swap-in maps the page R/O, not exclusive;
# the write frees the swap cache and reuses it (swapin.fault, wp.reuse-check).
title swap+fork: the parent exits, the child's swap-in reuses on write
requires swap
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
swapout p0 A
fork p0 c1
exit p0
expect c1 A[0] swapped
expect c1 A[0] == 0x1111
expect c1 A[0] is L
expect c1 A[0] !exclusive
expect c1 A[0] readonly
write c1 A[0] 0x2222
expect c1 A[0] is L
expect c1 A[0] exclusive
check
