# SPDX-License-Identifier: GPL-2.0-only
# mmap only creates a VMA: no page is faulted in until first access, so
# every PTE of a fresh private anonymous region is none (fault.dispatch).
# Also exercises `show` and `check` on an idle address space.
title fresh anonymous mmap has no pages until touched
mmap p0 A 4
expect p0 A[0] none
expect p0 A[3] none
show
check
# a load populates only the page it touches
read p0 A[2]
expect p0 A[2] zeropage
expect p0 A[1] none
expect p0 A[3] none
show
