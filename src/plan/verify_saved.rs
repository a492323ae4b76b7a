//! `jempol verify SCENARIO PLAN.json`: rebuilds the routes from the file, runs the
//! independent verifier on them, rebuilds the plan from the verified schedule and checks that
//! every field of the file (times, counts, km, totals, the unvisited list and its reasons) is
//! the recomputed one. Van-days are paired by van and date, so their order does not matter.
//!
//! A re-planned week is verified against the plan it kept (`--keep`, `--from`): the visits
//! before `from` must be exactly the kept ones, and the promises (announced visits within the
//! tolerance, requests by their deadlines) are judged again and must be as the file says.

use std::path::Path;

use chrono::NaiveDate;

use super::fill;
use super::model::{Plan, SCHEMA, Unvisited, VanDay, build};
use super::promises::{self, Promised};
use super::shift_use::ShiftUse;
use crate::clock::Clock;
use crate::i18n::{Field, FileMsg, Lang, Message, PlanMsg, TargetMsg, Text, UserError};
use crate::promise::Made;
use crate::scenario::{self, Prepared};
use crate::solve::Solution;
use crate::travel_basis::TravelBasis;

/// Returns a one-line confirmation, or an error naming every problem.
pub fn run_verify(scenario_path: &Path, plan_path: &Path) -> anyhow::Result<String> {
    run_verify_in(scenario_path, plan_path, Lang::En)
}

/// [`run_verify`] with the confirmation in `lang` (errors carry both languages).
pub fn run_verify_in(scenario_path: &Path, plan_path: &Path, lang: Lang) -> anyhow::Result<String> {
    let prepared = scenario::prepare(scenario_path)?;
    let promised = promises::of_scenario(&prepared);
    let plan = read_plan(plan_path)?;
    verify_plan(prepared, &promised, &plan, plan_path, lang)
}

/// A re-planned week against the plan it kept before `from` (see the module docs).
pub fn run_verify_kept(
    scenario_path: &Path,
    plan_path: &Path,
    keep: &Path,
    from: NaiveDate,
    lang: Lang,
) -> anyhow::Result<String> {
    let kept = read_plan(keep)?;
    let (prepared, promised) = super::replan::prepare(scenario_path, keep, &kept, from)?;
    let changed = past_changes(&read_plan(plan_path)?, &kept, from);
    if !changed.is_empty() {
        return Err(listed(plan_path, PlanMsg::Rejected, &changed).into());
    }
    let plan = read_plan(plan_path)?;
    verify_plan(prepared, &promised, &plan, plan_path, lang)
}

/// Visits before `from` that are not exactly the kept plan's, either way.
fn past_changes(file: &Plan, kept: &Plan, from: NaiveDate) -> Vec<Text> {
    let past = |plan: &Plan| -> Vec<(String, NaiveDate, String, usize, Clock, Clock)> {
        plan.visits()
            .filter(|(day, _)| day.date < from)
            .map(|(day, v)| {
                let (van, stop) = (day.van.name.clone(), v.stop.name.clone());
                (van, day.date, stop, v.part, v.start, v.end)
            })
            .collect()
    };
    let (said, done) = (past(file), past(kept));
    let changed = |a: &[(String, NaiveDate, String, usize, Clock, Clock)], b: &[_]| {
        a.iter()
            .filter(|v| !b.contains(*v))
            .map(|(van, date, stop, ..)| {
                let (stop, van, date) = (stop.clone(), van.clone(), *date);
                PlanMsg::PastChanged { stop, van, date }.text()
            })
            .collect::<Vec<_>>()
    };
    let mut out = changed(&done, &said);
    out.extend(changed(&said, &done));
    out
}

