# SPDX-License-Identifier: GPL-2.0-only
# A read fault on a regular file (not tmpfs) maps the page cache page
# filemap_fault read (mm/filemap.c): not anon, not exclusive, mapped once;
# a shared writable mapping maps it R/O, since ext4's ->page_mkwrite wants
# write notification (vma_wants_writenotify), and the write fault that
# follows makes the same page writable (wp_page_shared), no copy.
title file read fault maps the page cache page, a write reuses it
mmap p0 F 4 file shared
read p0 F[1]
expect p0 F[1] present
expect p0 F[1] !exclusive
expect p0 F[1] readonly
expect p0 F[1] mapcount 1
label cache p0 F[1]
write p0 F[1] 0x1111
expect p0 F[1] is cache
expect p0 F[1] writable
expect p0 F[1] !exclusive
expect p0 F[1] == 0x1111
