# SPDX-License-Identifier: GPL-2.0-only
# cow.c "Basic COW after fork()" with THP (PMD-mapped): fork shares the
# THP through both huge PMDs, write-protected, no longer exclusive
# (copy_huge_pmd, folio_try_dup_anon_rmap_pmd).  The parent's write finds
# a shared THP it cannot reuse: do_huge_pmd_wp_page splits its PMD into
# PTEs (__split_huge_pmd) and the PTE fault copies that one page into a
# new small page (do_wp_page, wp_page_copy).  The child still maps the
# whole THP with its PMD and reads the old values ("No leak from parent
# into child").
title THP: COW after fork of a PMD-mapped THP
requires thp
mmap p0 A 512 thp
write p0 A[0] 0x1111
write p0 A[1] 0x2222
label orig p0 A[0]
fork p0 c1
expect c1 A[0] same p0 A[0]
expect p0 A[0] pmd
expect c1 A[0] pmd
expect p0 A[0] !exclusive
expect c1 A[0] !exclusive
expect p0 A[0] readonly
expect p0 A[0] mapcount 2
# parent: memset(mem, 0xff)
write p0 A[0] 0xffff
expect p0 A[0] isnot orig
expect p0 A[0] !thp
expect p0 A[0] exclusive
# the rest of the parent's THP is PTE-mapped now, still shared
expect p0 A[1] !pmd
expect p0 A[1] thp
expect p0 A[1] same c1 A[1]
expect p0 A[1] mapcount 2
# child: memcmp(old, mem)
expect c1 A[0] is orig
expect c1 A[0] pmd
expect c1 A[0] mapcount 1
expect c1 A[0] == 0x1111
expect c1 A[1] == 0x2222
expect p0 A[0] == 0xffff
exit c1
check
