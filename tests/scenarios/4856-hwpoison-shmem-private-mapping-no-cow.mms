# SPDX-License-Identifier: GPL-2.0-only
# A memfd mapped private: a read maps the page cache page itself, read
# only.  Poisoned (clean: no signal), its PTE becomes a hwpoison entry,
# and a write faults on the entry (SIGBUS) instead of copying.  After
# MADV_DONTNEED the write fault is do_cow_fault, whose __do_fault gets the
# poisoned folio from the page cache and refuses it: no private copy can
# be made of a lost page (hwpoison.shmem).  Under v5.8, GUP broke COW
# even for a read: MADV_HWPOISON poisoned a private copy, and the file's
# page stayed whole.
title hwpoison: a poisoned shmem page cannot be copied by a private mapping
requires hwpoison
broken-under v5.8
mmap p0 A 1 shmem private
read p0 A[0]
poison p0 A[0]
expect p0 sigbus 0
expect p0 A[0] poisoned
write p0 A[0] 0x1111 => SIGBUS:MCEERR_AR
madvise p0 A[0] dontneed
expect p0 A[0] none
write p0 A[0] 0x2222 => SIGBUS:MCEERR_AR
expect p0 A[0] none
expect p0 sigbus MCEERR_AR 2
check
