#!/usr/bin/env bash
# Fuzzes the parsers of user files (issue 15) with AFL++ and SharpFuzz: builds tests/Distill.Fuzz, instruments its copy
# of Distill.Core.dll, runs afl-fuzz on each target for a bounded time, then prints executions, crashes and hangs per
# target and replays every crashing input so its exception is shown. Findings stay in .fuzz/<target>/ (ignored by git).
#   bash environment/fuzz.sh                  every target, 600 s each
#   bash environment/fuzz.sh jsonl 120        one target, 120 s ("jsonl conll": those two)
#   FUZZ_TIMEOUT_MS=5000                      afl-fuzz -t: an input running longer is a hang (default 5000)
#   FUZZ_SKIP_BUILD=1                         reuse the instrumented build in .fuzz/bin (a second fuzz.sh beside a running one)
# Targets: pubtator brat conll jsonl trainingset teachers safetensors pickle notebook (tests/Distill.Fuzz/README.md).
# Exit status: 0 when no target saved a crash or hang, 1 otherwise.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

all=(pubtator brat conll jsonl trainingset teachers safetensors pickle notebook)
read -r -a targets <<<"${1:-all}"   # one target, several in quotes ("brat conll"), or all
[ "${targets[0]}" = all ] && targets=("${all[@]}")
seconds=${2:-600}
timeout_ms=${FUZZ_TIMEOUT_MS:-5000}

if ! command -v afl-fuzz >/dev/null 2>&1; then
  echo "[fuzz] installing Debian's afl++"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo -n)
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends afl++ >/dev/null
fi
dotnet tool restore >/dev/null   # SharpFuzz.CommandLine, pinned in dotnet-tools.json

# afl-fuzz runs the harness from .fuzz/bin, a copy of the build whose files are hard links (libtorch alone is ~800 MB)
# except the assemblies that change, so a rebuild while fuzzers run never rewrites a file they have loaded.
bin=.fuzz/bin
if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$bin/Distill.Fuzz.dll" ]; then
  echo "[fuzz] building tests/Distill.Fuzz and instrumenting its Distill.Core.dll and Distill.Notebooks.dll"
  dotnet build tests/Distill.Fuzz -c Release --nologo -v quiet >/dev/null
  build=tests/Distill.Fuzz/bin/Release/net10.0
  rm -rf "$bin" && mkdir -p .fuzz && cp -al "$build" "$bin"
  cp --remove-destination "$build/Distill.Fuzz.dll" "$bin/Distill.Fuzz.dll"
  # sharpfuzz rewrites a file in place: instrumented here, the build's copies stay plain. The notebook parser lives in
  # Distill.Notebooks (issue 14), every other parser in Distill.Core.
  for assembly in Distill.Core Distill.Notebooks; do
    cp --remove-destination "$build/$assembly.dll" "$bin/$assembly.dll"
    dotnet sharpfuzz "$bin/$assembly.dll" >/dev/null
  done
fi

export AFL_SKIP_BIN_CHECK=1            # the target is `dotnet`, not an afl-instrumented binary
export AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_AUTORESUME=1                # a second run of a target continues from its queue
export DOTNET_GCHeapHardLimit=0x40000000   # 1 GiB of managed heap: a runaway allocation is an OutOfMemoryException, a crash

status=0
rows=()
for target in "${targets[@]}"; do
  seeds=tests/Distill.Fuzz/Seeds/$target
  [ -d "$seeds" ] || { echo "[fuzz] unknown target '$target' (expected one of: ${all[*]})" >&2; exit 2; }
  out=.fuzz/$target
  mkdir -p "$out"
  echo "[fuzz] $target: ${seconds} s"
  afl-fuzz -i "$seeds" -o "$out" -t "$timeout_ms" -m none -V "$seconds" -- dotnet "$bin/Distill.Fuzz.dll" "$target" >"$out/afl.log" 2>&1 || {
    echo "[fuzz] afl-fuzz failed for $target; last lines of $out/afl.log:" >&2; tail -20 "$out/afl.log" >&2; status=1; continue; }
  stats=$out/default/fuzzer_stats
  stat() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
  crashes=$(stat saved_crashes); hangs=$(stat saved_hangs)
  rows+=("$(printf '%-12s %12s %10s %8s %8s %8s' "$target" "$(stat execs_done)" "$(stat execs_per_sec)" "$(stat corpus_count)" "${crashes:-0}" "${hangs:-0}")")
  if [ "${crashes:-0}" != 0 ] || [ "${hangs:-0}" != 0 ]; then
    status=1
    echo "[fuzz] $target: replaying the saved crashes and hangs (outside afl-fuzz, one input each):"
    for f in "$out"/default/crashes/id:* "$out"/default/hangs/id:*; do
      [ -e "$f" ] && timeout 60 dotnet "$bin/Distill.Fuzz.dll" replay "$target" "$f" | head -8 || true
    done
  fi
done

echo
printf '%-12s %12s %10s %8s %8s %8s\n' target executions execs/s corpus crashes hangs
printf '%s\n' "${rows[@]}"
exit $status
