//! Promises made before planning: visits already made (before a re-plan's first day), visits
//! announced or agreed, and requests with deadlines.
//!
//! Before solving, [`pin`] turns each into a rule of the instance: its job may only go on the
//! promised van and day, start within the promised time (± the tolerance), and is urgent (the
//! search keeps it before weighing any value, yet a plan without it still stands). After
//! solving, [`judge`] says of each whether it was kept, and if not, why and where the stop is
//! served instead.

use chrono::NaiveDate;

use super::fill::Kept;
use super::model::{Plan, Promise};
use crate::clock::Clock;
use crate::groups::People;
use crate::promise::{Broken, Made, Placement};
use crate::reason::Why;
use crate::scenario::Prepared;
use crate::scenario::build;
use crate::solve::Promise as Priority;
use crate::solve::latest_service_start;
use crate::solve::{Solution, Window};

/// A promise, before it is pinned.
#[derive(Clone, Debug, PartialEq)]
pub struct Promised {
    pub made: Made,
    /// The stop's name, and its index among the scenario's stops (`None` when the scenario
    /// no longer has it), and which part of it.
    pub name: String,
    pub stop: Option<usize>,
    pub part: usize,
    pub parts: usize,
    /// The promised van (an index into the scenario's vans), for a visit.
    pub van: Option<usize>,
    /// The people a kept plan's visit records; `None` for the part's share of the stop.
    pub people: Option<People>,
}

/// A promise pinned into the instance: its job, and why it was broken before solving.
#[derive(Clone, Debug, PartialEq)]
pub struct Pinned {
    pub job: Option<usize>,
    pub broken: Option<Broken>,
}

/// The promises the scenario itself makes: its commitments, and its requests (each to be
/// served by its deadline).
pub fn of_scenario(prepared: &Prepared) -> Vec<Promised> {
    let scenario = &prepared.scenario;
    let commitments = scenario.commitments.iter().map(|c| Promised {
        made: Made::Announced {
            van: scenario.vans[c.van].name.clone(),
            date: c.date,
            start: Clock::from_seconds(c.start),
            tolerance_s: scenario.tolerance.round() as u32,
        },
        name: scenario.stops[c.stop].name.clone(),
        stop: Some(c.stop),
        part: 1,
        parts: scenario_parts(prepared, c.stop),
        van: Some(c.van),
        people: None,
    });
    let first_request = scenario.stops.len() - scenario.requests.len();
    // A request with nobody left to record (a campaign's later week) is done.
    let open = |stop: usize| prepared.built.jobs.iter().any(|j| j.stop == stop);
    let requests = scenario.requests.iter().enumerate().filter_map(|(k, q)| {
        let stop = first_request + k;
        open(stop).then(|| Promised {
            made: Made::Request {
                id: q.id.clone(),
                deadline: q.deadline,
                approximate: q.approximate,
            },
            name: scenario.stops[stop].name.clone(),
            stop: Some(stop),
            part: 1,
            parts: scenario_parts(prepared, stop),
            van: None,
            people: None,
        })
    });
    let mut out: Vec<Promised> = commitments.chain(requests).collect();
    out.extend(super::targets::promises(prepared));
    out
}

/// A promise to go back to `stop`, where nobody came on `nobody_on`; none when the stop
/// has nobody left to record.
pub fn revisit(prepared: &Prepared, stop: usize, nobody_on: NaiveDate) -> Option<Promised> {
    prepared
        .built
        .jobs
        .iter()
        .any(|j| j.stop == stop)
        .then(|| Promised {
            made: Made::Revisit { nobody_on },
            name: prepared.scenario.stops[stop].name.clone(),
            stop: Some(stop),
            part: 1,
            parts: scenario_parts(prepared, stop),
            van: None,
            people: None,
        })
}

/// How many parts the instance splits a stop into.
fn scenario_parts(prepared: &Prepared, stop: usize) -> usize {
    prepared
        .built
        .jobs
        .iter()
        .find(|j| j.stop == stop)
        .map_or(1, |j| j.parts)
}

