# SPDX-License-Identifier: GPL-2.0-only
# cow.c "vmsplice() + unmap in child" on a partially mremap()ed THP
# (THP_RUN_PARTIAL_MREMAP): half the THP moved elsewhere is PTE-mapped
# (move_page_tables split the PMD), the rest of the folio stays behind.
# The child's vmsplice() holds a FOLL_GET reference on the large folio;
# the parent's write cannot reuse a page of a folio with other references
# (wp_can_reuse_anon_folio), so it copies, and the pipe keeps the old data.
title THP: vmsplice + unmap in child, partially mremapped THP
requires thp vmsplice
mmap p0 A 512 thp
write p0 A[256] 0x1111
mremap p0 A[256..511] B
label orig p0 B[0]
fork p0 c1
expect c1 B[0] == 0x1111
pin h c1 B[0] ro get
munmap c1 B
munmap c1 A
write p0 B[0] 0x2222
expect p0 B[0] isnot orig
expect p0 B[0] == 0x2222
expect p0 B[0] exclusive
expect h == 0x1111
unpin h
exit c1
check
