#!/usr/bin/env bash
# Runs the suite's fast part (engine, CLI and README tests: no browser, no LibreOffice, no
# bundles) on other Node.js releases, using the `node` package from the npm registry, which
# ships the official binaries. Usage: bash scripts/test-on-node.sh [major...] (default: 22 24).
# The first run downloads each release once into npm's cache; later runs reuse it.
set -euo pipefail
cd "$(dirname "$0")/.."
versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(22 24)
for v in "${versions[@]}"; do
  # The binary's path only: running the tests under `npx -p` would leak npm_config_package
  # into every npx the tests start.
  bin=$(npx --yes -p "node@$v" -- node -e 'process.stdout.write(process.execPath)')
  echo "== Node.js $v: $("$bin" --version) ($bin)" >&2
  PATH="$(dirname "$bin"):$PATH" "$bin" node_modules/jest/bin/jest.js \
    --testPathIgnorePatterns /node_modules/ /dist/ libreoffice -- core/ cli/ test/readme.test.ts test/install.test.ts \
    || { echo "test-on-node: the fast tests failed on Node.js $v" >&2; exit 1; }
done
