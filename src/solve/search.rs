//! The metaheuristic: ruin and recreate (SISR, Christiaens & Vanden Berghe 2020) under
//! simulated annealing.
//!
//! Each iteration removes a few strings of consecutive visits from routes near a random job
//! (or random visits), then reinserts removed and unserved jobs one by one at their cheapest
//! feasible place, in one of several orders, skipping a few places at random ("blinks").
//! For Prize, half the recreates instead insert greedily by value² per time used.
//! String removal plus reinsertion covers relocate, or-opt and cross-exchange moves across
//! tours and days; candidates close to the best plan are then polished by local search
//! (relocate, or-opt, swap, 2-opt*, and for Prize replace and insert; see [`local_search`]),
//! and those that beat the best plan also by cross-exchange.
//! Acceptance is lexicographic on the policy's hard terms (jobs that must be served and, for
//! VisitAll, tours used), then simulated annealing on the rest (value and travel time). For
//! Prize, travel weighs too little there to ever trade for less driving, so the policy's
//! travel phase anneals the last [`TRAVEL_SHARE`] of the budget on travel alone from the
//! best plan, never accepting less than its value. When the best plan has not improved for
//! [`RESTART_SHARE`] of the annealing, the search goes back to it (a restart on stagnation).
//!
//! Recreate and refill ask where every unserved job fits in every route; the answers are
//! cached per route version ([`Insertions`]), so a ruin costs what it changed. With many tours
//! (more than [`GRANULAR_TOURS`]) a changed route is tried only for the jobs near the ruin
//! ([`Search::focus`]), which keeps an iteration's work independent of the fleet's size.
//!
//! Under fleet minimisation (VisitAll), up to [`FLEET_SHARE`] of the budget goes to route
//! elimination first: empty the smallest route, forbid new tours, and ruin-and-recreate
//! until every job is back, keeping a count of how often each job was left out (absences)
//! to steer acceptance. Every objective-specific choice is the [`Policy`]'s.

use std::time::{Duration, Instant};

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;

use super::construct::worth_serving;
use super::insertions::{Best, Insertions};
use super::local_search::{local_search, quick_local_search};
use super::plan::{Plan, Score};
use super::policy::Policy;
use super::route::{Insertion, Model, next_stamp};

/// Share of the budget fleet minimisation may spend removing tours.
const FLEET_SHARE: f64 = 0.4;
/// Average number of jobs a SISR ruin removes.
const AVG_REMOVED: f64 = 10.0;
/// Longest string SISR removes.
const MAX_STRING: f64 = 10.0;
/// Probability of passing over a route's best insertion for a job (SISR's blinks, per route
/// rather than per position, so that answers can be cached).
const BLINK: f64 = 0.01;
/// Share of recreates that insert by value per time rather than in a fixed order, when the
/// policy recreates by ratio.
const RATIO_SHARE: f64 = 0.5;
/// How many of a job's nearest jobs count as near it (see [`Search::focus`]).
const NEAR: usize = 20;
/// Above this many tours, new answers are computed only for jobs near the ruin.
const GRANULAR_TOURS: usize = 16;
/// Share of ruins that remove random visits rather than strings.
const RANDOM_RUIN: f64 = 0.2;
/// The travel phase: final share of the budget that anneals on travel alone, never below
/// the best value found (the value term's weight is too small to trade for less driving
/// otherwise).
const TRAVEL_SHARE: f64 = 0.12;
/// Share of the annealing phase without a new best plan after which the current plan goes
/// back to the best one. Chosen on the tuning half (benches/halves.py): 0.05, 0.1 and 0.2 all
/// helped there, 0.2 most (benches/README.md, issue 17).
const RESTART_SHARE: f64 = 0.2;
/// Iterations when neither a time limit nor an iteration count is given.
const DEFAULT_ITERATIONS: u64 = 20_000;

/// When to stop and how far along the search is.
pub struct Budget {
    start: Instant,
    limit: Option<Duration>,
    iterations: u64,
    by_iterations: bool,
}

