//! The plan as typed data: what every output is rendered from, and what plan.json holds
//! (schema in docs/plan-json.md). Times are [`Clock`] seconds, reasons are [`Why`] values,
//! and stops and vans are indices into the scenario with their names, so no output parses
//! text or joins back by name.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::shift_use::{self, ShiftUse};
use crate::clock::Clock;
use crate::groups::People;
use crate::map::LatLon;
use crate::promise::{Broken, Made, Placement, TargetResult};
use crate::reason::Why;
use crate::scenario::reasons::why;
use crate::scenario::{Prepared, Scenario, TravelSource};
use crate::solve::{SearchReport, VerifiedPlan};
use crate::travel_basis::TravelBasis;

/// The schema name and version written in every plan.json.
pub const SCHEMA: &str = "jempol-plan/2";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub schema: String,
    pub scenario: ScenarioInfo,
    /// How the search ended (absent in files written before it was recorded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<SearchReport>,
    pub week: Week,
    /// Every van on every working day it works, in the scenario's order.
    pub van_days: Vec<VanDay>,
    pub totals: Totals,
    /// One entry per stop or part of a stop left out.
    pub unvisited: Vec<Unvisited>,
    /// Promises made before planning (visits done, visits announced, requests with
    /// deadlines) and what became of each; broken ones lead every summary and report.
    #[serde(default)]
    pub promises: Vec<Promise>,
    /// How the week keeps each of the scenario's `[targets]` (none when it sets none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<TargetResult>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScenarioInfo {
    pub name: String,
    pub file: String,
    pub seed: u64,
    pub time_limit_s: f64,
    /// The search's iteration budget, when the scenario sets one (absent otherwise: a
    /// plan.json holds no nulls).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iterations: Option<u64>,
    pub travel: TravelBasis,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Week {
    pub start: NaiveDate,
    /// The working dates, holidays left out.
    pub dates: Vec<NaiveDate>,
    /// Working weekdays that are holidays, with their names.
    #[serde(default)]
    pub days_off: Vec<Holiday>,
}

/// A holiday in the week.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: String,
    /// False for a date only expected or estimated (not yet set by decree).
    pub decided: bool,
}

/// A van or a stop of the scenario: its index there, and its name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Named {
    pub index: usize,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VanDay {
    pub van: Named,
    pub date: NaiveDate,
    /// Leaving the depot; for a van-day without visits, the start of the shift.
    pub depart: Clock,
    /// Back at the depot.
    pub back: Clock,
    pub drive_seconds: f64,
    pub distance_m: f64,
    /// People recorded (blank cards used when the van prints).
    pub people: People,
    /// How the shift is spent (absent from plans written before it was measured).
    #[serde(default)]
    pub shift: ShiftUse,
    /// In visiting order.
    pub visits: Vec<Visit>,
}

impl VanDay {
    pub fn km(&self) -> f64 {
        self.distance_m / 1000.0
    }

    /// Hours from leaving the depot to being back.
    pub fn work_hours(&self) -> f64 {
        self.back.hours_since(self.depart)
    }
}

/// One visit: (part of) a stop served by a van on a day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Visit {
    pub stop: Named,
    /// Part `part` of `parts` (1 of 1 when the stop is not split).
    pub part: usize,
    pub parts: usize,
    pub location: LatLon,
    pub arrive: Clock,
    pub start: Clock,
    pub end: Clock,
    pub people: People,
    /// Weighted people: what the optimizer maximises.
    pub value: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    pub value: f64,
    pub served: People,
    /// Everyone the scenario's stops hold, served or not.
    pub demand: People,
    /// Stops with people to record.
    pub stops: usize,
    pub stops_visited: usize,
    /// Visited, but some parts of a split stop were not.
    pub stops_partly_visited: usize,
    pub stops_unvisited: usize,
    pub distance_m: f64,
    pub drive_seconds: f64,
    /// From leaving the depot to coming back, summed over van-days with visits.
    pub work_seconds: f64,
    /// How the shifts of all van-days are spent.
    #[serde(default)]
    pub shift: ShiftUse,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unvisited {
    pub stop: Named,
    pub part: usize,
    pub parts: usize,
    pub reason: Why,
    pub people: People,
    pub value: f64,
}

/// A promise made before planning, and what became of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Promise {
    /// The stop's name, and its index among the scenario's stops (`None` when the scenario
    /// no longer has it).
    pub stop: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<usize>,
    pub part: usize,
    pub parts: usize,
    pub made: Made,
    /// Where the plan serves this stop: the promised visit, or for a broken promise the
    /// nearest visit kept (`None` when the plan does not serve the stop at all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub served: Option<Placement>,
    /// Why the promise is not kept; `None` when it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub broken: Option<Broken>,
}

impl Promise {
    pub fn kept(&self) -> bool {
        self.broken.is_none()
    }
}

impl Plan {
    /// The promises not kept to a village, a school or a family (the visits asked for by
    /// the office's own targets are [`Plan::target_misses`]).
    pub fn broken_promises(&self) -> impl Iterator<Item = &Promise> {
        self.promises
            .iter()
            .filter(|p| !p.kept() && !matches!(p.made, crate::promise::Made::Target { .. }))
    }

