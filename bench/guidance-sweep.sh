#!/usr/bin/env bash
# Sampling-time lever: text and image guidance scales of the three-way classifier-free guidance, scored on
# the val split of the training build (never trained on; the unseen-seed test build stays untouched for the
# final numbers). Writes OUT/sweep.csv and OUT/sweep.md.
# Usage: bench/guidance-sweep.sh MODEL DATA OUT [LIMIT] ["T1 T2 ..."] ["I1 I2 ..."]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rb="${RB:-$here/reasonbrain}"
model="${1:?usage}"; data="${2:?usage}"; out="${3:?usage}"
limit="${4:-300}"
texts="${5:-3 5 7.5 10}"
images="${6:-1 1.5 2.5}"
mkdir -p "$out"
echo "text,image,samples,lenient,lenient_lo,lenient_hi,strict,id_ssim,seconds" > "$out/sweep.csv"
for t in $texts; do
  for i in $images; do
    t0=$(date +%s)
    "$rb" eval --model "$model" --data "$data" --split val --limit "$limit" --no-clip --text-guidance "$t" --image-guidance "$i" \
      --out "$out/t$t-i$i" 2>/dev/null >/dev/null
    python3 - "$out/t$t-i$i/report.json" "$t" "$i" "$(( $(date +%s) - t0 ))" >> "$out/sweep.csv" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
s = r["by_split"]["val"]
print(f'{sys.argv[2]},{sys.argv[3]},{s["samples"]:.0f},{s["accuracy_lenient"]:.3f},{s["accuracy_lenient_lo"]:.3f},'
      f'{s["accuracy_lenient_hi"]:.3f},{s["accuracy_strict"]:.3f},{s["id_ssim"]:.3f},{sys.argv[4]}')
PY
    tail -1 "$out/sweep.csv"
  done
done
python3 - "$out/sweep.csv" > "$out/sweep.md" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print("| text | image | lenient [95%] | strict | id SSIM |")
print("|---|---|---|---|---|")
for r in rows:
    print(f'| {r["text"]} | {r["image"]} | {r["lenient"]} [{r["lenient_lo"]}-{r["lenient_hi"]}] | {r["strict"]} | {r["id_ssim"]} |')
PY
cat "$out/sweep.md"
