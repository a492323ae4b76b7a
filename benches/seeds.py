#!/usr/bin/env python3
"""jempol on the standard sets, several seeds per instance, split into the tuning and the
reporting half (benches/halves.py); one build, or several side by side.

    cargo build --release
    python3 benches/seeds.py --sets cordeau,solomon-op --limit 10 --seeds 1,2,3,4,5 --out FILE
    python3 benches/seeds.py --sets cordeau,vrptw --iterations 5000 --half tune BASE NEW

With --iterations N each run stops after N iterations per search chain instead of at the
wall-clock limit: the plans then depend only on the seed and N, not on the machine's load
(prefer it on a shared machine, and to compare builds). The builds are the binaries given
(default: JEMPOL, else target/release/jempol), called bin0, bin1, ... and run in turn on each
instance and seed, so they share the machine's load.

For each instance and build: the mean and the worst gap to the best known over the seeds
(TOPTW: score; VRPTW: distance, with the runs above the best-known vehicle count counted
apart). Then per set, half and build: the mean gap over all runs, the mean of each instance's
worst, the worst run, how many runs reached the best known (VRPTW: with no more vehicles), and for VRPTW the runs above the
best-known vehicles and the mean gap of the others (a run with more vehicles can be shorter,
so its negative gap is no win); the CPU seconds (user + system) of all runs, and each build's
ratio to bin0. Every run is checked by jempol's verifier (`benchmark` verifies before it
prints). --json FILE keeps every run.
"""

import argparse
import json
import resource
import statistics
import subprocess
import sys
from datetime import datetime, timezone

from halves import half
from solvers import JEMPOL, runs


def solve(binary, args, budget, seed):
    """One verified run and its CPU seconds (user + system); `budget` is the time limit or
    iteration arguments."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([binary, "benchmark", *args, *budget, "--seed", str(seed), "--json"],
                          capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip())
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return json.loads(done.stdout), cpu


def gap(result, best, best_vehicles):
    """Gap % to the best known, and whether the run used more vehicles than the best known."""
    if best_vehicles is None:
        return 100 * (best - result["score"]) / best, False
    return 100 * (result["distance"] - best) / best, result["vehicles"] > best_vehicles


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", default="cordeau,solomon-op")
    ap.add_argument("--limit", type=float, default=10)
    ap.add_argument("--iterations", type=int,
                    help="iterations per chain instead of the time limit (deterministic)")
    ap.add_argument("--seeds", default="1,2,3,4,5")
    ap.add_argument("--only", help="comma-separated instance names")
    ap.add_argument("--half", choices=["tune", "report"])
    ap.add_argument("--out", help="also write the tables to this file")
    ap.add_argument("--json", help="write every run to this file")
    ap.add_argument("binaries", nargs="*", help=f"jempol builds (default {JEMPOL})")
    a = ap.parse_args()
    bins = a.binaries or [JEMPOL]
    seeds = [int(s) for s in a.seeds.split(",")]
    budget = (["--iterations", str(a.iterations)] if a.iterations
              else ["--time-limit", str(a.limit)])
    what = f"{a.iterations} iterations per chain" if a.iterations else f"{a.limit:g} s"
    only = set(a.only.split(",")) if a.only else None
    lines = []

    def say(line=""):
        print(line, flush=True)
        lines.append(line)

    load = " ".join(open("/proc/loadavg").read().split()[:3])
    say(f"`python3 benches/seeds.py {' '.join(sys.argv[1:])}`, "
        f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, load average {load} at the start; "
        f"{what} per run; " + ", ".join(f"bin{k} = {b}" for k, b in enumerate(bins)))
    # (set, half, bin) -> list of (instance, [(gap, above best vehicles)], cpu seconds)
    summary = {}
    records = []
    ks = range(len(bins))
    for set_name in a.sets.split(","):
        say(f"\n#### {set_name}: gap % to best known over seeds {a.seeds} (mean / worst; "
            f"above = runs above the best-known vehicles; CPU s = median per run)\n")
        say("| instance | half | best | " + " | ".join(
            f"bin{k} mean | bin{k} worst | bin{k} above | bin{k} CPU s" for k in ks) + " |")
        say("|---|---|---|" + "---:|---:|---:|---:|" * len(bins))
        for _, name, args, best, best_vehicles in runs(set_name, only):
            h = half(name.split()[0])
            if a.half and h != a.half:
                continue
            got = {k: ([], []) for k in ks}
            for seed in seeds:
                for k, binary in enumerate(bins):
                    result, cpu = solve(binary, args, budget, seed)
                    g, more = gap(result, best, best_vehicles)
                    got[k][0].append((g, more))
                    got[k][1].append(cpu)
                    records.append({"set": set_name, "instance": name, "half": h, "bin": k,
                                    "seed": seed, "gap": g, "above_vehicles": more,
                                    "cpu": cpu, "seconds": result.get("seconds"),
                                    "score": result.get("score"),
                                    "vehicles": result.get("vehicles"),
                                    "distance": result.get("distance")})
            cells = []
            for k in ks:
                runs_k, cpus = got[k]
                gaps = [g for g, _ in runs_k]
                summary.setdefault((set_name, h, k), []).append((name, runs_k, sum(cpus)))
                cells.append(f"{statistics.mean(gaps):.2f} | {max(gaps):.2f} | "
                             f"{sum(m for _, m in runs_k)} | {statistics.median(cpus):.1f}")
            say(f"| {name} | {h} | {best:g} | " + " | ".join(cells) + " |")
    say("\n| set | half | build | instances | runs | mean gap % | mean of worst % | worst % | "
        "runs at best known (or better) | runs above best vehicles | mean gap % at best vehicles | "
        "CPU s | CPU / bin0 |")
    say("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for (set_name, h, k), rows in sorted(summary.items()):
        every = [r for _, runs_k, _ in rows for r in runs_k]
        gaps = [g for g, _ in every]
        above = sum(m for _, m in every)
        kept = [g for g, m in every if not m]
        at_best = (f"{statistics.mean(kept):.2f}" if set_name == "vrptw" and kept else "-")
        cpu = sum(c for _, _, c in rows)
        cpu0 = sum(c for _, _, c in summary[(set_name, h, 0)])
        say(f"| {set_name} | {h} | bin{k} | {len(rows)} | {len(every)} | "
            f"{statistics.mean(gaps):.2f} | "
            f"{statistics.mean(max(g for g, _ in runs_k) for _, runs_k, _ in rows):.2f} | "
            f"{max(gaps):.2f} | {sum(g < 0.005 and not m for g, m in every)} | {above} | {at_best} | "
            f"{cpu:.0f} | {cpu / cpu0:.3f} |")
    if a.out:
        with open(a.out, "w") as f:
            f.write("\n".join(lines) + "\n")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(records, f, indent=1)


if __name__ == "__main__":
    main()
