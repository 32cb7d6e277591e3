# SPDX-License-Identifier: GPL-2.0-only
# A store to a uffd-wp marker: handle_pte_marker makes it a first touch,
# do_anonymous_page maps a new exclusive page write-protected (the marker's
# protection stays, vmf_orig_pte_uffd_wp), and the retried store is a
# write-protect fault for the handler, which unprotects the page.
title uffd-wp: a store to a marker is one fault for the handler
requires uffd
uffd p0 wp-unpopulated
mmap p0 A 1
uffd-wp p0 A on
expect p0 A[0] marker
write p0 A[0] 0x1111
expect p0 uffd-faults 1
expect p0 A[0] present
expect p0 A[0] exclusive
expect p0 A[0] !uffd-wp
expect p0 A[0] == 0x1111
