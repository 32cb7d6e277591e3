# SPDX-License-Identifier: GPL-2.0-only
# Migration of an exclusive, writable page: try_to_migrate_one clears
# PG_anon_exclusive on the old page and records it in a writable migration
# entry (migrate.unmap); remove_migration_ptes maps the new page writable and
# exclusive (migrate.restore, I8). Same contents, different page.
title migrate: an exclusive writable page stays exclusive and writable
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
migrate p0 A[0]
expect p0 A[0] isnot L
expect p0 A[0] exclusive
expect p0 A[0] writable
expect p0 A[0] mapcount 1
expect p0 A[0] == 0x1111
label M p0 A[0]
write p0 A[0] 0x2222
expect p0 A[0] is M
check
