#!/usr/bin/env bash
# Spark against plain threads on this machine: the same SAMPLES-sample build (seed 5, 64 px) with the local
# builder (one thread per core) and with ./reasonbrain-spark on MASTER (default local[2]), checked
# byte-identical; then the eval of EVAL test-id samples of that build with the default model both ways.
# Prints samples/s for each. Usage: bench/spark.sh [SAMPLES] [EVAL] [MASTER]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
samples="${1:-20000}"
evaln="${2:-400}"
master="${3:-local[2]}"
work="${WORK:-$here/runs/bench-spark}"
rm -rf "$work"; mkdir -p "$work"
rate() { python3 -c "print(f'{$1/$2:.1f}')"; }

t0=$(date +%s.%N)
"$here/reasonbrain" data build --out "$work/local" --samples "$samples" --seed 5 --size 64 2>/dev/null | grep "^built"
t1=$(date +%s.%N)
"$here/reasonbrain-spark" data build --master "$master" --out "$work/spark" --samples "$samples" --seed 5 --size 64 2>/dev/null | grep "^built"
t2=$(date +%s.%N)
if diff -rq "$work/local" "$work/spark" >/dev/null; then same=identical; else same=DIFFERENT; fi
lb=$(python3 -c "print($t1-$t0)"); sb=$(python3 -c "print($t2-$t1)")
echo "build $samples samples: local $(rate "$samples" "$lb") samples/s (${lb%.*} s wall, JVM start included); spark $master $(rate "$samples" "$sb") samples/s (${sb%.*} s wall, Spark start included); outputs $same"

t0=$(date +%s.%N)
"$here/reasonbrain" eval --data "$work/local" --split test-id --limit "$evaln" --out "$work/eval-local" 2>/dev/null | tail -1
t1=$(date +%s.%N)
"$here/reasonbrain-spark" eval --master "$master" --data "$work/local" --split test-id --limit "$evaln" --out "$work/eval-spark" 2>/dev/null | tail -1
t2=$(date +%s.%N)
le=$(python3 -c "print($t1-$t0)"); se=$(python3 -c "print($t2-$t1)")
echo "eval $evaln samples: local $(rate "$evaln" "$le") samples/s (${le%.*} s); spark $master $(rate "$evaln" "$se") samples/s (${se%.*} s)"
