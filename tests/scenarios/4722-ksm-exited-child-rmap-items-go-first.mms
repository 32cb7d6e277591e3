# SPDX-License-Identifier: GPL-2.0-only
# An exited process's rmap_items stay on the stable nodes until ksmd's
# scan reaches its mm, but __ksm_exit moves its mm_slot right behind
# ksmd's cursor (list_move), where the next scan starts: they are dropped
# (remove_trailing_rmap_items) before any other page is looked at.  With
# max_page_sharing 3, A[0] and A[1] make a KSM page, which the fork
# child's two rmap_items fill; A[2], identical, waits.  Once the child
# has exited, the next scan finds room for A[2] and merges it.
title ksm: an exited child's rmap_items leave before the next scan merges
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires ksm
ksm-max-page-sharing 3
mmap p0 A 3
write p0 A[0] 0x1111
write p0 A[1] 0x1111
write p0 A[2] 0x2222
madvise p0 A mergeable
ksm
expect p0 A[1] same p0 A[0]
fork p0 c1
write p0 A[2] 0x1111
ksm
expect p0 A[2] !ksm
expect p0 A[0] mapcount 4
exit c1
expect p0 A[0] mapcount 2
ksm-scan
expect p0 A[2] same p0 A[0]
expect p0 A[0] mapcount 3
check
