#!/usr/bin/env python3
"""Planning time at a fixed iteration budget, two builds side by side (a benchmark, not a test).

    cargo build --release && cp target/release/jempol /tmp/jempol-base   # on the base commit
    cargo build --release                                                 # on the new one
    python3 benches/many_tours.py --base /tmp/jempol-base [--new target/release/jempol] [--runs 3]

With --scenarios DIR the default week is read from DIR/magetan-week.toml (with its stops CSV)
instead of this tree's scenarios/: a base build older than the scenario format needs the
scenario folder of its own commit, and both builds then plan exactly the same input.

Scenarios, each at the same iteration budget (1500; the plan then depends only on the seed,
so both builds' values are comparable whatever the load):

- the default week, scenarios/magetan-week.toml (2 vans x 5 days, 415 jobs);
- 100 generated stops (`jempol scenario stops --count 100 --seed 1`) with the week's 2 vans;
- 1000 generated stops with the week's 2 vans and 18 more of 2 recording sets each, carrying
  the generator and the portable kit: 20 vans x 5 days, 100 tours (issue 17's case).

The two builds run in turn, run by run, so they share the machine's load. The table gives the
median solve seconds (`jempol plan --timings`) and CPU seconds (user + system of the process)
of each build, their ratio new/base, and each build's value and people served (the same in
every run, as the budget fixes the plan). With --seeds, each run takes the next seed in turn
(`jempol plan --seed`), and the value and people are the mean over the seeds (the time is
still the median of all runs). Files go to target/bench-many-tours.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIR = ROOT / "target" / "bench-many-tours"
BASE_SCENARIO = ROOT / "scenarios" / "magetan-week.toml"
EXTRA_VAN = 'recording_sets = 2\nequipment = ["generator", "portable_kit"]\n'


def run(cmd):
    return subprocess.run([str(c) for c in cmd], check=True, capture_output=True, text=True)


def generated(binary: str, stops: int, vans: int, base_scenario: Path) -> Path:
    """The default week with `stops` generated stops (seed 1) and `vans` vans in all."""
    csv = DIR / f"stops-{stops}.csv"
    run([binary, "scenario", "stops", "--count", stops, "--seed", 1, "--out", csv])
    text = (f'extends = "{base_scenario}"\nname = "{stops} stops, {vans} vans"\n\n'
            f'[stops]\ncsv = "{csv.name}"\n')
    for k in range(3, vans + 1):
        text += f'\n[[van]]\nname = "Keliling {k}"\n' + EXTRA_VAN
    path = DIR / f"many-tours-{stops}-stops-{vans}-vans.toml"
    path.write_text(text)
    return path


def plan(binary: str, scenario: Path, iterations: int, seed: int) -> dict:
    out = DIR / "out"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.run([binary, "plan", scenario, "--out", out, "--timings", "--iterations",
                        str(iterations), "--time-limit", "86400", "--seed", str(seed)],
                       capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        sys.exit(f"{binary} plan {scenario} failed:\n{p.stderr}")
    solve = float(p.stderr.split("solve ")[1].split(",")[0])
    totals = json.loads((out / "plan.json").read_text())["totals"]
    return {
        "solve": solve,
        "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        "value": totals["value"],
        "people": sum(totals["served"].values()),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", required=True, help="the jempol binary to compare against")
    ap.add_argument("--new", default=str(ROOT / "target" / "release" / "jempol"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--iterations", type=int, default=1500)
    ap.add_argument("--only", help="comma-separated scenario labels (week,100,1000)")
    ap.add_argument("--seeds", default="1", help="comma-separated, taken in turn by the runs")
    ap.add_argument("--scenarios", help="folder holding the magetan-week.toml both builds read "
                    "(default: this tree's scenarios/)")
    a = ap.parse_args()
    DIR.mkdir(parents=True, exist_ok=True)
    week = Path(a.scenarios).resolve() / "magetan-week.toml" if a.scenarios else BASE_SCENARIO
    scenarios = [
        ("week", "magetan-week.toml, 2 vans x 5 days", week),
        ("100", "100 stops, 2 vans x 5 days", generated(a.base, 100, 2, week)),
        ("1000", "1000 stops, 20 vans x 5 days", generated(a.base, 1000, 20, week)),
    ]
    if a.only:
        scenarios = [s for s in scenarios if s[0] in a.only.split(",")]
    load = " ".join(open("/proc/loadavg").read().split()[:3])
    print(f"`python3 benches/many_tours.py {' '.join(sys.argv[1:])}`, "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, "
          f"load average {load} at the start; {a.iterations} iterations, median of {a.runs} runs, "
          f"seeds {a.seeds}\n")
    print("| scenario | base solve s | new solve s | new/base | base CPU s | new CPU s | "
          "new/base CPU | base value (people) | new value (people) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for _, label, scenario in scenarios:
        runs = {"base": [], "new": []}
        seeds = [int(s) for s in a.seeds.split(",")]
        for k in range(a.runs):
            for who, binary in (("base", a.base), ("new", a.new)):
                runs[who].append(plan(binary, scenario, a.iterations, seeds[k % len(seeds)]))
        med = {w: {k: statistics.median(r[k] for r in rs) for k in ("solve", "cpu")}
               for w, rs in runs.items()}
        b, n = ({k: statistics.mean(r[k] for r in rs) for k in ("value", "people")}
                for rs in (runs["base"], runs["new"]))
        print(f"| {label} | {med['base']['solve']:.2f} | {med['new']['solve']:.2f} | "
              f"{med['new']['solve'] / med['base']['solve']:.3f} | {med['base']['cpu']:.2f} | "
              f"{med['new']['cpu']:.2f} | {med['new']['cpu'] / med['base']['cpu']:.3f} | "
              f"{b['value']:.0f} ({b['people']:.0f}) | {n['value']:.0f} ({n['people']:.0f}) |",
              flush=True)


if __name__ == "__main__":
    main()
