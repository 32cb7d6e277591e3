# SPDX-License-Identifier: GPL-2.0-only
# A PTE-mapped THP shared by fork, then the child exits: the parent's
# write finds the large folio mapped by its mm alone and reuses the page
# in place (wp_can_reuse_anon_folio for large folios, v6.15, commit
# 133ce4b33a2b, which needs CONFIG_MM_ID) and marks it exclusive again;
# before it, the page is mapped once but not exclusive, as for small
# pages (obs.fork-clears-ae).  Page 0 is the head page, whose exclusivity
# the kernel exports.
title THP: the write after the child's exit reuses a PTE-mapped THP page
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1 v6.12
requires thp
mmap p0 A 512 thp
write p0 A[0] 0x1111
split p0 A[1]
label orig p0 A[0]
fork p0 c1
exit c1
expect p0 A[0] mapcount 1
expect p0 A[0] !exclusive
expect p0 A[0] readonly
write p0 A[0] 0x2222
expect p0 A[0] is orig
expect p0 A[0] thp
expect p0 A[0] exclusive
expect p0 A[0] writable
expect p0 A[0] == 0x2222
check
