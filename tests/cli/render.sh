#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Pictures (docs/pictures.md): mmsim run --html draws a self-contained
# page with a frame per statement, --svg one SVG per frame.  The pages
# drawn match what `show` says of the same state; no external URL; in a
# headless Chromium (if installed) the page loads without console errors
# and its stepping function (the arrow keys', reached through #fN) shows
# the frame asked for.
. "$(dirname "$0")/lib.sh"

run() {
	"$mmsim" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}

# The demo's scenarios and the CVE under the design that leaks.
for f in tests/scenarios/6003-cow-a3-vmsplice-unmap-in-child.mms \
	tests/scenarios/3011-gup-rw-pin-fork-rdma.mms \
	tests/scenarios/6009-cow-a9-ro-pin-ro-mapped-shared.mms; do
	base=$(basename "$f" .mms)
	run run --html "$tmp/$base.html" "$f"
	nstmts=$(grep -c '^<li data-frame=' "$tmp/$base.html")
	nframes=$(grep -c '^<div class="frame"' "$tmp/$base.html")
	want=$(( $(grep -Evc '^[[:space:]]*(#|$)' "$f") + 1 ))
	[ $rc -eq 0 ] && [ "$nframes" -eq "$want" ] && [ "$nstmts" -eq "$want" ]
	ok $? "$base: a frame per statement and the start ($nframes of $want)"
	python3 - "$tmp/$base.html" <<'PY'
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    void = {"meta", "br", "rect", "line", "img"}
    def __init__(s):
        super().__init__(); s.stack = []; s.bad = []
    def handle_starttag(s, t, a):
        if t not in s.void: s.stack.append(t)
    def handle_startendtag(s, t, a): pass
    def handle_endtag(s, t):
        if t in s.void: return
        if not s.stack or s.stack[-1] != t: s.bad.append(t)
        else: s.stack.pop()
p = P(); text = open(sys.argv[1], encoding="utf-8").read(); p.feed(text)
assert not p.bad and not p.stack, (p.bad, p.stack)
assert "http://" not in text and "https://" not in text and " src=" not in text, "external"
PY
	ok $? "$base: well-formed, self-contained (no URL, no external file)"
done

# The last frame's pages are the pages show prints, with its counts and
# PG_anon_exclusive: after fork (shared) and after a write (exclusive).
for f in 2001-fork-write-protects-both 1002-fault-write-allocates-exclusive; do
	(cat tests/scenarios/$f.mms; echo show) >"$tmp/show.mms"
	run run --html "$tmp/show.html" "$tmp/show.mms"
	sed -n 's/^# page pfn \(0x[0-9a-f]*\) anon\( exclusive\)\{0,1\} .*refcount \([0-9]*\) mapcount \([0-9]*\).*/\1\2 ref \3 map \4/p' \
		"$tmp/out" | sed 's/^\(0x[0-9a-f]*\) ref/\1 shared ref/' |
		sort >"$tmp/want"
	awk '/^<div class="frame"/ { buf = "" } { buf = buf $0 "\n" } END { printf "%s", buf }' \
		"$tmp/show.html" | python3 -c '
import re, sys
t = sys.stdin.read()
for m in re.finditer(r"data-pfn=\"(0x[0-9a-f]+)\".*?\n<text[^>]*>pfn [^ ]+ (exclusive|shared)[^<]*</text>\n(?:<g class=\"lock\".*?\n)?<text[^>]*>(ref \d+ map \d+)", t, re.S):
    print(m.group(1), m.group(2), m.group(3))
' | sort >"$tmp/got"
	[ -s "$tmp/want" ] && cmp -s "$tmp/want" "$tmp/got"
	ok $? "$f: the last frame draws the pages show prints, counts and exclusivity"
	cmp -s "$tmp/want" "$tmp/got" || diff "$tmp/want" "$tmp/got" | sed 's/^/# /'
done

# CVE-2020-29374 under v5.7: the failing read is marked, the page shared
# with the pipe is drawn; under latest the parent's write made a copy.
run run --policy v5.7 --html "$tmp/v57.html" \
	tests/scenarios/9001-saga-cve-2020-29374-child-vmsplice.mms
[ $rc -eq 1 ] && grep -q '<li data-frame="[0-9]*" value="17" class="fail">' "$tmp/v57.html" &&
	grep -q 'class="bad">#   property isolation (LEAK)' "$tmp/v57.html"
