# SPDX-License-Identifier: GPL-2.0-only
# A page whose contents changed since the last scan is not merged, not
# even into an existing KSM page with the same contents: its new checksum
# is recorded first (cmp_and_merge_page checks the checksum before
# searching the stable tree, v6.12 and 6.18), and it merges in the scan
# after, if it did not change again.
# Scan 1 sees A[0] and A[1] equal, A[2] different; A[2] then becomes
# equal to them.  Scan 2 merges A[0] and A[1]; A[2]'s checksum changed.
# Scan 3 merges A[2] into their KSM page (stable tree).
# Before v6.12 (6.1 seen on vm:6.1) ksmd searched the stable tree before
# the checksum check: A[2] merges in scan 2 there.
title ksm: a page that changed since the last scan waits for the next
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires ksm
mmap p0 A 3
write p0 A[0] 0x1111
write p0 A[1] 0x1111
write p0 A[2] 0x2222
madvise p0 A mergeable
ksm-scan
write p0 A[2] 0x1111
ksm-scan
expect p0 A[0] ksm
expect p0 A[1] same p0 A[0]
expect p0 A[2] !ksm
expect p0 A[2] exclusive
ksm-scan
expect p0 A[2] same p0 A[0]
expect p0 A[0] mapcount 3
check
