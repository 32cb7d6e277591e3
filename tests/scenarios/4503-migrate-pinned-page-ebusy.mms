# SPDX-License-Identifier: GPL-2.0-only
# A maybe-pinned exclusive page cannot be migrated: try_to_migrate_one cannot
# mark it shared (folio_try_share_anon_rmap_pte, migrate.unmap, I4), the PTE
# is restored and migration fails (EBUSY). The page stays as it was, exclusive
# and writable, for R/W and R/O pins.
title migrate: a pinned page is not migrated (EBUSY)
requires iouring gup_test
mmap p0 A 2
write p0 A[0] 0x1111
write p0 A[1] 0x2222
label L0 p0 A[0]
label L1 p0 A[1]
pin h0 p0 A[0] rw pin longterm
pin h1 p0 A[1] ro pin longterm
migrate p0 A[0] => EBUSY
migrate p0 A[1] => EBUSY
expect p0 A[0] is L0
expect p0 A[0] exclusive
expect p0 A[0] writable
expect p0 A[1] is L1
expect p0 A[1] exclusive
write p0 A[0] 0x3333
expect h0 == 0x3333
unpin h0
unpin h1
migrate p0 A[0]
expect p0 A[0] isnot L0
expect p0 A[0] == 0x3333
check
