# SPDX-License-Identifier: GPL-2.0-only
# A fork child's mappings of a KSM page join its stable node only when
# ksmd scans the child, and then past max_page_sharing if need be
# (cmp_and_merge_page: max_page_sharing_bypass).  With max_page_sharing 3,
# A[0] and A[1] make a KSM page of two rmap_items and A[2], identical,
# has been checksummed; then p0 forks.  The KSM page has four mappings,
# but in the next scan p0 comes first (the child's mm is added behind
# ksmd's cursor, __ksm_enter) and A[2] merges as the third rmap_item;
# the child's two follow, over the limit.
# Before v6.12 (6.1 seen on vm:6.1) ksmd searched the stable tree before
# the checksum check: A[2] merges before the fork there.
title ksm: a fork child's mappings join a KSM page past max_page_sharing
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
write p0 A[2] 0x1111
ksm-scan
fork p0 c1
expect p0 A[0] mapcount 4
ksm-scan
expect p0 A[2] same p0 A[0]
expect c1 A[0] same p0 A[0]
expect p0 A[0] mapcount 5
expect c1 A[2] !ksm
# The next identical page finds the KSM page full.
write p0 A[2] 0x3333
write c1 A[2] 0x1111
ksm
expect c1 A[2] !ksm
expect p0 A[0] mapcount 4
check
