//! The optimizer against the independent verifier and a brute-force optimum, on random
//! small instances with windows, breaks, equipment, days, capacities and mandatory jobs.

mod common;

use common::random_instance::{Shape, random_instance};
use jempol::solve::{
    Instance, Objective, Reason, Solution, SolveOptions, explain_unserved, solve, verify,
};
use proptest::prelude::*;

fn options(seed: u64, iterations: u64) -> SolveOptions {
    SolveOptions {
        seed,
        time_limit: None,
        iterations: Some(iterations),
        start: None,
    }
}

/// (must-serve jobs missing, -value or tours used, travel): smaller is better.
/// `relaxed` is the instance without must-serve rules, so that a partial plan can be judged.
fn key(instance: &Instance, relaxed: &Instance, solution: &Solution) -> Option<(usize, f64, f64)> {
    let plan = verify(relaxed, solution).ok()?;
    let must = |j: usize| instance.jobs[j].mandatory || instance.objective == Objective::VisitAll;
    let missing = (0..instance.jobs.len())
        .filter(|&j| must(j) && !plan.served[j])
        .count();
    let second = match instance.objective {
        Objective::Prize => -plan.value,
        Objective::VisitAll => solution.routes.iter().filter(|r| !r.is_empty()).count() as f64,
    };
    Some((missing, second, plan.travel_time))
}

fn relax(instance: &Instance) -> Instance {
    let mut relaxed = instance.clone();
    relaxed.objective = Objective::Prize;
    for j in &mut relaxed.jobs {
        j.mandatory = false;
    }
    relaxed
}

fn better(a: (usize, f64, f64), b: (usize, f64, f64)) -> bool {
    (a.0, a.1) < (b.0, b.1) || (a.0, a.1) == (b.0, b.1) && a.2 < b.2 - 1e-9
}

/// The best plan by exhaustive search: tour by tour, every ordered choice of unused jobs.
/// A prefix that breaks a rule cannot be extended into a valid route (Euclidean times), so
/// it is cut.
fn brute_force(instance: &Instance) -> (usize, f64, f64) {
    fn go(
        inst: &Instance,
        relaxed: &Instance,
        routes: &mut Vec<Vec<usize>>,
        tour: usize,
        used: &mut Vec<bool>,
        best: &mut (usize, f64, f64),
    ) {
        let sol = Solution {
            routes: routes.clone(),
        };
        let Some(k) = key(inst, relaxed, &sol) else {
            return;
        };
        if better(k, *best) {
            *best = k;
        }
        for j in 0..inst.jobs.len() {
            if !used[j] {
                used[j] = true;
                routes[tour].push(j);
                go(inst, relaxed, routes, tour, used, best);
                routes[tour].pop();
                used[j] = false;
            }
        }
        if tour + 1 < inst.tours.len() {
            go(inst, relaxed, routes, tour + 1, used, best);
        }
    }
    let mut best = (usize::MAX, f64::INFINITY, f64::INFINITY);
    let mut routes = vec![Vec::new(); instance.tours.len()];
    go(
        instance,
        &relax(instance),
        &mut routes,
        0,
        &mut vec![false; instance.jobs.len()],
        &mut best,
    );
    best
}

