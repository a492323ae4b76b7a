//! Cross-field rules of a scenario, reported all at once.

use std::collections::BTreeMap;

use chrono::Datelike;

use super::build::Built;
use super::limits;
use super::model::Scenario;
use super::problem::Problem;
use super::reasons::{weekdays_text, why};
use super::units::{closest, did_you_mean, format_time_of_day};
use crate::fsio::slug;
use crate::i18n::{Fix, Key, Lang, Says, Text, Thing};
use crate::reason::Why;

/// Every rule that needs only the scenario (no travel times).
pub fn validate(scenario: &Scenario) -> Vec<Problem> {
    let mut problems = Vec::new();
    if scenario.vans.is_empty() {
        problems.push(Problem::new(None, Says::NoVans, Fix::AddVan));
    }
    if scenario.stops.is_empty() {
        problems.push(Problem::new(None, Says::NoStops, Fix::AddStops));
    }
    if scenario.stops.len() > limits::MAX_STOPS {
        let (stops, max) = (scenario.stops.len(), limits::MAX_STOPS);
        // Where the first stop over the limit is written.
        problems.push(Problem::new(
            scenario.stops[max].at.as_ref(),
            Says::TooManyStops { stops, max },
            Fix::FewerStops { max },
        ));
    }
    duplicates(
        &mut problems,
        Thing::Van,
        scenario.vans.iter().map(|v| (&v.name, v.at.as_ref())),
    );
    same_file_names(&mut problems, scenario);
    if let Some(path) = &scenario.boundaries
        && let Err(e) = crate::map::areas::read_areas(path)
    {
        problems.push(Problem::new(
            scenario.boundaries_at.as_ref(),
            Says::BoundariesUnreadable {
                error: format!("{e:#}"),
            },
            Fix::CheckBoundaries,
        ));
    }
    duplicates(
        &mut problems,
        Thing::Stop,
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
    let unknown = |tag: &str, message: Says, at: Option<&super::problem::Loc>| {
        let (known, tag) = (known.join(", "), tag.to_string());
        let fix: Text = match closest(&tag, known.split(", ")) {
            Some(best) => did_you_mean(best),
            None if scenario.equipment.is_some() => Fix::UseDeclaredEquipment { known, tag }.into(),
            None => Fix::UseCarriedEquipment { known, tag }.into(),
        };
        Problem::new(at, message, fix)
    };
    if scenario.equipment.is_some() {
        for van in &scenario.vans {
            for e in van
                .equipment
                .iter()
                .filter(|e| !known.contains(&e.value.as_str()))
            {
                let message = Says::VanUnknownEquipment {
                    van: van.name.clone(),
                    tag: e.value.clone(),
                };
                problems.push(unknown(&e.value, message, e.loc()));
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
            let message = Says::StopUnknownEquipment {
                stop: stop.name.clone(),
                tag: need.clone(),
            };
            problems.push(unknown(need, message, stop.at.as_ref()));
        }
        let people = stop.people.total_u64();
        if people > limits::MAX_PEOPLE_PER_STOP {
            let max = limits::MAX_PEOPLE_PER_STOP;
            let stop_name = stop.name.clone();
            problems.push(Problem::new(
                stop.at.as_ref(),
                Says::TooManyPeople {
                    stop: stop_name,
                    people,
                    max,
                },
                Fix::SplitStop { max },
            ));
        }
        let visit = if stop.home_visit {
            scenario.service.home_visit
        } else {
            scenario.service.setup
        };
        for &(open, close) in &stop.windows {
            if close - open < visit {
                let message = Says::WindowShorterThanVisit {
                    stop: stop.name.clone(),
                    window: format!("{}-{}", format_time_of_day(open), format_time_of_day(close)),
                    home_visit: stop.home_visit,
                    minutes: (visit / 60.0).round(),
                };
                problems.push(Problem::new(stop.at.as_ref(), message, Fix::WidenWindow));
            }
        }
        if stop.days & working == 0 {
            let message = Says::NoWorkingDay {
                stop: stop.name.clone(),
                days: weekdays_text(stop.days),
            };
            problems.push(Problem::new(
                stop.at.as_ref(),
                message,
                Fix::AllowWorkingDay,
            ));
        }
    }
    problems
}

/// Vans whose names make the same GPX file name (`<slug>-<date>.gpx`): "Keliling 1",
/// "keliling-1" and "KELILING_1!" would overwrite each other's routes. Vans with the very
/// same name are reported as duplicates instead.
fn same_file_names(problems: &mut Vec<Problem>, scenario: &Scenario) {
    let mut seen: BTreeMap<String, &super::model::Van> = BTreeMap::new();
    for van in &scenario.vans {
        let file = slug(&van.name);
        match seen.get(&file) {
            Some(first) if first.name != van.name => problems.push(Problem::new(
                van.at.as_ref(),
                Says::SameFileName {
                    first: first.name.clone(),
                    second: van.name.clone(),
                    file,
                },
                Fix::DifferentVanNames,
            )),
            Some(_) => {}
            None => {
                seen.insert(file, van);
            }
        }
    }
}

fn duplicates<'a>(
    problems: &mut Vec<Problem>,
    thing: Thing,
    items: impl Iterator<Item = (&'a String, Option<&'a super::problem::Loc>)>,
) {
    let mut seen: BTreeMap<&String, Option<&super::problem::Loc>> = BTreeMap::new();
    for (name, at) in items {
        if let Some(first) = seen.get(name) {
            let message = Says::SameName {
                thing,
                name: name.clone(),
                first: first.map(|l| l.to_string()),
            };
            problems.push(Problem::new(at, message, Fix::OwnName { thing }));
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
                Says::MandatoryUnservable {
                    stop: job.name.clone(),
                    why: why.clone(),
                },
                Fix::MakeOptional,
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
    let week_start = lang.date_long(s.week_start);
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
