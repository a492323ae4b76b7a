//! `jempol compare A.toml B.toml ...`: solves each scenario and shows them side by side,
//! then which stops each one gains or loses against the first.

use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use super::model::Plan;
use super::{PlanOptions, solve_scenario};
use crate::groups::Group;
use crate::i18n::{Key, Lang};

/// How many stop names a change line shows before it counts the rest.
const NAMES_SHOWN: usize = 8;

/// Solves every scenario and returns the comparison text.
pub fn run_compare(paths: &[PathBuf], options: &PlanOptions) -> anyhow::Result<String> {
    run_compare_in(paths, options, Lang::En)
}

/// [`run_compare`] with words and numbers in `lang`.
pub fn run_compare_in(
    paths: &[PathBuf],
    options: &PlanOptions,
    lang: Lang,
) -> anyhow::Result<String> {
    let mut reports = Vec::new();
    for path in paths {
        reports.push((path.clone(), solve_scenario(path, options)?.plan));
    }
    Ok(compare(&reports, lang))
}

/// The side-by-side table and the changes against the first scenario.
pub fn compare(reports: &[(PathBuf, Plan)], lang: Lang) -> String {
    let mut s = String::new();
    let names = short_names(reports.iter().map(|(p, _)| file_name(p)).collect());
    let width = names.iter().map(|n| n.len()).max().unwrap_or(0).max(10) + 2;
    let labels = labels(lang);
    let columns: Vec<Vec<String>> = reports.iter().map(|(_, r)| figures(r, lang)).collect();
    // Padded by characters: the Indonesian labels run longer than the English ones.
    let label_width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) + 2;
    let _ = write!(s, "{:<label_width$}", "");
    for n in &names {
        let _ = write!(s, "{n:>width$}");
    }
    s.push('\n');
    for (i, label) in labels.iter().enumerate() {
        let _ = write!(s, "{label:<label_width$}");
        for column in &columns {
            let _ = write!(s, "{:>width$}", column[i]);
        }
        s.push('\n');
    }
    if let Some((_, first)) = reports.first() {
        let base = visited(first);
        for (name, (_, r)) in names.iter().zip(reports).skip(1) {
            let other = visited(r);
            let gained: Vec<&str> = other.difference(&base).map(String::as_str).collect();
            let lost: Vec<&str> = base.difference(&other).map(String::as_str).collect();
            let _ = writeln!(s, "\n{} {}: {name}", lang.t(Key::ChangesAgainst), names[0]);
            if gained.is_empty() && lost.is_empty() {
                let _ = writeln!(s, "  {}", lang.t(Key::SameStops));
            }
            for (label, list) in [(Key::Gained, gained), (Key::Lost, lost)] {
                if !list.is_empty() {
                    let _ = writeln!(
                        s,
                        "  {} {}: {}",
                        lang.t(label),
                        list.len(),
                        shorten(&list, lang)
                    );
                }
            }
        }
    }
    s
}

/// The row labels of the table, in the order of [`figures`].
fn labels(lang: Lang) -> Vec<String> {
    let mut labels: Vec<String> = Group::ALL.into_iter().map(|g| lang.served(g)).collect();
    labels.extend(
        [
            Key::Value,
            Key::Km,
            Key::DriveHours,
            Key::WorkHours,
            Key::StopsVisited,
            Key::StopsUnvisited,
        ]
        .map(|k| lang.t(k).to_string()),
    );
    labels
}

/// One scenario's column of the table.
fn figures(plan: &Plan, lang: Lang) -> Vec<String> {
    let t = &plan.totals;
    let mut figures: Vec<String> = t
        .served
        .iter()
        .map(|(_, n)| lang.int((*n).into()))
        .collect();
    figures.extend([
        lang.dec(t.value, 0),
        lang.dec(t.distance_m / 1000.0, 1),
        lang.dec(t.drive_seconds / 3600.0, 1),
        lang.dec(t.work_seconds / 3600.0, 1),
        lang.int(t.stops_visited as u64),
        lang.int(t.stops_unvisited as u64),
    ]);
    figures
}

fn visited(plan: &Plan) -> BTreeSet<String> {
    plan.visits().map(|(_, v)| v.stop.name.clone()).collect()
}

fn shorten(names: &[&str], lang: Lang) -> String {
    let mut text = names
        .iter()
        .take(NAMES_SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > NAMES_SHOWN {
        let more = names.len() - NAMES_SHOWN;
        text += &lang.and_more(more);
    }
    text
}

/// Drops a prefix every name shares up to a `-` ("magetan-week", "magetan-third-van" ->
/// "week", "third-van"), so that the columns stay narrow.
pub fn short_names(names: Vec<String>) -> Vec<String> {
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

pub fn file_name(path: &Path) -> String {
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
