# SPDX-License-Identifier: GPL-2.0-only
# A write fault in a MADV_HUGEPAGE region maps an exclusive PMD THP
# (thp.pmd-map).
# Not implemented yet in the model: the file declares it todo, so it fails
# loudly, as TODO, until it is modelled.
title later work: THP region faults in a huge page
todo THP mappings are not in the model yet
mmap p0 A 512 anon private rw thp
write p0 A[0] 0x1111
expect p0 A[0] thp
