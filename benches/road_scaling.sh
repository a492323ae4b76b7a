#!/usr/bin/env bash
# Road network scaling: jempol's read, build, travel matrix and peak memory against the size of
# the map, with `osmium tags-filter w/highway` on the same file as the peer, run back to back
# in this one script (a benchmark, not run in CI).
#
#   bash benches/road_scaling.sh                                  # 10k, 100k and 1M junctions
#   SIZES="100000" RUNS=5 bash benches/road_scaling.sh
#   BASELINE=/tmp/jempol-before bash benches/road_scaling.sh      # also time another jempol build
#                                                                 # (up to BASELINE_UP_TO junctions)
#   WAYS=single bash benches/road_scaling.sh                      # the old one-junction ways
#   TABLE=methods RUNS=5 bash benches/road_scaling.sh              # Dijkstra or the hierarchy
#
# For each size, `jempol map synth --size N` generates the map (tiles of the Magetan stand-in;
# WAYS=multi, the default, joins the tiles' roads into multi-junction ways as in real OSM
# data, WAYS=single keeps one way per junction-to-junction road). The points are 300 nodes of
# the file picked at random (seed 1, with osmium cat + awk), and 1000 from MATRIX_1000_FROM
# junctions up (default 1000000); nodes of primary to residential roads, so that they
# snap. Real extracts shipped in the repository or fetched by
# scripts/test-data.sh (Liechtenstein, Helsinki) get a row each too (REAL=0 skips them).
# Each size also gets a liechtenstein-tiled row (TILED=0 skips it): `map synth --size N
# --tile-extract` repeats Liechtenstein's van-usable roads, real OSM topology (1.14 roads a
# junction, where the stand-in's tiles have 3.26), until N junctions.
#
# Every figure is the median wall time of RUNS runs (1 run from 1M junctions up) and the
# largest peak RSS (/usr/bin/time -v), measured as whole processes:
#   osmium      osmium tags-filter -O -o OUT FILE w/highway
#   info        jempol map info --json FILE          (read and build: its own timers)
#   file->300   jempol map matrix FILE --points P300 --timings   (read, build, snap, 300x300)
#   dijkstra    the same with --method dijkstra (the plain per-source searches: the peer of
#               the contraction hierarchy, same answers)
#   1000x1000   jempol map matrix FILE --points P1000 --timings  (from MATRIX_1000_FROM up)
# The last column is file->300 over osmium's time: at most 1 is the target on the 100k map.
#
# jempol runs with PROFILE (default benches/free-turns.toml: the junction graph, on which the
# issue's targets were set and every earlier row was measured). PROFILE=maps/profile-van.toml
# prices turns as plans do; benches/turn_cost.sh compares the two.
#
# Needs osmium-tool and GNU time (apt-get install -y osmium-tool time). Files go to
# target/road-scaling (KEEP=0 deletes the generated maps after their row).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"10000 100000 1000000"}
RUNS=${RUNS:-3}
KEEP=${KEEP:-1}
WAYS=${WAYS:-multi}
REAL=${REAL:-1}
TILED=${TILED:-1}
TABLE=${TABLE:-scaling}
TILED_FROM=tests/data/osm/liechtenstein-latest.osm.pbf
MATRIX_1000_FROM=${MATRIX_1000_FROM:-1000000}
DIJKSTRA_UP_TO=${DIJKSTRA_UP_TO:-100000}
BASELINE=${BASELINE:-}
BASELINE_UP_TO=${BASELINE_UP_TO:-100000}
PROFILE=${PROFILE:-benches/free-turns.toml}
DIR=target/road-scaling
JEMPOL=./target/release/jempol
mkdir -p "$DIR"
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install -y time" >&2; exit 1; }
command -v osmium >/dev/null || { echo "needs osmium: apt-get install -y osmium-tool" >&2; exit 1; }
cargo build --release --quiet --bin jempol

# Runs a command N times; prints "median_seconds peak_MB" and keeps the last stdout in
# $DIR/out and stderr in $DIR/err.
measure() {
  local n=$1 times=() peak=0
  shift
  for _ in $(seq "$n"); do
    /usr/bin/time -v -o "$DIR/time" "$@" >"$DIR/out" 2>"$DIR/err" || { cat "$DIR/err" >&2; exit 1; }
    local t kb
    t=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$DIR/time")
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$DIR/time")
    times+=("$t")
    [ "$kb" -gt "$peak" ] && peak=$kb
  done
  echo "$(median "${times[@]}") $((peak / 1024))"
}

