#!/usr/bin/env python3
"""Compare jempol builds at fixed iteration budgets (deterministic, so load does not matter).

    python3 benches/iterations.py --iterations 3000 --seeds 1,2 OLD_BINARY NEW_BINARY

Runs every binary on a spread of TOPTW instances (Cordeau pr01-pr10 with two fleet sizes
each, Solomon TOPTW m=1) and a few Solomon VRPTW instances, and prints per instance and seed
the score (TOPTW, higher is better) or vehicles/distance (VRPTW), then the mean gap to the
best known per set and half (benches/halves.py) and the summed CPU seconds per binary. With
--same (for a refactor that must not change plans) it also lists every run whose routes
differ from bin0's. With --half tune (or report) it runs only that half of the instances:
tune on one, confirm on the other.
"""
import argparse
import csv
import json
import os
import resource
import subprocess
import sys

from halves import half

HERE = os.path.dirname(os.path.abspath(__file__))
BENCHMARKS = os.path.join(HERE, "..", "data", "benchmarks")
CORDEAU = [(f"pr{i:02d}", m) for i in range(1, 11) for m in (1 + i % 4, 1 + (i + 2) % 4)]
SOLOMON_TOPTW = ["c101", "c105", "r102", "r107", "r111", "rc103", "rc106", "c102", "c106", "r106",
                 "r110", "rc102", "rc108"]
VRPTW = ["c101", "r101", "r205", "rc103", "c102", "r106", "r202", "rc108"]


def bks():
    best = {}
    with open(os.path.join(BENCHMARKS, "toptw", "cordeau", "BKS.csv")) as f:
        for row in csv.DictReader(f):
            best[("cordeau", row["instance"], int(row["m"]))] = float(row["BKS"])
    with open(os.path.join(BENCHMARKS, "toptw", "solomon_type1_m1_optimal.csv")) as f:
        for row in csv.DictReader(f):
            best[("solomon", row["instance"], 1)] = float(row["m1_optimal_score"])
    return best


def run(binary, args):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run([binary, "benchmark", *args, "--json"], check=True,
                         capture_output=True, text=True).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return json.loads(out), cpu


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--iterations", type=int, default=3000)
    p.add_argument("--seeds", default="1,2", help="comma-separated")
    p.add_argument("--no-vrptw", action="store_true")
    p.add_argument("--same", action="store_true", help="list runs whose routes differ from bin0's")
    p.add_argument("--half", choices=["tune", "report"], help="only this half of the instances")
    p.add_argument("binaries", nargs="+")
    a = p.parse_args()
    best = bks()
    keep = lambda name: a.half is None or half(name) == a.half
    cases = [("cordeau", n, m) for n, m in CORDEAU if keep(n)]
    cases += [("solomon", n, 1) for n in SOLOMON_TOPTW if keep(n)]
    cpu = [0.0] * len(a.binaries)
    gaps = {}
    differ = []

    def compare(label, results):
        differ.extend(f"{label} bin{k}" for k, r in enumerate(results) if r["routes"] != results[0]["routes"])

    print("| set | instance | m | seed | " + " | ".join(f"bin{k}" for k in range(len(a.binaries))) + " | best |")
    print("|---" * (5 + len(a.binaries)) + "|")
    for s, name, m in cases:
        path = os.path.join(BENCHMARKS, "toptw", s, name + ".txt")
        for seed in map(int, a.seeds.split(",")):
            cells, results = [], []
            for k, b in enumerate(a.binaries):
                r, c = run(b, ["toptw", path, "--vehicles", str(m), "--iterations",
                               str(a.iterations), "--seed", str(seed)])
                cpu[k] += c
                results.append(r)
                gap = 100 * (best[(s, name, m)] - r["score"]) / best[(s, name, m)]
                gaps.setdefault((s, half(name), k), []).append(gap)
                cells.append(f"{r['score']:g}")
            compare(f"{name} m={m} seed {seed}", results)
            print(f"| {s} | {name} | {m} | {seed} | " + " | ".join(cells) + f" | {best[(s, name, m)]:g} |", flush=True)
    if not a.no_vrptw:
        for name in filter(keep, VRPTW):
            path = os.path.join(BENCHMARKS, "solomon", name + ".txt")
            for seed in map(int, a.seeds.split(",")):
                cells, results = [], []
                for k, b in enumerate(a.binaries):
                    r, c = run(b, ["vrptw", path, "--iterations", str(a.iterations), "--seed", str(seed)])
                    cpu[k] += c
                    results.append(r)
                    cells.append(f"{r['vehicles']} / {r['distance']:.2f}")
                compare(f"vrptw {name} seed {seed}", results)
                print(f"| vrptw | {name} | - | {seed} | " + " | ".join(cells) + " | |", flush=True)
    print()
    for s, h in sorted({(s, h) for s, h, _ in gaps}):
        print(f"mean gap {s} ({h} half): " + "  ".join(
            f"bin{k} {sum(gaps[(s, h, k)]) / len(gaps[(s, h, k)]):.3f}%"
            for k in range(len(a.binaries))))
    print("cpu seconds: " + "  ".join(f"bin{k} {c:.1f}" for k, c in enumerate(cpu)))
    if a.same:
        print("routes differing from bin0: " + (", ".join(differ) or "none"))


if __name__ == "__main__":
    sys.exit(main())
