//! Why a job is not in a plan: a rule that rules it out on every tour, or else lack of time.
//! Built on the verifier (a job alone on a tour), so it shares nothing with the search.

use super::instance::{Instance, Tour};
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
    let equipped = |t: &&Tour| j.requires & !t.equipment == 0;
    let on_day = |t: &&Tour| t.day < 64 && j.days & (1u64 << t.day) != 0;
    let tours = &instance.tours;
    if !tours.iter().any(|t| equipped(&t) && on_day(&t)) {
        return if !tours.iter().any(|t| equipped(&t)) {
            Reason::NoEquipment
        } else if !tours.iter().any(|t| on_day(&t)) {
            Reason::NoAllowedDay
        } else {
            Reason::NoEquipmentOnAllowedDay
        };
    }
    let mut closest = Reason::NoEquipment;
    for (t, tour) in tours.iter().enumerate() {
        if !(equipped(&tour) && on_day(&tour)) {
            continue;
        }
        let dur = j.service_fixed + j.service_work / f64::from(tour.sets.max(1));
        let there_and_back = instance.time.get(tour.start_location, j.location)
            + instance.time.get(j.location, tour.end_location);
        let reason = if j.load > tour.capacity {
            Reason::OverCapacity
        } else if there_and_back > tour.max_drive {
            Reason::OverMaxDrive
        } else if j.finish_by_close && j.windows.iter().all(|w| w.close - w.open < dur) {
            Reason::WindowShorterThanService
        } else {
            // The job alone on this tour, judged by the verifier.
            if tour_violations(instance, t, &[job]).is_empty() {
                Reason::NoTimeLeft
            } else {
                Reason::Unreachable
            }
        };
        closest = closest.max(reason);
    }
    closest
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::instance::{Job, Matrix, Objective, Window};

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