/// Verifies `plan` (read from `plan_path`) against its prepared scenario and the promises
/// it had to keep.
pub fn verify_plan(
    mut prepared: Prepared,
    promised: &[Promised],
    plan: &Plan,
    plan_path: &Path,
    lang: Lang,
) -> anyhow::Result<String> {
    let pinned = promises::pin(&mut prepared, promised);
    let solution = routes(&prepared, plan)
        .map_err(|problems| listed(plan_path, PlanMsg::Rejected, &problems))?;
    // How many people each visit records follows from the routes, as when planning.
    let (kept, placed) = (promises::kept(promised, &pinned), fill::placed(&prepared));
    fill::size_visits(&mut prepared, &solution, &kept, &placed);
    let verified = super::checked(&prepared, &solution)?;
    // How the search ended cannot be recomputed; it is the file's word.
    let mut rebuilt = build(&prepared, &verified, plan.search);
    rebuilt.promises = promises::judge(&prepared, &rebuilt, promised, &pinned);
    rebuilt.targets = super::targets::results(&prepared, &rebuilt);
    let mut problems = differences(plan, &rebuilt);
    if plan.targets != rebuilt.targets {
        let show = |p: &Plan| {
            let lines = p
                .targets
                .iter()
                .map(|t| TargetMsg::Line(t.clone()).get(Lang::En));
            lines.collect::<Vec<_>>().join("; ")
        };
        problems.push(
            PlanMsg::Differs {
                subject: String::new(),
                field: Field::Targets,
                said: show(plan),
                recomputed: show(&rebuilt),
            }
            .text(),
        );
    }
    problems.extend(promise_differences(plan, &rebuilt));
    if !problems.is_empty() {
        return Err(listed(plan_path, PlanMsg::FileDiffers, &problems).into());
    }
    let van_days = rebuilt.van_days.iter().filter(|d| !d.visits.is_empty());
    Ok(PlanMsg::Verified {
        visits: rebuilt.visits().count() as u64,
        van_days: van_days.count() as u64,
        people: rebuilt.totals.served.total_u64(),
        km: rebuilt.totals.distance_m / 1000.0,
    }
    .get(lang))
}

/// Reads a plan.json; a file of another schema or shape is an error naming the file.
pub fn read_plan(path: &Path) -> anyhow::Result<Plan> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| UserError::caused(FileMsg::CannotRead { path: file.clone() }, e))?;
    parse_plan(file, &text)
}

/// [`read_plan`] on text in memory; `file` names it in errors.
pub fn parse_plan(file: String, text: &str) -> anyhow::Result<Plan> {
    #[derive(serde::Deserialize)]
    struct Schema {
        schema: String,
    }
    if let Ok(Schema { schema }) = serde_json::from_str::<Schema>(text)
        && schema != SCHEMA
    {
        return Err(UserError::new(PlanMsg::OtherSchema {
            file,
            schema,
            expected: SCHEMA.into(),
        })
        .into());
    }
    serde_json::from_str(text).map_err(|e| UserError::caused(PlanMsg::NotAPlan { file }, e).into())
}

/// The routes of the file as a solution of the scenario's instance: each van-day is found by
/// van and date, each visit by stop and part.
fn routes(prepared: &Prepared, plan: &Plan) -> Result<Solution, Vec<Text>> {
    let (built, scenario) = (&prepared.built, &prepared.scenario);
    let mut solution = Solution {
        routes: vec![Vec::new(); built.instance.tours.len()],
    };
    let mut seen = vec![false; built.tours.len()];
    let mut problems = Vec::new();
    for day in &plan.van_days {
        let van_day = format!("{} {}", day.van.name, day.date);
        let tour = built
            .tours
            .iter()
            .position(|t| t.date == day.date && scenario.vans[t.van].name == day.van.name);
        let Some(tour) = tour else {
            problems.push(
                PlanMsg::VanDoesNotWork {
                    van: day.van.name.clone(),
                    date: day.date,
                }
                .text(),
            );
            continue;
        };
        if std::mem::replace(&mut seen[tour], true) {
            problems.push(
                PlanMsg::AppearsTwice {
                    van_day: van_day.clone(),
                }
                .text(),
            );
        }
        for v in &day.visits {
            let job = built.jobs.iter().position(|j| {
                j.part == v.part && j.parts == v.parts && scenario.stops[j.stop].name == v.stop.name
            });
            match job {
                Some(j) => solution.routes[tour].push(j),
                None => problems.push(
                    PlanMsg::NotAStop {
                        van_day: van_day.clone(),
                        stop: v.stop.name.clone(),
                        part: v.part,
                        parts: v.parts,
                    }
                    .text(),
                ),
            }
        }
    }
    if problems.is_empty() {
        Ok(solution)
    } else {
        Err(problems)
    }
}

