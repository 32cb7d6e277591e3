# SPDX-License-Identifier: GPL-2.0-only
# mTHP: the parent's write to a page fork shared copies that 4 KiB page
# (do_wp_page -> wp_page_copy): 6.12's wp_can_reuse_anon_folio never
# reuses a large folio, and 6.15+ does not while the child maps it too.
# The neighbours stay pages of the shared mTHP.
title mTHP: a write after fork copies 4 KiB out of the mTHP
thp-sizes 64K
mmap p0 A 16 thp
write p0 A[3] 0x1111
label orig p0 A[3]
fork p0 c1
write p0 A[3] 0x2222
expect p0 A[3] isnot orig
expect p0 A[3] !thp
expect p0 A[3] exclusive
expect p0 A[3] writable
expect p0 A[4] thp
expect p0 A[4] !exclusive
expect c1 A[3] is orig
expect c1 A[3] == 0x1111
expect c1 A[3] mapcount 1
exit c1
check
