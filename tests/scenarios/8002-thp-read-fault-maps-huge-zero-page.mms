# SPDX-License-Identifier: GPL-2.0-only
# A read fault in an untouched MADV_HUGEPAGE block maps the huge zero page
# by a read-only huge PMD (do_huge_pmd_anonymous_page with use_zero_page,
# as the host sets it): a zero page, never exclusive, no anon folio.
title read fault maps the huge zero page
requires thp
mmap p0 A 512 anon private rw thp
read p0 A[0]
expect p0 A[0] pmd
expect p0 A[0] zeropage
expect p0 A[300] zeropage
expect p0 A[0] readonly
expect p0 A[0] !exclusive
expect p0 A[0] !thp
expect p0 A[7] == 0
check
