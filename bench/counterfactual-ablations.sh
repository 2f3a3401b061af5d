#!/usr/bin/env bash
# The Table 2/4 rows on the counterfactual split (docs/counterfactual.md): each preset starts from MODEL's weights (every
# tensor whose name and shape it shares) and gets the same 200 x 64 fine-tune on DATA at lr 3e-4, seed 29; then each
# is scored on the first LIMIT rows of test-counterfactual of EVAL_DATA (whole sets when LIMIT is a multiple of 4).
# Usage: bench/counterfactual-ablations.sh MODEL DATA EVAL_DATA RUNS [LIMIT] [PRESETS...]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rb="${RB:-$here/reasonbrain}"
model="${1:?usage: MODEL DATA EVAL_DATA RUNS [LIMIT] [PRESETS...]}"; data="${2:?}"; evdata="${3:?}"; runs="${4:?}"
limit="${5:-200}"; shift 5 || shift $#
presets=("$@"); [[ ${#presets[@]} -gt 0 ]] || presets=(tiny ip2p tiny-no-frce tiny-no-id tiny-no-cme)
mkdir -p "$runs"
for p in "${presets[@]}"; do
  t0=$(date +%s)
  [[ -f "$runs/ft-$p/checkpoint/model.safetensors" ]] || "$rb" train --stage reasonbrain --preset "$p" --data "$data" \
    --out "$runs/ft-$p" --init "$model" --decoder-blocks 4 --decoder-source --steps 200 --batch 64 --lr 3e-4 \
    --save-every 100 --eval-every 100000 --seed 29 > "$runs/ft-$p.log" 2>&1
  "$rb" model export --run "$runs/ft-$p" --decoder-source-edit-mask 0.7 --out "$runs/m-$p" --history "$runs/ft-$p" \
    >> "$runs/ft-$p.log" 2>&1
  cp "$model/clip.safetensors" "$runs/m-$p/"
  "$rb" eval --model "$runs/m-$p" --data "$evdata" --split test-counterfactual --limit "$limit" --no-clip \
    --out "$runs/e-$p" 2> "$runs/e-$p.log" | tail -3
  echo "$p $(( $(date +%s) - t0 )) s" | tee -a "$runs/times.txt"
done
