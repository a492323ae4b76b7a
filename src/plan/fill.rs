//! Divisible demand. The search places visits of a fixed size: a stop too big for one visit
//! is split into equal parts. This step then lets every visit record as many of its stop's
//! people as fit in its time (the gap before the next visit's window, the end of the shift),
//! taking them from the stop's parts that no van reached. Whatever is still left stays for a
//! later visit or week, so the parts are only a cap for the search, not the plan's promise.
//!
//! A route that still has time left then gets a visit to a stop no van reached, recording as
//! many of its people as fit (at least as long as setting up takes).
//!
//! The people follow from which stops each route visits in which order, not from which part
//! the search happened to pick ([`size_visits`]), so `verify` repeats that on the routes of a
//! saved plan and gets the same people. The verifier decides what fits.

use crate::groups::People;
use crate::scenario::Prepared;
use crate::scenario::build::{set_part, set_people, share};
use crate::solve::verify::tour_violations;
use crate::solve::{Promise, Solution};

/// Sizes the visits of `solution`, then adds visits in the time routes have left; returns the
/// routes it ends with.
pub fn fill(prepared: &mut Prepared, mut solution: Solution, kept: &Kept) -> Solution {
    let placed = placed(prepared);
    size_visits(prepared, &solution, kept, &placed);
    let mut added = top_up(prepared, &mut solution, &kept.done);
    while !added.is_empty() {
        size_visits(prepared, &solution, kept, &placed);
        // Sized again with the rest of the week, an added visit may have shrunk below the
        // least worth a setup; it goes, and the rest are sized once more.
        let (short, worth): (Vec<_>, Vec<_>) = added
            .into_iter()
            .partition(|&(t, j)| !worth_a_visit(prepared, t, j, prepared.built.jobs[j].people));
        if short.is_empty() {
            break;
        }
        for (t, j) in short {
            solution.routes[t].retain(|&v| v != j);
        }
        added = worth;
    }
    solution
}

/// What a re-plan keeps of the visits of the plan it keeps.
#[derive(Clone, Debug, Default)]
pub struct Kept {
    /// The jobs of visits already done: their people stay as they are.
    pub done: Vec<usize>,
    /// The jobs of visits announced, with the people they were announced with: given back
    /// first, where the day still has room, so that an unchanged week re-plans the same.
    pub announced: Vec<(usize, People)>,
}

/// The people of every job as the search placed them, which [`size_visits`] starts from.
pub fn placed(prepared: &Prepared) -> Vec<People> {
    prepared.built.jobs.iter().map(|j| j.people).collect()
}

