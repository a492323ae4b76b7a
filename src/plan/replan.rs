//! `jempol replan SCENARIO --keep PLAN_JSON --from DATE`: plans the rest of a week again
//! without moving what was promised.
//!
//! Every visit of the kept plan before `from` is done: it is copied unchanged (same van,
//! date, stop and times). Every visit from `from` on was announced: it keeps its van and
//! date and starts within the scenario's tolerance of its time, unless the scenario now makes
//! that impossible (the van is out, the stop is gone, its window changed), and then it is
//! reported with why and where the stop is served instead. New visits go only on days from
//! `from` on. The search starts from the kept plan and keeps promises before it weighs value,
//! so the rest of the week is filled around them.

use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;

use super::model::Plan;
use super::promises::{Promised, day_mask, of_scenario};
use super::verify_saved::read_plan;
use super::{PlanOptions, Solved, solve_prepared};
use crate::clock::Clock;
use crate::i18n::{PlanMsg, UserError};
use crate::promise::{Broken, Made, Placement};

use crate::scenario;

/// A re-planned week and the plan it kept.
pub struct Replanned {
    pub solved: Solved,
    pub kept: Plan,
}

/// Re-plans `scenario` from `from`, keeping the plan in `keep` (see the module docs).
pub fn replan(
    scenario: &Path,
    keep: &Path,
    from: NaiveDate,
    options: &PlanOptions,
) -> anyhow::Result<Replanned> {
    let kept = read_plan(keep)?;
    let started = Instant::now();
    let (prepared, promised) = prepare(scenario, keep, &kept, from)?;
    let prepare_seconds = started.elapsed().as_secs_f64();
    let solved = solve_prepared(prepared, options, &promised, prepare_seconds)?;
    Ok(Replanned { solved, kept })
}

/// The scenario ready to re-plan from `from`, and the promises to keep: the kept plan's
/// visits, the scenario's commitments and its mandatory stops.
pub fn prepare(
    scenario: &Path,
    keep: &Path,
    kept: &Plan,
    from: NaiveDate,
) -> anyhow::Result<(scenario::Prepared, Vec<Promised>)> {
    let mut prepared = scenario::prepare(scenario)?;
    let dates = prepared.scenario.dates.clone();
    if kept.week.start != prepared.scenario.week_start {
        return Err(UserError::new(PlanMsg::OtherWeek {
            file: keep.display().to_string(),
            kept: kept.week.start,
            scenario: prepared.scenario.week_start,
        })
        .into());
    }
    if !dates.contains(&from) {
        return Err(UserError::new(PlanMsg::FromOutsideWeek {
            from,
            first: dates.first().copied().unwrap_or_default(),
            last: dates.last().copied().unwrap_or_default(),
        })
        .into());
    }
    // Nothing new before `from`: those days are done.
    let future = day_mask(&dates, |d| d >= from);
    for job in &mut prepared.built.instance.jobs {
        job.days &= future;
    }
    let mut promised = kept_visits(&prepared, kept, from);
    // A request the kept plan already serves is kept as that visit.
    let new = of_scenario(&prepared).into_iter().filter(|p| {
        !matches!(p.made, Made::Request { .. }) || promised.iter().all(|k| k.stop != p.stop)
    });
    promised.extend(new.collect::<Vec<_>>());
    promised.extend(mandatory_stops(&mut prepared, &promised));
    Ok((prepared, promised))
}

/// The kept plan's visits as promises: done before `from`, announced from it on.
fn kept_visits(prepared: &scenario::Prepared, kept: &Plan, from: NaiveDate) -> Vec<Promised> {
    let scenario = &prepared.scenario;
    kept.visits()
        .map(|(day, v)| {
            let made = if day.date < from {
                Made::Done {
                    van: day.van.name.clone(),
                    date: day.date,
                    start: v.start,
                    end: v.end,
                }
            } else {
                Made::Announced {
                    van: day.van.name.clone(),
                    date: day.date,
                    start: v.start,
                    tolerance_s: scenario.tolerance.round() as u32,
                }
            };
            Promised {
                made,
                name: v.stop.name.clone(),
                stop: scenario.stops.iter().position(|s| s.name == v.stop.name),
                part: v.part,
                parts: v.parts,
                van: scenario.vans.iter().position(|x| x.name == day.van.name),
                people: Some(v.people),
            }
        })
        .collect()
}

/// The scenario's mandatory stops not already promised, as promises: when re-planning, a
/// week that can no longer serve one still gets a plan that says so, instead of none.
fn mandatory_stops(prepared: &mut scenario::Prepared, promised: &[Promised]) -> Vec<Promised> {
    let built = &mut prepared.built;
    let mut out = Vec::new();
    for (j, job) in built.instance.jobs.iter_mut().enumerate() {
        let info = &built.jobs[j];
        let already = promised
            .iter()
            .any(|p| p.stop == Some(info.stop) && p.part == info.part && p.parts == info.parts);
        if job.mandatory {
            job.mandatory = false;
            if !already {
                out.push(Promised {
                    made: Made::Required,
                    name: prepared.scenario.stops[info.stop].name.clone(),
                    stop: Some(info.stop),
                    part: info.part,
                    parts: info.parts,
                    van: None,
                    people: None,
                });
            }
        }
    }
    out
}

/// What happened to a visit between the kept plan and the new one.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// Same van, same day, within the tolerance.
    Kept,
    /// Served at another van, day or time.
    Moved { why: Broken },
    /// No longer served.
    Dropped { why: Broken },
    /// Not in the kept plan.
    Added,
}

/// One row of changes.csv.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeRow {
    pub stop: String,
    pub part: usize,
    pub parts: usize,
    pub before: Option<Placement>,
    pub after: Option<Placement>,
    pub change: Change,
}

/// Every promised visit (kept, moved or dropped) and every visit added, in date order.
pub fn changes(plan: &Plan) -> Vec<ChangeRow> {
    let mut rows: Vec<ChangeRow> = Vec::new();
    for p in &plan.promises {
        let (Made::Done {
            van, date, start, ..
        }
        | Made::Announced {
            van, date, start, ..
        }) = &p.made
        else {
            continue;
        };
        let before = Placement {
            van: van.clone(),
            date: *date,
            start: *start,
        };
        let change = match (&p.broken, &p.served) {
            (None, _) => Change::Kept,
            (Some(why), Some(_)) => Change::Moved { why: why.clone() },
            (Some(why), None) => Change::Dropped { why: why.clone() },
        };
        rows.push(ChangeRow {
            stop: p.stop.clone(),
            part: p.part,
            parts: p.parts,
            before: Some(before),
            after: p.served.clone(),
            change,
        });
    }
    let promised = |name: &str, part: usize| {
        plan.promises
            .iter()
            .any(|p| p.stop == name && p.part == part && !matches!(p.made, Made::Request { .. }))
    };
    for (day, v) in plan.visits() {
        if !promised(&v.stop.name, v.part) {
            rows.push(ChangeRow {
                stop: v.stop.name.clone(),
                part: v.part,
                parts: v.parts,
                before: None,
                after: Some(Placement {
                    van: day.van.name.clone(),
                    date: day.date,
                    start: v.start,
                }),
                change: Change::Added,
            });
        }
    }
    let when = |r: &ChangeRow| {
        let at = r.after.as_ref().or(r.before.as_ref());
        at.map(|p| (p.date, p.start))
            .unwrap_or((NaiveDate::MAX, Clock::default()))
    };
    rows.sort_by_key(|r| (when(r), r.stop.clone(), r.part));
    rows
}
