# SPDX-License-Identifier: GPL-2.0-only
# mTHP: with 16 KiB and 64 KiB on, alloc_anon_folio tries the largest
# order first and falls to a smaller one when the aligned block already
# has a PTE (pte_range_none): a read maps the zero page at A[5], so the
# write to A[0] gets 16 KiB (A[0..3]), not 64 KiB, and the write to A[6]
# one page (its 16 KiB block holds A[5]).  A read never allocates an
# mTHP.
title mTHP: the largest order whose aligned block is all none
thp-sizes 16K 64K
mmap p0 A 16 thp
read p0 A[5]
expect p0 A[5] zeropage
write p0 A[0] 0x1111
expect p0 A[0] thp
expect p0 A[3] order 2
expect p0 A[3] exclusive
expect p0 A[4] none
write p0 A[6] 0x2222
expect p0 A[6] order 0
expect p0 A[7] none
expect p0 A[5] zeropage
check
