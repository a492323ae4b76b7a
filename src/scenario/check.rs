//! Cross-field rules of a scenario, reported all at once.

use std::collections::BTreeMap;

use chrono::Datelike;

use super::build::Built;
use super::model::Scenario;
use super::problem::Problem;
use super::reasons::{weekdays_text, why};
use super::units::{closest, did_you_mean, format_time_of_day};
use crate::i18n::{Key, Lang, Text, tr};
use crate::reason::Why;

/// Every rule that needs only the scenario (no travel times).
pub fn validate(scenario: &Scenario) -> Vec<Problem> {
    let mut problems = Vec::new();
    if scenario.vans.is_empty() {
        problems.push(Problem::new(
            None,
            tr("the scenario has no vans", "skenario tidak memiliki mobil"),
            tr(
                "add a [[van]] with name and recording_sets",
                "tambahkan [[van]] dengan name dan recording_sets",
            ),
        ));
    }
    if scenario.stops.is_empty() {
        problems.push(Problem::new(
            None,
            tr(
                "the scenario has no stops",
                "skenario tidak memiliki titik layanan",
            ),
            tr(
                "add [[stop]] entries or [stops] csv = \"file.csv\"",
                "tambahkan entri [[stop]] atau [stops] csv = \"file.csv\"",
            ),
        ));
    }
    duplicates(
        &mut problems,
        ("van", "mobil"),
        scenario.vans.iter().map(|v| (&v.name, v.at.as_ref())),
    );
    duplicates(
        &mut problems,
        ("stop", "titik layanan"),
        scenario.stops.iter().map(|s| (&s.name, s.at.as_ref())),
    );

    // Known equipment: the declared list, or else whatever some van carries.
    let known: Vec<&str> = match &scenario.equipment {
        Some(declared) => declared.iter().map(|e| e.value.as_str()).collect(),
        None => scenario
            .vans
            .iter()
            .flat_map(|v| &v.equipment)
            .map(|e| e.value.as_str())
            .collect(),
    };
    let unknown = |tag: &str, what: Text, at: Option<&super::problem::Loc>| {
        let known_list = known.join(", ");
        let fix = match closest(tag, known.iter().copied()) {
            Some(best) => did_you_mean(best),
            None if scenario.equipment.is_some() => tr(
                format!("use one of {known_list}, or add `{tag}` to `equipment`"),
                format!(
                    "pakai salah satu dari {known_list}, atau tambahkan `{tag}` ke `equipment`"
                ),
            ),
            None => tr(
                format!("use equipment a van carries ({known_list}), or give a van `{tag}`"),
                format!(
                    "pakai peralatan yang dibawa sebuah mobil ({known_list}), atau beri sebuah mobil `{tag}`"
                ),
            ),
        };
        let message = tr(
            format!("{} unknown equipment `{tag}`", what.en),
            format!("{} peralatan `{tag}` yang tidak dikenal", what.id),
        );
        Problem::new(at, message, fix)
    };
    if scenario.equipment.is_some() {
        for van in &scenario.vans {
            for e in van
                .equipment
                .iter()
                .filter(|e| !known.contains(&e.value.as_str()))
            {
                problems.push(unknown(
                    &e.value,
                    tr(
                        format!("van `{}` carries", van.name),
                        format!("mobil `{}` membawa", van.name),
                    ),
                    e.loc(),
                ));
            }
        }
    }
    let working: u8 = scenario
        .dates
        .iter()
        .fold(0, |m, d| m | 1 << d.weekday().num_days_from_monday());
    for stop in &scenario.stops {
        for need in stop
            .requires
            .iter()
            .filter(|r| !known.contains(&r.as_str()))
        {
            problems.push(unknown(
                need,
                tr(
                    format!("stop `{}` requires", stop.name),
                    format!("titik `{}` memerlukan", stop.name),
                ),
                stop.at.as_ref(),
            ));
        }
        let visit = if stop.home_visit {
            scenario.service.home_visit
        } else {
            scenario.service.setup
        };
        for &(open, close) in &stop.windows {
            if close - open < visit {
                let window = format!("{}-{}", format_time_of_day(open), format_time_of_day(close));
                let minutes = (visit / 60.0).round();
                let (what_en, what_id) = if stop.home_visit {
                    ("home visit", "kunjungan rumah")
                } else {
                    ("setup", "persiapan")
                };
                problems.push(Problem::new(
                    stop.at.as_ref(),
                    tr(
                        format!(
                            "stop `{}`: its window {window} is shorter than the {what_en} of {minutes} min",
                            stop.name
                        ),
                        format!(
                            "titik `{}`: jam layanannya {window} lebih pendek dari {what_id} selama {minutes} menit",
                            stop.name
                        ),
                    ),
                    tr("widen the window", "perlebar jam layanannya"),
                ));
            }
        }
        if stop.days & working == 0 {
            let days = weekdays_text(stop.days);
            problems.push(Problem::new(
                stop.at.as_ref(),
                tr(
                    format!(
                        "stop `{}` allows only {days}, none of them a working day",
                        stop.name
                    ),
                    format!(
                        "titik `{}` hanya boleh pada {days}, tidak satu pun hari kerja",
                        stop.name
                    ),
                ),
                tr(
                    "allow a working day, or add the day to working_days",
                    "izinkan sebuah hari kerja, atau tambahkan hari itu ke working_days",
                ),
            ));
        }
    }
    problems
}

