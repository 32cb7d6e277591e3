#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# THP on the kernel backend: `requires thp` follows what the machine's
# THP settings allow (read from a copy of the sysfs directory,
# MMSIM_THP_SYSFS, for the cases this machine is not in: mmsim never
# changes them), a `thp` region without `requires thp` is an unsupported
# SKIP where THPs are off; on this machine a write fault in a `thp` region
# is seen as a PMD-mapped THP of order 9, a region without `thp` as small
# pages, the huge zero page as zeropage and pmd, and a split as PTE-mapped
# with the tail pages' exclusivity unobservable.  `thp-sizes` changes
# the per-size settings (of the copy) only with a record that restores
# them on every way out.  No agent is left.
. "$(dirname "$0")/lib.sh"
needs_kernel_backend
agent_tag mmsim-thp-$$

run() {
	"$mmsim" "$@" >"$tmp/out" 2>&1
	rc=$?
}

# A fake THP sysfs directory: enabled $1, PMD size $2, 2048kB size $3.
fake() {
	rm -rf "$tmp/sys"
	mkdir -p "$tmp/sys/hugepages-2048kB"
	echo "$1" >"$tmp/sys/enabled"
	echo "$2" >"$tmp/sys/hpage_pmd_size"
	echo "$3" >"$tmp/sys/hugepages-2048kB/enabled"
}

cat >"$tmp/req.mms" <<'EOS'
requires thp
mmap p0 A 512 thp
write p0 A[0] 0x1111
expect p0 A[0] thp
EOS
cat >"$tmp/noreq.mms" <<'EOS'
mmap p0 B 1
write p0 B[0] 0x1
expect p0 B[0] present
mmap p0 A 512 thp
expect p0 A[0] none
EOS

fake "always madvise [never]" 2097152 "always [inherit] madvise never"
MMSIM_THP_SYSFS=$tmp/sys run run --backend kernel "$tmp/req.mms"
[ $rc -eq 0 ] &&
	grep -q "^1\.\.0 # SKIP missing thp on kernel (THP is turned off (.*/enabled is never; mmsim does not change it))$" "$tmp/out"
ok $? "enabled never: requires thp skips the file, saying why (exit $rc)"

fake "always [madvise] never" 65536 "always [inherit] madvise never"
MMSIM_THP_SYSFS=$tmp/sys run run --backend kernel "$tmp/req.mms"
[ $rc -eq 0 ] &&
	grep -q "^1\.\.0 # SKIP missing thp on kernel (the PMD size is not 2 MiB (.*/hpage_pmd_size: 65536))$" "$tmp/out"
ok $? "a PMD of another size: skipped (exit $rc)"

fake "[always] madvise never" 2097152 "always inherit madvise [never]"
MMSIM_THP_SYSFS=$tmp/sys run run --backend kernel "$tmp/req.mms"
[ $rc -eq 0 ] &&
	grep -q "^1\.\.0 # SKIP missing thp on kernel (PMD-size THPs are turned off (.*/hugepages-2048kB/enabled is never; " "$tmp/out"
ok $? "the 2048kB size never: skipped (exit $rc)"

rm -rf "$tmp/sys"
MMSIM_THP_SYSFS=$tmp/sys run run --backend kernel "$tmp/req.mms"
[ $rc -eq 0 ] &&
	grep -q "^1\.\.0 # SKIP missing thp on kernel (no .*/sys (CONFIG_TRANSPARENT_HUGEPAGE))$" "$tmp/out"
ok $? "no THP in the kernel: skipped (exit $rc)"

fake "always madvise [never]" 2097152 "always [inherit] madvise never"
MMSIM_THP_SYSFS=$tmp/sys run run --backend kernel "$tmp/noreq.mms"
[ $rc -eq 0 ] && grep -q "^ok 1 - 3: expect p0 B\[0\] present$" "$tmp/out" &&
	grep -q "^ok 2 - 4: mmap p0 A 512 thp # SKIP unsupported on kernel: THP is turned off" "$tmp/out" &&
	grep -q "^1\.\.2$" "$tmp/out"
ok $? "a thp region without requires thp: an unsupported SKIP, and the file stops (exit $rc)"

# thp-sizes on a copy of the sysfs directory: the sizes are set for the
# scenario and written back at its end, after a SIGINT, and, after a
# SIGKILL, by the next mmsim; a size the kernel lacks skips the file.
fake_sizes() {
	fake "always [madvise] never" 2097152 "always [inherit] madvise never"
	for kb in 16 32 64 128 256 512 1024; do
		mkdir -p "$tmp/sys/hugepages-${kb}kB"
		echo "always inherit madvise [never]" >"$tmp/sys/hugepages-${kb}kB/enabled"
	done
}
sizes() {
	for kb in 16 32 64 128 256 512 1024 2048; do
		printf '%s=%s ' $kb "$(sed 's/.*\[\(.*\)\].*/\1/' "$tmp/sys/hugepages-${kb}kB/enabled" 2>/dev/null)"
	done
}
cat >"$tmp/sizes.mms" <<'EOS'
thp-sizes 16K 64K
mmap p0 A 1
expect p0 A[0] none
EOS
fake_sizes
orig=$(sizes)
MMSIM_THP_SYSFS=$tmp/sys run run --backend kernel "$tmp/sizes.mms"
[ $rc -eq 0 ] && grep -q "^ok 1 " "$tmp/out" && [ "$(sizes)" = "$orig" ] &&
	! ls /run/mmsim/thp.* >/dev/null 2>&1
