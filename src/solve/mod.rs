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
use serde::{Deserialize, Serialize};

/// Independent searches run side by side, each with its own seed; the best plan wins
/// (the first on a tie). The count is fixed, not the number of cores, so a seed and an
/// iteration budget give the same plan on any machine.
const CHAINS: u64 = 2;

pub use explain::{Reason, explain_unserved};
pub use instance::{Instance, Job, Matrix, Objective, Promise, Solution, Tour, Window};
pub use rules::shifts::latest_service_start;
pub use verify::{Breach, TourSchedule, VerifiedPlan, Violation, Visit, verify};

/// How long to search and with which random seed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SolveOptions {
    pub seed: u64,
    /// Wall-clock limit; `Some(0)` returns the construction result.
    pub time_limit: Option<Duration>,
    /// Iteration budget. When set, the result depends only on the seed and this budget
    /// (a time limit then only cuts the search short).
    pub iterations: Option<u64>,
    /// A plan to start from instead of building one (re-planning starts from the kept plan);
    /// what of it breaks a rule is left out.
    pub start: Option<Solution>,
}

/// How the search ended. A search cut short by the clock gives a plan that depends on the
/// machine's speed; one that ran its iteration budget depends only on the seed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stopped {
    /// No search: the construction was asked for (an iteration budget or time limit of 0).
    Construction,
    /// Every chain ran its iteration budget.
    Iterations,
    /// Some chain was stopped by the time limit.
    TimeLimit,
}

/// What the search did: how it ended and the iterations of the chain whose plan was kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchReport {
    pub stopped: Stopped,
    pub iterations: u64,
}

/// Plans routes for `instance`. Always returns a plan that keeps every rule; jobs that must
/// be served but cannot be are left out (see [`explain_unserved`]).
pub fn solve(instance: &Instance, options: &SolveOptions) -> Solution {
    solve_reporting(instance, options).0
}

/// [`solve`], saying how the search ended.
pub fn solve_reporting(instance: &Instance, options: &SolveOptions) -> (Solution, SearchReport) {
    let construction = SearchReport {
        stopped: Stopped::Construction,
        iterations: 0,
    };
    if !well_formed(instance) {
        // Nothing to plan safely; `verify` names what is wrong.
        let routes = vec![Vec::new(); instance.tours.len()];
        return (Solution { routes }, construction);
    }
    let budget = search::Budget::new(options.time_limit, options.iterations);
    let model = route::Model::new(instance);
    let first = match &options.start {
        Some(start) => construct::complete(&model, plan::Plan::from_solution(&model, start)),
        None => construct::construct(&model),
    };
    if options.time_limit == Some(Duration::ZERO) || options.iterations == Some(0) {
        return (first.solution(), construction);
    }
    let chains: Vec<(plan::Plan, u64)> = (0..CHAINS)
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
    let (best, iterations) = chains
        .iter()
        .min_by(|a, b| model.policy.cmp(&a.0.score(&model), &b.0.score(&model)))
        .expect("at least one chain");
    // Without a budget the search runs until the limit (or its default count, with none).
    let on_time = |&(_, it): &(plan::Plan, u64)| {
        options.time_limit.is_some() && options.iterations.is_none_or(|n| it < n)
    };
    let stopped = if chains.iter().any(on_time) {
        Stopped::TimeLimit
    } else {
        Stopped::Iterations
    };
    let report = SearchReport {
        stopped,
        iterations: *iterations,
    };
    (best.solution(), report)
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

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand_pcg::Pcg64Mcg;

    use super::*;

    fn options(start: Option<Solution>) -> SolveOptions {
        SolveOptions {
            seed: 1,
            time_limit: None,
            iterations: Some(200),
            start,
        }
    }

    /// One tour with room for one job only: a far, valuable job and a near, promised one.
    fn one_slot(promise: Promise) -> Instance {
        let mut rng = Pcg64Mcg::seed_from_u64(7);
        rules::testkit::instance(&mut rng, |inst, _| {
            inst.tours.truncate(1);
            inst.jobs.truncate(2);
            for job in &mut inst.jobs {
                job.service_fixed = 0.0;
                job.service_work = 600.0;
            }
            inst.tours[0].end = 900.0;
            inst.jobs[0].value = 100.0;
            inst.jobs[1].value = 1.0;
            inst.jobs[1].promise = promise;
        })
    }

    #[test]
    fn a_promise_is_kept_before_any_value() {
        let plain = solve(&one_slot(Promise::None), &options(None));
        assert_eq!(plain.routes, [vec![0]], "without the promise, value wins");
        let promised = one_slot(Promise::Requested);
        let solution = solve(&promised, &options(None));
        assert_eq!(
            solution.routes,
            [vec![1]],
            "the promised job is served first"
        );
        assert!(verify(&promised, &solution).is_ok());
        // A promised job that cannot be served does not make the plan fail.
        let mut hopeless = one_slot(Promise::Requested);
        hopeless.jobs[1].days = 0;
        let solution = solve(&hopeless, &options(None));
        assert!(verify(&hopeless, &solution).is_ok());
    }

    #[test]
    fn a_start_plan_is_kept_where_it_is_feasible_and_completed() {
        let mut rng = Pcg64Mcg::seed_from_u64(3);
        let inst = rules::testkit::instance(&mut rng, |_, _| {});
        let free = solve(&inst, &options(None));
        // Start from the free plan's routes swapped between the tours, plus a job twice and
        // one that does not exist: the duplicate and the unknown job are dropped.
        let mut start = Solution {
            routes: vec![free.routes[1].clone(), free.routes[0].clone()],
        };
        start.routes[0].push(99);
        if let Some(&j) = start.routes[1].first() {
            start.routes[0].push(j);
        }
        let zero = SolveOptions {
            iterations: Some(0),
            ..options(Some(start.clone()))
        };
        let kept = solve(&inst, &zero);
        assert!(verify(&inst, &kept).is_ok());
        for (t, route) in start.routes.iter().enumerate() {
            let expected: Vec<usize> = route
                .iter()
                .copied()
                .filter(|&j| j < inst.jobs.len())
                .filter(|j| !start.routes[..t].iter().flatten().any(|k| k == j))
                .collect();
            assert_eq!(kept.routes[t][..expected.len()], expected[..], "tour {t}");
        }
    }
}