/// Pins every promise into the prepared instance (see the module docs).
pub fn pin(prepared: &mut Prepared, promised: &[Promised]) -> Vec<Pinned> {
    let mut taken = vec![false; prepared.built.jobs.len()];
    let pinned: Vec<Pinned> = promised
        .iter()
        .map(|p| pin_one(prepared, p, &mut taken))
        .collect();
    // The stop of a kept visit sized from the kept plan: its other parts share what is left,
    // so that the week never records a stop beyond its people.
    let mut kept: Vec<Option<People>> = vec![None; prepared.scenario.stops.len()];
    for (p, pin) in promised.iter().zip(&pinned) {
        if let (Some(_), Some(j)) = (p.people, pin.job) {
            let info = &prepared.built.jobs[j];
            kept[info.stop] = Some(kept[info.stop].unwrap_or_default() + info.people);
        }
    }
    for (stop, kept) in kept.iter().enumerate() {
        let Some(kept) = kept else { continue };
        let left = prepared.scenario.stops[stop].people.less(kept);
        let others: Vec<usize> = (0..prepared.built.jobs.len())
            .filter(|&j| prepared.built.jobs[j].stop == stop)
            .filter(|&j| {
                !pinned
                    .iter()
                    .zip(promised)
                    .any(|(pin, p)| pin.job == Some(j) && p.people.is_some())
            })
            .collect();
        for (i, &j) in others.iter().enumerate() {
            let share = build::share(&left, i, others.len());
            build::set_people(&mut prepared.built, &prepared.scenario, j, share);
        }
    }
    pinned
}

/// What the plan keeps of the promised visits' people: the visits done exactly, the
/// announced ones as they were announced where the days allow.
pub fn kept(promised: &[Promised], pinned: &[Pinned]) -> Kept {
    let mut kept = Kept::default();
    for (p, pin) in promised.iter().zip(pinned) {
        let (Some(j), Some(people)) = (pin.job, p.people) else {
            continue;
        };
        match p.made {
            Made::Done { .. } => kept.done.push(j),
            Made::Announced { .. } => kept.announced.push((j, people)),
            _ => {}
        }
    }
    kept
}

fn pin_one(prepared: &mut Prepared, p: &Promised, taken: &mut [bool]) -> Pinned {
    let built = &prepared.built;
    // The same part if the stop is split the same way, else the stop's first part not yet
    // promised.
    let job = (0..built.jobs.len())
        .filter(|&j| !taken[j] && Some(built.jobs[j].stop) == p.stop)
        .min_by_key(|&j| {
            (
                built.jobs[j].part != p.part || built.jobs[j].parts != p.parts,
                j,
            )
        });
    let Some(j) = job else {
        return Pinned {
            job: None,
            broken: Some(Broken::StopRemoved),
        };
    };
    taken[j] = true;
    if let Some(people) = p.people {
        // A visit done recorded what it recorded. One announced keeps its van, day and
        // start, but may record fewer people, down to half, to make room for a request; the
        // search places it at half, and filling the day gives the rest back where it can.
        let size = match p.made {
            Made::Done { .. } => people,
            _ => people.portion(people.total().div_ceil(2)),
        };
        build::set_people(&mut prepared.built, &prepared.scenario, j, size);
    }
    let broken = match &p.made {
        Made::Done {
            date, start, van, ..
        }
        | Made::Announced {
            date, start, van, ..
        } => {
            // A visit done keeps its times to the second they were written with.
            let tolerance = match &p.made {
                Made::Announced { tolerance_s, .. } => f64::from(*tolerance_s),
                _ => 1.0,
            };
            let promised_van = p.van.expect("a visit names its van");
            let tour = prepared
                .built
                .tours
                .iter()
                .position(|t| t.van == promised_van && t.date == *date);
            match tour {
                None => Some(Broken::VanOff {
                    van: van.clone(),
                    date: *date,
                }),
                Some(t) => pin_visit(prepared, j, t, f64::from(start.seconds()), tolerance),
            }
        }
        Made::Required | Made::Revisit { .. } | Made::Target { .. } => None,
        Made::Request { deadline, .. } => {
            let job = &mut prepared.built.instance.jobs[j];
            job.promise = Priority::Requested;
            if let Some(deadline) = deadline {
                let by = day_mask(&prepared.scenario.dates, |d| d <= *deadline);
                job.days &= by;
                if by == 0 {
                    return Pinned {
                        job: Some(j),
                        broken: Some(Broken::DeadlinePassed {
                            deadline: *deadline,
                        }),
                    };
                }
            }
            None
        }
    };
    // A visit kept where it was promised comes first; a broken one, like a request, is best
    // served elsewhere, as near as the week allows.
    let visit = matches!(p.made, Made::Done { .. } | Made::Announced { .. });
    prepared.built.instance.jobs[j].promise = if visit && broken.is_none() {
        Priority::Announced
    } else {
        Priority::Requested
    };
    Pinned {
        job: Some(j),
        broken,
    }
}

