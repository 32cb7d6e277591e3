# SPDX-License-Identifier: GPL-2.0-only
# UFFDIO_WRITEPROTECT sets the uffd-wp bit and takes the write bit away
# (change_protection with MM_CP_UFFD_WP; pagemap's PM_UFFD_WP).  A store
# is a write fault that do_wp_page hands to userfaultfd before anything
# else (handle_userfault); the handler counts it and write-unprotects the
# page, and the store completes in the same page.
title uffd-wp: a store to a write-protected page goes to the handler
requires uffd
mmap p0 A 2
write p0 A[0] 0x1111
label orig p0 A[0]
uffd-wp p0 A on
expect p0 A[0] uffd-wp
expect p0 A[0] readonly
expect p0 A[0] exclusive
expect p0 A[1] none
expect p0 A[1] !uffd-wp
expect p0 uffd-faults 0
write p0 A[0] 0x2222
expect p0 uffd-faults 1
expect p0 A[0] !uffd-wp
expect p0 A[0] is orig
expect p0 A[0] == 0x2222
# Unprotected by the handler, the exclusive page is writable at once
# (uffd_wp_range: MM_CP_TRY_CHANGE_WRITABLE): no more faults.
expect p0 A[0] writable
write p0 A[0] 0x3333
expect p0 uffd-faults 1
