#!/usr/bin/env bash
# The README's test command: set up what is missing, build in Release, run every test, and print
# a one-line summary ("tests: N passed, N failed, N skipped").
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash environment/setup.sh || exit 1

log=$(mktemp)
dotnet test Research.sln -c Release --nologo --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet test ends each test assembly with "Passed!  - Failed: F, Passed: P, Skipped: S, Total: T".
read -r passed failed skipped < <(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" |
  awk -F'[:,]' '{f+=$2; p+=$4; s+=$6} END {print p+0, f+0, s+0}')
rm -f "$log"
echo
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ]; then exit "$status"; fi
if [ "${passed}" -eq 0 ]; then echo "no tests ran" >&2; exit 1; fi
