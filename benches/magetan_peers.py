#!/usr/bin/env python3
"""The default Magetan week, solved by jempol and by its peers at the same time limit.

    cargo build --release
    benches/setup-solver-peers.sh                       # once: VROOM, PyVRP, OR-Tools, vrp-cli
    ~/.cache/jempol-peers-vrp/bin/python benches/magetan_peers.py [--limit 10] [--peers ...]

Every solver gets the instance `jempol plan SCENARIO --write-instance` writes (road travel
times, jobs with value, service, per-weekday windows, equipment, blank cards; one tour per
van-day with shift, breaks, capacity, sets, driving limit; docs/instance-json.md), mapped to
its own format. Every solver's routes go through `jempol plan SCENARIO --check`, jempol's
independent verifier: the table's value, people, driving and stops are jempol's recount, and a
plan that breaks a rule counts as failed, with the verifier's reason.

Common to all peers: integer seconds since Monday 00:00 of the week; travel times rounded up.
Where a peer cannot express a rule exactly it gets a stricter one, so its plans stay feasible:
- Service takes `fixed + work / sets` on the van serving it and must end by the window's close;
  peers' windows bound the start. PyVRP and OR-Tools get this exactly (copies per van, or a
  latest start per vehicle). VROOM and vrp-cli cannot tie a window to a van: they get the
  latest start for the longest service among the vans allowed, or, as `*-fastest-van`, the job
  only on the vans that serve it fastest.
- A van only gets jobs whose service fits between its day's breaks (jempol's rule).
- Breaks (lunch, Friday prayer) are fixed: neither driving nor service. Where a peer has no
  breaks, the van drives back to the depot for the break (a required stop at the depot's place).
- Mandatory stops (home visits) must be served.
Seconds are the peer's solve call (building its model not counted), or jempol's whole `plan`
process (reading the map and writing the outputs included).
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "magetan-week.toml"
JEMPOL = os.environ.get("JEMPOL", str(ROOT / "target" / "release" / "jempol"))
VRP_CLI = os.environ.get(
    "VRP_CLI", str(Path.home() / ".cache" / "jempol-vrp-cli" / "bin" / "vrp-cli")
)
UNREACHABLE = 10**7  # seconds: beyond any shift, so a peer never uses the edge


def ceil(x):
    """Rounded up, ignoring float noise below a microsecond."""
    return math.ceil(round(x, 6))


class Week:
    """The instance JSON in integer seconds, with what every peer mapping needs."""

    def __init__(self, inst):
        self.inst = inst
        self.n = len(inst["locations"])
        self.time = [[ceil(m * 60) for m in row] for row in inst["travel_minutes"]]
        self.tours = inst["tours"]
        self.jobs = inst["jobs"]
        self.equipment = sorted({e for t in self.tours for e in t["equipment"]} | {r for j in self.jobs for r in j["requires"]})
        # Vans in order of first appearance; each tour is one van on one day.
        self.vans = list(dict.fromkeys(t["van"] for t in self.tours))
        self.max_value = max(j["value"] for j in self.jobs)
        self.ok = {(j["id"], t["id"]): self.fits(j, t) for j in self.jobs for t in self.tours}

    def sec(self, minutes):
        return round(minutes * 60)

    def allowed(self, job, tour):
        return self.ok[(job["id"], tour["id"])]

    def fits(self, job, tour):
        """Whether the tour may serve the job: equipment, load, and a window on its day in
        which the service fits between the breaks (as jempol's rules require)."""
        if not set(job["requires"]) <= set(tour["equipment"]):
            return False
        if tour["capacity"] is not None and job["load"] > tour["capacity"]:
            return False
        shift = (self.sec(tour["shift"][0]), self.sec(tour["shift"][1]))
        d = self.duration(job, tour)
        return any(
            max(a, shift[0]) <= min(b, shift[1] - d) for a, b in self.start_windows(job, d, cut_breaks=True)
        )

    def duration(self, job, tour):
        return ceil((job["service_fixed"] + job["service_work"] / tour["sets"]) * 60)

    def vans_for(self, job, fastest=False):
        """The vans allowed to serve the job; with `fastest`, only those with the most
        recording sets among them (the shortest service)."""
        variants = self.variants(job)
        if not variants:
            return set()
        return variants[0][0] if fastest else set().union(*(v[0] for v in variants))

    def longest(self, job, fastest=False):
        """The longest service among the vans `vans_for` gives."""
        vans = self.vans_for(job, fastest)
        return max((self.duration(job, t) for t in self.tours if t["van"] in vans and self.allowed(job, t)), default=0)

    def variants(self, job):
        """(vans, service, start windows) per service duration the job has on the vans
        allowed to serve it (a 3-set van records faster than a 2-set one)."""
        by = {}
        for t in self.tours:
            if self.allowed(job, t):
                by.setdefault(self.duration(job, t), set()).add(t["van"])
        out = [(vans, d, self.start_windows(job, d)) for d, vans in sorted(by.items())]
        return [v for v in out if v[2]]

    def breaks(self):
        return sorted({(self.sec(b[0]), self.sec(b[1])) for t in self.tours for b in t["breaks"]})

    def start_windows(self, job, service, cut_breaks=False):
        """The job's windows as windows for the start of a service of `service` seconds,
        without the starts whose service would overlap a break when `cut_breaks`."""
        out = []
        for w in job["windows"]:
            close = self.sec(w[1]) - (service if job["finish_by_close"] else 0)
            pieces = [(self.sec(w[0]), close)]
            for b0, b1 in self.breaks() if cut_breaks else []:
                # Forbidden starts: (b0 - service, b1).
                pieces = [p for a, b in pieces for p in ((a, min(b, b0 - service)), (max(a, b1), b))]
            out += [(a, b) for a, b in pieces if a <= b]
        return sorted(out)

    def priority(self, job):
        """VROOM priority: value scaled to 1..99 (rounded), 100 for a mandatory job."""
        if job["mandatory"]:
            return 100
        return max(1, min(99, round(job["value"] / self.max_value * 99)))


def jempol(*args):
    done = subprocess.run([JEMPOL, "plan", str(SCENARIO), *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip())
    return done.stdout


# ---- jempol -------------------------------------------------------------------------------


def solve_jempol(week, limit, tmp, iterations=None):
    out = tmp / "jempol-out"
    start = time.perf_counter()
    args = ["--out", str(out), "--seed", "1"]
    if iterations is None:
        # The scenario's iteration budget would stop the search early: lift it, so the time
        # limit decides, as for the peers.
        args += ["--time-limit", str(limit), "--iterations", str(10**12)]
    else:
        args += ["--time-limit", "600", "--iterations", str(iterations)]
    jempol(*args)
    seconds = time.perf_counter() - start
    plan = json.loads((out / "plan.json").read_text())
    by_name = {j["name"]: j["id"] for j in week.jobs}
    tour_of = {(t["van"], t["date"]): t["id"] for t in week.tours}
    routes = [[] for _ in week.tours]
    for day in plan["van_days"]:
        routes[tour_of[(day["van"], day["date"])]] = [by_name[v["job"]] for v in day["visits"]]
    return routes, seconds


# ---- VROOM --------------------------------------------------------------------------------


def solve_vroom(week, limit, tmp, fastest=False):
    import vroom

    problem = vroom.Input()
    problem.set_durations_matrix("car", week.time)
    skill = {e: k + 1 for k, e in enumerate(week.equipment)}
    # A job whose service fits between the breaks only on some vans requires that van.
    van_skill = {v: len(skill) + 1 + k for k, v in enumerate(week.vans)}
    for t in week.tours:
        breaks = [
            vroom.Break(k + 1, time_windows=[vroom.TimeWindow(week.sec(b[0]), week.sec(b[0]))], service=week.sec(b[1] - b[0]))
            for k, b in enumerate(t["breaks"])
        ]
        problem.add_vehicle(
            vroom.Vehicle(
                t["id"] + 1,
                start=t["start_location"],
                end=t["end_location"],
                capacity=[int(t["capacity"]) if t["capacity"] is not None else 10**6],
                skills={skill[e] for e in t["equipment"]} | {van_skill[t["van"]]},
                time_window=vroom.TimeWindow(week.sec(t["shift"][0]), week.sec(t["shift"][1])),
                breaks=breaks,
                max_travel_time=week.sec(t["max_drive"]) if t["max_drive"] is not None else None,
                type=t["van"],
            )
        )
    def only_van(j):
        vans = week.vans_for(j, fastest)
        return {van_skill[v] for v in vans} if len(vans) == 1 else set()

    for j in week.jobs:
        longest = week.longest(j, fastest)
        windows = week.start_windows(j, longest)
        if not windows or not longest:
            continue
        problem.add_job(
            vroom.Job(
                j["id"] + 1,
                location=j["location"],
                default_service=longest,
                service_per_type={t["van"]: week.duration(j, t) for t in week.tours},
                delivery=[int(round(j["load"]))],
                skills={skill[e] for e in j["requires"]} | only_van(j),
                priority=week.priority(j),
                time_windows=[vroom.TimeWindow(a, b) for a, b in windows],
            )
        )
    import datetime as dt

    start = time.perf_counter()
    solution = problem.solve(exploration_level=5, nb_threads=2, timeout=dt.timedelta(seconds=limit))
    seconds = time.perf_counter() - start
    routes = [[] for _ in week.tours]
    for row in solution.routes.itertuples():
        if row.type == "job":
            routes[int(row.vehicle_id) - 1].append(int(row.id) - 1)
    return routes, seconds


# ---- vrp-cli ------------------------------------------------------------------------------


def solve_vrp_cli(week, limit, tmp, fastest=False):
    monday = datetime.fromisoformat(week.inst["week_monday"]).replace(tzinfo=timezone.utc)
    stamp = lambda s: (monday + timedelta(seconds=s)).strftime("%Y-%m-%dT%H:%M:%SZ")
    # Mandatory jobs are worth more than all others together, so maximising value serves them.
    must = sum(j["value"] for j in week.jobs) + 1
    jobs = []
    for j in week.jobs:
        longest = week.longest(j, fastest)
        # vrp-cli's breaks may fall inside a service; jempol's may not.
        windows = week.start_windows(j, longest, cut_breaks=True)
        if not windows or not longest:
            continue
        job = {
            "id": str(j["id"]),
            "deliveries": [
                {
                    "places": [
                        {
                            "location": {"index": j["location"]},
                            "duration": longest,
                            "times": [[stamp(a), stamp(b)] for a, b in windows],
                        }
                    ],
                    "demand": [int(round(j["load"]))],
                }
            ],
            "value": must if j["mandatory"] else j["value"],
        }
        # A van on which the service cannot fit between breaks is excluded by a skill.
        vans = sorted(week.vans_for(j, fastest))
        job["skills"] = {"oneOf": vans, **({"allOf": j["requires"]} if j["requires"] else {})}
        jobs.append(job)
    vehicles = []
    for t in week.tours:
        vehicle = {
            "typeId": f"t{t['id']}",
            "vehicleIds": [f"v{t['id']}"],
            "profile": {"matrix": "car"},
            # "distances" are travel seconds, so cost and the distance limit are driving time.
            "costs": {"fixed": 0, "distance": 1, "time": 0},
            "shifts": [
                {
                    "start": {"earliest": stamp(week.sec(t["shift"][0])), "location": {"index": t["start_location"]}},
                    "end": {"latest": stamp(week.sec(t["shift"][1])), "location": {"index": t["end_location"]}},
                    "breaks": [
                        {"time": {"earliest": stamp(week.sec(b[0])), "latest": stamp(week.sec(b[0]))}, "duration": week.sec(b[1] - b[0])}
                        for b in t["breaks"]
                    ],
                }
            ],
            "capacity": [int(t["capacity"]) if t["capacity"] is not None else 10**6],
            "skills": t["equipment"] + [t["van"]],
        }
        if t["max_drive"] is not None:
            vehicle["limits"] = {"maxDistance": week.sec(t["max_drive"])}
        vehicles.append(vehicle)
    problem = {
        "plan": {"jobs": jobs},
        "fleet": {"vehicles": vehicles, "profiles": [{"name": "car"}]},
        "objectives": [{"type": "maximize-value"}, {"type": "minimize-cost"}],
    }
    flat = [x for row in week.time for x in row]
    matrix = {"profile": "car", "travelTimes": flat, "distances": flat}
    d = Path(tempfile.mkdtemp(dir=tmp))
    (d / "problem.json").write_text(json.dumps(problem))
    (d / "matrix.json").write_text(json.dumps(matrix))
    command = [VRP_CLI, "solve", "pragmatic", str(d / "problem.json"), "-m", str(d / "matrix.json")]
    command += ["-o", str(d / "solution.json"), "--max-time", str(max(1, round(limit)))]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip()[-500:])
    solution = json.loads((d / "solution.json").read_text())
    routes = [[] for _ in week.tours]
    for tour in solution.get("tours", []):
        t = int(tour["vehicleId"][1:])
        routes[t] = [int(a["jobId"]) for s in tour["stops"] for a in s["activities"] if a["type"] == "delivery"]
    return routes, seconds


# ---- PyVRP --------------------------------------------------------------------------------


def prize_weight(week):
    """Seconds of driving one unit of value outweighs: more than any detour (2 longest legs)."""
    return 2 * max(max(row) for row in week.time) + 1


def solve_pyvrp(week, limit, tmp):
    from pyvrp import Model
    from pyvrp.stop import MaxRuntime

    m = Model()
    depot_loc = week.tours[0]["start_location"]
    # Places: (matrix location, vans that may go there). A job whose service time differs by
    # van gets one place per van, so each copy has its own duration and windows; a lunch
    # place per van is the depot's location.
    specs, places = [], {}

    def place(loc, vans):
        key = (loc, frozenset(vans))
        if key not in places:
            places[key] = m.add_location(x=0, y=0)
            specs.append(key)
        return places[key]

    depot = m.add_depot(place(depot_loc, week.vans))
    lunch = {v: place(depot_loc, {v}) for v in week.vans}
    profiles = {v: m.add_profile() for v in week.vans}
    for t in week.tours:
        m.add_vehicle_type(
            num_available=1,
            capacity=[int(t["capacity"]) if t["capacity"] is not None else 10**6],
            start_depot=depot,
            end_depot=depot,
            tw_early=week.sec(t["shift"][0]),
            tw_late=week.sec(t["shift"][1]),
            max_distance=week.sec(t["max_drive"]) if t["max_drive"] is not None else 2**62,
            profile=profiles[t["van"]],
            name=str(t["id"]),
        )
        for b in t["breaks"]:
            m.add_client(
                lunch[t["van"]],
                delivery=[0],
                service_duration=week.sec(b[1] - b[0]),
                tw_early=week.sec(b[0]),
                tw_late=week.sec(b[0]),
                required=True,
                name="break",
            )
    weight = prize_weight(week)
    for j in week.jobs:
        variants = week.variants(j)
        if not variants:
            continue
        # One copy per van variant and window (one per weekday), at most one served.
        group = m.add_client_group(required=j["mandatory"])
        for vans, service, windows in variants:
            for a, b in windows:
                m.add_client(
                    place(j["location"], vans),
                    delivery=[int(round(j["load"]))],
                    service_duration=service,
                    tw_early=a,
                    tw_late=b,
                    prize=round(j["value"] * weight),
                    required=False,
                    group=group,
                    name=str(j["id"]),
                )
    for a, (la, _) in enumerate(specs):
        for b, (lb, vans) in enumerate(specs):
            if a != b:
                pa, pb = places[specs[a]], places[specs[b]]
                m.add_edge(pa, pb, distance=week.time[la][lb], duration=week.time[la][lb])
                for v in week.vans:
                    if v not in vans:
                        m.add_edge(pa, pb, distance=UNREACHABLE, duration=UNREACHABLE, profile=profiles[v])
    start = time.perf_counter()
    result = m.solve(stop=MaxRuntime(limit), seed=1, display=False)
    seconds = time.perf_counter() - start
    if not result.best.is_feasible():
        raise RuntimeError("PyVRP found no feasible solution")
    names = [c.name for c in m.clients]
    types = [v.name for v in m.vehicle_types]
    routes = [[] for _ in week.tours]
    for route in result.best.routes():
        t = int(types[route.vehicle_type()])
        for a in route:
            if a.is_client() and names[a.idx] != "break":
                routes[t].append(int(names[a.idx]))
    return routes, seconds


# ---- OR-Tools -----------------------------------------------------------------------------


def solve_ortools(week, limit, tmp):
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    jobs = [j for j in week.jobs if week.variants(j)]
    depot = week.tours[0]["start_location"]
    nodes = [depot] + [j["location"] for j in jobs]
    tours = week.tours
    manager = pywrapcp.RoutingIndexManager(len(nodes), len(tours), 0)
    routing = pywrapcp.RoutingModel(manager)
    solver = routing.solver()
    node = lambda index: manager.IndexToNode(index)
    service = [[0] + [week.duration(j, t) for j in jobs] for t in tours]

    def travel(a, b):
        return week.time[nodes[node(a)]][nodes[node(b)]]

    travel_cb = routing.RegisterTransitCallback(travel)
    routing.SetArcCostEvaluatorOfAllVehicles(travel_cb)
    time_cbs = []
    for v in range(len(tours)):
        s = service[v]
        time_cbs.append(routing.RegisterTransitCallback(lambda a, b, s=s: s[node(a)] + travel(a, b)))
    horizon = 7 * 86400
    routing.AddDimensionWithVehicleTransits(time_cbs, horizon, horizon, False, "time")
    clock = routing.GetDimensionOrDie("time")
    drive_cap = [week.sec(t["max_drive"]) if t["max_drive"] is not None else horizon for t in tours]
    routing.AddDimensionWithVehicleCapacity(travel_cb, 0, drive_cap, True, "drive")
    load = [0] + [int(round(j["load"])) for j in jobs]
    load_cb = routing.RegisterUnaryTransitCallback(lambda a: load[node(a)])
    caps = [int(t["capacity"]) if t["capacity"] is not None else 10**6 for t in tours]
    routing.AddDimensionWithVehicleCapacity(load_cb, 0, caps, True, "load")
    weight = prize_weight(week)
    for k, j in enumerate(jobs, start=1):
        index = manager.NodeToIndex(k)
        # The windows for the shortest service, then per vehicle the latest start that lets its
        # own service end by the close of that day's window.
        windows = week.variants(j)[0][2]
        cumul = clock.CumulVar(index)
        cumul.SetRange(windows[0][0], windows[-1][1])
        for (_, b), (a, _) in zip(windows, windows[1:]):
            cumul.RemoveInterval(b + 1, a - 1)
        latest = [windows[-1][1]]  # unperformed (vehicle -1)
        for v, t in enumerate(tours):
            own = [b for a, b in week.start_windows(j, service[v][k]) if a <= week.sec(t["shift"][1]) and b >= week.sec(t["shift"][0])]
            latest.append(max(own) if own and week.allowed(j, t) else -1)
        routing.VehicleVar(index).RemoveValues([v for v in range(len(tours)) if latest[v + 1] < 0])
        vehicle = (routing.VehicleVar(index) + 1).Var()
        solver.Add(cumul <= solver.Element(latest, vehicle))
        if not j["mandatory"]:
            routing.AddDisjunction([index], round(j["value"] * weight))
    for v, t in enumerate(tours):
        start, end = week.sec(t["shift"][0]), week.sec(t["shift"][1])
        clock.CumulVar(routing.Start(v)).SetRange(start, end)
        clock.CumulVar(routing.End(v)).SetRange(start, end)
        # Fixed breaks; OR-Tools lets a break pause travel but not a visit, as jempol does.
        breaks = [
            solver.FixedDurationIntervalVar(week.sec(b[0]), week.sec(b[0]), week.sec(b[1] - b[0]), False, f"break {v}")
            for b in t["breaks"]
        ]
        visits = [service[v][node(i)] for i in range(routing.Size())]
        clock.SetBreakIntervalsOfVehicle(breaks, v, visits)
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PARALLEL_CHEAPEST_INSERTION
    params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    params.time_limit.FromMilliseconds(int(limit * 1000))
    start = time.perf_counter()
    solution = routing.SolveWithParameters(params)
    seconds = time.perf_counter() - start
    if solution is None:
        raise RuntimeError("OR-Tools found no solution")
    routes = []
    for v in range(len(tours)):
        index, route = solution.Value(routing.NextVar(routing.Start(v))), []
        while not routing.IsEnd(index):
            route.append(jobs[node(index) - 1]["id"])
            index = solution.Value(routing.NextVar(index))
        routes.append(route)
    return routes, seconds


def solve_jempol_budget(week, limit, tmp):
    """jempol with the scenario's own iteration budget: deterministic, whatever the load."""
    return solve_jempol(week, limit, tmp, iterations=1500)


def fastest_van(solve):
    """A peer whose jobs each go only to the vans that serve them fastest, so their windows
    need not allow for a slower van's longer service."""
    return lambda week, limit, tmp: solve(week, limit, tmp, fastest=True)


SOLVERS = {"jempol": solve_jempol, "jempol-1500-iterations": solve_jempol_budget, "vroom": solve_vroom, "vrp-cli": solve_vrp_cli, "pyvrp": solve_pyvrp, "ortools": solve_ortools,
           "vroom-fastest-van": fastest_van(solve_vroom), "vrp-cli-fastest-van": fastest_van(solve_vrp_cli)}

GAPS = {
    "jempol": "the model itself; the time limit decides (iteration budget lifted)",
    "jempol-1500-iterations": "the model itself, with the scenario's budget of 1500 iterations (seed 1): "
    "the same plan on any machine",
    "vroom": "per-van service (service_per_type), fixed breaks, skills for equipment (and for the one van a "
    "long service fits), driving limit (max_travel_time), one window per weekday: exact. Stricter: windows "
    "bound the start only, so the latest start is close minus the longest (2-set) service on both vans; a "
    "break is a stop, so a van never drives through lunch. Value scaled to priorities 1..99 (rounded: close "
    "values tie), mandatory 100",
    "vrp-cli": "value with maximize-value, required breaks at fixed times (they pause travel), skills, "
    "windows per weekday, driving limit as maxDistance over travel-time 'distances': exact. Stricter: one "
    "service time for both vans (the longest, 2-set), latest start close minus it, and starts removed where "
    "the service would overlap a break (vrp-cli lets a break interrupt a service). Mandatory jobs valued "
    "above all others together",
    "vroom-fastest-van": "as vroom, but a job that both vans can serve goes only to the one with more "
    "recording sets (3), so its windows allow for that van's shorter service: less strict on time, "
    "stricter on vans",
    "vrp-cli-fastest-van": "as vrp-cli, with the same rule as vroom-fastest-van",
    "pyvrp": "multiple windows and per-van service exact through copies: one client per weekday and van "
    "variant in a mutually exclusive group (required for mandatory jobs); equipment through a routing "
    "profile per van with unreachable places. No breaks in PyVRP: a required stop at a copy of the depot at "
    "the break's time, so the van drives back to the depot for lunch (stricter; jempol's recount drops "
    "the detour)",
    "ortools": "per-van service (vehicle transits), fixed breaks that pause travel but not a visit, windows "
    "per weekday (cumul domain with gaps), the latest start per vehicle (an Element constraint on the "
    "vehicle variable), allowed vehicles, driving-limit dimension: exact. The prize is the drop penalty, value "
    "x (2 x longest leg + 1) s",
}


def check(routes, seconds, tmp):
    file = tmp / "routes.json"
    file.write_text(json.dumps({"routes": routes, "seconds": seconds}))
    return json.loads(jempol("--check", str(file), "--json"))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=float, default=10.0, help="seconds per solver")
    parser.add_argument("--peers", default="vroom,vroom-fastest-van,vrp-cli,vrp-cli-fastest-van,pyvrp,ortools")
    parser.add_argument("--runs", type=int, default=1, help="runs per solver; the table shows the median")
    parser.add_argument("--out", help="also write the Markdown table here")
    opts = parser.parse_args()
    solvers = ["jempol", "jempol-1500-iterations"] + [p for p in opts.peers.split(",") if p]
    for s in solvers:
        if s not in SOLVERS:
            sys.exit(f"unknown solver {s}: use {', '.join(SOLVERS)}")
    lines = [
        f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, "
        f"{opts.limit:g} s per solver, {opts.runs} run(s) each (the median run by value; range of values), "
        f"command: `{' '.join(sys.argv)}`",
        "",
        "| solver | weighted value | range | people | driving h | stops | van-days | s | result |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        jempol("--write-instance", str(tmp / "instance.json"))
        week = Week(json.loads((tmp / "instance.json").read_text()))
        for solver in solvers:
            ok, failures = [], []
            for _ in range(opts.runs):
                try:
                    routes, seconds = SOLVERS[solver](week, opts.limit, tmp)
                    ok.append(check(routes, seconds, tmp))
                except Exception as error:  # a failed or rejected run counts as failed
                    print(f"{solver}: {error}", file=sys.stderr)
                    failures.append(" ".join(str(error).split())[:300])
            failed = f"{len(failures)} of {opts.runs} failed: {failures[0]}" if failures else ""
            if ok:
                ok.sort(key=lambda r: r["value"])
                r = ok[(len(ok) - 1) // 2]
                spread = f"{ok[0]['value']:.0f}-{ok[-1]['value']:.0f}"
                cells = [f"{r['value']:.0f}", spread, str(r["people"]), f"{r['drive_minutes'] / 60:.2f}", str(r["stops"]),
                         str(r["van_days"]), f"{r['seconds']:.1f}", failed or "verified"]
            else:
                cells = ["-"] * 7 + [failed]
            lines.append(f"| {solver} | " + " | ".join(cells) + " |")
            print(lines[-1], file=sys.stderr, flush=True)
    lines += ["", "| solver | how the week is modelled |", "|---|---|"]
    lines += [f"| {s} | {GAPS[s]} |" for s in solvers]
    text = "\n".join(lines) + "\n"
    print(text)
    if opts.out:
        Path(opts.out).write_text(text)


if __name__ == "__main__":
    main()
