# SPDX-License-Identifier: GPL-2.0-only
# MADV_HWPOISON of a written page of a memfd (shmem) mapped shared.
# memory_failure unmaps it as an anon page (try_to_unmap with
# TTU_HWPOISON: a hwpoison entry; shmem cannot write back, so the clean
# check is skipped), collects the caller from the file's VMAs
# (collect_procs_file) and, as the page is dirty, sends it
# BUS_MCEERR_AR.  me_pagecache_dirty sets -EIO on the mapping, then
# me_pagecache_clean's truncate_error_folio calls shmem_error_remove_folio,
# which keeps the poisoned folio in the page cache: MF_RECOVERED.  Any
# later access is a SIGBUS: the entry's, and after MADV_DONTNEED
# __do_fault's, which finds the poisoned folio in the cache -- unlike an
# anon page (4810), no fresh page (hwpoison.shmem).
title hwpoison: a dirty shmem page stays poisoned in the page cache
requires hwpoison
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
mmap p0 A 2 shmem shared
write p0 A[0] 0x1111
write p0 A[1] 0x2222
poison p0 A[0] => SIGBUS:MCEERR_AR
expect p0 sigbus MCEERR_AR 1
expect p0 A[0] poisoned
expect p0 A[0] !present
read p0 A[0] => SIGBUS:MCEERR_AR
madvise p0 A[0] dontneed
expect p0 A[0] none
read p0 A[0] => SIGBUS:MCEERR_AR
write p0 A[0] 0x3333 => SIGBUS:MCEERR_AR
expect p0 A[0] none
expect p0 sigbus MCEERR_AR 4
expect p0 A[1] == 0x2222
expect p0 A[1] !poisoned
check
