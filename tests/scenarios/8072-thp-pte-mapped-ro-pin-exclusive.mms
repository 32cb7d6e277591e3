# SPDX-License-Identifier: GPL-2.0-only
# cow.c A13 with THP (PTE-mapped): after the split every page is
# exclusive (__split_huge_pmd hands the head's bit to each); mprotect RO,
# clear-refs, mprotect RW leaves the PTEs R/O (soft-dirty tracking:
# can_change_pte_writable refuses), and the R/O longterm pin needs no
# unshare: it sees the write that follows (do_wp_page reuses the page).
# gup_test: vm:6.12.
title THP: R/O longterm pin of an exclusive PTE-mapped THP page
broken-under v5.7 v5.8 v5.9 v5.18
requires thp gup_test
mmap p0 A 512 thp
write p0 A[0] 0x1111
split p0 A[0]
label L p0 A[11]
mprotect p0 A ro
clear-refs p0 soft-dirty
mprotect p0 A rw
expect p0 A[11] thp
expect p0 A[11] !pmd
pin h p0 A[11] ro pin longterm
expect p0 A[11] is L
write p0 A[11] 0x2222
expect p0 A[11] is L
expect h == 0x2222
unpin h
check
