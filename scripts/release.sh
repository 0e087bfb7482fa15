#!/usr/bin/env bash
# Prepares release X.Y.Z on the current commit, as actions/typescript-action's script/release does for its
# template, plus what this repository needs: the version in package.json and the lock file, CHANGELOG.md's
# Unreleased section moved under "## [X.Y.Z] - <today>", dist/ rebuilt (the CLI bundles the version) and the
# generated docs rewritten, one commit "Release vX.Y.Z" and an annotated tag vX.Y.Z. It pushes nothing: it prints
# the push, and the tag's push starts .github/workflows/release.yml (the GitHub release, the moving tags vX and
# vX.Y, npm). docs/releasing.md describes the whole process.
#
#   scripts/release.sh X.Y.Z             prepare the release here
#   scripts/release.sh --dry-run X.Y.Z   the same checks and steps in a throw-away clone of this commit, then
#                                        what the commit holds, the release notes and the tags that would move;
#                                        nothing here changes (the clone is removed)
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"

dry_run=0
version=''
for arg in "$@"; do
  case "$arg" in
    --dry-run) dry_run=1 ;;
    -h | --help)
      sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    -*)
      echo "release: unknown option $arg" >&2
      exit 2
      ;;
    *) version="$arg" ;;
  esac
done
if [ -z "$version" ]; then
  echo 'usage: scripts/release.sh [--dry-run] X.Y.Z' >&2
  exit 2
fi
version="${version#v}"

step() { echo "== $*"; }

step "checks for release $version"
if [ -n "$(git status --porcelain)" ]; then
  git status --short >&2
  echo 'release: the working tree has changes: commit or stash them first (the release commit holds only the release)' >&2
  exit 1
fi
[ -d node_modules ] || {
  echo 'release: no node_modules: run npm ci first (the release rebuilds dist/)' >&2
  exit 1
}
node scripts/release.mjs check-new "$version"
head="$(git rev-parse HEAD)"
branch="$(git symbolic-ref --quiet --short HEAD || echo '(detached HEAD)')"
echo "release $version from $head on $branch; package.json says $(node -p "require('./package.json').version")"
echo 'changes listed under Unreleased:'
node scripts/release.mjs unreleased | sed 's/^/  /'

if [ "$dry_run" = 1 ]; then
  work="$(mktemp -d "${TMPDIR:-/tmp}/isg-release-XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  step "dry run: a throw-away clone of $head in $work"
  git clone --quiet --no-hardlinks --no-checkout "$repo" "$work/clone"
  git -C "$work/clone" checkout --quiet --detach "$head"
  # The clone has this repository's tags (git clone fetches them). Its node_modules is a copy of this one, of
  # hard links where the file system allows (nothing in a build writes into node_modules): a symlink would
  # make the bundler see the modules outside the clone and name dist/main's chunks differently.
  cp -al "$repo/node_modules" "$work/clone/node_modules" 2>/dev/null || cp -a "$repo/node_modules" "$work/clone/node_modules"
  cd "$work/clone"
  if [ -z "$(git config user.email || true)" ]; then
    export GIT_AUTHOR_NAME='release dry run' GIT_AUTHOR_EMAIL='dry-run@example.invalid'
    export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
  fi
fi

today="$(date -u +%Y-%m-%d)"
step "package.json, package-lock.json and CHANGELOG.md say $version ($today)"
node scripts/release.mjs bump "$version" "$today"
node scripts/release.mjs verify "$version"

step 'dist/ rebuilt (npm run package) and the generated docs rewritten (npm run docs)'
npm run --silent package >/dev/null
npm run --silent docs >/dev/null
node dist/cli/index.js --version | grep -qxF "$version" || {
  echo "release: the rebuilt CLI does not say $version" >&2
  exit 1
}
# A release commit holds the release and nothing else: a source change that had not been packaged yet would
# show up here as a changed bundle of the action (dist/main, dist/post) or a changed generated file.
expected=$'CHANGELOG.md\ndist/cli/index.js\ndist/source-stamp.txt\npackage-lock.json\npackage.json'
changed="$(git status --porcelain | cut -c4- | sort)"
if [ "$changed" != "$expected" ]; then
  echo "release: the release would change these files:" >&2
  echo "$changed" | sed 's/^/  /' >&2
  echo "release: expected exactly: $(echo "$expected" | tr '\n' ' ')(commit the sources' own rebuild first)" >&2
  exit 1
fi
git diff --stat | sed 's/^/  /'

step "commit \"Release v$version\" and annotated tag v$version"
git add -- $expected
git commit --quiet -m "Release v$version" -m "CHANGELOG.md's Unreleased section becomes $version; package.json and the lock file say $version; dist/ rebuilt, so the CLI's --version says it."
git tag --annotate "v$version" --message "v$version"
release_sha="$(git rev-parse HEAD)"
git log --oneline -1 | sed 's/^/  /'

step "what the release workflow then does with v$version"
plan="$(node scripts/release.mjs plan "$version")"
value() { sed -n "s/^$1=//p" <<<"$plan"; }
echo "  GitHub release v$version (immutable once published), its notes:"
node scripts/release.mjs notes "$version" "$release_sha" image-size-gate/image-size-gate | sed 's/^/    | /'
if [ "$(value move-major)" = true ]; then echo "  moves $(value major-tag) to $release_sha"; else echo "  leaves $(value major-tag): a newer release of that line exists"; fi
if [ "$(value move-minor)" = true ]; then echo "  moves $(value minor-tag) to $release_sha"; else echo "  leaves $(value minor-tag): a newer release of that line exists"; fi
echo "  npm publish --provenance of image-size-gate@$version with the dist-tag $(value npm-tag)"

if [ "$dry_run" = 1 ]; then
  step "dry run: nothing changed in $repo; the clone is removed"
else
  step 'next: push the commit and the tag (the tag starts the release workflow)'
  if [ "$branch" = '(detached HEAD)' ]; then
    echo "  git push origin HEAD:refs/heads/<branch> && git push origin v$version"
  else
    echo "  git push origin $branch && git push origin v$version"
  fi
fi
