# SPDX-License-Identifier: GPL-2.0-only
# Fault-around passes over a poisoned page cache page: after p0's page 1
# is poisoned, c1 (whose shared mapping fork did not copy) reads page 0;
# filemap_map_pages maps the cached pages 0, 2 and 3 around the fault
# but not page 1 (next_uptodate_folio skips PageHWPoison), and a read of
# page 1 is __do_fault's SIGBUS (hwpoison.shmem).
title hwpoison: shmem fault-around does not map a poisoned page
requires hwpoison
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
mmap p0 A 4 shmem shared
write p0 A[0] 0x1000
write p0 A[1] 0x1001
write p0 A[2] 0x1002
write p0 A[3] 0x1003
fork p0 c1
poison p0 A[1] => SIGBUS:MCEERR_AR
read c1 A[0]
expect c1 A[0] == 0x1000
expect c1 A[2] present
expect c1 A[3] present
expect c1 A[1] none
read c1 A[1] => SIGBUS:MCEERR_AR
expect c1 A[2] == 0x1002
check
