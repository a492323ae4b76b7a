//! Why a job is not in a plan: a rule that keeps it off every tour, or else lack of time.
//! Built on the verifier's half of the rules (and the verifier replaying the job alone on a
//! tour), so it shares nothing with the search.

use super::instance::Instance;
use super::rules;
use super::verify::tour_violations;

/// Why a job is unserved. Variants before [`Reason::NoTimeLeft`] mean the job can never be
/// served by these tours; `NoTimeLeft` means it could be served alone but the plan used the
/// time for other jobs. The words planners read (English and Bahasa Indonesia, with the
/// scenario's details) are in `scenario::reasons`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    /// No tour carries all the equipment the job needs.
    NoEquipment,
    /// No tour runs on a day the job allows.
    NoAllowedDay,
    /// Tours with the equipment exist, and tours on allowed days, but not both at once.
    NoEquipmentOnAllowedDay,
    /// The job's load exceeds the capacity of every tour that could take it.
    OverCapacity,
    /// Driving there and back exceeds every such tour's driving limit.
    OverMaxDrive,
    /// Every window is shorter than the service, which must end by the window's close.
    WindowShorterThanService,
    /// Even alone, no such tour can drive there, serve in a window outside breaks, and be
    /// back by the end of its day.
    Unreachable,
    /// It fits alone on some tour, but the plan used that time for other jobs.
    NoTimeLeft,
}

/// Why `job` (an index into `instance.jobs`) cannot be in a plan, checked tour by tour.
/// Meant for jobs a plan leaves out; for a servable job it returns [`Reason::NoTimeLeft`].
pub fn explain_unserved(instance: &Instance, job: usize) -> Reason {
    let j = &instance.jobs[job];
    let tours = &instance.tours;
    // The rules that keep the job off each tour whatever the tour does (equipment, days).
    let kept_off: Vec<Vec<Reason>> = tours.iter().map(|t| rules::keeps_off(j, t)).collect();
    let Some(first) = kept_off.first() else {
        // No tour at all carries the equipment.
        return Reason::NoEquipment;
    };
    if kept_off.iter().all(|k| !k.is_empty()) {
        // One rule keeping it off every tour names the reason; otherwise only their
        // combination does.
        return first
            .iter()
            .copied()
            .find(|r| kept_off.iter().all(|k| k.contains(r)))
            .unwrap_or(Reason::NoEquipmentOnAllowedDay);
    }
    // Of the tours left, the one where the job comes closest to fitting gives the reason.
    tours
        .iter()
        .zip(&kept_off)
        .enumerate()
        .filter(|(_, (_, k))| k.is_empty())
        .map(|(t, (tour, _))| {
            rules::alone(instance, j, tour).unwrap_or_else(|| {
                if tour_violations(instance, t, &[job]).is_empty() {
                    Reason::NoTimeLeft
                } else {
                    Reason::Unreachable
                }
            })
        })
        .max()
        .expect("a tour no rule keeps the job off")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::instance::{Job, Matrix, Objective, Tour, Window};

    /// Depot 0 and one job 10 minutes away; tour 0 on day 0 with equipment 0b1, tour 1 on
    /// day 1 with none.
    fn instance() -> Instance {
        let tour = |day: usize, equipment: u64| Tour {
            van: 0,
            day,
            start_location: 0,
            end_location: 0,
            start: 0.0,
            end: 100.0,
            breaks: vec![],
            equipment,
            sets: 1,
            capacity: 10.0,
            max_drive: 60.0,
        };
        Instance {
            time: Matrix::from_fn(2, |a, b| if a == b { 0.0 } else { 10.0 }),
            distance: Matrix::from_fn(2, |_, _| 0.0),
            jobs: vec![Job {
                name: "J".into(),
                location: 1,
                value: 1.0,
                service_fixed: 20.0,
                service_work: 0.0,
                windows: vec![Window {
                    open: 0.0,
                    close: 50.0,
                }],
                finish_by_close: true,
                days: 0b11,
                requires: 0,
                load: 1.0,
                mandatory: true,
                promise: Default::default(),
                van: None,
            }],
            tours: vec![tour(0, 0b1), tour(1, 0)],
            objective: Objective::Prize,
        }
    }

    fn reason(change: impl FnOnce(&mut Instance)) -> Reason {
        let mut inst = instance();
        change(&mut inst);
        explain_unserved(&inst, 0)
    }

    #[test]
    fn names_the_rule_that_rules_a_job_out() {
        assert_eq!(reason(|_| {}), Reason::NoTimeLeft);
        assert_eq!(reason(|i| i.jobs[0].requires = 0b10), Reason::NoEquipment);
        assert_eq!(reason(|i| i.jobs[0].days = 0b100), Reason::NoAllowedDay);
        assert_eq!(
            reason(|i| {
                i.jobs[0].requires = 0b1;
                i.jobs[0].days = 0b10;
            }),
            Reason::NoEquipmentOnAllowedDay
        );
        assert_eq!(reason(|i| i.jobs[0].load = 11.0), Reason::OverCapacity);
        assert_eq!(
            reason(|i| i.tours.iter_mut().for_each(|t| t.max_drive = 15.0)),
            Reason::OverMaxDrive
        );
        assert_eq!(
            reason(|i| i.jobs[0].windows[0].close = 15.0),
            Reason::WindowShorterThanService
        );
        assert_eq!(
            reason(|i| {
                i.jobs[0].finish_by_close = false;
                i.jobs[0].windows[0] = Window {
                    open: 0.0,
                    close: 5.0,
                };
            }),
            Reason::Unreachable
        );
        assert_eq!(
            reason(|i| i.tours.iter_mut().for_each(|t| t.end = 35.0)),
            Reason::Unreachable
        );
    }

    #[test]
    fn the_most_nearly_possible_tour_gives_the_reason() {
        // Tour 0 lacks capacity, tour 1 could serve it: plain lack of time.
        let r = reason(|i| {
            i.tours[0].capacity = 0.5;
        });
        assert_eq!(r, Reason::NoTimeLeft);
    }
}
