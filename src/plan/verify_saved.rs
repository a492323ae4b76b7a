//! `jempol verify SCENARIO PLAN.json`: rebuilds the plan from its file and runs the
//! independent verifier on it, then checks that the times in the file are the ones it
//! recomputes.

use std::path::Path;

use anyhow::{Context, bail};

use super::report::{PlanReport, SCHEMA};
use super::text::verify as t;
use crate::scenario;
use crate::scenario::units::format_time_of_day;
use crate::solve::Solution;

/// Returns a one-line confirmation, or an error naming every problem.
pub fn run_verify(scenario_path: &Path, plan_path: &Path) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(plan_path)
        .with_context(|| format!("cannot read {}", plan_path.display()))?;
    let plan: PlanReport = serde_json::from_str(&text)
        .with_context(|| format!("{}: not a jempol plan.json", plan_path.display()))?;
    if plan.schema != SCHEMA {
        bail!(
            "{}: schema `{}`, expected `{SCHEMA}`",
            plan_path.display(),
            plan.schema
        );
    }
    let prepared = scenario::prepare(scenario_path)?;
    let built = &prepared.built;
    let scenario = &prepared.scenario;
    let mut solution = Solution {
        routes: vec![Vec::new(); built.instance.tours.len()],
    };
    let mut problems = Vec::new();
    for day in &plan.van_days {
        let tour = built
            .tours
            .iter()
            .position(|t| t.date == day.date && scenario.vans[t.van].name == day.van);
        let Some(tour) = tour else {
            if !day.visits.is_empty() {
                problems.push(format!(
                    "van `{}` does not work on {} in this scenario",
                    day.van, day.date
                ));
            }
            continue;
        };
        for v in &day.visits {
            match built.instance.jobs.iter().position(|j| j.name == v.job) {
                Some(j) => solution.routes[tour].push(j),
                None => problems.push(format!(
                    "{} {}: `{}` is not a stop of this scenario",
                    day.van, day.date, v.job
                )),
            }
        }
    }
    if !problems.is_empty() {
        bail!(
            "{}: {}:\n  {}",
            plan_path.display(),
            t::REJECTED,
            problems.join("\n  ")
        );
    }
    let verified = super::checked(&prepared, &solution)?;
    for (day, schedule) in plan.van_days.iter().zip(&verified.tours) {
        for (v, r) in day.visits.iter().zip(&schedule.visits) {
            let recomputed = [
                format_time_of_day(r.arrive),
                format_time_of_day(r.start),
                format_time_of_day(r.end),
            ];
            if [&v.arrive, &v.start, &v.end] != [&recomputed[0], &recomputed[1], &recomputed[2]] {
                problems.push(format!(
                    "{} {} {}: file says {}/{}/{}, recomputed {}/{}/{}",
                    day.van,
                    day.date,
                    v.job,
                    v.arrive,
                    v.start,
                    v.end,
                    recomputed[0],
                    recomputed[1],
                    recomputed[2]
                ));
            }
        }
    }
    if !problems.is_empty() {
        bail!(
            "{}: {}:\n  {}",
            plan_path.display(),
            t::TIMES_DIFFER,
            problems.join("\n  ")
        );
    }
    let visits: usize = plan.van_days.iter().map(|d| d.visits.len()).sum();
    Ok(format!(
        "{}: {} visits on {} van-days, value {:.0}, {:.1} km",
        t::OK,
        visits,
        plan.van_days
            .iter()
            .filter(|d| !d.visits.is_empty())
            .count(),
        verified.value,
        verified.distance / 1000.0
    ))
}
