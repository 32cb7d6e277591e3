# SPDX-License-Identifier: GPL-2.0-only
# A page merged from the unstable tree leaves it (try_to_merge_with_ksm_page
# calls remove_rmap_item_from_tree), and a tree lookup always re-reads the
# page its address maps now (get_mergeable_page). A later page of other
# contents, here zeroes, must not be matched against the page that was
# merged away and freed: A[0] keeps its contents and its KSM page.
title ksm: a page merged from the unstable tree is no longer a candidate
requires ksm
mmap p0 A 3
madvise p0 A mergeable
write p0 A[0] 0x1111
write p0 A[1] 0x1111
write p0 A[2] 0
ksm
expect p0 A[0] == 0x1111
expect p0 A[1] == 0x1111
expect p0 A[0] same p0 A[1]
expect p0 A[0] ksm
expect p0 A[2] == 0
expect p0 A[2] !same p0 A[0]
check
