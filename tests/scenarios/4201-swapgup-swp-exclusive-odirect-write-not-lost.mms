# SPDX-License-Identifier: GPL-2.0-only
# The origin.swp-exclusive thread's lost write (bug.foll-get-swapout-lost-write): an O_DIRECT read
# into an anon buffer holds a FOLL_GET|FOLL_WRITE reference. Reclaim unmaps
# the page (FOLL_GET is no pin) and the extra reference keeps it in the swap
# cache (reclaim.folio); the swap PTE remembers PG_anon_exclusive. The
# process's read swap-in is exclusive again, its write reuses the page, and
# the DMA write lands in the page the process maps. Before 5.19 the write
# copied: DMA data lost.
# Before 6.11 (v6.1 and older) a swap-in on a read fault maps the page
# read-only, exclusive or not; the `writable` expectation fails there.
title swap+GUP: origin.swp-exclusive, a FOLL_GET|FOLL_WRITE reference loses no write
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires swap gup_test
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
# O_DIRECT read(fd, A[0]) submitted: FOLL_GET | FOLL_WRITE
pin h p0 A[0] rw get
swapout p0 A
expect p0 A[0] swapped
read p0 A[0]
expect p0 A[0] is L
expect p0 A[0] exclusive
expect p0 A[0] writable
write p0 A[0] 0x2222
expect p0 A[0] is L
expect h == 0x2222
# the device completes the read into the page
dma-write h 0x3333
expect p0 A[0] == 0x3333
unpin h
check