# The median of the numbers given.
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# K random nodes of the file's main roads as name,lat,lon (reservoir sample, seed 1).
points() {
  osmium tags-filter -O -o "$DIR/drivable.osm.pbf" "$1" \
    w/highway=primary,secondary,tertiary,unclassified,residential
  osmium cat -f opl -t node "$DIR/drivable.osm.pbf" | awk -v k="$2" 'BEGIN {srand(1)}
    {x = ""; y = ""; for (i = 1; i <= NF; i++) {if ($i ~ /^x/) x = substr($i, 2); if ($i ~ /^y/) y = substr($i, 2)}
     if (x == "") next; n++; if (n <= k) r[n] = y "," x; else {j = int(rand() * n) + 1; if (j <= k) r[j] = y "," x}}
    END {print "name,lat,lon"; for (i = 1; i <= k && i <= n; i++) print "p" i "," r[i]}' >"$3"
}

# The seconds jempol's --timings line gives for one step.
step() { sed -E "s/.*$1 ([0-9.]+) s.*/\1/" <<<"$2"; }

# TABLE=methods: the matrix step by plain Dijkstra and by the contraction hierarchy on small
# maps, for 60, 100 and 300 points (median of RUNS), and what `--method auto` picks: where the
# hierarchy starts to pay (HIERARCHY_MIN_VERTICES and HIERARCHY_MIN_POINTS in
# src/route/matrix.rs).
method_table() {
  local synth="$DIR/synth-multi-10000.osm.pbf" tiled="$DIR/liechtenstein-tiled-10000.osm.pbf"
  [ -s "$synth" ] || "$JEMPOL" map synth --size 10000 --out "$synth" >/dev/null
  [ -s "$tiled" ] || "$JEMPOL" map synth --size 10000 --tile-extract "$TILED_FROM" --out "$tiled" >/dev/null
  echo "\`TABLE=methods RUNS=$RUNS bash benches/road_scaling.sh\`, $(date -u '+%Y-%m-%d %H:%M UTC')," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg) at the start; jempol $(git rev-parse --short HEAD)"
  echo
  echo "| map | vertices | points | dijkstra s | hierarchy s | auto picks |"
  echo "|---|---:|---:|---:|---:|---|"
  local maps=(maps/magetan-standin.osm.pbf tests/data/osm/liechtenstein-latest.osm.pbf "$tiled" "$synth")
  [ -s target/test-data/Helsinki.osm.pbf ] && maps+=(target/test-data/Helsinki.osm.pbf)
  for src in "${maps[@]}"; do
    local vertices
    vertices=$("$JEMPOL" map info --profile "$PROFILE" --json "$src" | jq -r .vertices)
    for k in 60 100 300; do
      points "$src" "$k" "$DIR/points-method.csv"
      local cells=()
      for method in dijkstra hierarchy; do
        local times=()
        for _ in $(seq "$RUNS"); do
          "$JEMPOL" map matrix --profile "$PROFILE" "$src" --points "$DIR/points-method.csv" --out "$DIR/m-$method.csv" \
            --timings --method "$method" 2>"$DIR/err" >/dev/null
          times+=("$(step matrix "$(grep timings "$DIR/err")")")
        done
        cells+=("$(median "${times[@]}")")
      done
      cmp -s "$DIR/m-dijkstra.csv" "$DIR/m-hierarchy.csv" || { echo "the methods disagree on $src" >&2; exit 1; }
      "$JEMPOL" map matrix --profile "$PROFILE" "$src" --points "$DIR/points-method.csv" --out "$DIR/m-auto.csv" --timings 2>"$DIR/err" >/dev/null
      local auto
      auto=$(sed -E 's/.*matrix [0-9.]+ s \((.*)\).*/\1/' <<<"$(grep timings "$DIR/err")")
      echo "| $(basename "$src" .osm.pbf) | $vertices | $k | ${cells[0]} | ${cells[1]} | $auto |"
    done
  done
}

if [ "$TABLE" = methods ]; then
  method_table
  exit
fi

echo "\`SIZES=\"$SIZES\" RUNS=$RUNS WAYS=$WAYS bash benches/road_scaling.sh\`, $(date -u '+%Y-%m-%d %H:%M UTC'),"
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start; $(osmium --version | head -1);" \
  "jempol $(git rev-parse --short HEAD)$([ -n "$BASELINE" ] && echo ", baseline $BASELINE")"
echo
echo "| map | junctions | vertices | nodes | file MB | osmium s | osmium MB | read s | build s | info s | info MB | file->300x300 s | snap + matrix s | peak MB | vs osmium | dijkstra 300x300 s | 1000x1000 s (matrix) | 1000x1000 MB |$([ -n "$BASELINE" ] && echo " baseline info s | baseline MB | baseline file->300x300 s | baseline MB | baseline 1000x1000 s (matrix) |")"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|$([ -n "$BASELINE" ] && echo "---:|---:|---:|---:|---:|")"

