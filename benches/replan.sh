#!/usr/bin/env bash
# Re-planning against planning, on the default week (a benchmark, not run in CI):
#
#   bash benches/replan.sh            # RUNS=5 by default
#
# Times, as whole processes of the release build, back to back in this one script:
#   plan     jempol plan scenarios/magetan-week.toml
#   replan   jempol replan scenarios/examples/keliling-1-rusak.toml --keep PLAN --from 2026-12-08
#            (Keliling 1 out on Tuesday and one home-visit request, kept plan = the plan above)
# and prints the median wall time of each and their ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
cargo build --release --locked --quiet
bin=target/release/jempol
out=target/bench-replan
rm -rf "$out"
mkdir -p "$out"
seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
plans=(); replans=()
for run in $(seq "$RUNS"); do
  plans+=("$(seconds "$bin" plan scenarios/magetan-week.toml --out "$out/plan")")
  replans+=("$(seconds "$bin" replan scenarios/examples/keliling-1-rusak.toml \
      --keep "$out/plan/plan.json" --from 2026-12-08 --out "$out/replan")")
done
p=$(printf '%s\n' "${plans[@]}" | median)
r=$(printf '%s\n' "${replans[@]}" | median)
printf '| %-8s | %10s |\n' "run" "median s" "--------" "----------"
printf '| %-8s | %10.2f |\n' plan "$p" replan "$r"
printf 'replan / plan = %.2f (%s runs each)\n' "$(echo "$r / $p" | bc -l)" "$RUNS"
