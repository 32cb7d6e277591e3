# SPDX-License-Identifier: GPL-2.0-only
# A clean shmem page pinned read-only (FOLL_PIN, FOLL_LONGTERM), then
# poisoned.  The pin does not stop the unmap (a hwpoison entry), and the
# clean page signals nobody; but me_pagecache_clean's has_extra_refcount
# finds references beyond memory failure's and the page cache's (the
# expected extra_pins of shmem): MF_FAILED, madvise fails with EBUSY.  The
# page stays poisoned in the page cache (hwpoison.shmem).
title hwpoison: a pinned clean shmem page is unmapped, but EBUSY
requires hwpoison
mmap p0 A 1 shmem shared
read p0 A[0]
pin H p0 A[0] ro pin longterm
poison p0 A[0] => EBUSY
expect p0 sigbus 0
expect p0 A[0] poisoned
read p0 A[0] => SIGBUS:MCEERR_AR
unpin H
madvise p0 A[0] dontneed
read p0 A[0] => SIGBUS:MCEERR_AR
check
