# SPDX-License-Identifier: GPL-2.0-only
# Which KSM page of a stable node chain a page merges into: the chain is
# walked from its head (stable_node_dup), where a new dup goes
# (stable_tree_insert), and the first with room is taken.  With
# max_page_sharing 2, A[0..3] make K1 (A[0], A[1]) then K2 (A[2], A[3]);
# writes copy A[1] and A[3], so each has room for one more.  A[4] merges
# into K2, the newer; A[5] then finds K2 full and merges into K1.  (The
# kernel's walk that prunes, once every 2 s, takes the dup with the most
# mappings: here both have one, and it takes the first too.)
title ksm: a page merges into the newest KSM page of its contents with room
requires ksm
ksm-max-page-sharing 2
mmap p0 A 6
write p0 A[0] 0x1111
write p0 A[1] 0x1111
write p0 A[2] 0x1111
write p0 A[3] 0x1111
madvise p0 A mergeable
ksm
expect p0 A[1] same p0 A[0]
expect p0 A[3] same p0 A[2]
expect p0 A[2] !same p0 A[0]
write p0 A[1] 0x2222
write p0 A[3] 0x3333
write p0 A[4] 0x1111
ksm
expect p0 A[4] same p0 A[2]
expect p0 A[2] mapcount 2
expect p0 A[0] mapcount 1
write p0 A[5] 0x1111
ksm
expect p0 A[5] same p0 A[0]
expect p0 A[0] mapcount 2
check