    /// The visits a target asked for that the week could not make, each with its reason.
    pub fn target_misses(&self) -> impl Iterator<Item = &Promise> {
        self.promises
            .iter()
            .filter(|p| !p.kept() && matches!(p.made, crate::promise::Made::Target { .. }))
    }

    /// The promises that are requests (`[requests]`), kept or not.
    pub fn requests(&self) -> impl Iterator<Item = &Promise> {
        self.promises
            .iter()
            .filter(|p| matches!(p.made, crate::promise::Made::Request { .. }))
    }

    /// Every visit with its van-day, in van-day order.
    pub fn visits(&self) -> impl Iterator<Item = (&VanDay, &Visit)> {
        self.van_days
            .iter()
            .flat_map(|d| d.visits.iter().map(move |v| (d, v)))
    }
}

/// The plan of a verified solution, found by a search that ended as `search` says.
pub fn build(prepared: &Prepared, plan: &VerifiedPlan, search: Option<SearchReport>) -> Plan {
    let Prepared {
        scenario,
        built,
        source,
    } = prepared;
    let instance = &built.instance;
    let stop_ref = |s: usize| Named {
        index: s,
        name: scenario.stops[s].name.clone(),
    };
    let mut served = People::default();
    let mut shifts = ShiftUse::default();
    let mut van_days = Vec::new();
    for (t, schedule) in plan.tours.iter().enumerate() {
        let info = &built.tours[t];
        let visits: Vec<Visit> = schedule
            .visits
            .iter()
            .map(|v| {
                let job = &built.jobs[v.job];
                Visit {
                    stop: stop_ref(job.stop),
                    part: job.part,
                    parts: job.parts,
                    location: scenario.stops[job.stop].location,
                    arrive: Clock::from_seconds(v.arrive),
                    start: Clock::from_seconds(v.start),
                    end: Clock::from_seconds(v.end),
                    people: job.people,
                    value: instance.jobs[v.job].value,
                }
            })
            .collect();
        let people = visits.iter().fold(People::default(), |a, v| a + v.people);
        served += people;
        let shift = shift_use::of(&instance.tours[t], schedule);
        shifts = shifts.add(&shift);
        van_days.push(VanDay {
            van: Named {
                index: info.van,
                name: scenario.vans[info.van].name.clone(),
            },
            date: info.date,
            depart: Clock::from_seconds(schedule.depart),
            back: Clock::from_seconds(schedule.back),
            drive_seconds: schedule.drive_time,
            distance_m: schedule.distance,
            people,
            shift,
            visits,
        });
    }

    let demand = scenario
        .stops
        .iter()
        .fold(People::default(), |a, s| a + s.people);
    let mut parts_served = vec![(0, 0); scenario.stops.len()];
    // A part no van reached and with nobody left (the visits took them all) is no part.
    let left_out = |j: usize| !plan.served[j] && built.jobs[j].people.total() == 0;
    for (j, job) in built.jobs.iter().enumerate() {
        if left_out(j) {
            continue;
        }
        parts_served[job.stop].1 += 1;
        if plan.served[j] {
            parts_served[job.stop].0 += 1;
        }
    }
    let unvisited = built
        .jobs
        .iter()
        .enumerate()
        .filter(|(j, _)| !plan.served[*j] && !left_out(*j))
        .map(|(j, job)| Unvisited {
            stop: stop_ref(job.stop),
            part: job.part,
            parts: job.parts,
            reason: why(scenario, built, j),
            people: job.people,
            value: instance.jobs[j].value,
        })
        .collect();
    let work_seconds = plan
        .tours
        .iter()
        .filter(|t| !t.visits.is_empty())
        .map(|t| t.back - t.depart)
        .sum();
    let totals = Totals {
        value: plan.value,
        served,
        demand,
        stops: parts_served.iter().filter(|(_, n)| *n > 0).count(),
        stops_visited: parts_served.iter().filter(|(s, _)| *s > 0).count(),
        stops_partly_visited: parts_served.iter().filter(|(s, n)| *s > 0 && s < n).count(),
        stops_unvisited: parts_served
            .iter()
            .filter(|(s, n)| *s == 0 && *n > 0)
            .count(),
        distance_m: plan.distance,
        drive_seconds: plan.travel_time,
        work_seconds,
        shift: shifts,
    };
    Plan {
        schema: SCHEMA.to_string(),
        scenario: scenario_info(scenario, source),
        search,
        week: Week {
            start: scenario.week_start,
            dates: scenario.dates.clone(),
            days_off: scenario
                .days_off
                .iter()
                .map(|o| Holiday {
                    date: o.date,
                    name: o.name.clone(),
                    decided: o.decided,
                })
                .collect(),
        },
        van_days,
        totals,
        unvisited,
        promises: Vec::new(),
        targets: Vec::new(),
    }
}

fn scenario_info(scenario: &Scenario, source: &TravelSource) -> ScenarioInfo {
    ScenarioInfo {
        name: scenario.name.clone(),
        file: scenario.file.display().to_string(),
        seed: scenario.seed,
        time_limit_s: scenario.time_limit.as_secs_f64(),
        iterations: scenario.iterations,
        travel: source.basis(),
    }
}
