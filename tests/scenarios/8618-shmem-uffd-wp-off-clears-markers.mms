# SPDX-License-Identifier: GPL-2.0-only
# UFFDIO_WRITEPROTECT without MODE_WP (change_protection with
# MM_CP_UFFD_WP_RESOLVE) drops the markers of shmem and clears the bits;
# the next store faults in or writes without a message.
title shmem uffd-wp: unprotecting drops markers and bits
requires uffd
mmap p0 S 2 shmem shared
write p0 S[0] 0x1111
uffd-wp p0 S on
uffd-wp p0 S off
expect p0 S[0] !uffd-wp
expect p0 S[1] none
write p0 S[0] 0x2
write p0 S[1] 0x3
expect p0 uffd-faults 0
