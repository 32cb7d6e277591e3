# SPDX-License-Identifier: GPL-2.0-only
# Splitting the huge zero PMD maps the small zero page by 512 read-only
# PTEs (__split_huge_zero_page_pmd); a write then copies 4 KiB only.
title split of the huge zero PMD maps the small zero page
requires thp
mmap p0 A 512 anon private rw thp
read p0 A[0]
split p0 A[0]
expect p0 A[0] !pmd
expect p0 A[0] zeropage
expect p0 A[511] zeropage
expect p0 A[9] readonly
write p0 A[9] 0x9999
expect p0 A[9] !thp
expect p0 A[9] exclusive
expect p0 A[10] zeropage
check
