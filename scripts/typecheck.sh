#!/usr/bin/env bash
# Type-checks each part with its own rules: the pure engine (no DOM, no ambient types), the
# panel UI (DOM, no host APIs), each host, and the rest of the repo (Node + jest).
set -euo pipefail
configs=(core/tsconfig.json panel/tsconfig.json tsconfig.json)
for f in excel-addin/tsconfig*.json gsheets/tsconfig*.json; do [ -f "$f" ] && configs+=("$f"); done
for c in "${configs[@]}"; do
  [ -f "$c" ] || continue
  npx tsc -p "$c" --noEmit || { echo "typecheck failed: $c" >&2; exit 1; }
done
