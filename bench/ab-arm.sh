# Sourced by the equal-budget A/B scripts (bench/oversample-ab.sh, bench/cme-pool-ab.sh): one arm trained from
# INIT on DATA, exported, and scored on LIMIT val samples of VAL_DATA.
# ab_arm NAME INIT DATA VAL_DATA OUT_DIR STEPS LIMIT LR "EXPORT_ARGS" [TRAIN_ARGS...]; needs $rb and $t0.
ab_arm() {
  local name="$1" init="$2" data="$3" val="$4" out="$5" steps="$6" limit="$7" lr="$8" export_args="$9"
  shift 9
  "$rb" train --stage reasonbrain --data "$data" --out "$out/run-$name" --init "$init" --steps "$steps" --batch 64 \
    --lr "$lr" --save-every 300 "$@" > "$out/train-$name.log" 2>&1
  echo "$name trained $(( $(date +%s) - t0 )) s"
  # shellcheck disable=SC2086
  "$rb" model export --run "$out/run-$name" $export_args --out "$out/model-$name" > /dev/null
  "$rb" eval --model "$out/model-$name" --data "$val" --split val --limit "$limit" --no-clip --out "$out/val-$name" \
    2> "$out/val-$name.log" | tail -1
  echo "$name scored $(( $(date +%s) - t0 )) s"
}
