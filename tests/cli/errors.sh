#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The CLI's contract for user mistakes: FILE:LINE:COL messages, exit 2,
# nothing run; unavailable backends and policies are refused.
. "$(dirname "$0")/lib.sh"
quiet_fail=1
t() { # description, expected status, expected stderr regex, args...
	desc=$1 want=$2 re=$3
	shift 3
	"$mmsim" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc -eq "$want" ] && grep -Eq -- "$re" "$tmp/err" "$tmp/out"
	ok $? "$desc (exit $rc)" || sed 's/^/# /' "$tmp/err" "$tmp/out"
}
printf 'mmap p0 A 2\nwrite p0 A[2] 1\n' >"$tmp/range.mms"
printf 'mmap p0 A 1\nfrobnicate p0\n' >"$tmp/unknown.mms"
printf 'write p1 A[0] 1\n' >"$tmp/noproc.mms"
printf 'mmap p0 A 1\nexpect p0 B[0] == 0\n' >"$tmp/noregion.mms"
printf 'mmap p0 A 1\nunpin h\n' >"$tmp/nohandle.mms"
printf 'mmap p0 A 1\nexpect p0 A[0] is L\n' >"$tmp/nolabel.mms"
printf 'mmap p0 A 1\nwrite p0 A[0] 12x\n' >"$tmp/value.mms"
printf 'mmap p0 1A 1\n' >"$tmp/name.mms"
printf 'mmap p0 A 1\nwrite p0 A[0] 1 => EWHAT\n' >"$tmp/err.mms"
printf 'mmap p0 A 1\nwrite p0 A[0] 7\nexpect p0 A[0] == 7\n' >"$tmp/good.mms"
# The model lacks nothing: the test hook hides uffd from it.
export MMSIM_MODEL_MISSING_CAP=uffd
printf 'requires uffd\nmmap p0 A 1\n' >"$tmp/swap.mms"
t "index out of range" 2 "range.mms:2:10: index 2 out of range" run "$tmp/range.mms"
t "unknown statement" 2 "unknown.mms:2:1: unknown statement" run "$tmp/unknown.mms"
t "undefined process" 2 "noproc.mms:1:7: undefined process 'p1'" run "$tmp/noproc.mms"
t "undefined region" 2 "noregion.mms:2:11: undefined region 'B'" run "$tmp/noregion.mms"
t "undefined handle" 2 "nohandle.mms:2:7: undefined handle 'h'" run "$tmp/nohandle.mms"
t "undefined label" 2 "nolabel.mms:2:19: undefined label 'L'" run "$tmp/nolabel.mms"
t "bad value" 2 "value.mms:2:15: bad value" run "$tmp/value.mms"
t "bad name" 2 "name.mms:1:9: bad region name" run "$tmp/name.mms"
t "unknown error name" 2 "err.mms:2:20: unknown error" run "$tmp/err.mms"
t "a bad file stops every file" 2 "range.mms:2" run "$tmp/good.mms" "$tmp/range.mms"
# Every mistake of a file at once, each at its line; 25 stop at 20.
printf 'mmap p0 A 2\nwrite p0 A[2] 1\nfork p0 c1\nwrite c1 A[0] 12x\nunpin h\n' \
	>"$tmp/several.mms"
"$mmsim" run "$tmp/several.mms" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 3 ] &&
	grep -q "several.mms:2:10: index 2 out of range" "$tmp/err" &&
	grep -q "several.mms:4:15: bad value" "$tmp/err" &&
	grep -q "several.mms:5:7: undefined handle 'h'" "$tmp/err" && [ ! -s "$tmp/out" ]
ok $? "each error of a file is reported, nothing run (exit $rc)" ||
	sed 's/^/# /' "$tmp/err"
i=0
while [ $i -lt 25 ]; do
	echo "frobnicate p0"
	i=$((i + 1))
done >"$tmp/many.mms"
"$mmsim" run "$tmp/many.mms" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && [ "$(grep -c 'unknown statement' "$tmp/err")" -eq 20 ] &&
	grep -q "many.mms: too many errors, the rest not read" "$tmp/err"
