# SPDX-License-Identifier: GPL-2.0-only
# MADV_REMOVE punches a hole only through a shared, writable file mapping
# (mm/madvise.c madvise_remove): a private mapping of a memfd is EACCES
# (vma_is_shared_maywrite), private anonymous memory (no file) EINVAL;
# nothing changes in either.
title MADV_REMOVE: EACCES on a private memfd, EINVAL on anon
mmap p0 F 1 shmem private
write p0 F[0] 0x1111
madvise p0 F remove => EACCES
expect p0 F[0] == 0x1111
mmap p0 A 1
write p0 A[0] 0x2222
madvise p0 A remove => EINVAL
expect p0 A[0] == 0x2222
