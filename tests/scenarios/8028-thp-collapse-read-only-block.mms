# SPDX-License-Identifier: GPL-2.0-only
# MADV_COLLAPSE of a block whose PTEs are all read-only (a PROT_READ VMA):
# 6.12 wants a writable PTE in the block (hpage_collapse_scan_pmd:
# SCAN_PAGE_RO, EINVAL: policy v6.12 and vm:6.12 fail this file); this
# machine's 6.18 collapses it into a read-only THP (policy collapse_ro,
# seen on the host).
title THP: MADV_COLLAPSE of a read-only block (6.18 collapses it)
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1 v6.12
requires thp
mmap p0 A 512 thp
write p0 A[0] 0x1111
split p0 A[1]
mprotect p0 A ro
madvise p0 A collapse
expect p0 A[0] pmd
expect p0 A[0] readonly
expect p0 A[0] exclusive
expect p0 A[0] == 0x1111
check
