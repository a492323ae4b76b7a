//! Blank cards (capacity): the loads of a tour's jobs add up to no more than its
//! `capacity`.
//!
//! Search: a job heavier than a tour's capacity is never allowed on it; a route admits jobs
//! while its cached load, less what leaves, plus what enters, fits (constant time per route,
//! before any position). Reason: [`Reason::OverCapacity`].

use super::{Check, Rule};
use crate::solve::explain::Reason;
use crate::solve::instance::{Instance, Job, Tour};
use crate::solve::route::{Model, Route, tol};
use crate::solve::verify::{Breach, TourSchedule, at_most};

pub struct Capacity;

/// The summed load of `jobs`.
fn load(model: &Model, jobs: &[usize]) -> f64 {
    jobs.iter().map(|&j| model.inst.jobs[j].load).sum::<f64>()
}

impl Rule for Capacity {
    fn allows(job: &Job, tour: &Tour) -> bool {
        job.load <= tour.capacity
    }

    fn admits(model: &Model, route: &Route, entering: &[usize], leaving: &[usize]) -> bool {
        let capacity = model.inst.tours[route.tour].capacity;
        route.load - load(model, leaving) + load(model, entering) <= capacity + tol(capacity)
    }

    fn keeps(model: &Model, route: &Route) -> bool {
        let capacity = model.inst.tours[route.tour].capacity;
        route.load <= capacity + tol(capacity)
    }
}

// The verifier's half, written apart from the search's above.

impl Check for Capacity {
    fn tour(tour: &Tour, schedule: &TourSchedule, problems: &mut Vec<Breach>) {
        if !at_most(schedule.load, tour.capacity) {
            problems.push(Breach::Load {
                load: schedule.load,
                capacity: tour.capacity,
            });
        }
    }

    fn alone(_inst: &Instance, job: &Job, tour: &Tour) -> Option<Reason> {
        (job.load > tour.capacity).then_some(Reason::OverCapacity)
    }
}

#[cfg(test)]
mod tests {
    use rand::Rng;

    use crate::solve::rules::testkit;

    #[test]
    fn search_and_verifier_agree_on_capacity() {
        testkit::agree(100, |inst, rng| {
            for job in &mut inst.jobs {
                job.load = f64::from(rng.random_range(0..5));
            }
            for tour in &mut inst.tours {
                tour.capacity = f64::from(rng.random_range(0..12));
            }
        });
    }
}
