# SPDX-License-Identifier: GPL-2.0-only
# uffd-unit-tests' wp-unpopulated on anonymous memory: with
# UFFD_FEATURE_WP_UNPOPULATED, write-protecting a none PTE leaves a
# uffd-wp PTE marker (change_pte_range, userfaultfd_wp_use_markers);
# unprotecting drops it (MM_CP_UFFD_WP_RESOLVE); MADV_DONTNEED drops an
# anonymous marker too (zap_pte_range: "for anon: always drop").  A read
# of a marker maps the zero page write-protected (do_anonymous_page with
# vmf_orig_pte_uffd_wp).
title uffd-wp: markers on none PTEs with WP_UNPOPULATED
requires uffd
uffd p0 wp-unpopulated
mmap p0 A 2
uffd-wp p0 A[0] on
expect p0 A[0] marker
expect p0 A[0] uffd-wp
expect p0 A[0] !none
expect p0 A[0] !swapped
expect p0 A[1] none
uffd-wp p0 A[0] off
expect p0 A[0] none
expect p0 A[0] !uffd-wp
uffd-wp p0 A[0] on
madvise p0 A[0] dontneed
expect p0 A[0] none
expect p0 A[0] !uffd-wp
uffd-wp p0 A[0] on
read p0 A[0]
expect p0 A[0] zeropage
expect p0 A[0] uffd-wp
expect p0 uffd-faults 0
