//! How big a scenario may be and the ranges of its numbers. A value outside is a problem
//! that names the setting (never a silent clamp), so no input can make a run panic or run out
//! of memory. The list, with the reasons, is in scenarios/README.md.

use std::ops::RangeInclusive;
use std::time::Duration;

/// Stops per scenario: the travel matrices grow with the square (10,000 stops take about
/// 800 MB; `check` and `plan` stay within 1 GB).
pub const MAX_STOPS: usize = 10_000;
/// People at one stop, all groups together (a whole desa is a few thousand).
pub const MAX_PEOPLE_PER_STOP: u64 = 100_000;
/// Visits one stop may be split into.
pub const MAX_PARTS_PER_STOP: usize = 100;
/// Visits (stops and parts of stops) per scenario.
pub const MAX_VISITS: usize = 50_000;
/// Recording sets of one van.
pub const MAX_SETS: u32 = 100;
/// Blank cards one van may print a day.
pub const MAX_CARDS: u32 = 100_000;
/// The value of recording one person, per group.
pub const MAX_WEIGHT: f64 = 1_000_000.0;
/// Characters of a van's name: it becomes part of the GPX file names.
pub const MAX_VAN_NAME: usize = 80;
/// Characters of the scenario's name: it becomes the default output folder's name.
pub const MAX_SCENARIO_NAME: usize = 120;
/// The straight-line fallback's detour factor and speed.
pub const DETOUR: RangeInclusive<f64> = 1.0..=10.0;
pub const SPEED_KMH: RangeInclusive<f64> = 1.0..=150.0;
/// Every duration of a scenario (setup, per person, home visit, driving limit) is within a
/// day, and so is the search's time limit.
pub const MAX_DURATION_S: f64 = 86_400.0;

/// A time limit of `seconds`, or `None` unless it is above 0 and at most a day (NaN and
/// infinity are neither). A search of no time at all is asked for explicitly, with an
/// iteration budget of 0.
pub fn time_limit(seconds: f64) -> Option<Duration> {
    (seconds > 0.0 && seconds <= MAX_DURATION_S).then(|| Duration::from_secs_f64(seconds))
}

/// `[targets] school_mornings_per_week`: more than 50 school visits a week is a typo.
pub const SCHOOL_MORNINGS: RangeInclusive<i64> = 0..=50;
/// `[targets] every_kecamatan_within_weeks`: a year at most.
pub const WITHIN_WEEKS: RangeInclusive<i64> = 1..=52;
/// `[targets] min_people`, per group and week.
pub const MIN_PEOPLE: RangeInclusive<i64> = 0..=100_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_limits_above_zero_up_to_a_day() {
        for bad in [
            0.0,
            -1.0,
            f64::NAN,
            f64::INFINITY,
            1e308,
            86_400.5,
            f64::MIN,
        ] {
            assert_eq!(time_limit(bad), None, "{bad}");
        }
        assert_eq!(time_limit(0.4), Some(Duration::from_millis(400)));
        assert_eq!(time_limit(86_400.0), Some(Duration::from_secs(86_400)));
    }
}
