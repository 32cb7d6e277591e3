#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# prove's interpreter for scenario files: runs one file on the model.
# Family 7xxx holds statements of later work: there the file must fail
# loudly ("not implemented yet", exit 1), never pass quietly.
set -u
mmsim=${MMSIM:-./mmsim}
file=$1
case $(basename "$file") in
7*)
	out=$("$mmsim" run "$file" 2>&1)
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
	exec "$mmsim" run "$file"
	;;
esac
