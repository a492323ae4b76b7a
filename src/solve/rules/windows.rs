//! Time windows and opening days: a service starts inside one of the job's windows, at `open`
//! or later; it starts by `close`, or when `finish_by_close` is set, it ends by `close` (a
//! service that pauses over a break ends that much later). The job's day must be in `days`.
//!
//! Half the clock: the search's earliest and latest service starts below (around the breaks
//! of [`shifts`](super::shifts)) feed the route model's cached earliest departures and latest
//! arrivals; the insertion check is the slack test there, after [`Rule::positions`] has cut
//! the positions to those a window can reach. The verifier's half keeps its own clock.
//!
//! Reasons: [`Reason::NoAllowedDay`] (no tour on a day the job allows),
//! [`Reason::WindowShorterThanService`]; a window the tour cannot reach in time is the
//! verifier's [`Reason::Unreachable`].

use std::ops::Range;

use super::shifts::{
    arrival, inside_break, latest_service_start, outside_breaks, outside_breaks_before, service_end,
};
use super::{Check, Rule, Served};
use crate::solve::explain::Reason;
use crate::solve::instance::{Instance, Job, Tour, Window};
use crate::solve::route::{Model, Route, tol};
use crate::solve::verify::{Breach, at_most, service_time, slack};

pub struct Windows;

impl Rule for Windows {
    fn allows(job: &Job, tour: &Tour) -> bool {
        tour.day < 64 && job.days & (1u64 << tour.day) != 0
    }

    fn positions(model: &Model, route: &Route, job: usize) -> Range<usize> {
        let jb = &model.inst.jobs[job];
        let (Some(first), Some(last)) = (jb.windows.first(), jb.windows.last()) else {
            return 0..0;
        };
        // Departures and latest arrivals only grow along the route, so the positions that
        // can fit the job form a range: the next node must be reachable after the earliest
        // possible end, and the job reached before its last window closes.
        let earliest_end = first.open + model.duration(job, route.tour);
        let lo = route.latest_arrivals()[1..].partition_point(|&l| l + tol(l) < earliest_end);
        let hi = route
            .departures()
            .partition_point(|&d| d <= last.close + tol(last.close));
        lo..hi
    }
}

/// Earliest service start at or after `arrive`: in a window, not inside a break.
pub fn earliest_start(
    windows: &[Window],
    finish_by_close: bool,
    breaks: &[Window],
    arrive: f64,
    dur: f64,
) -> Option<f64> {
    windows.iter().find_map(|w| {
        let s = outside_breaks(breaks, arrive.max(w.open));
        let bound = if finish_by_close {
            service_end(breaks, s, dur)
        } else {
            s
        };
        (bound <= w.close + tol(w.close)).then_some(s)
    })
}

/// Latest service start whose service ends by `end_by`: in a window, not inside a break.
pub fn latest_start(
    windows: &[Window],
    finish_by_close: bool,
    breaks: &[Window],
    end_by: f64,
    dur: f64,
) -> Option<f64> {
    let mut s = latest_service_start(breaks, end_by, dur);
    for w in windows.iter().rev() {
        let last = if finish_by_close {
            latest_service_start(breaks, w.close, dur)
        } else {
            outside_breaks_before(breaks, w.close)
        };
        s = s.min(last);
        // Rounding may leave a zero-slack start a hair before the opening.
        if s >= w.open - tol(w.open) {
            return Some(s.max(w.open));
        }
    }
    None
}

// The verifier's half: its own clock, sharing nothing with the search's above.

/// Whether the tour runs on a day the job allows.
fn on_day(job: &Job, tour: &Tour) -> bool {
    tour.day < 64 && job.days & (1u64 << tour.day) != 0
}

impl Check for Windows {
    fn visit(tour: &Tour, visit: &Served, problems: &mut Vec<Breach>) {
        if !on_day(visit.job, tour) {
            problems.push(Breach::Day { day: tour.day });
        }
        if visit.start.is_none() {
            problems.push(Breach::NoWindow {
                arrive: visit.arrive,
                service: visit.service,
            });
        }
    }

    fn keeps_off(job: &Job, tour: &Tour) -> Option<Reason> {
        (!on_day(job, tour)).then_some(Reason::NoAllowedDay)
    }

