//! The terminal summary of a plan, readable in ten seconds.

use std::fmt::Write;

use super::report::PlanReport;
use crate::i18n::{Key, Lang};

/// How many "no time" stops the summary names before it counts the rest.
const NO_TIME_SHOWN: usize = 5;

/// The reason category of stops left out for lack of time (see `Reason::category`).
const NO_TIME: &str = "no time";

/// The summary in `lang` (words, dates and numbers); `travel` says what times are based on.
pub fn summary(report: &PlanReport, travel: &str, lang: Lang) -> String {
    let mut s = String::new();
    let r = report;
    let totals = &r.totals;
    let _ = writeln!(
        s,
        "{} — {} {} ({} {})",
        r.scenario.name,
        lang.t(Key::WeekOf),
        lang.date_long(r.week.start),
        r.week.dates.len(),
        lang.t(Key::Days)
    );
    let _ = writeln!(s, "{}: {}", lang.t(Key::Travel), travel);
    let _ = writeln!(
        s,
        "{:<26}{:>12}{:>12}{:>12}",
        lang.t(Key::People),
        lang.t(Key::Served),
        lang.t(Key::Demand),
        lang.t(Key::Share)
    );
    let groups = [
        (
            lang.t(Key::Elderly),
            totals.served.elderly,
            totals.demand.elderly,
        ),
        (
            lang.t(Key::Disabled),
            totals.served.disabled,
            totals.demand.disabled,
        ),
        (
            lang.t(Key::NewEligible),
            totals.served.new_eligible,
            totals.demand.new_eligible,
        ),
    ];
    for (name, served, demand) in groups {
        let share = if demand > 0 {
            100.0 * f64::from(served) / f64::from(demand)
        } else {
            0.0
        };
        let _ = writeln!(
            s,
            "  {name:<24}{:>12}{:>12}{:>11}%",
            lang.int(served.into()),
            lang.int(demand.into()),
            lang.dec(share, 1)
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
    for d in &r.van_days {
        if d.visits.is_empty() {
            let _ = writeln!(
                s,
                "  {:<14} {:<26}  {}",
                d.van,
                lang.date_long(d.date),
                lang.t(Key::NoVisits)
            );
            continue;
        }
        let hours = super::hours_between(&d.depart, &d.back);
        let _ = writeln!(
            s,
            "  {:<14} {:<26}  {:>2} {}  {:>6} km  {} {:>4} {h}  {}-{} ({} {h})",
            d.van,
            lang.date_long(d.date),
            d.visits.len(),
            lang.t(Key::StopsShort),
            lang.dec(d.km, 1),
            lang.t(Key::Drive),
            lang.dec(d.drive_minutes / 60.0, 1),
            d.depart,
            d.back,
            lang.dec(hours, 1),
            h = lang.t(Key::Hours)
        );
    }
    if !r.unvisited.is_empty() {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for u in &r.unvisited {
            match counts.iter_mut().find(|(c, _)| *c == u.category) {
                Some(c) => c.1 += 1,
                None => counts.push((u.category.clone(), 1)),
            }
        }
        let counts: Vec<String> = counts
            .iter()
            .map(|(c, n)| format!("{} {n}", lang.category(c)))
            .collect();
        let _ = writeln!(
            s,
            "{} ({} {}): {}",
            lang.t(Key::NotServed),
            r.unvisited.len(),
            lang.t(Key::Visits),
            counts.join(", ")
        );
        // One line per stop and reason: the parts of a split stop share it.
        let mut lines: Vec<(&str, &str, String, usize, f64)> = Vec::new();
        for u in &r.unvisited {
            match lines
                .iter_mut()
                .find(|l| l.0 == u.stop && l.1 == u.category)
            {
                Some(l) => {
                    l.3 += 1;
                    l.4 += u.value;
                }
                None => lines.push((&u.stop, &u.category, u.reason_in(lang), 1, u.value)),
            }
        }
        let (no_time, other): (Vec<_>, Vec<_>) = lines.into_iter().partition(|l| l.1 == NO_TIME);
        let mut no_time = no_time;
        no_time.sort_by(|a, b| b.4.total_cmp(&a.4).then(a.0.cmp(b.0)));
        for (stop, _, reason, parts, _) in other.iter().chain(no_time.iter().take(NO_TIME_SHOWN)) {
            let parts = if *parts > 1 {
                format!(" ({parts} {})", lang.t(Key::Parts))
            } else {
                String::new()
            };
            let _ = writeln!(s, "  {stop}{parts} — {reason}");
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
