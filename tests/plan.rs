//! `plan`, `verify` and `compare` on a small scenario: the plan passes the verifier, every
//! output exists and parses (GPX read back by gpsbabel), and bad input is explained.

use std::path::{Path, PathBuf};
use std::time::Duration;

#[path = "common/gpsbabel.rs"]
mod gpsbabel;

use jempol::export::{PlanRun, run_plan as run_plan_in};
use jempol::i18n::Lang;
use jempol::plan::model::Plan;
use jempol::plan::{PlanOptions, compare::run_compare, verify_saved::run_verify};
use jempol::reason::{Category, Why};
use jempol::travel_basis::TravelBasis;

fn run_plan(scenario: &Path, options: &PlanOptions) -> anyhow::Result<PlanRun> {
    run_plan_in(scenario, options, Lang::En)
}

fn small() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/small-week.toml")
}

fn options(out: &Path) -> PlanOptions {
    PlanOptions {
        out: Some(out.to_path_buf()),
        time_limit: Some(Duration::from_millis(300)),
        seed: None,
        iterations: None,
    }
}

#[test]
fn plan_writes_verified_outputs_that_parse() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_plan(&small(), &options(dir.path())).unwrap();
    let report = &run.plan;
    assert!(report.totals.stops_visited > 0, "{}", run.summary);
    assert!(matches!(
        report.scenario.travel,
        TravelBasis::StraightLine { .. }
    ));

    // plan.json round-trips and the saved plan passes the verifier again.
    let json = std::fs::read_to_string(dir.path().join("plan.json")).unwrap();
    let back: Plan = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, report);
    let again = serde_json::to_string_pretty(&back).unwrap() + "\n";
    assert_eq!(again, json, "read, write, read gives the same file");
    let verdict = run_verify(&small(), &dir.path().join("plan.json")).unwrap();
    assert!(verdict.starts_with("plan verified"), "{verdict}");

    // The mandatory home visit is served; the stop with a 30-minute window is not, for
    // that reason.
    let visited: Vec<&str> = report
        .van_days
        .iter()
        .flat_map(|d| d.visits.iter().map(|v| v.stop.name.as_str()))
        .collect();
    assert!(visited.contains(&"Home visit Poncol"), "{visited:?}");
    let sarangan = report
        .unvisited
        .iter()
        .find(|u| u.stop.name == "Hall Sarangan")
        .expect("Hall Sarangan unvisited");
    assert_eq!(sarangan.reason.category(), Category::Window);

    // schedule.csv: the documented columns, one row per visit.
    let mut csv = csv::Reader::from_path(dir.path().join("schedule.csv")).unwrap();
    let header: Vec<String> = csv.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, jempol::export::schedule::columns());
    let visits: usize = report.van_days.iter().map(|d| d.visits.len()).sum();
    assert_eq!(csv.records().count(), visits);

    // One GPX per van-day with visits, readable by gpsbabel, with the stops as waypoints.
    for day in report.van_days.iter().filter(|d| !d.visits.is_empty()) {
        let file = dir.path().join(format!(
            "{}-{}.gpx",
            jempol::plan::slug(&day.van.name),
            day.date
        ));
        let text = gpsbabel::gpsbabel_csv(&file).join("\n");
        for v in &day.visits {
            assert!(
                text.contains(&format!("{:.5}, {:.5}", v.location.lat, v.location.lon)),
                "{}: no point for {}\n{text}",
                file.display(),
                v.stop.name
            );
        }
    }

    assert!(
        run.summary.contains("target") && run.summary.contains("Hall Sarangan — window"),
        "{}",
        run.summary
    );
}

#[test]
fn the_same_seed_and_iterations_give_the_same_plan() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let limit = PlanOptions {
        time_limit: Some(Duration::from_secs(60)),
        iterations: Some(300),
        seed: Some(11),
        ..Default::default()
    };
    let ra = run_plan(
        &small(),
        &PlanOptions {
            out: Some(a.path().into()),
            ..limit.clone()
        },
    )
    .unwrap();
    let rb = run_plan(
        &small(),
        &PlanOptions {
            out: Some(b.path().into()),
            ..limit
        },
    )
    .unwrap();
    assert_eq!(ra.plan, rb.plan);
}

#[test]
fn time_limit_zero_returns_a_verified_construction() {
    let dir = tempfile::tempdir().unwrap();
    let opts = PlanOptions {
        out: Some(dir.path().into()),
        time_limit: Some(Duration::ZERO),
        seed: Some(3),
        iterations: None,
    };
    let run = run_plan(&small(), &opts).unwrap();
    assert!(run.plan.totals.stops_visited > 0);
    assert_eq!(run.plan.scenario.time_limit_s, 0.0);
    assert!(run_verify(&small(), &dir.path().join("plan.json")).is_ok());
}

