//! The independent plan checker. It shares no code with the search: it recomputes every
//! tour from scratch with its own forward pass and checks every rule of
//! [`instance`](super::instance), listing all violations at once.
//!
//! Schedule convention: service at each stop starts as early as the rules allow (a van that
//! arrives early waits). The reported departure `depart` is the latest one that keeps the
//! first service start unchanged, so a team does not wait at its first stop; every later
//! time is as if the van left at the tour's `start`.

use std::fmt;

use super::instance::{Instance, Job, Solution, Tour, Window};

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
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(t) = self.tour {
            write!(f, "tour {t}: ")?;
        }
        if let Some(j) = self.job {
            write!(f, "job {j}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Comparison slack: 1e-6 relative (absolute near zero).
fn slack(x: f64) -> f64 {
    1e-6 * x.abs().max(1.0)
}

fn at_most(a: f64, b: f64) -> bool {
    a <= b + slack(b)
}

/// Driving minutes available in `[from, to]`: the interval minus the breaks.
fn driving_room(breaks: &[Window], from: f64, to: f64) -> f64 {
    let paused: f64 = breaks
        .iter()
        .map(|b| (b.close.min(to) - b.open.max(from)).max(0.0))
        .sum();
    (to - from) - paused
}

/// Arrival after `leg` of driving from `from`: the first moment with `leg` driving room.
/// The room grows only outside breaks, so the answer is `leg` past `from` or past the end
/// of a break.
fn arrival(breaks: &[Window], from: f64, leg: f64) -> f64 {
    if leg <= 0.0 {
        return from;
    }
    let mut anchors: Vec<f64> = vec![from];
    anchors.extend(breaks.iter().map(|b| b.close).filter(|&c| c > from));
    let mut best = f64::INFINITY;
    for &a in &anchors {
        let room_before = driving_room(breaks, from, a);
        if room_before >= leg {
            continue;
        }
        let candidate = a + (leg - room_before);
        // The remaining driving must fit before the next break begins.
        let blocked = breaks.iter().any(|b| b.open < candidate && b.close > a);
        if !blocked {
            best = best.min(candidate);
        }
    }
    best
}

/// The latest departure that still arrives by `by` after `leg` of driving.
fn latest_departure(breaks: &[Window], by: f64, leg: f64) -> f64 {
    if leg <= 0.0 {
        return by;
    }
    let mut anchors: Vec<f64> = vec![by];
    anchors.extend(breaks.iter().map(|b| b.open).filter(|&o| o < by));
    let mut best = f64::NEG_INFINITY;
    for &a in &anchors {
        let room_after = driving_room(breaks, a, by);
        if room_after >= leg {
            continue;
        }
        let candidate = a - (leg - room_after);
        let blocked = breaks.iter().any(|b| b.close > candidate && b.open < a);
        if !blocked {
            best = best.max(candidate);
        }
    }
    best
}

/// Whether a service of `dur` may start at `s`.
fn start_allowed(job: &Job, breaks: &[Window], s: f64, dur: f64) -> bool {
    let in_window = job.windows.iter().any(|w| {
        let last = if job.finish_by_close {
            w.close - dur
        } else {
            w.close
        };
        s >= w.open - slack(w.open) && at_most(s, last)
    });
    let hits_break = breaks
        .iter()
        .any(|b| s < b.close - slack(b.close) && s + dur > b.open + slack(b.open));
    in_window && !hits_break
}

/// The earliest allowed service start at or after `arrive`. The set of allowed starts is a
/// union of intervals whose left ends are window openings and break ends, so the first
/// allowed candidate among those (and `arrive`) is the answer.
fn first_start(job: &Job, breaks: &[Window], arrive: f64, dur: f64) -> Option<f64> {
    let mut candidates: Vec<f64> = vec![arrive];
    candidates.extend(job.windows.iter().map(|w| w.open));
    candidates.extend(breaks.iter().map(|b| b.close));
    candidates.retain(|&c| c >= arrive);
    candidates.sort_by(f64::total_cmp);
    candidates
        .into_iter()
        .find(|&c| start_allowed(job, breaks, c, dur))
}

struct Checker<'a> {
    instance: &'a Instance,
    violations: Vec<Violation>,
}

impl Checker<'_> {
    fn flag(&mut self, tour: Option<usize>, job: Option<usize>, message: String) {
        self.violations.push(Violation { tour, job, message });
    }

    fn check_instance(&mut self) {
        let n = self.instance.time.len();
        if self.instance.distance.len() != n {
            self.flag(
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
                self.flag(
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
                self.flag(
                    Some(t),
                    None,
                    format!("start or end location is outside the {n}-location matrix"),
                );
            }
            if tour.sets == 0 {
                self.flag(Some(t), None, "the tour has no recording sets".to_string());
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
        let sets = f64::from(tour.sets.max(1));
        let mut at = tour.start_location;
        let mut clock = tour.start;
        let mut first_leg = None;
        for &j in route {
            let Some(job) = inst.jobs.get(j) else {
                self.flag(
                    Some(t),
                    Some(j),
                    format!("no such job (there are {})", inst.jobs.len()),
                );
                continue;
            };
            if job.requires & !tour.equipment != 0 {
                self.flag(
                    Some(t),
                    Some(j),
                    format!(
                        "needs equipment bits {:#b}, the tour carries {:#b}",
                        job.requires, tour.equipment
                    ),
                );
            }
            if tour.day >= 64 || job.days & (1u64 << tour.day) == 0 {
                self.flag(Some(t), Some(j), format!("not allowed on day {}", tour.day));
            }
            let leg = inst.time.get(at, job.location);
            first_leg.get_or_insert(leg);
            schedule.drive_time += leg;
            schedule.distance += inst.distance.get(at, job.location);
            schedule.load += job.load;
            let arrive = arrival(&tour.breaks, clock, leg);
            let dur = job.service_fixed + job.service_work / sets;
            let start = match first_start(job, &tour.breaks, arrive, dur) {
                Some(s) => s,
                None => {
                    self.flag(Some(t), Some(j), format!("arrives at {arrive}, after every window it can start in (service {dur})"));
                    arrive
                }
            };
            schedule.visits.push(Visit {
                job: j,
                arrive,
                start,
                end: start + dur,
            });
            clock = start + dur;
            at = job.location;
        }
        let leg = inst.time.get(at, tour.end_location);
        schedule.drive_time += leg;
        schedule.distance += inst.distance.get(at, tour.end_location);
        schedule.back = arrival(&tour.breaks, clock, leg);
        if let (Some(first), Some(leg)) = (schedule.visits.first(), first_leg) {
            schedule.depart = latest_departure(&tour.breaks, first.start, leg).max(tour.start);
        }
        if !at_most(schedule.back, tour.end) {
            self.flag(
                Some(t),
                None,
                format!(
                    "back at {}, after the tour's end {}",
                    schedule.back, tour.end
                ),
            );
        }
        if !at_most(schedule.load, tour.capacity) {
            self.flag(
                Some(t),
                None,
                format!("load {} exceeds capacity {}", schedule.load, tour.capacity),
            );
        }
        if !at_most(schedule.drive_time, tour.max_drive) {
            self.flag(
                Some(t),
                None,
                format!(
                    "drives {}, more than the limit {}",
                    schedule.drive_time, tour.max_drive
                ),
            );
        }
        schedule
    }
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
        checker.flag(
            None,
            None,
            format!(
                "the plan has {} routes for {} tours",
                solution.routes.len(),
                instance.tours.len()
            ),
        );
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
            checker.flag(None, Some(j), format!("served {count} times"));
        }
        let must = job.mandatory || instance.objective == super::instance::Objective::VisitAll;
        if must && count == 0 {
            checker.flag(
                None,
                Some(j),
                format!("'{}' must be served but is not", job.name),
            );
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
