# SPDX-License-Identifier: GPL-2.0-only
# A write to a THP shared since fork cannot reuse it
# (do_huge_pmd_wp_page: not exclusive, more than one reference): the
# writer's PMD is split and the fault handled again on the PTE, where
# do_wp_page copies one 4 KiB page (wp_can_reuse_anon_folio: the folio is
# mapped by the other process too).  The rest of the writer's range stays
# mapped by PTEs to the shared THP; the other process keeps its PMD.
title write after fork splits the writer's PMD and copies 4 KiB
requires thp
mmap p0 A 512 anon private rw thp
write p0 A[0] 0x1111
label thp p0 A[0]
fork p0 c1
write p0 A[1] 0x2222
expect p0 A[1] !thp
expect p0 A[1] exclusive
expect p0 A[1] writable
expect p0 A[0] !pmd
expect p0 A[0] is thp
expect p0 A[0] readonly
expect p0 A[0] !exclusive
expect p0 A[2] mapcount 2
expect c1 A[0] pmd
expect c1 A[1] == 0
expect p0 A[1] == 0x2222
write p0 A[0] 0x3333
expect p0 A[0] isnot thp
expect c1 A[0] == 0x1111
check