/// Every figure of both equal up to rounding.
fn same_use(a: &ShiftUse, b: &ShiftUse) -> bool {
    same(a.shift_seconds, b.shift_seconds)
        && same(a.recording_seconds, b.recording_seconds)
        && same(a.driving_seconds, b.driving_seconds)
        && same(a.waiting_seconds, b.waiting_seconds)
        && same(a.longest_wait_seconds, b.longest_wait_seconds)
}

fn shift_text(used: &ShiftUse) -> String {
    used.words().get(Lang::En)
}

/// Equal up to rounding in the last digits (a file may have been re-saved by another tool).
fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// The same travel basis. A map is named by its path as `plan` reached it from the folder it
/// ran in (`maps/x.osm.pbf`, `../maps/x.osm.pbf`, `/home/.../x.osm.pbf`), so maps are compared
/// by file name: the times and km, which verify recomputes on the map it is given, show any
/// other difference.
fn same_travel(file: &TravelBasis, rebuilt: &TravelBasis) -> bool {
    match (file, rebuilt) {
        (
            TravelBasis::Roads { map, standin },
            TravelBasis::Roads {
                map: map2,
                standin: standin2,
            },
        ) => standin == standin2 && Path::new(map).file_name() == Path::new(map2).file_name(),
        _ => file == rebuilt,
    }
}

