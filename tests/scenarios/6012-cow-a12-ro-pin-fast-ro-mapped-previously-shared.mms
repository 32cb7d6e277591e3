# SPDX-License-Identifier: GPL-2.0-only
# cow.c A12 "R/O GUP-fast pin on R/O-mapped previously-shared page": as
# A11 with pin_user_pages_fast; GUP-fast falls back to the slow path
# (gup.fast), which reuses the page. Outcome equals A11.
title cow.c A12: R/O GUP-fast pin on R/O-mapped previously-shared page
requires gup_test
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
fork p0 c1
exit c1
pin h p0 A[0] ro pin longterm fast
expect p0 A[0] is orig
expect p0 A[0] exclusive
expect p0 A[0] readonly
write p0 A[0] 0x2222
expect p0 A[0] is orig
expect h == 0x2222
unpin h
check