fn duplicates<'a>(
    problems: &mut Vec<Problem>,
    (what_en, what_id): (&str, &str),
    items: impl Iterator<Item = (&'a String, Option<&'a super::problem::Loc>)>,
) {
    let mut seen: BTreeMap<&String, Option<&super::problem::Loc>> = BTreeMap::new();
    for (name, at) in items {
        if let Some(first) = seen.get(name) {
            let (first_en, first_id) = first
                .map(|l| {
                    (
                        format!(" (first at {l})"),
                        format!(" (yang pertama di {l})"),
                    )
                })
                .unwrap_or_default();
            problems.push(Problem::new(
                at,
                tr(
                    format!("two {what_en}s are named `{name}`{first_en}"),
                    format!("dua {what_id} bernama `{name}`{first_id}"),
                ),
                tr(
                    format!("give each {what_en} its own name"),
                    format!("beri setiap {what_id} nama sendiri"),
                ),
            ));
        } else {
            seen.insert(name, at);
        }
    }
}

/// Mandatory stops that no van could serve even alone, with the reason.
pub fn mandatory_problems(scenario: &Scenario, built: &Built) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (j, job) in built.instance.jobs.iter().enumerate() {
        if !job.mandatory {
            continue;
        }
        let why = why(scenario, built, j);
        if why != Why::NoTime {
            let stop = &scenario.stops[built.jobs[j].stop];
            problems.push(Problem::new(
                stop.at.as_ref(),
                tr(
                    format!(
                        "mandatory stop `{}` cannot be served by any van: {}",
                        job.name,
                        Lang::En.why(&why)
                    ),
                    format!(
                        "titik wajib `{}` tidak dapat dilayani mobil mana pun: {}",
                        job.name,
                        Lang::Id.why(&why)
                    ),
                ),
                tr(
                    "make it optional, or change the vans, hours or window so that one van can serve it",
                    "jadikan tidak wajib, atau ubah mobil, jam kerja atau jam layanannya agar satu mobil dapat melayaninya",
                ),
            ));
        }
    }
    problems
}

/// `jempol check`: every problem at once, or a one-paragraph description of a sound
/// scenario. The flag is false when there are problems.
pub fn run_check(path: &std::path::Path) -> anyhow::Result<(String, bool)> {
    run_check_in(path, Lang::En)
}

/// [`run_check`] in `lang`.
pub fn run_check_in(path: &std::path::Path, lang: Lang) -> anyhow::Result<(String, bool)> {
    let (prepared, problems) = super::check(path)?;
    if !problems.is_empty() {
        return Ok((super::Problems(problems).message(lang), false));
    }
    let Some(p) = prepared else {
        return Ok((String::new(), false));
    };
    let s = &p.scenario;
    let split = p
        .built
        .jobs
        .iter()
        .filter(|j| j.part == 1 && j.parts > 1)
        .count();
    let n = |n: usize| lang.int(n as u64);
    let week_start = match lang {
        Lang::En => s.week_start.to_string(),
        Lang::Id => lang.date_long(s.week_start),
    };
    let text = format!(
        "{}: OK\n  {} {} ({} {}, {} {}), {} {}, {} {} {week_start}, {} {}\n  {}: {}\n",
        path.display(),
        n(s.stops.len()),
        lang.t(Key::StopsShort),
        n(split),
        lang.t(Key::SplitIntoParts),
        n(p.built.jobs.len()),
        lang.t(Key::Jobs),
        n(s.vans.len()),
        lang.t(Key::Vans),
        n(s.dates.len()),
        lang.t(Key::WorkingDaysFrom),
        n(p.built.tours.len()),
        lang.t(Key::VanDays).to_lowercase(),
        lang.t(Key::Travel).to_lowercase(),
        lang.travel(&p.source.basis())
    );
    Ok((text, true))
}
