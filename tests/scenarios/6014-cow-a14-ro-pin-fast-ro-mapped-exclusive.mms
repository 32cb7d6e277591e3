# SPDX-License-Identifier: GPL-2.0-only
# cow.c A14 "R/O GUP-fast pin on R/O-mapped exclusive page": as A13 with
# pin_user_pages_fast; the PTE is R/O (soft-dirty tracking after
# clear-refs) but exclusive, so a R/O GUP-fast pin takes it without
# falling back (gup.fast). Outcome equals A13.
title cow.c A14: R/O GUP-fast pin on R/O-mapped exclusive page
requires gup_test
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
mprotect p0 A ro
clear-refs p0 soft-dirty
mprotect p0 A rw
expect p0 A[0] exclusive
pin h p0 A[0] ro pin longterm fast
expect p0 A[0] is L
write p0 A[0] 0x2222
expect p0 A[0] is L
expect h == 0x2222
unpin h
check
