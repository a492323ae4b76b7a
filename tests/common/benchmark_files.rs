//! Minimal readers for the Solomon VRPTW and OPLib TOPTW files in ../shared/benchmarks, for
//! tests and the quality bench only (the real readers are `src/formats`, issue 5).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use jempol::solve::{Instance, Job, Matrix, Objective, Tour, Window};

pub fn shared(rel: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/benchmarks")).join(rel)
}

fn numbers(line: &str) -> Option<Vec<f64>> {
    line.split_whitespace().map(|t| t.parse().ok()).collect()
}

fn euclid(pts: &[(f64, f64)], round: impl Fn(f64) -> f64) -> Matrix {
    Matrix::from_fn(pts.len(), |a, b| {
        let (dx, dy) = (pts[a].0 - pts[b].0, pts[a].1 - pts[b].1);
        round((dx * dx + dy * dy).sqrt())
    })
}

fn tour(location: usize, start: f64, end: f64, capacity: f64) -> Tour {
    Tour {
        van: 0,
        day: 0,
        start_location: location,
        end_location: location,
        start,
        end,
        breaks: vec![],
        equipment: 0,
        sets: 1,
        capacity,
        max_drive: f64::INFINITY,
    }
}

fn job(i: usize, value: f64, service: f64, open: f64, close: f64, load: f64) -> Job {
    Job {
        name: i.to_string(),
        location: i,
        value,
        service_fixed: service,
        service_work: 0.0,
        windows: vec![Window { open, close }],
        finish_by_close: false,
        days: 1,
        requires: 0,
        load,
        mandatory: false,
    }
}

/// Solomon VRPTW: exact Euclidean distances, every customer to be served.
pub fn solomon(path: &Path) -> Instance {
    let text = std::fs::read_to_string(path).unwrap();
    let rows: Vec<Vec<f64>> = text
        .lines()
        .filter_map(numbers)
        .filter(|r| !r.is_empty())
        .collect();
    let (vehicles, capacity) = (rows[0][0] as usize, rows[0][1]);
    let nodes: Vec<&Vec<f64>> = rows.iter().filter(|r| r.len() == 7).collect();
    let pts: Vec<(f64, f64)> = nodes.iter().map(|r| (r[1], r[2])).collect();
    let m = euclid(&pts, |d| d);
    let jobs = nodes[1..]
        .iter()
        .enumerate()
        .map(|(k, r)| job(k + 1, 1.0, r[6], r[4], r[5], r[3]))
        .collect();
    Instance {
        time: m.clone(),
        distance: m,
        jobs,
        tours: (0..vehicles)
            .map(|_| tour(0, nodes[0][4], nodes[0][5], capacity))
            .collect(),
        objective: Objective::VisitAll,
    }
}

/// OPLib TOPTW with `m` paths: distances rounded down to `decimals`; Tmax is the depot's close.
pub fn toptw(path: &Path, m: usize, decimals: i32) -> Instance {
    let text = std::fs::read_to_string(path).unwrap();
    let rows: Vec<Vec<f64>> = text
        .lines()
        .skip(2)
        .filter_map(numbers)
        .filter(|r| r.len() >= 9)
        .collect();
    let pts: Vec<(f64, f64)> = rows.iter().map(|r| (r[1], r[2])).collect();
    let scale = 10f64.powi(decimals);
    let mtx = euclid(&pts, |d| (d * scale + 1e-9).floor() / scale);
    let close_of = |r: &Vec<f64>| r[r.len() - 1];
    let open_of = |r: &Vec<f64>| r[r.len() - 2];
    let jobs = rows[1..]
        .iter()
        .enumerate()
        .map(|(k, r)| job(k + 1, r[4], r[3], open_of(r), close_of(r), 0.0))
        .collect();
    Instance {
        time: mtx.clone(),
        distance: mtx,
        jobs,
        tours: (0..m)
            .map(|_| tour(0, open_of(&rows[0]), close_of(&rows[0]), f64::INFINITY))
            .collect(),
        objective: Objective::Prize,
    }
}

/// Best-known values from a CSV: rows whose first `key.len()` fields equal `key`, column `col`.
pub fn best_known(path: &Path, key: &[&str], col: usize) -> Option<f64> {
    let text = std::fs::read_to_string(path).ok()?;
    text.lines().skip(1).find_map(|l| {
        let f: Vec<&str> = l.split(',').collect();
        (f.len() > col && f[..key.len()] == *key)
            .then(|| f[col].parse().ok())
            .flatten()
    })
}
