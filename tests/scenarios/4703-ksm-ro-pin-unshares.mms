# SPDX-License-Identifier: GPL-2.0-only
# A R/O FOLL_PIN on a KSM page must unshare it (gup_must_unshare is always
# true for KSM, ksm.cow): the pinned page is an exclusive R/O copy, so the
# process's later write reuses it and the pin sees the write. A FOLL_GET
# reference (vmsplice) does not unshare: that page stays KSM.
title ksm: a R/O pin unshares a KSM page, FOLL_GET does not
requires ksm gup_test vmsplice
mmap p0 A 2
write p0 A[0] 0x1111
write p0 A[1] 0x1111
madvise p0 A mergeable
ksm
label K p0 A[0]
pin h p0 A[0] ro pin longterm
expect p0 A[0] isnot K
expect p0 A[0] !ksm
expect p0 A[0] exclusive
expect p0 A[0] readonly
expect h == 0x1111
pin g p0 A[1] ro get
expect p0 A[1] is K
expect p0 A[1] ksm
write p0 A[0] 0x2222
expect h == 0x2222
expect g == 0x1111
unpin h
unpin g
check
