#!/usr/bin/env python3
"""Road-network benchmark: jempol against osmium, pyrosm and OSRM on the same files.

Run with the peers' venv (see setup-peers.sh), after `cargo build --release`:

    benches/setup-peers.sh                      # prints the venv's python
    ~/.cache/jempol-peers/bin/python benches/peers.py [--runs 5] [--file PBF --points CSV]

Every figure is the median of --runs wall-clock runs on this machine, each tool started as a
process on the same file, so start-up costs count for everyone. pyrosm is also timed inside
its own process (library call only), and jempol reports its own load time, so both views show.
Prints a Markdown table.
"""

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OSM_DATA = ROOT / "tests" / "data" / "osm"
JEMPOL = ROOT / "target" / "release" / "jempol"


def median_seconds(runs, command, **kwargs):
    """Median wall time of running `command` (a list) `runs` times."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, **kwargs)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def osrm_paths():
    import osrm  # the osrm-bindings wheel ships the executables and profiles

    base = Path(osrm.__file__).parent
    return base / "bin", base / "share" / "profiles" / "car.lua"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def osrm_table(port, points):
    coords = ";".join(f"{lon},{lat}" for _, lat, lon in points)
    url = f"http://127.0.0.1:{port}/table/v1/driving/{coords}?annotations=duration,distance"
    with urllib.request.urlopen(url, timeout=60) as response:
        return json.load(response)


def wait_for_port(port, process, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError("osrm-routed exited")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("osrm-routed did not start")


def bench_osrm(runs, pbf, points):
    """osrm-extract + osrm-contract + one /table over all points, each step's median."""
    bin_dir, car_lua = osrm_paths()
    extract, contract, table, total = [], [], [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / pbf.name
            shutil.copy(pbf, src)
            base = str(src).removesuffix(".osm.pbf")
            quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            t0 = time.perf_counter()
            subprocess.run([bin_dir / "osrm-extract", "-p", car_lua, src], **quiet)
            t1 = time.perf_counter()
            subprocess.run([bin_dir / "osrm-contract", base + ".osrm"], **quiet)
            t2 = time.perf_counter()
            port = free_port()
            server = subprocess.Popen(
                [bin_dir / "osrm-routed", "--ip", "127.0.0.1", "--port", str(port),
                 "--max-table-size", "10000", base + ".osrm"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                wait_for_port(port, server)
                t3 = time.perf_counter()
                osrm_table(port, points)
                t4 = time.perf_counter()
            finally:
                server.terminate()
                server.wait()
            extract.append(t1 - t0)
            contract.append(t2 - t1)
            table.append(t4 - t3)
            total.append((t2 - t0) + (t4 - t3))
    return {k: statistics.median(v) for k, v in
            dict(extract=extract, contract=contract, table=table, total=total).items()}


def bench_pyrosm(runs, pbf):
    """pyrosm get_network('driving'): in-process call time and the network's size."""
    code = (
        "import sys, time, pyrosm\n"
        "t = time.perf_counter()\n"
        "nodes, edges = pyrosm.OSM(sys.argv[1]).get_network('driving', nodes=True)\n"
        "print(time.perf_counter() - t, len(nodes), len(edges), edges['length'].sum() / 1000)\n"
    )
    inner, outer = [], []
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code, pbf], check=True,
                             capture_output=True, text=True).stdout.split()
        outer.append(time.perf_counter() - start)
        inner.append(float(out[0]))
    return dict(inner=statistics.median(inner), outer=statistics.median(outer),
                nodes=int(out[1]), edges=int(out[2]), km=float(out[3]))


def bench_jempol(runs, pbf, points_csv):
    info = json.loads(subprocess.run([JEMPOL, "map", "info", pbf, "--json"], check=True,
                                     capture_output=True, text=True).stdout)
    loads = []
    for _ in range(runs):
        out = subprocess.run([JEMPOL, "map", "info", pbf, "--json"], check=True,
                             capture_output=True, text=True).stdout
        report = json.loads(out)
        loads.append(report["read_seconds"] + report["build_seconds"])
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "m.csv"
        info_process = median_seconds(runs, [JEMPOL, "map", "info", pbf])
        matrix_process = median_seconds(
            runs, [JEMPOL, "map", "matrix", pbf, "--points", points_csv, "--out", out])
    return dict(load=statistics.median(loads), info_process=info_process,
                matrix_process=matrix_process, info=info)


def read_points(path):
    rows = []
    with open(path) as f:
        next(f)
        for line in f:
            name, lat, lon = line.strip().split(",")
            rows.append((name, float(lat), float(lon)))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--file", default=str(OSM_DATA / "liechtenstein-latest.osm.pbf"))
    ap.add_argument("--points", default=str(OSM_DATA / "liechtenstein-points-300.csv"))
    args = ap.parse_args()
    pbf, points = Path(args.file), read_points(args.points)
    if not JEMPOL.exists():
        sys.exit("build jempol first: cargo build --release")

    with tempfile.TemporaryDirectory() as tmp:
        osmium = median_seconds(args.runs, ["osmium", "tags-filter", "-O", pbf, "w/highway",
                                            "-o", str(Path(tmp) / "h.osm.pbf")])
    pyrosm = bench_pyrosm(args.runs, str(pbf))
    osrm = bench_osrm(args.runs, pbf, points)
    jempol = bench_jempol(args.runs, str(pbf), args.points)

    n = len(points)
    print(f"File: {pbf.name}; {n} points; median of {args.runs} runs; {os.cpu_count()} cores; "
          f"{time.strftime('%Y-%m-%d')}\n")
    print("| task | jempol | peer | peer time | jempol faster by |")
    print("|---|---|---|---|---|")
    row = "| {} | {:.3f} s | {} | {:.3f} s | {:.1f}x |"
    print(row.format("read + filter highways (process)", jempol["info_process"],
                     "osmium tags-filter w/highway", osmium, osmium / jempol["info_process"]))
    print(row.format("drivable network (library call)", jempol["load"],
                     "pyrosm get_network('driving')", pyrosm["inner"],
                     pyrosm["inner"] / jempol["load"]))
    print(row.format("drivable network (process)", jempol["info_process"],
                     "pyrosm (python process)", pyrosm["outer"],
                     pyrosm["outer"] / jempol["info_process"]))
    print(row.format(f"file to {n}x{n} matrix (process)", jempol["matrix_process"],
                     "osrm-extract + osrm-contract + /table", osrm["total"],
                     osrm["total"] / jempol["matrix_process"]))
    print(f"\nOSRM steps: extract {osrm['extract']:.3f} s, contract {osrm['contract']:.3f} s, "
          f"/table {osrm['table'] * 1000:.0f} ms.")
    print(f"pyrosm network: {pyrosm['nodes']} nodes, {pyrosm['edges']} edges, "
          f"{pyrosm['km']:.1f} km. jempol graph: {jempol['info'].get('vertices')} vertices, "
          f"{jempol['info'].get('edges')} edges.")


if __name__ == "__main__":
    main()
