#!/usr/bin/env bash
# Scores a model on a ReasonWorld build whose seed no training run used (seed 7), as issue targets ask:
# LIMIT samples of each test split (the first LIMIT, so every model sees the same ones), 20 DDIM steps,
# the default guidance (text 7.5 / image 4), seed 0 (test-counterfactual too: LIMIT should be a multiple of 4, whole sets); then the controls (real / neutral / other-family / mirrored) on CONTROLS
# test-id samples (0 = all of them: 560 on the seed-7 build). Usage: bench/eval-unseen.sh MODEL_DIR OUT_DIR [LIMIT] [CONTROLS]
set -euo pipefail
# PRESERVE, ETA (optional): see bench/sampling-env.sh.
here="$(cd "$(dirname "$0")/.." && pwd)"
rb="${RB:-$here/reasonbrain}"
source "$here/bench/sampling-env.sh"
model="${1:?usage: bench/eval-unseen.sh MODEL_DIR OUT_DIR [LIMIT] [CONTROLS]}"
out="${2:?usage: bench/eval-unseen.sh MODEL_DIR OUT_DIR [LIMIT] [CONTROLS]}"
limit="${3:-400}"
controls="${4:-400}"
# 14,000 samples give every test split at least 400 judged samples (test-multistep is the smallest, ~420).
data="${DATA:-$here/runs/eval-seed7}"
[[ -f "$data/manifest.jsonl" ]] || "$rb" data build --out "$data" --samples 14000 --seed 7 --size 64
mkdir -p "$out"
t0=$(date +%s)
"$rb" eval "${sampling[@]}" --model "$model" --data "$data" --split test-id --split test-phrasing --split test-composition \
  --split test-multistep --split test-counterfactual --limit "$limit" --out "$out/splits" 2> "$out/splits.log" | tee "$out/summary.txt"
echo "eval $(( $(date +%s) - t0 )) s" | tee -a "$out/summary.txt"
t0=$(date +%s)
"$rb" eval "${sampling[@]}" --model "$model" --data "$data" --split test-id --limit "$controls" --controls --out "$out/controls" \
  2> "$out/controls.log" | tee -a "$out/summary.txt"
echo "controls $(( $(date +%s) - t0 )) s" | tee -a "$out/summary.txt"
