#!/usr/bin/env python3
"""Optimizer quality on standard benchmarks: jempol and, opt-in, its peers on the same problems.

    cargo build --release
    python3 benches/solvers.py [--sets cordeau,solomon-op,vrptw] [--limit 10] [--only pr01,c101]
    benches/setup-solver-peers.sh   # prints the peers' python; then with it:
    ~/.cache/jempol-peers-vrp/bin/python benches/solvers.py --peers pyvrp,ortools,vroom,vrp-cli

Sets: `cordeau` (TOPTW pr01-pr10, m = 1..4, against best-known scores), `solomon-op` (TOPTW
Solomon type 1, m = 1, against the 27 proven optima), `vrptw` (Solomon VRPTW, fewest vehicles
then distance, against the hierarchical best-known distance; exact Euclidean distances).

Every solver gets exactly the instance jempol reads (`jempol benchmark ... --write-instance`),
and every solver's routes are checked and scored by jempol's verifier (`--check`); a route that
breaks a rule counts as a failed run. Each run is one process after another on this machine, with
the same wall-clock limit. Peers that need integers get the matrix scaled by the smallest power of
ten that makes it integral (TOPTW: exact), else by 1000 with travel times rounded up (VRPTW), so
their plans stay feasible for the exact problem. Prints a Markdown table (also to --out).

Threads: jempol runs two search chains in parallel, VROOM gets nb_threads=2, vrp-cli uses its
default (all cores); PyVRP and OR-Tools search on one thread. VROOM stops by itself when its
local search converges (the limit is only a cap), so its time can be well under the limit.
Prizes: VROOM maximises the sum of job priorities (integers 0..100) before cost; the benchmark
prizes are integers 0..50, so priority = prize is exact. PyVRP and OR-Tools minimise one sum, so a
skipped customer costs prize x (2 x the longest leg + 1). vrp-cli: job `value` with the
`maximize-value` objective, then `minimize-cost`.
"""

import argparse
import csv
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "data" / "benchmarks"
JEMPOL = os.environ.get("JEMPOL", str(ROOT / "target" / "release" / "jempol"))
VRP_CLI = os.environ.get(
    "VRP_CLI", str(Path.home() / ".cache" / "jempol-vrp-cli" / "bin" / "vrp-cli")
)
BIG = 1_000_000  # VRPTW: the cost of a vehicle, above any distance it could save


def runs(set_name, only):
    """(set, name, jempol args, best known, best vehicles or None) for one set."""
    keep = lambda n: not only or n in only
    out = []
    if set_name == "cordeau":
        with open(BENCH / "toptw/cordeau/BKS.csv") as f:
            for row in csv.DictReader(f):
                if keep(row["instance"]):
                    file = BENCH / f"toptw/cordeau/{row['instance']}.txt"
                    args = ["toptw", str(file), "--vehicles", row["m"]]
                    name = f"{row['instance']} m={row['m']}"
                    out.append((set_name, name, args, float(row["BKS"]), None))
    elif set_name == "solomon-op":
        with open(BENCH / "toptw/solomon_type1_m1_optimal.csv") as f:
            for row in csv.DictReader(f):
                if keep(row["instance"]):
                    file = BENCH / f"toptw/solomon/{row['instance']}.txt"
                    args = ["toptw", str(file), "--vehicles", "1"]
                    out.append((set_name, row["instance"], args, float(row["m1_optimal_score"]), None))
    elif set_name == "vrptw":
        with open(BENCH / "solomon/BKS.csv") as f:
            for row in csv.DictReader(f):
                if keep(row["instance"]):
                    file = BENCH / f"solomon/{row['instance']}.txt"
                    best = float(row["hier_distance"])
                    out.append((set_name, row["instance"], ["vrptw", str(file)], best, int(row["hier_vehicles"])))
    else:
        sys.exit(f"unknown set {set_name}: use cordeau, solomon-op or vrptw")
    return out


def jempol(args, *extra):
    done = subprocess.run([JEMPOL, "benchmark", *args, *extra], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip())
    return json.loads(done.stdout) if "--json" in extra else None


def solve_jempol(args, limit, tmp):
    start = time.perf_counter()
    result = jempol(args, "--time-limit", str(limit), "--seed", "1", "--json")
    result["seconds"] = time.perf_counter() - start
    return result


# ---- the problem as integers, for peers ---------------------------------------------------


