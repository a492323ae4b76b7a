//! Pinned van: a job with `van` set may only be served by that van (re-planning pins an
//! announced visit to the van that announced it; its day and time are pinned through the
//! job's opening days and window when the instance is built, so no clock code is needed).
//!
//! A per job and tour filter on both halves. Reason: none of its own; the pinned van's days
//! and hours explain a pinned job left out.

use super::{Check, Rule, Served};
use crate::solve::instance::{Job, Tour};
use crate::solve::verify::Breach;

pub struct Pinned;

impl Rule for Pinned {
    fn allows(job: &Job, tour: &Tour) -> bool {
        job.van.is_none_or(|van| van == tour.van)
    }
}

// The verifier's half, written apart from the search's above.

impl Check for Pinned {
    fn visit(tour: &Tour, visit: &Served, problems: &mut Vec<Breach>) {
        if let Some(van) = visit.job.van
            && van != tour.van
        {
            problems.push(Breach::Pinned {
                van,
                served_by: tour.van,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use rand::Rng;

    use crate::solve::rules::testkit;

    #[test]
    fn search_and_verifier_agree_on_pinned_vans() {
        testkit::agree(100, |inst, rng| {
            for (t, tour) in inst.tours.iter_mut().enumerate() {
                tour.van = t;
            }
            let vans = inst.tours.len();
            for job in &mut inst.jobs {
                job.van = rng.random_bool(0.5).then(|| rng.random_range(0..vans));
            }
        });
    }
}
