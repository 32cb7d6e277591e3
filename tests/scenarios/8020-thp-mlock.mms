# SPDX-License-Identifier: GPL-2.0-only
# mlock of a THP region: VM_LOCKED, and the populate (__mm_populate, with
# FOLL_WRITE on a private writable mapping) finds the exclusive THP mapped
# already: it stays PMD-mapped.  fork does not inherit VM_LOCKED, and the
# child's write copies 4 KiB as usual.  mlock of part of the region splits
# the VMA, so the PMD, and its populate breaks COW of every page the child
# still shares: those become 4 KiB copies, outside the large folio.
title THP: mlock keeps an exclusive THP, and breaks COW of a shared one
requires thp
mmap p0 A 512 thp
write p0 A[0] 0x1111
mlock p0 A
expect p0 A[0] pmd
expect p0 A[0] exclusive
fork p0 c1
expect c1 A[3] pmd
write c1 A[3] 0x2222
expect c1 A[3] !thp
expect p0 A[3] pmd
munlock p0 A
expect p0 A[3] pmd
mlock p0 A[0..15]
expect p0 A[0] !pmd
expect p0 A[0] !thp
expect p0 A[0] exclusive
expect p0 A[16] thp
expect p0 A[0] == 0x1111
