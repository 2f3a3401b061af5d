#!/usr/bin/env bash
# Benchmark: a Reason50K-size ReasonWorld build (51,039 samples at 64 px, all splits and distractors).
# Prints samples per second; the dataset goes to a temporary folder that is removed afterwards.
# Run it alone: a second heavy job on a 2-core machine distorts the number.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
samples="${1:-51039}"
out="$(mktemp -d)/reasonworld"
trap 'rm -rf "$(dirname "$out")"' EXIT
echo "cores: $(nproc), samples: $samples, size: 64"
time "$here/reasonbrain" data build --out "$out" --samples "$samples" --seed 1 --size 64
echo "dataset size: $(du -sh "$out" | cut -f1), files: $(find "$out" -type f | wc -l)"
