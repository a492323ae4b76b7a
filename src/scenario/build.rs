//! Scenario -> `solve::Instance`: location 0 is the depot, location `i + 1` is stop `i`;
//! one tour per van and working day; one job per stop, or several parts for a stop too big
//! for one visit. Times are seconds since midnight.
//!
//! Splitting rule: a visit must fit in one of the stop's windows within a shift, after driving
//! there from the depot and with time to drive back; it may pause over the breaks in between.
//! The largest recording work one visit can hold is 90% of (the working time of that stretch
//! − setup) × the van's recording sets, taking the best van and day that can serve the stop. A stop needing more is split
//! into the fewest equal parts (people of each group spread evenly) that each fit; every part
//! pays the setup again. A stretch too short to record at least as long as the setup takes
//! does not count (no splitting into crumbs). Home visits are never split.

use chrono::{Datelike, NaiveDate};

use super::limits::{MAX_PARTS_PER_STOP, MAX_VISITS};
use super::model::Scenario;
use super::problem::Problem;
#[cfg(test)]
use crate::groups::Group;
use crate::groups::People;
use crate::i18n::{Fix, Says};
use crate::solve::instance::working_time;
use crate::solve::{Instance, Job, Matrix, Objective, Tour, Window};

/// Share of the longest possible visit a part may fill, leaving room for the route.
const PART_FILL: f64 = 0.9;

/// What a job of the instance stands for.
#[derive(Clone, Debug, PartialEq)]
pub struct JobInfo {
    pub stop: usize,
    /// 1-based part number and number of parts (1 of 1 when not split).
    pub part: usize,
    pub parts: usize,
    pub people: People,
}

/// Which van and date a tour of the instance is.
#[derive(Clone, Debug, PartialEq)]
pub struct TourInfo {
    pub van: usize,
    pub date: NaiveDate,
}

/// The instance with the links back to the scenario.
#[derive(Clone, Debug)]
pub struct Built {
    pub instance: Instance,
    pub jobs: Vec<JobInfo>,
    pub tours: Vec<TourInfo>,
    /// Equipment names; bit `i` of the instance's masks is `equipment[i]`.
    pub equipment: Vec<String>,
}

/// The equipment names of the scenario, sorted (declared, vans' and stops'), at most 64.
pub fn equipment_names(scenario: &Scenario) -> Vec<String> {
    let mut names: Vec<String> = scenario
        .equipment
        .iter()
        .flatten()
        .chain(scenario.vans.iter().flat_map(|v| v.equipment.iter()))
        .map(|e| e.value.clone())
        .chain(
            scenario
                .stops
                .iter()
                .flat_map(|s| s.requires.iter())
                .cloned(),
        )
        .collect();
    names.sort();
    names.dedup();
    names.truncate(64);
    names
}

fn mask(names: &[String], wanted: &[String]) -> u64 {
    wanted
        .iter()
        .filter_map(|w| names.iter().position(|n| n == w))
        .fold(0, |m, i| m | 1 << i)
}

/// Builds the instance from a scenario and its travel matrices (depot first, then stops).
/// A stop that would be split into more than [`MAX_PARTS_PER_STOP`] visits, or more than
/// [`MAX_VISITS`] visits in all, is a problem; the instance is then not to be solved.
pub fn build(scenario: &Scenario, time: Matrix, distance: Matrix) -> (Built, Vec<Problem>) {
    let mut problems = Vec::new();
    let equipment = equipment_names(scenario);
    let mut tours = Vec::new();
    let mut tour_info = Vec::new();
    for (day, date) in scenario.dates.iter().enumerate() {
        let weekday = date.weekday().num_days_from_monday();
        let Some(hours) = &scenario.hours[weekday as usize] else {
            continue;
        };
        for (v, van) in scenario.vans.iter().enumerate() {
            if van.days & (1 << weekday) == 0 || scenario.vans_off.contains(&(v, *date)) {
                continue;
            }
            tours.push(Tour {
                van: v,
                day,
                start_location: 0,
                end_location: 0,
                start: hours.shift.0,
                end: hours.shift.1,
                breaks: hours
                    .breaks
                    .iter()
                    .map(|&(open, close)| Window { open, close })
                    .collect(),
                equipment: mask(
                    &equipment,
                    &van.equipment
                        .iter()
                        .map(|e| e.value.clone())
                        .collect::<Vec<_>>(),
                ),
                sets: van.sets.max(1),
                capacity: van.blank_cards.map_or(f64::INFINITY, f64::from),
                max_drive: van.max_drive.unwrap_or(f64::INFINITY),
            });
            tour_info.push(TourInfo {
                van: v,
                date: *date,
            });
        }
    }

    let mut jobs = Vec::new();
    let mut job_info = Vec::new();
    for (s, stop) in scenario.stops.iter().enumerate() {
        // Nobody left to record (a campaign's stop already done): no visit to plan.
        if stop.people.total() == 0 {
            continue;
        }
        let location = s + 1;
        let requires = mask(&equipment, &stop.requires);
        let days = scenario
            .weekday_dates(stop)
            .filter(|&(_, d)| !scenario.school_closed(stop, d))
            .fold(0u64, |m, (i, _)| m | 1 << i);
        let windows: Vec<Window> = if stop.windows.is_empty() {
            vec![Window {
                open: 0.0,
                close: 86_400.0,
            }]
        } else {
            stop.windows
                .iter()
                .map(|&(open, close)| Window { open, close })
                .collect()
        };
        let (fixed, parts) = if stop.home_visit {
            (scenario.service.home_visit, 1.0)
        } else {
            let work = scenario.service.per_person.dot(&stop.people);
            let setup = scenario.service.setup;
            let most = tours
                .iter()
                .filter(|t| days & (1 << t.day) != 0 && t.equipment & requires == requires)
                .map(|t| {
                    let stretch =
                        longest_stretch(t, &windows, time.get(0, location), time.get(location, 0));
                    // A part must record at least as long as it takes to set up.
                    let recording = if stretch >= 2.0 * setup {
                        stretch - setup
                    } else {
                        0.0
                    };
                    recording * f64::from(t.sets) * PART_FILL
                })
                .fold(0.0, f64::max);
            let parts = if most > 0.0 && work > most {
                (work / most).ceil()
            } else {
                1.0
            };
            (setup, parts)
        };
        if parts > MAX_PARTS_PER_STOP as f64 {
            problems.push(Problem::new(
                stop.at.as_ref(),
                Says::TooManyParts {
                    stop: stop.name.clone(),
                    parts: parts as u64,
                    max: MAX_PARTS_PER_STOP,
                },
                Fix::SmallerStop,
            ));
            continue;
        }
        let parts = parts as usize;
        for part in 0..parts {
            let people = share(&stop.people, part, parts);
            jobs.push(Job {
                name: job_name(&stop.name, part + 1, parts),
                location,
                value: scenario.weights.dot(&people),
                service_fixed: fixed,
                service_work: if stop.home_visit {
                    0.0
                } else {
                    scenario.service.per_person.dot(&people)
                },
                windows: windows.clone(),
                finish_by_close: true,
                days,
                requires,
                load: f64::from(people.total()),
                mandatory: stop.mandatory,
                promise: Default::default(),
                van: None,
            });
            job_info.push(JobInfo {
                stop: s,
                part: part + 1,
                parts,
                people,
            });
        }
    }

    if jobs.len() > MAX_VISITS {
        problems.push(Problem::new(
            None,
            Says::TooManyVisits {
                visits: jobs.len(),
                max: MAX_VISITS,
            },
            Fix::FewerVisits,
        ));
    }
    let built = Built {
        instance: Instance {
            time,
            distance,
            jobs,
            tours,
            objective: Objective::Prize,
        },
        jobs: job_info,
        tours: tour_info,
        equipment,
    };
    (built, problems)
}

