//! The independent plan checker. It shares no code with the search: it recomputes every
//! tour from scratch with its own forward pass, on the verifier's clock of the time rules,
//! and asks every rule's verifier half ([`Check`](super::rules::Check)), listing all
//! violations at once. Unknown jobs, jobs served twice and malformed instances are its own.
//!
//! Schedule convention: service at each stop starts as early as the rules allow (a van that
//! arrives early waits). The reported departure `depart` is the latest one that keeps the
//! first service start unchanged, so a team does not wait at its first stop, and the first
//! arrival is reckoned from it; every later time is as if the van left at the tour's `start`
//! (the same, as the first start does not move).

use std::fmt;

use super::instance::{Instance, Job, Solution, Tour};
use super::rules::shifts::{arrival, latest_departure};
use super::rules::windows::first_start;
use super::rules::{self, Served};

/// One served job in a tour's schedule.
#[derive(Clone, Debug, PartialEq)]
pub struct Visit {
    pub job: usize,
    pub arrive: f64,
    pub start: f64,
    pub end: f64,
}

/// The recomputed timetable of one tour. An unused tour has no visits and zero totals.
#[derive(Clone, Debug, PartialEq)]
pub struct TourSchedule {
    pub visits: Vec<Visit>,
    pub depart: f64,
    pub back: f64,
    pub drive_time: f64,
    pub distance: f64,
    pub load: f64,
}

/// A plan that keeps every rule, with its schedule and totals.
#[derive(Clone, Debug, PartialEq)]
pub struct VerifiedPlan {
    pub tours: Vec<TourSchedule>,
    pub value: f64,
    pub travel_time: f64,
    pub distance: f64,
    /// Per job: whether some tour serves it.
    pub served: Vec<bool>,
}

/// A broken rule, with the tour and job it concerns when there is one.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    pub tour: Option<usize>,
    pub job: Option<usize>,
    pub breach: Breach,
}

/// What is broken, with the numbers in the instance's own units (times in the unit of the
/// tours' clocks, equipment as bits, days as tour day numbers). `Display` words it for
/// benchmark users; a planner's layer that knows what the numbers stand for words it in
/// hours, equipment names and weekdays.
#[derive(Clone, Debug, PartialEq)]
pub enum Breach {
    /// The instance itself is malformed (matrix sizes, locations, sets).
    Malformed(String),
    RouteCount {
        routes: usize,
        tours: usize,
    },
    NoSuchJob {
        jobs: usize,
    },
    ServedTimes {
        times: usize,
    },
    NotServed {
        name: String,
    },
    Equipment {
        needs: u64,
        carries: u64,
    },
    Day {
        day: usize,
    },
    NoWindow {
        arrive: f64,
        service: f64,
    },
    BackLate {
        back: f64,
        end: f64,
    },
    Load {
        load: f64,
        capacity: f64,
    },
    Driving {
        drive: f64,
        limit: f64,
    },
    /// A job pinned to one van (a promise) served by another.
    Pinned {
        van: usize,
        served_by: usize,
    },
}

impl fmt::Display for Breach {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Breach::Malformed(text) => f.write_str(text),
            Breach::RouteCount { routes, tours } => {
                write!(f, "the plan has {routes} routes for {tours} tours")
            }
            Breach::NoSuchJob { jobs } => write!(f, "no such job (there are {jobs})"),
            Breach::ServedTimes { times } => write!(f, "served {times} times"),
            Breach::NotServed { name } => write!(f, "'{name}' must be served but is not"),
            Breach::Equipment { needs, carries } => write!(
                f,
                "needs equipment bits {needs:#b}, the tour carries {carries:#b}"
            ),
            Breach::Day { day } => write!(f, "not allowed on day {day}"),
            Breach::NoWindow { arrive, service } => write!(
                f,
                "arrives at {arrive}, after every window it can start in (service {service})"
            ),
            Breach::BackLate { back, end } => {
                write!(f, "back at {back}, after the tour's end {end}")
            }
            Breach::Pinned { van, served_by } => {
                write!(f, "is pinned to van {van} but served by van {served_by}")
            }
            Breach::Load { load, capacity } => {
                write!(f, "load {load} exceeds capacity {capacity}")
            }
            Breach::Driving { drive, limit } => {
                write!(f, "drives {drive}, more than the limit {limit}")
            }
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(t) = self.tour {
            write!(f, "tour {t}: ")?;
        }
        if let Some(j) = self.job {
            write!(f, "job {j}: ")?;
        }
        write!(f, "{}", self.breach)
    }
}

/// Comparison slack: 1e-6 relative (absolute near zero).
pub fn slack(x: f64) -> f64 {
    1e-6 * x.abs().max(1.0)
}

