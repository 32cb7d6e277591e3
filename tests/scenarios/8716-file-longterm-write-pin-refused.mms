# SPDX-License-Identifier: GPL-2.0-only
# GUP refuses a long-term write pin (FOLL_WRITE | FOLL_PIN |
# FOLL_LONGTERM, an io_uring fixed buffer) of a shared writable mapping of
# a regular file, which needs dirty tracking (mm/gup.c check_vma_flags,
# writable_file_mapping_allowed; GUP-fast: gup_fast_folio_allowed), since
# 6.5: EFAULT.  A private mapping of the same kind of file is pinned: the
# pin breaks COW and holds an exclusive anon page.  shmem needs no dirty
# tracking and is pinned too (8621).
title file long-term write pin of a shared regular file: EFAULT
requires iouring
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
mmap p0 F 2 file shared
mmap p0 P 2 file private
write p0 F[0] 0x1
read p0 P[0]
pin h p0 F[0] rw pin longterm => EFAULT
pin g p0 P[0] rw pin longterm
expect p0 P[0] exclusive
expect g == 0
unpin g
