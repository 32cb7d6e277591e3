# SPDX-License-Identifier: GPL-2.0-only
# A write fault in a MADV_HUGEPAGE region maps an exclusive PMD THP
# (thp.pmd-map). not implemented yet in the model: this file must fail (exit
# 1) until issue 3/…
title later work: THP region faults in a huge page
mmap p0 A 512 anon private rw thp
write p0 A[0] 0x1111
expect p0 A[0] thp
