#!/usr/bin/env bash
# Coverage-guided fuzzing of the parsers the project owns, with Jazzer (JUnit @FuzzTest), one target at a
# time for the duration in its annotation (60 s). A finding is written by Jazzer next to the committed
# inputs (src/test/resources/.../<Test>Inputs/<method>/), so it becomes a regression input of every test
# run once committed. Prints executions/s and findings per target. Usage: bench/fuzz.sh [TARGET...]
set -uo pipefail
cd "$(dirname "$0")/.."
targets=("$@")
[[ $# -eq 0 ]] && targets=(core:ImageIntakeFuzzTest core:SafetensorsFuzzTest data:ManifestFuzzTest app:MultipartFuzzTest train:RunFolderFuzzTest)
mvn -B -ntp -q -DskipTests install >/dev/null
for t in "${targets[@]}"; do
  module="${t%%:*}"; test="${t#*:}"
  log="$(mktemp)"
  JAZZER_FUZZ=1 mvn -B -ntp -pl "$module" test -Dtest="$test" >"$log" 2>&1
  rc=$?
  execs=$(grep -oE 'exec/s: [0-9]+' "$log" | tail -1)
  runs=$(grep -oE '^#[0-9]+' "$log" | tail -1)
  findings=$(grep -c 'FuzzTestFindingException\|== Java Exception' "$log")
  echo "$test: ${runs:-#?} inputs, ${execs:-exec/s: ?}, findings: $findings (exit $rc; log $log)"
done
