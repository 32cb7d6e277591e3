# SPDX-License-Identifier: GPL-2.0-only
# After fork shares a swap slot, the parent's read swap-in maps the swap-cache
# page (R/O, not exclusive) while the child still has the swap PTE. Migrating
# the parent's page moves the swap cache too (migrate.refcount, 6.12
# folio_migrate_mapping), so the child's later swap-in finds the new page:
# both map the same page again.
title migrate: the swap cache moves with the page for the slot's other users
requires swap
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
swapout p0 A
fork p0 c1
read p0 A[0]
expect p0 A[0] is L
migrate p0 A[0]
expect p0 A[0] isnot L
expect p0 A[0] !exclusive
expect p0 A[0] readonly
expect c1 A[0] swapped
read c1 A[0]
expect c1 A[0] same p0 A[0]
expect c1 A[0] mapcount 2
write p0 A[0] 0x2222
expect c1 A[0] == 0x1111
check