impl Budget {
    pub fn new(limit: Option<Duration>, iterations: Option<u64>) -> Self {
        Budget {
            start: Instant::now(),
            limit,
            iterations: iterations.unwrap_or(if limit.is_some() {
                u64::MAX
            } else {
                DEFAULT_ITERATIONS
            }),
            by_iterations: iterations.is_some() || limit.is_none(),
        }
    }

    fn done(&self, it: u64) -> bool {
        it >= self.iterations || self.limit.is_some_and(|l| self.start.elapsed() >= l)
    }

    /// Fraction of the budget used, in `[0, 1]`. Iteration counts rule when given, so a
    /// seeded run with an iteration budget does not depend on the clock.
    fn progress(&self, it: u64) -> f64 {
        if self.by_iterations {
            it as f64 / self.iterations as f64
        } else {
            let l = self.limit.expect("a time limit").as_secs_f64().max(1e-9);
            (self.start.elapsed().as_secs_f64() / l).min(1.0)
        }
    }
}

/// Improves `initial` until the budget runs out and returns the best plan seen, with the
/// iterations run.
pub fn improve(model: &Model, initial: Plan, seed: u64, budget: &Budget) -> (Plan, u64) {
    let mut search = Search::new(model, seed);
    let mut it = 0;
    let mut best = initial;
    let mut phase_start = 0.0;
    if model.policy.minimise_fleet() {
        best = search.eliminate_tours(best, budget, &mut it);
        phase_start = budget.progress(it);
    }
    let best = search.anneal(best, budget, &mut it, phase_start);
    (best, it)
}

struct Search<'m, 'a> {
    model: &'m Model<'a>,
    policy: &'m dyn Policy,
    rng: Pcg64Mcg,
    /// Route elimination: how often each job was left out.
    absences: Vec<u64>,
    insertions: Insertions,
}

/// Temperatures of the travel phase, scaled from the mean leg of the best plan.
#[derive(Clone, Copy)]
struct Phase {
    t0: f64,
    t1: f64,
}

impl Phase {
    fn travel(best: &Plan, score: &Score) -> Self {
        let legs = best.served_count() + score.tours;
        let leg = if legs > 0 {
            (score.travel / legs as f64).max(1e-9)
        } else {
            1.0
        };
        Phase {
            t0: 1.0 * leg,
            t1: 0.01 * leg,
        }
    }
}

/// What a ruin removed (jobs), and from where (routes).
#[derive(Default)]
struct Ruin {
    jobs: Vec<usize>,
    routes: Vec<usize>,
}

enum Order {
    Random,
    Value,
    Far,
    Close,
    TightWindow,
}

impl<'m, 'a> Search<'m, 'a> {
    fn new(model: &'m Model<'a>, seed: u64) -> Self {
        Search {
            model,
            policy: model.policy.as_ref(),
            rng: Pcg64Mcg::seed_from_u64(seed),
            absences: vec![0; model.inst.jobs.len()],
            insertions: Insertions::new(model),
        }
    }

