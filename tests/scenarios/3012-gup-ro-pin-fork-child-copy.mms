# SPDX-License-Identifier: GPL-2.0-only
# A R/O FOLL_PIN is a pin too: fork copies the maybe-pinned exclusive page
# into the child (fork.present folio_try_dup_anon_rmap -EBUSY), the parent keeps
# its writable pinned page, and the pin sees the parent's later writes.
title fork copies a R/O-pinned exclusive page for the child
requires gup_test
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
pin h p0 A[0] ro pin
fork p0 c1
expect p0 A[0] is L
expect p0 A[0] writable
expect p0 A[0] exclusive
expect c1 A[0] !same p0 A[0]
expect c1 A[0] exclusive
expect c1 A[0] writable
write p0 A[0] 0x2222
expect h == 0x2222
expect c1 A[0] == 0x1111
unpin h
check
