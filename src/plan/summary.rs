//! The terminal summary of a plan, readable in ten seconds.

use std::fmt::Write;

use super::report::PlanReport;
use super::text::summary as t;

/// How many "no time" stops the summary names before it counts the rest.
const NO_TIME_SHOWN: usize = 5;

/// The reason category of stops left out for lack of time (see `Reason::category`).
const NO_TIME: &str = "no time";

pub fn summary(report: &PlanReport) -> String {
    let mut s = String::new();
    let r = report;
    let totals = &r.totals;
    let _ = writeln!(
        s,
        "{} — {} {} ({} days)",
        r.scenario.name,
        t::WEEK_OF,
        r.week.start,
        r.week.dates.len()
    );
    let _ = writeln!(s, "{}: {}", t::TRAVEL, r.scenario.travel);
    let _ = writeln!(
        s,
        "{:<22}{:>8}{:>8}{:>8}",
        t::PEOPLE,
        t::SERVED,
        t::DEMAND,
        t::SHARE
    );
    let groups = [
        (t::ELDERLY, totals.served.elderly, totals.demand.elderly),
        (t::DISABLED, totals.served.disabled, totals.demand.disabled),
        (
            t::NEW_ELIGIBLE,
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
        let _ = writeln!(s, "  {name:<20}{served:>8}{demand:>8}{share:>7.1}%");
    }
    let _ = writeln!(
        s,
        "{}: {} {} ({} {}), {} {}; {} {:.0}",
        t::STOPS,
        totals.stops_visited,
        t::VISITED,
        totals.stops_partly_visited,
        t::PARTLY,
        totals.stops_unvisited,
        t::UNVISITED,
        t::VALUE,
        totals.value
    );
    let _ = writeln!(s, "{}:", t::VAN_DAYS);
    for d in &r.van_days {
        if d.visits.is_empty() {
            let _ = writeln!(
                s,
                "  {:<14} {} {}  {}",
                d.van,
                d.weekday,
                d.date,
                t::NO_VISITS
            );
            continue;
        }
        let hours = super::hours_between(&d.depart, &d.back);
        let _ = writeln!(
            s,
            "  {:<14} {} {}  {:>2} {}  {:>6.1} km  {} {:>4.1} h  {}-{} ({:.1} h)",
            d.van,
            d.weekday,
            d.date,
            d.visits.len(),
            t::STOPS_SHORT,
            d.km,
            t::DRIVE,
            d.drive_minutes / 60.0,
            d.depart,
            d.back,
            hours
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
        let counts: Vec<String> = counts.iter().map(|(c, n)| format!("{c} {n}")).collect();
        let _ = writeln!(
            s,
            "{} ({} {}): {}",
            t::UNVISITED_TITLE,
            r.unvisited.len(),
            t::VISITS,
            counts.join(", ")
        );
        // One line per stop and reason: the parts of a split stop share it.
        let mut lines: Vec<(&str, &str, &str, usize, f64)> = Vec::new();
        for u in &r.unvisited {
            match lines
                .iter_mut()
                .find(|l| l.0 == u.stop && l.1 == u.category)
            {
                Some(l) => {
                    l.3 += 1;
                    l.4 += u.value;
                }
                None => lines.push((&u.stop, &u.category, &u.reason, 1, u.value)),
            }
        }
        let (no_time, other): (Vec<_>, Vec<_>) = lines.into_iter().partition(|l| l.1 == NO_TIME);
        let mut no_time = no_time;
        no_time.sort_by(|a, b| b.4.total_cmp(&a.4).then(a.0.cmp(b.0)));
        for (stop, _, reason, parts, _) in other.iter().chain(no_time.iter().take(NO_TIME_SHOWN)) {
            let parts = if *parts > 1 {
                format!(" ({parts} {})", t::PARTS)
            } else {
                String::new()
            };
            let _ = writeln!(s, "  {stop}{parts} — {reason}");
        }
        if no_time.len() > NO_TIME_SHOWN {
            let _ = writeln!(s, "  ... {} {}", no_time.len() - NO_TIME_SHOWN, t::AND_MORE);
        }
    }
    s
}
