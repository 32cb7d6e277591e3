# SPDX-License-Identifier: GPL-2.0-only
# move_pages(2) of a shmem page mapped by two processes (MPOL_MF_MOVE_ALL):
# every PTE becomes a migration entry (try_to_migrate, rmap_walk_file),
# the page cache slot and its reference move to the new page
# (folio_migrate_mapping), and both processes map the new page, never
# exclusive; a third mapping faults the new page in from the cache.  No
# kernel here has two NUMA nodes, so on the kernel backend the migrate is
# a SKIP, which ends the file.
title shmem migrate: both mappings and the page cache get the new page
mmap p0 S 2 shmem shared
write p0 S[0] 0x1111
fork p0 c1
read c1 S[0]
label old p0 S[0]
migrate p0 S[0]
expect p0 S[0] isnot old
expect c1 S[0] same p0 S[0]
expect p0 S[0] !exclusive
expect p0 S[0] mapcount 2
expect p0 S[0] == 0x1111
fork p0 c2
expect c2 S[0] none
read c2 S[0]
expect c2 S[0] same p0 S[0]