/// Numbers the served parts of each stop in the order they are visited, gives each its equal
/// share, then gives every visit as many more of its stop's people as its route has time for.
/// Starts from the people `placed` gave each job, whatever an earlier sizing left.
pub fn size_visits(prepared: &mut Prepared, solution: &Solution, kept: &Kept, placed: &[People]) {
    let done = &kept.done;
    let jobs = prepared.built.jobs.len();
    // (tour, job) in the order of the week: tours are built day by day.
    let visits: Vec<(usize, usize)> = solution
        .routes
        .iter()
        .enumerate()
        .flat_map(|(t, route)| route.iter().map(move |&j| (t, j)))
        .collect();
    let mut order_of = vec![None; jobs];
    for (k, &(_, j)) in visits.iter().enumerate() {
        order_of[j] = Some(k);
    }
    let mut parts_of: Vec<Vec<usize>> = vec![Vec::new(); prepared.scenario.stops.len()];
    for (j, info) in prepared.built.jobs.iter().enumerate() {
        parts_of[info.stop].push(j);
    }
    let growing: Vec<(usize, usize)> = visits
        .iter()
        .copied()
        .filter(|&(_, j)| may_grow(prepared, j, done))
        .collect();

    // Served parts first, in the order of the week; each visit starts empty and is first
    // given its share (`wanted`), or an announced visit the people it was announced with.
    let mut wanted = vec![People::default(); jobs];
    for &(j, people) in &kept.announced {
        wanted[j] = people;
    }
    for (stop, parts) in parts_of.iter_mut().enumerate() {
        if !may_renumber(prepared, parts) {
            for &j in parts.iter() {
                set_people(&mut prepared.built, &prepared.scenario, j, placed[j]);
            }
            continue;
        }
        parts.sort_by_key(|&j| (order_of[j].is_none(), order_of[j], j));
        let people = prepared.scenario.stops[stop].people;
        for (i, &j) in parts.iter().enumerate() {
            set_part(&mut prepared.built, &prepared.scenario, j, i + 1);
            wanted[j] = share(&people, i, prepared.built.jobs[j].parts);
            if order_of[j].is_some() {
                set_people(
                    &mut prepared.built,
                    &prepared.scenario,
                    j,
                    People::default(),
                );
            }
        }
    }
    let mut pools: Vec<People> = parts_of
        .iter()
        .enumerate()
        .map(|(stop, parts)| {
            let served = parts
                .iter()
                .filter(|&&j| order_of[j].is_some())
                .fold(People::default(), |sum, &j| {
                    sum + prepared.built.jobs[j].people
                });
            prepared.scenario.stops[stop].people.less(&served)
        })
        .collect();

    // Each visit up to what it wants, in the order of the week...
    for &(tour, j) in &growing {
        let stop = prepared.built.jobs[j].stop;
        let short = wanted[j].less(&prepared.built.jobs[j].people);
        let available = short.map(|g, &n| n.min(pools[stop][g]));
        let taken = grow(prepared, solution, tour, j, available, available.total());
        pools[stop] = pools[stop].less(&taken);
    }
    // ...then as far as its route allows, the stops worth most per person first.
    let density = |prepared: &Prepared, j: usize| {
        let stop = &prepared.scenario.stops[prepared.built.jobs[j].stop];
        prepared.scenario.weights.dot(&stop.people) / f64::from(stop.people.total().max(1))
    };
    let mut by_worth = growing;
    by_worth.sort_by(|a, b| density(prepared, b.1).total_cmp(&density(prepared, a.1)));
    for (tour, j) in by_worth {
        let stop = prepared.built.jobs[j].stop;
        let taken = grow(
            prepared,
            solution,
            tour,
            j,
            pools[stop],
            pools[stop].total(),
        );
        pools[stop] = pools[stop].less(&taken);
    }

    // What is left of each stop is shared among its parts that no van reached.
    for (parts, pool) in parts_of.iter().zip(&pools) {
        let left: Vec<usize> = parts
            .iter()
            .copied()
            .filter(|&j| order_of[j].is_none())
            .collect();
        for (i, &j) in left.iter().enumerate() {
            let people = share(pool, i, left.len());
            set_people(&mut prepared.built, &prepared.scenario, j, people);
        }
    }
}

/// Adds visits to stops no van reached, each in the route and at the place where it records
/// the most, until no route has room for one more; returns them as (tour, job).
fn top_up(prepared: &mut Prepared, solution: &mut Solution, done: &[usize]) -> Vec<(usize, usize)> {
    let mut added = Vec::new();
    let mut served = vec![false; prepared.built.jobs.len()];
    for &j in solution.routes.iter().flatten() {
        served[j] = true;
    }
    for t in 0..solution.routes.len() {
        while let Some((j, pos, people)) = best_addition(prepared, solution, t, &served, done) {
            solution.routes[t].insert(pos, j);
            set_people(&mut prepared.built, &prepared.scenario, j, people);
            served[j] = true;
            added.push((t, j));
        }
    }
    added
}

/// How many stops, nearest the route first, [`best_addition`] tries.
const CANDIDATES: usize = 24;

