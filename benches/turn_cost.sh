#!/usr/bin/env bash
# What pricing turns costs: the 300 x 300 matrix step with free turns (the junction graph,
# benches/free-turns.toml) and with priced turns (maps/profile-van.toml, what plans use: the
# graph of turns), run alternately on the same files (a benchmark, not run in CI).
#
#   bash benches/road_scaling.sh     # first: it writes the maps and points used here
#   bash benches/turn_cost.sh
#   RUNS=7 MAPS="liechtenstein-tiled-100000" bash benches/turn_cost.sh
#
# Figures: median of RUNS runs of the matrix step (`map matrix --timings`: contraction and
# queries), the largest peak RSS of the whole process (GNU time), and the turns `map info`
# counts. Maps are target/road-scaling/NAME.osm.pbf with points-NAME-300.csv beside them;
# NAME liechtenstein-latest is the real extract in tests/data/osm.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
MAPS=${MAPS:-"liechtenstein-latest liechtenstein-tiled-100000 synth-multi-100000"}
DIR=target/road-scaling
JEMPOL=./target/release/jempol
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install -y time" >&2; exit 1; }
cargo build --release --quiet --bin jempol

# Prints "median_matrix_seconds peak_MB" of RUNS runs with one profile.
measure() {
  local profile=$1 map=$2 points=$3 steps=() peak=0
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%M" -o "$DIR/time" "$JEMPOL" map matrix --profile "$profile" "$map" \
      --points "$points" --out "$DIR/turn-cost.csv" --timings 2>"$DIR/err" >/dev/null
    steps+=("$(sed -nE 's/.*matrix ([0-9.]+) s.*/\1/p' "$DIR/err")")
    local kb
    kb=$(tail -1 "$DIR/time")
    ((kb > peak)) && peak=$kb
  done
  printf '%s\n' "${steps[@]}" | sort -g | awk -v peak="$peak" \
    '{a[NR] = $1} END {printf "%.3f %d\n", a[int((NR + 1) / 2)], peak / 1024}'
}

echo "\`RUNS=$RUNS bash benches/turn_cost.sh\`, $(date -u '+%Y-%m-%d %H:%M') UTC, load average" \
  "$(cut -d' ' -f1-3 /proc/loadavg) at the start; jempol $(git rev-parse --short HEAD)"
echo
echo "| map | vertices | turns | free s | priced s | priced / free | free MB | priced MB |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for name in $MAPS; do
  map="$DIR/$name.osm.pbf"
  [ "$name" = liechtenstein-latest ] && map=tests/data/osm/liechtenstein-latest.osm.pbf
  points="$DIR/points-$name-300.csv"
  [ -s "$map" ] && [ -s "$points" ] || { echo "missing $map or $points: run benches/road_scaling.sh" >&2; exit 1; }
  info=$("$JEMPOL" map info --json "$map")
  read -r free free_mb < <(measure benches/free-turns.toml "$map" "$points")
  read -r priced priced_mb < <(measure maps/profile-van.toml "$map" "$points")
  echo "| $name | $(jq .vertices <<<"$info") | $(jq .turns <<<"$info") | $free | $priced" \
    "| $(awk -v a="$priced" -v b="$free" 'BEGIN {printf "%.1f", a / b}') | $free_mb | $priced_mb |"
done
