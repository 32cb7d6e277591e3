# SPDX-License-Identifier: GPL-2.0-only
# The kernel's order of a pass (6.12 cmp_and_merge_page): the first page
# goes into the unstable tree; an identical later page finds it there and
# try_to_merge_two_pages makes the later page a KSM page, then merges the
# tree page into it. If the tree page is pinned that fails and break_cow
# unshares the lone KSM page again (an exclusive R/O copy). The pinned
# page stays in the tree, so every later identical page fails the same way.
title ksm: a pinned page first in the scan keeps identical pages apart
requires ksm iouring
mmap p0 A 3
write p0 A[0] 0x1111
write p0 A[1] 0x1111
write p0 A[2] 0x1111
label L0 p0 A[0]
label L1 p0 A[1]
pin h p0 A[0] rw pin longterm
madvise p0 A mergeable
ksm
expect p0 A[0] is L0
expect p0 A[0] writable
expect p0 A[1] !ksm
expect p0 A[1] isnot L1
expect p0 A[1] exclusive
expect p0 A[1] readonly
expect p0 A[2] !ksm
expect p0 A[2] !same p0 A[1]
unpin h
ksm
expect p0 A[0] ksm
expect p0 A[1] same p0 A[0]
expect p0 A[2] same p0 A[0]
check
