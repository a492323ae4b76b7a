//! How a van-day spends its shift: recording, driving, waiting at a stop for its window, and
//! the rest unused (before leaving, after coming back). Breaks are left out of all of them.

use serde::{Deserialize, Serialize};

use crate::i18n::PlanMsg;
use crate::solve::instance::working_time;
use crate::solve::{Tour, TourSchedule};

/// Seconds of a shift (or of all shifts, in the totals), breaks left out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ShiftUse {
    pub shift_seconds: f64,
    pub recording_seconds: f64,
    pub driving_seconds: f64,
    /// At stops, from arriving to starting.
    pub waiting_seconds: f64,
    pub longest_wait_seconds: f64,
}

impl ShiftUse {
    /// Shift time neither recording nor driving: waits, and time at the depot.
    pub fn unused_seconds(&self) -> f64 {
        (self.shift_seconds - self.recording_seconds - self.driving_seconds).max(0.0)
    }

    /// [`Self::unused_seconds`] as a share of the shift, in per cent.
    pub fn unused_percent(&self) -> f64 {
        if self.shift_seconds > 0.0 {
            100.0 * self.unused_seconds() / self.shift_seconds
        } else {
            0.0
        }
    }

    /// The summary's line, in hours and minutes.
    pub fn words(&self) -> PlanMsg {
        let hours = |seconds: f64| seconds / 3600.0;
        PlanMsg::ShiftUse {
            shift_h: hours(self.shift_seconds),
            recording_h: hours(self.recording_seconds),
            driving_h: hours(self.driving_seconds),
            waiting_h: hours(self.waiting_seconds),
            longest_wait_min: self.longest_wait_seconds / 60.0,
            unused_h: hours(self.unused_seconds()),
            unused_percent: self.unused_percent(),
        }
    }

    /// Both together: sums, and the longer of the longest waits.
    pub fn add(&self, other: &ShiftUse) -> ShiftUse {
        ShiftUse {
            shift_seconds: self.shift_seconds + other.shift_seconds,
            recording_seconds: self.recording_seconds + other.recording_seconds,
            driving_seconds: self.driving_seconds + other.driving_seconds,
            waiting_seconds: self.waiting_seconds + other.waiting_seconds,
            longest_wait_seconds: self.longest_wait_seconds.max(other.longest_wait_seconds),
        }
    }
}

/// How `tour` spends its shift on the verified `schedule`.
pub fn of(tour: &Tour, schedule: &TourSchedule) -> ShiftUse {
    let waits: Vec<f64> = schedule
        .visits
        .iter()
        .map(|v| working_time(&tour.breaks, v.arrive, v.start))
        .collect();
    ShiftUse {
        shift_seconds: working_time(&tour.breaks, tour.start, tour.end),
        recording_seconds: schedule
            .visits
            .iter()
            .map(|v| working_time(&tour.breaks, v.start, v.end))
            .sum(),
        driving_seconds: schedule.drive_time,
        waiting_seconds: waits.iter().sum(),
        longest_wait_seconds: waits.iter().copied().fold(0.0, f64::max),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::{Visit, Window};

    #[test]
    fn breaks_count_as_neither_work_nor_waiting() {
        let tour = Tour {
            van: 0,
            day: 0,
            start_location: 0,
            end_location: 0,
            start: 0.0,
            end: 100.0,
            breaks: vec![Window {
                open: 50.0,
                close: 60.0,
            }],
            equipment: 0,
            sets: 1,
            capacity: f64::INFINITY,
            max_drive: f64::INFINITY,
        };
        let visit = |arrive, start, end| Visit {
            job: 0,
            arrive,
            start,
            end,
        };
        let schedule = TourSchedule {
            // Waits 5, records 40-70 pausing over the break 50-60, then waits 3.
            visits: vec![visit(35.0, 40.0, 70.0), visit(75.0, 78.0, 85.0)],
            depart: 30.0,
            back: 90.0,
            drive_time: 20.0,
            distance: 0.0,
            load: 0.0,
        };
        let used = of(&tour, &schedule);
        assert_eq!(used.shift_seconds, 90.0);
        assert_eq!(used.recording_seconds, 20.0 + 7.0);
        assert_eq!(used.waiting_seconds, 5.0 + 3.0);
        assert_eq!(used.longest_wait_seconds, 5.0);
        assert_eq!(used.unused_seconds(), 90.0 - 27.0 - 20.0);
        assert!((used.unused_percent() - 100.0 * 43.0 / 90.0).abs() < 1e-9);
        // Waiting that runs into a break counts only outside it.
        assert_eq!(working_time(&tour.breaks, 45.0, 62.0), 7.0);
    }
}