class Problem:
    """jempol's instance JSON, with integer travel times, distances and times for peers."""

    def __init__(self, inst):
        self.n = inst["time"]["n"]
        times, dists = inst["time"]["data"], inst["distance"]["data"]
        self.scale = next(
            (s for s in (1, 10, 100) if all(abs(t * s - round(t * s)) < 1e-6 for t in times)), 1000
        )
        up = lambda x: math.ceil(x * self.scale - 1e-6)
        down = lambda x: math.floor(x * self.scale + 1e-6)
        self.time = [[up(times[i * self.n + j]) for j in range(self.n)] for i in range(self.n)]
        self.dist = [[round(dists[i * self.n + j] * self.scale) for j in range(self.n)] for i in range(self.n)]
        self.prize_objective = inst["objective"] == "Prize"
        # Solvers with one weighted objective get prize * weight as the penalty for leaving a
        # customer out: any detour a customer needs is shorter than 2 longest legs, so a
        # feasible customer is always worth taking (a huge weight instead starves PyVRP's
        # penalty balance: it found no feasible plan on pr02).
        self.prize_weight = 2 * max(max(row) for row in self.dist) + 1
        tour = inst["tours"][0]
        self.vehicles = len(inst["tours"])
        self.start, self.end = up(tour["start"]), down(tour["end"])
        cap = tour["capacity"]
        self.capacity = None if cap is None or cap > 1e12 else int(cap)
        self.jobs = [
            dict(
                vertex=j["location"],
                prize=int(round(j["value"])),
                service=up(j["service_fixed"]),
                open=up(j["windows"][0]["open"]),
                close=down(j["windows"][0]["close"]),
                load=int(round(j["load"])),
            )
            for j in inst["jobs"]
        ]


def solve_pyvrp(p, limit):
    from pyvrp import Model
    from pyvrp.stop import MaxRuntime

    m = Model()
    locations = [m.add_location(x=0, y=0) for _ in range(p.n)]
    depot = m.add_depot(locations[0], tw_early=p.start, tw_late=p.end)
    m.add_vehicle_type(
        num_available=p.vehicles,
        capacity=p.capacity if p.capacity is not None else [],
        start_depot=depot,
        end_depot=depot,
        tw_early=p.start,
        tw_late=p.end,
        # VRPTW: a vehicle costs more than any distance it could save, as in the hierarchy.
        fixed_cost=0 if p.prize_objective else BIG * p.scale,
    )
    for j in p.jobs:
        m.add_client(
            locations[j["vertex"]],
            delivery=j["load"] if p.capacity is not None else [],
            service_duration=j["service"],
            tw_early=j["open"],
            tw_late=j["close"],
            prize=j["prize"] * p.prize_weight if p.prize_objective else 0,
            required=not p.prize_objective,
        )
    for a in range(p.n):
        for b in range(p.n):
            if a != b:
                m.add_edge(locations[a], locations[b], distance=p.dist[a][b], duration=p.time[a][b])
    result = m.solve(stop=MaxRuntime(limit), seed=1, display=False)
    if not result.best.is_feasible():
        raise RuntimeError("PyVRP found no feasible solution")
    # Route activities name clients by their index in the order they were added.
    return [
        [p.jobs[a.idx]["vertex"] for a in route if a.is_client()] for route in result.best.routes()
    ]


def solve_ortools(p, limit):
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    manager = pywrapcp.RoutingIndexManager(p.n, p.vehicles, 0)
    routing = pywrapcp.RoutingModel(manager)
    service = [0] * p.n
    for j in p.jobs:
        service[j["vertex"]] = j["service"]

    def distance(a, b):
        return p.dist[manager.IndexToNode(a)][manager.IndexToNode(b)]

    def duration(a, b):
        i, k = manager.IndexToNode(a), manager.IndexToNode(b)
        return service[i] + p.time[i][k]

    routing.SetArcCostEvaluatorOfAllVehicles(routing.RegisterTransitCallback(distance))
    horizon = p.end
    routing.AddDimension(routing.RegisterTransitCallback(duration), horizon, horizon, False, "time")
    clock = routing.GetDimensionOrDie("time")
    for j in p.jobs:
        index = manager.NodeToIndex(j["vertex"])
        clock.CumulVar(index).SetRange(j["open"], j["close"])
        if p.prize_objective:
            routing.AddDisjunction([index], j["prize"] * p.prize_weight)
    for v in range(p.vehicles):
        clock.CumulVar(routing.Start(v)).SetRange(p.start, p.end)
        clock.CumulVar(routing.End(v)).SetRange(p.start, p.end)
    if p.capacity is not None:
        load = [0] * p.n
        for j in p.jobs:
            load[j["vertex"]] = j["load"]
        demand = routing.RegisterUnaryTransitCallback(lambda a: load[manager.IndexToNode(a)])
        routing.AddDimensionWithVehicleCapacity(demand, 0, [p.capacity] * p.vehicles, True, "load")
    if not p.prize_objective:
        routing.SetFixedCostOfAllVehicles(BIG * p.scale)
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PARALLEL_CHEAPEST_INSERTION
    params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    params.time_limit.FromMilliseconds(int(limit * 1000))
    solution = routing.SolveWithParameters(params)
    if solution is None:
        raise RuntimeError("OR-Tools found no solution")
    routes = []
    for v in range(p.vehicles):
        index, route = solution.Value(routing.NextVar(routing.Start(v))), []
        while not routing.IsEnd(index):
            route.append(manager.IndexToNode(index))
            index = solution.Value(routing.NextVar(index))
        routes.append(route)
    return routes