row() {
  local name=$1 src=$2 junctions=$3 runs=$4
  local mb p300="$DIR/points-$(basename "$src" .osm.pbf)-300.csv"
  local p1000="$DIR/points-$(basename "$src" .osm.pbf)-1000.csv"
  mb=$(awk -v b="$(stat -c %s "$src")" 'BEGIN {printf "%.1f", b / 1e6}')
  points "$src" 300 "$p300"
  read -r os om < <(measure "$runs" osmium tags-filter -O -o "$DIR/filtered.osm.pbf" "$src" w/highway)
  read -r is im < <(measure "$runs" "$JEMPOL" map info --profile "$PROFILE" --json "$src")
  local info read build vertices nodes
  info=$(cat "$DIR/out")
  read=$(jq -r '.read_seconds*1000|round/1000' <<<"$info")
  build=$(jq -r '.build_seconds*1000|round/1000' <<<"$info")
  vertices=$(jq -r .vertices <<<"$info")
  nodes=$(jq -r .read.nodes <<<"$info")
  read -r ms mm < <(measure "$runs" "$JEMPOL" map matrix --profile "$PROFILE" "$src" --points "$p300" --out "$DIR/m300.csv" --timings)
  local t sm
  t=$(grep timings "$DIR/err")
  sm=$(awk -v a="$(step snap "$t")" -v b="$(step matrix "$t")" 'BEGIN {printf "%.3f", a + b}')
  local ratio ds="" big="" bigm=""
  ratio=$(awk -v a="$ms" -v b="$os" 'BEGIN {printf "%.2f", a / b}')
  if [ "$junctions" -le "$DIJKSTRA_UP_TO" ]; then
    read -r ds _ < <(measure "$runs" "$JEMPOL" map matrix --profile "$PROFILE" "$src" --points "$p300" --out "$DIR/m300-dijkstra.csv" --timings --method dijkstra)
    ds=$(step matrix "$(grep timings "$DIR/err")")
    cmp -s "$DIR/m300.csv" "$DIR/m300-dijkstra.csv" || { echo "the methods disagree on $src" >&2; exit 1; }
  fi
  if [ "$junctions" -ge "$MATRIX_1000_FROM" ]; then
    points "$src" 1000 "$p1000"
    read -r _ bigm < <(measure 1 "$JEMPOL" map matrix --profile "$PROFILE" "$src" --points "$p1000" --out "$DIR/m1000.csv" --timings)
    big=$(step matrix "$(grep timings "$DIR/err")")
  fi
  local extra="" bbig=""
  if [ -n "$BASELINE" ] && [ "$junctions" -le "$BASELINE_UP_TO" ]; then
    read -r bs bm < <(measure "$runs" "$BASELINE" map info --json "$src")
    read -r bms bmm < <(measure "$runs" "$BASELINE" map matrix "$src" --points "$p300" --out "$DIR/m300-baseline.csv")
    if [ -n "$big" ]; then
      measure 1 "$BASELINE" map matrix "$src" --points "$p1000" --out "$DIR/m1000-baseline.csv" --timings >/dev/null
      bbig=$(step matrix "$(grep timings "$DIR/err")")
      cmp -s "$DIR/m1000.csv" "$DIR/m1000-baseline.csv" || { echo "the baseline disagrees on $src" >&2; exit 1; }
    fi
    extra=" $bs | $bm | $bms | $bmm | $bbig |"
  fi
  echo "| $name | $junctions | $vertices | $nodes | $mb | $os | $om | $read | $build | $is | $im | $ms | $sm | $mm | $ratio | $ds | $big | $bigm |$extra"
}

if [ "$REAL" = 1 ]; then
  row liechtenstein tests/data/osm/liechtenstein-latest.osm.pbf 0 "$RUNS"
  [ -s target/test-data/Helsinki.osm.pbf ] && row helsinki target/test-data/Helsinki.osm.pbf 0 "$RUNS"
fi
for n in $SIZES; do
  src="$DIR/synth-$WAYS-$n.osm.pbf"
  if [ ! -s "$src" ]; then
    if [ "$WAYS" = single ]; then
      "$JEMPOL" map synth --size "$n" --single-junction-ways --out "$src" >/dev/null
    else
      "$JEMPOL" map synth --size "$n" --out "$src" >/dev/null
    fi
  fi
  runs=$RUNS
  [ "$n" -ge 1000000 ] && runs=1
  row "synth-$WAYS" "$src" "$n" "$runs"
  [ "$KEEP" = 1 ] || rm -f "$src"
  if [ "$TILED" = 1 ]; then
    src="$DIR/liechtenstein-tiled-$n.osm.pbf"
    [ -s "$src" ] || "$JEMPOL" map synth --size "$n" --tile-extract "$TILED_FROM" --out "$src" >/dev/null
    row liechtenstein-tiled "$src" "$n" "$runs"
    [ "$KEEP" = 1 ] || rm -f "$src"
  fi
done
rm -f "$DIR/filtered.osm.pbf" "$DIR/drivable.osm.pbf"
