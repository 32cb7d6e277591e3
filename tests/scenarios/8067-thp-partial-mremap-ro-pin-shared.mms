# SPDX-License-Identifier: GPL-2.0-only
# cow.c A9 "R/O GUP pin on R/O-mapped shared page" on a partially
# mremap()ed THP: the R/O longterm pin of a page of the moved half, still
# shared with the child, must unshare (gup_must_unshare; the PTE-mapped
# page of a large folio is copied into an exclusive 4 KiB page), so the
# pin follows the parent's later write.  gup_test: checked on vm:6.12.
title THP: R/O longterm pin of a shared page of a partially mremapped THP
broken-under v5.7 v5.9 v5.18
requires thp gup_test
mmap p0 A 512 thp
write p0 A[256] 0x1111
mremap p0 A[256..511] B
label orig p0 B[0]
fork p0 c1
expect p0 B[0] readonly
pin h p0 B[0] ro pin longterm
expect p0 B[0] isnot orig
expect p0 B[0] exclusive
expect p0 B[0] !thp
write p0 B[0] 0x2222
expect h == 0x2222
expect c1 B[0] == 0x1111
unpin h
exit c1
check
