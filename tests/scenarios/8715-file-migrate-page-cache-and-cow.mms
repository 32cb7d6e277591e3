# SPDX-License-Identifier: GPL-2.0-only
# move_pages(2) of a regular file's page cache page and of the anon COW
# copy of a private mapping of it: the page cache page moves with its
# slot (folio_migrate_mapping), stays non-exclusive and keeps its data;
# the exclusive anon copy moves as any anon page, exclusive after.  The
# migrate is a SKIP on the kernel backend (one NUMA node).
title file migrate: the page cache page and a private copy move
mmap p0 S 2 file shared
mmap p0 P 2 file private
write p0 S[0] 0x3333
write p0 P[0] 0x4444
label cache p0 S[0]
label copy p0 P[0]
migrate p0 S[0]
expect p0 S[0] isnot cache
expect p0 S[0] !exclusive
expect p0 S[0] == 0x3333
migrate p0 P[0]
expect p0 P[0] isnot copy
expect p0 P[0] exclusive
expect p0 P[0] == 0x4444
madvise p0 S[0] dontneed
expect p0 S[0] == 0x3333