/// Every field of `file` that differs from `rebuilt`, in the planner's units.
fn differences(file: &Plan, rebuilt: &Plan) -> Vec<Text> {
    let mut out = Vec::new();
    let mut differ = |subject: &str, field: Field, said: String, recomputed: String| {
        out.push(
            PlanMsg::Differs {
                subject: subject.to_string(),
                field,
                said,
                recomputed,
            }
            .text(),
        );
    };
    if file.scenario.name != rebuilt.scenario.name {
        let names = (&file.scenario.name, &rebuilt.scenario.name);
        differ("", Field::Scenario, names.0.clone(), names.1.clone());
    }
    if !same_travel(&file.scenario.travel, &rebuilt.scenario.travel) {
        let (a, b) = (&file.scenario.travel, &rebuilt.scenario.travel);
        differ("", Field::Travel, Lang::En.travel(a), Lang::En.travel(b));
    }
    if file.week != rebuilt.week {
        let week = |w: &super::model::Week| {
            let dates: Vec<String> = w.dates.iter().map(|d| d.to_string()).collect();
            format!("{}: {}", w.start, dates.join(", "))
        };
        differ("", Field::Week, week(&file.week), week(&rebuilt.week));
    }
    if file.van_days.len() != rebuilt.van_days.len() {
        let (a, b) = (file.van_days.len(), rebuilt.van_days.len());
        differ("", Field::VanDays, a.to_string(), b.to_string());
    }
    for day in &rebuilt.van_days {
        let name = format!("{} {}", day.van.name, day.date);
        match file
            .van_days
            .iter()
            .find(|d| d.van.name == day.van.name && d.date == day.date)
        {
            Some(said) => day_differences(&name, said, day, &mut differ),
            None if !day.visits.is_empty() => differ(
                &name,
                Field::Visits,
                "0".into(),
                day.visits.len().to_string(),
            ),
            None => {}
        }
    }
    let t = (&file.totals, &rebuilt.totals);
    for (field, a, b, show) in [
        (
            Field::TotalValue,
            t.0.value,
            t.1.value,
            value as fn(f64) -> String,
        ),
        (Field::TotalDistance, t.0.distance_m, t.1.distance_m, km),
        (
            Field::TotalDriving,
            t.0.drive_seconds,
            t.1.drive_seconds,
            minutes,
        ),
        (
            Field::TotalWork,
            t.0.work_seconds,
            t.1.work_seconds,
            minutes,
        ),
    ] {
        if !same(a, b) {
            differ("", field, show(a), show(b));
        }
    }
    if !same_use(&t.0.shift, &t.1.shift) {
        differ(
            "",
            Field::ShiftUse,
            shift_text(&t.0.shift),
            shift_text(&t.1.shift),
        );
    }
    for (field, a, b) in [
        (Field::Stops, t.0.stops, t.1.stops),
        (Field::StopsVisited, t.0.stops_visited, t.1.stops_visited),
        (
            Field::StopsPartlyVisited,
            t.0.stops_partly_visited,
            t.1.stops_partly_visited,
        ),
        (
            Field::StopsUnvisited,
            t.0.stops_unvisited,
            t.1.stops_unvisited,
        ),
    ] {
        if a != b {
            differ("", field, a.to_string(), b.to_string());
        }
    }
    for (field, a, b) in [
        (Field::PeopleServed, t.0.served, t.1.served),
        (Field::PeopleInScenario, t.0.demand, t.1.demand),
    ] {
        if a != b {
            differ("", field, people_text(&a), people_text(&b));
        }
    }
    let key = |u: &Unvisited| (u.stop.name.clone(), u.part);
    let mut said: Vec<&Unvisited> = file.unvisited.iter().collect();
    said.sort_by_key(|u| key(u));
    let mut is: Vec<&Unvisited> = rebuilt.unvisited.iter().collect();
    is.sort_by_key(|u| key(u));
    if said.len() != is.len() {
        differ(
            "",
            Field::StopsLeftOut,
            said.len().to_string(),
            is.len().to_string(),
        );
    }
    for (a, b) in said.iter().zip(&is) {
        let name = format!("{} {}/{}", b.stop.name, b.part, b.parts);
        if key(a) != key(b) {
            let other = format!("{} {}/{}", a.stop.name, a.part, a.parts);
            differ(&name, Field::LeftOut, other, name.clone());
        } else if a.stop.index != b.stop.index {
            let (i, j) = (a.stop.index, b.stop.index);
            differ(&name, Field::Index, i.to_string(), j.to_string());
        } else if a.parts != b.parts {
            differ(
                &name,
                Field::Parts,
                a.parts.to_string(),
                b.parts.to_string(),
            );
        } else if a.reason != b.reason {
            differ(
                &name,
                Field::LeftOut,
                Lang::En.why(&a.reason),
                Lang::En.why(&b.reason),
            );
        } else if a.people != b.people || !same(a.value, b.value) {
            differ(
                &name,
                Field::People,
                people_text(&a.people),
                people_text(&b.people),
            );
        }
    }
    out
}

fn value(x: f64) -> String {
    x.to_string()
}

fn km(m: f64) -> String {
    format!("{:.3} km", m / 1000.0)
}

fn minutes(s: f64) -> String {
    format!("{:.1} min", s / 60.0)
}

