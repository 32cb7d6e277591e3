# SPDX-License-Identifier: GPL-2.0-only
# obs.swapin-after-fork on this machine's kernel, step by step: fork while
# pages are swapped out; both processes show the same swap entries. A parent
# read swap-in gives AE=0 (fork cleared the marker in the parent's PTE too); a
# parent write swap-in copies (new PFN, AE=1) because the child still holds
# the slot; a child read swap-in maps the same PFN as the parent, mapcount 2,
# not exclusive (fork.nonpresent, swapin.fault).
title swap+fork: fork while swapped out (obs.swapin-after-fork)
requires swap
mmap p0 A 2
write p0 A[0] 0x1111
write p0 A[1] 0x2222
label L0 p0 A[0]
label L1 p0 A[1]
swapout p0 A
fork p0 c1
expect c1 A[0] swapped
expect c1 A[1] swapped
read p0 A[0]
expect p0 A[0] is L0
expect p0 A[0] !exclusive
write p0 A[1] 0x3333
expect p0 A[1] isnot L1
expect p0 A[1] exclusive
read c1 A[0]
expect c1 A[0] same p0 A[0]
expect c1 A[0] mapcount 2
expect c1 A[0] !exclusive
expect c1 A[1] == 0x2222
expect c1 A[1] is L1
check
