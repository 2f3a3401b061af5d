#!/usr/bin/env bash
# The project speaks of itself only: runs are named by model id (rb-pc31, ...), date or commit, never by a
# numbered work period. Fails, naming file and line, when a tracked file's text or path does.
# The pattern is built from pieces so that this file does not match itself.
set -euo pipefail
cd "$(dirname "$0")/.."
word="sess""ion"
text_pattern="\\b${word}s? ?(#|no\\.? ?)?[0-9]+"
path_pattern="${word}s?[-_ ]?[0-9]+"
status=0
if hits=$(git grep -nIiE "$text_pattern" -- . ':!scripts/check-self-reference.sh'); then
  echo "$hits" | sed 's/^/self-reference: /' >&2
  status=1
fi
if paths=$(git ls-files | grep -iE "$path_pattern"); then
  echo "$paths" | sed 's/^/self-reference in a path: /' >&2
  status=1
fi
if [[ $status -ne 0 ]]; then
  echo "check-self-reference: the lines above name a numbered work period; name the run by model id, date or commit" >&2
fi
exit $status
