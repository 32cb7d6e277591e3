# SPDX-License-Identifier: GPL-2.0-only
# MADV_NOHUGEPAGE clears VM_HUGEPAGE (hugepage_madvise): with the host's
# THP mode "madvise", faults there map 4 KiB pages again
# (thp_vma_allowable_order says no).
title MADV_NOHUGEPAGE makes faults map 4 KiB pages
requires thp
mmap p0 A 512 anon private rw thp
madvise p0 A nohugepage
write p0 A[0] 0x1111
expect p0 A[0] !thp
expect p0 A[0] !pmd
madvise p0 A hugepage
write p0 A[1] 0x2222
expect p0 A[1] !thp
check
