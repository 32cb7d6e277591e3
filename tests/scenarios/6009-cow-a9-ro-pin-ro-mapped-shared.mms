# SPDX-License-Identifier: GPL-2.0-only
# cow.c A9 "R/O GUP pin on R/O-mapped shared page": the child stays alive, so
# the parent's R/O longterm pin must unshare (copy, gup.pin-fault); the
# parent's write then reuses the pinned copy and the pin sees it ("Longterm
# R/O pin is reliable"). gup_test PIN_LONGTERM_TEST_START.
title cow.c A9: R/O GUP pin on R/O-mapped shared page
requires gup_test
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
fork p0 c1
expect p0 A[0] readonly
pin h p0 A[0] ro pin longterm
expect p0 A[0] isnot orig
expect p0 A[0] exclusive
write p0 A[0] 0x2222
# PIN_LONGTERM_TEST_READ, compare with mem
expect h == 0x2222
expect c1 A[0] == 0x1111
unpin h
exit c1
check