pub fn at_most(a: f64, b: f64) -> bool {
    a <= b + slack(b)
}

/// Service duration of `job` on `tour`: the recording sets work in parallel.
pub fn service_time(job: &Job, tour: &Tour) -> f64 {
    job.service_fixed + job.service_work / f64::from(tour.sets.max(1))
}

struct Checker<'a> {
    instance: &'a Instance,
    violations: Vec<Violation>,
}

impl Checker<'_> {
    fn flag(&mut self, tour: Option<usize>, job: Option<usize>, breach: Breach) {
        self.violations.push(Violation { tour, job, breach });
    }

    fn malformed(&mut self, tour: Option<usize>, job: Option<usize>, text: String) {
        self.flag(tour, job, Breach::Malformed(text));
    }

    fn check_instance(&mut self) {
        let n = self.instance.time.len();
        if self.instance.distance.len() != n {
            self.malformed(
                None,
                None,
                format!(
                    "the distance matrix has {} locations, the time matrix {n}",
                    self.instance.distance.len()
                ),
            );
        }
        for (j, job) in self.instance.jobs.iter().enumerate() {
            if job.location >= n {
                self.malformed(
                    None,
                    Some(j),
                    format!(
                        "location {} is outside the {n}-location matrix",
                        job.location
                    ),
                );
            }
        }
        for (t, tour) in self.instance.tours.iter().enumerate() {
            if tour.start_location >= n || tour.end_location >= n {
                self.malformed(
                    Some(t),
                    None,
                    format!("start or end location is outside the {n}-location matrix"),
                );
            }
            if tour.sets == 0 {
                self.malformed(Some(t), None, "the tour has no recording sets".to_string());
            }
        }
    }

    fn check_tour(&mut self, t: usize, tour: &Tour, route: &[usize]) -> TourSchedule {
        let inst = self.instance;
        let mut schedule = TourSchedule {
            visits: Vec::new(),
            depart: tour.start,
            back: tour.start,
            drive_time: 0.0,
            distance: 0.0,
            load: 0.0,
        };
        if route.is_empty() {
            return schedule;
        }
        let mut at = tour.start_location;
        let mut clock = tour.start;
        let mut first_leg = None;
        for &j in route {
            let Some(job) = inst.jobs.get(j) else {
                let jobs = inst.jobs.len();
                self.flag(Some(t), Some(j), Breach::NoSuchJob { jobs });
                continue;
            };
            let leg = inst.time.get(at, job.location);
            first_leg.get_or_insert(leg);
            schedule.drive_time += leg;
            schedule.distance += inst.distance.get(at, job.location);
            schedule.load += job.load;
            let arrive = arrival(&tour.breaks, clock, leg);
            let dur = service_time(job, tour);
            let start = first_start(job, &tour.breaks, arrive, dur);
            let mut problems = Vec::new();
            let served = Served {
                job,
                arrive,
                start,
                service: dur,
            };
            rules::check_visit(tour, &served, &mut problems);
            for p in problems {
                self.flag(Some(t), Some(j), p);
            }
            let start = start.unwrap_or(arrive);
            // Recording pauses over a break, as driving does.
            let end = arrival(&tour.breaks, start, dur);
            schedule.visits.push(Visit {
                job: j,
                arrive,
                start,
                end,
            });
            clock = end;
            at = job.location;
        }
        let leg = inst.time.get(at, tour.end_location);
        schedule.drive_time += leg;
        schedule.distance += inst.distance.get(at, tour.end_location);
        schedule.back = arrival(&tour.breaks, clock, leg);
        if let (Some(first), Some(leg)) = (schedule.visits.first_mut(), first_leg) {
            schedule.depart = latest_departure(&tour.breaks, first.start, leg).max(tour.start);
            // The first arrival follows the reported departure, not the shift's start, so
            // depart <= arrive <= start holds in every output.
            first.arrive = arrival(&tour.breaks, schedule.depart, leg).min(first.start);
        }
        let mut problems = Vec::new();
        rules::check_tour(tour, &schedule, &mut problems);
        for p in problems {
            self.flag(Some(t), None, p);
        }
        schedule
    }
}

/// The rules one tour breaks when it serves `route` (jobs served elsewhere do not count).
pub fn tour_violations(instance: &Instance, tour: usize, route: &[usize]) -> Vec<Violation> {
    let mut checker = Checker {
        instance,
        violations: Vec::new(),
    };
    checker.check_tour(tour, &instance.tours[tour], route);
    checker.violations
}

