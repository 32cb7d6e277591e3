# SPDX-License-Identifier: GPL-2.0-only
# mTHP: after the child exits, the parent alone maps the folio and every
# reference is a mapping.  6.15+ (policy latest, the host) reuses the
# page in place (__wp_can_reuse_large_anon_folio: large mapcount ==
# refcount, not mapped shared), 6.12 copies it (wp_can_reuse_anon_folio
# refuses large folios): this file holds on latest and fails on v6.12.
title mTHP: the write after the child's exit reuses the page (6.15+)
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1 v6.12
thp-sizes 64K
mmap p0 A 16 thp
write p0 A[0] 0x1111
label orig p0 A[5]
fork p0 c1
exit c1
expect p0 A[5] !exclusive
expect p0 A[5] readonly
write p0 A[5] 0x2222
expect p0 A[5] is orig
expect p0 A[5] thp
expect p0 A[5] exclusive
expect p0 A[5] writable
expect p0 A[5] == 0x2222
check
