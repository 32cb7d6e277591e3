# SPDX-License-Identifier: GPL-2.0-only
# cow.c "R/O longterm GUP pin" with the huge zeropage (run_with_huge_zeropage,
# non-anon test): a read fault maps the huge zero page by a PMD; a R/O
# longterm pin must not pin it (a later write would go elsewhere), so
# gup_must_unshare asks for an unshare fault: not anon, FOLL_LONGTERM, a
# COW mapping (84209e87c696, v6.2).  do_huge_pmd_wp_page splits the huge
# zero PMD on 6.12 and the PTE fault copies the zero page into an
# exclusive page; 6.13+ maps a new THP there (do_huge_zero_wp_pmd).
# Either way the pin sees the write.
# Before v6.2 (but for v5.8, which breaks COW) the pin takes a
# reference to the huge zero folio itself, which the model does not
# count: a loud "not implemented" there.
# gup_test: vm:6.12.
title THP: R/O longterm GUP pin on the huge zero page
broken-under v5.7 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires thp gup_test
mmap p0 A 512 thp
read p0 A[0]
expect p0 A[0] zeropage
expect p0 A[0] pmd
pin h p0 A[0] ro pin longterm
expect p0 A[0] !zeropage
expect p0 A[0] exclusive
expect p0 A[0] == 0
write p0 A[0] 0xff
expect h == 0xff
unpin h
check
