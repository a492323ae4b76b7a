#!/usr/bin/env bash
# A 13-week campaign of the default scenario against 13 single-week plans' worth of time
# (a benchmark, not run in CI):
#
#   bash benches/campaign.sh            # RUNS=3 by default, WEEKS=13
#
# Prints the median wall time and the largest peak RSS (GNU time) of
#   campaign  jempol campaign scenarios/magetan-week.toml --weeks WEEKS
#   plan      jempol plan scenarios/magetan-week.toml      (one week, for the ratio)
# and the people the campaign records. Needs GNU time (apt-get install -y time).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
WEEKS=${WEEKS:-13}
cargo build --release --locked --quiet
bin=target/release/jempol
out=target/bench-campaign
rm -rf "$out"
mkdir -p "$out"
measure() { # prints "seconds kilobytes"
  /usr/bin/time -f "%e %M" -o "$out/time" "$@" >"$out/stdout"
  cat "$out/time"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
camp=(); plan=(); rss=0
for run in $(seq "$RUNS"); do
  read -r s kb < <(measure "$bin" campaign scenarios/magetan-week.toml --weeks "$WEEKS" --out "$out/campaign")
  camp+=("$s"); rss=$(( kb > rss ? kb : rss ))
  read -r s _ < <(measure "$bin" plan scenarios/magetan-week.toml --out "$out/plan")
  plan+=("$s")
done
c=$(printf '%s\n' "${camp[@]}" | median)
p=$(printf '%s\n' "${plan[@]}" | median)
people=$(awk -F, 'NR > 1 {n += $(NF-2) + $(NF-1) + $NF} END {print n}' "$out/campaign/calendar.csv")
printf '| %-22s | %10s | %12s |\n' "run" "median s" "peak RSS MB" "----------------------" "----------" "------------"
printf '| %-22s | %10.2f | %12d |\n' "campaign, $WEEKS weeks" "$c" $(( rss / 1024 ))
printf '| %-22s | %10.2f | %12s |\n' "plan, 1 week" "$p" "-"
printf 'campaign / (%s x plan) = %.2f; people recorded in the campaign: %s\n' \
  "$WEEKS" "$(echo "$c / ($WEEKS * $p)" | bc -l)" "$people"
