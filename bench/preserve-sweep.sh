#!/usr/bin/env bash
# Chooses the --preserve threshold on the val split of a training build (never on a test build): the same LIMIT val
# samples edited with each threshold, default guidance and seed. Usage: bench/preserve-sweep.sh MODEL_DIR DATA OUT [LIMIT] [THRESHOLDS...]
set -euo pipefail
usage="usage: bench/preserve-sweep.sh MODEL_DIR DATA OUT [LIMIT] [THRESHOLDS...]"
model="${1:?$usage}"; data="${2:?$usage}"; out="${3:?$usage}"; limit="${4:-300}"
shift $(( $# < 4 ? $# : 4 ))
[[ $# -gt 0 ]] || set -- 0 0.05 0.1 0.2 0.4
exec "$(dirname "$0")/sampling-sweep.sh" "$model" "$data" "$out" "$limit" preserve "$@"
