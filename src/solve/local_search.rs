//! Local search on one plan: relocate, or-opt (strings of 2–3), swap and 2-opt* (tail
//! exchange), within and across tours, cross-exchange (two strings of 0–3 jobs trade
//! tours), and when the policy refills (Prize) "replace" (an unserved job takes a served
//! one's place when it is worth more) followed by plain insertion of unserved jobs.
//!
//! Moves are granular: job `a` only meets the jobs nearest to it. A move is first rated by
//! its change in driving (constant time), then checked in constant time against the cached
//! departures and latest arrivals (time-window slack, breaks included). Only moves passing
//! both are built, and the touched routes' schedules are recomputed, which decides every
//! rule exactly ([`rules::keeps`]). Every job that changes tour must pass the rules' filters
//! ([`Model::allowed`]). No randomness: the result depends only on the plan.

use super::construct::worth_serving;
use super::insertions::Insertions;
use super::plan::Plan;
use super::route::{Model, Route, tol};
use super::rules;
use super::rules::shifts::{drive, service_end};
use super::rules::windows::earliest_start;

/// Neighbours of a job that moves consider.
const GRANULARITY: usize = 12;
/// Longest string or-opt moves.
const MAX_SEGMENT: usize = 3;
/// Bound on improving passes over all jobs.
const MAX_PASSES: usize = 20;

/// Improves `plan` until no move helps (or [`MAX_PASSES`]); never makes it worse.
/// `insertions` remembers where unserved jobs fit, for the refill.
pub fn local_search(model: &Model, plan: &mut Plan, insertions: &mut Insertions) {
    descend(model, plan, insertions, true);
}

/// [`local_search`] without cross-exchange, whose 15 string pairs per neighbour make a pass
/// several times slower: for the many candidates that are only near the best plan.
pub fn quick_local_search(model: &Model, plan: &mut Plan, insertions: &mut Insertions) {
    descend(model, plan, insertions, false);
}

fn descend(model: &Model, plan: &mut Plan, insertions: &mut Insertions, cross: bool) {
    for _ in 0..MAX_PASSES {
        let mut improved = false;
        for a in 0..model.inst.jobs.len() {
            if plan.is_served(a) {
                improved |= improve_job(model, plan, a, cross);
            }
        }
        // Shorter routes may leave room for more value.
        let refilled =
            !improved && model.policy.refills() && replace_and_insert(model, plan, insertions);
        if !improved && !refilled {
            break;
        }
    }
}

/// Driving time between the locations of two jobs, or a job and a route's depots.
fn t(model: &Model, a: usize, b: usize) -> f64 {
    model.inst.time.get(a, b)
}

/// Location of node `i` of `route` (0 start depot, `1..=n` jobs, `n+1` end depot).
fn loc(model: &Model, route: &Route, i: usize) -> usize {
    let tour = &model.inst.tours[route.tour];
    if i == 0 {
        tour.start_location
    } else if i > route.jobs.len() {
        tour.end_location
    } else {
        model.inst.jobs[route.jobs[i - 1]].location
    }
}

/// Constant-time necessary condition from the caches: route `p` kept up to node `i`, then
/// `middle`, then route `s` from node `k`, reaches node `k` by its latest arrival. Exact on
/// time when `s` runs on the same clock (breaks, end, depot, sets) as `p`; otherwise true.
fn in_time(model: &Model, p: &Route, i: usize, middle: &[usize], s: &Route, k: usize) -> bool {
    let inst = model.inst;
    let tour = &inst.tours[p.tour];
    let other = &inst.tours[s.tour];
    if other.breaks != tour.breaks
        || other.end != tour.end
        || other.end_location != tour.end_location
        || other.sets != tour.sets
    {
        return true;
    }
    let mut at = loc(model, p, i);
    let mut time = p.depart(i);
    for &j in middle {
        let job = &inst.jobs[j];
        let arrive = drive(&tour.breaks, time, t(model, at, job.location));
        let dur = model.duration(j, p.tour);
        let Some(start) =
            earliest_start(&job.windows, job.finish_by_close, &tour.breaks, arrive, dur)
        else {
            return false;
        };
        time = service_end(&tour.breaks, start, dur);
        at = job.location;
    }
    let by = if k > s.jobs.len() {
        tour.end
    } else {
        s.latest(k)
    };
    drive(&tour.breaks, time, t(model, at, loc(model, s, k))) <= by + tol(by)
}

