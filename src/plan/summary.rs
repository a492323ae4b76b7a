//! The terminal summary of a plan, readable in ten seconds.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::coverage::by_kecamatan;
use super::model::{Plan, Promise};
use crate::groups::{Group, percent};
use crate::i18n::{Key, Lang, Message, PlanMsg, TargetMsg};
use crate::reason::Category;
use crate::scenario::Scenario;
use crate::solve::Stopped;

/// How many stops left out for lack of time the summary names before it counts the rest.
const NO_TIME_SHOWN: usize = 5;

/// The summary in `lang` (words, dates and numbers): people against targets, per group and
/// per kecamatan, the van-days and what was left out. The optimizer's value is not here: it
/// means nothing to the office (the CLI logs it with `--timings`).
pub fn summary(plan: &Plan, scenario: &Scenario, lang: Lang) -> String {
    let mut s = String::new();
    let totals = &plan.totals;
    let _ = writeln!(
        s,
        "{} — {} {} ({} {})",
        plan.scenario.name,
        lang.t(Key::WeekOf),
        lang.date_long(plan.week.start),
        plan.week.dates.len(),
        lang.t(Key::Days)
    );
    promises(&mut s, plan, lang);
    targets(&mut s, plan, lang);
    for off in &plan.week.days_off {
        let _ = writeln!(
            s,
            "{}: {} — {}{}",
            lang.t(Key::DayOff),
            lang.date_long(off.date),
            off.name,
            if off.decided {
                String::new()
            } else {
                format!(" ({})", lang.t(Key::NotYetDecided))
            }
        );
    }
    let _ = writeln!(
        s,
        "{}: {}",
        lang.t(Key::Travel),
        lang.travel(&plan.scenario.travel)
    );
    if let Some(search) = plan.search
        && search.stopped == Stopped::TimeLimit
    {
        let iterations = search.iterations;
        let _ = writeln!(s, "{}", PlanMsg::StoppedOnTime { iterations }.get(lang));
    }
    let _ = writeln!(
        s,
        "{:<26}{:>12}{:>12}{:>12}",
        lang.t(Key::People),
        lang.t(Key::Target),
        lang.t(Key::Achieved),
        lang.t(Key::Share)
    );
    let line = |s: &mut String, name: &str, target: u32, achieved: u32| {
        let _ = writeln!(
            s,
            "  {:<24}{:>12}{:>12}{:>11}%",
            name,
            lang.int(target.into()),
            lang.int(achieved.into()),
            lang.dec(percent(achieved, target), 1)
        );
    };
    for group in Group::ALL {
        line(
            &mut s,
            lang.group(group),
            totals.demand[group],
            totals.served[group],
        );
    }
    let _ = writeln!(s, "{}:", lang.t(Key::CoverageByKecamatan));
    for row in by_kecamatan(plan, scenario) {
        line(
            &mut s,
            &row.kecamatan,
            row.target.total(),
            row.achieved.total(),
        );
    }
    let _ = writeln!(
        s,
        "{}: {} {} ({} {}), {} {}",
        lang.t(Key::Stops),
        totals.stops_visited,
        lang.t(Key::Visited),
        totals.stops_partly_visited,
        lang.t(Key::Partly),
        totals.stops_unvisited,
        lang.t(Key::Unvisited),
    );
    let _ = writeln!(s, "{}:", lang.t(Key::VanDays));
    for d in &plan.van_days {
        if d.visits.is_empty() {
            let _ = writeln!(
                s,
                "  {:<14} {:<26}  {}",
                d.van.name,
                lang.date_long(d.date),
                lang.t(Key::NoVisits)
            );
            continue;
        }
        let _ = writeln!(
            s,
            "  {:<14} {:<26}  {:>2} {}  {:>6} km  {} {:>4} {h}  {}-{} ({} {h})",
            d.van.name,
            lang.date_long(d.date),
            d.visits.len(),
            lang.t(match d.visits.len() {
                1 => Key::StopShort,
                _ => Key::StopsShort,
            }),
            lang.dec(d.km(), 1),
            lang.t(Key::Drive),
            lang.dec(d.drive_seconds / 3600.0, 1),
            lang.clock(d.depart),
            lang.clock(d.back),
            lang.dec(d.work_hours(), 1),
            h = lang.t(Key::Hours)
        );
    }
    let _ = writeln!(s, "{}", plan.totals.shift.words().get(lang));
    if !plan.unvisited.is_empty() {
        let mut counts: BTreeMap<Category, usize> = BTreeMap::new();
        for u in &plan.unvisited {
            *counts.entry(u.reason.category()).or_default() += 1;
        }
        let counts: Vec<String> = counts
            .iter()
            .map(|(c, n)| format!("{} {n}", lang.category(*c)))
            .collect();
        let _ = writeln!(
            s,
            "{} ({} {}): {}",
            lang.t(Key::NotServed),
            plan.unvisited.len(),
            lang.t(Key::Visits),
            counts.join(", ")
        );
        // One line per stop and reason: the parts of a split stop share it.
        struct Line<'a> {
            stop: &'a str,
            reason: &'a crate::reason::Why,
            parts: usize,
            value: f64,
        }
        let mut lines: Vec<Line> = Vec::new();
        for u in &plan.unvisited {
            match lines
                .iter_mut()
                .find(|l| l.stop == u.stop.name && *l.reason == u.reason)
            {
                Some(l) => {
                    l.parts += 1;
                    l.value += u.value;
                }
                None => lines.push(Line {
                    stop: &u.stop.name,
                    reason: &u.reason,
                    parts: 1,
                    value: u.value,
                }),
            }
        }
        let (mut no_time, other): (Vec<Line>, Vec<Line>) = lines
            .into_iter()
            .partition(|l| l.reason.category() == Category::NoTime);
        no_time.sort_by(|a, b| b.value.total_cmp(&a.value).then(a.stop.cmp(b.stop)));
        for l in other.iter().chain(no_time.iter().take(NO_TIME_SHOWN)) {
            let parts = if l.parts > 1 {
                format!(" ({} {})", l.parts, lang.t(Key::Parts))
            } else {
                String::new()
            };
            let _ = writeln!(s, "  {}{parts} — {}", l.stop, lang.why(l.reason));
        }
        if no_time.len() > NO_TIME_SHOWN {
            let _ = writeln!(
                s,
                "  ... {} {}",
                no_time.len() - NO_TIME_SHOWN,
                lang.t(Key::AndMore)
            );
        }
    }
    s
}

