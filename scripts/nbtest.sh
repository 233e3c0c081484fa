#!/usr/bin/env bash
# nbtest.sh NOTEBOOK: test one notebook (from nbs/) in its own process; prints "ok"/"FAIL" and the log on failure.
# One process per notebook because a notebook's exported cells re-register its classes in the shared
# registry: notebooks run in one worker would see each other's definitions.
cd "$(dirname "$0")/../nbs"
log=$(mktemp)
# Run as nbdev_test does (cells flagged in settings.ini's tst_flags skipped unless in NBTEST_FLAGS), through the docs
# build's executor, which keeps a passing top-level notebook in the docs cache: the docs test then does not run it again.
# A notebook still running after 30 minutes fails instead of stalling the suite; forked ranks get DLM_RANK_TIMEOUT.
if DLM_RANK_TIMEOUT=${DLM_RANK_TIMEOUT:-600} timeout -k 30 1800 ../.venv/bin/python ../scripts/docs.py _test "$1" "${NBTEST_FLAGS:-multiproc}" >"$log" 2>&1; then
  echo "   ok   $(grep -o '[0-9]* secs' "$log" | tail -1 | sed 's/^/(/;s/$/)/')  $1"; rm -f "$log"
else
  echo "   FAIL $1"; cat "$log"; rm -f "$log"; exit 1
fi
