//! Why a job is not in a plan: a rule that rules it out on every tour, or else lack of time.
//! Built on the verifier (a job alone on a tour), so it shares nothing with the search.

use std::fmt;

use super::instance::{Instance, Objective, Solution};
use super::verify::verify;

/// Why a job is unserved, for the plan summary. Variants before [`Reason::NoTimeLeft`] mean
/// the job can never be served by these tours; `NoTimeLeft` means it could be served alone
/// but the plan used the time for other jobs.
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

impl Reason {
    /// A short English phrase for summaries.
    pub fn describe(self) -> &'static str {
        match self {
            Reason::NoEquipment => "no van carries the required equipment",
            Reason::NoAllowedDay => "no van works on an allowed day",
            Reason::NoEquipmentOnAllowedDay => "no van with the equipment works on an allowed day",
            Reason::OverCapacity => "needs more cards than a van carries",
            Reason::OverMaxDrive => "the round trip exceeds the daily driving limit",
            Reason::WindowShorterThanService => "every time window is shorter than the service",
            Reason::Unreachable => "cannot be reached and served within working hours and windows",
            Reason::NoTimeLeft => "no time left: other stops were worth more",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

/// Why `job` cannot be in a plan, checked tour by tour. Meant for jobs a plan leaves out;
/// for a servable job it returns [`Reason::NoTimeLeft`].
pub fn explain_unserved(instance: &Instance, job: usize) -> Reason {
    let j = &instance.jobs[job];
    let equipped = |t: &&super::instance::Tour| j.requires & !t.equipment == 0;
    let on_day = |t: &&super::instance::Tour| t.day < 64 && j.days & (1u64 << t.day) != 0;
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
    // One job alone, judged by the verifier, under Prize so other jobs do not count.
    let mut alone = instance.clone();
    alone.objective = Objective::Prize;
    for other in &mut alone.jobs {
        other.mandatory = false;
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
            let mut routes = vec![Vec::new(); tours.len()];
            routes[t].push(job);
            match verify(&alone, &Solution { routes }) {
                Ok(_) => Reason::NoTimeLeft,
                Err(_) => Reason::Unreachable,
            }
        };
        closest = closest.max(reason);
    }
    closest
}
