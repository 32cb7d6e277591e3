# SPDX-License-Identifier: GPL-2.0-only
# A shmem page with a reference beyond its mappings and the page cache (a
# pipe's, vmsplice) cannot be migrated: folio_migrate_mapping finds more
# references than it expects and fails with EAGAIN, and the migration
# entries are turned back into PTEs of the old page.  The migrate is a
# SKIP on the kernel backend (one NUMA node).
title shmem migrate of a page a pipe holds: EAGAIN, mapped back
requires vmsplice
mmap p0 S 1 shmem shared
write p0 S[0] 0x2222
label old p0 S[0]
pin h p0 S[0] ro get
migrate p0 S[0] => EAGAIN
expect p0 S[0] is old
expect h == 0x2222
unpin h
