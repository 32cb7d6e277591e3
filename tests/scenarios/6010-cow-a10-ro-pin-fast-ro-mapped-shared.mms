# SPDX-License-Identifier: GPL-2.0-only
# cow.c A10 "R/O GUP-fast pin on R/O-mapped shared page": as A9 with
# pin_user_pages_fast. GUP-fast refuses the non-exclusive page (gup.fast) and
# the slow path unshares; the outcome equals A9.
title cow.c A10: R/O GUP-fast pin on R/O-mapped shared page
requires gup_test
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
fork p0 c1
expect p0 A[0] readonly
pin h p0 A[0] ro pin longterm fast
expect p0 A[0] isnot orig
expect p0 A[0] exclusive
write p0 A[0] 0x2222
expect h == 0x2222
expect c1 A[0] == 0x1111
unpin h
exit c1
check
