#!/usr/bin/env bash
# Runs the gate on the examples from a fresh machine: prepares the Docker engine and base image, then
# gates the passing example (Go on scratch, non-root) and the failing one (Go on Debian, root).
# Uses the committed bundle, so no npm install is needed.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-docker.sh || exit 2

echo '### examples/go-scratch: expected to pass'
node dist/cli/index.js --quiet --max-size 25MB --max-startup-time 1s examples/go-scratch
passing_exit=$?
echo
echo '### examples/go-debian-root: expected to fail (size and root)'
node dist/cli/index.js --quiet --max-size 25MB --max-startup-time 1s examples/go-debian-root
failing_exit=$?
echo
echo "exit codes: go-scratch=$passing_exit (expected 0), go-debian-root=$failing_exit (expected 1)"
[ "$passing_exit" = 0 ] && [ "$failing_exit" = 1 ]
