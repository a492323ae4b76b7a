//! The rules every plan keeps, one file each, in the spirit of vrp-core's `Feature`: a rule
//! is a zero-sized type with two halves that share no code.
//!
//! - The search's half, [`Rule`], answers in the order the search meets a candidate: may the
//!   job ever go on this tour ([`Rule::allows`], tabled once per job and tour in
//!   [`Model`]); may this route take these jobs at all ([`Rule::admits`], before any position
//!   is tried); which positions are worth trying ([`Rule::positions`]); may it drive this much
//!   more ([`Rule::fits`], per position, constant time); and, after
//!   [`Route::update`](super::route::Route::update) recomputed a route, does the route keep
//!   the rule ([`Rule::keeps`], the authority every built route passes). The quick checks
//!   together with the clock (below) must be exact for one insertion: what they let through,
//!   `keeps` accepts.
//! - The verifier's half, [`Check`], looks at a tour the verifier recomputed from scratch:
//!   each visit, each tour's totals, each job over the whole plan; and it names the
//!   [`Reason`] a job is left out, for [`explain_unserved`](super::explain::explain_unserved).
//!
//! The search, the local search, the route model and the verifier reach the rules through
//! the functions generated here from the one list in `registry!`; static dispatch, so the
//! insertion hot path stays as fast as checks written inline.
//!
//! Time is the one resource two rules share: [`windows`] (when a job may start) and
//! [`shifts`] (when a tour runs, and its breaks) each provide their pieces of the clock,
//! twice: for the search (feeding the cached earliest departures and latest arrivals that
//! make an insertion's time check O(1), Savelsbergh's forward time slack) and, written
//! apart, for the verifier. Only these two modules' clock functions are called by name, by
//! the schedule propagation in the route model, local search's time test and the verifier.
//!
//! # Adding a rule
//!
//! One new file here, implementing [`Rule`] and [`Check`] (every method defaults to "no
//! objection"), one line in `registry!`, the rule's fields on `Job` or `Tour`, and a
//! [`Reason`] variant if it has its own. The search and local search need no edit. The two
//! announced next:
//!
//! - **Deadlines** (a job served on or before a day): `allows` is `tour.day <= deadline`;
//!   `Check::visit` flags a visit on a later day; `keeps_off` gives a new
//!   `Reason::AfterDeadline`. Nothing per position: it is a filter, like opening days.
//! - **Commitments** (a visit pinned to a van, date and start time ± tolerance): `allows`
//!   keeps only the pinned van and day; the pinned start becomes the job's window `[time −
//!   tolerance, time + tolerance]` when the instance is built, so the clock keeps it with no
//!   new time code; `Check::visit` flags another van or day or a start outside the
//!   tolerance, and `keeps_off` names the reason.
//!
//! Re-planning scores both softly ("commitments kept, then deadlines met, then value"): then
//! the filter gives way to a count. That takes, once, a `Rule` hook counting what a route
//! keeps (cached in `Route` like its value) and a field of [`Score`](super::plan::Score)
//! that the re-planning policy puts first in its key (see [`policy`](super::policy)).

mod capacity;
mod driving_limit;
mod equipment;
mod mandatory;
mod pinned;
pub mod shifts;
pub mod windows;

use std::ops::Range;

use super::explain::Reason;
use super::instance::{Instance, Job, Tour};
use super::route::{Model, Route};
use super::verify::{Breach, TourSchedule};

/// The search's half of a rule. Every check defaults to letting everything through.
pub trait Rule {
    /// Whether `job` may ever go on `tour`, whatever else the tour serves.
    fn allows(_job: &Job, _tour: &Tour) -> bool {
        true
    }

    /// Whether `job` must be in every plan.
    fn must_serve(_job: &Job) -> bool {
        false
    }

    /// Whether `route` may take the jobs `entering` and give up `leaving` (already on it),
    /// before any position or time is looked at.
    fn admits(_model: &Model, _route: &Route, _entering: &[usize], _leaving: &[usize]) -> bool {
        true
    }

    /// The positions `pos` (`job` goes after node `pos`) worth trying; a necessary condition,
    /// so it must never leave out a feasible one.
    fn positions(_model: &Model, _route: &Route, _job: usize) -> Range<usize> {
        0..usize::MAX
    }

    /// Whether `route` may drive `added` more (per candidate position, constant time).
    fn fits(_model: &Model, _route: &Route, _added: f64) -> bool {
        true
    }

    /// Whether `route`, its schedule just recomputed, keeps the rule.
    fn keeps(_model: &Model, _route: &Route) -> bool {
        true
    }
}