    /// Simulated annealing from `current` over the rest of the budget.
    fn anneal(
        &mut self,
        mut current: Plan,
        budget: &Budget,
        it: &mut u64,
        phase_start: f64,
    ) -> Plan {
        let mut current_score = current.score(self.model);
        let (t0, t1) = self.policy.temperatures(&current, &current_score);
        let mut best = current.clone();
        let mut best_score = current_score;
        // The travel phase: the best value is a floor, travel time is annealed.
        let mut travel_phase: Option<Phase> = None;
        // Where in the phase the best plan last improved, or the search last went back to it.
        let mut last_best = 0.0;
        while !budget.done(*it) {
            let p = ((budget.progress(*it) - phase_start) / (1.0 - phase_start).max(1e-9))
                .clamp(0.0, 1.0);
            if travel_phase.is_none() && p - last_best >= RESTART_SHARE {
                current = best.clone();
                current_score = best_score;
                last_best = p;
            }
            let mut temperature = t0 * (t1 / t0).powf(p);
            if self.policy.travel_phase() && p >= 1.0 - TRAVEL_SHARE {
                let phase = *travel_phase.get_or_insert_with(|| {
                    current = best.clone();
                    current_score = best_score;
                    Phase::travel(&best, &best_score)
                });
                let q = ((p - (1.0 - TRAVEL_SHARE)) / TRAVEL_SHARE).clamp(0.0, 1.0);
                temperature = phase.t0 * (phase.t1 / phase.t0).powf(q);
            }
            *it += 1;

            let mut candidate = current.clone();
            let ruin = self.ruin(&mut candidate);
            self.recreate(&mut candidate, true, &ruin);
            let mut score = candidate.score(self.model);
            if self.near(&score, &best_score) {
                quick_local_search(self.model, &mut candidate, &mut self.insertions);
                score = candidate.score(self.model);
                // The full neighbourhood, cross-exchange included, for new best plans only.
                if self.policy.cmp(&score, &best_score).is_lt() {
                    local_search(self.model, &mut candidate, &mut self.insertions);
                    score = candidate.score(self.model);
                }
            }
            let accepted = match travel_phase {
                Some(_) => self.accept_travel(&score, &current_score, &best_score, temperature),
                None => self.accept(&score, &current_score, temperature),
            };
            if accepted {
                current = candidate;
                current_score = score;
                if self.policy.cmp(&current_score, &best_score).is_lt() {
                    best = current.clone();
                    best_score = current_score;
                    last_best = p;
                }
            }
        }
        best
    }

    /// The travel phase: never below the best value; more value always wins, equal
    /// value is annealed on travel time.
    fn accept_travel(&mut self, new: &Score, old: &Score, best: &Score, temperature: f64) -> bool {
        let hard = self.hard_cmp(new, old);
        if hard.is_ne() {
            return hard.is_lt();
        }
        // Sums of the same values in another order may differ in the last bits.
        let eps = 1e-9 * best.value.abs().max(1.0);
        if new.value < best.value - eps {
            return false;
        }
        if new.value > old.value + eps {
            return true;
        }
        let u: f64 = self.rng.random::<f64>().max(1e-300);
        new.travel - old.travel < -temperature * u.ln()
    }

    /// Whether a candidate is close enough to the best plan to be polished by local search.
    fn near(&self, new: &Score, best: &Score) -> bool {
        let kept =
            (new.missing, new.broken, new.missed).cmp(&(best.missing, best.broken, best.missed));
        if kept.is_ne() {
            return kept.is_lt();
        }
        self.policy.near(new, best)
    }

    /// The order of two scores on the policy's hard terms alone.
    fn hard_cmp(&self, new: &Score, old: &Score) -> std::cmp::Ordering {
        self.policy
            .key(new)
            .cmp_first(&self.policy.key(old), self.policy.hard_terms())
    }

    /// Lexicographic on the policy's hard terms, then simulated annealing on the rest.
    fn accept(&mut self, new: &Score, old: &Score, temperature: f64) -> bool {
        let hard = self.hard_cmp(new, old);
        if hard.is_ne() {
            return hard.is_lt();
        }
        let delta = self.policy.anneal_delta(new, old);
        let u: f64 = self.rng.random::<f64>().max(1e-300);
        delta < -temperature * u.ln()
    }

