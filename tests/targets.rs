//! `[targets]`: constraints every week keeps (or says, at the top, why it cannot), not
//! weights.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jempol::export::run_plan;
use jempol::i18n::Lang;
use jempol::plan::PlanOptions;
use jempol::plan::campaign::campaign;
use jempol::plan::verify_saved::run_verify;
use jempol::promise::Goal;

fn default_week() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/magetan-week.toml")
}

/// The default week with `targets` as its `[targets]` table, in `dir`.
fn with_targets(dir: &Path, targets: &str) -> PathBuf {
    let path = dir.join("targets.toml");
    let text = format!(
        "extends = \"{}\"\n[targets]\n{targets}\n",
        default_week().display()
    );
    std::fs::write(&path, text).unwrap();
    path
}

fn options(out: &Path) -> PlanOptions {
    PlanOptions {
        out: Some(out.to_path_buf()),
        ..PlanOptions::default()
    }
}

#[test]
fn school_mornings_are_planned_when_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let plain = run_plan(&default_week(), &options(&dir.path().join("a")), Lang::En).unwrap();
    let schools = |plan: &jempol::plan::Plan| {
        plan.visits()
            .filter(|(_, v)| v.stop.name.starts_with("SMA") || v.stop.name.starts_with("SMK"))
            .count()
    };
    // Left to value alone, the default week visits no SMA or SMK.
    assert_eq!(schools(&plain.plan), 0, "{}", plain.summary);

    let scenario = with_targets(dir.path(), "school_mornings_per_week = 2");
    let run = run_plan(&scenario, &options(&dir.path().join("b")), Lang::En).unwrap();
    let target = &run.plan.targets[0];
    assert!(matches!(target.goal, Goal::SchoolMornings { .. }));
    assert!(target.met(), "{}", run.summary);
    assert!(schools(&run.plan) >= 2, "{}", run.summary);
    assert!(run.summary.contains("Targets:"), "{}", run.summary);
    let verified = run_verify(&scenario, &dir.path().join("b/plan.json")).unwrap();
    assert!(verified.starts_with("plan verified"), "{verified}");
}

#[test]
fn a_target_the_week_cannot_keep_is_said_at_the_top_with_its_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = with_targets(dir.path(), "min_people = { disabled = 3000 }");
    let run = run_plan(&scenario, &options(&dir.path().join("out")), Lang::Id).unwrap();
    let target = &run.plan.targets[0];
    assert_eq!(target.wanted, 3000);
    assert!(!target.met(), "{target:?}");
    let top: Vec<&str> = run.summary.lines().take(40).collect();
    assert!(
        top.iter()
            .any(|l| l.starts_with("SASARAN TIDAK TERCAPAI (1)")),
        "{}",
        run.summary
    );
    // The stops it asked for and missed are listed under it, each with its reason; they are
    // no promise to a village, so nothing is to be told.
    assert!(run.plan.target_misses().count() > 0);
    assert_eq!(run.plan.broken_promises().count(), 0);
    assert!(top[2].contains("TIDAK TERCAPAI"), "{}", run.summary);
    assert!(
        top[3].contains("(sasaran: paling sedikit 3000"),
        "{}",
        run.summary
    );
}

#[test]
fn no_kecamatan_waits_longer_than_the_target_in_a_campaign() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = with_targets(dir.path(), "every_kecamatan_within_weeks = 3");
    let weeks = 6;
    let run = campaign(&scenario, weeks, None, &PlanOptions::default()).unwrap();
    let stops = &run.weeks[0].solved.prepared.scenario.stops;
    // The weeks each kecamatan is visited, and whether a week says it missed its target.
    let mut visited: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut missed = vec![false; weeks];
    for (w, week) in run.weeks.iter().enumerate() {
        let plan = &week.solved.plan;
        for (_, v) in plan.visits() {
            visited
                .entry(stops[v.stop.index].kecamatan.clone())
                .or_default()
                .push(w);
        }
        missed[w] = plan.targets.iter().any(|t| !t.met());
    }
    let mut due_weeks = 0;
    for (k, stop_left) in kecamatan_left(&run) {
        if !stop_left {
            continue;
        }
        let seen = visited.get(&k).cloned().unwrap_or_default();
        // Three weeks in a row without a visit must end with a week that says it missed.
        for (end, &said) in missed.iter().enumerate().skip(2) {
            if (end - 2..=end).all(|w| !seen.contains(&w)) {
                due_weeks += 1;
                assert!(said, "Kecamatan {k}: no visit in weeks {}..={end}", end - 2);
            }
        }
    }
    let asked = run
        .weeks
        .iter()
        .flat_map(|w| &w.solved.plan.targets)
        .filter(|t| matches!(t.goal, Goal::KecamatanVisits { .. }))
        .count();
    assert!(asked > 0, "no week had a kecamatan due a visit");
    eprintln!("{due_weeks} gaps of three weeks, each reported");
}

/// Each kecamatan of the campaign, and whether it still had people at the end.
fn kecamatan_left(run: &jempol::plan::campaign::Campaign) -> Vec<(String, bool)> {
    let last = run.weeks.last().unwrap();
    let stops = &last.solved.prepared.scenario.stops;
    let mut out: BTreeMap<String, bool> = BTreeMap::new();
    for (stop, left) in stops.iter().zip(&last.remaining) {
        *out.entry(stop.kecamatan.clone()).or_default() |= left.total() > 0;
    }
    out.into_iter().collect()
}

#[test]
fn a_target_out_of_range_names_its_setting_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = with_targets(dir.path(), "school_mornings_per_week = 99");
    let error = jempol::scenario::prepare(&scenario).err().unwrap();
    let text = format!("{error:#}");
    assert!(text.contains("targets.toml:3"), "{text}");
    assert!(
        text.contains("targets.school_mornings_per_week = 99"),
        "{text}"
    );
    assert!(text.contains("from 0 to 50"), "{text}");
}
