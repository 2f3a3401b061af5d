#!/usr/bin/env bash
# Scores a model on the rival-subject build of the unseen seed 7 (`data build --rivals 1`: the same host scenes as
# bench/eval-unseen.sh's build, about half of them with a second subject the instruction leaves alone):
# LIMIT samples of test-id and test-composition, default sampling. The report splits accuracy by scene (with / without
# a rival) and lists which wrong outcome the wrong edits were nearest to (rival-changed: the edit changed the wrong
# object, i.e. did not follow the instruction). Usage: bench/eval-rivals.sh MODEL_DIR OUT_DIR [LIMIT]
set -euo pipefail
# PRESERVE, ETA (optional): see bench/sampling-env.sh.
here="$(cd "$(dirname "$0")/.." && pwd)"
rb="${RB:-$here/reasonbrain}"
source "$here/bench/sampling-env.sh"
model="${1:?usage: bench/eval-rivals.sh MODEL_DIR OUT_DIR [LIMIT]}"
out="${2:?usage: bench/eval-rivals.sh MODEL_DIR OUT_DIR [LIMIT]}"
limit="${3:-400}"
data="${DATA:-$here/runs/eval-seed7-rv}"
[[ -f "$data/manifest.jsonl" ]] || "$rb" data build --out "$data" --samples 14000 --seed 7 --size 64 --rivals 1
t0=$(date +%s)
"$rb" eval "${sampling[@]}" --model "$model" --data "$data" --split test-id --split test-composition --limit "$limit" --out "$out" \
  2> "$out.log" | tee "$out.txt"
echo "eval $(( $(date +%s) - t0 )) s" | tee -a "$out.txt"
