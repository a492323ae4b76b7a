//! The scenario's `[targets]` as constraints: each target becomes promised visits (the
//! schools, kecamatan and stops the week must visit), which the search keeps before it weighs
//! any value, as it keeps requests. A target the week cannot keep is reported with the reason
//! of each promised visit it missed.

use super::model::Plan;
use super::promises::Promised;
use crate::groups::Group;
use crate::promise::{Goal, Made, Target, TargetResult};
use crate::scenario::{Prepared, Scenario};

/// The stops with people left that the week may visit on some day, with their first part's
/// job.
fn open_stops(prepared: &Prepared) -> Vec<(usize, usize)> {
    let mut seen = vec![false; prepared.scenario.stops.len()];
    let mut open = Vec::new();
    for (j, info) in prepared.built.jobs.iter().enumerate() {
        let job = &prepared.built.instance.jobs[j];
        if job.days != 0 && !std::mem::replace(&mut seen[info.stop], true) {
            open.push((info.stop, j));
        }
    }
    open
}

fn promise(prepared: &Prepared, stop: usize, target: Target) -> Promised {
    let parts = prepared
        .built
        .jobs
        .iter()
        .find(|j| j.stop == stop)
        .map_or(1, |j| j.parts);
    Promised {
        made: Made::Target { target },
        name: prepared.scenario.stops[stop].name.clone(),
        stop: Some(stop),
        part: 1,
        parts,
        van: None,
        people: None,
    }
}

/// The kecamatan the week must visit: a campaign's (`Scenario::kecamatan_due`), or for a
/// week planned alone, those that would wait too long if this week left them out.
fn due_now(prepared: &Prepared) -> Vec<(String, u32)> {
    let scenario = &prepared.scenario;
    if let Some(due) = &scenario.kecamatan_due {
        return due.clone();
    }
    let Some(weeks) = scenario.targets.every_kecamatan_within_weeks else {
        return Vec::new();
    };
    due(weeks, 0, &kecamatan(scenario, &[]))
}

/// Each kecamatan of the stops, whether it has people left, and the week of its last visit
/// (`last`, by name; none for those not in it).
pub fn kecamatan(
    scenario: &Scenario,
    last: &[(String, usize)],
) -> Vec<(String, bool, Option<usize>)> {
    let mut out: Vec<(String, bool, Option<usize>)> = Vec::new();
    for stop in &scenario.stops {
        let left = stop.people.total() > 0;
        match out.iter_mut().find(|(k, _, _)| *k == stop.kecamatan) {
            Some(entry) => entry.1 |= left,
            None => {
                let seen = last.iter().find(|(k, _)| *k == stop.kecamatan);
                out.push((stop.kecamatan.clone(), left, seen.map(|&(_, w)| w)));
            }
        }
    }
    out
}

/// The visits that keep the targets this week: the schools with the most pupils left, the
/// best stop of each kecamatan due a visit (see [`due_now`]), and the stops with the most
/// people of each group asked for until one visit each covers it. A stop already promised
/// for one target serves the others too.
pub fn promises(prepared: &Prepared) -> Vec<Promised> {
    let due = due_now(prepared);
    let scenario = &prepared.scenario;
    let targets = &scenario.targets;
    let open = open_stops(prepared);
    let mut out: Vec<Promised> = Vec::new();
    let taken = |out: &[Promised], stop: usize| out.iter().any(|p| p.stop == Some(stop));

    if let Some(mornings) = targets.school_mornings_per_week {
        let mut schools: Vec<usize> = open
            .iter()
            .map(|&(s, _)| s)
            .filter(|&s| scenario.stops[s].is_school())
            .collect();
        schools.sort_by_key(|&s| (std::cmp::Reverse(scenario.stops[s].people.total()), s));
        for s in schools.into_iter().take(mornings as usize) {
            out.push(promise(prepared, s, Target::SchoolMorning));
        }
    }
    // A kecamatan none of whose stops the week may visit (its schools on holiday) still gets
    // its best stop asked for, so that the miss is listed with its reason.
    let mut with_people: Vec<usize> = prepared.built.jobs.iter().map(|j| j.stop).collect();
    with_people.dedup();
    for (kecamatan, weeks) in &due {
        let best = with_people
            .iter()
            .copied()
            .filter(|&s| scenario.stops[s].kecamatan == *kecamatan)
            .max_by(|&a, &b| {
                let open = |s: usize| open.iter().any(|&(o, _)| o == s);
                let value = |s: usize| scenario.weights.dot(&scenario.stops[s].people);
                (open(a).cmp(&open(b)))
                    .then(value(a).total_cmp(&value(b)))
                    .then(b.cmp(&a))
            });
        if let Some(s) = best.filter(|&s| !taken(&out, s)) {
            let target = Target::Kecamatan {
                kecamatan: kecamatan.clone(),
                weeks: *weeks,
            };
            out.push(promise(prepared, s, target));
        }
    }
    for group in Group::ALL {
        let Some(at_least) = targets.min_people[group] else {
            continue;
        };
        // What one visit surely records there: the first part's people.
        let mut stops: Vec<(u32, usize)> = open
            .iter()
            .map(|&(s, j)| (prepared.built.jobs[j].people[group], s))
            .filter(|&(n, _)| n > 0)
            .collect();
        stops.sort_by_key(|&(n, s)| (std::cmp::Reverse(n), s));
        let mut covered: u32 = out
            .iter()
            .filter_map(|p| p.stop)
            .filter_map(|s| open.iter().find(|(o, _)| *o == s))
            .map(|&(_, j)| prepared.built.jobs[j].people[group])
            .sum();
        for (n, s) in stops {
            if covered >= at_least {
                break;
            }
            if !taken(&out, s) {
                out.push(promise(prepared, s, Target::People { group, at_least }));
                covered += n;
            }
        }
    }
    out
}

