#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make demo: the showcase a new user runs first.
set -u
mmsim=${1:-./mmsim}
dir=$(dirname "$0")/scenarios
show() {
	echo
	echo "=== $1"
	echo "$2" | fold -s -w 76 | sed 's/^/    /'
	echo
	"$mmsim" run --trace "$dir/$3"
}
echo "mmsim demo: each scenario runs on the model with --trace; lines starting"
echo "with '#' name the kernel path taken, 'ok N' lines are the expectations."
show "CVE-2020-29374: the child vmsplice()s a shared page, then unmaps it" \
"Before v5.8 the parent's write saw mapcount 1 and reused the page, so the \
pipe showed the parent's new data to the child. Today do_wp_page only reuses \
a page whose sole reference is the faulting PTE: the pipe's FOLL_GET \
reference forces a copy." 6003-cow-a3-vmsplice-unmap-in-child.mms
show "A DMA-pinned page across fork (RDMA without MADV_DONTFORK)" \
"origin.fork-pinned: fork refuses to share a maybe-pinned exclusive page of a process \
that has pinned (MMF_HAS_PINNED); the child gets a copy at fork and the \
parent keeps its writable page, so DMA and CPU keep seeing the same page." \
3011-gup-rw-pin-fork-rdma.mms
show "A R/O pin that must not go stale (cow.c A9)" \
"A R/O FOLL_PIN on a possibly shared page first unshares it \
(FAULT_FLAG_UNSHARE), so the pinned page is exclusive and a later write in \
the parent reuses it instead of copying away from the pin." \
6009-cow-a9-ro-pin-ro-mapped-shared.mms
echo
echo "=== The COW/pin saga under every design (mmsim matrix)"
echo "Each row is a bug from the kernel's history; each column a design." | fold -s -w 76 | sed 's/^/    /'
echo "LEAK: a process saw another's private data; STALE: a pin lost sight of" | sed 's/^/    /'
echo "the process's page; LOST-WRITE: a device write landed in a page the" | sed 's/^/    /'
echo "process no longer maps; COPIES: needless copy-on-write." | sed 's/^/    /'
echo
"$mmsim" matrix "$dir"/9*.mms
echo
echo "=== The model finds a saga bug by itself (mmsim explore)"
echo "Every sequence of up to six reads, writes, forks, exits, MADV_DONTNEED, \
vmsplice references and pipe reads, under the v5.7 design, breadth first, \
until one leaks a process's data to another; the shortest is printed as a \
scenario file whose expect lines say what a correct kernel shows (here: \
vmsplice before fork)." | fold -s -w 76 | sed 's/^/    /'
echo
"$mmsim" explore --policy v5.7 --find leak \
	--ops read,write,fork,exit,dontneed,ro-get,unpin,dma-read 2>&1
echo
echo "Under today's design the same search finds nothing:"
"$mmsim" explore --find leak \
	--ops read,write,fork,exit,dontneed,ro-get,unpin,dma-read
echo
# A fresh private directory: never a fixed name in a shared /tmp.
out=${MMSIM_DEMO_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/mmsim-demo.XXXXXX")}
for p in v5.7 latest; do
	"$mmsim" run --policy $p --html "$out/cve-2020-29374-$p.html" \
		"$dir/9001-saga-cve-2020-29374-child-vmsplice.mms" >/dev/null
done
"$mmsim" matrix --html "$out/matrix" "$dir"/9*.mms >/dev/null
echo "=== Pictures: open these in a browser and step with the arrow keys"
echo "    $out/cve-2020-29374-v5.7.html    (the leak)"
echo "    $out/cve-2020-29374-latest.html  (no leak)"
echo "    $out/matrix/index.html           (the saga table, each cell a stepper)"
