# SPDX-License-Identifier: GPL-2.0-only
# A longterm R/O pin of a page cache page mapped R/O in a private memfd
# mapping must unshare first (mm/gup.c gup_must_unshare: a non-anon page
# in a COW mapping, FOLL_LONGTERM): FAULT_FLAG_UNSHARE is no write, so
# do_wp_page does not ask userfaultfd (uffd.wp-before-reuse), and the
# exclusive anon copy (wp_page_copy) keeps the uffd-wp bit, R/O.  The
# host has no gup_test for a R/O longterm pin; the vm:6.12 guest has.
# Before 6.2 (v6.1 and older) a R/O longterm pin took the page cache page
# itself (84209e87c696 made it unshare anything in a COW mapping).
title private shmem uffd-wp: an unsharing pin copies and keeps the bit
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires uffd gup_test
mmap p0 F 1 shmem private
read p0 F[0]
label cache p0 F[0]
uffd-wp p0 F on
pin h p0 F[0] ro pin longterm
expect p0 F[0] isnot cache
expect p0 F[0] exclusive
expect p0 F[0] uffd-wp
expect p0 F[0] readonly
expect p0 uffd-faults 0
unpin h
write p0 F[0] 0x1
expect p0 uffd-faults 1
