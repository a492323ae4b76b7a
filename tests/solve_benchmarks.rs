//! The optimizer on real benchmark instances with small iteration budgets: every plan passes
//! the verifier and comes close to the best-known result (quality at real time limits is
//! measured by `benches/solve_quality.rs`).

use std::path::{Path, PathBuf};

use jempol::formats::{best_known, read_solomon, read_toptw};
use jempol::solve::{SolveOptions, solve, verify};

fn bench_file(rel: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data/benchmarks")).join(rel)
}

fn options(iterations: u64) -> SolveOptions {
    SolveOptions {
        seed: 7,
        time_limit: None,
        iterations: Some(iterations),
        start: None,
    }
}

#[test]
fn toptw_cordeau_pr01_reaches_near_best_known() {
    for m in [1, 2] {
        let instance = read_toptw(&bench_file("toptw/cordeau/pr01.txt"), m, 2).unwrap();
        let best = best_known(
            &bench_file("toptw/cordeau/BKS.csv"),
            &["pr01", &m.to_string()],
            2,
        )
        .expect("best known");
        let plan = verify(&instance, &solve(&instance, &options(2000)))
            .unwrap_or_else(|v| panic!("pr01 m={m}: {}", v[0]));
        assert!(
            plan.value >= 0.97 * best,
            "pr01 m={m}: {} vs best known {best}",
            plan.value
        );
    }
}

#[test]
fn solomon_c101_serves_all_with_the_best_known_fleet() {
    let instance = read_solomon(&bench_file("solomon/c101.txt")).unwrap();
    let solution = solve(&instance, &options(1500));
    let plan = verify(&instance, &solution).unwrap_or_else(|v| panic!("c101: {}", v[0]));
    let tours = solution.routes.iter().filter(|r| !r.is_empty()).count();
    let best = best_known(&bench_file("solomon/BKS.csv"), &["c101"], 2).expect("best known");
    assert_eq!(tours, 10);
    assert!(
        plan.distance <= 1.02 * best,
        "distance {} vs best known {best}",
        plan.distance
    );
}
