#!/usr/bin/env bash
# Trains the shipped default model and every row of Tables 2 and 4 on one ReasonWorld build, one job at
# a time (this is a 2-core machine). Usage: bench/train-default.sh RUNS_DIR [REASONBRAIN_STEPS]
# Stages as in the paper's recipe: vae -> clip (image encoder) -> lm (the MLLM's base) -> reasonbrain.
# Every reasonbrain-stage run (full model, baselines, ablations) starts from the same lm run and gets the
# same budget: REASONBRAIN_STEPS optimizer steps at batch 32, lr 5e-4.
# Set RB to the launcher to use (default: ./reasonbrain of this checkout).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rb="${RB:-$here/reasonbrain}"
runs="${1:?usage: bench/train-default.sh RUNS_DIR [REASONBRAIN_STEPS]}"
steps="${2:-250}"
mkdir -p "$runs"
stamp() { date +%s; }
timed() { # name, command...
  local name="$1"; shift
  if [[ -f "$runs/$name/checkpoint/model.safetensors" && -f "$runs/$name.done" ]]; then echo "skip $name (done)"; return; fi
  rm -rf "${runs:?}/$name"
  local t0; t0=$(stamp)
  "$@" > "$runs/$name.log" 2>&1
  echo "$name $(( $(stamp) - t0 )) s" | tee -a "$runs/times.txt"
  touch "$runs/$name.done"
}
[[ -f "$runs/data/manifest.jsonl" ]] || "$rb" data build --out "$runs/data" --samples 20000 --seed 1 --size 64
timed vae "$rb" train --stage vae --data "$runs/data" --out "$runs/vae" --steps 250 --batch 16 --lr 1e-3
timed clip "$rb" train --stage clip --data "$runs/data" --out "$runs/clip" --init "$runs/vae" --steps 150 --batch 32
timed lm "$rb" train --stage lm --data "$runs/data" --out "$runs/lm" --init "$runs/clip" --steps 200 --batch 16
for preset in tiny ip2p mllm-only tiny-no-frce tiny-no-id tiny-no-cme; do
  timed "rb-$preset" "$rb" train --stage reasonbrain --preset "$preset" --data "$runs/data" --out "$runs/rb-$preset" \
    --init "$runs/lm" --steps "$steps" --batch 32 --lr 5e-4
done
