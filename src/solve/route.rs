//! The search's view of an instance and of one tour's route, with the cached times that make
//! insertion checks constant time per position: departure from each visit (earliest
//! schedule) and the latest arrival at each visit that keeps the rest of the route feasible
//! (Savelsbergh's forward time slack, generalised to breaks and several windows). The clock's
//! pieces come from the time rules ([`windows`](super::rules::windows),
//! [`shifts`](super::rules::shifts)); every other rule is asked through
//! [`rules`](super::rules).

use std::sync::atomic::{AtomicU64, Ordering};

use super::insertions::Best;
use super::instance::Instance;
use super::policy::{self, Policy};
use super::rules;
use super::rules::shifts::{drive, latest_leave, service_end};
use super::rules::windows::{earliest_start, latest_start};

/// Relative tolerance for the search's own comparisons; far tighter than the verifier's, so
/// the verifier accepts whatever the search accepts.
#[inline]
pub fn tol(x: f64) -> f64 {
    if x.is_finite() {
        1e-9 * x.abs().max(1.0)
    } else {
        0.0
    }
}

/// Precomputed facts about an instance.
pub struct Model<'a> {
    pub inst: &'a Instance,
    /// Service duration of job `j` on tour `t`, at `j * tours + t`.
    duration: Vec<f64>,
    /// Whether job `j` may go on tour `t` by every rule's filter, at `j * tours + t`.
    allowed: Vec<bool>,
    /// Whether each job must be served (by a rule, or because the objective serves all).
    pub must: Vec<bool>,
    /// Which jobs to place first: 3 for jobs that must be served, then promises (2 announced,
    /// 1 requested), 0 for the rest.
    pub rank: Vec<u8>,
    /// What the search optimises, chosen once from the instance's objective.
    pub policy: Box<dyn Policy>,
    /// For each job, the other jobs by increasing travel time from it.
    pub neighbours: Vec<Vec<u32>>,
}

impl<'a> Model<'a> {
    pub fn new(inst: &'a Instance) -> Self {
        let nt = inst.tours.len();
        let mut duration = Vec::with_capacity(inst.jobs.len() * nt);
        let mut allowed = Vec::with_capacity(inst.jobs.len() * nt);
        for job in &inst.jobs {
            for tour in &inst.tours {
                duration.push(job.service_fixed + job.service_work / f64::from(tour.sets.max(1)));
                allowed.push(job.location < inst.time.len() && rules::allows(job, tour));
            }
        }
        let policy = policy::choose(inst);
        let must: Vec<bool> = inst
            .jobs
            .iter()
            .map(|j| rules::must_serve(j) || policy.serve_all())
            .collect();
        let rank = must
            .iter()
            .zip(&inst.jobs)
            .map(|(&must, job)| if must { 3 } else { job.promise as u8 })
            .collect();
        let n = inst.jobs.len();
        let neighbours = (0..n)
            .map(|a| {
                let la = inst.jobs[a].location;
                let mut others: Vec<u32> = (0..n as u32).filter(|&b| b as usize != a).collect();
                others.sort_by(|&x, &y| {
                    let tx = inst.time.get(la, inst.jobs[x as usize].location);
                    let ty = inst.time.get(la, inst.jobs[y as usize].location);
                    tx.total_cmp(&ty).then(x.cmp(&y))
                });
                others.truncate(200);
                others
            })
            .collect();
        Self {
            inst,
            duration,
            allowed,
            must,
            rank,
            policy,
            neighbours,
        }
    }

    #[inline]
    pub fn duration(&self, job: usize, tour: usize) -> f64 {
        self.duration[job * self.inst.tours.len() + tour]
    }

    #[inline]
    pub fn allowed(&self, job: usize, tour: usize) -> bool {
        self.allowed[job * self.inst.tours.len() + tour]
    }

    #[inline]
    fn time(&self, a: usize, b: usize) -> f64 {
        self.inst.time.get(a, b)
    }
}

