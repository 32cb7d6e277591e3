# SPDX-License-Identifier: GPL-2.0-only
# userfaultfd write-protection is for anon, shmem and hugetlbfs only: a
# regular file's VMA cannot be registered (vma_can_userfault without
# UFFD_FEATURE_WP_ASYNC), so UFFDIO_REGISTER fails with EINVAL, and so do
# UFFDIO_POISON (which registers first here) and UFFDIO_UNREGISTER of it.
title file uffd-wp: a regular file cannot be registered
requires uffd
mmap p0 F 2 file shared
write p0 F[0] 0x1111
uffd p0
uffd-wp p0 F on => EINVAL
uffd-poison p0 F[1] => EINVAL
uffd-unregister p0 F => EINVAL
write p0 F[0] 0x2222
expect p0 uffd-faults 0
expect p0 F[0] == 0x2222
