#!/usr/bin/env bash
# Peak memory of `jempol map import` as the source grows (not run in CI).
#
# Generates synthetic extracts of growing size (examples/synthetic_grid.rs: a jittered grid
# around Magetan, written with jempol's PBF writer), clips each to the real Magetan boundary
# with jempol and, as the peer, with `osmium extract -s complete_ways`, and prints one table
# row per size: median wall time of RUNS runs and the largest peak RSS (/usr/bin/time -v).
# The grid spacing is fixed, so the boundary keeps the same nodes at every size: memory that
# grows with the source would show as a growing peak.
#
#   bash benches/import_memory.sh                       # 7.5M, 30M, 120M nodes (~50/200/800 MB)
#   NODES="2000000 8000000" RUNS=1 bash benches/import_memory.sh
#
# Measured 2026-11-28 on the shared 2-core machine (load average ~14: other builds running, so
# the seconds are noisy; the peak memory is the figure to read), RUNS=3:
#   source_MB source_nodes kept_nodes jempol_s   jempol_MB    osmium_s   osmium_MB
#   51        7502121      679891     9.83       129          9.08       127
#   207       30008484     679750     31.44      157          31.6       126
#   851       120012025    678349     118.46     157          93.83      131
#
# Needs osmium-tool and GNU time (apt-get install -y osmium-tool time). The files go to
# target/bench-import (about 1.1 GB for the default sizes; kept for re-runs).
set -euo pipefail
cd "$(dirname "$0")/.."
NODES=${NODES:-"7500000 30000000 120000000"}
RUNS=${RUNS:-3}
DIR=target/bench-import
BOUNDARY=../shared/magetan/kabupaten-boundary.geojson
mkdir -p "$DIR"
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install -y time" >&2; exit 1; }
command -v osmium >/dev/null || { echo "needs osmium: apt-get install -y osmium-tool" >&2; exit 1; }
cargo build --release --quiet --bin jempol --example synthetic_grid

# Runs a command RUNS times; prints "median_seconds peak_mb" and keeps the last stdout in $DIR/out.
measure() {
  local times=() peak=0
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -v -o "$DIR/time" "$@" >"$DIR/out" 2>"$DIR/err" || { cat "$DIR/err" >&2; exit 1; }
    local t kb
    t=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$DIR/time")
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$DIR/time")
    times+=("$t")
    [ "$kb" -gt "$peak" ] && peak=$kb
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$median $((peak / 1024))"
}

printf '%-9s %-12s %-10s %-10s %-12s %-10s %-12s\n' \
  "source_MB" "source_nodes" "kept_nodes" "jempol_s" "jempol_MB" "osmium_s" "osmium_MB"
for n in $NODES; do
  src="$DIR/grid-$n.osm.pbf"
  [ -f "$src" ] || ./target/release/examples/synthetic_grid "$src" "$n" >/dev/null
  mb=$(( $(stat -c %s "$src") / 1000000 ))
  read -r js jm < <(measure ./target/release/jempol map import "$src" --boundary "$BOUNDARY" --out "$DIR/clip.osm.pbf")
  line=$(grep ' kept ' "$DIR/out")
  kept=$(sed -E 's/.*kept ([0-9]+) nodes.*/\1/' <<<"$line")
  total=$(sed -E 's/.* of ([0-9]+) source nodes.*/\1/' <<<"$line")
  read -r os om < <(measure osmium extract -p "$BOUNDARY" -s complete_ways "$src" -o "$DIR/clip-osmium.osm.pbf" --overwrite)
  printf '%-9s %-12s %-10s %-10s %-12s %-10s %-12s\n' "$mb" "$total" "$kept" "$js" "$jm" "$os" "$om"
done
