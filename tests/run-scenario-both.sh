#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# prove's interpreter for scenario files on --backend both: the model and
# this machine's kernel run each file in lockstep and must agree on every
# observation.  The kernel backend needs root (PFNs); without it mmsim
# prints "1..0 # SKIP kernel backend: not root ...".  Family 7xxx keeps
# its rule: it must fail loudly with "not implemented yet".
set -u
mmsim=${MMSIM:-./mmsim}
file=$1
case $(basename "$file") in
7*)
	out=$("$mmsim" run --backend both "$file" 2>&1)
	rc=$?
	echo "1..1"
	if [ $rc -eq 1 ] && printf '%s\n' "$out" | grep -q "not implemented yet"; then
		echo "ok 1 - $file fails loudly: not implemented yet"
	else
		echo "not ok 1 - $file must fail with 'not implemented yet' (exit $rc)"
		printf '%s\n' "$out" | sed 's/^/# /'
	fi
	;;
*)
	exec "$mmsim" run --backend both "$file"
	;;
esac
