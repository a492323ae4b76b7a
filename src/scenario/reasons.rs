//! Why a stop (or part) is not served: the solver's `explain_unserved` decides the rule, and
//! this adds the scenario's details (equipment names, weekdays, windows, minutes) as a
//! [`Why`]. The message catalogue words it.

use super::Scenario;
use super::build::Built;
use super::model::Stop;
use super::units::WEEKDAYS;
use crate::clock::Clock;
use crate::reason::Why;
use crate::solve::{Reason, explain_unserved};

/// Why job `j` cannot be, or was not, served.
pub fn why(scenario: &Scenario, built: &Built, j: usize) -> Why {
    let job = &built.instance.jobs[j];
    let stop = &scenario.stops[built.jobs[j].stop];
    let needs = || stop.requires.clone();
    let days = || weekdays(stop.days);
    match explain_unserved(&built.instance, j) {
        Reason::NoEquipment => Why::Equipment { needs: needs() },
        Reason::NoEquipmentOnAllowedDay => Why::EquipmentOnDays {
            needs: needs(),
            days: days(),
        },
        Reason::NoAllowedDay if closed_all_week(scenario, stop) => Why::SchoolHoliday,
        Reason::NoAllowedDay => Why::Days { days: days() },
        Reason::OverCapacity => Why::BlankCards {
            cards: job.load.round() as u32,
        },
        Reason::OverMaxDrive => Why::DrivingLimit,
        Reason::WindowShorterThanService => {
            let sets = built
                .instance
                .tours
                .iter()
                .map(|t| t.sets)
                .max()
                .unwrap_or(1)
                .max(1);
            let minutes = (job.service_fixed + job.service_work / f64::from(sets)) / 60.0;
            Why::Window {
                minutes: minutes.floor() as u32,
                windows: job
                    .windows
                    .iter()
                    .map(|w| (Clock::from_seconds(w.open), Clock::from_seconds(w.close)))
                    .collect(),
            }
        }
        Reason::Unreachable => Why::Hours,
        Reason::NoTimeLeft => Why::NoTime,
    }
}

/// Whether `stop` is a school whose every day this week falls in the school holidays (so the
/// holidays, not the vans' days, keep it out).
fn closed_all_week(scenario: &Scenario, stop: &Stop) -> bool {
    let mut its_days = scenario.weekday_dates(stop).peekable();
    its_days.peek().is_some() && its_days.all(|(_, d)| scenario.school_closed(stop, d))
}

/// The weekdays of a mask (bit 0 = Monday), in order.
pub fn weekdays(mask: u8) -> Vec<chrono::Weekday> {
    WEEKDAYS
        .iter()
        .enumerate()
        .filter(|(d, _)| mask & (1 << d) != 0)
        .map(|(_, (_, day))| *day)
        .collect()
}

/// The weekdays of a mask as scenarios write them, e.g. "mon, tue".
pub fn weekdays_text(mask: u8) -> String {
    let days: Vec<&str> = (0..7)
        .filter(|d| mask & (1 << d) != 0)
        .map(|d| WEEKDAYS[d].0)
        .collect();
    days.join(", ")
}
