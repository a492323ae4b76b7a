//! `jempol campaign`: week after week from what the earlier weeks (and the teams'
//! realisation) leave, never on a holiday, never recording a stop beyond its people.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use jempol::export::campaign::run_campaign;
use jempol::export::run_plan;
use jempol::groups::Group;
use jempol::i18n::Lang;
use jempol::plan::PlanOptions;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn options(out: &Path) -> PlanOptions {
    PlanOptions {
        out: Some(out.to_path_buf()),
        iterations: Some(200),
        seed: Some(3),
        ..PlanOptions::default()
    }
}

/// A realised week in which one hall had nobody come: the campaign starts the Monday after,
/// that hall keeps all its people and is planned again, and no stop is recorded beyond them.
#[test]
fn a_hall_where_nobody_came_is_planned_again_from_the_next_monday() {
    let dir = tempfile::tempdir().unwrap();
    let week = data("small-week.toml");
    let planned = run_plan(&week, &options(&dir.path().join("week")), Lang::En).unwrap();
    let visits: Vec<_> = planned.plan.visits().collect();
    let (_, empty) = visits
        .iter()
        .find(|(_, v)| !v.stop.name.starts_with("Home") && v.parts == 1)
        .expect("a hall visited in one part");
    let mut csv = String::from("tanggal;mobil;titik;lansia;disabilitas;pemula;catatan\n");
    for (day, v) in &visits {
        let nobody = v.stop.index == empty.stop.index;
        let count = |g| if nobody { 0 } else { v.people[g] };
        csv += &format!(
            "{};{};{};{};{};{};{}\n",
            day.date.format("%d/%m/%Y"),
            day.van.name,
            v.stop.name,
            count(Group::Elderly),
            count(Group::Disabled),
            count(Group::NewEligible),
            if nobody { "tidak ada yang datang" } else { "" }
        );
    }
    let done = dir.path().join("realisasi.csv");
    std::fs::write(&done, csv).unwrap();

    let run = run_campaign(
        &week,
        2,
        Some(&done),
        &options(&dir.path().join("c")),
        Lang::En,
    )
    .unwrap();
    let first = &run.campaign.weeks[0].solved.plan;
    assert_eq!(
        first.week.start,
        NaiveDate::from_ymd_opt(2026, 12, 14).unwrap()
    );
    let again: Vec<_> = run
        .campaign
        .weeks
        .iter()
        .flat_map(|w| {
            w.solved
                .plan
                .visits()
                .map(|(_, v)| v.clone())
                .collect::<Vec<_>>()
        })
        .filter(|v| v.stop.index == empty.stop.index)
        .collect();
    assert!(!again.is_empty(), "{} is planned again", empty.stop.name);
    let people = |index: usize| run.campaign.start[index];
    assert_eq!(
        people(empty.stop.index).total(),
        empty.people.total(),
        "nobody came: the hall keeps its people"
    );
    let mut recorded: HashMap<usize, u32> = HashMap::new();
    for w in &run.campaign.weeks {
        for (_, v) in w.solved.plan.visits() {
            *recorded.entry(v.stop.index).or_default() += v.people.total();
        }
    }
    for (stop, n) in recorded {
        assert!(n <= people(stop).total(), "stop {stop}: {n} recorded");
    }
}

/// The documented example: the default week realised, nobody at Balai Desa Tladan on
/// Monday; the campaign goes on from 14 December and goes back to Tladan in its first week.
#[test]
fn the_example_realisation_goes_on_from_14_december_and_visits_tladan_again() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = run_campaign(
        &root.join("scenarios/magetan-week.toml"),
        2,
        Some(&root.join("scenarios/examples/realisasi-minggu-1.csv")),
        &PlanOptions {
            out: Some(dir.path().join("c")),
            ..PlanOptions::default()
        },
        Lang::Id,
    )
    .unwrap();
    let weeks = &run.campaign.weeks;
    assert_eq!(
        weeks[0].solved.plan.week.start,
        NaiveDate::from_ymd_opt(2026, 12, 14).unwrap()
    );
    let first_week: Vec<_> = weeks[0].solved.plan.visits().collect();
    assert!(
        first_week
            .iter()
            .any(|(_, v)| v.stop.name.starts_with("Balai Desa Tladan")),
        "the hall where nobody came is visited again in the first week"
    );
    let revisit = weeks[0]
        .solved
        .plan
        .promises
        .iter()
        .find(|p| matches!(p.made, jempol::promise::Made::Revisit { .. }))
        .expect("a promise to go back");
    assert!(revisit.kept() && revisit.stop.starts_with("Balai Desa Tladan"));
    assert!(dir.path().join("c/calendar.html").exists());
    assert!(dir.path().join("c/week-2026-12-14/plan.json").exists());
}

/// `compare --weeks`: two campaigns side by side; a third van records at least as many.
#[test]
fn campaigns_compare_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    let base = data("small-week.toml");
    let third = dir.path().join("third-van.toml");
    std::fs::write(
        &third,
        format!(
            "extends = \"{}\"\n[[van]]\nname = \"Van C\"\nrecording_sets = 2\n",
            base.display()
        ),
    )
    .unwrap();
    let text = jempol::export::campaign::compare_campaigns(
        &[base, third],
        2,
        &options(&dir.path().join("unused")),
        Lang::En,
    )
    .unwrap();
    let total = text
        .lines()
        .find(|l| l.starts_with("total"))
        .unwrap_or_else(|| panic!("{text}"));
    let figures: Vec<u64> = total
        .split_whitespace()
        .skip(1)
        .map(|n| n.replace(',', "").parse().unwrap())
        .collect();
    assert_eq!(figures.len(), 2, "{text}");
    assert!(figures[1] >= figures[0], "{text}");
    assert!(text.contains("Poncol"), "a row per kecamatan: {text}");
}

/// The measure of done: 13 weeks of the default scenario skip Christmas and New
/// Year, reach late February, never record a stop beyond its people, and record at least
/// as many people as 13 of the weeks `plan` gave before visits could pause over breaks and
/// record as many as fit (7,267).
#[test]
fn thirteen_default_weeks_skip_the_holidays_and_record_more_than_thirteen_old_weeks() {
    let scenario = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/magetan-week.toml");
    let run =
        jempol::plan::campaign::campaign(&scenario, 13, None, &PlanOptions::default()).unwrap();
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let mut recorded = vec![jempol::groups::People::default(); run.start.len()];
    let mut last = day(2026, 12, 7);
    for week in &run.weeks {
        for (van_day, visit) in week.solved.plan.visits() {
            assert!(
                van_day.date != day(2026, 12, 25) && van_day.date != day(2027, 1, 1),
                "a visit on {}",
                van_day.date
            );
            recorded[visit.stop.index] += visit.people;
            last = last.max(van_day.date);
        }
    }
    for (stop, (done, had)) in recorded.iter().zip(&run.start).enumerate() {
        for g in Group::ALL {
            assert!(
                done[g] <= had[g],
                "stop {stop}: {g} {} of {}",
                done[g],
                had[g]
            );
        }
    }
    assert!(last >= day(2027, 2, 22), "the last visit is on {last}");
    let people = run.recorded().total();
    assert!(people >= 7_267, "{people} people in 13 weeks");
}
