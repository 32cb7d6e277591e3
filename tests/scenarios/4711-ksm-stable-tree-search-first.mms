# SPDX-License-Identifier: GPL-2.0-only
# cmp_and_merge_page searches the stable tree first, for every page, before
# the checksum and the unstable tree (ksm.merge, ksm.write-protect,
# ksm.replace, 6.12 mm/ksm.c): a page that becomes identical to an existing
# KSM page is merged into that KSM page, which stays. The KSM page must not be
# replaced by a new one.
title ksm: a page identical to an existing KSM page is merged into it
requires ksm
mmap p0 A 3
write p0 A[0] 0x2222
write p0 A[1] 0x1111
write p0 A[2] 0x1111
madvise p0 A mergeable
ksm
label K p0 A[1]
expect p0 A[2] is K
label L0 p0 A[0]
write p0 A[0] 0x1111
expect p0 A[0] is L0
ksm
expect p0 A[0] is K
expect p0 A[1] is K
expect p0 A[2] is K
expect p0 A[0] mapcount 3
check
