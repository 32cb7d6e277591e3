#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# --backend both on a file whose `requires` the kernel lacks (gup_test,
# which the kernel backend never drives): the model half runs to its end
# and every passing point is a SKIP for the kernel half ("# SKIP missing
# gup_test on kernel: why"), in TAP and JSON; a model failure is still a
# not ok (never a SKIP) and fails the run.  --backend kernel alone skips
# the file whole, as does a facility the model lacks.  No agent is left.
. "$(dirname "$0")/lib.sh"
needs_kernel_backend
agent_tag mmsim-half-skip-$$

run() {
	"$mmsim" "$@" >"$tmp/out" 2>&1
	rc=$?
}

cat >"$tmp/gup.mms" <<'EOS'
requires gup_test
mmap p0 A 1
write p0 A[0] 0x1111
pin h p0 A[0] ro pin longterm
expect p0 A[0] exclusive
read p0 A[0]
expect h == 0x1111
unpin h
EOS
sed 's/^expect h == 0x1111$/expect h == 0x2222/' "$tmp/gup.mms" >"$tmp/bad.mms"
cat >"$tmp/thp.mms" <<'EOS'
requires thp
mmap p0 A 1
EOS
skip="# SKIP missing gup_test on kernel: "

run run --backend both "$tmp/gup.mms"
[ $rc -eq 0 ] && grep -q "^ok 1 - 5: expect p0 A\[0\] exclusive $skip" "$tmp/out" &&
	grep -q "^ok 2 - 7: expect h == 0x1111 $skip" "$tmp/out" &&
	grep -q "^1\.\.2$" "$tmp/out"
ok $? "both: the model half runs, each point a SKIP for the kernel (exit $rc)"
grep -q "^# read p0 A\[0\] = 0x1111$" "$tmp/out" &&
	grep -q "^# the kernel half is skipped, missing gup_test on kernel (.*): the model runs alone$" "$tmp/out"
ok $? "both: the model's answers are there, and the reason once up front"

run run --backend both "$tmp/bad.mms"
[ $rc -eq 1 ] && grep -q "^not ok 2 - 7: expect h == 0x2222$" "$tmp/out" &&
	grep -q "^#   the kernel half did not run: missing gup_test on kernel" "$tmp/out"
ok $? "both: a model failure is a plain not ok and fails the run (exit $rc)"
[ "$(grep -c "^not ok" "$tmp/out")" -eq 1 ]
ok $? "both: one not ok for the one failure"

run run --backend both --format json "$tmp/gup.mms"
[ $rc -eq 0 ] &&
	grep -q '"skip_kernel_half":"missing gup_test on kernel (' "$tmp/out" &&
	grep -q '"line":7,"ok":true,"statement":"expect h == 0x1111","skip":"missing gup_test on kernel: ' "$tmp/out"
ok $? "json: the file and every point say the kernel half was skipped"

run run --backend both --format json "$tmp/bad.mms"
[ $rc -eq 1 ] && grep -q '"failed":1' "$tmp/out" &&
	grep -q '"line":7,"ok":false,"statement":"expect h == 0x2222","diagnostics":\["read 0x1111 through h",' "$tmp/out"
ok $? "json: a model failure is a failed point without a skip (exit $rc)"

run run --backend kernel "$tmp/gup.mms"
[ $rc -eq 0 ] && grep -q "^1\.\.0 # SKIP missing gup_test on kernel (" "$tmp/out" &&
	[ "$(wc -l <"$tmp/out")" -eq 1 ]
ok $? "kernel alone: the file is skipped whole (exit $rc)"

MMSIM_MODEL_MISSING_CAP=thp run run --backend both "$tmp/thp.mms"
[ $rc -eq 0 ] && grep -q "^1\.\.0 # SKIP missing thp on model (" "$tmp/out"
ok $? "both: a facility the model lacks still skips the file whole (exit $rc)"

run run --backend both tests/scenarios/3001-gup-ro-pin-exclusive-page-no-fault.mms
[ $rc -eq 0 ] && [ "$(grep -c "^ok .*$skip" "$tmp/out")" -ge 10 ] &&
	! grep -q "^not ok" "$tmp/out"
ok $? "a corpus file needing gup_test runs its model half on both (exit $rc)"

none_left
ok $? "no agent is left by the kernel backend that was set aside"
done_testing
