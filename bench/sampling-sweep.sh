#!/usr/bin/env bash
# Chooses a sampling option on the val split of a training build (never on a test build): the same LIMIT val samples
# edited with each value of OPTION (preserve, eta, steps, text-guidance, image-guidance, spacing), everything else at
# its default. Usage: bench/sampling-sweep.sh MODEL_DIR DATA OUT LIMIT OPTION VALUE...
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rb="${RB:-$here/reasonbrain}"
usage="usage: bench/sampling-sweep.sh MODEL_DIR DATA OUT LIMIT OPTION VALUE..."
model="${1:?$usage}"; data="${2:?$usage}"; out="${3:?$usage}"; limit="${4:?$usage}"; option="${5:?$usage}"
shift 5
[[ $# -gt 0 ]] || { echo "$usage" >&2; exit 2; }
mkdir -p "$out"
for v in "$@"; do
  printf '%s %s: ' "$option" "$v" | tee -a "$out/summary.txt"
  "$rb" eval --model "$model" --data "$data" --split val --limit "$limit" "--$option" "$v" --out "$out/$option-$v" \
    2> "$out/$option-$v.log" | tee -a "$out/summary.txt"
done
