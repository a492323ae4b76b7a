//! `jempol replan`: the past is frozen, announced visits stay put unless the scenario makes
//! that impossible, and every broken promise is explained.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64;

use jempol::export::{run_plan, run_replan};
use jempol::i18n::Lang;
use jempol::plan::PlanOptions;
use jempol::plan::model::Plan;
use jempol::plan::replan::replan;
use jempol::plan::verify_saved::{read_plan, run_verify_kept};
use jempol::promise::{Broken, Made};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn options(out: &Path, iterations: u64) -> PlanOptions {
    PlanOptions {
        out: Some(out.to_path_buf()),
        iterations: Some(iterations),
        seed: Some(3),
        ..PlanOptions::default()
    }
}

fn date(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, day).unwrap()
}

/// The visits of a plan as (van, date, stop, part, start, end).
fn visits(plan: &Plan) -> Vec<(String, NaiveDate, String, usize, u32, u32)> {
    plan.visits()
        .map(|(d, v)| {
            let (start, end) = (v.start.seconds(), v.end.seconds());
            (
                d.van.name.clone(),
                d.date,
                v.stop.name.clone(),
                v.part,
                start,
                end,
            )
        })
        .collect()
}

/// A what-if of the small week in `dir` that adds `lines`.
fn what_if(dir: &Path, lines: &str) -> PathBuf {
    let path = dir.join("what-if.toml");
    let base = data("small-week.toml");
    std::fs::write(&path, format!("extends = \"{}\"\n{lines}", base.display())).unwrap();
    path
}

#[test]
fn replanning_an_unchanged_week_gives_the_same_plan() {
    let dir = tempfile::tempdir().unwrap();
    let week = data("small-week.toml");
    let first = run_plan(&week, &options(&dir.path().join("a"), 300), Lang::En).unwrap();
    let keep = dir.path().join("a/plan.json");
    for from in [date(7), date(8)] {
        let again = replan(&week, &keep, from, &options(&dir.path().join("b"), 300)).unwrap();
        let plan = &again.solved.plan;
        assert_eq!(visits(plan), visits(&first.plan), "from {from}");
        assert_eq!(plan.broken_promises().count(), 0, "from {from}");
        assert!(plan.promises.iter().all(|p| p.kept()));
    }
}

/// Random van outages and re-plan days on the small week: every announced visit whose van
/// still works that day is kept, every visit before the re-plan day is unchanged, and the
/// result verifies against the kept plan.
#[test]
fn outages_break_only_the_promises_they_make_impossible() {
    let dir = tempfile::tempdir().unwrap();
    let week = data("small-week.toml");
    run_plan(&week, &options(&dir.path().join("kept"), 300), Lang::En).unwrap();
    let keep = dir.path().join("kept/plan.json");
    let kept = read_plan(&keep).unwrap();
    let mut rng = Pcg64::seed_from_u64(11);
    for case in 0..6 {
        let van = ["Van A", "Van B"][rng.random_range(0..2)];
        let off = date(rng.random_range(7..=9));
        let from = date(rng.random_range(7..=off.day()));
        let case_dir = dir.path().join(format!("case{case}"));
        std::fs::create_dir_all(&case_dir).unwrap();
        let scenario = what_if(
            &case_dir,
            &format!("[[van_off]]\nvan = \"{van}\"\ndate = {off}\n"),
        );
        let out = case_dir.join("out");
        let again = run_replan(&scenario, &keep, from, &options(&out, 200), Lang::En).unwrap();
        let plan = &again.plan;
        for p in plan.broken_promises() {
            match (&p.made, &p.broken) {
                (
                    Made::Announced {
                        van: v, date: d, ..
                    },
                    Some(Broken::VanOff { .. }),
                ) => {
                    assert_eq!((v.as_str(), *d), (van, off), "case {case}: {p:?}")
                }
                (Made::Required, _) => {}
                _ => panic!("case {case}: {van} off {off}, from {from}: {p:?}"),
            }
        }
        let before: Vec<_> = visits(&kept).into_iter().filter(|v| v.1 < from).collect();
        let now: Vec<_> = visits(plan).into_iter().filter(|v| v.1 < from).collect();
        assert_eq!(before, now, "case {case}: the past is frozen");
        run_verify_kept(&scenario, &out.join("plan.json"), &keep, from, Lang::En)
            .unwrap_or_else(|e| panic!("case {case}: {e:#}"));
    }
}

#[test]
fn a_plan_that_moved_the_past_does_not_verify() {
    let dir = tempfile::tempdir().unwrap();
    let week = data("small-week.toml");
    run_plan(&week, &options(&dir.path().join("kept"), 300), Lang::En).unwrap();
    let keep = dir.path().join("kept/plan.json");
    // Another seed plans Monday differently; verified as a re-plan from Tuesday, its Monday
    // is not the kept one.
    let other = PlanOptions {
        seed: Some(99),
        ..options(&dir.path().join("other"), 300)
    };
    let moved = run_plan(&week, &other, Lang::En).unwrap();
    let kept = read_plan(&keep).unwrap();
    let monday = |p: &Plan| {
        visits(p)
            .into_iter()
            .filter(|v| v.1 == date(7))
            .collect::<Vec<_>>()
    };
    if monday(&moved.plan) == monday(&kept) {
        return; // the seeds agree on Monday: nothing to detect
    }
    let err = run_verify_kept(
        &week,
        &dir.path().join("other/plan.json"),
        &keep,
        date(8),
        Lang::En,
    )
    .unwrap_err();
    let text = format!("{err:#}");
    assert!(text.contains("must keep exactly the visits done"), "{text}");
}
