#!/usr/bin/env bash
# The README's test command: set up what is missing, build in Release, run every test, and print
# a one-line summary ("tests: N passed, N failed, N skipped").
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash environment/setup.sh || exit 1

log=$(mktemp)
dotnet test Research.sln -c Release --nologo --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet test closes each run with "Total tests: T" then "Passed: P", "Failed: F", "Skipped: S" lines
# (normal verbosity), or with "Passed!  - Failed: F, Passed: P, Skipped: S, Total: T" (minimal); read both.
read -r passed failed skipped < <(awk '
  /^Total tests:/ { block = 1; next }
  block && /^ *Passed: *[0-9]+/  { sub(/.*Passed: */, ""); p += $1; next }
  block && /^ *Failed: *[0-9]+/  { sub(/.*Failed: */, ""); f += $1; next }
  block && /^ *Skipped: *[0-9]+/ { sub(/.*Skipped: */, ""); s += $1; next }
  block && /^ *Total time:/      { block = 0; next }
  /Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+/ {
    match($0, /Failed: +[0-9]+/);  f += substr($0, RSTART + 7, RLENGTH - 7)
    match($0, /Passed: +[0-9]+/);  p += substr($0, RSTART + 7, RLENGTH - 7)
    match($0, /Skipped: +[0-9]+/); s += substr($0, RSTART + 8, RLENGTH - 8)
  }
  END { print p + 0, f + 0, s + 0 }' "$log")
# the names of failed tests again, beside the summary, so a log read from its end says which ones
grep -E '^ +Failed [A-Za-z_][A-Za-z0-9_.]*' "$log" | sed -E 's/^ +Failed /failed: /' | sort -u
rm -f "$log"
echo
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ]; then exit "$status"; fi
if [ "${passed}" -eq 0 ]; then echo "no tests ran" >&2; exit 1; fi
