#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The kernel backend's time limit per scenario (MMSIM_KERNEL_TIMEOUT)
# holds in mmsim's own loops too: a show of 64 Mi pages and a long run of
# agent calls stop at the limit plus a little, as one "not ok" that names
# the file, line, statement, ETIMEDOUT and the limit; the exit status is
# 1, and no agent is left.  Without the lowered limit the same show runs
# to its end.
. "$(dirname "$0")/lib.sh"
needs_kernel_backend
# Our agents carry this in their environment: other runs' do not count.
agent_tag mmsim-timeout-$$

# Run mmsim with limit $1 (empty: the default) on the rest; sets $rc and
# $secs (wall time).  timeout(1) ends a run that ignores the limit.
run() {
	limit=$1
	shift
	t0=$(date +%s.%N)
	if [ -n "$limit" ]; then
		MMSIM_KERNEL_TIMEOUT=$limit timeout 120 "$mmsim" "$@" \
			>"$tmp/out" 2>&1
	else
		timeout 120 "$mmsim" "$@" >"$tmp/out" 2>&1
	fi
	rc=$?
	secs=$(echo "$t0 $(date +%s.%N)" | awk '{ printf "%.2f", $2 - $1 }')
}

# Seconds $secs within limit $1 plus a small, bounded overrun.
in_time() {
	awk -v s="$secs" -v l="$1" 'BEGIN { exit !(s < l + 2) }'
}

not_oks() {
	grep -c '^not ok' "$tmp/out"
}

# 4 regions of 16 Mi pages, read-only (no commit charge), untouched:
# show reads 64 Mi pagemap entries (the most a file may map), about
# 0.4 s here.
{
	for r in A B C D; do
		echo "mmap p0 $r 16777216 ro"
	done
	echo "show"
	echo "expect p0 A[0] none"
} >"$tmp/big.mms"
big_re="^#   kernel backend broken: ETIMEDOUT at $tmp/big.mms:5 \\(show\\): .*timed out after 0\\.1 s \\(the kernel backend's limit per scenario"

# Agent calls, each fast, many: the limit runs out between or in them.
{
	echo "mmap p0 A 2"
	i=0
	while [ $i -lt 200000 ]; do
		echo "write p0 A[1] $i"
		i=$((i + 1))
	done
} >"$tmp/long.mms"

run 0.1 run --backend kernel "$tmp/big.mms"
[ $rc -eq 1 ] && grep -q "^not ok 1 - 5: show$" "$tmp/out" &&
	grep -Eq "$big_re" "$tmp/out"
ok $? "show of 64 Mi pages stops at the limit: not ok, ETIMEDOUT, where (exit $rc)"
[ "$(not_oks)" -eq 1 ] && grep -q "^1\.\.1$" "$tmp/out"
ok $? "one not ok for the statement that timed out"
in_time 0.1
ok $? "the limit of 0.1 s is overrun a little at most (${secs} s)"
none_left
ok $? "no agent is left after the show timed out"

run 0.1 run --backend both "$tmp/big.mms"
[ $rc -eq 1 ] && [ "$(not_oks)" -eq 1 ] && grep -Eq "$big_re" "$tmp/out" &&
	grep -q "^#   vma " "$tmp/out"
ok $? "on --backend both: the model's show, then one not ok (exit $rc)"

run 0.1 run --backend kernel --format json "$tmp/big.mms"
[ $rc -eq 1 ] &&
	grep -q '"line":5,"ok":false,"statement":"show","diagnostics":\["kernel backend broken: ETIMEDOUT at ' "$tmp/out"
ok $? "json carries the timeout in the statement's diagnostics (exit $rc)"

run "" run --backend kernel "$tmp/big.mms"
[ $rc -eq 0 ] && grep -q "^ok 1 - 6: expect p0 A\[0\] none$" "$tmp/out"
ok $? "with the default limit the same show runs to its end (${secs} s)"
none_left
ok $? "no agent is left after a normal run"

run 0.3 run --backend kernel "$tmp/long.mms"
[ $rc -eq 1 ] && [ "$(not_oks)" -eq 1 ] &&
	grep -Eq "^#   kernel backend broken: ETIMEDOUT at $tmp/long.mms:[0-9]+ \\(write p0 A\\[1\\] [0-9]+\\): .*timed out after 0\\.3 s" "$tmp/out" &&
	! grep -q "E?" "$tmp/out"
ok $? "agent calls stop at the limit: one not ok, ETIMEDOUT (exit $rc)"
in_time 0.3
ok $? "the limit is overrun a little at most (${secs} s)"
none_left
ok $? "no agent is left after the agent calls timed out"

run 0.3 run --backend both "$tmp/long.mms"
[ $rc -eq 1 ] && [ "$(not_oks)" -eq 1 ] && ! grep -q "disagree" "$tmp/out"
ok $? "on --backend both: one not ok, no disagreement made of it (exit $rc)"
done_testing