/// One visit as the verifier recomputed it.
pub struct Served<'a> {
    pub job: &'a Job,
    pub arrive: f64,
    /// `None` when no start is allowed at or after `arrive`.
    pub start: Option<f64>,
    pub service: f64,
}

/// The verifier's half of a rule: its own code, from the instance alone. Problems are pushed
/// as [`Breach`]es; the verifier adds the tour and job they concern.
pub trait Check {
    /// Problems with one visit on `tour`.
    fn visit(_tour: &Tour, _visit: &Served, _problems: &mut Vec<Breach>) {}

    /// Problems with a whole tour.
    fn tour(_tour: &Tour, _schedule: &TourSchedule, _problems: &mut Vec<Breach>) {}

    /// Problems with a job over the whole plan, which serves it `times` times.
    fn job(_inst: &Instance, _job: &Job, _times: usize, _problems: &mut Vec<Breach>) {}

    /// Why the rule keeps `job` off `tour` whatever else the tour serves.
    fn keeps_off(_job: &Job, _tour: &Tour) -> Option<Reason> {
        None
    }

    /// Why `job` alone on `tour` breaks the rule, when a glance tells (before the verifier
    /// replays the tour).
    fn alone(_inst: &Instance, _job: &Job, _tour: &Tour) -> Option<Reason> {
        None
    }
}

/// Generates, from the list of rules, the functions the solver calls: each asks every rule
/// in turn (cheapest first where the search checks; the verifier lists problems in this
/// order).
macro_rules! registry {
    ($($rule:ty),+ $(,)?) => {
        #[inline]
        pub fn allows(job: &Job, tour: &Tour) -> bool {
            $(<$rule as Rule>::allows(job, tour))&&+
        }

        #[inline]
        pub fn must_serve(job: &Job) -> bool {
            $(<$rule as Rule>::must_serve(job))||+
        }

        #[inline]
        pub fn admits(model: &Model, route: &Route, entering: &[usize], leaving: &[usize]) -> bool {
            $(<$rule as Rule>::admits(model, route, entering, leaving))&&+
        }

        /// The positions every rule leaves, within the route's `0..=n`.
        #[inline]
        pub fn positions(model: &Model, route: &Route, job: usize) -> Range<usize> {
            let mut range = 0..route.jobs.len() + 1;
            $(
                let r = <$rule as Rule>::positions(model, route, job);
                range = range.start.max(r.start)..range.end.min(r.end);
            )+
            range
        }

        #[inline]
        pub fn fits(model: &Model, route: &Route, added: f64) -> bool {
            $(<$rule as Rule>::fits(model, route, added))&&+
        }

        #[inline]
        pub fn keeps(model: &Model, route: &Route) -> bool {
            $(<$rule as Rule>::keeps(model, route))&&+
        }

        pub fn check_visit(tour: &Tour, visit: &Served, problems: &mut Vec<Breach>) {
            $(<$rule as Check>::visit(tour, visit, problems);)+
        }

        pub fn check_tour(tour: &Tour, schedule: &TourSchedule, problems: &mut Vec<Breach>) {
            $(<$rule as Check>::tour(tour, schedule, problems);)+
        }

        pub fn check_job(inst: &Instance, job: &Job, times: usize, problems: &mut Vec<Breach>) {
            $(<$rule as Check>::job(inst, job, times, problems);)+
        }

        /// Every rule's reason for keeping `job` off `tour`, in registry order.
        pub fn keeps_off(job: &Job, tour: &Tour) -> Vec<Reason> {
            [$(<$rule as Check>::keeps_off(job, tour)),+].into_iter().flatten().collect()
        }

        /// The reason closest to possible (the least) among the rules `job` alone breaks.
        pub fn alone(inst: &Instance, job: &Job, tour: &Tour) -> Option<Reason> {
            [$(<$rule as Check>::alone(inst, job, tour)),+].into_iter().flatten().min()
        }
    };
}

registry!(
    equipment::Equipment,
    pinned::Pinned,
    windows::Windows,
    shifts::Shifts,
    capacity::Capacity,
    driving_limit::DrivingLimit,
    mandatory::Mandatory,
);

/// Random small instances on which each rule's two halves must agree (they are independent
/// implementations): every insertion the search accepts or rejects, and every route.
#[cfg(test)]
pub(super) mod testkit {
    use rand::seq::SliceRandom;
    use rand::{Rng, SeedableRng};
    use rand_pcg::Pcg64Mcg;

