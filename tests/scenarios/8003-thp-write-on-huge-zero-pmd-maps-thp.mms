# SPDX-License-Identifier: GPL-2.0-only
# A write fault on the huge zero PMD maps a new exclusive THP in its place
# (6.13+: do_huge_zero_wp_pmd; policy latest, as the host runs 6.18).
# Under v6.12 the PMD is split and one 4 KiB page copied instead
# (tests/unit/thp.c shows both).
title write on the huge zero PMD maps a THP
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1 v6.12
requires thp
mmap p0 A 512 anon private rw thp
read p0 A[0]
expect p0 A[0] zeropage
write p0 A[3] 0x3333
expect p0 A[3] thp
expect p0 A[3] pmd
expect p0 A[3] exclusive
expect p0 A[0] writable
expect p0 A[0] == 0
expect p0 A[3] == 0x3333
check
