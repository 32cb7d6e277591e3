# SPDX-License-Identifier: GPL-2.0-only
# Fault-around on a regular file (do_read_fault, do_fault_around,
# filemap_map_pages): a read fault first maps the pages of its aligned
# 64 KiB window that are already in the page cache, then reads its own.
# Pages read by another process are cached; a hole is not.  The kernel
# backend maps the file with MADV_RANDOM (no readahead), so the cache
# holds exactly the pages faulted in.
title file fault-around maps the cached pages of the window
mmap p0 F 16 file shared
fork p0 c1
read c1 F[2]
read c1 F[5]
exit c1
read p0 F[0]
expect p0 F[0] present
expect p0 F[2] present
expect p0 F[5] present
expect p0 F[1] none
expect p0 F[3] none
expect p0 F[2] mapcount 1
