//! Why a job was not served: tries it alone on every tour (depot -> stop -> depot) and names
//! the constraint that stops it, or "no time" when some tour could hold it alone.

use std::fmt;

use super::build::Built;
use super::units::{format_time_of_day, weekday_name};
use crate::solve::{Instance, Job, Tour, Window};

/// The first constraint that rules a job out, in the order a planner would fix them.
#[derive(Clone, Debug, PartialEq)]
pub enum Reason {
    /// No van works on any of the days the stop allows.
    NoDay,
    /// The vans working on its days lack this equipment.
    Equipment(Vec<String>),
    /// More people than a printing van has blank cards for in a day.
    Cards { need: f64, have: f64 },
    /// The round trip alone is longer than a van may drive in a day.
    Driving { need: f64, limit: f64 },
    /// No road leads there and back.
    Unreachable,
    /// The visit does not fit in the stop's windows.
    Window { service: f64, windows: Vec<Window> },
    /// The drive there, the visit and the drive back do not fit in a van-day.
    Shift { service: f64 },
    /// It could be served alone, but the vans' days were filled with more valuable visits.
    NoTime,
}

impl Reason {
    /// The short category used in tables: no time, equipment, window, ...
    pub fn category(&self) -> &'static str {
        match self {
            Reason::NoDay => "days",
            Reason::Equipment(_) => "equipment",
            Reason::Cards { .. } => "blank cards",
            Reason::Driving { .. } => "driving limit",
            Reason::Unreachable => "unreachable",
            Reason::Window { .. } => "window",
            Reason::Shift { .. } => "too far",
            Reason::NoTime => "no time",
        }
    }

    fn rank(&self) -> u8 {
        match self {
            Reason::NoDay => 0,
            Reason::Equipment(_) => 1,
            Reason::Cards { .. } => 2,
            Reason::Driving { .. } | Reason::Unreachable => 3,
            Reason::Window { .. } | Reason::Shift { .. } => 4,
            Reason::NoTime => 5,
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let min = |s: f64| (s / 60.0).round();
        match self {
            Reason::NoDay => write!(f, "days: no van works on the days it allows"),
            Reason::Equipment(missing) => {
                write!(
                    f,
                    "equipment: needs {}, which no van working on its days carries",
                    missing.join(", ")
                )
            }
            Reason::Cards { need, have } => {
                write!(
                    f,
                    "blank cards: needs {need} cards, a printing van has {have} a day"
                )
            }
            Reason::Driving { need, limit } => write!(
                f,
                "driving limit: the round trip takes {} min, the daily limit is {} min",
                min(*need),
                min(*limit)
            ),
            Reason::Unreachable => write!(f, "unreachable: no road there and back"),
            Reason::Window { service, windows } => {
                let w: Vec<String> = windows
                    .iter()
                    .map(|w| {
                        format!(
                            "{}-{}",
                            format_time_of_day(w.open),
                            format_time_of_day(w.close)
                        )
                    })
                    .collect();
                write!(
                    f,
                    "window: the visit takes {} min and does not fit in {} after the drive",
                    min(*service),
                    w.join(", ")
                )
            }
            Reason::Shift { service } => write!(
                f,
                "too far: the drive there and back with the {} min visit does not fit in a van-day",
                min(*service)
            ),
            Reason::NoTime => write!(
                f,
                "no time: the vans' days were filled with more valuable stops"
            ),
        }
    }
}

/// Why job `j` cannot be (or was not) served.
pub fn reason(built: &Built, j: usize) -> Reason {
    let instance = &built.instance;
    let job = &instance.jobs[j];
    let mut best: Option<Reason> = None;
    for tour in &instance.tours {
        let r = alone(instance, tour, job, built);
        if best.as_ref().is_none_or(|b| r.rank() > b.rank()) {
            best = Some(r);
        }
    }
    best.unwrap_or(Reason::NoDay)
}

/// Tries `job` alone on `tour`; `NoTime` means it fits.
fn alone(instance: &Instance, tour: &Tour, job: &Job, built: &Built) -> Reason {
    if job.days & (1 << tour.day) == 0 {
        return Reason::NoDay;
    }
    let missing = job.requires & !tour.equipment;
    if missing != 0 {
        let names = (0..64)
            .filter(|b| missing & (1 << b) != 0)
            .map(|b| {
                built
                    .equipment
                    .get(b)
                    .cloned()
                    .unwrap_or_else(|| "equipment no van carries".into())
            })
            .collect();
        return Reason::Equipment(names);
    }
    if job.load > tour.capacity {
        return Reason::Cards {
            need: job.load,
            have: tour.capacity,
        };
    }
    let out = instance.time.get(tour.start_location, job.location);
    let back = instance.time.get(job.location, tour.end_location);
    if !(out + back).is_finite() {
        return Reason::Unreachable;
    }
    if out + back > tour.max_drive {
        return Reason::Driving {
            need: out + back,
            limit: tour.max_drive,
        };
    }
    let service = job.service_fixed + job.service_work / f64::from(tour.sets.max(1));
    let arrive = drive(tour.start, out, &tour.breaks);
    let mut fits_window = false;
    for w in &job.windows {
        let mut start = arrive.max(w.open);
        // A service may not overlap a break: it starts after the break instead.
        for b in &tour.breaks {
            if start < b.close && start + service > b.open {
                start = b.close;
            }
        }
        let in_window = if job.finish_by_close {
            start + service <= w.close
        } else {
            start <= w.close
        };
        if !in_window {
            continue;
        }
        fits_window = true;
        if drive(start + service, back, &tour.breaks) <= tour.end {
            return Reason::NoTime;
        }
    }
    if fits_window {
        Reason::Shift { service }
    } else {
        Reason::Window {
            service,
            windows: job.windows.clone(),
        }
    }
}

/// When a drive of `seconds` leaving at `from` arrives: driving pauses during breaks.
fn drive(from: f64, seconds: f64, breaks: &[Window]) -> f64 {
    let (mut t, mut left) = (from, seconds);
    for b in breaks {
        if t >= b.close {
            continue;
        }
        if t >= b.open {
            t = b.close;
            continue;
        }
        if t + left <= b.open {
            break;
        }
        left -= b.open - t;
        t = b.close;
    }
    t + left
}

/// The weekdays of a mask, for messages ("mon-thu" style lists).
pub fn weekdays_text(mask: u8) -> String {
    let days: Vec<&str> = (0..7)
        .filter(|d| mask & (1 << d) != 0)
        .map(|d| weekday_name(super::units::WEEKDAYS[d].1))
        .collect();
    days.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn driving_pauses_in_breaks() {
        let lunch = [Window {
            open: 100.0,
            close: 200.0,
        }];
        assert_eq!(drive(0.0, 50.0, &lunch), 50.0);
        assert_eq!(drive(80.0, 50.0, &lunch), 230.0);
        assert_eq!(drive(150.0, 10.0, &lunch), 210.0);
    }
}
