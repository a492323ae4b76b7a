#!/usr/bin/env python3
"""Gehring-Homberger VRPTW (200 customers): jempol and PyVRP at equal wall time, against best known.

    cargo build --release
    benches/setup-solver-peers.sh        # or: python3 -m venv V && V/bin/pip install pyvrp==0.14.1
    ~/.cache/jempol-peers-vrp/bin/python benches/gehring_homberger.py [--limit 30] [--only C1_2_1,R2_2_6]

Instances and best-known values: data/benchmarks/gehring-homberger/ (see PROVENANCE.md). The
problem is jempol's Solomon VRPTW reading (fewest vehicles, then distance; exact Euclidean
distances). Both solvers get exactly the instance jempol reads, and both are checked and scored
by jempol's verifier: this reuses `solve_jempol` and `solve_peer` from benches/solvers.py
unchanged (PyVRP gets the matrix x1000 with travel times rounded up and a vehicle cost above any
distance, so its plans stay feasible for the exact problem and it also minimises vehicles first).
One seed (1) each, one run after another with the same wall-clock limit. jempol runs two search
chains in parallel; PyVRP searches on one thread.

Gap % = (distance - best-known distance) / best-known distance x 100. A plan with more vehicles
than the best known is counted apart: its distance gap is no win in the hierarchy (it may even be
negative). Prints a Markdown table (also to --out).
"""

import argparse
import csv
import os
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from solvers import BENCH, solve_jempol, solve_peer  # noqa: E402

DATA = BENCH / "gehring-homberger"


def gap(result, best):
    return None if result is None else (result["distance"] - best) / best * 100


def cell(result, best_vehicles, g):
    if result is None:
        return ["failed", "-"]
    mark = " (+{})".format(result["vehicles"] - best_vehicles) if result["vehicles"] > best_vehicles else ""
    return [f"{result['vehicles']} / {result['distance']:.2f}{mark}", f"{g:.2f}"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=float, default=30.0, help="wall seconds per run and solver")
    parser.add_argument("--only", default="", help="comma-separated instance names, e.g. C1_2_1,R2_2_6")
    parser.add_argument("--out", help="also write the Markdown table here")
    opts = parser.parse_args()
    only = set(filter(None, opts.only.split(",")))
    with open(DATA / "BKS.csv") as f:
        rows = [r for r in csv.DictReader(f) if not only or r["instance"] in only]
    load = os.getloadavg()
    lines = [
        f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, load average at "
        f"start {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}, {opts.limit:g} s per run, seed 1, "
        f"command: `{' '.join(sys.argv)}`",
        "",
        "| instance | best known | jempol | gap % | PyVRP | gap % | better |",
        "|---|---|---|---:|---|---:|---|",
    ]
    gaps = {"jempol": [], "pyvrp": []}
    above = {"jempol": 0, "pyvrp": 0}
    wins = {"jempol": 0, "pyvrp": 0, "tie": 0}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for row in rows:
            name, vehicles, best = row["instance"], int(row["hier_vehicles"]), float(row["hier_distance"])
            args = ["vrptw", str(DATA / f"{name}.txt")]
            results = {}
            for solver in ("jempol", "pyvrp"):
                try:
                    if solver == "jempol":
                        results[solver] = solve_jempol(args, opts.limit, tmp)
                    else:
                        results[solver] = solve_peer(solver, args, opts.limit, tmp)
                except Exception as error:  # a failed or invalid run counts as failed
                    print(f"{solver} {name}: {error}", file=sys.stderr)
                    results[solver] = None
            cells = [name, f"{vehicles} / {best:.2f}"]
            for solver in ("jempol", "pyvrp"):
                result = results[solver]
                g = gap(result, best)
                if result is not None:
                    gaps[solver].append(g)
                    above[solver] += result["vehicles"] > vehicles
                cells += cell(result, vehicles, g)
            key = lambda r: (0, r["vehicles"], round(r["distance"], 6)) if r else (1,)
            j, p = key(results["jempol"]), key(results["pyvrp"])
            winner = "tie" if j == p else ("jempol" if j < p else "pyvrp")
            wins[winner] += 1
            lines.append("| " + " | ".join(cells + [winner]) + " |")
            print(lines[-1], file=sys.stderr, flush=True)
    mean = lambda xs: f"{sum(xs) / len(xs):.2f}" if xs else "-"
    lines += [
        "",
        f"Mean gap: jempol {mean(gaps['jempol'])} %, PyVRP {mean(gaps['pyvrp'])} % "
        f"({len(rows)} instances; runs above the best-known vehicles: jempol {above['jempol']}, "
        f"PyVRP {above['pyvrp']}). Better plan (fewest vehicles, then distance): jempol {wins['jempol']}, "
        f"PyVRP {wins['pyvrp']}, tie {wins['tie']}.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if opts.out:
        Path(opts.out).write_text(text)


if __name__ == "__main__":
    main()
