#!/usr/bin/env bash
# Starts an edit server on the shipped default model, runs the real-client tests against it, stops it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="$(mktemp -d)"
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
"$root/reasonbrain" serve --port 0 --port-file "$work/port" > "$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  [[ -s "$work/port" ]] && curl -sf "http://127.0.0.1:$(cat "$work/port")/healthz" >/dev/null && break
  sleep 0.5
done
[[ -s "$work/port" ]] || { cat "$work/server.log"; echo "server did not start" >&2; exit 1; }
export BASE_URL="http://127.0.0.1:$(cat "$work/port")"
mkdir -p "$root/app/target"
passed=0
failed=0
for t in openai-client.mjs page.mjs; do
  if SCREENSHOT="$root/app/target/page.png" node "$here/$t"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "web-tests: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
