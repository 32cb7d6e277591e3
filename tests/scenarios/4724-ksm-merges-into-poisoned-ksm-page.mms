# SPDX-License-Identifier: GPL-2.0-only
# Memory failure of a KSM page unmaps its PTEs into hwpoison entries, but
# the page stays in the stable tree while a reference keeps it (here a
# FOLL_GET one from vmsplice), and its rmap_items stay listed until the
# scan reaches their addresses again.  cmp_and_merge_page searches the
# stable tree before it drops the scanned address's old rmap_item, so a
# new page of the same contents written where the KSM page was mapped
# finds it a page sharing candidate, and replace_page maps the poisoned
# page again: no step of the merge checks PageHWPoison (hwpoison.ksm).
# Seen on 6.12 (vm:6.12); the host has no gup_test, so it skips there.
# Under v6.1 and before, MADV_HWPOISON sends the caller no SIGBUS (4801).
title ksm: a new page at a poisoned KSM page's address merges into it
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires ksm gup_test vmsplice
mmap p0 A 2
write p0 A[0] 0x1111
write p0 A[1] 0x1111
madvise p0 A mergeable
ksm
label K p0 A[0]
pin g p0 A[1] ro get
poison p0 A[0] => SIGBUS:MCEERR_AR
expect p0 A[0] poisoned
expect p0 A[1] poisoned
madvise p0 A[0] dontneed
write p0 A[0] 0x1111
ksm
expect p0 A[0] is K
expect p0 A[0] ksm
expect p0 A[0] == 0x1111
expect p0 A[1] poisoned
unpin g
check
