//! The team orienteering problem with time windows in the OPLib format (Montemanni and
//! Gambardella 2009; see data/benchmarks/toptw/FORMAT.txt): line 1 `k v N t` (N
//! customers), line 2 `D Q` (D often missing), then per vertex `i x y d S f a list O C` with
//! `a` entries in `list`, `d` the service time, `S` the prize and `[O, C]` the window for the
//! start of service. Vertex 0 is the depot; its closing time is Tmax, the time budget of a
//! path. The number of paths is not in the file.
//!
//! Distances are Euclidean, rounded down to 1 decimal for the Solomon-based files and to 2
//! decimals for Cordeau's pr* files, as the best-known results assume.

use std::path::Path;

use anyhow::bail;

use super::{
    Customer, MAX_VEHICLES, Row, check_vertex, check_window, depot_tour, euclidean, job, numbers,
};
use crate::solve::{Instance, Objective, Window};

/// Decimals kept by the literature's rounding for this file: 2 for Cordeau's `pr*`, else 1.
pub fn default_decimals(path: &Path) -> u32 {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if stem.starts_with("pr") { 2 } else { 1 }
}

/// Reads an OPLib TOPTW file for `paths` vehicles, distances rounded down to `decimals`.
pub fn read_toptw(path: &Path, paths: usize, decimals: u32) -> anyhow::Result<Instance> {
    parse_toptw(path, &super::read_text(path)?, paths, decimals)
}

/// Parses OPLib TOPTW text; `path` only names the source in errors.
pub fn parse_toptw(
    path: &Path,
    text: &str,
    paths: usize,
    decimals: u32,
) -> anyhow::Result<Instance> {
    if paths == 0 || paths > MAX_VEHICLES {
        bail!(
            "{}: --vehicles {paths}: the number of paths must be from 1 to {MAX_VEHICLES}",
            path.display()
        );
    }
    let mut rows = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if !line.trim().is_empty() {
            rows.push(numbers(path, index + 1, line)?);
        }
    }
    let Some(first) = rows.first() else {
        bail!("{}: the file is empty", path.display());
    };
    if first.values.len() != 4 {
        bail!(
            "{} line {}: expected 'k v N t' (4 numbers), found {} values",
            path.display(),
            first.line,
            first.values.len()
        );
    }
    let customers = first.values[2];
    // Line 2 (`D Q`, D often missing) is short; vertex rows have at least 9 values.
    let skip = if rows.get(1).is_some_and(|r| r.values.len() <= 2) {
        2
    } else {
        1
    };
    let vertices = &rows[skip..];
    if customers < 0.0 || customers.fract() != 0.0 || vertices.len() != customers as usize + 1 {
        bail!(
            "{} line {}: N = {customers} customers announced, but {} vertex rows follow (the \
             depot and N customers expected)",
            path.display(),
            first.line,
            vertices.len()
        );
    }
    for (vertex, row) in vertices.iter().enumerate() {
        check_row(path, row, vertex)?;
    }
    let points: Vec<(f64, f64)> = vertices
        .iter()
        .map(|r| (r.values[1], r.values[2]))
        .collect();
    let scale = 10f64.powi(decimals as i32);
    // The epsilon keeps e.g. 2.3 (computed as 2.2999999…) at 2.3.
    let distance = euclidean(&points, |d| (d * scale + 1e-9).floor() / scale);
    let (open, close) = window(&vertices[0]);
    let jobs = vertices[1..]
        .iter()
        .enumerate()
        .map(|(k, r)| {
            let (o, c) = window(r);
            job(Customer {
                vertex: k + 1,
                value: r.values[4],
                service: r.values[3],
                window: Window { open: o, close: c },
                load: 0.0,
                mandatory: false,
            })
        })
        .collect();
    Ok(Instance {
        time: distance.clone(),
        distance,
        jobs,
        tours: (0..paths)
            .map(|van| depot_tour(van, open, close, f64::INFINITY))
            .collect(),
        objective: Objective::Prize,
    })
}

fn window(row: &Row) -> (f64, f64) {
    let v = &row.values;
    (v[v.len() - 2], v[v.len() - 1])
}

fn check_row(path: &Path, row: &Row, vertex: usize) -> anyhow::Result<()> {
    let v = &row.values;
    let expected = v.get(6).map(|a| 9 + *a as usize);
    if v.len() < 9 || expected != Some(v.len()) {
        bail!(
            "{} line {}: expected 'i x y d S f a list O C' with a entries in list, found {} \
             values",
            path.display(),
            row.line,
            v.len()
        );
    }
    check_vertex(path, row, vertex)?;
    if v[3] < 0.0 || v[4] < 0.0 {
        bail!(
            "{} line {}: service time and prize must not be negative",
            path.display(),
            row.line
        );
    }
    let (open, close) = window(row);
    check_window(path, row, open, close)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "3 2 2 1\n0 200\n 0 0.0 0.0 0 0 0 0 0 100\n \
        1 1.0 1.0 5 10 1 1 1 10 50\n 2 0.0 2.3 2 7 1 2 1 2 0 90\n";

    fn parse(text: &str, paths: usize, decimals: u32) -> anyhow::Result<Instance> {
        parse_toptw(Path::new("tiny.txt"), text, paths, decimals)
    }

    #[test]
    fn reads_prizes_windows_tmax_and_rounds_down() {
        let inst = parse(SMALL, 3, 1).unwrap();
        assert_eq!(inst.tours.len(), 3);
        assert_eq!((inst.tours[0].start, inst.tours[0].end), (0.0, 100.0));
        assert_eq!(inst.jobs.len(), 2);
        let j = &inst.jobs[0];
        assert_eq!((j.location, j.value, j.service_fixed), (1, 10.0, 5.0));
        assert_eq!(
            j.windows,
            vec![Window {
                open: 10.0,
                close: 50.0
            }]
        );
        assert_eq!(inst.jobs[1].windows[0].close, 90.0);
        // sqrt(2) = 1.414..: down to 1.4 and 1.41; 2.3 stays 2.3.
        assert_eq!(inst.distance.get(0, 1), 1.4);
        assert_eq!(parse(SMALL, 1, 2).unwrap().distance.get(1, 0), 1.41);
        assert_eq!(inst.time.get(0, 2), 2.3);
        assert_eq!(inst.objective, Objective::Prize);
    }

    #[test]
    fn cordeau_files_keep_two_decimals() {
        assert_eq!(default_decimals(Path::new("x/pr07.txt")), 2);
        assert_eq!(default_decimals(Path::new("x/rc101.txt")), 1);
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let bad = SMALL.replace("1 1.0 1.0 5", "1 1.0 one 5");
        let e = format!("{:#}", parse(&bad, 1, 1).unwrap_err());
        assert!(e.contains("tiny.txt line 4") && e.contains("'one'"), "{e}");

        let short_list = SMALL.replace("1 2 1 2 0 90", "1 2 1 0 90");
        let e = format!("{:#}", parse(&short_list, 1, 1).unwrap_err());
        assert!(e.contains("line 5") && e.contains("a entries"), "{e}");

        let missing = SMALL.replace("3 2 2 1", "3 2 3 1");
        let e = format!("{:#}", parse(&missing, 1, 1).unwrap_err());
        assert!(e.contains("line 1") && e.contains("N = 3"), "{e}");

        for paths in [0, 99_999_999_999_999] {
            let e = format!("{:#}", parse(SMALL, paths, 1).unwrap_err());
            assert!(e.contains("from 1 to 10000"), "{e}");
        }
    }
}
