#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# prove's interpreter for scenario files: runs one file on the model.  A
# file of later work says so itself ('todo REASON'): its failing points
# are TAP TODO, which prove reports without failing.
set -u
mmsim=${MMSIM:-./mmsim}
exec "$mmsim" run "$1"
