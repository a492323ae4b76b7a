//! Readers for standard benchmark files. Each turns a file into a [`crate::solve::Instance`]
//! whose location `i` is the file's vertex `i` (0 = the depot), so results can be reported in
//! the file's own numbering.

pub mod solomon;
pub mod toptw;

use std::path::Path;

use anyhow::{Context as _, bail};

use crate::solve::{Job, Matrix, Tour, Window};

pub use solomon::read_solomon;
pub use toptw::{default_decimals, read_toptw};

/// A best-known result from the BKS files in data/benchmarks: the value in column `col`
/// of the first row whose leading fields equal `key` (the header row is skipped).
pub fn best_known(path: &Path, key: &[&str], col: usize) -> Option<f64> {
    let text = std::fs::read_to_string(path).ok()?;
    text.lines().skip(1).find_map(|l| {
        let f: Vec<&str> = l.split(',').collect();
        (f.len() > col && f[..key.len()] == *key)
            .then(|| f[col].parse().ok())
            .flatten()
    })
}

/// The most vehicles (tours) a benchmark may ask for: each becomes a tour the search keeps
/// in memory, and the largest standard instances use a few hundred.
pub const MAX_VEHICLES: usize = 10_000;

/// A line of numbers and where it is, for errors that name the file and line.
struct Row {
    line: usize,
    values: Vec<f64>,
}

fn read_text(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Parses every token of `line` as a finite number.
fn numbers(path: &Path, line: usize, text: &str) -> anyhow::Result<Row> {
    let values = text
        .split_whitespace()
        .map(|token| match token.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(v),
            _ => bail!(
                "{} line {line}: '{token}' is not a number (the line is '{}')",
                path.display(),
                text.trim()
            ),
        })
        .collect::<anyhow::Result<_>>()?;
    Ok(Row { line, values })
}

/// Checks that a vertex row carries the expected vertex number, so that locations and the
/// file's numbering agree.
fn check_vertex(path: &Path, row: &Row, expected: usize) -> anyhow::Result<()> {
    if row.values[0] != expected as f64 {
        bail!(
            "{} line {}: vertex number {} where {expected} was expected (vertices must be \
             numbered 0, 1, 2, ... with the depot first)",
            path.display(),
            row.line,
            row.values[0]
        );
    }
    Ok(())
}

/// Checks that a time window is not reversed.
fn check_window(path: &Path, row: &Row, open: f64, close: f64) -> anyhow::Result<()> {
    if open > close {
        bail!(
            "{} line {}: the time window opens at {open} after it closes at {close}",
            path.display(),
            row.line
        );
    }
    Ok(())
}

/// Euclidean distances between points, each passed through `round`.
fn euclidean(points: &[(f64, f64)], round: impl Fn(f64) -> f64) -> Matrix {
    Matrix::from_fn(points.len(), |a, b| {
        let (dx, dy) = (points[a].0 - points[b].0, points[a].1 - points[b].1);
        round((dx * dx + dy * dy).sqrt())
    })
}

/// A vehicle leaving the depot (location 0) at `open` and back by `close`.
fn depot_tour(van: usize, open: f64, close: f64, capacity: f64) -> Tour {
    Tour {
        van,
        day: 0,
        start_location: 0,
        end_location: 0,
        start: open,
        end: close,
        breaks: Vec::new(),
        equipment: 0,
        sets: 1,
        capacity,
        max_drive: f64::INFINITY,
    }
}

/// A customer: vertex `vertex`, served once with a fixed service time, starting in a window.
struct Customer {
    vertex: usize,
    value: f64,
    service: f64,
    window: Window,
    load: f64,
    mandatory: bool,
}

fn job(c: Customer) -> Job {
    Job {
        name: c.vertex.to_string(),
        location: c.vertex,
        value: c.value,
        service_fixed: c.service,
        service_work: 0.0,
        windows: vec![c.window],
        finish_by_close: false,
        days: 1,
        requires: 0,
        load: c.load,
        mandatory: c.mandatory,
        promise: Default::default(),
        van: None,
    }
}
