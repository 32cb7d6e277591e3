#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# prove's interpreter for scenario files on --backend both: the model and
# this machine's kernel run each file in lockstep and must agree on every
# observation.  The kernel backend needs root (PFNs); without it mmsim
# prints "1..0 # SKIP kernel backend: not root ...".  A file of later
# work declares 'todo REASON': its failing points are TAP TODO.
set -u
mmsim=${MMSIM:-./mmsim}
exec "$mmsim" run --backend both "$1"
