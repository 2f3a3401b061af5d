#!/usr/bin/env bash
# Equal-budget A/B of family oversampling (docs/training-levers.md, *Family oversampling*): from the same weights, on the same build,
# seed, steps, batch 64, lr 1.5e-4; uniform draws against rb-ov's factors; each arm exported with the decoder
# and scored on the same LIMIT val samples. Usage: bench/oversample-ab.sh INIT_RUN DATA DECODER_RUN OUT_DIR [STEPS] [LIMIT]
# (the A/B from rb-hob: bench/oversample-ab.sh runs/rb-hob runs/data-ov31 runs/decoder3 runs/ab12 800 600)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rb="${RB:-$here/reasonbrain}"
init="${1:?usage: bench/oversample-ab.sh INIT_RUN DATA DECODER_RUN OUT_DIR [STEPS] [LIMIT]}"
data="${2:?usage}"; decoder="${3:?usage}"; out="${4:?usage}"
steps="${5:-800}"; limit="${6:-600}"
factors="magic-bean=3,tap=3,switch=3,ripen=3,bloom=3,window=3,burn=2,slope=2,wind=2,dominoes=2"
mkdir -p "$out"
source "$here/bench/ab-arm.sh"
t0=$(date +%s)
ab_arm uniform "$init" "$data" "$data" "$out" "$steps" "$limit" 1.5e-4 "--decoder $decoder"
ab_arm oversampled "$init" "$data" "$data" "$out" "$steps" "$limit" 1.5e-4 "--decoder $decoder" --oversample "$factors"
