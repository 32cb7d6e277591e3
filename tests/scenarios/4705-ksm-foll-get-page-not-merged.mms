# SPDX-License-Identifier: GPL-2.0-only
# A page with an extra FOLL_GET reference (vmsplice, O_DIRECT in flight) is
# not merged: write_protect_page sees refcount != mapcount + 1 and restores
# the PTE (ksm.write-protect; origin.swp-exclusive: "KSM steps back in case it stumbles
# over unexpected references"). Once the reference is dropped, the next pass
# merges it into the existing KSM page (stable tree first).
title ksm: a page with a FOLL_GET reference is not merged
requires ksm vmsplice
mmap p0 A 3
write p0 A[0] 0x1111
write p0 A[1] 0x1111
write p0 A[2] 0x1111
label L2 p0 A[2]
pin h p0 A[2] ro get
madvise p0 A mergeable
ksm
expect p0 A[0] ksm
expect p0 A[1] same p0 A[0]
expect p0 A[2] !ksm
expect p0 A[2] is L2
expect p0 A[2] exclusive
expect p0 A[2] writable
label K p0 A[0]
unpin h
ksm
expect p0 A[2] is K
expect p0 A[2] ksm
expect p0 A[0] mapcount 3
check
