#!/usr/bin/env bash
# The test command: the JUnit suites of every module, then the real-client tests of the edit server
# (the openai npm package and headless Chromium through playwright-core).
# `./test.sh spark` runs the optional Spark module's tests (local mode) instead; CI runs both.
set -euo pipefail
cd "$(dirname "$0")"
# As the launcher: oneDNN at AVX (its AVX2 / AVX-512 convolution gradients are NaN now and then on some CPUs).
export ONEDNN_MAX_CPU_ISA="${ONEDNN_MAX_CPU_ISA:-AVX}"
if [[ "${1:-}" == "spark" ]]; then
  mvn -B -ntp -q -DskipTests install
  mvn -B -ntp -Pspark -pl spark test
  exit 0
fi
mvn -B -ntp test
# The launcher the web tests use needs the installed jars.
mvn -B -ntp -q -DskipTests install
touch app/target/.built
web-tests/run.sh