ok $? "at most 20 errors of a file (exit $rc)" || sed 's/^/# /' "$tmp/err"
t "kernel backend runs, or says why not" 0 "^ok 1 - 3: expect p0 A\[0\] == 7|SKIP kernel backend: not root" run --backend kernel "$tmp/good.mms"
t "unknown policy refused" 2 "unknown policy" run --policy v4.4 "$tmp/good.mms"
t "missing capability skips" 0 "^1\.\.0 # SKIP missing uffd" run "$tmp/swap.mms"
t "good file passes" 0 "^ok 1 - 3: expect p0 A\[0\] == 7" run "$tmp/good.mms"
t "json format" 0 '"ok":true' run --format json "$tmp/good.mms"
t "trace names kernel paths" 0 "do_anonymous_page" run --trace "$tmp/good.mms"
printf 'mmap p0 A 4\nmmap p0 B 2\nmremap p0 A[0..1] B\n' >"$tmp/remap.mms"
t "mremap onto a region already mapped" 2 \
	"remap.mms:3:19: region 'B' is already mapped in process 'p0'" \
	run "$tmp/remap.mms"
printf 'mmap p0 A 1\nuffd-wp p0 A maybe\n' >"$tmp/onoff.mms"
t "uffd-wp neither on nor off, at the word" 2 \
	"onoff.mms:2:14: expected on or off, not 'maybe'" run "$tmp/onoff.mms"
t "a VM target without a kernel backend" 2 \
	"--target vm:... needs --backend kernel or both" \
	run --target vm:6.12 "$tmp/good.mms"
printf 'mmap p0 A 1\nmce-kill p0 soon\n' >"$tmp/mce.mms"
t "mce-kill mode unknown, at the word" 2 \
	"mce.mms:2:13: unknown mce-kill mode 'soon'" run "$tmp/mce.mms"
printf 'mce-early-kill maybe\n' >"$tmp/mceek.mms"
t "mce-early-kill neither on nor off" 2 \
	"mceek.mms:1:16: expected on or off, not 'maybe'" run "$tmp/mceek.mms"
printf 'mmap p0 A 1\nexpect p0 sigbus MCEERR_XX 1\n' >"$tmp/code.mms"
t "unknown SIGBUS code, at the word" 2 \
	"code.mms:2:18: unknown SIGBUS code 'MCEERR_XX'" run "$tmp/code.mms"
printf 'expect thp-counter thp_swpin 1\n' >"$tmp/ctr.mms"
t "unknown vmstat THP counter, at the word" 2 \
	"ctr.mms:1:20: unknown vmstat THP counter 'thp_swpin'" run "$tmp/ctr.mms"
printf 'expect thp-counter 8K swpout 1\n' >"$tmp/ctrsize.mms"
t "unknown THP counter size, at the word" 2 \
	"ctrsize.mms:1:20: unknown THP size '8K'" run "$tmp/ctrsize.mms"
printf 'expect thp-counter 64K thp_swpout 1\n' >"$tmp/ctrname.mms"
t "a vmstat name is no per-size stat" 2 \
	"ctrname.mms:1:24: unknown per-size THP counter 'thp_swpout'" \
	run "$tmp/ctrname.mms"
printf 'mmap p0 A 1\nwrite p0 A[0] 1\npoison p0 A[0] => SIGBUS:MCEERR_AR\n' \
	>"$tmp/poison.mms"
export MMSIM_MODEL_MISSING_CAP=hwpoison
t "poison needs hwpoison: a model without it skips" 0 \
	"^1\.\.0 # SKIP missing hwpoison" run "$tmp/poison.mms"
printf 'mmap p0 A 1\nclear-refs p0 young\n' >"$tmp/clrefs.mms"
t "clear-refs type unknown, at the word" 2 \
	"clrefs.mms:2:15: unknown clear-refs type 'young'" run "$tmp/clrefs.mms"
printf 'mmap p0 A 1\nwrite p0 A[0] 1\nclear-refs p0 soft-dirty\ncheck\n' >"$tmp/sd.mms"
export MMSIM_MODEL_MISSING_CAP=soft-dirty
t "clear-refs needs no capability" 0 "^ok 1 - 4: check" run --check full \
	"$tmp/sd.mms"
printf 'expect p0 A[0] soft-dirty\n' >>"$tmp/sd.mms"
t "the soft-dirty state needs soft-dirty: a model without it skips" 0 \
	"^1\.\.0 # SKIP missing soft-dirty" run "$tmp/sd.mms"
export MMSIM_MODEL_MISSING_CAP=uffd
t "unknown policy knob refused" 2 "unknown policy 'latest,pt_poison=maybe'" \
	run --policy latest,pt_poison=maybe "$tmp/good.mms"
done_testing
