# SPDX-License-Identifier: GPL-2.0-only
# A R/O FOLL_PIN of a swapped page whose slot is shared after fork: the
# swap-in maps it R/O and not exclusive, so GUP unshares (gup.pin-fault): the
# child still uses the slot, so it is a copy, exclusive and R/O; the pin
# follows the parent's later writes (bug.ro-pin-stale-shared fixed for swap).
title swap+GUP: R/O pin of a shared swapped page unshares by copying
requires swap gup_test
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
swapout p0 A
fork p0 c1
pin h p0 A[0] ro pin
expect p0 A[0] isnot L
expect p0 A[0] exclusive
expect p0 A[0] readonly
exit c1
write p0 A[0] 0x2222
expect h == 0x2222
unpin h
check