/// The unserved part, place in route `t` and people that add the most value, if any fits.
fn best_addition(
    prepared: &mut Prepared,
    solution: &Solution,
    t: usize,
    served: &[bool],
    done: &[usize],
) -> Option<(usize, usize, People)> {
    let inst = &prepared.built.instance;
    let tour = &inst.tours[t];
    let route = &solution.routes[t];
    let stops: Vec<usize> = std::iter::once(tour.start_location)
        .chain(route.iter().map(|&j| inst.jobs[j].location))
        .chain(std::iter::once(tour.end_location))
        .collect();
    let detour = |loc: usize, pos: usize| {
        let (a, b) = (stops[pos], stops[pos + 1]);
        inst.time.get(a, loc) + inst.time.get(loc, b) - inst.time.get(a, b)
    };
    let mut candidates: Vec<(f64, usize)> = (0..inst.jobs.len())
        .filter(|&j| !served[j] && prepared.built.jobs[j].people.total() > 0)
        .filter(|&j| may_grow(prepared, j, done))
        .filter(|&j| {
            let job = &inst.jobs[j];
            tour.day < 64
                && job.days & (1 << tour.day) != 0
                && tour.equipment & job.requires == job.requires
                && job.van.is_none_or(|v| v == tour.van)
        })
        .map(|j| {
            let loc = inst.jobs[j].location;
            let nearest = (0..=route.len())
                .map(|pos| detour(loc, pos))
                .fold(f64::INFINITY, f64::min);
            (nearest, j)
        })
        .filter(|(d, _)| d.is_finite())
        .collect();
    candidates.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    candidates.truncate(CANDIDATES);

    let mut best: Option<(f64, usize, usize, People)> = None;
    for (_, j) in candidates {
        let all = prepared.built.jobs[j].people;
        let Some(least) =
            (1..=all.total()).find(|&k| worth_a_visit(prepared, t, j, all.portion(k)))
        else {
            continue;
        };
        for pos in 0..=route.len() {
            let mut trial = route.clone();
            trial.insert(pos, j);
            let mut fits = |k: u32| {
                set_people(&mut prepared.built, &prepared.scenario, j, all.portion(k));
                tour_violations(&prepared.built.instance, t, &trial).is_empty()
            };
            if !fits(least) {
                continue;
            }
            let people = all.portion(largest_fitting(least, all.total(), fits));
            let value = prepared.scenario.weights.dot(&people);
            if best.as_ref().is_none_or(|b| value > b.0) {
                best = Some((value, j, pos, people));
            }
        }
        set_people(&mut prepared.built, &prepared.scenario, j, all);
    }
    best.map(|(_, j, pos, people)| (j, pos, people))
}

/// Whether recording `people` of job `j` on tour `t` takes at least as long as setting up:
/// a shorter visit is not worth the drive.
fn worth_a_visit(prepared: &Prepared, t: usize, j: usize, people: People) -> bool {
    let sets = f64::from(prepared.built.instance.tours[t].sets.max(1));
    let recording = prepared.scenario.service.per_person.dot(&people) / sets;
    recording >= prepared.built.instance.jobs[j].service_fixed
}

/// Adds to visit `j` on `tour` the most of `pool` (at most `most` people, in proportion)
/// that its route still keeps every rule with; returns those added.
fn grow(
    prepared: &mut Prepared,
    solution: &Solution,
    tour: usize,
    j: usize,
    pool: People,
    most: u32,
) -> People {
    let base = prepared.built.jobs[j].people;
    let mut fits = |k: u32| {
        set_people(
            &mut prepared.built,
            &prepared.scenario,
            j,
            base + pool.portion(k),
        );
        tour_violations(&prepared.built.instance, tour, &solution.routes[tour]).is_empty()
    };
    // 0 fits: the route kept every rule before.
    let k = largest_fitting(0, most, &mut fits);
    fits(k);
    pool.portion(k)
}

/// The largest `k` in `lo..=hi` that `fits`, given that `lo` does: more people only make a
/// visit longer, so what fits is a prefix.
fn largest_fitting(mut lo: u32, mut hi: u32, mut fits: impl FnMut(u32) -> bool) -> u32 {
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        if fits(mid) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    lo
}

/// Whether a visit may record more people: not a home visit (its time is fixed), and not a
/// visit already done.
fn may_grow(prepared: &Prepared, j: usize, done: &[usize]) -> bool {
    !prepared.scenario.stops[prepared.built.jobs[j].stop].home_visit && !done.contains(&j)
}

/// Whether the parts of a stop may be numbered again: none is a home visit or promised (a
/// promise names its part).
fn may_renumber(prepared: &Prepared, parts: &[usize]) -> bool {
    parts.iter().all(|&j| {
        !prepared.scenario.stops[prepared.built.jobs[j].stop].home_visit
            && prepared.built.instance.jobs[j].promise == Promise::None
    })
}
