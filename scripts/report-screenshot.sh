#!/usr/bin/env bash
# Plans the default week in Bahasa Indonesia (on the stand-in road map) and saves Chromium
# screenshots of report.html at 1400 px and 412 px (a phone) and of the day sheets at 412 px:
# docs/report-1400.png (the README's picture), docs/report-412.png, docs/day-sheet-412.png.
# Needs Debian's chromium (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
profile=$(mktemp -d)
trap 'rm -rf "$out" "$profile"' EXIT
cargo run --release --quiet -- plan scenarios/magetan-week.toml --lang id --out "$out" >/dev/null
shot() { # width height page png
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
    --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
    --window-size="$1,$2" --screenshot="$PWD/docs/$4" "file://$out/$3" 2>/dev/null
  echo "wrote docs/$4"
}
shot 1400 1500 report.html report-1400.png
shot 412 2400 report.html report-412.png
shot 412 1600 day-sheets.html day-sheet-412.png
