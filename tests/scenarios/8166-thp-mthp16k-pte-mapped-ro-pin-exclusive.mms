# SPDX-License-Identifier: GPL-2.0-only
# cow.c A13 ("R/O GUP pin on R/O-mapped exclusive page") with a
# PTE-mapped 16 KiB mTHP: every page is exclusive from the fault; mprotect
# RO, clear-refs, mprotect RW leaves the PTEs R/O (soft-dirty tracking:
# can_change_pte_writable refuses), and the R/O longterm pin needs no
# unshare: it sees the write that follows.  gup_test pins: vm:6.12.
# PageAnonExclusive of a tail page is not exported on the kernel
# (kpageflags shows the head's): tail-page exclusive points are the
# model's answer there.
title mTHP 16K: R/O longterm pin of an exclusive mTHP page
broken-under v5.7 v5.8 v5.9 v5.18
requires gup_test
thp-sizes 16K
mmap p0 A 4 thp
write p0 A[0] 0x1111
split p0 A[0]
label L p0 A[3]
mprotect p0 A ro
clear-refs p0 soft-dirty
mprotect p0 A rw
expect p0 A[3] thp
expect p0 A[3] exclusive
pin h p0 A[3] ro pin longterm
expect p0 A[3] is L
write p0 A[3] 0x2222
expect p0 A[3] is L
expect h == 0x2222
unpin h
check
