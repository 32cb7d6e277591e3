# SPDX-License-Identifier: GPL-2.0-only
# MADV_PAGEOUT of a dirty page of a shared file mapping: reclaim unmaps it
# but does not write it (only kswapd writes file pages from reclaim,
# shrink_folio_list), so it stays in the page cache, dirty; the next read
# maps the same page with the data.
title file pageout unmaps a dirty page but keeps it in the page cache
mmap p0 F 2 file shared
write p0 F[0] 0x1111
label dirty p0 F[0]
swapout p0 F[0]
expect p0 F[0] none
expect p0 F[0] == 0x1111
expect p0 F[0] is dirty