ok $? "thp-sizes: the sizes come back at the end, no record is left (exit $rc)"

MMSIM_CRASH_AT=thp-set MMSIM_THP_SYSFS=$tmp/sys run run --backend kernel "$tmp/sizes.mms"
[ "$(cat "$tmp/sys/hugepages-16kB/enabled")" = madvise ] &&
	grep -q "^thp 2048 inherit$" /run/mmsim/thp.*
ok $? "thp-sizes: killed after the first write, the record names the old values"
MMSIM_THP_SYSFS=$tmp/sys run run --backend kernel "$tmp/sizes.mms"
[ $rc -eq 0 ] && [ "$(sizes)" = "16=never 32=never 64=never 128=never 256=never 512=never 1024=never 2048=inherit " ] &&
	! ls /run/mmsim/thp.* >/dev/null 2>&1
ok $? "thp-sizes: the next mmsim undoes the dead one's record (exit $rc)"

MMSIM_CRASH_AT=thp-set:INT MMSIM_THP_SYSFS=$tmp/sys run run --backend kernel "$tmp/sizes.mms"
[ "$(cat "$tmp/sys/hugepages-64kB/enabled")" = never ] &&
	[ "$(cat "$tmp/sys/hugepages-2048kB/enabled")" = inherit ] &&
	! ls /run/mmsim/thp.* >/dev/null 2>&1
ok $? "thp-sizes: SIGINT writes every size back at once"

rm -rf "$tmp/sys/hugepages-16kB"
MMSIM_THP_SYSFS=$tmp/sys run run --backend kernel "$tmp/sizes.mms"
[ $rc -eq 0 ] && grep -q "^ok 1 - 1: thp-sizes 16K 64K # SKIP unsupported on kernel: .*/hugepages-16kB/enabled: No such file or directory" "$tmp/out" &&
	[ "$(cat "$tmp/sys/hugepages-64kB/enabled")" = never ]
ok $? "thp-sizes: a size the kernel lacks skips the file, nothing changed (exit $rc)"

# The rest needs THPs on this machine; its settings are never changed.
if ! MMSIM_THP_SYSFS= "$mmsim" run --backend kernel "$tmp/req.mms" >"$tmp/out" 2>&1 ||
	grep -q "^1\.\.0 # SKIP" "$tmp/out"; then
	n=$((n + 1))
	echo "ok $n # SKIP this machine gives no THPs to MADV_HUGEPAGE: $(head -1 "$tmp/out")"
	none_left
	ok $? "no agent is left"
	done_testing
	exit 0
fi

cat >"$tmp/seen.mms" <<'EOS'
requires thp
mmap p0 A 512 thp
mmap p0 B 512
mmap p0 Z 512 thp
write p0 A[0] 0x1111
write p0 B[0] 0x2222
read p0 Z[0]
expect p0 A[0] thp
expect p0 A[0] pmd
expect p0 A[511] pmd
expect p0 A[0] exclusive
expect p0 A[511] exclusive
expect p0 A[511] mapcount 1
expect p0 B[0] !thp
expect p0 B[0] !pmd
expect p0 B[1] none
expect p0 Z[7] zeropage
expect p0 Z[7] pmd
split p0 A[1]
expect p0 A[0] thp
expect p0 A[0] !pmd
expect p0 A[0] exclusive
expect p0 A[5] exclusive
expect p0 A[5] mapcount 1
show
EOS
run run --backend kernel "$tmp/seen.mms"
[ $rc -eq 0 ] && ! grep -q "^not ok" "$tmp/out" && grep -q "^1\.\.16$" "$tmp/out"
ok $? "a written thp region is a PMD-mapped THP, a plain one small pages (exit $rc)"
grep -q "^ok 15 - 23: expect p0 A\[5\] exclusive # SKIP unobservable on kernel: .*PageAnonExclusive of a PTE-mapped tail page is not exported" "$tmp/out" &&
	grep -q "^ok 14 - 22: expect p0 A\[0\] exclusive$" "$tmp/out"
ok $? "after split: a tail page's exclusivity is unobservable, the head's is seen"
grep -q "^# kernel:   0x[0-9a-f]*[02468ace]00000: present pfn 0x[0-9a-f]*[02468ace]00 exclusive anon thp order 9 mapcount 1$" "$tmp/out"
ok $? "show: the head page of the split THP, order 9, 2 MiB-aligned"
grep -q "^# kernel:   0x[0-9a-f]*: zeropage pfn 0x[0-9a-f]* pmd order 9 mapcount 0$" "$tmp/out"
ok $? "show: the huge zero page, mapped by a PMD"

cat >"$tmp/collapse.mms" <<'EOS'
requires thp
mmap p0 A 512 thp
madvise p0 A nohugepage
write p0 A[0] 0x1
expect p0 A[0] !thp
write p0 A[511] 0x2
madvise p0 A collapse => EINVAL
madvise p0 A hugepage
madvise p0 A collapse
expect p0 A[0] pmd
expect p0 A[511] == 0x2
madvise p0 A nohugepage
EOS
run run --backend kernel "$tmp/collapse.mms"
[ $rc -eq 0 ] && ! grep -q "^not ok" "$tmp/out" && grep -q "^1\.\.4$" "$tmp/out"
ok $? "madvise collapse: EINVAL on a nohugepage region, a PMD THP after hugepage (exit $rc)"

none_left
ok $? "no agent is left"
done_testing
