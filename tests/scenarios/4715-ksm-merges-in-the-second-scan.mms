# SPDX-License-Identifier: GPL-2.0-only
# ksmd merges a page only once it has seen it unchanged: the first scan
# that finds a page only records its checksum in the page's rmap_item;
# the next scan compares it (cmp_and_merge_page: calc_checksum), and only
# then looks for an identical page, in the stable tree, then in the
# unstable tree of this scan (ksm.scan).  Two identical pages become one
# KSM page in the second scan, not the first.
title ksm: identical pages merge in the second scan, not the first
requires ksm
mmap p0 A 2
write p0 A[0] 0x1111
write p0 A[1] 0x1111
madvise p0 A mergeable
ksm-scan
expect p0 A[0] !ksm
expect p0 A[1] !ksm
expect p0 A[0] exclusive
ksm-scan
expect p0 A[0] ksm
expect p0 A[1] same p0 A[0]
expect p0 A[0] mapcount 2
check
