//! The best insertion of each job into each route, remembered while the route stays the same.
//!
//! With many tours, recreate and refill ask for every unserved job in every route, but a ruin
//! changes only a few routes: keyed on the route's [`stamp`](Route::stamp), the answers for
//! the others come from here. One cache per search chain, shared by its candidate plans
//! (a clone keeps its routes' stamps). Answers are a function of the route and job alone, so
//! the cache never changes a plan, only how fast it is found.

use super::route::{Insertion, Model, Route};

/// The best insertion of a job into a route: by least added driving, and by least shift.
#[derive(Clone, Copy, Default)]
pub struct Best {
    pub by_added: Option<Insertion>,
    pub by_shift: Option<Insertion>,
}

pub struct Insertions {
    tours: usize,
    /// At `job * tours + tour`: the stamp of the route the answer is for (0: none yet), times
    /// two, plus one when the job fits. Scanned for every unserved job and route, so kept
    /// apart from the answers and small.
    keys: Vec<u64>,
    answers: Vec<Best>,
    /// The jobs that get fresh answers; the others only cached ones (none when the route
    /// changed). The search narrows it to the jobs near its ruin when there are many tours.
    pub focus: Vec<bool>,
}

impl Insertions {
    pub fn new(model: &Model) -> Self {
        let tours = model.inst.tours.len();
        let n = model.inst.jobs.len() * tours;
        Insertions {
            tours,
            keys: vec![0; n],
            answers: vec![Best::default(); n],
            focus: vec![true; model.inst.jobs.len()],
        }
    }

    /// The best insertions of `job` into `route` (none for a job out of focus unless cached).
    pub fn best(&mut self, model: &Model, route: &Route, job: usize) -> Best {
        if !model.allowed(job, route.tour) {
            return Best::default();
        }
        let at = job * self.tours + route.tour;
        let key = self.keys[at];
        if key >> 1 == route.stamp {
            return if key & 1 == 1 {
                self.answers[at]
            } else {
                Best::default()
            };
        }
        if !self.focus[job] {
            return Best::default();
        }
        let best = route.best_insertions(model, job);
        self.keys[at] = route.stamp << 1 | u64::from(best.by_added.is_some());
        self.answers[at] = best;
        best
    }

    /// Whether `job` is known not to fit `route` because it did not fit a version of it
    /// stamped at or after `since`, during which the route only gained visits. A visit more
    /// only delays a route (when travel times keep the triangle inequality), so a job that
    /// did not fit still does not.
    pub fn known_misfit(&self, route: &Route, job: usize, since: u64) -> bool {
        let key = self.keys[job * self.tours + route.tour];
        key >> 1 >= since && key & 1 == 0
    }
}

#[cfg(test)]
mod tests {
    use rand::{Rng, SeedableRng};
    use rand_pcg::Pcg64Mcg;

    use super::*;
    use crate::solve::rules::testkit;

    fn same(a: Option<Insertion>, b: Option<Insertion>) -> bool {
        match (a, b) {
            (None, None) => true,
            (Some(a), Some(b)) => a.pos == b.pos && a.added == b.added && a.shift == b.shift,
            _ => false,
        }
    }

    /// Routes that grow, shrink and come back as clones: the cache always answers what the
    /// route itself computes, and a job out of focus gets only cached answers.
    #[test]
    fn answers_follow_the_route() {
        for seed in 0..40 {
            let mut rng = Pcg64Mcg::seed_from_u64(seed);
            let inst = testkit::instance(&mut rng, |inst, rng| {
                for job in &mut inst.jobs {
                    let open = f64::from(rng.random_range(0..60));
                    job.windows[0] = crate::solve::instance::Window {
                        open,
                        close: open + f64::from(rng.random_range(5..80)),
                    };
                }
            });
            let model = Model::new(&inst);
            let mut cache = Insertions::new(&model);
            let mut route = Route::new(&model, 0, Vec::new());
            let mut earlier = route.clone();
            for _ in 0..30 {
                for j in 0..inst.jobs.len() {
                    let direct = route.best_insertions(&model, j);
                    let cached = cache.best(&model, &route, j);
                    assert!(same(direct.by_added, cached.by_added), "seed {seed}");
                    assert!(same(direct.by_shift, cached.by_shift), "seed {seed}");
                }
                let j = rng.random_range(0..inst.jobs.len());
                if rng.random_bool(0.2) {
                    std::mem::swap(&mut route, &mut earlier);
                } else if let Some(at) = route.jobs.iter().position(|&k| k == j) {
                    earlier = route.clone();
                    let mut jobs = route.jobs.clone();
                    jobs.remove(at);
                    route = Route::new(&model, 0, jobs);
                } else if let Some(ins) = route.best_insertions(&model, j).by_added {
                    earlier = route.clone();
                    route.insert(&model, j, ins.pos);
                }
            }
            let out = (0..inst.jobs.len()).find(|j| !route.jobs.contains(j));
            if let Some(j) = out {
                cache.focus[j] = false;
                let fresh = Route::new(&model, 0, route.jobs.clone());
                assert!(cache.best(&model, &fresh, j).by_added.is_none());
            }
        }
    }
}
