# SPDX-License-Identifier: GPL-2.0-only
# MADV_PAGEOUT of a clean file page that a pipe holds (vmsplice, a
# FOLL_GET reference): reclaim unmaps it (try_to_unmap; a page cache page
# has no exclusive bit that would keep it mapped) but cannot drop it (the
# reference count is more than the cache's and the isolation's,
# __remove_mapping), so it stays in the page cache and the next fault
# maps the same page.
title file pageout of a page a pipe holds: unmapped but not dropped
requires vmsplice
mmap p0 F 2 file shared
read p0 F[0]
label held p0 F[0]
pin h p0 F[0] ro get
swapout p0 F[0]
expect p0 F[0] none
read p0 F[0]
expect p0 F[0] is held
unpin h
