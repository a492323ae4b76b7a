//! The optimizer on real benchmark instances (small budgets): every plan passes the
//! verifier and reaches a fixed share of the best-known result.

use std::path::{Path, PathBuf};

use jempol::formats::read_toptw;
use jempol::solve::{SolveOptions, solve, verify};

fn shared(rel: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/benchmarks")).join(rel)
}

fn options(iterations: u64) -> SolveOptions {
    SolveOptions {
        seed: 7,
        time_limit: None,
        iterations: Some(iterations),
    }
}

#[test]
fn toptw_pr05_plan_is_valid() {
    let instance = read_toptw(&shared("toptw/cordeau/pr05.txt"), 1, 2).unwrap();
    let solution = solve(&instance, &options(3000));
    let plan = verify(&instance, &solution).unwrap_or_else(|v| panic!("{}", v[0]));
    assert!(plan.value >= 0.9 * 595.0, "value {}", plan.value);
}
