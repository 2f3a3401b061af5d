#!/usr/bin/env bash
# The test command: the JUnit suites of every module, then the real-client tests of the edit server
# (the openai npm package and headless Chromium through playwright-core).
# `./test.sh spark` runs the optional Spark module's tests (local mode) instead; CI runs both.
set -euo pipefail
cd "$(dirname "$0")"
# As the launcher: oneDNN at AVX (its AVX2 / AVX-512 convolution gradients are NaN now and then on some CPUs).
export ONEDNN_MAX_CPU_ISA="${ONEDNN_MAX_CPU_ISA:-AVX}"
# The project names its runs by model id, date or commit, never by numbered work periods.
scripts/check-self-reference.sh
if [[ "${1:-}" == "spark" ]]; then
  mvn -B -ntp -q -DskipTests install
  mvn -B -ntp -Pspark -pl spark test
  exit 0
fi
# The web tests need Node.js/npm, curl and Chromium (web-tests/page.mjs launches $CHROMIUM, default
# /usr/bin/chromium). Checked before the long Maven run: as root they are installed with apt (as .ci/run
# does); otherwise the test stops at once with the command to run.
chromium="${CHROMIUM:-/usr/bin/chromium}"
need=()
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
command -v curl >/dev/null || need+=(curl)
[[ -x "$chromium" ]] || need+=(chromium)
if [[ ${#need[@]} -gt 0 ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "test.sh: installing ${need[*]} for the web tests (apt-get)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "test.sh: the web tests need ${need[*]}, which this machine lacks. Install them, then rerun:" >&2
    echo "  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${need[*]}" >&2
    [[ " ${need[*]} " == *" chromium "* ]] && echo "  (or point CHROMIUM at a Chromium binary: CHROMIUM=/path/to/chromium ./test.sh)" >&2
    exit 1
  fi
fi
[[ -x "$chromium" ]] || { echo "test.sh: $chromium is still missing after the install; set CHROMIUM=/path/to/chromium" >&2; exit 1; }
mvn -B -ntp test
# The launcher the web tests use needs the installed jars.
mvn -B -ntp -q -DskipTests install
touch app/target/.built
web-tests/run.sh
