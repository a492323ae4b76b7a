#!/usr/bin/env bash
# Plans the default week (on the stand-in road map) and saves a screenshot of its report.html
# as docs/report.png (the picture in the README). Needs Debian's chromium (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
profile=$(mktemp -d)
trap 'rm -rf "$out" "$profile"' EXIT
cargo run --quiet -- plan scenarios/magetan-week.toml --out "$out" >/dev/null
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
  --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
  --window-size=1280,1350 --screenshot="$PWD/docs/report.png" "file://$out/report.html" 2>/dev/null
echo "wrote docs/report.png"
