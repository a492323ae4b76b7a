//! The search's clock (the verifier keeps its own): driving that pauses in breaks, the
//! earliest service start inside a window and outside breaks, and their inverses, the latest
//! departure and the latest service start, which give each visit its slack.
//!
//! All four functions are monotone in time, so "earliest arrival everywhere" decides
//! feasibility and "latest arrival" bounds how much later a visit may begin.

use super::instance::Window;

/// Relative tolerance for the search's own comparisons; far tighter than the verifier's, so
/// the verifier accepts whatever the search accepts.
pub fn tol(x: f64) -> f64 {
    if x.is_finite() {
        1e-9 * x.abs().max(1.0)
    } else {
        0.0
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

/// The last allowed start in a window for a service of `dur`.
fn last_start(w: &Window, finish_by_close: bool, dur: f64) -> f64 {
    if finish_by_close {
        w.close - dur
    } else {
        w.close
    }
}

/// Earliest service start at or after `arrive`: in a window, not overlapping a break.
pub fn earliest_start(
    windows: &[Window],
    finish_by_close: bool,
    breaks: &[Window],
    arrive: f64,
    dur: f64,
) -> Option<f64> {
    let mut s = arrive;
    for w in windows {
        let last = last_start(w, finish_by_close, dur);
        if s > last + tol(last) {
            continue;
        }
        s = s.max(w.open);
        for b in breaks {
            if s < b.close && s + dur > b.open {
                s = b.close;
            }
        }
        if s <= last + tol(last) {
            return Some(s);
        }
    }
    None
}

/// Latest service start at or before `by`: in a window, not overlapping a break.
pub fn latest_start(
    windows: &[Window],
    finish_by_close: bool,
    breaks: &[Window],
    by: f64,
    dur: f64,
) -> Option<f64> {
    let mut s = by;
    for w in windows.iter().rev() {
        s = s.min(last_start(w, finish_by_close, dur));
        if s < w.open - tol(w.open) {
            continue;
        }
        for b in breaks.iter().rev() {
            if s < b.close && s + dur > b.open {
                s = b.open - dur;
            }
        }
        // Rounding may leave a zero-slack start a hair before the opening.
        if s >= w.open - tol(w.open) {
            return Some(s.max(w.open));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(open: f64, close: f64) -> Window {
        Window { open, close }
    }

    #[test]
    fn driving_pauses_in_breaks() {
        let breaks = [w(10.0, 20.0), w(30.0, 35.0)];
        assert_eq!(drive(&breaks, 0.0, 5.0), 5.0);
        assert_eq!(drive(&breaks, 5.0, 5.0), 10.0);
        assert_eq!(drive(&breaks, 5.0, 6.0), 21.0);
        assert_eq!(drive(&breaks, 12.0, 6.0), 26.0);
        assert_eq!(drive(&breaks, 5.0, 20.0), 40.0);
        assert_eq!(latest_leave(&breaks, 21.0, 6.0), 5.0);
        assert_eq!(latest_leave(&breaks, 15.0, 6.0), 4.0);
        assert_eq!(latest_leave(&breaks, 40.0, 20.0), 5.0);
    }

    #[test]
    fn service_avoids_breaks_and_keeps_windows() {
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
        assert_eq!(earliest_start(&wide, false, &breaks, 11.5, 1.0), Some(13.0));
        assert_eq!(latest_start(&wide, false, &breaks, 12.5, 1.0), Some(11.0));
        assert_eq!(latest_start(&windows, true, &breaks, 15.8, 1.0), Some(15.0));
        assert_eq!(latest_start(&windows, true, &breaks, 13.5, 1.0), Some(10.0));
        assert_eq!(latest_start(&windows, true, &breaks, 7.5, 1.0), None);
    }
}
