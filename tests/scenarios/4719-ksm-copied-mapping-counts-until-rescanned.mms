# SPDX-License-Identifier: GPL-2.0-only
# max_page_sharing counts the rmap_items on a KSM page's stable node
# (rmap_hlist_len), not its mappings: an address whose write copied the
# KSM page stays listed until ksmd's scan reaches it again
# (remove_rmap_item_from_tree in cmp_and_merge_page).  With
# max_page_sharing 3, A[1..3] make a full KSM page and A[0], identical,
# waits.  A write copies A[3]; in the next scan A[0] comes first (address
# order), while A[3] is still listed: no room.  The scan then drops A[3],
# and A[0] merges in the scan after.
title ksm: a copied mapping counts against max_page_sharing until rescanned
requires ksm
ksm-max-page-sharing 3
mmap p0 A 4
write p0 A[1] 0x1111
write p0 A[2] 0x1111
write p0 A[3] 0x1111
madvise p0 A mergeable
ksm
expect p0 A[1] ksm
expect p0 A[1] mapcount 3
write p0 A[0] 0x1111
ksm-scan 2
expect p0 A[0] !ksm
write p0 A[3] 0x2222
expect p0 A[1] mapcount 2
ksm-scan
expect p0 A[0] !ksm
expect p0 A[0] exclusive
ksm-scan
expect p0 A[0] same p0 A[1]
expect p0 A[1] mapcount 3
check