def solve_vroom(p, limit):
    import datetime as dt

    import vroom

    problem = vroom.Input()
    problem.set_durations_matrix("car", p.time)
    problem.set_costs_matrix("car", p.dist)
    for v in range(p.vehicles):
        problem.add_vehicle(
            vroom.Vehicle(
                v + 1,
                start=0,
                end=0,
                capacity=[p.capacity] if p.capacity is not None else [],
                time_window=vroom.TimeWindow(p.start, p.end),
                costs=vroom.VehicleCosts(fixed=0 if p.prize_objective else BIG * p.scale),
            )
        )
    for j in p.jobs:
        problem.add_job(
            vroom.Job(
                j["vertex"],
                location=j["vertex"],
                default_service=j["service"],
                delivery=[j["load"]] if p.capacity is not None else [],
                # VROOM maximises the sum of priorities (integers 0..100) before cost; the
                # benchmark prizes are integers 0..50, so this is the prize exactly.
                priority=min(j["prize"], 100) if p.prize_objective else 0,
                time_windows=[vroom.TimeWindow(j["open"], j["close"])],
            )
        )
    solution = problem.solve(exploration_level=5, nb_threads=2, timeout=dt.timedelta(seconds=limit))
    routes = {}
    for row in solution.routes.itertuples():
        if row.type == "job":
            routes.setdefault(row.vehicle_id, []).append(int(row.id))
    return [routes[v] for v in sorted(routes)]


def solve_vrp_cli(p, limit, tmp=None):
    stamp = lambda t: datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    problem = {
        "plan": {
            "jobs": [
                {
                    "id": str(j["vertex"]),
                    "deliveries": [
                        {
                            "places": [
                                {
                                    "location": {"index": j["vertex"]},
                                    "duration": j["service"],
                                    "times": [[stamp(j["open"]), stamp(j["close"])]],
                                }
                            ],
                            "demand": [j["load"] if p.capacity is not None else 0],
                        }
                    ],
                    **({"value": j["prize"]} if p.prize_objective else {}),
                }
                for j in p.jobs
            ]
        },
        "fleet": {
            "vehicles": [
                {
                    "typeId": "van",
                    "vehicleIds": [f"van{v + 1}" for v in range(p.vehicles)],
                    "profile": {"matrix": "car"},
                    "costs": {"fixed": 0, "distance": 1, "time": 0},
                    "shifts": [
                        {
                            "start": {"earliest": stamp(p.start), "location": {"index": 0}},
                            "end": {"latest": stamp(p.end), "location": {"index": 0}},
                        }
                    ],
                    "capacity": [p.capacity if p.capacity is not None else 1],
                }
            ],
            "profiles": [{"name": "car"}],
        },
        "objectives": (
            [{"type": "maximize-value"}, {"type": "minimize-cost"}]
            if p.prize_objective
            else [{"type": "minimize-unassigned"}, {"type": "minimize-tours"}, {"type": "minimize-cost"}]
        ),
    }
    matrix = {
        "profile": "car",
        "travelTimes": [t for row in p.time for t in row],
        "distances": [d for row in p.dist for d in row],
    }
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        (d / "problem.json").write_text(json.dumps(problem))
        (d / "matrix.json").write_text(json.dumps(matrix))
        command = [VRP_CLI, "solve", "pragmatic", str(d / "problem.json"), "-m", str(d / "matrix.json")]
        command += ["-o", str(d / "solution.json"), "--max-time", str(max(1, round(limit)))]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(done.stderr.strip()[-300:])
        solution = json.loads((d / "solution.json").read_text())
    routes = []
    for tour in solution.get("tours", []):
        route = [int(a["jobId"]) for stop in tour["stops"] for a in stop["activities"] if a["type"] == "delivery"]
        routes.append(route)
    return routes


