# SPDX-License-Identifier: GPL-2.0-only
# A read fault on an untouched private anonymous page maps the shared zero
# page with a special read-only PTE: no anon page, not exclusive (fault.anon,
# summary table "read fault, PTE none").
title read fault maps the shared zero page
mmap p0 A 1
read p0 A[0]
expect p0 A[0] zeropage
expect p0 A[0] readonly
expect p0 A[0] !exclusive
expect p0 A[0] !writable
expect p0 A[0] == 0
check