/// The instance's name of a job: the stop's, with the part of a split stop.
fn job_name(stop: &str, part: usize, parts: usize) -> String {
    if parts == 1 {
        stop.to_string()
    } else {
        format!("{stop} (part {part}/{parts})")
    }
}

/// Gives job `j` the people `people`: its value, recording work and blank cards follow.
pub fn set_people(built: &mut Built, scenario: &Scenario, j: usize, people: People) {
    let stop = &scenario.stops[built.jobs[j].stop];
    let job = &mut built.instance.jobs[j];
    job.value = scenario.weights.dot(&people);
    if !stop.home_visit {
        job.service_work = scenario.service.per_person.dot(&people);
    }
    job.load = f64::from(people.total());
    built.jobs[j].people = people;
}

/// Numbers job `j` as part `part` of its stop.
pub fn set_part(built: &mut Built, scenario: &Scenario, j: usize, part: usize) {
    let info = &mut built.jobs[j];
    info.part = part;
    built.instance.jobs[j].name = job_name(&scenario.stops[info.stop].name, part, info.parts);
}

/// People of part `part` of `parts`: each group spread evenly, remainders spread too.
pub fn share(people: &People, part: usize, parts: usize) -> People {
    let cut = |n: u32| {
        let at = |k: usize| (u64::from(n) * k as u64 / parts as u64) as u32;
        at(part + 1) - at(part)
    };
    people.map(|_, &n| cut(n))
}

/// The most working time (breaks left out) in any window that a tour can use, after driving
/// `out` from the depot at the start of the shift and keeping `back` to return by its end.
fn longest_stretch(tour: &Tour, windows: &[Window], out: f64, back: f64) -> f64 {
    windows
        .iter()
        .map(|w| {
            let from = w.open.max(tour.start + out);
            working_time(&tour.breaks, from, w.close.min(tour.end - back))
        })
        .fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_add_up_and_spread_remainders() {
        let people = People::from_fn(|g| [10, 3, 7][g as usize]);
        let parts: Vec<People> = (0..3).map(|p| share(&people, p, 3)).collect();
        let total = parts.iter().fold(People::default(), |a, &b| a + b);
        assert_eq!(total, people);
        assert!(
            parts
                .iter()
                .all(|p| (3..=4).contains(&p[Group::Elderly]) && p[Group::Disabled] == 1)
        );
    }

    #[test]
    fn stretch_spans_breaks_without_counting_them() {
        let tour = Tour {
            van: 0,
            day: 0,
            start_location: 0,
            end_location: 0,
            start: 27_000.0,
            end: 55_800.0,
            breaks: vec![Window {
                open: 43_200.0,
                close: 46_800.0,
            }],
            equipment: 0,
            sets: 2,
            capacity: f64::INFINITY,
            max_drive: f64::INFINITY,
        };
        let all_day = [Window {
            open: 0.0,
            close: 86_400.0,
        }];
        // 07:30 + 30 min drive = 08:00 to 15:00 (15:30 less the drive back), less the hour's
        // break from 12:00: 6 h of recording.
        assert_eq!(longest_stretch(&tour, &all_day, 1800.0, 1800.0), 21_600.0);
        let afternoon = [Window {
            open: 46_800.0,
            close: 86_400.0,
        }];
        assert_eq!(
            longest_stretch(&tour, &afternoon, 1800.0, 1800.0),
            55_800.0 - 1800.0 - 46_800.0
        );
    }
}
