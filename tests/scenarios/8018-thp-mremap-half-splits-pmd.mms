# SPDX-License-Identifier: GPL-2.0-only
# cow.c's partial-mremap THP run: mremap() of the second half of a THP to
# a new place (at the same offset within 2 MiB) cannot move the huge PMD,
# which covers more than the range: move_page_tables splits it and the
# PTEs move one by one.  Both halves are PTE-mapped pages of the one large
# folio, each subpage exclusive, and a fork then write copies 4 KiB.
title THP: mremap of half a THP splits the PMD and moves its PTEs
requires thp
mmap p0 A 512 thp
write p0 A[0] 0x1111
write p0 A[256] 0x2222
mremap p0 A[256..511] B
expect p0 A[256] none
expect p0 A[0] thp
expect p0 A[0] !pmd
expect p0 B[0] thp
expect p0 B[0] !pmd
expect p0 B[0] exclusive
expect p0 B[0] == 0x2222
expect p0 A[0] == 0x1111
fork p0 c1
write c1 B[0] 0x3333
expect c1 B[0] !same p0 B[0]
expect p0 B[0] == 0x2222
expect c1 B[1] same p0 B[1]
