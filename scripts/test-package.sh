#!/usr/bin/env bash
# The npm package as a user gets it. `npm pack`, then `npm install -g` of the tarball into an empty prefix with an
# empty npm cache and --offline: an install that had to resolve a single dependency would fail, so this also proves
# that the bundle carries everything. Then the installed image-size-gate, run from outside the checkout: --version
# prints package.json's version, --help lists the flags, `npx` (npm exec) runs it from the tarball too, and when a
# Docker engine answers it gates examples/go-scratch.
#
# Leaves nothing behind: the tarball, prefix, cache and report live in one temporary directory that is removed, and
# the image the gate built is removed with those of its parent images that did not exist before the run (BuildKit
# keeps its cache outside the image list; the classic builder's build-stage images stay as build cache, as after
# any build). An image that was already there is never touched.
#
# REQUIRE_DOCKER=1 makes a missing engine a failure instead of a skip (.ci/run sets it: scripts/test.sh started
# the legacy engine on the standard socket).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
started=$SECONDS

work="$(mktemp -d "${TMPDIR:-/tmp}/isg-package-XXXXXX")"
built_image=''
images_before="$work/images-before"
cleanup() {
  local status=$?
  if [ -n "$built_image" ]; then remove_built_image || status=1; fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

fail() {
  echo "test-package: $*" >&2
  exit 1
}

# The built image and then its parents, children first, each only when it was not in the engine before the run.
remove_built_image() {
  local image="$built_image" parent
  built_image=''
  while [ -n "$image" ]; do
    parent="$(docker image inspect --format '{{.Parent}}' "$image" 2>/dev/null || true)"
    if grep -qxF "$image" "$images_before"; then
      break # it was there before: so are its parents
    fi
    docker image rm --no-prune "$image" >/dev/null || {
      echo "test-package: could not remove $image" >&2
      return 1
    }
    image="$parent"
  done
}

version="$(node -p "require('./package.json').version")"
export npm_config_cache="$work/npm-cache" npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

echo "== npm pack (image-size-gate $version)"
tarball_name="$(npm pack --silent --pack-destination "$work")"
tarball="$work/$tarball_name"
[ "$tarball_name" = "image-size-gate-$version.tgz" ] || fail "npm pack wrote $tarball_name, expected image-size-gate-$version.tgz"
bytes=$(wc -c <"$tarball")
unpacked=$(tar -xOzf "$tarball" | wc -c)
files="$(tar -tzf "$tarball" | sed 's|^package/||' | sort)"
echo "$files" | sed 's/^/  /'
echo "  $bytes bytes packed, $unpacked unpacked"
[ "$unpacked" -lt 4000000 ] || fail "the package unpacks to $unpacked bytes: keep it under 4 MB"
for wanted in package.json README.md LICENSE CHANGELOG.md image-size-gate.schema.json dist/cli/index.js dist/cli/licenses.txt dist/gzip-worker/index.js; do
  echo "$files" | grep -qxF "$wanted" || fail "the package lacks $wanted"
done
if echo "$files" | grep -E '^(src|__tests__|bench|examples|scripts|docs|dist/main|dist/post|node_modules)/'; then
  fail 'the package holds the files above, which only the checkout needs: see "files" in package.json'
fi
tar -xOzf "$tarball" package/package.json | node -e '
  const manifest = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const runtime = ["dependencies", "optionalDependencies", "peerDependencies", "bundleDependencies"]
    .filter((field) => Object.keys(manifest[field] ?? {}).length > 0);
  if (runtime.length) throw new Error(`the packed package.json lists ${runtime.join(", ")}: dist/cli bundles everything`);
  if (manifest.private) throw new Error("the packed package.json is private: npm publish would refuse it");
'

echo "== npm install -g into an empty prefix, offline, with an empty cache"
prefix="$work/prefix"
npm install --global --prefix "$prefix" --offline --no-audit --no-fund --loglevel=error "$tarball" >/dev/null
bin="$prefix/bin/image-size-gate"
[ -x "$bin" ] || fail "npm install -g put no executable at $bin"
mkdir "$work/elsewhere"
cd "$work/elsewhere" # nothing of the checkout (its node_modules, its dist/) is on the way from here

installed_version="$("$bin" --version)"
[ "$installed_version" = "$version" ] || fail "image-size-gate --version printed '$installed_version', expected '$version'"
echo "image-size-gate --version: $installed_version"
help="$("$bin" --help)"
for flag in --max-size --max-startup-time --config --json --version; do
  grep -qF -- "$flag " <<<"$help" || fail "image-size-gate --help does not list $flag"
done
echo "image-size-gate --help: $(wc -l <<<"$help") lines, the flags listed"
npx_version="$(npm exec --yes --offline --package "$tarball" -- image-size-gate --version)"
[ "$npx_version" = "$version" ] || fail "npx image-size-gate --version printed '$npx_version', expected '$version'"
echo "npx image-size-gate --version (from the tarball): $npx_version"

if ! docker info >/dev/null 2>&1; then
  [ "${REQUIRE_DOCKER:-0}" = 1 ] && fail 'no Docker engine answers (docker info), and REQUIRE_DOCKER=1'
  echo '== no Docker engine answers: not gating examples/go-scratch'
else
  echo "== the installed image-size-gate gates examples/go-scratch"
  docker images --all --quiet --no-trunc | sort -u >"$images_before"
  containers_before="$(docker ps --all --quiet --no-trunc --filter label=image-size-gate.owner | sort)"
  status=0
  "$bin" --json --quiet --max-size 25MB --require-non-root true --smoke-path /healthz --smoke-expect-body ok \
    "$repo/examples/go-scratch" >"$work/report.json" || status=$?
  built_image="$(node -e 'try { console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).image.id) } catch {}' "$work/report.json")"
  [ "$status" = 0 ] || fail "the gate exited $status on examples/go-scratch (0 expected): $(head -c 2000 "$work/report.json")"
  node -e '
    const report = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const failed = report.checks.filter((check) => check.verdict === "fail").map((check) => check.label);
    if (!report.passed || failed.length) throw new Error(`the report says failed: ${failed.join(", ")}`);
    if (!(report.image.sizeBytes > 0 && report.image.sizeBytes < 25e6)) throw new Error(`size ${report.image.sizeBytes}`);
    if (!report.image.nonRoot || report.smoke?.passed !== true) throw new Error("root, or no passing smoke test");
    console.log(`passed: ${report.image.sizeBytes} B, ${report.image.layerCount} layers, user ${report.image.user}, ` +
      `answered in ${report.smoke?.startupMs} ms, image ${report.image.id.slice(7, 19)}`);
  ' "$work/report.json"
  remove_built_image
  containers_after="$(docker ps --all --quiet --no-trunc --filter label=image-size-gate.owner | sort)"
  [ "$containers_after" = "$containers_before" ] || fail "the gate left containers: $(comm -13 <(echo "$containers_before") <(echo "$containers_after"))"
fi
echo "test-package: passed in $((SECONDS - started)) s"