fn shape(jobs: usize, tours: usize, visit_all: bool, mandatory: f64) -> Shape {
    let objective = if visit_all {
        Objective::VisitAll
    } else {
        Objective::Prize
    };
    Shape {
        jobs,
        tours,
        objective,
        mandatory,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    /// Every plan keeps every rule; the only complaints allowed are must-serve jobs the
    /// plan leaves out, and each of those has a reason.
    #[test]
    fn verifier_accepts_every_plan(seed: u64, jobs in 1usize..14, tours in 1usize..5, visit_all: bool, mandatory in 0.0f64..0.5) {
        let instance = random_instance(seed, &shape(jobs, tours, visit_all, mandatory));
        let solution = solve(&instance, &options(seed, 300));
        prop_assert_eq!(solution.routes.len(), instance.tours.len());
        if let Err(violations) = verify(&instance, &solution) {
            for v in &violations {
                prop_assert!(v.to_string().contains("must be served"), "{}", v);
                let job = v.job.expect("a job");
                let _reason: Reason = explain_unserved(&instance, job);
            }
        }
        prop_assert!(verify(&relax(&instance), &solution).is_ok());
    }

    /// On tiny instances the optimizer matches the exhaustive optimum.
    #[test]
    fn optimizer_matches_brute_force(seed: u64, jobs in 1usize..=7, tours in 1usize..=2, visit_all: bool, mandatory in 0.0f64..0.3) {
        let instance = random_instance(seed, &shape(jobs, tours, visit_all, mandatory));
        let best = brute_force(&instance);
        let got = key(&instance, &relax(&instance), &solve(&instance, &options(seed, 2000))).expect("a valid plan");
        prop_assert_eq!((got.0, got.1), (best.0, best.1));
        prop_assert!(got.2 <= best.2 + 1e-6 * best.2.max(1.0), "travel {} vs optimum {}", got.2, best.2);
    }
}

#[test]
fn same_seed_and_iterations_give_the_same_plan() {
    for (k, visit_all) in [(0u64, false), (1, true)] {
        let instance = random_instance(40 + k, &shape(40, 4, visit_all, 0.1));
        let a = solve(&instance, &options(9, 1500));
        let b = solve(&instance, &options(9, 1500));
        assert_eq!(a, b);
        assert!(a.routes.iter().any(|r| !r.is_empty()));
    }
}

#[test]
fn zero_time_limit_returns_the_construction() {
    let instance = random_instance(5, &shape(30, 3, false, 0.0));
    let zero = SolveOptions {
        seed: 1,
        time_limit: Some(std::time::Duration::ZERO),
        iterations: None,
        start: None,
    };
    let first = solve(&instance, &zero);
    assert!(verify(&instance, &first).is_ok());
    assert_eq!(first, solve(&instance, &zero));
}

#[test]
fn impossible_mandatory_job_is_left_out_and_explained() {
    let mut instance = random_instance(11, &shape(10, 2, false, 0.0));
    for tour in &mut instance.tours {
        tour.equipment = 0b01;
    }
    instance.jobs[3].mandatory = true;
    instance.jobs[3].requires = 0b10;
    instance.jobs[5].mandatory = true;
    instance.jobs[5].days = 1 << 9;
    let solution = solve(&instance, &options(1, 500));
    let violations = verify(&instance, &solution).expect_err("two mandatory jobs cannot be served");
    let mut jobs: Vec<usize> = violations.iter().filter_map(|v| v.job).collect();
    jobs.sort();
    assert_eq!(jobs, vec![3, 5]);
    assert_eq!(explain_unserved(&instance, 3), Reason::NoEquipment);
    assert_eq!(explain_unserved(&instance, 5), Reason::NoAllowedDay);
}

/// More tours than the search's granular threshold: new insertions are then computed only
/// near the ruin, and plans must still keep every rule and follow the seed alone.
#[test]
fn many_tours_stay_valid_and_deterministic() {
    for (seed, visit_all) in [(31u64, false), (32, true)] {
        let instance = random_instance(seed, &shape(150, 24, visit_all, 0.05));
        let a = solve(&instance, &options(seed, 300));
        assert!(verify(&relax(&instance), &a).is_ok());
        assert_eq!(a, solve(&instance, &options(seed, 300)));
        assert!(a.routes.iter().filter(|r| !r.is_empty()).count() > 1);
    }
}

#[test]
fn larger_instances_stay_valid() {
    for (seed, visit_all) in [(21u64, false), (22, true)] {
        let instance = random_instance(seed, &shape(120, 6, visit_all, 0.05));
        let solution = solve(&instance, &options(seed, 400));
        assert!(verify(&relax(&instance), &solution).is_ok());
        let violations = verify(&instance, &solution).err().unwrap_or_default();
        assert!(
            violations
                .iter()
                .all(|v| v.to_string().contains("must be served"))
        );
    }
}
