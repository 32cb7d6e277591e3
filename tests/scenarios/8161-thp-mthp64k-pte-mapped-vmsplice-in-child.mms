# SPDX-License-Identifier: GPL-2.0-only
# cow.c "vmsplice() + unmap in child" with a PTE-mapped 64 KiB mTHP: the
# child's vmsplice holds a reference to A[2] and the child unmaps;
# the parent, the only mapper left, must still copy on its write (the
# reference is not a mapping: wp_can_reuse_anon_folio refuses), so the
# pipe keeps the old data.
title mTHP 64K: vmsplice + unmap in child
requires vmsplice
thp-sizes 64K
mmap p0 A 16 thp
write p0 A[2] 0x1111
split p0 A[1]
label orig p0 A[2]
fork p0 c1
pin h c1 A[2] ro get
munmap c1 A
expect p0 A[2] mapcount 1
expect p0 A[2] thp
write p0 A[2] 0x2222
expect p0 A[2] isnot orig
expect p0 A[2] == 0x2222
expect h == 0x1111
unpin h
exit c1
check
