#!/usr/bin/env bash
# Builds the fuzz seed corpus (not committed): the XML fixtures, compressed copies, and a
# small real PBF cut from Liechtenstein with osmium (dense and plain nodes).
set -euo pipefail
cd "$(dirname "$0")"
corpus=corpus/osm_readers
mkdir -p "$corpus"
for f in ../tests/fixtures/*.osm; do
  name=$(basename "$f")
  cp "$f" "$corpus/$name"
  gzip -c "$f" > "$corpus/$name.gz"
  bzip2 -c "$f" > "$corpus/$name.bz2"
done
src=../tests/data/osm/liechtenstein-latest.osm.pbf
osmium extract -O -b 9.52,47.138,9.522,47.14 "$src" -o "$corpus/vaduz-dense.osm.pbf"
osmium cat -O "$corpus/vaduz-dense.osm.pbf" -o "$corpus/vaduz-plain.osm.pbf" \
  -f pbf,pbf_dense_nodes=false,pbf_compression=none
ls -l "$corpus"

# The stops CSV reader: the test week's stops and the generated Magetan stops.
mkdir -p corpus/stops_csv
cp ../tests/data/small-stops.csv ../scenarios/magetan-stops.csv corpus/stops_csv/
# The plan.json reader: a plan of the test week (the target verifies against that week).
mkdir -p corpus/plan_json
cargo run --quiet --release --manifest-path ../Cargo.toml -- plan ../tests/data/small-week.toml \
  --out corpus/plan-json-out --iterations 40
cp corpus/plan-json-out/plan.json corpus/plan_json/small-week.json
rm -r corpus/plan-json-out
ls -l corpus/stops_csv corpus/plan_json
