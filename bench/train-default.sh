#!/usr/bin/env bash
# Trains the default model and every row of Tables 2 and 4 on one ReasonWorld build, one job at a time
# (this is a 2-core machine). Usage: bench/train-default.sh RUNS_DIR [REASONBRAIN_STEPS] [BASELINE_STEPS]
# Stages as in the paper's recipe: vae -> clip (image encoder) -> lm (the MLLM's base) -> reasonbrain, then
# this project's decoder stage (a sharper decoder under the frozen encoder).
# The reasonbrain stage: batch 64, peak lr 5e-4 (warm-up, cosine), feature cache, EMA 0.999, L_DM weighted
# 1 + 9 x (latent cell changed), the accuracy curve every 700 steps on 200 val samples.
# REASONBRAIN_STEPS (default 6300: 403,200 samples seen, about 2 hours here) for the full model,
# BASELINE_STEPS (default 1000) for each baseline and ablation, all from the same lm run.
# Set RB to the launcher to use (default: ./reasonbrain of this checkout).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rb="${RB:-$here/reasonbrain}"
runs="${1:?usage: bench/train-default.sh RUNS_DIR [REASONBRAIN_STEPS] [BASELINE_STEPS]}"
steps="${2:-6300}"
base_steps="${3:-1000}"
mkdir -p "$runs"
stamp() { date +%s; }
timed() { # name, command...
  local name="$1"; shift
  if [[ -f "$runs/$name/checkpoint/model.safetensors" && -f "$runs/$name.done" ]]; then echo "skip $name (done)"; return; fi
  local resume=()
  [[ -d "$runs/$name/checkpoint" ]] && resume=(--resume)   # a run interrupted earlier continues where it stopped
  local t0; t0=$(stamp)
  "$@" "${resume[@]}" > "$runs/$name.log" 2>&1
  echo "$name $(( $(stamp) - t0 )) s" | tee -a "$runs/times.txt"
  touch "$runs/$name.done"
}
[[ -f "$runs/data/manifest.jsonl" ]] || "$rb" data build --out "$runs/data" --samples 20000 --seed 1 --size 64
timed vae "$rb" train --stage vae --data "$runs/data" --out "$runs/vae" --steps 250 --batch 16 --lr 1e-3
timed clip "$rb" train --stage clip --data "$runs/data" --out "$runs/clip" --init "$runs/vae" --steps 150 --batch 32
timed lm "$rb" train --stage lm --data "$runs/data" --out "$runs/lm" --init "$runs/clip" --steps 200 --batch 16
rbopts=(--batch 64 --lr 5e-4 --save-every 250)
timed rb-tiny "$rb" train --stage reasonbrain --preset tiny --data "$runs/data" --out "$runs/rb-tiny" --init "$runs/lm" \
  --steps "$steps" "${rbopts[@]}" --eval-every 700 --eval-samples 200
# The sharper decoder: the autoencoder's decoder alone, encoder frozen, from the finished model (its latents,
# the feature cache and the UNet stay valid); the export takes the reasonbrain run's EMA weights and this decoder.
timed decoder "$rb" train --stage decoder --data "$runs/data" --out "$runs/decoder" --init "$runs/rb-tiny" \
  --steps "${DECODER_STEPS:-2000}" --batch 16 --lr 2e-4 --save-every 250
# Then the decoder grown by two residual blocks per upper level (identity at the start, so it begins where
# the first decoder stage ended), 3,600 more steps.
timed decoder-grown "$rb" train --stage decoder --data "$runs/data" --out "$runs/decoder-grown" --init "$runs/decoder" \
  --decoder-blocks 2 --steps "${GROWN_STEPS:-3600}" --batch 16 --lr 3e-4 --save-every 100
"$rb" model export --run "$runs/rb-tiny" --decoder "$runs/decoder-grown" --clip "$runs/clip" --out "$runs/model" \
  --history "$runs/vae" --history "$runs/clip" --history "$runs/lm" --history "$runs/rb-tiny" --history "$runs/decoder" \
  --history "$runs/decoder-grown"
for preset in ip2p mllm-only tiny-no-frce tiny-no-id tiny-no-cme; do
  timed "rb-$preset" "$rb" train --stage reasonbrain --preset "$preset" --data "$runs/data" --out "$runs/rb-$preset" \
    --init "$runs/lm" --steps "$base_steps" "${rbopts[@]}" --eval-every 500 --eval-samples 200
done