/// How the plan keeps each target the scenario sets.
pub fn results(prepared: &Prepared, plan: &Plan) -> Vec<TargetResult> {
    let due = due_now(prepared);
    let scenario = &prepared.scenario;
    let targets = &scenario.targets;
    let mut out = Vec::new();
    if let Some(mornings) = targets.school_mornings_per_week {
        let open_schools = open_stops(prepared)
            .iter()
            .filter(|&&(s, _)| scenario.stops[s].is_school())
            .count() as u32;
        let got = plan
            .visits()
            .filter(|(_, v)| v.start.seconds() < 12 * 3600)
            .filter(|(_, v)| scenario.stops[v.stop.index].is_school())
            .count() as u32;
        out.push(TargetResult {
            goal: Goal::SchoolMornings { open_schools },
            wanted: if open_schools == 0 { 0 } else { mornings },
            got,
        });
    }
    if let (Some(weeks), false) = (targets.every_kecamatan_within_weeks, due.is_empty()) {
        let visited = due
            .iter()
            .filter(|(k, _)| {
                plan.visits()
                    .any(|(_, v)| scenario.stops[v.stop.index].kecamatan == *k)
            })
            .count();
        out.push(TargetResult {
            goal: Goal::KecamatanVisits { weeks },
            wanted: due.len() as u32,
            got: visited as u32,
        });
    }
    for group in Group::ALL {
        if let Some(at_least) = targets.min_people[group] {
            out.push(TargetResult {
                goal: Goal::People { group },
                wanted: at_least,
                got: plan.totals.served[group],
            });
        }
    }
    out
}

/// The kecamatan that must be visited in week `week` of a campaign: those with people left
/// whose last visit (or the campaign's start, for none yet) is `weeks` weeks back or more.
/// `last[k]` is the week of kecamatan `k`'s last visit.
pub fn due(
    weeks: u32,
    week: usize,
    kecamatan: &[(String, bool, Option<usize>)],
) -> Vec<(String, u32)> {
    kecamatan
        .iter()
        .filter(|(_, people_left, _)| *people_left)
        .filter(|(_, _, last)| {
            // Weeks without a visit, counting this one: from the last visit, or from the start.
            let waited = last.map_or(week + 1, |l| week - l);
            waited >= weeks as usize
        })
        .map(|(k, _, _)| (k.clone(), weeks))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kecamatan_is_due_when_it_would_otherwise_wait_longer() {
        let k = |name: &str, left, last| (name.to_string(), left, last);
        let all = [
            k("Barat", true, None),
            k("Bendo", true, Some(0)),
            k("Karas", false, None),
        ];
        // Every 2 weeks: week 0 is the first without a visit, so nobody is due yet.
        assert!(due(2, 0, &all).is_empty());
        // Week 1: Barat has gone weeks 0 and 1 without one; Bendo was visited in week 0.
        assert_eq!(due(2, 1, &all), vec![("Barat".to_string(), 2)]);
        assert_eq!(due(2, 2, &all).len(), 2);
        // Every week: all with people left.
        assert_eq!(due(1, 1, &all).len(), 2);
    }
}
