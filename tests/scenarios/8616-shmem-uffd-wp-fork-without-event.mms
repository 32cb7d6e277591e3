# SPDX-License-Identifier: GPL-2.0-only
# uffd-unit-tests "wp-fork" on shmem: without UFFD_FEATURE_EVENT_FORK the
# child's VMA is not registered, and a shared shmem VMA without anon_vma
# is not copied at fork at all (vma_needs_copy): the child's PTEs are
# none, neither bits nor markers; it faults the pages in unprotected.
title shmem uffd-wp: fork without EVENT_FORK copies neither bits nor markers
requires uffd
mmap p0 S 2 shmem shared
write p0 S[0] 0x1111
uffd-wp p0 S on
expect p0 S[1] marker
fork p0 c1
expect c1 S[0] none
expect c1 S[1] none
write c1 S[0] 0x2222
expect c1 uffd-faults 0
expect p0 uffd-faults 0
expect p0 S[0] == 0x2222
expect p0 S[0] uffd-wp
