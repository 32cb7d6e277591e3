# SPDX-License-Identifier: GPL-2.0-only
# After the child exits, the parent's write fault on its read-only huge
# PMD finds the THP's only reference is that PMD's
# (do_huge_pmd_wp_page): the folio is reused whole, marked exclusive
# again, and the PMD made writable; nothing is split or copied.
title write reuses a THP whose other mapping is gone
requires thp
mmap p0 A 512 anon private rw thp
write p0 A[0] 0x1111
label thp p0 A[0]
fork p0 c1
exit c1
expect p0 A[0] !exclusive
write p0 A[0] 0x2222
expect p0 A[0] is thp
expect p0 A[0] pmd
expect p0 A[0] exclusive
expect p0 A[0] writable
check
