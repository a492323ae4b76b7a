//! The optimizer. It knows nothing of maps, only an [`Instance`] with a cost matrix.
//!
//! [`solve`] builds a greedy plan ([`construct`]) and improves it by ruin and recreate under
//! simulated annealing ([`search`]), polishing near-best plans by [`local_search`];
//! [`verify::verify`] checks any plan independently, and [`explain::explain_unserved`] says
//! why a job could not be served.
//!
//! Two seams keep those modules free of the problem's particulars:
//! - [`rules`]: one file per rule (time windows and opening days, shifts and breaks,
//!   equipment, driving limit, blank cards, mandatory jobs). Each gives the search its
//!   filter, insertion and route checks, and the verifier its own independent check and the
//!   reason a job is left out. The route model ([`route`]) caches the schedule that makes
//!   insertion checks constant time. A new rule is a new file there, registered in one list.
//! - [`policy`]: the objective (prize first, or every job and fewest tours first) as one
//!   object chosen once from [`Objective`]: how plans compare (a lexicographic key), what
//!   annealing trades, and which search strategies apply.

mod construct;
pub mod explain;
mod insertions;
pub mod instance;
mod local_search;
mod plan;
mod policy;
mod route;
mod rules;
mod search;
pub mod verify;

use std::time::Duration;

use rayon::prelude::*;

/// Independent searches run side by side, each with its own seed; the best plan wins
/// (the first on a tie). The count is fixed, not the number of cores, so a seed and an
/// iteration budget give the same plan on any machine.
const CHAINS: u64 = 2;

pub use explain::{Reason, explain_unserved};
pub use instance::{Instance, Job, Matrix, Objective, Solution, Tour, Window};
pub use verify::{TourSchedule, VerifiedPlan, Violation, Visit, verify};

/// How long to search and with which random seed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SolveOptions {
    pub seed: u64,
    /// Wall-clock limit; `Some(0)` returns the construction result.
    pub time_limit: Option<Duration>,
    /// Iteration budget. When set, the result depends only on the seed and this budget
    /// (a time limit then only cuts the search short).
    pub iterations: Option<u64>,
}

/// Plans routes for `instance`. Always returns a plan that keeps every rule; jobs that must
/// be served but cannot be are left out (see [`explain_unserved`]).
pub fn solve(instance: &Instance, options: &SolveOptions) -> Solution {
    if !well_formed(instance) {
        // Nothing to plan safely; `verify` names what is wrong.
        return Solution {
            routes: vec![Vec::new(); instance.tours.len()],
        };
    }
    let budget = search::Budget::new(options.time_limit, options.iterations);
    let model = route::Model::new(instance);
    let first = construct::construct(&model);
    if options.time_limit == Some(Duration::ZERO) || options.iterations == Some(0) {
        return first.solution();
    }
    let plans: Vec<plan::Plan> = (0..CHAINS)
        .into_par_iter()
        .map(|c| {
            search::improve(
                &model,
                first.clone(),
                options.seed ^ c.wrapping_mul(0x9E37_79B9_7F4A_7C15),
                &budget,
            )
        })
        .collect();
    let best = plans
        .iter()
        .min_by(|a, b| model.policy.cmp(&a.score(&model), &b.score(&model)))
        .expect("at least one chain");
    best.solution()
}

/// Whether every location indexes the matrices, so the search cannot panic.
fn well_formed(instance: &Instance) -> bool {
    let n = instance.time.len();
    instance.distance.len() == n
        && instance.jobs.iter().all(|j| j.location < n)
        && instance
            .tours
            .iter()
            .all(|t| t.start_location < n && t.end_location < n)
}
