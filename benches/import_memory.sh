#!/usr/bin/env bash
# Peak memory of `jempol map import` as the source grows (a benchmark, not run in CI).
#
# Generates sources of growing size with the project's own generator, `jempol map synth --size
# N` (copies of the Magetan stand-in tiled on a grid and joined by main roads; tile 0 lies on
# the real Magetan, the others east and south of it), clips each to the real Magetan outline
# with jempol and, as the peer, with `osmium extract -s complete_ways`, and prints a Markdown
# table: generation time and peak RSS, then the median wall time of RUNS runs and the largest
# peak RSS (/usr/bin/time -v) of each tool. The boundary keeps the same nodes (tile 0 and the
# roads leaving it) at every size, so memory that grew with the source would show as a
# growing peak.
#
#   bash benches/import_memory.sh                          # ~52, ~207 and ~900 MB sources
#   SIZES="100000 1000000" RUNS=1 bash benches/import_memory.sh
#
# SIZES are junctions (graph vertices) of the generated network, about 74 bytes of PBF each.
# Needs osmium-tool and GNU time (apt-get install -y osmium-tool time). The sources go to
# target/bench-import and are deleted after their row (KEEP=1 keeps them for re-runs).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"700000 2800000 12200000"}
RUNS=${RUNS:-3}
KEEP=${KEEP:-0}
DIR=target/bench-import
BOUNDARY=data/magetan/kabupaten-boundary.geojson
JEMPOL=./target/release/jempol
mkdir -p "$DIR"
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install -y time" >&2; exit 1; }
command -v osmium >/dev/null || { echo "needs osmium: apt-get install -y osmium-tool" >&2; exit 1; }
cargo build --release --quiet --bin jempol

# Runs a command N times; prints "median_seconds peak_MB cpu_seconds" (CPU: user + system, of
# the last run; far below the wall time when other work shares the cores) and keeps the last
# stdout in $DIR/out.
measure() {
  local n=$1 times=() peak=0 cpu
  shift
  for _ in $(seq "$n"); do
    /usr/bin/time -v -o "$DIR/time" "$@" >"$DIR/out" 2>"$DIR/err" || { cat "$DIR/err" >&2; exit 1; }
    local t kb
    t=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$DIR/time")
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$DIR/time")
    cpu=$(awk -F': ' '/(User|System) time \(seconds\)/ {s+=$2} END {print s}' "$DIR/time")
    times+=("$t")
    [ "$kb" -gt "$peak" ] && peak=$kb
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$median $((peak / 1024)) $cpu"
}

echo "\`SIZES=\"$SIZES\" RUNS=$RUNS bash benches/import_memory.sh\`, $(date -u '+%Y-%m-%d %H:%M UTC'),"
echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg) at the start; $(osmium --version | head -1)"
echo
echo "| junctions | source MB | source nodes | generate s (CPU s) | generate peak MB | kept nodes | jempol s (CPU s) | jempol peak MB | osmium s (CPU s) | osmium peak MB |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in $SIZES; do
  src="$DIR/synth-$n.osm.pbf"
  read -r gs gm gc < <(measure 1 "$JEMPOL" map synth --size "$n" --out "$src")
  mb=$(( $(stat -c %s "$src") / 1000000 ))
  read -r js jm jc < <(measure "$RUNS" "$JEMPOL" map import "$src" --boundary "$BOUNDARY" --out "$DIR/clip.osm.pbf")
  line=$(grep ' kept ' "$DIR/out")
  kept=$(sed -E 's/.*kept ([0-9]+) nodes.*/\1/' <<<"$line")
  total=$(sed -E 's/.* of ([0-9]+) source nodes.*/\1/' <<<"$line")
  read -r os om oc < <(measure "$RUNS" osmium extract -p "$BOUNDARY" -s complete_ways "$src" -o "$DIR/clip-osmium.osm.pbf" --overwrite)
  echo "| $n | $mb | $total | $gs ($gc) | $gm | $kept | $js ($jc) | $jm | $os ($oc) | $om |"
  [ "$KEEP" = 1 ] || rm -f "$src"
done
rm -f "$DIR/clip.osm.pbf" "$DIR/clip-osmium.osm.pbf"
