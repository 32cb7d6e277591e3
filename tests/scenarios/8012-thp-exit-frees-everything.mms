# SPDX-License-Identifier: GPL-2.0-only
# exit of processes mapping THPs, PMD-mapped, PTE-mapped and shared, frees
# every page (zap_huge_pmd and the PTE zaps drop the last references):
# the teardown finds no leak.
title exit frees THPs, whole and split
requires thp
mmap p0 A 512 anon private rw thp
mmap p0 B 512 anon private rw thp
write p0 A[0] 0x1111
write p0 B[0] 0x2222
split p0 B[0]
fork p0 c1
write c1 B[1] 0x3333
exit c1
check
exit p0
check
