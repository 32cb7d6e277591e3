# SPDX-License-Identifier: GPL-2.0-only
# The README's five-minute tour, kept here so that it stays true.
title fork shares, a write copies
mmap p0 A 2                 # 2 pages of private anonymous memory, rw
write p0 A[0] 0x1111        # a store to every word of page 0 (faults)
label orig p0 A[0]          # remember the physical page
fork p0 c1                  # child c1 has the same regions
expect p0 A[0] readonly     # fork write-protected both sides...
expect c1 A[0] same p0 A[0] # ...which share one page
expect c1 A[0] !exclusive   # that is no longer PageAnonExclusive
write p0 A[0] 0x2222        # COW: the parent gets a copy
expect p0 A[0] isnot orig
expect c1 A[0] == 0x1111    # the child never sees the parent's write
write c1 A[0] 0x3333        # now the child holds the only reference:
expect c1 A[0] is orig      # do_wp_page reuses the page (no copy)