/// Checks `solution` against every rule of `instance`. On success returns the schedule and
/// totals; otherwise every violation found.
pub fn verify(instance: &Instance, solution: &Solution) -> Result<VerifiedPlan, Vec<Violation>> {
    let mut checker = Checker {
        instance,
        violations: Vec::new(),
    };
    checker.check_instance();
    if !checker.violations.is_empty() {
        return Err(checker.violations);
    }
    if solution.routes.len() != instance.tours.len() {
        let (routes, tours) = (solution.routes.len(), instance.tours.len());
        checker.flag(None, None, Breach::RouteCount { routes, tours });
        return Err(checker.violations);
    }
    let mut times_served = vec![0usize; instance.jobs.len()];
    let mut tours = Vec::with_capacity(instance.tours.len());
    for (t, (tour, route)) in instance.tours.iter().zip(&solution.routes).enumerate() {
        tours.push(checker.check_tour(t, tour, route));
        for &j in route {
            if let Some(count) = times_served.get_mut(j) {
                *count += 1;
            }
        }
    }
    for (j, (job, &count)) in instance.jobs.iter().zip(&times_served).enumerate() {
        if count > 1 {
            checker.flag(None, Some(j), Breach::ServedTimes { times: count });
        }
        let mut problems = Vec::new();
        rules::check_job(instance, job, count, &mut problems);
        for p in problems {
            checker.flag(None, Some(j), p);
        }
    }
    if !checker.violations.is_empty() {
        return Err(checker.violations);
    }
    let served: Vec<bool> = times_served.iter().map(|&c| c > 0).collect();
    let value = instance
        .jobs
        .iter()
        .zip(&served)
        .filter(|(_, s)| **s)
        .map(|(j, _)| j.value)
        .sum();
    Ok(VerifiedPlan {
        value,
        travel_time: tours.iter().map(|s| s.drive_time).sum(),
        distance: tours.iter().map(|s| s.distance).sum(),
        served,
        tours,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::instance::{Matrix, Objective, Window};

    fn w(open: f64, close: f64) -> Window {
        Window { open, close }
    }

    /// Depot 0, jobs at 1 and 2 on a line, 10 minutes apart; one tour with a break 40-50.
    fn instance() -> Instance {
        let line = Matrix::from_fn(3, |a, b| (a as f64 - b as f64).abs() * 10.0);
        let job = |location: usize, window: Window| Job {
            name: format!("J{location}"),
            location,
            value: 5.0,
            service_fixed: 5.0,
            service_work: 10.0,
            windows: vec![window],
            finish_by_close: false,
            days: 0b1,
            requires: 0b1,
            load: 3.0,
            mandatory: false,
            promise: Default::default(),
            van: None,
        };
        Instance {
            time: line.clone(),
            distance: Matrix::from_fn(3, |a, b| line.get(a, b) * 100.0),
            jobs: vec![job(1, w(0.0, 100.0)), job(2, w(20.0, 60.0))],
            tours: vec![Tour {
                van: 0,
                day: 0,
                start_location: 0,
                end_location: 0,
                start: 0.0,
                end: 100.0,
                breaks: vec![w(40.0, 50.0)],
                equipment: 0b1,
                sets: 2,
                capacity: 10.0,
                max_drive: 60.0,
            }],
            objective: Objective::Prize,
        }
    }

    fn plan(routes: Vec<Vec<usize>>) -> Solution {
        Solution { routes }
    }

    /// The messages of all violations, asserting there is at least one.
    fn broken(inst: &Instance, routes: Vec<Vec<usize>>) -> Vec<String> {
        let v = verify(inst, &plan(routes)).expect_err("a violation");
        v.iter().map(|v| v.to_string()).collect()
    }

    #[test]
    fn schedules_a_valid_plan_with_a_break_on_the_way_back() {
        let p = verify(&instance(), &plan(vec![vec![0, 1]])).expect("valid");
        let s = &p.tours[0];
        // Service 5 + 10/2 sets = 10: J1 10-20, J2 30-40, drive back pauses for 40-50.
        assert_eq!(
            s.visits[0],
            Visit {
                job: 0,
                arrive: 10.0,
                start: 10.0,
                end: 20.0
            }
        );
        assert_eq!(
            s.visits[1],
            Visit {
                job: 1,
                arrive: 30.0,
                start: 30.0,
                end: 40.0
            }
        );
        assert_eq!(
            (s.depart, s.back, s.drive_time, s.load),
            (0.0, 70.0, 40.0, 6.0)
        );
        assert_eq!((p.value, p.travel_time, p.distance), (10.0, 40.0, 4000.0));
        assert_eq!(p.served, vec![true, true]);
    }

    #[test]
    fn service_waits_for_the_window_and_pauses_over_the_break() {
        let mut inst = instance();
        inst.jobs[1].windows = vec![w(35.0, 60.0)];
        let p = verify(&inst, &plan(vec![vec![0, 1]])).expect("valid");
        // Arrives 30, window opens 35: serves 35-40, pauses over the break 40-50, ends 55.
        assert_eq!(
            p.tours[0].visits[1],
            Visit {
                job: 1,
                arrive: 30.0,
                start: 35.0,
                end: 55.0
            }
        );
        // Arriving inside the break, it begins when the break ends.
        inst.jobs[1].windows = vec![w(42.0, 70.0)];
        let p = verify(&inst, &plan(vec![vec![0, 1]])).expect("valid");
        assert_eq!(p.tours[0].visits[1].start, 50.0);
        // Leaves as late as keeps the first start: J1 has a window from 0, so at 0.
        inst.jobs[0].windows = vec![w(25.0, 100.0)];
        let p = verify(&inst, &plan(vec![vec![0]])).expect("valid");
        assert_eq!(
            (p.tours[0].depart, p.tours[0].visits[0].start),
            (15.0, 25.0)
        );
        // It arrives when it gets there from that departure, not from the shift's start.
        assert_eq!(p.tours[0].visits[0].arrive, 25.0);
    }

    #[test]
    fn the_first_arrival_follows_a_departure_across_a_break() {
        let mut inst = instance();
        // J2 opens at 55, after the break 40-50: leave at 25, drive 15, pause, drive 5.
        inst.jobs[1].windows = vec![w(55.0, 90.0)];
        let s = &verify(&inst, &plan(vec![vec![1]])).expect("valid").tours[0];
        assert_eq!(
            (s.depart, s.visits[0].arrive, s.visits[0].start),
            (25.0, 55.0, 55.0)
        );
    }

    #[test]
    fn catches_a_missed_window() {
        let mut inst = instance();
        inst.jobs[1].windows = vec![w(0.0, 5.0)];
        let msgs = broken(&inst, vec![vec![0, 1]]);
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("tour 0: job 1: arrives at 30")),
            "{msgs:?}"
        );
    }

    #[test]
    fn catches_a_service_that_ends_after_close() {
        let mut inst = instance();
        inst.jobs[1].windows = vec![w(20.0, 35.0)];
        inst.jobs[1].finish_by_close = true;
        assert!(broken(&inst, vec![vec![0, 1]])[0].contains("after every window"));
        inst.jobs[1].finish_by_close = false;
        assert!(verify(&inst, &plan(vec![vec![0, 1]])).is_ok());
    }

    #[test]
    fn catches_missing_equipment_and_wrong_day() {
        let mut inst = instance();
        inst.jobs[0].requires = 0b11;
        inst.jobs[1].days = 0b10;
        let msgs = broken(&inst, vec![vec![0, 1]]);
        assert!(
            msgs.iter().any(|m| m.contains("job 0: needs equipment")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("job 1: not allowed on day 0")),
            "{msgs:?}"
        );
    }

    #[test]
    fn catches_capacity_drive_and_tour_end() {
        let mut inst = instance();
        inst.tours[0].capacity = 5.0;
        inst.tours[0].max_drive = 30.0;
        inst.tours[0].end = 60.0;
        let msgs = broken(&inst, vec![vec![0, 1]]);
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(msgs[0].contains("back at 70"), "{msgs:?}");
        assert!(msgs[1].contains("load 6 exceeds capacity 5"), "{msgs:?}");
        assert!(
            msgs[2].contains("drives 40, more than the limit 30"),
            "{msgs:?}"
        );
    }

    #[test]
    fn catches_duplicates_unknown_jobs_and_missing_mandatory_jobs() {
        let mut inst = instance();
        inst.jobs[1].mandatory = true;
        let msgs = broken(&inst, vec![vec![0, 0, 7]]);
        assert!(
            msgs.iter()
                .any(|m| m == "tour 0: job 7: no such job (there are 2)"),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|m| m == "job 0: served 2 times"),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("job 1: 'J2' must be served")),
            "{msgs:?}"
        );
        inst.jobs[1].mandatory = false;
        inst.objective = Objective::VisitAll;
        assert!(broken(&inst, vec![vec![0]])[0].contains("must be served"));
    }

    #[test]
    fn catches_a_route_count_mismatch() {
        let msgs = broken(&instance(), vec![vec![0], vec![1]]);
        assert_eq!(msgs, vec!["the plan has 2 routes for 1 tours".to_string()]);
    }

    #[test]
    fn tolerates_rounding_but_not_more() {
        let mut inst = instance();
        inst.tours[0].end = 70.0 - 1e-8;
        assert!(verify(&inst, &plan(vec![vec![0, 1]])).is_ok());
        inst.tours[0].end = 70.0 - 1e-3;
        assert!(verify(&inst, &plan(vec![vec![0, 1]])).is_err());
    }
}