ok $? "under v5.7 the leaking read is red, with the property's message (exit $rc)"
run run --html "$tmp/latest.html" \
	tests/scenarios/9001-saga-cve-2020-29374-child-vmsplice.mms
[ $rc -eq 0 ] && ! grep -q 'class="fail"' "$tmp/latest.html"
ok $? "under latest nothing is red (exit $rc)"

# --svg: a standalone, well-formed SVG per frame.
run run --svg "$tmp/svg" tests/scenarios/2001-fork-write-protects-both.mms
nsvg=$(ls "$tmp/svg" | wc -l)
python3 -c '
import sys, glob, xml.etree.ElementTree as ET
for f in sorted(glob.glob(sys.argv[1] + "/*.svg")):
    ET.parse(f)
' "$tmp/svg"
[ $? -eq 0 ] && [ $rc -eq 0 ] && [ "$nsvg" -ge 2 ]
ok $? "--svg: $nsvg well-formed SVG files (exit $rc)"
run run --html "$tmp/x.html" tests/scenarios/2001-fork-write-protects-both.mms \
	tests/scenarios/2002-fork-parent-write-copies.mms
[ $rc -eq 2 ] && grep -q "draw one scenario file" "$tmp/err"
ok $? "--html with two files is a usage error (exit $rc)"

# matrix --html: the table, each cell linking to an existing stepper.
run matrix --html "$tmp/mx" tests/scenarios/9001-*.mms tests/scenarios/9004-*.mms
links=$(grep -o 'href="[^"]*"' "$tmp/mx/index.html" | sed 's/href="//; s/"$//')
missing=0
for l in $links; do [ -s "$tmp/mx/$l" ] || missing=$((missing + 1)); done
[ $rc -eq 0 ] && [ "$(echo "$links" | wc -l)" -eq 18 ] && [ $missing -eq 0 ] &&
	grep -q '<td class="bad"><a href="9001-saga-cve-2020-29374-child-vmsplice--v5.7.html">LEAK</a>' "$tmp/mx/index.html"
ok $? "matrix --html: 18 cells, each a link to its stepper (exit $rc, $missing missing)"

# Deterministic: the same run, the same bytes.
(cat tests/scenarios/2001-fork-write-protects-both.mms; echo show) >"$tmp/show.mms"
run run --html "$tmp/show.html" "$tmp/show.mms"
run run --html "$tmp/again.html" "$tmp/show.mms"
cmp -s "$tmp/show.html" "$tmp/again.html"
ok $? "the same run draws the same page, byte for byte"

# A real browser: loads, no console error, the keys step, a screenshot.
chrome=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chrome" ]; then
	n=$((n + 1))
	echo "ok $n # SKIP no Chromium (apt-get install chromium)"
else
	python3 - "$chrome" "$tmp/v57.html" "$tmp/shot.png" <<'PY' >"$tmp/browser" 2>&1
import subprocess, sys
chrome, page, shot = sys.argv[1:4]
args = [chrome, "--headless=new", "--no-sandbox", "--disable-gpu",
        "--enable-logging=stderr", "--v=0"]
p = subprocess.run(args + ["--screenshot=" + shot, "--window-size=1200,800",
                           "file://" + page], capture_output=True, text=True,
                   timeout=120)
errs = [l for l in p.stderr.splitlines() if "CONSOLE" in l and
        ("Uncaught" in l or "Error" in l)]
assert not errs, errs
# Step with the keys: the DOM after the script ran says which frame is
# shown; the first, then the script's own show().
d = subprocess.run(args + ["--dump-dom", "file://" + page],
                   capture_output=True, text=True, timeout=120).stdout
assert 'class="frame sel"' in d and 'id="pos">1/' in d, d[:400]
# The same show() the arrow keys call, through the page's #fN address.
d = subprocess.run(args + ["--dump-dom", "file://" + page + "#f3"],
                   capture_output=True, text=True, timeout=120).stdout
assert '<div class="frame sel" id="f3"' in d and 'id="pos">4/' in d, d[:400]
PY
	brc=$?
	[ $brc -eq 0 ] && [ -s "$tmp/shot.png" ]
	ok $? "Chromium loads the page without console errors, shows frame 1, and #f3 steps to frame 4"
	[ $brc -eq 0 ] || sed 's/^/# /' "$tmp/browser" | tail -5
fi
done_testing
