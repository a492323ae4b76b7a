//! The terminal summary of a plan, readable in ten seconds.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::model::{Plan, Promise};
use crate::groups::{Group, percent};
use crate::i18n::{Key, Lang, Message, PlanMsg};
use crate::promise::Made;
use crate::reason::Category;

/// How many stops left out for lack of time the summary names before it counts the rest.
const NO_TIME_SHOWN: usize = 5;

/// The summary in `lang` (words, dates and numbers).
pub fn summary(plan: &Plan, lang: Lang) -> String {
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
    let _ = writeln!(
        s,
        "{:<26}{:>12}{:>12}{:>12}",
        lang.t(Key::People),
        lang.t(Key::Served),
        lang.t(Key::Demand),
        lang.t(Key::Share)
    );
    for group in Group::ALL {
        let (served, demand) = (totals.served[group], totals.demand[group]);
        let _ = writeln!(
            s,
            "  {:<24}{:>12}{:>12}{:>11}%",
            lang.group(group),
            lang.int(served.into()),
            lang.int(demand.into()),
            lang.dec(percent(served, demand), 1)
        );
    }
    let _ = writeln!(
        s,
        "{}: {} {} ({} {}), {} {}; {} {}",
        lang.t(Key::Stops),
        totals.stops_visited,
        lang.t(Key::Visited),
        totals.stops_partly_visited,
        lang.t(Key::Partly),
        totals.stops_unvisited,
        lang.t(Key::Unvisited),
        lang.t(Key::Value),
        lang.dec(totals.value, 0)
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
            d.depart.hhmm(),
            d.back.hhmm(),
            lang.dec(d.work_hours(), 1),
            h = lang.t(Key::Hours)
        );
    }
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
    let requests: Vec<&Promise> = plan
        .promises
        .iter()
        .filter(|p| matches!(p.made, Made::Request { .. }))
        .collect();
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
