//! The first plan: greedy insertion, one job at a time, always the best-rated feasible
//! insertion over all jobs and tours. Jobs that must be served come first, then insertions
//! into tours already in use, then the policy's rating (for Prize, value² per time used; for
//! VisitAll the least added driving, a new tour opening with the farthest job that fits).

use super::plan::Plan;
use super::route::{Insertion, Model};

/// Whether a Prize search should bother serving `job` at all.
pub fn worth_serving(model: &Model, job: usize) -> bool {
    model.rank[job] > 0 || model.inst.jobs[job].value > 0.0
}

pub fn construct(model: &Model) -> Plan {
    complete(model, Plan::empty(model))
}

/// Inserts the jobs `plan` does not serve yet, best-rated first, as far as they fit.
pub fn complete(model: &Model, mut plan: Plan) -> Plan {
    let inst = model.inst;
    let (nj, nt) = (inst.jobs.len(), inst.tours.len());
    let mut candidates: Vec<usize> = (0..nj)
        .filter(|&j| !plan.is_served(j) && worth_serving(model, j))
        .collect();
    // best[j * nt + t]: the cheapest insertion of job j into tour t.
    let mut best: Vec<Option<Insertion>> = vec![None; nj * nt];
    let refresh = |plan: &Plan, best: &mut Vec<Option<Insertion>>, jobs: &[usize], t: usize| {
        for &j in jobs {
            best[j * nt + t] =
                plan.routes[t]
                    .best_insertion(model, j, model.policy.places_by_time_used(), || false);
        }
    };
    for t in 0..nt {
        refresh(&plan, &mut best, &candidates, t);
    }
    loop {
        let mut choice: Option<(usize, usize, Insertion, Rating)> = None;
        for &j in &candidates {
            for t in 0..nt {
                let Some(ins) = best[j * nt + t] else {
                    continue;
                };
                let rating = rate(model, &plan, j, t, ins);
                if choice.as_ref().is_none_or(|c| better(rating, c.3)) {
                    choice = Some((j, t, ins, rating));
                }
            }
        }
        let Some((j, t, ins, _)) = choice else { break };
        plan.insert(model, j, t, ins.pos);
        candidates.retain(|&c| c != j);
        refresh(&plan, &mut best, &candidates, t);
    }
    plan
}

/// (must-serve, then promised; uses a tour already in use; rating): higher is better.
type Rating = (u8, bool, f64);

fn rate(model: &Model, plan: &Plan, job: usize, tour: usize, ins: Insertion) -> Rating {
    let (in_use, rating) = model.policy.rate(model, &plan.routes[tour], job, ins);
    (model.rank[job], in_use, rating)
}

fn better(a: Rating, b: Rating) -> bool {
    a.partial_cmp(&b) == Some(std::cmp::Ordering::Greater)
}
