#!/usr/bin/env bash
# Runs the whole test suite from a fresh machine: Docker engine and base images, npm dependencies,
# then the unit tests and the end-to-end tests against the real engine (which run the bundled dist/).
set -euo pipefail
cd "$(dirname "$0")/.."
WITH_REGISTRY=1 bash scripts/setup-docker.sh
npm ci --no-audit --no-fund
npm test
