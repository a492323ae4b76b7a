//! The plan as the planner sees it: the content of plan.json (schema in docs/plan-json.md),
//! from which the schedule, the GPX files and the summary are written.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::scenario::model::People;
use crate::scenario::reasons::reason;
use crate::scenario::units::{format_time_of_day, weekday_name};
use crate::scenario::{Prepared, Scenario};
use crate::solve::VerifiedPlan;

/// The schema name and version written in every plan.json.
pub const SCHEMA: &str = "jempol-plan/1";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanReport {
    pub schema: String,
    pub scenario: ScenarioInfo,
    pub week: Week,
    pub van_days: Vec<VanDay>,
    pub totals: Totals,
    pub unvisited: Vec<Unvisited>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScenarioInfo {
    pub name: String,
    pub file: String,
    pub seed: u64,
    pub time_limit_s: f64,
    /// The search's iteration budget, when the scenario sets one.
    pub iterations: Option<u64>,
    /// What travel times are based on; says "straight-line fallback, not roads" or
    /// "stand-in map" when they are not real roads.
    pub travel: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Week {
    pub start: NaiveDate,
    pub dates: Vec<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VanDay {
    pub van: String,
    pub date: NaiveDate,
    pub weekday: String,
    pub depart: String,
    pub back: String,
    pub drive_minutes: f64,
    pub km: f64,
    /// People recorded (blank cards used when the van prints).
    pub people: u32,
    pub visits: Vec<VisitOut>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VisitOut {
    pub order: usize,
    pub stop: String,
    /// The job name: the stop's name, or "NAME (part i/n)" for a split stop.
    pub job: String,
    pub part: usize,
    pub parts: usize,
    pub desa: String,
    pub kecamatan: String,
    pub lat: f64,
    pub lon: f64,
    pub arrive: String,
    pub start: String,
    pub end: String,
    pub elderly: u32,
    pub disabled: u32,
    pub new_eligible: u32,
    pub value: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    pub value: f64,
    pub served: People,
    pub demand: People,
    pub stops: usize,
    pub stops_visited: usize,
    /// Visited, but some parts of a split stop were not.
    pub stops_partly_visited: usize,
    pub stops_unvisited: usize,
    pub km: f64,
    pub drive_hours: f64,
    /// From leaving the depot to coming back, summed over van-days with visits.
    pub work_hours: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unvisited {
    pub stop: String,
    pub job: String,
    /// One of: no time, equipment, window, days, blank cards, driving limit, hours.
    pub category: String,
    pub reason: String,
    /// `reason` in Bahasa Indonesia (empty in plans written before it was added).
    #[serde(default)]
    pub reason_id: String,
    pub elderly: u32,
    pub disabled: u32,
    pub new_eligible: u32,
    pub value: f64,
}

impl Unvisited {
    /// The reason in `lang`; the category alone when an older plan has no Indonesian text.
    pub fn reason_in(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.reason.clone(),
            Lang::Id if self.reason_id.is_empty() => lang.category(&self.category),
            Lang::Id => self.reason_id.clone(),
        }
    }
}

fn round(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (x * f).round() / f
}

/// Builds the report of a verified plan.
pub fn report(prepared: &Prepared, travel_label: &str, plan: &VerifiedPlan) -> PlanReport {
    let Prepared {
        scenario, built, ..
    } = prepared;
    let instance = &built.instance;
    let mut van_days = Vec::new();
    let mut served = People::default();
    for (t, schedule) in plan.tours.iter().enumerate() {
        let info = &built.tours[t];
        let mut people = People::default();
        let visits: Vec<VisitOut> = schedule
            .visits
            .iter()
            .enumerate()
            .map(|(k, v)| {
                let job = &instance.jobs[v.job];
                let ji = &built.jobs[v.job];
                let stop = &scenario.stops[ji.stop];
                people.add(&ji.people);
                VisitOut {
                    order: k + 1,
                    stop: stop.name.clone(),
                    job: job.name.clone(),
                    part: ji.part,
                    parts: ji.parts,
                    desa: stop.desa.clone(),
                    kecamatan: stop.kecamatan.clone(),
                    lat: stop.location.lat,
                    lon: stop.location.lon,
                    arrive: format_time_of_day(v.arrive),
                    start: format_time_of_day(v.start),
                    end: format_time_of_day(v.end),
                    elderly: ji.people.elderly,
                    disabled: ji.people.disabled,
                    new_eligible: ji.people.new_eligible,
                    value: round(job.value, 3),
                }
            })
            .collect();
        served.add(&people);
        van_days.push(VanDay {
            van: scenario.vans[info.van].name.clone(),
            date: info.date,
            weekday: weekday_name(info.date.weekday()).to_string(),
            depart: format_time_of_day(schedule.depart),
            back: format_time_of_day(schedule.back),
            drive_minutes: round(schedule.drive_time / 60.0, 1),
            km: round(schedule.distance / 1000.0, 2),
            people: people.total(),
            visits,
        });
    }

    let mut demand = People::default();
    scenario.stops.iter().for_each(|s| demand.add(&s.people));
    let mut parts_served = vec![(0, 0); scenario.stops.len()];
    for (j, ji) in built.jobs.iter().enumerate() {
        parts_served[ji.stop].1 += 1;
        if plan.served[j] {
            parts_served[ji.stop].0 += 1;
        }
    }
    let unvisited = built
        .jobs
        .iter()
        .enumerate()
        .filter(|(j, _)| !plan.served[*j])
        .map(|(j, ji)| {
            let why = reason(scenario, built, j);
            Unvisited {
                stop: scenario.stops[ji.stop].name.clone(),
                job: instance.jobs[j].name.clone(),
                category: why.category().to_string(),
                reason: why.describe(Lang::En),
                reason_id: why.describe(Lang::Id),
                elderly: ji.people.elderly,
                disabled: ji.people.disabled,
                new_eligible: ji.people.new_eligible,
                value: round(instance.jobs[j].value, 3),
            }
        })
        .collect();
    let work: f64 = plan
        .tours
        .iter()
        .filter(|t| !t.visits.is_empty())
        .map(|t| t.back - t.depart)
        .sum();
    let totals = Totals {
        value: round(plan.value, 3),
        served,
        demand,
        stops: scenario.stops.len(),
        stops_visited: parts_served.iter().filter(|(s, _)| *s > 0).count(),
        stops_partly_visited: parts_served.iter().filter(|(s, n)| *s > 0 && s < n).count(),
        stops_unvisited: parts_served.iter().filter(|(s, _)| *s == 0).count(),
        km: round(plan.distance / 1000.0, 2),
        drive_hours: round(plan.travel_time / 3600.0, 2),
        work_hours: round(work / 3600.0, 2),
    };
    PlanReport {
        schema: SCHEMA.to_string(),
        scenario: scenario_info(scenario, travel_label),
        week: Week {
            start: scenario.week_start,
            dates: scenario.dates.clone(),
        },
        van_days,
        totals,
        unvisited,
    }
}

fn scenario_info(scenario: &Scenario, travel: &str) -> ScenarioInfo {
    ScenarioInfo {
        name: scenario.name.clone(),
        file: scenario.file.display().to_string(),
        seed: scenario.seed,
        time_limit_s: scenario.time_limit.as_secs_f64(),
        iterations: scenario.iterations,
        travel: travel.to_string(),
    }
}
