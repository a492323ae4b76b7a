#!/usr/bin/env python3
"""How `jempol plan` time and value grow with the number of stops (a benchmark, not run in CI).

Generates scenarios of 100, 300 and 1000 stops on the Magetan stand-in map, deterministically:
`jempol scenario stops --count N --seed S` samples the candidate stops (or, above the 296
candidates, adds posyandu posts that share their desa hall's people, so the demand stays the
regency's), and each scenario extends scenarios/magetan-week.toml with those stops and either
its two vans or a fleet scaled with the stops (one van per 50 stops, copies of the two vans
taken in turn). Each scenario is planned RUNS times in two modes:

- time: the scenario's default time limit (5 s) alone (`--iterations 1000000000`);
- iterations: a fixed budget (`--iterations 1500 --time-limit 86400`), whose plan depends only
  on the seed, so its value is comparable across machines and loads.

The default scenario scenarios/magetan-week.toml is also run as shipped (5 s or 1500
iterations, whichever comes first). Times come from `jempol plan --timings` (prepare = reading
the scenario and map, snapping, matrix, checks) and /usr/bin/time -v (wall, peak RSS); the table
gives medians of RUNS runs, the largest peak RSS, and value, share of demand and km of the run
with the median value. Files go to target/bench-plan-scaling (small; rewritten each run).

    python3 benches/plan_scaling.py                  # 100 300 1000 stops, 3 runs
    python3 benches/plan_scaling.py --sizes 100 --runs 1

Needs GNU time (apt-get install -y time). Standard library only.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIR = ROOT / "target" / "bench-plan-scaling"
JEMPOL = ROOT / "target" / "release" / "jempol"
BASE = ROOT / "scenarios" / "magetan-week.toml"
STOPS_PER_VAN = 50
HUGE_ITERATIONS = 1_000_000_000
HUGE_TIME_LIMIT = 86_400  # the longest a time limit may be
# Copies of the default scenario's two vans, taken in turn for a larger fleet.
VAN_KINDS = [
    'recording_sets = 2\nequipment = ["generator", "portable_kit"]\nmax_driving = "3h"\n',
    'recording_sets = 3\nequipment = ["printer"]\nblank_cards = 150\n',
]


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def write_scenario(stops: int, vans: int, seed: int) -> Path:
    """A scenario extending the default one with `stops` generated stops and `vans` vans."""
    csv = DIR / f"stops-{stops}-seed{seed}.csv"
    run([JEMPOL, "scenario", "stops", "--count", str(stops), "--seed", str(seed), "--out", csv])
    text = (
        f'extends = "{BASE}"\n'
        f'name = "Scaling: {stops} stops, {vans} vans"\n\n'
        f'[stops]\ncsv = "{csv.name}"\n'
    )
    # The base's vans are Keliling 1 and 2; a fleet of more adds Keliling 3, 4, ...
    for k in range(3, vans + 1):
        text += f'\n[[van]]\nname = "Keliling {k}"\n' + VAN_KINDS[(k - 1) % 2]
    path = DIR / f"scaling-{stops}-stops-{vans}-vans.toml"
    path.write_text(text)
    return path


def check(scenario: Path) -> dict:
    """Stops, jobs, vans and van-days as `jempol check` reports them."""
    out = run([JEMPOL, "check", scenario]).stdout
    n = r"([\d,]+)"  # counts may have thousands separators
    m = re.search(rf"{n} stops \({n} split into parts, {n} jobs\), {n} vans, "
                  rf"{n} working days.*?, {n} van-days", out)
    if not m:
        sys.exit(f"cannot read `jempol check {scenario}`:\n{out}")
    stops, _, jobs, vans, days, _ = (int(g.replace(",", "")) for g in m.groups())
    return {"stops": stops, "jobs": jobs, "vans": vans, "days": days}


def plan_once(scenario: Path, extra: list) -> dict:
    out = DIR / "out"
    timefile = DIR / "time.txt"
    p = subprocess.run(["/usr/bin/time", "-v", "-o", timefile, JEMPOL, "plan", scenario,
                        "--out", out, "--timings", *extra], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"jempol plan {scenario} failed:\n{p.stderr}")
    t = re.search(r"prepare ([\d.]+) \(map load ([\d.]+), stops \+ matrix ([\d.]+)\), "
                  r"solve ([\d.]+)", p.stderr)
    tv = timefile.read_text()
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", tv)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", tv)
    totals = json.loads((out / "plan.json").read_text())["totals"]
    served = sum(totals["served"].values())
    demand = sum(totals["demand"].values())
    return {
        "map": float(t.group(2)),
        "matrix": float(t.group(3)),
        "solve": float(t.group(4)),
        "wall": int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3)),
        "rss_mb": int(rss.group(1)) / 1024,
        "value": totals["value"],
        "share": 100.0 * served / demand if demand else 0.0,
        "km": totals["km"],
    }


def measure(scenario: Path, extra: list, runs: int) -> dict:
    results = [plan_once(scenario, extra) for _ in range(runs)]
    def med(key):
        return statistics.median(r[key] for r in results)

    by_value = sorted(results, key=lambda r: r["value"])[(len(results) - 1) // 2]
    return {
        **{k: med(k) for k in ("map", "matrix", "solve", "wall")},
        "rss_mb": max(r["rss_mb"] for r in results),
        "value": by_value["value"],
        "share": by_value["share"],
        "km": by_value["km"],
        "values": sorted(r["value"] for r in results),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--iterations", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=1, help="seed of the generated stops")
    args = ap.parse_args()
    os.chdir(ROOT)
    DIR.mkdir(parents=True, exist_ok=True)
    run(["cargo", "build", "--release", "--quiet", "--bin", "jempol"])

    modes = [
        ("time 5 s", ["--iterations", str(HUGE_ITERATIONS)]),
        (f"{args.iterations} iterations",
         ["--iterations", str(args.iterations), "--time-limit", str(HUGE_TIME_LIMIT)]),
    ]
    jobs = [("magetan-week.toml as shipped", BASE, [("5 s or 1500 it.", [])])]
    jobs.append(("magetan-week.toml", BASE, modes))
    for n in args.sizes:
        fleets = sorted({2, max(2, round(n / STOPS_PER_VAN))})
        for vans in fleets:
            jobs.append((f"generated, seed {args.seed}", write_scenario(n, vans, args.seed), modes))

    cmd = "python3 benches/plan_scaling.py " + " ".join(sys.argv[1:])
    load = open("/proc/loadavg").read().split()[:3]
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo")
                if l.startswith("model name")), "unknown CPU")
    print(f"`{cmd.strip()}`, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
          f"{os.cpu_count()} cores ({cpu}), load average {' '.join(load)} at the start; "
          f"median of {args.runs} runs\n")
    print("| scenario | stops | jobs | vans x days | search | map load s | snap + matrix s "
          "| solve s | total wall s | peak RSS MB | value | people served % | km | values |")
    print("|---|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for label, scenario, scenario_modes in jobs:
        info = check(scenario)
        for mode, extra in scenario_modes:
            r = measure(scenario, extra, args.runs)
            values = ", ".join(f"{v:.0f}" for v in r["values"])
            print(f"| {label} | {info['stops']} | {info['jobs']} | {info['vans']} x "
                  f"{info['days']} | {mode} | {r['map']:.2f} | {r['matrix']:.2f} | "
                  f"{r['solve']:.2f} | {r['wall']:.2f} | {r['rss_mb']:.0f} | {r['value']:.0f} | "
                  f"{r['share']:.1f} | {r['km']:.0f} | {values} |", flush=True)


if __name__ == "__main__":
    main()
