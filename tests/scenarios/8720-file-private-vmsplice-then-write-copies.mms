# SPDX-License-Identifier: GPL-2.0-only
# A pipe's reference (vmsplice) on the page cache page of a private file
# mapping: the write fault copies it (wp_page_copy: a page cache page is
# never reused by a private mapping), and the pipe keeps the file's data.
title file private write after vmsplice copies the page cache page
requires vmsplice
broken-under v5.8
mmap p0 P 2 file private
read p0 P[0]
label c p0 P[0]
pin h p0 P[0] ro get
write p0 P[0] 0x3
expect p0 P[0] isnot c
expect p0 P[0] exclusive
expect h == 0
unpin h
