#!/usr/bin/env bash
# Equal-budget A/B of the CME token budget (docs/speed.md, *The CME token budget*): from the same weights (a run folder or a
# shipped model, e.g. models/default), on the same build, seed, steps, batch 64, lr 1e-4, uniform draws: preset tiny
# (the CME reads all 64 image-grid tokens) against tiny-cme-pool2 (pooled 2x2: 16). Each arm is exported (its
# autoencoder is the initial weights', frozen in this stage) and scored on the same LIMIT val samples of VAL_DATA.
# Usage: bench/cme-pool-ab.sh INIT DATA VAL_DATA OUT_DIR [STEPS] [LIMIT] [DECODER_BLOCKS]
# (the rb-ov2 CME-budget A/B: bench/cme-pool-ab.sh models/default runs/data-ov44 runs/data-ov31 runs/ab13 600 600 4)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rb="${RB:-$here/reasonbrain}"
usage="usage: bench/cme-pool-ab.sh INIT DATA VAL_DATA OUT_DIR [STEPS] [LIMIT] [DECODER_BLOCKS]"
init="${1:?$usage}"; data="${2:?$usage}"; val="${3:?$usage}"; out="${4:?$usage}"
steps="${5:-600}"; limit="${6:-600}"; blocks="${7:-4}"
mkdir -p "$out"
source "$here/bench/ab-arm.sh"
t0=$(date +%s)
for preset in tiny-cme-pool2 tiny; do
  ab_arm "$preset" "$init" "$data" "$val" "$out" "$steps" "$limit" 1e-4 "" --preset "$preset" --decoder-blocks "$blocks"
done
