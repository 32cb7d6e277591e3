# SPDX-License-Identifier: GPL-2.0-only
# A THP with a reference beyond its mappings (a vmsplice'd page: a pipe
# holds it) cannot be split (can_split_folio), so reclaim keeps it: still
# PMD-mapped, exclusive, nothing swapped.  Once the pipe lets go, the
# same swap-out splits it.
title THP: an extra reference keeps the THP from swap-out
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires swap thp vmsplice
mmap p0 A 512 thp
write p0 A[0] 0x1111
label big p0 A[0]
pin h p0 A[7] ro get
swapout p0 A
expect p0 A[0] pmd
expect p0 A[0] is big
expect p0 A[0] exclusive
expect p0 A[7] present
unpin h
swapout p0 A
expect p0 A[0] swapped
expect p0 A[7] zeropage
check
