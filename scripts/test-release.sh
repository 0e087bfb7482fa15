#!/usr/bin/env bash
# The release script's dry run, as CI runs it: scripts/release.sh --dry-run for the next minor version must
# prepare the release in a throw-away clone and leave this checkout as it was (no change, no new tag). Right after
# a release, when CHANGELOG.md lists nothing under Unreleased, it must refuse instead, saying why.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

IFS=. read -r major minor _ <<<"$(node -p "require('./package.json').version")"
next="$major.$((minor + 1)).0"
head_before="$(git rev-parse HEAD)"
tags_before="$(git tag --list | sort)"
refusal="$(mktemp)"
trap 'rm -f "$refusal"' EXIT

if node scripts/release.mjs unreleased >/dev/null 2>&1; then
  bash scripts/release.sh --dry-run "$next"
else
  if bash scripts/release.sh --dry-run "$next" 2>"$refusal"; then
    echo "test-release: release.sh --dry-run $next went ahead with nothing listed under Unreleased" >&2
    exit 1
  fi
  grep -q 'under Unreleased' "$refusal" || {
    cat "$refusal" >&2
    exit 1
  }
  echo "test-release: nothing under Unreleased, and release.sh --dry-run $next refused: $(head -1 "$refusal")"
fi

[ "$(git rev-parse HEAD)" = "$head_before" ] || { echo 'test-release: the dry run moved HEAD' >&2; exit 1; }
[ "$(git tag --list | sort)" = "$tags_before" ] || { echo 'test-release: the dry run made a tag here' >&2; exit 1; }
[ -z "$(git status --porcelain)" ] || { git status --short >&2; echo 'test-release: the dry run changed the checkout' >&2; exit 1; }
echo "test-release: passed in $((SECONDS - started)) s"
