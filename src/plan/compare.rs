//! `jempol compare A.toml B.toml ...`: solves each scenario and shows them side by side,
//! then which stops each one gains or loses against the first.

use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use super::report::PlanReport;
use super::text::compare as t;
use super::{PlanOptions, solve_scenario};

/// How many stop names a change line shows before it counts the rest.
const NAMES_SHOWN: usize = 8;

/// Solves every scenario and returns the comparison text.
pub fn run_compare(paths: &[PathBuf], options: &PlanOptions) -> anyhow::Result<String> {
    let mut reports = Vec::new();
    for path in paths {
        reports.push((path.clone(), solve_scenario(path, options)?.report));
    }
    Ok(compare(&reports))
}

/// The side-by-side table and the changes against the first scenario.
pub fn compare(reports: &[(PathBuf, PlanReport)]) -> String {
    let mut s = String::new();
    let names = short_names(reports.iter().map(|(p, _)| file_name(p)).collect());
    let width = names.iter().map(|n| n.len()).max().unwrap_or(0).max(10) + 2;
    let _ = write!(s, "{:<24}", "");
    for n in &names {
        let _ = write!(s, "{n:>width$}");
    }
    s.push('\n');
    type Row = (String, fn(&PlanReport) -> String);
    let rows: [Row; 9] = [
        (
            format!("{} {}", t::SERVED, super::text::summary::ELDERLY),
            |r| r.totals.served.elderly.to_string(),
        ),
        (
            format!("{} {}", t::SERVED, super::text::summary::DISABLED),
            |r| r.totals.served.disabled.to_string(),
        ),
        (
            format!("{} {}", t::SERVED, super::text::summary::NEW_ELIGIBLE),
            |r| r.totals.served.new_eligible.to_string(),
        ),
        (t::VALUE.to_string(), |r| format!("{:.0}", r.totals.value)),
        (t::KM.to_string(), |r| format!("{:.1}", r.totals.km)),
        (t::DRIVE_HOURS.to_string(), |r| {
            format!("{:.1}", r.totals.drive_hours)
        }),
        (t::WORK_HOURS.to_string(), |r| {
            format!("{:.1}", r.totals.work_hours)
        }),
        (t::STOPS_VISITED.to_string(), |r| {
            r.totals.stops_visited.to_string()
        }),
        (t::STOPS_UNVISITED.to_string(), |r| {
            r.totals.stops_unvisited.to_string()
        }),
    ];
    for (label, value) in rows {
        let _ = write!(s, "{label:<24}");
        for (_, r) in reports {
            let _ = write!(s, "{:>width$}", value(r));
        }
        s.push('\n');
    }
    if let Some((_, first)) = reports.first() {
        let base = visited(first);
        for (name, (_, r)) in names.iter().zip(reports).skip(1) {
            let other = visited(r);
            let gained: Vec<&str> = other.difference(&base).map(String::as_str).collect();
            let lost: Vec<&str> = base.difference(&other).map(String::as_str).collect();
            let _ = writeln!(s, "\n{} {}: {name}", t::CHANGES, names[0]);
            if gained.is_empty() && lost.is_empty() {
                let _ = writeln!(s, "  {}", t::SAME);
            }
            for (label, list) in [(t::GAINED, gained), (t::LOST, lost)] {
                if !list.is_empty() {
                    let _ = writeln!(s, "  {label} {}: {}", list.len(), shorten(&list));
                }
            }
        }
    }
    s
}

fn visited(report: &PlanReport) -> BTreeSet<String> {
    report
        .van_days
        .iter()
        .flat_map(|d| d.visits.iter().map(|v| v.stop.clone()))
        .collect()
}

fn shorten(names: &[&str]) -> String {
    let mut text = names
        .iter()
        .take(NAMES_SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > NAMES_SHOWN {
        let _ = write!(
            text,
            " {} {} {}",
            t::AND,
            names.len() - NAMES_SHOWN,
            t::MORE
        );
    }
    text
}

/// Drops a prefix every name shares up to a `-` ("magetan-week", "magetan-third-van" ->
/// "week", "third-van"), so that the columns stay narrow.
fn short_names(names: Vec<String>) -> Vec<String> {
    let first = names.first().cloned().unwrap_or_default();
    let shared = first
        .rmatch_indices('-')
        .map(|(i, _)| i + 1)
        .find(|&end| {
            names
                .iter()
                .all(|n| n.len() > end && n.starts_with(&first[..end]))
        })
        .unwrap_or(0);
    names.into_iter().map(|n| n[shared..].to_string()).collect()
}

fn file_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::short_names;

    #[test]
    fn shared_prefixes_are_dropped() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            short_names(names(&["magetan-week", "magetan-third-van"])),
            ["week", "third-van"]
        );
        assert_eq!(short_names(names(&["a-b", "c-d"])), ["a-b", "c-d"]);
        assert_eq!(short_names(names(&["x-1", "x-"])), ["x-1", "x-"]);
    }
}
