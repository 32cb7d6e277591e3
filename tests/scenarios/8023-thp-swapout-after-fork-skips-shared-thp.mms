# SPDX-License-Identifier: GPL-2.0-only
# MADV_PAGEOUT leaves a THP that other processes may map alone
# (madvise_cold_or_pageout_pte_range: folio_likely_mapped_shared, true
# for a PMD-mapped folio with more than one mapping): after fork, neither
# side's pageout touches it.
title THP: swap-out skips a THP that fork shares
requires swap thp
mmap p0 A 512 thp
write p0 A[0] 0x1111
fork p0 c1
swapout p0 A
swapout c1 A
expect p0 A[0] pmd
expect c1 A[0] pmd
expect c1 A[0] same p0 A[0]
expect p0 A[0] mapcount 2
exit c1
check