/// Pins job `j` to tour `t`, starting within `tolerance` of `start` and inside the stop's
/// own windows; broken when no start is left.
fn pin_visit(
    prepared: &mut Prepared,
    j: usize,
    t: usize,
    start: f64,
    tolerance: f64,
) -> Option<Broken> {
    let inst = &mut prepared.built.instance;
    let tour = &inst.tours[t];
    let (van, day, sets) = (tour.van, tour.day, f64::from(tour.sets.max(1)));
    let breaks = tour.breaks.clone();
    let job = &mut inst.jobs[j];
    let service = job.service_fixed + job.service_work / sets;
    // The stop's windows as windows for the start of service, cut to the promised time.
    let windows: Vec<Window> = job
        .windows
        .iter()
        .filter_map(|w| {
            let last = if job.finish_by_close {
                latest_service_start(&breaks, w.close, service)
            } else {
                w.close
            };
            let open = w.open.max(start - tolerance);
            let close = last.min(start + tolerance);
            (open <= close).then_some(Window { open, close })
        })
        .collect();
    if windows.is_empty() {
        return Some(Broken::WindowChanged);
    }
    job.van = Some(van);
    job.days = 1 << day;
    job.windows = windows;
    job.finish_by_close = false;
    None
}

/// The bit mask of the week's days (indices into `dates`) that `keep` accepts.
pub fn day_mask(dates: &[NaiveDate], keep: impl Fn(NaiveDate) -> bool) -> u64 {
    dates
        .iter()
        .enumerate()
        .filter(|(_, d)| keep(**d))
        .fold(0, |mask, (i, _)| mask | 1 << i)
}

/// What became of each promise in `plan`.
pub fn judge(
    prepared: &Prepared,
    plan: &Plan,
    promised: &[Promised],
    pinned: &[Pinned],
) -> Vec<Promise> {
    promised
        .iter()
        .zip(pinned)
        .map(|(p, pin)| {
            let part = pin.job.map(|j| &prepared.built.jobs[j]);
            let (part_no, parts) = part.map_or((p.part, p.parts), |j| (j.part, j.parts));
            let exact = plan.visits().find(|(_, v)| {
                Some(v.stop.index) == p.stop && v.part == part_no && v.parts == parts
            });
            let placed = |day: &super::model::VanDay, start: Clock| Placement {
                van: day.van.name.clone(),
                date: day.date,
                start,
            };
            let kept = exact.is_some_and(|(day, v)| match &p.made {
                Made::Done {
                    van,
                    date,
                    start,
                    end,
                } => {
                    day.van.name == *van && day.date == *date && v.start == *start && v.end == *end
                }
                Made::Announced {
                    van,
                    date,
                    start,
                    tolerance_s,
                } => {
                    day.van.name == *van
                        && day.date == *date
                        && v.start.seconds().abs_diff(start.seconds()) <= tolerance_s + 1
                }
                Made::Request { deadline, .. } => deadline.is_none_or(|d| day.date <= d),
                Made::Required | Made::Revisit { .. } | Made::Target { .. } => true,
            });
            let served = match exact {
                Some((day, v)) => Some(placed(day, v.start)),
                // The nearest visit of the stop kept, in days from the promised one.
                None => {
                    let promised_date = match &p.made {
                        Made::Done { date, .. } | Made::Announced { date, .. } => Some(*date),
                        Made::Request { deadline, .. } => *deadline,
                        Made::Required | Made::Revisit { .. } | Made::Target { .. } => None,
                    };
                    plan.visits()
                        .filter(|(_, v)| Some(v.stop.index) == p.stop)
                        .min_by_key(|(day, v)| {
                            let days = promised_date
                                .map_or(0, |d| (day.date - d).num_days().unsigned_abs());
                            (days, v.start)
                        })
                        .map(|(day, v)| placed(day, v.start))
                }
            };
            let broken = if kept {
                None
            } else {
                Some(pin.broken.clone().unwrap_or_else(|| {
                    match plan.unvisited.iter().find(|u| {
                        Some(u.stop.index) == p.stop && u.part == part_no && u.parts == parts
                    }) {
                        Some(u) if u.reason != Why::NoTime => Broken::Rule {
                            why: u.reason.clone(),
                        },
                        _ => Broken::NoLongerFits,
                    }
                }))
            };
            Promise {
                stop: p.name.clone(),
                index: p.stop,
                part: part_no,
                parts,
                made: p.made.clone(),
                served,
                broken,
            }
        })
        .collect()
}

/// The routes to start the search from: every promised visit still pinned, on its van-day,
/// in the order promised (the kept plan's order when re-planning).
pub fn start_routes(prepared: &Prepared, promised: &[Promised], pinned: &[Pinned]) -> Solution {
    let built = &prepared.built;
    let mut routes = vec![Vec::new(); built.tours.len()];
    for (p, pin) in promised.iter().zip(pinned) {
        let (Some(job), None) = (pin.job, &pin.broken) else {
            continue;
        };
        if let (Some(van), Made::Done { date, .. } | Made::Announced { date, .. }) =
            (p.van, &p.made)
            && let Some(t) = built
                .tours
                .iter()
                .position(|t| t.van == van && t.date == *date)
        {
            routes[t].push(job);
        }
    }
    Solution { routes }
}
