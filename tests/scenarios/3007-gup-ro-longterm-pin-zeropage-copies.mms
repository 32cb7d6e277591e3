# SPDX-License-Identifier: GPL-2.0-only
# R/O FOLL_LONGTERM pin of the shared zero page in a COW mapping unshares it
# into a fresh exclusive anon page mapped read-only (6.2+, fault.unshare,
# gup.must-unshare, summary table "pin R/O LONGTERM, zero page"; cow.c "R/O
# longterm GUP pin ... with shared zeropage"). A later write reuses it.
# Before 6.2 (v6.1 and older) a R/O longterm pin takes the shared zero
# page itself (84209e87c696 made it unshare anything in a COW mapping).
title R/O longterm pin of the zero page replaces it by an exclusive page
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires gup_test
mmap p0 A 1
read p0 A[0]
expect p0 A[0] zeropage
pin h p0 A[0] ro pin longterm
expect p0 A[0] !zeropage
expect p0 A[0] exclusive
expect p0 A[0] readonly
expect p0 A[0] mapcount 1
expect h == 0
label pinned p0 A[0]
write p0 A[0] 0x2222
expect p0 A[0] is pinned
expect p0 A[0] writable
expect h == 0x2222
unpin h
check
