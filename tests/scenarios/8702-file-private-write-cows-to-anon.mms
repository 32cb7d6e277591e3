# SPDX-License-Identifier: GPL-2.0-only
# A write to a private file mapping where nothing is mapped reads the page
# cache page and maps a new exclusive anon copy of it (do_cow_fault); a
# write to a page cache page mapped R/O by a read copies it too
# (do_wp_page, wp_page_copy).  The file keeps its data: a shared mapping
# of it sees neither store.
title file private write COWs the page cache page into an exclusive anon page
mmap p0 F 4 file private
write p0 F[0] 0x1111
expect p0 F[0] exclusive
expect p0 F[0] writable
expect p0 F[0] == 0x1111
read p0 F[1]
expect p0 F[1] !exclusive
expect p0 F[1] readonly
label cache p0 F[1]
write p0 F[1] 0x2222
expect p0 F[1] isnot cache
expect p0 F[1] exclusive
expect p0 F[1] == 0x2222
