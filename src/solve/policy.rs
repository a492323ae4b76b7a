//! What the search optimises, as one object chosen once per solve from the instance's
//! [`Objective`]: how two plans compare (a lexicographic [`Key`]), what annealing may trade,
//! and which of the search's strategies serve the objective. The construction, search and
//! local search ask the policy and never the objective.
//!
//! A new objective is one more [`Policy`] and one more arm in [`choose`]. The stability-first
//! objective of re-planning (commitments kept, then deadlines met, then value, then driving)
//! is a key of those terms, with the first two (after the jobs that must be served) as hard
//! terms that annealing never trades.

use std::cmp::Ordering;

use super::instance::{Instance, Job, Objective};
use super::plan::{Plan, Score};
use super::route::{Insertion, Model, Route};

/// Candidates within this fraction of the best plan's value (or travel) get local search.
const LOCAL_SEARCH_GAP: f64 = 0.005;

/// A plan's score as terms compared in turn, the first that differs deciding; smaller is
/// better.
#[derive(Clone, Copy, Debug)]
pub struct Key {
    terms: [f64; Key::MAX],
    len: usize,
}

impl Key {
    const MAX: usize = 6;

    pub fn new(terms: &[f64]) -> Self {
        let mut key = Key {
            terms: [0.0; Key::MAX],
            len: terms.len(),
        };
        key.terms[..terms.len()].copy_from_slice(terms);
        key
    }

    /// Compares the first `n` terms.
    pub fn cmp_first(&self, other: &Key, n: usize) -> Ordering {
        let n = n.min(self.len).min(other.len);
        self.terms[..n]
            .iter()
            .zip(&other.terms[..n])
            .map(|(a, b)| a.total_cmp(b))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
    }

    pub fn cmp(&self, other: &Key) -> Ordering {
        self.cmp_first(other, Key::MAX)
    }
}

/// The objective as the search sees it.
pub trait Policy: Sync {
    /// Whether every job must be served, not only the mandatory ones.
    fn serve_all(&self) -> bool;

    /// The lexicographic key of a score; its first term is always the jobs that must be
    /// served but are not.
    fn key(&self, s: &Score) -> Key;

    /// How many leading terms of the key annealing never trades: a candidate better or worse
    /// in them is accepted or refused outright.
    fn hard_terms(&self) -> usize;

    /// Annealing's change in cost from `old` to `new` when the hard terms tie.
    fn anneal_delta(&self, new: &Score, old: &Score) -> f64;

    /// Start and end temperature of annealing from `start`.
    fn temperatures(&self, start: &Plan, score: &Score) -> (f64, f64);

    /// Whether a candidate whose must-serve count ties the best plan's is close enough to it
    /// to be polished by local search.
    fn near(&self, new: &Score, best: &Score) -> bool;

    /// Route elimination first: empty the smallest route and recreate without it.
    fn minimise_fleet(&self) -> bool;

    /// A last phase annealing on travel alone with the best value as a floor.
    fn travel_phase(&self) -> bool;

    /// Some recreates insert greedily by value per time used.
    fn recreate_by_ratio(&self) -> bool;

    /// Recreate fills tours in use first and opens one only when nothing else fits.
    fn fills_used_tours_first(&self) -> bool;

    /// Local search also swaps unserved jobs for served ones worth less, and inserts more.
    fn refills(&self) -> bool;

    /// Whether the construction places a job where it uses the least time (else where it adds
    /// the least driving).
    fn places_by_time_used(&self) -> bool;

    /// The construction's rating of inserting `job` into `route`: (whether the route is
    /// already in use, rating), higher is better.
    fn rate(&self, model: &Model, route: &Route, job: usize, ins: Insertion) -> (bool, f64);

    /// Sort key of the recreate order "by value", smallest first.
    fn value_order(&self, job: &Job) -> f64;

    fn cmp(&self, a: &Score, b: &Score) -> Ordering {
        self.key(a).cmp(&self.key(b))
    }
}

/// The policy for `inst`'s objective.
pub fn choose(inst: &Instance) -> Box<dyn Policy> {
    match inst.objective {
        Objective::Prize => Box::new(Prize::new(inst)),
        Objective::VisitAll => Box::new(VisitAll),
    }
}

/// Maximise the value served, then minimise travel time.
struct Prize {
    /// Weight of travel time against value in annealing, small enough to only break ties.
    travel_weight: f64,
    /// Mean value of a job: the scale of the annealing temperature.
    scale: f64,
}

impl Prize {
    fn new(inst: &Instance) -> Self {
        let values: Vec<f64> = inst
            .jobs
            .iter()
            .map(|j| j.value)
            .filter(|&v| v > 0.0)
            .collect();
        let min_value = values.iter().copied().fold(f64::INFINITY, f64::min);
        let mean_value = values.iter().sum::<f64>() / values.len().max(1) as f64;
        let horizon: f64 = inst
            .tours
            .iter()
            .map(|t| (t.end - t.start).abs())
            .sum::<f64>()
            .max(1.0);
        Prize {
            travel_weight: if values.is_empty() {
                1.0
            } else {
                1e-3 * min_value / horizon
            },
            scale: mean_value.max(1e-9),
        }
    }
}

impl Policy for Prize {
    fn serve_all(&self) -> bool {
        false
    }

    fn key(&self, s: &Score) -> Key {
        Key::new(&[
            s.missing as f64,
            s.broken as f64,
            s.missed as f64,
            -s.value,
            s.travel,
        ])
    }

    fn hard_terms(&self) -> usize {
        3
    }