fn day_differences(
    name: &str,
    said: &VanDay,
    day: &VanDay,
    differ: &mut impl FnMut(&str, Field, String, String),
) {
    let hm = |c: Clock| c.to_string();
    if said.van.index != day.van.index {
        let (a, b) = (said.van.index, day.van.index);
        differ(name, Field::Index, a.to_string(), b.to_string());
    }
    if said.depart != day.depart {
        differ(name, Field::Departure, hm(said.depart), hm(day.depart));
    }
    if said.back != day.back {
        differ(name, Field::Return, hm(said.back), hm(day.back));
    }
    if !same(said.distance_m, day.distance_m) {
        differ(
            name,
            Field::Distance,
            km(said.distance_m),
            km(day.distance_m),
        );
    }
    if !same(said.drive_seconds, day.drive_seconds) {
        let (a, b) = (minutes(said.drive_seconds), minutes(day.drive_seconds));
        differ(name, Field::Driving, a, b);
    }
    if !same_use(&said.shift, &day.shift) {
        differ(
            name,
            Field::ShiftUse,
            shift_text(&said.shift),
            shift_text(&day.shift),
        );
    }
    if said.people != day.people {
        differ(
            name,
            Field::People,
            people_text(&said.people),
            people_text(&day.people),
        );
    }
    if said.visits.len() != day.visits.len() {
        let (a, b) = (said.visits.len(), day.visits.len());
        differ(name, Field::Visits, a.to_string(), b.to_string());
    }
    for (v, r) in said.visits.iter().zip(&day.visits) {
        let visit = format!("{name} {}", r.stop.name);
        if v.stop.index != r.stop.index {
            let (a, b) = (v.stop.index, r.stop.index);
            differ(&visit, Field::Index, a.to_string(), b.to_string());
        }
        for (field, a, b) in [
            (Field::Arrival, v.arrive, r.arrive),
            (Field::Start, v.start, r.start),
            (Field::End, v.end, r.end),
        ] {
            if a != b {
                differ(&visit, field, hm(a), hm(b));
            }
        }
        if v.people != r.people {
            let (a, b) = (people_text(&v.people), people_text(&r.people));
            differ(&visit, Field::People, a, b);
        }
        if !same(v.value, r.value) {
            differ(&visit, Field::Value, value(v.value), value(r.value));
        }
        if v.location != r.location {
            let at = |p: crate::map::LatLon| format!("{:.6},{:.6}", p.lat, p.lon);
            differ(&visit, Field::Location, at(v.location), at(r.location));
        }
    }
}

/// Promises the file judges otherwise than the recomputed plan, and any visit done that the
/// plan changed.
fn promise_differences(file: &Plan, rebuilt: &Plan) -> Vec<Text> {
    let mut out = Vec::new();
    for p in rebuilt.broken_promises() {
        if let Made::Done { van, date, .. } = &p.made {
            out.push(
                PlanMsg::PastChanged {
                    stop: p.stop.clone(),
                    van: van.clone(),
                    date: *date,
                }
                .text(),
            );
        }
    }
    let said = |p: &super::model::Promise| {
        file.promises
            .iter()
            .find(|q| q.stop == p.stop && q.part == p.part && q.made == p.made)
    };
    for p in &rebuilt.promises {
        if said(p) != Some(p) {
            let show = |q: Option<&super::model::Promise>| match q {
                None => "-".to_string(),
                Some(q) => match &q.broken {
                    None => "kept".to_string(),
                    Some(b) => Lang::En.broken(b),
                },
            };
            out.push(
                PlanMsg::Differs {
                    subject: format!("{} ({})", p.stop, Lang::En.made(&p.made)),
                    field: Field::Promise,
                    said: show(said(p)),
                    recomputed: show(Some(p)),
                }
                .text(),
            );
        }
    }
    out
}

fn people_text(people: &crate::groups::People) -> String {
    let parts: Vec<String> = people.iter().map(|(g, n)| format!("{g} {n}")).collect();
    parts.join(", ")
}

/// "PLAN: LEAD:" and one problem per line, in both languages.
fn listed(plan_path: &Path, lead: PlanMsg, problems: &[Text]) -> UserError {
    let shown = plan_path.display();
    UserError::new(Text::each(|lang| {
        let lines: Vec<&str> = problems.iter().map(|p| p.get(lang)).collect();
        format!("{shown}: {}:\n  {}", lead.get(lang), lines.join("\n  "))
    }))
}
