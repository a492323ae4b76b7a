//! Solution quality on the standard benchmarks against best-known results.
//!
//!     cargo bench --bench solve_quality -- SET SECONDS|Nit [NAME...]
//!
//! SET is `cordeau` (TOPTW pr01-pr10, m = 1..4), `solomon-op` (TOPTW Solomon type 1, m = 1,
//! against proven optima) or `vrptw` (Solomon VRPTW, min vehicles then distance, against the
//! hierarchical best-known). NAME filters instances (e.g. `pr01 r101`). Every result passes
//! the verifier before it is counted. Prints one row per run and the average gap.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jempol::formats::{best_known, read_solomon, read_toptw};
use jempol::solve::{Instance, SolveOptions, solve, verify};

fn bench_file(rel: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data/benchmarks")).join(rel)
}

struct Run {
    name: String,
    instance: Instance,
    best: f64,
    /// Higher is better (TOPTW score) or lower (VRPTW distance).
    maximise: bool,
}

fn runs(set: &str, names: &[String]) -> Vec<Run> {
    let keep = |n: &str| names.is_empty() || names.iter().any(|k| k == n);
    let mut out = Vec::new();
    match set {
        "cordeau" => {
            for i in 1..=10 {
                let n = format!("pr{i:02}");
                if !keep(&n) {
                    continue;
                }
                for m in 1..=4 {
                    let file = bench_file(&format!("toptw/cordeau/{n}.txt"));
                    let bks = bench_file("toptw/cordeau/BKS.csv");
                    let best = best_known(&bks, &[&n, &m.to_string()], 2).expect("best known");
                    out.push(Run {
                        name: format!("{n} m={m}"),
                        instance: read_toptw(&file, m, 2).expect("readable file"),
                        best,
                        maximise: true,
                    });
                }
            }
        }
        "solomon-op" => {
            let csv = bench_file("toptw/solomon_type1_m1_optimal.csv");
            let text = std::fs::read_to_string(&csv).expect("optima csv");
            for line in text.lines().skip(1) {
                let (n, v) = line.split_once(',').expect("two columns");
                if keep(n) {
                    let file = bench_file(&format!("toptw/solomon/{n}.txt"));
                    out.push(Run {
                        name: n.to_string(),
                        instance: read_toptw(&file, 1, 1).expect("readable file"),
                        best: v.parse().unwrap(),
                        maximise: true,
                    });
                }
            }
        }
        "vrptw" => {
            let bks = bench_file("solomon/BKS.csv");
            let text = std::fs::read_to_string(&bks).expect("BKS.csv");
            for line in text.lines().skip(1) {
                let n = line.split(',').next().unwrap();
                if keep(n) {
                    let best = best_known(&bks, &[n], 2).expect("distance");
                    let file = bench_file(&format!("solomon/{n}.txt"));
                    out.push(Run {
                        name: n.to_string(),
                        instance: read_solomon(&file).expect("readable file"),
                        best,
                        maximise: false,
                    });
                }
            }
        }
        other => panic!("unknown set {other}: use cordeau, solomon-op or vrptw"),
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let set = args.first().map_or("cordeau", String::as_str);
    // A budget like `5000it` runs a fixed number of iterations instead of seconds.
    let budget = args.get(1).map_or("10", String::as_str);
    let iterations: Option<u64> = budget
        .strip_suffix("it")
        .map(|n| n.parse().expect("iterations"));
    let seconds: f64 = if iterations.is_some() {
        3600.0
    } else {
        budget.parse().expect("seconds")
    };
    let names = args.get(2..).unwrap_or_default().to_vec();
    println!(
        "{:<12} {:>10} {:>10} {:>8} {:>6} {:>7}",
        "instance", "ours", "best", "gap %", "tours", "s"
    );
    let mut gaps = Vec::new();
    for run in runs(set, &names) {
        let options = SolveOptions {
            seed: 1,
            time_limit: Some(Duration::from_secs_f64(seconds)),
            iterations,
            start: None,
        };
        let t0 = Instant::now();
        let solution = solve(&run.instance, &options);
        let secs = t0.elapsed().as_secs_f64();
        let plan = match verify(&run.instance, &solution) {
            Ok(p) => p,
            Err(v) => panic!("{}: the verifier rejects the plan: {}", run.name, v[0]),
        };
        let tours = solution.routes.iter().filter(|r| !r.is_empty()).count();
        let ours = if run.maximise {
            plan.value
        } else {
            plan.distance
        };
        let gap = if run.maximise {
            (run.best - ours) / run.best
        } else {
            (ours - run.best) / run.best
        } * 100.0;
        gaps.push(gap);
        println!(
            "{:<12} {:>10.2} {:>10.2} {:>8.2} {:>6} {:>7.2}",
            run.name, ours, run.best, gap, tours, secs
        );
    }
    let avg = gaps.iter().sum::<f64>() / gaps.len().max(1) as f64;
    let worst = gaps.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    println!(
        "average gap {avg:.2}% (worst {worst:.2}%) over {} runs, budget {budget}",
        gaps.len()
    );
}
