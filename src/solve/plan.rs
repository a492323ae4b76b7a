//! A working plan in the search: one route per tour, which route serves each job, and what
//! it achieves.

use super::instance::{Promise, Solution};
use super::route::{Model, Route};

const UNSERVED: usize = usize::MAX;

#[derive(Clone, Debug)]
pub struct Plan {
    pub routes: Vec<Route>,
    /// Route index serving each job, or `UNSERVED`.
    route_of: Vec<usize>,
}

/// What a plan achieves; the [`Policy`](super::policy::Policy) orders scores.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Score {
    /// Jobs that must be served but are not.
    pub missing: usize,
    /// Announced visits not kept.
    pub broken: usize,
    /// Requests not served (by their deadline).
    pub missed: usize,
    /// Tours used.
    pub tours: usize,
    pub value: f64,
    pub travel: f64,
}

impl Plan {
    pub fn empty(model: &Model) -> Self {
        Plan {
            routes: (0..model.inst.tours.len())
                .map(|t| Route::new(model, t, Vec::new()))
                .collect(),
            route_of: vec![UNSERVED; model.inst.jobs.len()],
        }
    }

    /// The plan serving `solution`'s routes, each kept only as far as it stays feasible
    /// (a job that would break its route, or that an earlier route serves, is left out).
    pub fn from_solution(model: &Model, solution: &Solution) -> Self {
        let mut plan = Plan::empty(model);
        let jobs = model.inst.jobs.len();
        for (t, route) in solution.routes.iter().enumerate().take(plan.routes.len()) {
            for &j in route {
                if j >= jobs || plan.is_served(j) || !model.allowed(j, t) {
                    continue;
                }
                let pos = plan.routes[t].jobs.len();
                let mut candidate = plan.routes[t].clone();
                candidate.insert(model, j, pos);
                if candidate.feasible {
                    plan.put_route(t, candidate);
                }
            }
        }
        plan
    }

    pub fn is_served(&self, job: usize) -> bool {
        self.route_of[job] != UNSERVED
    }

    pub fn route_of(&self, job: usize) -> Option<usize> {
        (self.route_of[job] != UNSERVED).then_some(self.route_of[job])
    }

    pub fn unserved(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.route_of.len()).filter(|&j| self.route_of[j] == UNSERVED)
    }

    pub fn served_count(&self) -> usize {
        self.route_of.iter().filter(|&&r| r != UNSERVED).count()
    }

    pub fn insert(&mut self, model: &Model, job: usize, route: usize, pos: usize) {
        debug_assert_eq!(self.route_of[job], UNSERVED);
        self.routes[route].insert(model, job, pos);
        debug_assert!(
            self.routes[route].feasible,
            "infeasible insertion of {job} at {pos}"
        );
        self.route_of[job] = route;
    }

    /// Removes `len` consecutive jobs starting at index `from` of `route`.
    pub fn remove_string(&mut self, model: &Model, route: usize, from: usize, len: usize) {
        let r = &mut self.routes[route];
        for j in r.jobs.drain(from..from + len) {
            self.route_of[j] = UNSERVED;
        }
        r.update(model);
    }

    /// Removes `job` (which must be served).
    pub fn remove(&mut self, model: &Model, job: usize) {
        let route = self.route_of[job];
        let pos = self.routes[route]
            .jobs
            .iter()
            .position(|&j| j == job)
            .expect("served job");
        self.remove_string(model, route, pos, 1);
    }

    /// Replaces a route's job list (already known to be feasible).
    pub fn set_route(&mut self, model: &Model, route: usize, jobs: Vec<usize>) {
        for &j in &self.routes[route].jobs {
            self.route_of[j] = UNSERVED;
        }
        for &j in &jobs {
            self.route_of[j] = route;
        }
        self.routes[route].jobs = jobs;
        self.routes[route].update(model);
    }

    /// Replaces a route by one already built (and checked) for the same tour.
    pub fn put_route(&mut self, route: usize, new: Route) {
        debug_assert_eq!(new.tour, self.routes[route].tour);
        // A job may already belong to another route replaced just before.
        for &j in &self.routes[route].jobs {
            if self.route_of[j] == route {
                self.route_of[j] = UNSERVED;
            }
        }
        for &j in &new.jobs {
            self.route_of[j] = route;
        }
        self.routes[route] = new;
    }

    pub fn score(&self, model: &Model) -> Score {
        let missing = self
            .route_of
            .iter()
            .zip(&model.must)
            .filter(|&(&r, &must)| must && r == UNSERVED)
            .count();
        let unserved = |promise: Promise| {
            self.route_of
                .iter()
                .zip(&model.inst.jobs)
                .filter(|&(&r, job)| job.promise == promise && r == UNSERVED)
                .count()
        };
        Score {
            missing,
            broken: unserved(Promise::Announced),
            missed: unserved(Promise::Requested),
            tours: self.routes.iter().filter(|r| !r.jobs.is_empty()).count(),
            value: self.routes.iter().map(|r| r.value).sum(),
            travel: self.routes.iter().map(|r| r.drive).sum(),
        }
    }

    pub fn solution(&self) -> Solution {
        Solution {
            routes: self.routes.iter().map(|r| r.jobs.clone()).collect(),
        }
    }
}
