# SPDX-License-Identifier: GPL-2.0-only
# shrink_folio_list looks at PG_writeback before anything else: a folio
# still under writeback is not unmapped again, it is marked for immediate
# reclaim and activated (6.12 mm/vmscan.c, "case 2"; MADV_PAGEOUT's
# reclaim_pages has sane writeback throttling). A page read back while its
# writeback is in flight therefore stays mapped, exclusive and writable,
# when MADV_PAGEOUT asks again; after the writeback it can go.
title swapdev slow-writeback: pageout leaves a page under writeback mapped
requires swap
swapdev file slow-writeback
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
swapout p0 A
read p0 A[0]
expect p0 A[0] is L
expect p0 A[0] exclusive
swapout p0 A
expect p0 A[0] present
expect p0 A[0] is L
expect p0 A[0] exclusive
expect p0 A[0] writable
writeback-done
swapout p0 A
expect p0 A[0] swapped
check