/// The rebuilt route if it keeps every rule and only holds jobs allowed on its tour.
fn build(model: &Model, tour: usize, jobs: Vec<usize>, moved: &[usize]) -> Option<Route> {
    if moved.iter().any(|&j| !model.allowed(j, tour)) {
        return None;
    }
    let r = Route::new(model, tour, jobs);
    r.feasible.then_some(r)
}

/// Commits new routes when they drive less in total than the old ones.
fn commit(plan: &mut Plan, new: Vec<(usize, Route)>) -> bool {
    let old: f64 = new.iter().map(|(r, _)| plan.routes[*r].drive).sum();
    let now: f64 = new.iter().map(|(_, r)| r.drive).sum();
    if now < old - tol(old) - 1e-7 {
        for (r, route) in new {
            plan.put_route(r, route);
        }
        true
    } else {
        false
    }
}

/// Tries moves of job `a` towards its nearest neighbours; applies the first that improves.
fn improve_job(model: &Model, plan: &mut Plan, a: usize, cross: bool) -> bool {
    for &b in model.neighbours[a].iter().take(GRANULARITY) {
        let b = b as usize;
        let Some(rb) = plan.route_of(b) else {
            continue;
        };
        let ra = plan.route_of(a).expect("served job");
        let ia = plan.routes[ra].jobs.iter().position(|&j| j == a).unwrap() + 1;
        let ib = plan.routes[rb].jobs.iter().position(|&j| j == b).unwrap() + 1;
        if or_opt(model, plan, ra, ia, rb, ib) || swap(model, plan, ra, ia, rb, ib) {
            return true;
        }
        if ra != rb && two_opt_star(model, plan, ra, ia, rb, ib) {
            return true;
        }
    }
    if !cross {
        return false;
    }
    // Cross-exchange tries up to 15 string pairs per neighbour: only when nothing cheaper
    // helped.
    for &b in model.neighbours[a].iter().take(GRANULARITY) {
        let b = b as usize;
        let ra = plan.route_of(a).expect("served job");
        match plan.route_of(b) {
            Some(rb) if rb != ra => {
                let ia = plan.routes[ra].jobs.iter().position(|&j| j == a).unwrap() + 1;
                let ib = plan.routes[rb].jobs.iter().position(|&j| j == b).unwrap() + 1;
                if cross_exchange(model, plan, ra, ia, rb, ib) {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// Moves the string of 1..=[`MAX_SEGMENT`] jobs starting at node `ia` of `ra` to just after
/// or just before node `ib` of `rb`.
fn or_opt(model: &Model, plan: &mut Plan, ra: usize, ia: usize, rb: usize, ib: usize) -> bool {
    let na = plan.routes[ra].jobs.len();
    for len in 1..=MAX_SEGMENT.min(na + 1 - ia) {
        let (s, e) = (ia, ia + len - 1);
        if ra == rb && (s..=e).contains(&ib) {
            break;
        }
        // Insert between (p, p + 1) for p = ib (after b) and p = ib - 1 (before b).
        for p in [ib, ib - 1] {
            if ra == rb && (p + 1 == s || p == e) {
                continue;
            }
            let (route_a, route_b) = (&plan.routes[ra], &plan.routes[rb]);
            let (first, last) = (loc(model, route_a, s), loc(model, route_a, e));
            let (before, after) = (loc(model, route_a, s - 1), loc(model, route_a, e + 1));
            let removed = t(model, before, first) + t(model, last, after)
                - if na == len {
                    0.0
                } else {
                    t(model, before, after)
                };
            let (x, y) = (loc(model, route_b, p), loc(model, route_b, p + 1));
            let added = t(model, x, first) + t(model, last, y) - t(model, x, y);
            if added - removed >= -1e-7 {
                continue;
            }
            let seg: Vec<usize> = route_a.jobs[s - 1..e].to_vec();
            let new = if ra == rb {
                let mut jobs: Vec<usize> = route_a.jobs.clone();
                jobs.drain(s - 1..e);
                // Node p + 1 shifts left by len when it came after the string.
                let at = if p >= e { p - len } else { p };
                jobs.splice(at..at, seg.iter().copied());
                build(model, route_a.tour, jobs, &[]).map(|r| vec![(ra, r)])
            } else if !in_time(model, route_b, p, &seg, route_b, p + 1)
                || !in_time(model, route_a, s - 1, &[], route_a, e + 1)
            {
                None
            } else {
                let mut ja = route_a.jobs.clone();
                ja.drain(s - 1..e);
                let mut jb = route_b.jobs.clone();
                jb.splice(p..p, seg.iter().copied());
                build(model, route_b.tour, jb, &seg).and_then(|y| {
                    build(model, route_a.tour, ja, &[]).map(|x| vec![(ra, x), (rb, y)])
                })
            };
            if let Some(new) = new
                && commit(plan, new)
            {
                return true;
            }
        }
    }
    false
}

/// Exchanges the jobs at node `ia` of `ra` and node `ib` of `rb`.
fn swap(model: &Model, plan: &mut Plan, ra: usize, ia: usize, rb: usize, ib: usize) -> bool {
    if ra == rb && ia.abs_diff(ib) <= 1 {
        // Adjacent swaps are or-opt moves of one job.
        return false;
    }
    let (route_a, route_b) = (&plan.routes[ra], &plan.routes[rb]);
    let (a, b) = (route_a.jobs[ia - 1], route_b.jobs[ib - 1]);
    let (la, lb) = (loc(model, route_a, ia), loc(model, route_b, ib));
    let (pa, na) = (loc(model, route_a, ia - 1), loc(model, route_a, ia + 1));
    let (pb, nb) = (loc(model, route_b, ib - 1), loc(model, route_b, ib + 1));
    let delta = t(model, pa, lb) + t(model, lb, na) - t(model, pa, la) - t(model, la, na)
        + t(model, pb, la)
        + t(model, la, nb)
        - t(model, pb, lb)
        - t(model, lb, nb);
    if delta >= -1e-7 {
        return false;
    }
    let new = if ra == rb {
        let mut jobs = route_a.jobs.clone();
        jobs.swap(ia - 1, ib - 1);
        build(model, route_a.tour, jobs, &[]).map(|r| vec![(ra, r)])
    } else if !in_time(model, route_a, ia - 1, &[b], route_a, ia + 1)
        || !in_time(model, route_b, ib - 1, &[a], route_b, ib + 1)
    {
        None
    } else {
        let mut ja = route_a.jobs.clone();
        let mut jb = route_b.jobs.clone();
        ja[ia - 1] = b;
        jb[ib - 1] = a;
        build(model, route_a.tour, ja, &[b])
            .and_then(|x| build(model, route_b.tour, jb, &[a]).map(|y| vec![(ra, x), (rb, y)]))
    };
    new.is_some_and(|new| commit(plan, new))
}

/// 2-opt*: `ra` keeps its jobs up to `a` and continues with `b` and the rest of `rb`;
/// `rb` keeps its jobs before `b` and continues with the rest of `ra`. Tours keep their own
/// depots, day and van; every job that changes tour must be allowed on it.
fn two_opt_star(
    model: &Model,
    plan: &mut Plan,
    ra: usize,
    ia: usize,
    rb: usize,
    ib: usize,
) -> bool {
    let (route_a, route_b) = (&plan.routes[ra], &plan.routes[rb]);
    let (la, na) = (loc(model, route_a, ia), loc(model, route_a, ia + 1));
    let (pb, lb) = (loc(model, route_b, ib - 1), loc(model, route_b, ib));
    let enda = loc(model, route_a, route_a.jobs.len() + 1);
    let endb = loc(model, route_b, route_b.jobs.len() + 1);
    // With different end depots the tails' last legs change too.
    let last_a = loc(model, route_a, route_a.jobs.len());
    let last_b = loc(model, route_b, route_b.jobs.len());
    let tail_a_empty = ia == route_a.jobs.len();
    let head_b_empty = ib == 1;
    let mut delta = t(model, la, lb) - t(model, la, na) - t(model, pb, lb);
    delta += if tail_a_empty {
        t(model, pb, endb)
    } else {
        t(model, pb, na)
    };
    if enda != endb {
        delta += t(model, last_b, enda) - t(model, last_b, endb);
        if !tail_a_empty {
            delta += t(model, last_a, endb) - t(model, last_a, enda);
        }
    }
    if head_b_empty && tail_a_empty {
        // rb would become empty: no depot legs remain.
        delta -= t(model, pb, endb);
    }
    if delta >= -1e-7
        || !in_time(model, route_a, ia, &[], route_b, ib)
        || !in_time(model, route_b, ib - 1, &[], route_a, ia + 1)
    {
        return false;
    }
    let tail_a: Vec<usize> = route_a.jobs[ia..].to_vec();
    let tail_b: Vec<usize> = route_b.jobs[ib - 1..].to_vec();
    let mut ja = route_a.jobs[..ia].to_vec();
    ja.extend_from_slice(&tail_b);
    let mut jb = route_b.jobs[..ib - 1].to_vec();
    jb.extend_from_slice(&tail_a);
    let new = build(model, route_a.tour, ja, &tail_b)
        .and_then(|x| build(model, route_b.tour, jb, &tail_a).map(|y| vec![(ra, x), (rb, y)]));
    new.is_some_and(|new| commit(plan, new))
}

/// Cross-exchange between two tours: the string of `la` jobs just after node `ia` of `ra`
/// trades places with the string of `lb` jobs starting at node `ib` of `rb`, for
/// `la, lb` in `0..=`[`MAX_SEGMENT`], so `a` is followed by `b` afterwards. Empty strings
/// make it a relocate or or-opt, single jobs a swap. The jobs served stay the same, so the
/// value does too and only less driving counts as better (a tour left empty drives none).
fn cross_exchange(
    model: &Model,
    plan: &mut Plan,
    ra: usize,
    ia: usize,
    rb: usize,
    ib: usize,
) -> bool {
    let (na, nb) = (plan.routes[ra].jobs.len(), plan.routes[rb].jobs.len());
    for la in 0..=MAX_SEGMENT.min(na - ia) {
        for lb in 0..=MAX_SEGMENT.min(nb + 1 - ib) {
            if la + lb > 0 && cross_strings(model, plan, (ra, ia, la), (rb, ib, lb)) {
                return true;
            }
        }
    }
    false
}

/// Driving from location `from` through the jobs of `seg` to location `to`.
fn through(model: &Model, from: usize, seg: &[usize], to: usize) -> f64 {
    let mut at = from;
    let mut sum = 0.0;
    for &j in seg {
        let l = model.inst.jobs[j].location;
        sum += t(model, at, l);
        at = l;
    }
    sum + t(model, at, to)
}

/// One cross-exchange: jobs `ia + 1..=ia + la` of route `ra` and `ib..ib + lb` of `rb`
/// (node numbers) trade places, when that drives less and keeps every rule.
fn cross_strings(
    model: &Model,
    plan: &mut Plan,
    (ra, ia, la): (usize, usize, usize),
    (rb, ib, lb): (usize, usize, usize),
) -> bool {
    let (route_a, route_b) = (&plan.routes[ra], &plan.routes[rb]);
    let seg_a = &route_a.jobs[ia..ia + la];
    let seg_b = &route_b.jobs[ib - 1..ib - 1 + lb];
    // Ends of the gap each string leaves: (a, node after string A), (before b, after B).
    let (a, after_a) = (loc(model, route_a, ia), loc(model, route_a, ia + la + 1));
    let (before_b, after_b) = (loc(model, route_b, ib - 1), loc(model, route_b, ib + lb));
    let old_a = through(model, a, seg_a, after_a);
    let old_b = through(model, before_b, seg_b, after_b);
    let new_a = through(model, a, seg_b, after_a);
    let new_b = through(model, before_b, seg_a, after_b);
    let (delta_a, delta_b) = (new_a - old_a, new_b - old_b);
    if delta_a + delta_b >= -1e-7 {
        return false;
    }
    if !rules::admits(model, route_a, seg_b, seg_a)
        || !rules::admits(model, route_b, seg_a, seg_b)
        || !rules::fits(model, route_a, delta_a)
        || !rules::fits(model, route_b, delta_b)
        || !in_time(model, route_a, ia, seg_b, route_a, ia + la + 1)
        || !in_time(model, route_b, ib - 1, seg_a, route_b, ib + lb)
    {
        return false;
    }
    let (seg_a, seg_b) = (seg_a.to_vec(), seg_b.to_vec());
    let mut ja = route_a.jobs.clone();
    ja.splice(ia..ia + la, seg_b.iter().copied());
    let mut jb = route_b.jobs.clone();
    jb.splice(ib - 1..ib - 1 + lb, seg_a.iter().copied());
    let new = build(model, route_a.tour, ja, &seg_b)
        .and_then(|x| build(model, route_b.tour, jb, &seg_a).map(|y| vec![(ra, x), (rb, y)]));
    new.is_some_and(|new| commit(plan, new))
}

/// Prize: an unserved job takes the place of a nearby served job worth less; then unserved
/// jobs are inserted wherever they fit. Returns whether the value grew.
fn replace_and_insert(model: &Model, plan: &mut Plan, insertions: &mut Insertions) -> bool {
    let inst = model.inst;
    let mut improved = false;
    let pool: Vec<usize> = plan
        .unserved()
        .filter(|&u| worth_serving(model, u))
        .collect();
    for u in pool {
        if let Some((r, ins)) = (0..plan.routes.len())
            .filter_map(|r| {
                insertions
                    .best(model, &plan.routes[r], u)
                    .by_added
                    .map(|i| (r, i))
            })
            .min_by(|x, y| x.1.added.total_cmp(&y.1.added))
        {
            plan.insert(model, u, r, ins.pos);
            improved = true;
            continue;
        }
        for &s in model.neighbours[u].iter().take(GRANULARITY) {
            let s = s as usize;
            let Some(r) = plan.route_of(s) else { continue };
            if model.rank[s] > 0 || inst.jobs[s].value >= inst.jobs[u].value {
                continue;
            }
            let route = &plan.routes[r];
            let at = route.jobs.iter().position(|&j| j == s).unwrap();
            let mut jobs = route.jobs.clone();
            jobs[at] = u;
            if let Some(new) = build(model, route.tour, jobs, &[u]) {
                plan.put_route(r, new);
                improved = true;
                break;
            }
        }
    }
    improved
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::instance::{Instance, Job, Matrix, Objective, Tour, Window};

    fn job(x: usize, value: f64) -> Job {
        Job {
            name: format!("j{x}"),
            location: x,
            value,
            service_fixed: 0.0,
            service_work: 0.0,
            windows: vec![Window {
                open: 0.0,
                close: 1000.0,
            }],
            finish_by_close: false,
            days: 1,
            requires: 0,
            load: 0.0,
            mandatory: false,
            promise: Default::default(),
            van: None,
        }
    }

    /// Locations on a line at x = 0 (depot), 1..=n.
    fn line(n: usize, tours: usize, end: f64, objective: Objective) -> Instance {
        let m = Matrix::from_fn(n + 1, |a, b| (a as f64 - b as f64).abs());
        Instance {
            time: m.clone(),
            distance: m,
            jobs: (1..=n).map(|x| job(x, x as f64)).collect(),
            tours: (0..tours)
                .map(|_| Tour {
                    van: 0,
                    day: 0,
                    start_location: 0,
                    end_location: 0,
                    start: 0.0,
                    end,
                    breaks: vec![],
                    equipment: 0,
                    sets: 1,
                    capacity: 100.0,
                    max_drive: 1000.0,
                })
                .collect(),
            objective,
        }
    }

    #[test]
    fn untangles_a_zigzag_route_and_keeps_rules() {
        let inst = line(6, 2, 1000.0, Objective::VisitAll);
        let model = Model::new(&inst);
        let mut plan = Plan::empty(&model);
        for (pos, j) in [3, 0, 5, 1, 4, 2].into_iter().enumerate() {
            plan.insert(&model, j, 0, pos);
        }
        let before = plan.score(&model).travel;
        local_search(&model, &mut plan, &mut Insertions::new(&model));
        let after = plan.score(&model);
        assert!(after.travel < before, "{} !< {before}", after.travel);
        assert_eq!(after.travel, 12.0, "{:?}", plan.solution());
        assert_eq!(plan.served_count(), 6);
        assert!(plan.routes.iter().all(|r| r.feasible));
    }

    #[test]
    fn merges_tours_by_tail_exchange_and_relocate() {
        let inst = line(4, 2, 1000.0, Objective::VisitAll);
        let model = Model::new(&inst);
        let mut plan = Plan::empty(&model);
        plan.insert(&model, 0, 0, 0);
        plan.insert(&model, 2, 0, 1);
        plan.insert(&model, 1, 1, 0);
        plan.insert(&model, 3, 1, 1);
        local_search(&model, &mut plan, &mut Insertions::new(&model));
        assert_eq!(plan.score(&model).travel, 8.0, "{:?}", plan.solution());
    }

    #[test]
    fn replaces_a_cheap_job_by_a_valuable_one_and_fills_free_time() {
        // Room for one job (load 1 of capacity 1): the most valuable one should win.
        let mut inst = line(3, 1, 1000.0, Objective::Prize);
        for j in &mut inst.jobs {
            j.load = 1.0;
        }
        inst.tours[0].capacity = 1.0;
        let model = Model::new(&inst);
        let mut plan = Plan::empty(&model);
        plan.insert(&model, 0, 0, 0);
        local_search(&model, &mut plan, &mut Insertions::new(&model));
        assert_eq!(plan.solution().routes, vec![vec![2]]);

        // Time for every job: the unserved ones are inserted.
        let inst = line(3, 1, 6.0, Objective::Prize);
        let model = Model::new(&inst);
        let mut plan = Plan::empty(&model);
        plan.insert(&model, 0, 0, 0);
        local_search(&model, &mut plan, &mut Insertions::new(&model));
        assert_eq!(plan.score(&model).value, 6.0);
    }

    #[test]
    fn never_moves_a_job_to_a_tour_it_is_not_allowed_on() {
        let mut inst = line(4, 2, 1000.0, Objective::VisitAll);
        inst.tours[1].day = 1;
        let model = Model::new(&inst);
        let mut plan = Plan::empty(&model);
        plan.insert(&model, 0, 0, 0);
        plan.insert(&model, 3, 0, 1);
        plan.insert(&model, 1, 0, 2);
        plan.insert(&model, 2, 0, 3);
        local_search(&model, &mut plan, &mut Insertions::new(&model));
        assert!(plan.routes[1].jobs.is_empty());
        assert_eq!(plan.score(&model).travel, 8.0);
    }

    /// Tour 0 starts and ends at P = (10, 0), tour 1 at Q = (0, 10). Tour 0 serves x, q1,
    /// q2, x' and tour 1 serves y, p1, p2, y', where x, x', p1, p2 stand at P and y, y', q1,
    /// q2 at Q; every tour is full (load 4 of 4), so no job can simply move.
    fn crossed() -> Instance {
        let (p, q): ((f64, f64), (f64, f64)) = ((10.0, 0.0), (0.0, 10.0));
        let at = [p, p, p, p, q, q, q, q];
        let m = Matrix::from_fn(at.len(), |a, b| {
            (at[a].0 - at[b].0).hypot(at[a].1 - at[b].1)
        });
        let tour = |depot| Tour {
            van: 0,
            day: 0,
            start_location: depot,
            end_location: depot,
            start: 0.0,
            end: 1000.0,
            breaks: vec![],
            equipment: 0,
            sets: 1,
            capacity: 4.0,
            max_drive: 1000.0,
        };
        Instance {
            time: m.clone(),
            distance: m,
            jobs: (0..at.len())
                .map(|x| Job {
                    load: 1.0,
                    ..job(x, 1.0)
                })
                .collect(),
            tours: vec![tour(0), tour(4)],
            objective: Objective::VisitAll,
        }
    }

    #[test]
    fn cross_exchange_trades_strings_no_other_move_improves() {
        // Jobs: 0 x, 1 x', 2 p1, 3 p2 at P; 4 y, 5 y', 6 q1, 7 q2 at Q.
        let inst = crossed();
        let model = Model::new(&inst);
        let mut plan = Plan::empty(&model);
        plan.set_route(&model, 0, vec![0, 6, 7, 1]);
        plan.set_route(&model, 1, vec![4, 2, 3, 5]);
        let before = plan.score(&model).travel;
        assert!((before - 4.0 * 200f64.sqrt()).abs() < 1e-9, "{before}");

        type Move = fn(&Model, &mut Plan, usize, usize, usize, usize) -> bool;
        let others: [Move; 3] = [or_opt, swap, two_opt_star];
        for (m, other) in others.iter().enumerate() {
            for ra in 0..2 {
                for rb in 0..2 {
                    for ia in 1..=4 {
                        for ib in 1..=4 {
                            let mut trial = plan.clone();
                            if m == 2 && ra == rb {
                                continue;
                            }
                            assert!(
                                !other(&model, &mut trial, ra, ia, rb, ib),
                                "move {m} improved at {ra}:{ia} {rb}:{ib}: {:?}",
                                trial.solution()
                            );
                        }
                    }
                }
            }
        }

        local_search(&model, &mut plan, &mut Insertions::new(&model));
        let after = plan.score(&model).travel;
        assert_eq!(after, 0.0, "{:?}", plan.solution());
        let routes = plan.solution().routes;
        let mut sorted: Vec<Vec<usize>> = routes
            .iter()
            .map(|r| {
                let mut r = r.clone();
                r.sort();
                r
            })
            .collect();
        sorted.sort();
        assert_eq!(sorted, vec![vec![0, 1, 2, 3], vec![4, 5, 6, 7]]);
        let verified = crate::solve::verify(&inst, &plan.solution()).expect("verifier accepts");
        assert_eq!(verified.tours.len(), 2);
    }

    #[test]
    fn cross_exchange_keeps_windows_and_passes_the_verifier() {
        // As above, but p1 and p2 may only start from 500: the exchange still pays off
        // (tour 0 waits at P), and the verifier sees the window kept.
        let mut inst = crossed();
        for j in [2, 3] {
            inst.jobs[j].windows = vec![Window {
                open: 500.0,
                close: 600.0,
            }];
        }
        let model = Model::new(&inst);
        let mut plan = Plan::empty(&model);
        plan.set_route(&model, 0, vec![0, 6, 7, 1]);
        plan.set_route(&model, 1, vec![4, 2, 3, 5]);
        assert!(plan.routes.iter().all(|r| r.feasible));
        local_search(&model, &mut plan, &mut Insertions::new(&model));
        assert_eq!(plan.score(&model).travel, 0.0, "{:?}", plan.solution());
        let verified = crate::solve::verify(&inst, &plan.solution()).expect("verifier accepts");
        let windowed: Vec<f64> = verified.tours[0]
            .visits
            .iter()
            .filter(|v| v.job == 2 || v.job == 3)
            .map(|v| v.start)
            .collect();
        assert_eq!(windowed.len(), 2);
        assert!(windowed.iter().all(|&s| s >= 500.0), "{windowed:?}");
    }

    #[test]
    fn cross_exchange_respects_equipment() {
        // p1 and p2 need equipment only tour 1 carries: they must stay on tour 1.
        let mut inst = crossed();
        inst.tours[1].equipment = 1;
        inst.jobs[2].requires = 1;
        inst.jobs[3].requires = 1;
        let model = Model::new(&inst);
        let mut plan = Plan::empty(&model);
        plan.set_route(&model, 0, vec![0, 6, 7, 1]);
        plan.set_route(&model, 1, vec![4, 2, 3, 5]);
        local_search(&model, &mut plan, &mut Insertions::new(&model));
        let routes = plan.solution().routes;
        assert!(
            routes[1].contains(&2) && routes[1].contains(&3),
            "{routes:?}"
        );
        crate::solve::verify(&inst, &plan.solution()).expect("verifier accepts");
    }
}
