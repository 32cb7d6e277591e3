# SPDX-License-Identifier: GPL-2.0-only
# mTHP: a VMA registered with userfaultfd gets no mTHP
# (alloc_anon_folio: userfaultfd_armed, "per-page fault fidelity"): the
# write fault maps one page, the rest of the 64 KiB stays none.
title mTHP: none in a VMA registered with userfaultfd
requires uffd
thp-sizes 64K
mmap p0 A 16 thp
uffd-wp p0 A off
write p0 A[0] 0x1111
expect p0 A[0] !thp
expect p0 A[0] exclusive
expect p0 A[1] none
check
