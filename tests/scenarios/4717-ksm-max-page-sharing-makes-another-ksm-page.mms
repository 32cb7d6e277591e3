# SPDX-License-Identifier: GPL-2.0-only
# A KSM page takes at most max_page_sharing mappings (rmap_items on its
# stable node).  A page whose contents match only full KSM pages is not
# merged into any (stable_tree_search finds no page sharing candidate):
# it waits in the unstable tree for a partner, and the two make another
# KSM page of the same contents, a second dup of the stable node chain
# (stable_tree_insert).  With max_page_sharing 2, five identical pages
# make two KSM pages of two mappings each, and the fifth stays alone.
title ksm: past max_page_sharing, identical pages make another KSM page
requires ksm
ksm-max-page-sharing 2
mmap p0 A 5
write p0 A[0] 0x1111
write p0 A[1] 0x1111
write p0 A[2] 0x1111
write p0 A[3] 0x1111
write p0 A[4] 0x1111
madvise p0 A mergeable
ksm
expect p0 A[0] ksm
expect p0 A[1] same p0 A[0]
expect p0 A[0] mapcount 2
expect p0 A[2] ksm
expect p0 A[3] same p0 A[2]
expect p0 A[2] !same p0 A[0]
expect p0 A[2] mapcount 2
expect p0 A[4] !ksm
expect p0 A[4] exclusive
expect p0 A[4] == 0x1111
# More scans change nothing: both KSM pages are full.
ksm
expect p0 A[4] !ksm
expect p0 A[0] mapcount 2
expect p0 A[2] mapcount 2
check
