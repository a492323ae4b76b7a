//! `jempol plan --write-instance` and `--check`: the instance other solvers get, and their
//! routes scored by jempol's verifier (jempol's own plan accepted, broken ones rejected).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use serde_json::{Value, json};

use jempol::plan::{PlanOptions, solve_scenario};

fn small() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/small-week.toml")
}

fn jempol(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jempol"))
        .args(args)
        .output()
        .unwrap()
}

fn write(dir: &Path, name: &str, value: &Value) -> String {
    let path = dir.join(name);
    std::fs::write(&path, value.to_string()).unwrap();
    path.display().to_string()
}

/// jempol's own plan for the small week, as job ids per van-day.
fn own_routes() -> (Vec<Vec<usize>>, f64) {
    let options = PlanOptions {
        out: None,
        time_limit: Some(Duration::from_secs(60)),
        seed: Some(1),
        iterations: Some(200),
    };
    let solved = solve_scenario(&small(), &options).unwrap();
    (solved.solution.routes, solved.plan.totals.value)
}

#[test]
fn write_instance_gives_every_job_and_van_day_on_one_clock() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("instance.json");
    let out = jempol(&[
        "plan",
        small().to_str().unwrap(),
        "--write-instance",
        file.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let inst: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(inst["format"], "jempol-instance/1");
    let n = inst["locations"].as_array().unwrap().len();
    assert_eq!(inst["travel_minutes"].as_array().unwrap().len(), n);
    let jobs = inst["jobs"].as_array().unwrap();
    for (k, job) in jobs.iter().enumerate() {
        assert_eq!(job["id"], k);
        assert!(job["location"].as_u64().unwrap() < n as u64);
    }
    // Each van-day's shift lies inside its own day of the week.
    for tour in inst["tours"].as_array().unwrap() {
        let [start, end] = [&tour["shift"][0], &tour["shift"][1]].map(|v| v.as_f64().unwrap());
        assert_eq!((start / 1440.0).floor(), (end / 1440.0).floor());
    }
    // The mandatory home visit needs the portable kit.
    assert!(jobs.iter().any(|j| {
        j["mandatory"] == true
            && j["requires"]
                .as_array()
                .unwrap()
                .contains(&json!("portable_kit"))
    }));
}

#[test]
fn check_scores_jempols_own_routes_as_the_plan_does() {
    let dir = tempfile::tempdir().unwrap();
    let (routes, value) = own_routes();
    let file = write(
        dir.path(),
        "routes.json",
        &json!({ "routes": routes, "seconds": 1.5 }),
    );
    let out = jempol(&[
        "plan",
        small().to_str().unwrap(),
        "--check",
        &file,
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let checked: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(checked["value"].as_f64().unwrap(), value);
    assert_eq!(
        checked["stops"].as_u64().unwrap() as usize,
        routes.iter().map(Vec::len).sum::<usize>()
    );
    assert_eq!(checked["seconds"], 1.5);
    assert!(checked["drive_minutes"].as_f64().unwrap() > 0.0);
}

#[test]
fn check_rejects_broken_routes_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let (mut routes, _) = own_routes();
    let scenario = small();
    let scenario = scenario.to_str().unwrap();
    let reject = |routes: &Value| {
        let file = write(dir.path(), "broken.json", routes);
        let out = jempol(&["plan", scenario, "--check", &file]);
        assert!(!out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    // A job served twice.
    let first = routes.iter().flatten().copied().next().unwrap();
    let other = routes.iter().position(|r| !r.contains(&first)).unwrap();
    let mut twice = routes.clone();
    twice[other].push(first);
    let err = reject(&json!({ "routes": twice }));
    assert!(err.contains("visited 2 times"), "{err}");
    // The mandatory home visit left out.
    let inst_file = dir.path().join("instance.json");
    jempol(&[
        "plan",
        scenario,
        "--write-instance",
        inst_file.to_str().unwrap(),
    ]);
    let inst: Value = serde_json::from_slice(&std::fs::read(&inst_file).unwrap()).unwrap();
    let home = inst["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .position(|j| j["mandatory"] == true)
        .unwrap();
    for r in &mut routes {
        r.retain(|&j| j != home);
    }
    let err = reject(&json!({ "routes": routes }));
    assert!(err.contains("mandatory, but not visited"), "{err}");
    // Unknown ids and a wrong number of van-days are named.
    let err = reject(&json!({ "routes": [[9999]] }));
    assert!(err.contains("expected one per van-day"), "{err}");
    let mut bad_id = vec![Vec::<usize>::new(); routes.len()];
    bad_id[0].push(9999);
    let err = reject(&json!({ "routes": bad_id }));
    assert!(err.contains("names job 9999"), "{err}");
}
