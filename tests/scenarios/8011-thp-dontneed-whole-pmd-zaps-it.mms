# SPDX-License-Identifier: GPL-2.0-only
# MADV_DONTNEED of a whole PMD-mapped THP zaps the PMD at once
# (zap_huge_pmd) and frees the folio; the next read maps the huge zero
# page.
title MADV_DONTNEED of a whole THP zaps its PMD
requires thp
mmap p0 A 512 anon private rw thp
write p0 A[0] 0x1111
madvise p0 A dontneed
expect p0 A[0] none
expect p0 A[0] == 0
expect p0 A[0] zeropage
expect p0 A[0] pmd
check