    fn anneal_delta(&self, new: &Score, old: &Score) -> f64 {
        (old.value - new.value) + self.travel_weight * (new.travel - old.travel)
    }

    fn temperatures(&self, _start: &Plan, _score: &Score) -> (f64, f64) {
        (3.0 * self.scale, 0.1 * self.scale)
    }

    fn near(&self, new: &Score, best: &Score) -> bool {
        new.value >= best.value * (1.0 - LOCAL_SEARCH_GAP)
    }

    fn minimise_fleet(&self) -> bool {
        false
    }

    fn travel_phase(&self) -> bool {
        true
    }

    fn recreate_by_ratio(&self) -> bool {
        true
    }

    fn fills_used_tours_first(&self) -> bool {
        false
    }

    fn refills(&self) -> bool {
        true
    }

    fn places_by_time_used(&self) -> bool {
        true
    }

    /// Value² per time used (the shift of the next visit: driving, waiting and service).
    fn rate(&self, model: &Model, _route: &Route, job: usize, ins: Insertion) -> (bool, f64) {
        let v = model.inst.jobs[job].value.max(0.0);
        (true, v * v / (ins.shift + 1e-9))
    }

    fn value_order(&self, job: &Job) -> f64 {
        -job.value
    }
}

/// Serve every job; minimise tours used, then travel time (VRPTW).
struct VisitAll;

impl Policy for VisitAll {
    fn serve_all(&self) -> bool {
        true
    }

    fn key(&self, s: &Score) -> Key {
        Key::new(&[s.missing as f64, s.tours as f64, s.travel])
    }

    fn hard_terms(&self) -> usize {
        2
    }

    fn anneal_delta(&self, new: &Score, old: &Score) -> f64 {
        new.travel - old.travel
    }

    /// Scaled from the mean leg of the plan annealing starts from.
    fn temperatures(&self, start: &Plan, score: &Score) -> (f64, f64) {
        let legs = start.served_count() + score.tours;
        let scale = if legs > 0 {
            (score.travel / legs as f64).max(1e-9)
        } else {
            1.0
        };
        (1.0 * scale, 0.01 * scale)
    }

    fn near(&self, new: &Score, best: &Score) -> bool {
        new.tours <= best.tours && new.travel <= best.travel * (1.0 + LOCAL_SEARCH_GAP)
    }

    fn minimise_fleet(&self) -> bool {
        true
    }

    fn travel_phase(&self) -> bool {
        false
    }

    fn recreate_by_ratio(&self) -> bool {
        false
    }

    fn fills_used_tours_first(&self) -> bool {
        true
    }

    fn refills(&self) -> bool {
        false
    }

    fn places_by_time_used(&self) -> bool {
        false
    }

    /// The least added driving into a tour in use; opening a tour, the farthest job first.
    fn rate(&self, model: &Model, route: &Route, job: usize, ins: Insertion) -> (bool, f64) {
        let inst = model.inst;
        if route.jobs.is_empty() {
            let from = inst.tours[route.tour].start_location;
            (false, inst.time.get(from, inst.jobs[job].location))
        } else {
            (true, -ins.added)
        }
    }

    fn value_order(&self, job: &Job) -> f64 {
        -job.load
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(missing: usize, tours: usize, value: f64, travel: f64) -> Score {
        Score {
            missing,
            broken: 0,
            missed: 0,
            tours,
            value,
            travel,
        }
    }

    #[test]
    fn keys_order_plans_lexicographically() {
        let prize = Prize {
            travel_weight: 1e-3,
            scale: 1.0,
        };
        let better = |p: &dyn Policy, a, b| p.cmp(&a, &b) == Ordering::Less;
        // Prize: fewer missing, then more value, then less travel; tours do not count.
        assert!(better(
            &prize,
            score(0, 9, 1.0, 99.0),
            score(1, 1, 50.0, 1.0)
        ));
        assert!(better(
            &prize,
            score(0, 9, 2.0, 99.0),
            score(0, 1, 1.0, 1.0)
        ));
        assert!(better(&prize, score(0, 9, 2.0, 1.0), score(0, 1, 2.0, 2.0)));
        // VisitAll: fewer missing, then fewer tours, then less travel; value does not count.
        assert!(better(
            &VisitAll,
            score(0, 3, 0.0, 99.0),
            score(1, 1, 9.0, 1.0)
        ));
        assert!(better(
            &VisitAll,
            score(0, 1, 0.0, 99.0),
            score(0, 2, 9.0, 1.0)
        ));
        assert!(better(
            &VisitAll,
            score(0, 2, 0.0, 1.0),
            score(0, 2, 9.0, 2.0)
        ));
        // Prize keeps promises before it weighs value: one broken promise loses to any value.
        let broken = Score {
            broken: 1,
            ..score(0, 1, 1000.0, 1.0)
        };
        assert!(better(&prize, score(0, 1, 1.0, 99.0), broken));
        // Hard terms: VisitAll never trades a tour for travel, Prize decides on missing jobs
        // and broken promises alone.
        let (a, b) = (score(0, 2, 5.0, 1.0), score(0, 3, 1.0, 9.0));
        assert!(VisitAll.key(&a).cmp_first(&VisitAll.key(&b), 2).is_lt());
        assert!(prize.key(&a).cmp_first(&prize.key(&b), 3).is_eq());
        assert!(prize.key(&a).cmp_first(&prize.key(&broken), 3).is_lt());
        // An announced visit kept beats a request served.
        let missed = Score {
            missed: 1,
            ..score(0, 1, 1.0, 1.0)
        };
        assert!(better(&prize, missed, broken));
    }
}
