#!/usr/bin/env bash
# After bench/train-default.sh: packages the default model, evaluates every method on the same samples
# and writes the tables. Usage: bench/tables.sh RUNS_DIR [LIMIT_PER_SPLIT]
# Table 2 methods (ReasonBrain-tiny, ip2p, mllm-only): LIMIT samples of each of test-id, test-phrasing,
# test-composition and test-multistep (the first LIMIT of each split, so every method sees the same ones).
# Table 4 ablations: the same test-id samples. Sampling: 20 DDIM steps, guidance 7.5 / 1.5, seed 0.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rb="${RB:-$here/reasonbrain}"
runs="${1:?usage: bench/tables.sh RUNS_DIR [LIMIT_PER_SPLIT]}"
limit="${2:-100}"
"$rb" model export --run "$runs/rb-tiny" --clip "$runs/clip" --out "$runs/default" \
  --history "$runs/vae" --history "$runs/clip" --history "$runs/lm" --history "$runs/rb-tiny"
clip="$runs/default/clip.safetensors"
ev() { # name, model dir, splits...
  local name="$1" model="$2"; shift 2
  local args=()
  for s in "$@"; do args+=(--split "$s"); done
  local t0; t0=$(date +%s)
  "$rb" eval --model "$model" --clip "$clip" --data "$runs/data" "${args[@]}" --limit "$limit" --out "$runs/eval-$name" \
    2> "$runs/eval-$name.log" | tee -a "$runs/eval-summary.txt"
  echo "eval $name $(( $(date +%s) - t0 )) s" | tee -a "$runs/times.txt"
}
all=(test-id test-phrasing test-composition test-multistep)
ev tiny "$runs/default" "${all[@]}"
ev ip2p "$runs/rb-ip2p" "${all[@]}"
ev mllm-only "$runs/rb-mllm-only" "${all[@]}"
for a in no-frce no-id no-cme; do
  ev "tiny-$a" "$runs/rb-tiny-$a" test-id
done
"$rb" tables --title "ReasonWorld, tiny models, equal budgets" --out "$runs/tables" \
  --report "ReasonBrain-tiny=$runs/eval-tiny" --report "InstructPix2Pix-shape (ip2p)=$runs/eval-ip2p" \
  --report "MLLM-only (MGIE/SmartEdit shape)=$runs/eval-mllm-only" \
  --report "w/o FRCE=$runs/eval-tiny-no-frce" --report "w/o ID controller=$runs/eval-tiny-no-id" \
  --report "w/o CME=$runs/eval-tiny-no-cme"
