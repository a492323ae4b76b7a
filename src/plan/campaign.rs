//! `jempol campaign SCENARIO --weeks N`: plans week after week until everyone is recorded.
//!
//! A rolling horizon: each week is the scenario moved to that week (its own working days and
//! holidays), with what the earlier weeks (and the teams' realisation, when given) leave of
//! each stop's people; each is solved and verified like `plan`. The map and the travel
//! matrices are loaded once. A stop fully recorded leaves the campaign; a hall where the
//! realisation says nobody came keeps its people and is promised a visit in the first week.

use std::path::Path;
use std::time::Instant;

use chrono::{Datelike, Days, NaiveDate};

use super::{PlanOptions, Solved, promises, solve_prepared, targets};
use crate::groups::People;
use crate::scenario::realisation::read_realisation;
use crate::scenario::{self, Prepared, build::build};

/// One planned week and what it leaves.
pub struct Week {
    pub solved: Solved,
    /// People still to record at each stop after this week.
    pub remaining: Vec<People>,
}

/// The weeks of a campaign.
pub struct Campaign {
    /// People to record at each stop when the campaign starts.
    pub start: Vec<People>,
    pub weeks: Vec<Week>,
}

/// The Monday on or after `date`.
fn next_monday(date: NaiveDate) -> NaiveDate {
    let ahead = (7 - date.weekday().num_days_from_monday()) % 7;
    date + Days::new(u64::from(ahead))
}

/// Plans `weeks` weeks of `path` from its `week_start`, or, with the teams' realisation
/// file `done`, from the Monday after its last date (its people taken off first).
pub fn campaign(
    path: &Path,
    weeks: usize,
    done: Option<&Path>,
    options: &PlanOptions,
) -> anyhow::Result<Campaign> {
    let started = Instant::now();
    let base = scenario::prepare(path)?;
    let prepare_seconds = started.elapsed().as_secs_f64();
    let mut remaining: Vec<People> = base.scenario.stops.iter().map(|s| s.people).collect();
    let mut monday = base.scenario.week_start;
    let mut nobody_came = Vec::new();
    if let Some(done) = done {
        let recorded = read_realisation(done, &base.scenario)?;
        nobody_came.clone_from(&recorded.nobody_came);
        for (left, done) in remaining.iter_mut().zip(&recorded.people) {
            *left = left.map(|g, &n| n.saturating_sub(done[g]));
        }
        if let Some(last) = recorded.last {
            monday = next_monday(last + Days::new(1));
        }
    }
    let start = remaining.clone();
    let (time, distance) = (
        base.built.instance.time.clone(),
        base.built.instance.distance.clone(),
    );
    let mut planned = Vec::with_capacity(weeks);
    // The week of each kecamatan's last visit, for `every_kecamatan_within_weeks`.
    let mut last_visit: Vec<(String, usize)> = Vec::new();
    for week in 0..weeks {
        let mut scenario = base.scenario.for_week(monday + Days::new(7 * week as u64));
        for (stop, left) in scenario.stops.iter_mut().zip(&remaining) {
            stop.people = *left;
        }
        if let Some(within) = scenario.targets.every_kecamatan_within_weeks {
            let kecamatan = targets::kecamatan(&scenario, &last_visit);
            scenario.kecamatan_due = Some(targets::due(within, week, &kecamatan));
        }
        let (built, too_big) = build(&scenario, time.clone(), distance.clone());
        if let Some(problem) = too_big.first() {
            anyhow::bail!("{problem}");
        }
        let prepared = Prepared {
            scenario,
            source: base.source.clone(),
            built,
        };
        let mut promised = promises::of_scenario(&prepared);
        if week == 0 {
            // The villages where nobody came were told the teams would come back.
            let back = nobody_came.iter();
            promised.extend(back.filter_map(|&(stop, on)| promises::revisit(&prepared, stop, on)));
        }
        let seconds = if week == 0 { prepare_seconds } else { 0.0 };
        let solved = solve_prepared(prepared, options, &promised, seconds)?;
        for (_, visit) in solved.plan.visits() {
            let left = &mut remaining[visit.stop.index];
            *left = left.map(|g, &n| n.saturating_sub(visit.people[g]));
            let kecamatan = &solved.prepared.scenario.stops[visit.stop.index].kecamatan;
            last_visit.retain(|(k, _)| k != kecamatan);
            last_visit.push((kecamatan.clone(), week));
        }
        planned.push(Week {
            solved,
            remaining: remaining.clone(),
        });
    }
    Ok(Campaign {
        start,
        weeks: planned,
    })
}

impl Campaign {
    /// People recorded over the whole campaign.
    pub fn recorded(&self) -> People {
        self.weeks.iter().fold(People::default(), |sum, w| {
            sum + w.solved.plan.totals.served
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_start_on_the_monday_after_the_last_recorded_day() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        assert_eq!(next_monday(day(12)), day(14), "Saturday");
        assert_eq!(next_monday(day(14)), day(14), "a Monday");
        assert_eq!(next_monday(day(11) + Days::new(1)), day(14), "after Friday");
    }
}
