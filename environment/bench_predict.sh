#!/usr/bin/env bash
# End-to-end `distill predict` timing (issue 16): 500 NCBI Disease abstracts (title + abstract of the first 500
# documents of the training set, ../shared/data/ncbi-disease, CC0-style NCBI licence) as {id,text} JSONL, then
# /usr/bin/time -v of one predict per backend, start-up included. A benchmark to run by hand, never a test.
#   bash environment/bench_predict.sh <student folder> [backend ...]     (default backends: torch onnx onnx-int8)
# Environment: DISTILL=<command to run distill> (default: the Release build), NOTES=<jsonl> (default: made here).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
model=${1:?usage: bench_predict.sh <student folder> [backend ...]}
shift
backends=("$@")
((${#backends[@]})) || backends=(torch onnx onnx-int8)
distill=${DISTILL:-lib/Distill.Cli/bin/Release/net10.0/distill}
work=${WORK:-$(mktemp -d)}
notes=${NOTES:-$work/notes500.jsonl}
if [ ! -s "$notes" ]; then
  python3 - "$notes" <<'PY'
import json, sys
docs, order = {}, []
for line in open("../shared/data/ncbi-disease/original-data/train/NCBItrainset_corpus.txt", encoding="utf-8"):
    parts = line.rstrip("\n").split("|")
    if len(parts) >= 3 and parts[1] in ("t", "a"):
        if parts[0] not in docs:
            docs[parts[0]] = []
            order.append(parts[0])
        docs[parts[0]].append("|".join(parts[2:]))
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for pmid in order[:500]:
        f.write(json.dumps({"id": pmid, "text": "\n".join(docs[pmid])}) + "\n")
PY
fi
echo "notes: $notes ($(wc -l <"$notes") notes)"
for b in "${backends[@]}"; do
  echo "== $b (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  /usr/bin/time -v $distill predict --model "$model" --input "$notes" --out "$work/pred-$b.jsonl" --backend "$b" --device cpu \
    2> >(grep -E "notes in|Elapsed \(wall|User time|System time|Maximum resident|Backend:" >&2)
done
echo "predictions in $work"
