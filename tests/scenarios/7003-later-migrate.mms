# SPDX-License-Identifier: GPL-2.0-only
# Migration moves an unpinned exclusive page to a new page (R6.2, R6.4).
# not implemented yet in the model: this file must fail (exit 1) until issue 3/…
title later work: migrate an exclusive page
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
migrate p0 A[0]
expect p0 A[0] isnot L
