# SPDX-License-Identifier: GPL-2.0-only
# uffd-unit-tests' wp-fork-pin on shmem: a pinned shmem page is not
# copied at fork (only anon pages are, copy_present_page); without
# EVENT_FORK the shared region's PTEs are not copied at all
# (vma_needs_copy), so the child faults in the same page, unprotected.
# The io_uring fixed buffer, taken before the protection, is the
# selftest's longterm gup_test pin here.
title shmem uffd-wp: a pinned shmem page at fork, without EVENT_FORK
requires uffd iouring
mmap p0 S 1 shmem shared
write p0 S[0] 0x1111
pin h p0 S[0] rw pin longterm
uffd-wp p0 S on
fork p0 c1
expect c1 S[0] none
expect c1 S[0] == 0x1111
expect c1 S[0] same p0 S[0]
expect c1 S[0] !uffd-wp
expect p0 S[0] uffd-wp
write c1 S[0] 0x2222
expect c1 uffd-faults 0
expect h == 0x2222
unpin h
