//! Equipment: a job needs every equipment bit in `requires` to be in the equipment of the
//! tour that serves it.
//!
//! A per job and tour filter on both halves; no insertion or route check of its own.
//! Reason: [`Reason::NoEquipment`] (and, with opening days, [`Reason::NoEquipmentOnAllowedDay`]
//! when each alone leaves a tour but not both together; see
//! [`explain_unserved`](crate::solve::explain_unserved)).

use super::{Check, Rule, Served};
use crate::solve::explain::Reason;
use crate::solve::instance::{Job, Tour};
use crate::solve::verify::Breach;

pub struct Equipment;

impl Rule for Equipment {
    fn allows(job: &Job, tour: &Tour) -> bool {
        job.requires & !tour.equipment == 0
    }
}

// The verifier's half, written apart from the search's above.

/// The equipment bits `job` needs that `tour` lacks.
fn missing(job: &Job, tour: &Tour) -> u64 {
    job.requires & !tour.equipment
}

impl Check for Equipment {
    fn visit(tour: &Tour, visit: &Served, problems: &mut Vec<Breach>) {
        if missing(visit.job, tour) != 0 {
            problems.push(Breach::Equipment {
                needs: visit.job.requires,
                carries: tour.equipment,
            });
        }
    }

    fn keeps_off(job: &Job, tour: &Tour) -> Option<Reason> {
        (missing(job, tour) != 0).then_some(Reason::NoEquipment)
    }
}

#[cfg(test)]
mod tests {
    use rand::Rng;

    use crate::solve::rules::testkit;

    #[test]
    fn search_and_verifier_agree_on_equipment() {
        testkit::agree(100, |inst, rng| {
            for job in &mut inst.jobs {
                job.requires = rng.random_range(0..4);
            }
            for tour in &mut inst.tours {
                tour.equipment = rng.random_range(0..4);
            }
        });
    }
}