    fn alone(_inst: &Instance, job: &Job, tour: &Tour) -> Option<Reason> {
        let dur = service_time(job, tour);
        (job.finish_by_close && job.windows.iter().all(|w| w.close - w.open < dur))
            .then_some(Reason::WindowShorterThanService)
    }
}

/// Whether a service of `dur` may start at `s`.
fn start_allowed(job: &Job, breaks: &[Window], s: f64, dur: f64) -> bool {
    let bound = if job.finish_by_close {
        arrival(breaks, s, dur)
    } else {
        s
    };
    let in_window = job
        .windows
        .iter()
        .any(|w| s >= w.open - slack(w.open) && at_most(bound, w.close));
    in_window && !inside_break(breaks, s)
}

/// The earliest allowed service start at or after `arrive`. The set of allowed starts is a
/// union of intervals whose left ends are window openings and break ends, so the first
/// allowed candidate among those (and `arrive`) is the answer.
pub fn first_start(job: &Job, breaks: &[Window], arrive: f64, dur: f64) -> Option<f64> {
    let mut candidates: Vec<f64> = vec![arrive];
    candidates.extend(job.windows.iter().map(|w| w.open));
    candidates.extend(breaks.iter().map(|b| b.close));
    candidates.retain(|&c| c >= arrive);
    candidates.sort_by(f64::total_cmp);
    candidates
        .into_iter()
        .find(|&c| start_allowed(job, breaks, c, dur))
}

#[cfg(test)]
mod tests {
    use rand::Rng;

    use super::*;
    use crate::solve::rules::testkit;

    fn w(open: f64, close: f64) -> Window {
        Window { open, close }
    }

    #[test]
    fn service_pauses_over_breaks_and_keeps_windows() {
        let breaks = [w(12.0, 13.0)];
        let windows = [w(8.0, 11.0), w(14.0, 16.0)];
        assert_eq!(
            earliest_start(&windows, false, &breaks, 7.0, 1.0),
            Some(8.0)
        );
        assert_eq!(
            earliest_start(&windows, true, &breaks, 10.5, 1.0),
            Some(14.0)
        );
        assert_eq!(
            earliest_start(&windows, false, &breaks, 10.5, 1.0),
            Some(10.5)
        );
        assert_eq!(earliest_start(&windows, false, &breaks, 16.5, 1.0), None);
        let wide = [w(8.0, 16.0)];
        // Recording until the break and resuming after it, instead of waiting for its end.
        assert_eq!(earliest_start(&wide, false, &breaks, 11.5, 1.0), Some(11.5));
        assert_eq!(service_end(&breaks, 11.5, 1.0), 13.5);
        // No service begins inside a break.
        assert_eq!(earliest_start(&wide, false, &breaks, 12.5, 1.0), Some(13.0));
        // A service of 3 ending by 14.5 may start at 10.5: 1.5 before the break, 1.5 after.
        assert_eq!(latest_start(&wide, false, &breaks, 14.5, 3.0), Some(10.5));
        assert_eq!(latest_start(&windows, true, &breaks, 16.8, 1.0), Some(15.0));
        assert_eq!(latest_start(&windows, true, &breaks, 14.5, 1.0), Some(10.0));
        assert_eq!(latest_start(&windows, true, &breaks, 8.5, 1.0), None);
        // A window that closes at the start of the break leaves no room to pause over it.
        let morning = [w(8.0, 12.0)];
        assert_eq!(earliest_start(&morning, true, &breaks, 11.5, 1.0), None);
    }

    #[test]
    fn search_and_verifier_agree_on_windows_and_days() {
        testkit::agree(150, |inst, rng| {
            for job in &mut inst.jobs {
                let mut at = 0;
                job.windows = (0..rng.random_range(1..=3))
                    .map(|_| {
                        let open = at + rng.random_range(0..40);
                        at = open + rng.random_range(0..25);
                        w(f64::from(open), f64::from(at))
                    })
                    .collect();
                job.finish_by_close = rng.random_bool(0.5);
                job.days = rng.random_range(0..4);
            }
            for tour in &mut inst.tours {
                if rng.random_bool(0.5) {
                    let open = f64::from(rng.random_range(10..60));
                    tour.breaks = vec![w(open, open + f64::from(rng.random_range(1..15)))];
                }
            }
        });
    }
}
