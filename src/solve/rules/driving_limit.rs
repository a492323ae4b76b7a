//! Driving limit: a tour drives no more than its `max_drive`.
//!
//! Search: the route's cached driving plus what an insertion or exchange adds, per position
//! in constant time. Reason: [`Reason::OverMaxDrive`] when driving there and back alone is
//! already too much.

use super::{Check, Rule};
use crate::solve::explain::Reason;
use crate::solve::instance::{Instance, Job, Tour};
use crate::solve::route::{Model, Route, tol};
use crate::solve::verify::{Breach, TourSchedule, at_most};

pub struct DrivingLimit;

impl Rule for DrivingLimit {
    fn fits(model: &Model, route: &Route, added: f64) -> bool {
        let limit = model.inst.tours[route.tour].max_drive;
        route.drive + added <= limit + tol(limit)
    }

    fn keeps(model: &Model, route: &Route) -> bool {
        let limit = model.inst.tours[route.tour].max_drive;
        route.drive <= limit + tol(limit)
    }
}

// The verifier's half, written apart from the search's above.

impl Check for DrivingLimit {
    fn tour(tour: &Tour, schedule: &TourSchedule, problems: &mut Vec<Breach>) {
        if !at_most(schedule.drive_time, tour.max_drive) {
            problems.push(Breach::Driving {
                drive: schedule.drive_time,
                limit: tour.max_drive,
            });
        }
    }

    fn alone(inst: &Instance, job: &Job, tour: &Tour) -> Option<Reason> {
        let there_and_back = inst.time.get(tour.start_location, job.location)
            + inst.time.get(job.location, tour.end_location);
        (there_and_back > tour.max_drive).then_some(Reason::OverMaxDrive)
    }
}

#[cfg(test)]
mod tests {
    use rand::Rng;

    use crate::solve::rules::testkit;

    #[test]
    fn search_and_verifier_agree_on_the_driving_limit() {
        testkit::agree(100, |inst, rng| {
            for tour in &mut inst.tours {
                tour.max_drive = f64::from(rng.random_range(0..80));
            }
        });
    }
}