/// The promises a plan breaks, and the requests and what became of them.
/// The scenario's targets, each met or not; unmet ones make the heading say so.
fn targets(s: &mut String, plan: &Plan, lang: Lang) {
    if plan.targets.is_empty() {
        return;
    }
    let unmet = plan.targets.iter().filter(|t| !t.met()).count();
    let _ = writeln!(s, "{}", TargetMsg::Heading { unmet }.get(lang));
    for target in &plan.targets {
        let _ = writeln!(s, "  {}", TargetMsg::Line(target.clone()).get(lang));
    }
    if unmet == 0 {
        return;
    }
    let misses: Vec<&Promise> = plan.target_misses().collect();
    for p in misses.iter().take(NO_TIME_SHOWN) {
        let _ = writeln!(
            s,
            "    {} ({}) — {}",
            lang.part(&p.stop, p.part, p.parts),
            lang.made(&p.made),
            lang.broken(p.broken.as_ref().expect("a miss is broken"))
        );
    }
    if misses.len() > NO_TIME_SHOWN {
        let more = misses.len() - NO_TIME_SHOWN;
        let _ = writeln!(s, "    ... {more} {}", lang.t(Key::AndMore));
    }
}

fn promises(s: &mut String, plan: &Plan, lang: Lang) {
    let line = |p: &Promise| {
        let what = format!(
            "{} ({})",
            lang.part(&p.stop, p.part, p.parts),
            lang.made(&p.made)
        );
        match (&p.broken, &p.served) {
            (None, Some(at)) => format!("  {what}: {}", lang.placement(at)),
            (None, None) => format!("  {what}"),
            (Some(broken), served) => {
                let instead = match served {
                    Some(at) => PlanMsg::Instead {
                        at: lang.placement(at),
                    },
                    None => PlanMsg::NotServedThisWeek,
                };
                format!("  {what} — {}; {}", lang.broken(broken), instead.get(lang))
            }
        }
    };
    let broken: Vec<&Promise> = plan.broken_promises().collect();
    if !broken.is_empty() {
        let _ = writeln!(
            s,
            "{}",
            PlanMsg::PromisesBroken {
                promises: broken.len()
            }
            .get(lang)
        );
        for p in &broken {
            let _ = writeln!(s, "{}", line(p));
        }
    }
    let requests: Vec<&Promise> = plan.requests().collect();
    if !requests.is_empty() {
        let missed = requests.iter().filter(|p| !p.kept()).count();
        let heading = PlanMsg::Requests {
            planned: requests.len() - missed,
            missed,
        };
        let _ = writeln!(s, "{}", heading.get(lang));
        for p in requests.iter().filter(|p| p.kept()) {
            let _ = writeln!(s, "{}", line(p));
        }
    }
}