/// One tour's visits and cached schedule. Node `i` is the start depot for `i == 0`, job
/// `jobs[i - 1]` for `1..=n`, the end depot for `n + 1`.
#[derive(Clone, Debug)]
pub struct Route {
    pub tour: usize,
    pub jobs: Vec<usize>,
    /// Location of node `i` (`0..=n+1`).
    locs: Vec<usize>,
    /// Arrival at node `i` (`1..=n+1`) in the earliest schedule; for an empty route, the
    /// start time. Index 0 unused.
    arrive: Vec<f64>,
    /// Departure from node `i` (`0..=n`) in the earliest schedule.
    depart: Vec<f64>,
    /// Latest arrival at node `i` (`1..=n+1`) keeping the rest feasible; index 0 unused.
    latest: Vec<f64>,
    /// The longest time between leaving a node and the latest arrival at the next: no visit
    /// longer than this fits anywhere (travel only adds to it).
    room: f64,
    pub drive: f64,
    pub load: f64,
    pub value: f64,
    /// False when the cached schedule broke a rule (only after an unchecked edit).
    pub feasible: bool,
    /// Names this route's content: every [`update`](Route::update) takes a new one, and a
    /// clone keeps it, so equal stamps mean equal routes (what the insertion cache keys on).
    pub stamp: u64,
}

/// The source of route stamps, unique across threads; their values never steer the search,
/// only equality does, so plans stay deterministic.
static STAMPS: AtomicU64 = AtomicU64::new(1);

/// A stamp newer than every route's so far: routes updated from now on have one at least as
/// large.
pub fn next_stamp() -> u64 {
    STAMPS.load(Ordering::Relaxed)
}

/// Where and at what added driving a job fits into a route.
#[derive(Clone, Copy, Debug)]
pub struct Insertion {
    pub pos: usize,
    pub added: f64,
    /// How much later the next node is reached (time used, waiting included).
    pub shift: f64,
}

impl Route {
    pub fn new(model: &Model, tour: usize, jobs: Vec<usize>) -> Self {
        let mut r = Route {
            tour,
            jobs,
            locs: Vec::new(),
            arrive: Vec::new(),
            depart: Vec::new(),
            latest: Vec::new(),
            room: 0.0,
            drive: 0.0,
            load: 0.0,
            value: 0.0,
            feasible: true,
            stamp: 0,
        };
        r.update(model);
        r
    }

    /// Recomputes the cached schedule after the job list changed.
    pub fn update(&mut self, model: &Model) {
        let inst = model.inst;
        let tour = &inst.tours[self.tour];
        let n = self.jobs.len();
        self.stamp = STAMPS.fetch_add(1, Ordering::Relaxed);
        self.locs.clear();
        self.locs.push(tour.start_location);
        self.locs
            .extend(self.jobs.iter().map(|&j| inst.jobs[j].location));
        self.locs.push(tour.end_location);
        self.depart.clear();
        self.latest.clear();
        self.arrive.clear();
        self.arrive.push(f64::NAN);
        self.depart.push(tour.start);
        self.drive = 0.0;
        self.load = 0.0;
        self.value = 0.0;
        self.feasible = true;
        let mut at = tour.start_location;
        for &j in &self.jobs {
            let job = &inst.jobs[j];
            let leg = model.time(at, job.location);
            self.drive += leg;
            self.load += job.load;
            self.value += job.value;
            let dur = model.duration(j, self.tour);
            let arrive = drive(&tour.breaks, *self.depart.last().unwrap(), leg);
            self.arrive.push(arrive);
            let start =
                earliest_start(&job.windows, job.finish_by_close, &tour.breaks, arrive, dur)
                    .unwrap_or_else(|| {
                        self.feasible = false;
                        arrive
                    });
            self.depart.push(service_end(&tour.breaks, start, dur));
            at = job.location;
        }
        if n > 0 {
            let leg = model.time(at, tour.end_location);
            self.drive += leg;
            let back = drive(&tour.breaks, self.depart[n], leg);
            self.arrive.push(back);
            self.feasible &= rules::keeps(model, self);
        }
        if n == 0 {
            self.arrive.push(tour.start);
        }
        self.latest.resize(n + 2, f64::INFINITY);
        self.latest[n + 1] = tour.end;
        for i in (1..=n).rev() {
            let j = self.jobs[i - 1];
            let job = &inst.jobs[j];
            let leg = model.time(job.location, self.locs[i + 1]);
            let leave_by = latest_leave(&tour.breaks, self.latest[i + 1], leg);
            let dur = model.duration(j, self.tour);
            self.latest[i] = latest_start(
                &job.windows,
                job.finish_by_close,
                &tour.breaks,
                leave_by,
                dur,
            )
            .unwrap_or(f64::NEG_INFINITY);
        }
        self.room = (0..=n)
            .map(|i| self.latest[i + 1] + tol(self.latest[i + 1]) - self.depart[i])
            .fold(f64::NEG_INFINITY, f64::max);
    }