#[test]
fn verify_rejects_an_edited_plan() {
    let dir = tempfile::tempdir().unwrap();
    run_plan(&small(), &options(dir.path())).unwrap();
    let file = dir.path().join("plan.json");
    let mut plan: Plan = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let day = plan
        .van_days
        .iter_mut()
        .find(|d| !d.visits.is_empty())
        .unwrap();
    day.visits[0].start = jempol::clock::Clock::from_seconds(6.0 * 3600.0);
    std::fs::write(&file, serde_json::to_string(&plan).unwrap()).unwrap();
    let err = run_verify(&small(), &file).unwrap_err().to_string();
    assert!(err.contains("recomputed"), "{err}");

    let day = plan
        .van_days
        .iter_mut()
        .find(|d| !d.visits.is_empty())
        .unwrap();
    day.visits[0].stop.name = "No such stop".into();
    std::fs::write(&file, serde_json::to_string(&plan).unwrap()).unwrap();
    let err = run_verify(&small(), &file).unwrap_err().to_string();
    assert!(
        err.contains("`No such stop` part ") && err.contains(" is not a stop of this scenario"),
        "{err}"
    );
}

#[test]
fn compare_shows_both_scenarios_and_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string(small()).unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    std::fs::write(
        dir.path().join("small-stops.csv"),
        std::fs::read(data.join("small-stops.csv")).unwrap(),
    )
    .unwrap();
    std::fs::write(dir.path().join("base.toml"), &base).unwrap();
    // Without van B, the schools (served by the printing van B with 3 sets) are lost or fewer.
    std::fs::write(
        dir.path().join("one-van.toml"),
        "extends = \"base.toml\"\nname = \"One van\"\n[[van]]\nname = \"Van B\"\nrecording_sets = 1\ndays = \"sat\"\n",
    )
    .unwrap();
    let paths = [
        dir.path().join("base.toml"),
        dir.path().join("one-van.toml"),
    ];
    let opts = PlanOptions {
        time_limit: Some(Duration::from_millis(300)),
        ..Default::default()
    };
    let text = run_compare(&paths, &opts).unwrap();
    assert!(text.contains("base") && text.contains("one-van"), "{text}");
    assert!(
        text.contains("served elderly") && text.contains("stops visited"),
        "{text}"
    );
    assert!(
        text.contains("Changes against base: one-van") && text.contains("lost"),
        "{text}"
    );
}

#[test]
fn the_default_scenario_and_the_no_generator_what_if_plan_and_verify() {
    let scenarios = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let dir = tempfile::tempdir().unwrap();
    let quick = |out: &str| PlanOptions {
        out: Some(dir.path().join(out)),
        iterations: Some(50),
        ..Default::default()
    };
    let week = run_plan(&scenarios.join("magetan-week.toml"), &quick("week")).unwrap();
    assert!(matches!(
        week.plan.scenario.travel,
        TravelBasis::Roads { standin: true, .. }
    ));
    run_verify(
        &scenarios.join("magetan-week.toml"),
        &dir.path().join("week/plan.json"),
    )
    .unwrap();
    let homes = |r: &Plan| {
        r.visits()
            .filter(|(_, v)| v.stop.name.starts_with("Kunjungan rumah"))
            .count()
    };
    assert_eq!(homes(&week.plan), 6, "the mandatory home visits are served");

    // Without the generator, the halls on the Lawu slopes are left out for that reason.
    let no_gen = run_plan(
        &scenarios.join("magetan-no-generator.toml"),
        &quick("no-gen"),
    )
    .unwrap();
    assert_eq!(homes(&no_gen.plan), 6);
    let lawu: Vec<_> = no_gen
        .plan
        .unvisited
        .iter()
        .filter(|u| u.stop.name.contains("(Poncol)"))
        .collect();
    assert_eq!(lawu.len(), 8, "Poncol has 8 desa halls");
    assert!(
        lawu.iter().all(|u| matches!(&u.reason,
            Why::Equipment { needs } if needs == &["generator"])),
        "{lawu:?}"
    );
}

#[test]
fn schools_left_out_by_the_school_holidays_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let default = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/magetan-week.toml");
    // 21-25 December 2026: the East Java school holidays (data/holidays/school-jatim.csv).
    let scenario = dir.path().join("holidays.toml");
    std::fs::write(
        &scenario,
        format!(
            "extends = \"{}\"\nweek_start = 2026-12-21\n",
            default.display()
        ),
    )
    .unwrap();
    let quick = PlanOptions {
        iterations: Some(50),
        ..Default::default()
    };
    let is_school = |name: &str| name.starts_with("SM") || name.starts_with("SLB");
    let run = run_plan(&scenario, &quick).unwrap();
    let schools: Vec<_> = run
        .plan
        .unvisited
        .iter()
        .filter(|u| is_school(&u.stop.name))
        .collect();
    assert!(!schools.is_empty());
    assert!(
        schools.iter().all(|u| u.reason == Why::SchoolHoliday),
        "{schools:?}"
    );
    assert!(run.plan.visits().all(|(_, v)| !is_school(&v.stop.name)));
    // In term time no stop is left out for the holidays.
    let term = run_plan(&default, &quick).unwrap();
    assert!(
        term.plan
            .unvisited
            .iter()
            .all(|u| u.reason != Why::SchoolHoliday)
    );
}
