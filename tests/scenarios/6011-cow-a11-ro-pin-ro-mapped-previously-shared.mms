# SPDX-License-Identifier: GPL-2.0-only
# cow.c A11 "R/O GUP pin on R/O-mapped previously-shared page": the child
# exits before the pin, so the unshare fault reuses the page (sole
# reference) and marks it exclusive, still R/O (wp.fault step 4, gup.pin-fault).
title cow.c A11: R/O GUP pin on R/O-mapped previously-shared page
requires gup_test
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
fork p0 c1
exit c1
expect p0 A[0] readonly
pin h p0 A[0] ro pin longterm
expect p0 A[0] is orig
expect p0 A[0] exclusive
expect p0 A[0] readonly
write p0 A[0] 0x2222
expect p0 A[0] is orig
expect h == 0x2222
unpin h
check
