# SPDX-License-Identifier: GPL-2.0-only
# Splitting an exclusive PMD-mapped THP marks every subpage exclusive
# (thp.split). not implemented yet in the model: this file must fail (exit 1)
# until issue 3/…
title later work: split a PMD-mapped THP
mmap p0 A 512 anon private rw thp
write p0 A[0] 0x1111
split p0 A[0]
expect p0 A[5] exclusive
