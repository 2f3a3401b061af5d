#!/usr/bin/env bash
# Chooses the --preserve threshold on the val split of a training build (never on a test build): the same LIMIT val
# samples edited with each threshold, default guidance and seed. Usage: bench/preserve-sweep.sh MODEL_DIR DATA OUT [LIMIT] [THRESHOLDS...]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rb="${RB:-$here/reasonbrain}"
model="${1:?usage: bench/preserve-sweep.sh MODEL_DIR DATA OUT [LIMIT] [THRESHOLDS...]}"
data="${2:?usage: bench/preserve-sweep.sh MODEL_DIR DATA OUT [LIMIT] [THRESHOLDS...]}"
out="${3:?usage: bench/preserve-sweep.sh MODEL_DIR DATA OUT [LIMIT] [THRESHOLDS...]}"
limit="${4:-300}"
shift $(( $# < 4 ? $# : 4 ))
thresholds=("$@")
[[ ${#thresholds[@]} -gt 0 ]] || thresholds=(0 0.05 0.1 0.2 0.4)
mkdir -p "$out"
for t in "${thresholds[@]}"; do
  printf 'preserve %s: ' "$t" | tee -a "$out/summary.txt"
  "$rb" eval --model "$model" --data "$data" --split val --limit "$limit" --preserve "$t" --out "$out/p$t" \
    2> "$out/p$t.log" | tee -a "$out/summary.txt"
done
