# SPDX-License-Identifier: GPL-2.0-only
# mremap() moves the PTEs as they are (mm/mremap.c move_ptes): the pages
# keep their PG_anon_exclusive, their write bit and their mapcount, so a
# write at the new place reuses the page in place (do_wp_page is not even
# called: the PTE is writable), and the old place is empty.
title mremap moves exclusive pages, which stay exclusive
mmap p0 A 4
write p0 A[0] 0x1111
write p0 A[1] 0x1111
write p0 A[2] 0x1111
write p0 A[3] 0x1111
label moved p0 A[2]
mremap p0 A[2..3] B
expect p0 A[2] none
expect p0 A[3] none
expect p0 A[1] == 0x1111
expect p0 B[0] is moved
expect p0 B[0] exclusive
expect p0 B[0] writable
expect p0 B[0] mapcount 1
expect p0 B[1] == 0x1111
write p0 B[0] 0x2222
expect p0 B[0] is moved
expect p0 B[0] == 0x2222
