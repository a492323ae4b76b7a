//! Shifts and breaks: a tour leaves its start location at `start` at the earliest and is back
//! at its end location by `end`; breaks are fixed intervals in which the team neither drives
//! nor serves. Driving or recording that reaches a break pauses and resumes when it ends, and
//! no service begins inside a break.
//!
//! Half the clock: the search's driving and break functions below feed the route model's
//! cached schedule (the start is its first departure, the end its last latest arrival), so
//! the insertion check is the slack test there. The verifier's half keeps its own clock.
//!
//! Reason: none of its own. A job that no tour can reach, serve and leave in time, even
//! alone, is [`Reason::Unreachable`](crate::solve::Reason::Unreachable), which the verifier
//! decides by replaying the job alone on the tour.

use super::{Check, Rule};
use crate::solve::instance::{Tour, Window};
use crate::solve::route::{Model, Route, tol};
use crate::solve::verify::{Breach, TourSchedule, at_most, slack};

pub struct Shifts;

impl Rule for Shifts {
    fn keeps(model: &Model, route: &Route) -> bool {
        let end = model.inst.tours[route.tour].end;
        route.back() <= end + tol(end)
    }
}

/// Arrival time after `leg` units of driving that start at `t`, pausing during breaks.
pub fn drive(breaks: &[Window], mut t: f64, mut leg: f64) -> f64 {
    if leg <= 0.0 {
        return t;
    }
    for b in breaks {
        if b.close <= t {
            continue;
        }
        if t >= b.open {
            t = b.close;
            continue;
        }
        let gap = b.open - t;
        if leg <= gap {
            return t + leg;
        }
        leg -= gap;
        t = b.close;
    }
    t + leg
}

/// The latest start of `leg` units of driving that arrives by `by`.
pub fn latest_leave(breaks: &[Window], by: f64, mut leg: f64) -> f64 {
    if leg <= 0.0 {
        return by;
    }
    let mut t = by;
    for b in breaks.iter().rev() {
        if b.open >= t {
            continue;
        }
        if t <= b.close {
            t = b.open;
            continue;
        }
        let gap = t - b.close;
        if leg <= gap {
            return t - leg;
        }
        leg -= gap;
        t = b.open;
    }
    t - leg
}

/// When a service of `dur` that starts at `s` ends: recording pauses over a break as driving
/// does, so a long visit records until the break and resumes after it.
#[inline]
pub fn service_end(breaks: &[Window], s: f64, dur: f64) -> f64 {
    drive(breaks, s, dur)
}

/// The latest start of a service of `dur` that ends by `by`.
#[inline]
pub fn latest_service_start(breaks: &[Window], by: f64, dur: f64) -> f64 {
    latest_leave(breaks, by, dur)
}

/// The first moment at or after `s` when a service may begin: not inside a break (a start
/// at the very moment a break begins is allowed; the service then pauses at once).
#[inline]
pub fn outside_breaks(breaks: &[Window], s: f64) -> f64 {
    match breaks.iter().find(|b| s > b.open && s < b.close) {
        Some(b) => b.close,
        None => s,
    }
}

/// The last moment at or before `s` when a service may begin.
#[inline]
pub fn outside_breaks_before(breaks: &[Window], s: f64) -> f64 {
    match breaks.iter().find(|b| s > b.open && s < b.close) {
        Some(b) => b.open,
        None => s,
    }
}

// The verifier's half: its own clock, sharing nothing with the search's above.

impl Check for Shifts {
    fn tour(tour: &Tour, schedule: &TourSchedule, problems: &mut Vec<Breach>) {
        if !at_most(schedule.back, tour.end) {
            problems.push(Breach::BackLate {
                back: schedule.back,
                end: tour.end,
            });
        }
    }
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
pub fn arrival(breaks: &[Window], from: f64, leg: f64) -> f64 {
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
pub fn latest_departure(breaks: &[Window], by: f64, leg: f64) -> f64 {
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

/// Whether `s` lies inside a break (beyond rounding), where no service begins.
pub fn inside_break(breaks: &[Window], s: f64) -> bool {
    breaks
        .iter()
        .any(|b| s > b.open + slack(b.open) && s < b.close - slack(b.close))
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
    fn driving_pauses_in_breaks_on_both_clocks() {
        let breaks = [w(10.0, 20.0), w(30.0, 35.0)];
        for (from, leg, at) in [
            (0.0, 5.0, 5.0),
            (5.0, 5.0, 10.0),
            (5.0, 6.0, 21.0),
            (12.0, 6.0, 26.0),
            (5.0, 20.0, 40.0),
        ] {
            assert_eq!(drive(&breaks, from, leg), at);
            assert_eq!(arrival(&breaks, from, leg), at);
        }
        for (by, leg, leave) in [(21.0, 6.0, 5.0), (15.0, 6.0, 4.0), (40.0, 20.0, 5.0)] {
            assert_eq!(latest_leave(&breaks, by, leg), leave);
            assert_eq!(latest_departure(&breaks, by, leg), leave);
        }
    }

    #[test]
    fn search_and_verifier_agree_on_shift_ends_and_breaks() {
        testkit::agree(150, |inst, rng| {
            for tour in &mut inst.tours {
                tour.start = f64::from(rng.random_range(0..20));
                tour.end = tour.start + f64::from(rng.random_range(20..90));
                let mut at = tour.start;
                tour.breaks = (0..rng.random_range(0..3))
                    .map(|_| {
                        let open = at + f64::from(rng.random_range(1..20));
                        at = open + f64::from(rng.random_range(1..10));
                        w(open, at)
                    })
                    .collect();
            }
        });
    }
}