PEERS = {"pyvrp": solve_pyvrp, "ortools": solve_ortools, "vroom": solve_vroom, "vrp-cli": solve_vrp_cli}


def solve_peer(peer, args, limit, tmp):
    instance_file, routes_file = tmp / "instance.json", tmp / "routes.json"
    jempol(args, "--write-instance", str(instance_file))
    problem = Problem(json.loads(instance_file.read_text()))
    start = time.perf_counter()
    routes = PEERS[peer](problem, limit)
    seconds = time.perf_counter() - start
    routes_file.write_text(json.dumps({"routes": [r for r in routes if r], "seconds": seconds}))
    return jempol(args, "--check", str(routes_file), "--json")


# ---- the table ----------------------------------------------------------------------------


def gap(run, result):
    best = run[3]
    if result is None:
        return None
    if run[4] is None:
        return (best - result["score"]) / best * 100
    return (result["distance"] - best) / best * 100


def value(run, result):
    if result is None:
        return "failed"
    if run[4] is None:
        return f"{result['score']:g}"
    return f"{result['vehicles']} / {result['distance']:.2f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default="cordeau,solomon-op,vrptw")
    parser.add_argument("--limit", type=float, default=10.0, help="seconds per run and solver")
    parser.add_argument("--only", default="", help="comma-separated instance names, e.g. pr01,c101")
    parser.add_argument("--peers", default="", help="comma-separated: " + ",".join(PEERS))
    parser.add_argument("--out", help="also write the Markdown table here")
    opts = parser.parse_args()
    only = set(filter(None, opts.only.split(",")))
    solvers = ["jempol"] + [p for p in opts.peers.split(",") if p]
    for p in solvers[1:]:
        if p not in PEERS:
            sys.exit(f"unknown peer {p}: use {', '.join(PEERS)}")
    lines = [
        f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, "
        f"{opts.limit:g} s per run, command: `{' '.join(sys.argv)}`",
        "",
    ]
    summary = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for set_name in opts.sets.split(","):
            rows = runs(set_name, only)
            if not rows:
                continue
            kind = "vehicles / distance" if rows[0][4] is not None else "score"
            lines += [f"### {set_name} ({kind}; gap % to best known; s = wall time)", ""]
            head = "| instance | best | " + " | ".join(f"{s} | gap % | s" for s in solvers) + " |"
            lines += [head, "|" + "---|" * (2 + 3 * len(solvers))]
            for run in rows:
                cells = [run[1], f"{run[4]} / {run[3]:g}" if run[4] else f"{run[3]:g}"]
                for solver in solvers:
                    try:
                        if solver == "jempol":
                            result = solve_jempol(run[2], opts.limit, tmp)
                        else:
                            result = solve_peer(solver, run[2], opts.limit, tmp)
                    except Exception as error:  # a failed or invalid run counts as failed
                        print(f"{solver} {run[1]}: {error}", file=sys.stderr)
                        result = None
                    g = gap(run, result)
                    extra = result["vehicles"] - run[4] if result and run[4] is not None else 0
                    summary.setdefault((set_name, solver), []).append((g, extra))
                    secs = f"{result['seconds']:.1f}" if result and result.get("seconds") else "-"
                    cells += [value(run, result), "-" if g is None else f"{g:.2f}", secs]
                lines.append("| " + " | ".join(cells) + " |")
                print(lines[-1], file=sys.stderr, flush=True)
            lines.append("")
    # VRPTW is hierarchical: a plan with more vehicles than the best known may be shorter, so
    # its distance gap is no win; such runs are counted apart.
    lines += [
        "### Average gap per set",
        "",
        "| set | solver | runs | failed | more vehicles than best | average gap % | worst gap % | at best known |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for (set_name, solver), runs_ in summary.items():
        ok = [g for g, _ in runs_ if g is not None]
        avg = f"{sum(ok) / len(ok):.2f}" if ok else "-"
        worst = f"{max(ok):.2f}" if ok else "-"
        at_best = sum(1 for g, extra in runs_ if g is not None and g <= 1e-9 and extra <= 0)
        more = sum(1 for g, extra in runs_ if g is not None and extra > 0)
        cells = [set_name, solver, len(runs_), len(runs_) - len(ok), more, avg, worst, at_best]
        lines.append("| " + " | ".join(map(str, cells)) + " |")
    text = "\n".join(lines) + "\n"
    print(text)
    if opts.out:
        Path(opts.out).write_text(text)


if __name__ == "__main__":
    main()
