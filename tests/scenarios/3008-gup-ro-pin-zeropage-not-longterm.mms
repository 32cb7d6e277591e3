# SPDX-License-Identifier: GPL-2.0-only
# A short-term R/O FOLL_PIN of an untouched page read-faults the zero page and
# "pins" it as a no-op: non-anon pages are unshared only for FOLL_LONGTERM
# (gup.must-unshare, gup.pin-fault, gup.pin-accounting). A later write COWs
# the zero page, so the handle keeps reading 0: expected today, not a bug.
title short-term R/O pin of the zero page does not unshare
requires gup_test
mmap p0 A 1
pin h p0 A[0] ro pin
expect p0 A[0] zeropage
expect h == 0
write p0 A[0] 0x2222
expect p0 A[0] !zeropage
expect p0 A[0] exclusive
expect h == 0
unpin h
check
