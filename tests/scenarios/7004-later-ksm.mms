# SPDX-License-Identifier: GPL-2.0-only
# A KSM pass merges two identical mergeable pages into a KSM page (R7.2, R7.3).
# not implemented yet in the model: this file must fail (exit 1) until issue 3/…
title later work: KSM merges identical pages
mmap p0 A 2
write p0 A[0] 0x1111
write p0 A[1] 0x1111
madvise p0 A mergeable
ksm
expect p0 A[0] ksm
