//! Mandatory jobs: a job marked `mandatory` must be served (under the VisitAll objective,
//! every job is; the search learns that from its [`Policy`](crate::solve::policy::Policy)).
//!
//! Not a check on routes: the search counts the jobs that must be served but are not, and
//! every objective puts that count first. Reason: none of its own; a mandatory job left out
//! has the reason of whichever rule keeps it out.

use super::{Check, Rule};
use crate::solve::instance::{Instance, Job, Objective};
use crate::solve::verify::Breach;

pub struct Mandatory;

impl Rule for Mandatory {
    fn must_serve(job: &Job) -> bool {
        job.mandatory
    }
}

// The verifier's half, written apart from the search's above.

impl Check for Mandatory {
    fn job(inst: &Instance, job: &Job, times: usize, problems: &mut Vec<Breach>) {
        let must = job.mandatory || inst.objective == Objective::VisitAll;
        if must && times == 0 {
            problems.push(Breach::NotServed {
                name: job.name.clone(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use rand::{Rng, SeedableRng};
    use rand_pcg::Pcg64Mcg;

    use crate::solve::plan::Plan;
    use crate::solve::route::Model;
    use crate::solve::rules::testkit;
    use crate::solve::verify;
    use crate::solve::verify::Breach;

    #[test]
    fn search_counts_as_missing_what_the_verifier_flags() {
        for seed in 0..50 {
            let mut rng = Pcg64Mcg::seed_from_u64(seed);
            let inst = testkit::instance(&mut rng, |inst, rng| {
                for job in &mut inst.jobs {
                    job.mandatory = rng.random_bool(0.3);
                }
            });
            let model = Model::new(&inst);
            let mut plan = Plan::empty(&model);
            for j in 0..inst.jobs.len() {
                if rng.random_bool(0.5) {
                    let pos = plan.routes[0].jobs.len();
                    plan.insert(&model, j, 0, pos);
                }
            }
            let flagged = match verify(&inst, &plan.solution()) {
                Ok(_) => 0,
                Err(v) => v
                    .iter()
                    .filter(|v| matches!(v.breach, Breach::NotServed { .. }))
                    .count(),
            };
            assert_eq!(plan.score(&model).missing, flagged, "seed {seed}");
        }
    }
}
