# SPDX-License-Identifier: GPL-2.0-only
# mTHP: munmap of part of an mTHP zaps those PTEs (zap_pte_range); the
# folio stays one large folio, partially mapped (the kernel queues it for
# a deferred split, which the model does not do and no scenario can time):
# the remaining pages are still exclusive pages of it.
title mTHP: munmap of part of an mTHP leaves the rest mapped
thp-sizes 64K
mmap p0 A 16 thp
write p0 A[0] 0x1111
write p0 A[12] 0x2222
munmap p0 A[4..7]
expect p0 A[3] thp
expect p0 A[3] exclusive
expect p0 A[12] thp
expect p0 A[12] mapcount 1
expect p0 A[12] == 0x2222
write p0 A[13] 0x3333
expect p0 A[13] thp
check
