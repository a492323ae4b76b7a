#!/usr/bin/env bash
# The matrix step of two jempol builds, run alternately on the same maps and points (so that a
# shared machine's load falls on both alike): the medians of each and whether their CSVs agree.
#
#   bash benches/matrix_ab.sh OLD_JEMPOL NEW_JEMPOL [RUNS]
#
# Uses the maps and points that benches/road_scaling.sh leaves in target/road-scaling (run it
# first with KEEP=1, the default): the 100k maps with their 300 points, the 1M maps with
# their 1000 points (a third of RUNS, at least 1). Missing files are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: bash benches/matrix_ab.sh OLD_JEMPOL NEW_JEMPOL [RUNS]" >&2; exit 2; }
OLD=$1 NEW=$2 RUNS=${3:-7}
DIR=target/road-scaling
step() { "$1" map matrix "$2" --points "$3" --out "$DIR/ab-$4.csv" --timings 2>&1 >/dev/null |
  sed -nE 's/.*matrix ([0-9.]+) s.*/\1/p'; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "\`bash benches/matrix_ab.sh $OLD $NEW $RUNS\`, $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| map | points | runs | old s (median) | new s (median) | new / old | same CSVs |"
echo "|---|---:|---:|---:|---:|---:|---|"
for name in synth-multi liechtenstein-tiled; do
  for case in "100000 300 $RUNS" "1000000 1000 $(( (RUNS + 2) / 3 ))"; do
    read -r size k runs <<<"$case"
    map="$DIR/$name-$size.osm.pbf"
    points="$DIR/points-$name-$size-$k.csv"
    [ -s "$map" ] && [ -s "$points" ] || continue
    old=() new=()
    for _ in $(seq "$runs"); do
      old+=("$(step "$OLD" "$map" "$points" old)")
      new+=("$(step "$NEW" "$map" "$points" new)")
    done
    same=no
    cmp -s "$DIR/ab-old.csv" "$DIR/ab-new.csv" && cmp -s "$DIR/ab-old-km.csv" "$DIR/ab-new-km.csv" && same=yes
    o=$(median "${old[@]}") n=$(median "${new[@]}")
    echo "| $name-$size | $k | $runs | $o | $n | $(awk -v a="$n" -v b="$o" 'BEGIN {printf "%.2f", a / b}') | $same |"
  done
done
