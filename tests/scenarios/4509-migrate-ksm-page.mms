# SPDX-License-Identifier: GPL-2.0-only
# A KSM page migrates like any anon page (6.12 mm/migrate.c: the rmap walk
# of try_to_migrate goes through the stable node, folio_migrate_ksm moves
# the stable node to the new folio): readable entries (KSM is never
# exclusive, migrate.unmap), and the new page is a KSM page mapped R/O at both
# addresses (migrate.restore). Needs MPOL_MF_MOVE_ALL (mapped twice).
title migrate: a KSM page migrates and stays a KSM page
requires ksm root
mmap p0 A 2
write p0 A[0] 0x1111
write p0 A[1] 0x1111
madvise p0 A mergeable
ksm
label K p0 A[0]
migrate p0 A[0]
expect p0 A[0] isnot K
expect p0 A[0] ksm
expect p0 A[1] same p0 A[0]
expect p0 A[0] readonly
expect p0 A[0] !exclusive
expect p0 A[0] == 0x1111
check
