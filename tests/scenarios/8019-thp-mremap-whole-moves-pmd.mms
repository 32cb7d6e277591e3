# SPDX-License-Identifier: GPL-2.0-only
# mremap() of a whole PMD-mapped THP to a PMD-aligned place moves the huge
# PMD as it is (move_huge_pmd): still PMD-mapped, the head still
# PageAnonExclusive, the same pages; a write needs no fault.
title THP: mremap of a whole THP moves the huge PMD
requires thp
mmap p0 A 512 thp
write p0 A[0] 0x1111
label head p0 A[0]
mremap p0 A[0..511] B
expect p0 A[0] none
expect p0 B[0] pmd
expect p0 B[0] is head
expect p0 B[0] exclusive
expect p0 B[0] == 0x1111
write p0 B[5] 0x2222
expect p0 B[5] pmd
expect p0 B[5] == 0x2222