    /// Fleet minimisation: removes tours one at a time while every job still finds a place.
    fn eliminate_tours(&mut self, mut best: Plan, budget: &Budget, it: &mut u64) -> Plan {
        let mut best_score = best.score(self.model);
        'attempts: while budget.progress(*it) < FLEET_SHARE && best_score.tours > 1 {
            let mut current = best.clone();
            let smallest = (0..current.routes.len())
                .filter(|&r| !current.routes[r].jobs.is_empty())
                .min_by_key(|&r| current.routes[r].jobs.len())
                .expect("a used tour");
            let ruin = Ruin {
                jobs: current.routes[smallest].jobs.clone(),
                routes: vec![smallest],
            };
            current.set_route(self.model, smallest, Vec::new());
            self.recreate(&mut current, false, &ruin);
            let mut current_absent = self.absent(&current);
            loop {
                let score = current.score(self.model);
                if score.missing <= best_score.missing {
                    best = current;
                    best_score = best.score(self.model);
                    continue 'attempts;
                }
                if budget.done(*it) || budget.progress(*it) >= FLEET_SHARE {
                    break 'attempts;
                }
                *it += 1;
                let mut candidate = current.clone();
                let ruin = self.ruin(&mut candidate);
                self.recreate(&mut candidate, false, &ruin);
                for j in candidate.unserved() {
                    self.absences[j] += 1;
                }
                let absent = self.absent(&candidate);
                if candidate.score(self.model).missing < score.missing || absent < current_absent {
                    current = candidate;
                    current_absent = absent;
                } else {
                    current_absent = self.absent(&current);
                }
            }
        }
        best
    }

    fn absent(&self, plan: &Plan) -> u64 {
        plan.unserved().map(|j| self.absences[j]).sum()
    }

    /// Removes strings of visits near a random job (SISR), or sometimes random visits, and
    /// says what it removed from where.
    fn ruin(&mut self, plan: &mut Plan) -> Ruin {
        let model = self.model;
        let n = model.inst.jobs.len();
        let served = plan.served_count();
        let mut ruin = Ruin::default();
        if served == 0 || n == 0 {
            return ruin;
        }
        if self.rng.random_bool(RANDOM_RUIN) {
            let k = self
                .rng
                .random_range(1..=((2.0 * AVG_REMOVED) as usize).min(served));
            for _ in 0..k {
                let victims: Vec<usize> = (0..n).filter(|&j| plan.is_served(j)).collect();
                let j = victims[self.rng.random_range(0..victims.len())];
                ruin.routes.push(plan.route_of(j).expect("a served job"));
                plan.remove(model, j);
                ruin.jobs.push(j);
            }
            return ruin;
        }
        let used = plan.routes.iter().filter(|r| !r.jobs.is_empty()).count();
        let avg_len = served as f64 / used as f64;
        let max_len = MAX_STRING.min(avg_len);
        let max_strings = 4.0 * AVG_REMOVED / (1.0 + max_len) - 1.0;
        let strings = self
            .rng
            .random_range(1.0..max_strings.max(1.0) + 1.0)
            .floor() as usize;
        let seed = self.rng.random_range(0..n);
        for &c in std::iter::once(&(seed as u32)).chain(&model.neighbours[seed]) {
            if ruin.routes.len() >= strings {
                break;
            }
            let c = c as usize;
            let Some(r) = plan.route_of(c) else { continue };
            if ruin.routes.contains(&r) {
                continue;
            }
            let jobs = &plan.routes[r].jobs;
            let at = jobs
                .iter()
                .position(|&j| j == c)
                .expect("served job in its route");
            let limit = max_len.min(jobs.len() as f64);
            let len =
                (self.rng.random_range(1.0..limit + 1.0).floor() as usize).clamp(1, jobs.len());
            let lo = at.saturating_sub(len - 1);
            let hi = at.min(jobs.len() - len);
            let from = self.rng.random_range(lo..=hi);
            ruin.jobs
                .extend_from_slice(&plan.routes[r].jobs[from..from + len]);
            plan.remove_string(model, r, from, len);
            ruin.routes.push(r);
        }
        ruin
    }

    /// Inserts unserved jobs at their cheapest feasible place. A policy that fills tours in
    /// use first opens a new one for a job only when `open_new` and nothing else fits.
    fn recreate(&mut self, plan: &mut Plan, open_new: bool, ruin: &Ruin) {
        let model = self.model;
        self.focus(plan, ruin);
        let pool: Vec<usize> = plan
            .unserved()
            .filter(|&j| worth_serving(model, j))
            .collect();
        if self.policy.recreate_by_ratio() && self.rng.random_bool(RATIO_SHARE) {
            self.recreate_by_ratio(plan, pool);
        } else {
            self.recreate_in_order(plan, pool, open_new);
        }
    }

    /// With more than [`GRANULAR_TOURS`] tours, routes that changed (their answers are not
    /// cached) are tried, until the next ruin, only for jobs that must be served or are near
    /// it: among the [`NEAR`] nearest of a job removed or still on a ruined route, where the
    /// ruin opened room. The work then follows the ruin rather than the size of the plan.
    /// With few tours every route is near every job, and orienteering needs the far jobs
    /// too (a route may move to another region), so all jobs stay in focus.
    fn focus(&mut self, plan: &Plan, ruin: &Ruin) {
        let model = self.model;
        let focus = &mut self.insertions.focus;
        if plan.routes.len() <= GRANULAR_TOURS {
            focus.fill(true);
            return;
        }
        focus.clone_from(&model.must);
        let ruined = ruin.routes.iter().flat_map(|&r| &plan.routes[r].jobs);
        for &j in ruin.jobs.iter().chain(ruined) {
            focus[j] = true;
            for &b in model.neighbours[j].iter().take(NEAR) {
                focus[b as usize] = true;
            }
        }
    }

    /// The best insertions of `job` into route `r`, or none when it is known not to fit
    /// (routes only gain visits during a recreate that started at stamp `since`), when the
    /// route changed and the job is out of focus, or when passed over by a blink.
    fn fit(&mut self, plan: &Plan, r: usize, job: usize, since: u64) -> Best {
        let route = &plan.routes[r];
        if self.insertions.known_misfit(route, job, since) {
            return Best::default();
        }
        let best = self.insertions.best(self.model, route, job);
        if best.by_added.is_some() && self.rng.random_bool(BLINK) {
            return Best::default();
        }
        best
    }

    /// The route where `job` shifts the next visit least, and where (the first on ties).
    fn least_shift(&mut self, plan: &Plan, job: usize, since: u64) -> Option<(usize, Insertion)> {
        let mut best: Option<(usize, Insertion)> = None;
        for r in 0..plan.routes.len() {
            if let Some(ins) = self.fit(plan, r, job, since).by_shift
                && best.is_none_or(|(_, b)| ins.shift < b.shift)
            {
                best = Some((r, ins));
            }
        }
        best
    }

    /// Repeatedly inserts the job with the best value² per time used (Vansteenwegen
    /// et al. 2009), its rating perturbed by a random factor per job. Each job's rating is
    /// that of its least-shift route, kept per job and updated only for the route that grew.
    fn recreate_by_ratio(&mut self, plan: &mut Plan, pool: Vec<usize>) {
        let model = self.model;
        let since = next_stamp();
        let noise: Vec<f64> = pool
            .iter()
            .map(|_| self.rng.random_range(0.7..1.3))
            .collect();
        // A job that fits no route now never will in this recreate: routes only grow.
        let mut best: Vec<Option<(usize, Insertion)>> = pool
            .iter()
            .map(|&j| self.least_shift(plan, j, since))
            .collect();
        loop {
            let mut choice: Option<(usize, (u8, f64))> = None;
            for (k, &j) in pool.iter().enumerate() {
                let Some((_, ins)) = best[k] else { continue };
                let v = model.inst.jobs[j].value.max(0.0);
                let rating = (model.rank[j], noise[k] * v * v / (ins.shift + 1e-9));
                if choice.is_none_or(|c| rating > c.1) {
                    choice = Some((k, rating));
                }
            }
            let Some((k, _)) = choice else { break };
            let (r, ins) = best[k].take().expect("chosen insertion");
            plan.insert(model, pool[k], r, ins.pos);
            for (k, &j) in pool.iter().enumerate() {
                let Some((at, old)) = best[k] else { continue };
                best[k] = if at == r {
                    self.least_shift(plan, j, since)
                } else {
                    match self.fit(plan, r, j, since).by_shift {
                        Some(new)
                            if new.shift < old.shift || (new.shift == old.shift && r < at) =>
                        {
                            Some((r, new))
                        }
                        _ => best[k],
                    }
                };
            }
        }
    }

    /// Inserts jobs one by one in a random order rule, each at its cheapest place.
    fn recreate_in_order(&mut self, plan: &mut Plan, mut pool: Vec<usize>, open_new: bool) {
        let model = self.model;
        let since = next_stamp();
        if pool.is_empty() {
            return;
        }
        self.sort(&mut pool);
        let used_first = self.policy.fills_used_tours_first();
        for j in pool {
            let mut choice: Option<(usize, Insertion)> = None;
            for pass_empty in [false, true] {
                if pass_empty && (!used_first || !open_new || choice.is_some()) {
                    break;
                }
                for r in 0..plan.routes.len() {
                    if used_first && plan.routes[r].jobs.is_empty() != pass_empty {
                        continue;
                    }
                    if let Some(ins) = self.fit(plan, r, j, since).by_added
                        && choice.is_none_or(|(_, c)| ins.added < c.added)
                    {
                        choice = Some((r, ins));
                    }
                }
            }
            if let Some((r, ins)) = choice {
                plan.insert(model, j, r, ins.pos);
            }
        }
    }

    /// Orders the jobs to reinsert: jobs that must be served first, then promises, then by a
    /// random rule.
    fn sort(&mut self, pool: &mut [usize]) {
        let model = self.model;
        let inst = model.inst;
        let depot = inst.tours.first().map_or(0, |t| t.start_location);
        let far = |j: usize| inst.time.get(depot, inst.jobs[j].location);
        let width = |j: usize| {
            inst.jobs[j]
                .windows
                .iter()
                .map(|w| w.close - w.open)
                .sum::<f64>()
        };
        let order = match self.rng.random_range(0..13) {
            0..4 => Order::Random,
            4..8 => Order::Value,
            8..10 => Order::Far,
            10..11 => Order::Close,
            _ => Order::TightWindow,
        };
        pool.shuffle(&mut self.rng);
        let key = |j: usize| -> f64 {
            match order {
                Order::Random => 0.0,
                Order::Value => self.policy.value_order(&inst.jobs[j]),
                Order::Far => -far(j),
                Order::Close => far(j),
                Order::TightWindow => width(j),
            }
        };
        pool.sort_by(|&a, &b| {
            model.rank[b]
                .cmp(&model.rank[a])
                .then(key(a).total_cmp(&key(b)))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::instance::{Instance, Matrix, Objective};

    fn score(value: f64, travel: f64) -> Score {
        Score {
            missing: 0,
            broken: 0,
            missed: 0,
            tours: 1,
            value,
            travel,
        }
    }

    #[test]
    fn travel_phase_never_gives_up_value() {
        let m = Matrix::from_fn(1, |_, _| 0.0);
        let inst = Instance {
            time: m.clone(),
            distance: m,
            jobs: vec![],
            tours: vec![],
            objective: Objective::Prize,
        };
        let model = Model::new(&inst);
        let mut search = Search::new(&model, 7);
        let best = score(10.0, 50.0);
        let old = score(10.0, 60.0);
        // Less value than the best is refused at any temperature, even with less driving.
        assert!(!search.accept_travel(&score(9.0, 1.0), &old, &best, 1e12));
        // More value wins despite more driving; less driving at equal value always wins.
        assert!(search.accept_travel(&score(11.0, 99.0), &old, &best, 0.0));
        assert!(search.accept_travel(&score(10.0, 55.0), &old, &best, 0.0));
        // More driving at equal value only by chance, never when cold.
        assert!(!search.accept_travel(&score(10.0, 61.0), &old, &best, 0.0));
    }
}
