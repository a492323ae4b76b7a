//! Cross-field rules of a scenario, reported all at once.

use std::collections::BTreeMap;

use chrono::Datelike;

use super::build::Built;
use super::model::Scenario;
use super::problem::Problem;
use super::reasons::{reason, weekdays_text};
use super::units::format_time_of_day;
use crate::solve::Reason;

/// Every rule that needs only the scenario (no travel times).
pub fn validate(scenario: &Scenario) -> Vec<Problem> {
    let mut problems = Vec::new();
    if scenario.vans.is_empty() {
        problems.push(Problem::new(
            None,
            "the scenario has no vans",
            "add a [[van]] with name and recording_sets",
        ));
    }
    if scenario.stops.is_empty() {
        problems.push(Problem::new(
            None,
            "the scenario has no stops",
            "add [[stop]] entries or [stops] csv = \"file.csv\"",
        ));
    }
    duplicates(
        &mut problems,
        "van",
        scenario.vans.iter().map(|v| (&v.name, v.at.as_ref())),
    );
    duplicates(
        &mut problems,
        "stop",
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
    let unknown = |tag: &str, what: String, at: Option<&super::problem::Loc>| {
        let fix = match super::units::closest(tag, known.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None if scenario.equipment.is_some() => format!(
                "use one of {}, or add `{tag}` to `equipment`",
                known.join(", ")
            ),
            None => format!(
                "use equipment a van carries ({}), or give a van `{tag}`",
                known.join(", ")
            ),
        };
        Problem::new(at, format!("{what} unknown equipment `{tag}`"), fix)
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
                    format!("van `{}` carries", van.name),
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
                format!("stop `{}` requires", stop.name),
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
                problems.push(Problem::new(
                    stop.at.as_ref(),
                    format!(
                        "stop `{}`: its window {}-{} is shorter than the {} of {} min",
                        stop.name,
                        format_time_of_day(open),
                        format_time_of_day(close),
                        if stop.home_visit {
                            "home visit"
                        } else {
                            "setup"
                        },
                        (visit / 60.0).round()
                    ),
                    "widen the window",
                ));
            }
        }
        if stop.days & working == 0 {
            problems.push(Problem::new(
                stop.at.as_ref(),
                format!(
                    "stop `{}` allows only {}, none of them a working day",
                    stop.name,
                    weekdays_text(stop.days)
                ),
                "allow a working day, or add the day to working_days",
            ));
        }
    }
    problems
}

fn duplicates<'a>(
    problems: &mut Vec<Problem>,
    what: &str,
    items: impl Iterator<Item = (&'a String, Option<&'a super::problem::Loc>)>,
) {
    let mut seen: BTreeMap<&String, Option<&super::problem::Loc>> = BTreeMap::new();
    for (name, at) in items {
        if let Some(first) = seen.get(name) {
            let first = first
                .map(|l| format!(" (first at {l})"))
                .unwrap_or_default();
            problems.push(Problem::new(
                at,
                format!("two {what}s are named `{name}`{first}"),
                format!("give each {what} its own name"),
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
        let why = reason(scenario, built, j);
        if why.kind != Reason::NoTimeLeft {
            let stop = &scenario.stops[built.jobs[j].stop];
            problems.push(Problem::new(
                stop.at.as_ref(),
                format!("mandatory stop `{}` cannot be served by any van: {why}", job.name),
                "make it optional, or change the vans, hours or window so that one van can serve it",
            ));
        }
    }
    problems
}

/// `jempol check`: every problem at once, or a one-paragraph description of a sound
/// scenario. The flag is false when there are problems.
pub fn run_check(path: &std::path::Path) -> anyhow::Result<(String, bool)> {
    let (prepared, problems) = super::check(path)?;
    if !problems.is_empty() {
        return Ok((super::Problems(problems).to_string(), false));
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
    let text = format!(
        "{}: OK\n  {} stops ({} split into parts, {} jobs), {} vans, {} working days from {}, {} van-days\n  travel: {}\n",
        path.display(),
        s.stops.len(),
        split,
        p.built.jobs.len(),
        s.vans.len(),
        s.dates.len(),
        s.week_start,
        p.built.tours.len(),
        p.source.label()
    );
    Ok((text, true))
}
