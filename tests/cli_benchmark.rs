//! The `jempol benchmark` commands on the real benchmark files in data/benchmarks.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn bench_file(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/benchmarks")
        .join(rel)
        .display()
        .to_string()
}

fn jempol(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jempol"))
        .args(args)
        .output()
        .unwrap()
}

fn json(args: &[&str]) -> Value {
    let out = jempol(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn without_seconds(mut v: Value) -> Value {
    v.as_object_mut().unwrap().remove("seconds");
    v
}

#[test]
fn same_seed_and_iteration_budget_give_the_same_result() {
    let file = bench_file("toptw/cordeau/pr02.txt");
    let run = |seed: &str| {
        let args = [
            "benchmark",
            "toptw",
            &file,
            "--vehicles",
            "2",
            "--iterations",
            "3000",
            "--seed",
            seed,
            "--json",
        ];
        without_seconds(json(&args))
    };
    let first = run("5");
    assert_eq!(first, run("5"));
    assert!(first["score"].as_f64().unwrap() > 0.0);

    let file = bench_file("solomon/rc105.txt");
    let args = [
        "benchmark",
        "vrptw",
        &file,
        "--iterations",
        "2000",
        "--seed",
        "9",
        "--json",
    ];
    assert_eq!(without_seconds(json(&args)), without_seconds(json(&args)));
}

#[test]
fn toptw_json_lists_each_vertex_once_within_the_vehicles() {
    let file = bench_file("toptw/solomon/c101.txt");
    let result = json(&[
        "benchmark",
        "toptw",
        &file,
        "--vehicles",
        "3",
        "--iterations",
        "1000",
        "--json",
    ]);
    assert_eq!(result["instance"], "c101");
    let routes: Vec<Vec<u64>> = serde_json::from_value(result["routes"].clone()).unwrap();
    assert!(routes.len() <= 3 && !routes.is_empty());
    let mut seen: Vec<u64> = routes.concat();
    let visits = seen.len();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), visits, "a vertex visited twice");
    assert!(seen.iter().all(|&v| (1..=100).contains(&v)), "{seen:?}");
}

#[test]
fn vrptw_serves_every_customer_and_reports_vehicles_and_distance() {
    let file = bench_file("solomon/c101.txt");
    let result = json(&["benchmark", "vrptw", &file, "--iterations", "500", "--json"]);
    let routes: Vec<Vec<u64>> = serde_json::from_value(result["routes"].clone()).unwrap();
    let mut all = routes.concat();
    all.sort();
    assert_eq!(all, (1..=100).collect::<Vec<u64>>());
    assert_eq!(result["vehicles"].as_u64().unwrap() as usize, routes.len());
    // The best known distance is 828.94 with 10 vehicles; no plan can be shorter.
    assert!(result["distance"].as_f64().unwrap() >= 828.9);
}

#[test]
fn checked_routes_are_verified() {
    let dir = tempfile::tempdir().unwrap();
    let file = bench_file("toptw/cordeau/pr01.txt");
    let routes = dir.path().join("routes.json");
    // Vertex 1 opens at 354, vertex 2 closes at 401: 1 then 2 is late, 2 then 1 is not.
    std::fs::write(&routes, r#"{"routes": [[2, 1]], "seconds": 1.5}"#).unwrap();
    let args = [
        "benchmark",
        "toptw",
        &file,
        "--vehicles",
        "1",
        "--json",
        "--check",
    ];
    let ok = json(&[&args[..], &[routes.to_str().unwrap()]].concat());
    assert_eq!(ok["score"].as_f64(), Some(20.0));
    assert_eq!(ok["seconds"].as_f64(), Some(1.5));

    std::fs::write(&routes, r#"{"routes": [[1, 2]]}"#).unwrap();
    let out = jempol(&[&args[..], &[routes.to_str().unwrap()]].concat());
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("breaks"), "{err}");
}

#[test]
fn a_malformed_file_is_an_error_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("broken.txt");
    let text = std::fs::read_to_string(bench_file("toptw/cordeau/pr01.txt")).unwrap();
    let broken: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 6 {
                l.replace('.', ",")
            } else {
                l.to_string()
            }
        })
        .collect();
    std::fs::write(&path, broken.join("\n")).unwrap();
    let out = jempol(&[
        "benchmark",
        "toptw",
        path.to_str().unwrap(),
        "--vehicles",
        "1",
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.txt line 7"), "{err}");
}