    use super::{admits, positions};
    use crate::solve::instance::{Instance, Job, Matrix, Objective, Tour, Window};
    use crate::solve::route::{Model, Route};
    use crate::solve::verify::tour_violations;

    /// Seven jobs on a 20 x 20 grid, two tours, integer data (so that the two halves'
    /// different tolerances never matter) and every rule loose; `tighten` then makes the
    /// rule under test bind.
    pub fn instance(
        rng: &mut Pcg64Mcg,
        tighten: impl Fn(&mut Instance, &mut Pcg64Mcg),
    ) -> Instance {
        let points: Vec<(i32, i32)> = (0..8)
            .map(|_| (rng.random_range(0..20), rng.random_range(0..20)))
            .collect();
        let m = Matrix::from_fn(points.len(), |a, b| {
            f64::from((points[a].0 - points[b].0).abs() + (points[a].1 - points[b].1).abs())
        });
        let jobs = (1..points.len())
            .map(|l| Job {
                name: format!("J{l}"),
                location: l,
                value: f64::from(rng.random_range(1..10)),
                service_fixed: f64::from(rng.random_range(0..5)),
                service_work: f64::from(rng.random_range(0..10)),
                windows: vec![Window {
                    open: 0.0,
                    close: 1000.0,
                }],
                finish_by_close: false,
                days: u64::MAX,
                requires: 0,
                load: 0.0,
                mandatory: false,
                promise: Default::default(),
                van: None,
            })
            .collect();
        let tours = (0..2)
            .map(|day| Tour {
                van: 0,
                day,
                start_location: 0,
                end_location: 0,
                start: 0.0,
                end: 1000.0,
                breaks: vec![],
                equipment: 0,
                sets: rng.random_range(1..=2),
                capacity: 1e9,
                max_drive: 1e9,
            })
            .collect();
        let mut inst = Instance {
            time: m.clone(),
            distance: m,
            jobs,
            tours,
            objective: Objective::Prize,
        };
        tighten(&mut inst, rng);
        inst
    }

    /// Over `cases` random instances: a random route built by the search's insertions, then
    /// every other job at every position, asked of the search and of the verifier; and random
    /// job lists as whole routes.
    pub fn agree(cases: u64, tighten: impl Fn(&mut Instance, &mut Pcg64Mcg)) {
        let (mut accepted, mut rejected) = (0, 0);
        for seed in 0..cases {
            let mut rng = Pcg64Mcg::seed_from_u64(seed);
            let inst = instance(&mut rng, &tighten);
            let model = Model::new(&inst);
            for t in 0..inst.tours.len() {
                let mut order: Vec<usize> = (0..inst.jobs.len()).collect();
                order.shuffle(&mut rng);
                let mut route = Route::new(&model, t, Vec::new());
                for &j in &order {
                    if rng.random_bool(0.6)
                        && let Some(ins) = route.best_insertion(&model, j, false, || false)
                    {
                        route.insert(&model, j, ins.pos);
                        assert!(route.feasible, "seed {seed}: {:?}", route.jobs);
                    }
                }
                for j in (0..inst.jobs.len()).filter(|j| !route.jobs.contains(j)) {
                    for pos in 0..=route.jobs.len() {
                        let search = model.allowed(j, t)
                            && admits(&model, &route, &[j], &[])
                            && positions(&model, &route, j).contains(&pos)
                            && route.insertion_cost(&model, j, pos).is_some();
                        let mut jobs = route.jobs.clone();
                        jobs.insert(pos, j);
                        let verifier = tour_violations(&inst, t, &jobs);
                        assert_eq!(
                            search,
                            verifier.is_empty(),
                            "seed {seed}, tour {t}: job {j} at {pos} of {:?}: {verifier:?}",
                            route.jobs
                        );
                        if search {
                            accepted += 1;
                        } else {
                            rejected += 1;
                        }
                    }
                }
                for _ in 0..5 {
                    order.shuffle(&mut rng);
                    let jobs = order[..rng.random_range(1..=order.len())].to_vec();
                    let search = jobs.iter().all(|&j| model.allowed(j, t))
                        && Route::new(&model, t, jobs.clone()).feasible;
                    let verifier = tour_violations(&inst, t, &jobs);
                    assert_eq!(
                        search,
                        verifier.is_empty(),
                        "seed {seed}, tour {t}: route {jobs:?}: {verifier:?}"
                    );
                }
            }
        }
        // Both verdicts must occur, or the rule was never put to the test.
        assert!(
            accepted > 0 && rejected > 0,
            "{accepted} accepted, {rejected} rejected"
        );
    }
}
