# SPDX-License-Identifier: GPL-2.0-only
# An exclusive page that is write-protected: do_wp_page asks userfaultfd
# (userfaultfd_pte_wp) before the PG_anon_exclusive reuse, so the write
# is reported even though the page could be reused; mprotect cannot make
# the PTE writable either (can_change_pte_writable refuses uffd-wp).
title uffd-wp: checked before the exclusive reuse, kept across mprotect
requires uffd
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
uffd-wp p0 A[0] on
mprotect p0 A ro
mprotect p0 A rw
expect p0 A[0] readonly
expect p0 A[0] uffd-wp
expect p0 A[0] exclusive
expect p0 uffd-faults 0
write p0 A[0] 0x2222
expect p0 uffd-faults 1
expect p0 A[0] is orig
expect p0 A[0] == 0x2222