    /// Whether `job` passes the checks that need no position: the rules' filters, and a
    /// service no longer than the route's room.
    fn may_take(&self, model: &Model, job: usize) -> bool {
        model.allowed(job, self.tour)
            && model.duration(job, self.tour) <= self.room + tol(self.room)
            && rules::admits(model, self, &[job], &[])
    }

    /// The added driving and the time shift of inserting `job` before node `pos + 1` (after
    /// node `pos`), or `None` when a rule breaks.
    pub fn insertion_cost(&self, model: &Model, job: usize, pos: usize) -> Option<(f64, f64)> {
        let inst = model.inst;
        let tour = &inst.tours[self.tour];
        let jb = &inst.jobs[job];
        let prev = self.locs[pos];
        let next = self.locs[pos + 1];
        let to = model.time(prev, jb.location);
        let from = model.time(jb.location, next);
        let dur = model.duration(job, self.tour);
        let by = self.latest[pos + 1];
        // Breaks and waiting only delay, so this bound rejects most positions of a tight
        // route before the window and break checks.
        if self.depart[pos] + to + dur + from > by + tol(by) {
            return None;
        }
        let added = if self.jobs.is_empty() {
            to + from
        } else {
            to + from - model.time(prev, next)
        };
        if !rules::fits(model, self, added) {
            return None;
        }
        let arrive = drive(&tour.breaks, self.depart[pos], to);
        let start = earliest_start(&jb.windows, jb.finish_by_close, &tour.breaks, arrive, dur)?;
        let next_arrive = drive(&tour.breaks, service_end(&tour.breaks, start, dur), from);
        if next_arrive > by + tol(by) {
            return None;
        }
        Some((added, next_arrive - self.arrive[pos + 1]))
    }

    /// The feasible insertion of `job` with the least added driving (or the least shift),
    /// skipping each position when `coin` says so.
    pub fn best_insertion(
        &self,
        model: &Model,
        job: usize,
        by_shift: bool,
        mut coin: impl FnMut() -> bool,
    ) -> Option<Insertion> {
        if !self.may_take(model, job) {
            return None;
        }
        let mut best: Option<Insertion> = None;
        for pos in rules::positions(model, self, job) {
            if coin() {
                continue;
            }
            if let Some((added, shift)) = self.insertion_cost(model, job, pos) {
                let key = |i: &Insertion| if by_shift { i.shift } else { i.added };
                let ins = Insertion { pos, added, shift };
                if best.is_none_or(|b| key(&ins) < key(&b)) {
                    best = Some(ins);
                }
            }
        }
        best
    }

    /// The feasible insertions of `job` with the least added driving and with the least
    /// shift, in one pass over the positions.
    pub fn best_insertions(&self, model: &Model, job: usize) -> Best {
        let mut best = Best::default();
        if !self.may_take(model, job) {
            return best;
        }
        for pos in rules::positions(model, self, job) {
            if let Some((added, shift)) = self.insertion_cost(model, job, pos) {
                let ins = Insertion { pos, added, shift };
                if best.by_added.is_none_or(|b| added < b.added) {
                    best.by_added = Some(ins);
                }
                if best.by_shift.is_none_or(|b| shift < b.shift) {
                    best.by_shift = Some(ins);
                }
            }
        }
        best
    }

    /// Departure from node `i` in the earliest schedule.
    pub fn depart(&self, i: usize) -> f64 {
        self.depart[i]
    }

    /// Departures from every node `0..=n`.
    pub fn departures(&self) -> &[f64] {
        &self.depart
    }

    /// Latest arrival at node `i` that keeps the rest of the route feasible.
    pub fn latest(&self, i: usize) -> f64 {
        self.latest[i]
    }

    /// Latest arrivals at every node `1..=n+1` (index 0 unused).
    pub fn latest_arrivals(&self) -> &[f64] {
        &self.latest
    }

    /// Arrival back at the end location (the start time for an empty route).
    pub fn back(&self) -> f64 {
        self.arrive[self.jobs.len() + 1]
    }

    pub fn insert(&mut self, model: &Model, job: usize, pos: usize) {
        self.jobs.insert(pos, job);
        self.update(model);
    }
}
