# SPDX-License-Identifier: GPL-2.0-only
# A read fault in an untouched MADV_HUGEPAGE region maps the huge zero
# page with a huge PMD (do_huge_pmd_anonymous_page with use_zero_page,
# set_huge_zero_folio): every page of the 2 MiB reads as the zero page,
# mapped by that PMD, and is no anonymous page at all.  cow.c's "with huge
# zeropage" runs start so (run_with_huge_zeropage).
title THP: a read fault maps the huge zero page with a PMD
requires thp
mmap p0 A 512 thp
read p0 A[0]
expect p0 A[0] zeropage
expect p0 A[0] pmd
expect p0 A[0] !exclusive
expect p0 A[0] readonly
expect p0 A[300] zeropage
expect p0 A[300] pmd
expect p0 A[511] == 0
expect p0 A[300] same p0 A[300]
check
