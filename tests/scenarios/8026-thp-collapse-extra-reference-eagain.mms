# SPDX-License-Identifier: GPL-2.0-only
# MADV_COLLAPSE refuses a block with a page that has a reference beyond
# its mappings (is_refcount_suitable: a pipe's, after vmsplice): the scan
# says SCAN_PAGE_COUNT, which madvise_collapse_errno reports as EAGAIN
# (try again), and nothing changes.  Once the pipe lets go, it collapses.
title THP: MADV_COLLAPSE with an extra reference fails with EAGAIN
requires thp vmsplice
mmap p0 A 512 thp
write p0 A[0] 0x1111
split p0 A[1]
label old p0 A[0]
pin h p0 A[3] ro get
madvise p0 A collapse => EAGAIN
expect p0 A[0] is old
expect p0 A[0] !pmd
unpin h
madvise p0 A collapse
expect p0 A[0] pmd
expect p0 A[0] == 0x1111
check
