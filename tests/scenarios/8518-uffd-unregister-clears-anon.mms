# SPDX-License-Identifier: GPL-2.0-only
# UFFDIO_UNREGISTER of write-protected private anonymous memory: the
# bits go (userfaultfd_clear_vma, uffd_wp_range), and with them the
# WP_UNPOPULATED markers; an exclusive page is made writable at once
# (can_change_pte_writable, MM_CP_TRY_CHANGE_WRITABLE); no store faults
# for the handler after.  Before 6.0 (v5.19 and older) unprotecting left
# the PTE R/O until a write fault (mprotect.upgrade came with 64fe24a3e05e).
title uffd-unregister: anon bits and markers go
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off
requires uffd
uffd p0 wp-unpopulated
mmap p0 A 2
write p0 A[0] 0x1111
uffd-wp p0 A on
expect p0 A[1] marker
uffd-unregister p0 A
expect p0 A[0] !uffd-wp
expect p0 A[0] writable
expect p0 A[1] none
write p0 A[0] 0x2
write p0 A[1] 0x3
expect p0 uffd-faults 0
