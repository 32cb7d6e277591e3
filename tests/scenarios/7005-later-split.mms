# SPDX-License-Identifier: GPL-2.0-only
# Splitting an exclusive PMD-mapped THP marks every subpage exclusive
# (thp.split).
# Not implemented yet in the model: the file declares it todo, so it fails
# loudly, as TODO, until it is modelled.
title later work: split a PMD-mapped THP
todo THPs are not in the model yet
mmap p0 A 512 anon private rw thp
write p0 A[0] 0x1111
split p0 A[0]
expect p0 A[5] exclusive
