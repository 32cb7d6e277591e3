# SPDX-License-Identifier: GPL-2.0-only
# A read fault on a private mapping of a memfd maps the page cache page
# read-only (mm/memory.c do_read_fault; the VMA's protection of a COW
# mapping has no write bit); a write then copies it into a new exclusive
# anon page (do_wp_page, wp_page_copy: the page is not anon, never
# reused).
title private shmem: read maps the cache page R/O, write copies it
mmap p0 F 2 shmem private
read p0 F[0]
expect p0 F[0] present
expect p0 F[0] readonly
expect p0 F[0] !exclusive
label cache p0 F[0]
write p0 F[0] 0x1111
expect p0 F[0] isnot cache
expect p0 F[0] exclusive
expect p0 F[0] writable
expect p0 F[0] mapcount 1
