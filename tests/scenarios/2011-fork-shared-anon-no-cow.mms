# SPDX-License-Identifier: GPL-2.0-only
# MAP_SHARED|MAP_ANONYMOUS is not a COW mapping: after fork both processes
# map the same (non-anon, shmem-backed) page and see each other's writes;
# no write-protection at fork (fork.wrprotect only for COW mappings), no
# PG_anon_exclusive. MADV_DONTNEED only drops the mapping, not the data.
title shared anonymous memory is shared across fork
mmap p0 S 1 anon shared
write p0 S[0] 0x1111
expect p0 S[0] writable
expect p0 S[0] !exclusive
fork p0 c1
expect c1 S[0] == 0x1111
write c1 S[0] 0x2222
expect p0 S[0] == 0x2222
expect c1 S[0] same p0 S[0]
expect c1 S[0] writable
expect p0 S[0] writable
expect p0 S[0] mapcount 2
expect c1 S[0] !exclusive
madvise c1 S dontneed
expect p0 S[0] mapcount 1
expect c1 S[0] == 0x2222
check
