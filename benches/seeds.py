#!/usr/bin/env python3
"""jempol alone on the standard sets, several seeds per instance, split into the tuning and
the reporting half (benches/halves.py).

    cargo build --release
    python3 benches/seeds.py --sets cordeau,solomon-op --limit 10 --seeds 1,2,3,4,5 --out FILE

For each instance: the mean and the worst gap to the best known over the seeds (TOPTW: score;
VRPTW: distance, with the runs above the best-known vehicle count counted apart). Then per set
and half: the mean gap over all runs, the mean of each instance's worst, the worst run, and how
many runs reached the best known. Every run is checked by jempol's verifier (`benchmark`
verifies before it prints). One run after another, wall-clock limit per run.
"""

import argparse
import json
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone

from halves import half
from solvers import JEMPOL, runs


def solve(args, limit, seed):
    done = subprocess.run([JEMPOL, "benchmark", *args, "--time-limit", str(limit), "--seed",
                           str(seed), "--json"], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip())
    return json.loads(done.stdout)


def gap(result, best, best_vehicles):
    """Gap % to the best known, and whether the run used more vehicles than the best known."""
    if best_vehicles is None:
        return 100 * (best - result["score"]) / best, False
    return 100 * (result["distance"] - best) / best, result["vehicles"] > best_vehicles


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", default="cordeau,solomon-op")
    ap.add_argument("--limit", type=float, default=10)
    ap.add_argument("--seeds", default="1,2,3,4,5")
    ap.add_argument("--only", help="comma-separated instance names")
    ap.add_argument("--half", choices=["tune", "report"])
    ap.add_argument("--out")
    a = ap.parse_args()
    seeds = [int(s) for s in a.seeds.split(",")]
    only = set(a.only.split(",")) if a.only else None
    lines = []

    def say(line=""):
        print(line, flush=True)
        lines.append(line)

    load = " ".join(open("/proc/loadavg").read().split()[:3])
    say(f"`python3 benches/seeds.py {' '.join(sys.argv[1:])}`, "
        f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, load average {load} at the start")
    summary = {}
    for set_name in a.sets.split(","):
        say(f"\n#### {set_name}: gap % to best known over seeds {a.seeds} (s = median wall)\n")
        say("| instance | half | best | mean gap | worst gap | runs above best vehicles | s |")
        say("|---|---|---|---:|---:|---:|---:|")
        for _, name, args, best, best_vehicles in runs(set_name, only):
            h = half(name.split()[0])
            if a.half and h != a.half:
                continue
            gaps, above, secs = [], 0, []
            for seed in seeds:
                start = time.perf_counter()
                g, more = gap(solve(args, a.limit, seed), best, best_vehicles)
                secs.append(time.perf_counter() - start)
                gaps.append(g)
                above += more
            summary.setdefault((set_name, h), []).append((gaps, above))
            say(f"| {name} | {h} | {best:g} | {statistics.mean(gaps):.2f} | {max(gaps):.2f} | "
                f"{above} | {statistics.median(secs):.1f} |")
    say("\n| set | half | instances | runs | mean gap % | mean of worst % | worst % | "
        "runs at best known | runs above best vehicles |")
    say("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for (set_name, h), rows in sorted(summary.items()):
        every = [g for gaps, _ in rows for g in gaps]
        say(f"| {set_name} | {h} | {len(rows)} | {len(every)} | {statistics.mean(every):.2f} | "
            f"{statistics.mean(max(gaps) for gaps, _ in rows):.2f} | {max(every):.2f} | "
            f"{sum(abs(g) < 0.005 for g in every)} | {sum(above for _, above in rows)} |")
    if a.out:
        with open(a.out, "w") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
