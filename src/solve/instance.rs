//! The optimization problem, free of maps: tours (one per van and day) and jobs, with a
//! travel-time matrix between locations.
//!
//! Times are seconds since local midnight of the tour's day (benchmark files use their own
//! units; nothing here assumes seconds). All times are `f64` so that benchmarks with exact
//! Euclidean distances keep their precision.
//!
//! Rules every plan must keep (each is a file in `rules/`, where the search's check and the
//! verifier's are written independently):
//! - A tour leaves its start location at `start` at the earliest and is back at its end
//!   location by `end`.
//! - Breaks are fixed intervals in which the team neither drives nor serves: driving that
//!   reaches a break pauses and resumes when it ends; a service that would overlap a break
//!   starts after it.
//! - A service starts inside one of the job's windows, at `open` or later; it starts by
//!   `close`, or when `finish_by_close` is set, it ends by `close`.
//! - Service duration on a tour is `service_fixed + service_work / tour.sets`: recording
//!   sets work in parallel on the people of a stop.
//! - A job needs every equipment bit in `requires` to be in the tour's `equipment`, and its
//!   day must be in `days`.
//! - The loads of a tour's jobs add up to no more than its `capacity`; its driving time is
//!   no more than `max_drive`.
//! - Mandatory jobs must be served; every job is served at most once.

use serde::{Deserialize, Serialize};

/// A square row-major matrix of travel times or distances between locations. Benchmarks keep
/// exact `f64` values; a scenario's matrices take 4 bytes a cell (800 MB for both at 10,000
/// stops): times in whole milliseconds, exactly what the road search measures, and distances
/// in `f32`, to a centimetre.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(into = "Exact", try_from = "Exact")]
pub struct Matrix {
    n: usize,
    cells: Cells,
}

#[derive(Clone, Debug, PartialEq)]
enum Cells {
    Exact(Vec<f64>),
    /// Milliseconds; [`NO_PATH`] where there is no path.
    Millis(Vec<u32>),
    Compact(Vec<f32>),
}

/// The milliseconds cell of an unreachable pair (about 50 days: no van-day gets there).
pub const NO_PATH: u32 = u32::MAX;

/// The serialised form: every value as `f64`, whatever the matrix keeps.
#[derive(Clone, Serialize, Deserialize)]
struct Exact {
    n: usize,
    data: Vec<f64>,
}

impl TryFrom<Exact> for Matrix {
    type Error = String;

    fn try_from(e: Exact) -> Result<Self, String> {
        match e.n.checked_mul(e.n) {
            Some(cells) if cells == e.data.len() => Ok(Matrix::new(e.n, e.data)),
            _ => Err(format!(
                "a matrix of {} locations with {} values",
                e.n,
                e.data.len()
            )),
        }
    }
}

impl From<Matrix> for Exact {
    fn from(m: Matrix) -> Self {
        let data = (0..m.n * m.n).map(|k| m.cell(k)).collect();
        Exact { n: m.n, data }
    }
}

impl Matrix {
    /// `data` is row-major, `n * n` long.
    pub fn new(n: usize, data: Vec<f64>) -> Self {
        assert_eq!(
            data.len(),
            n * n,
            "a matrix of {n} locations needs {} values",
            n * n
        );
        Self {
            n,
            cells: Cells::Exact(data),
        }
    }

    /// A matrix of whole milliseconds, read as seconds; `data` is row-major, `n * n` long,
    /// with [`NO_PATH`] where there is none.
    pub fn millis(n: usize, data: Vec<u32>) -> Self {
        assert_eq!(
            data.len(),
            n * n,
            "a matrix of {n} locations needs {} values",
            n * n
        );
        Self {
            n,
            cells: Cells::Millis(data),
        }
    }

    /// A matrix kept in single precision; `data` is row-major, `n * n` long.
    pub fn compact(n: usize, data: Vec<f32>) -> Self {
        assert_eq!(
            data.len(),
            n * n,
            "a matrix of {n} locations needs {} values",
            n * n
        );
        Self {
            n,
            cells: Cells::Compact(data),
        }
    }

    /// Builds a matrix from a function of (from, to).
    pub fn from_fn(n: usize, f: impl Fn(usize, usize) -> f64) -> Self {
        let data = (0..n * n).map(|k| f(k / n, k % n)).collect();
        Self::new(n, data)
    }

    pub fn len(&self) -> usize {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    #[inline]
    pub fn get(&self, from: usize, to: usize) -> f64 {
        self.cell(from * self.n + to)
    }

    #[inline]
    fn cell(&self, k: usize) -> f64 {
        match &self.cells {
            Cells::Exact(data) => data[k],
            Cells::Millis(data) => match data[k] {
                NO_PATH => f64::INFINITY,
                ms => f64::from(ms) / 1000.0,
            },
            Cells::Compact(data) => f64::from(data[k]),
        }
    }
}

/// An interval of time, `[open, close]`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Window {
    pub open: f64,
    pub close: f64,
}

/// Seconds of `[from, to]` outside the breaks (none when `to` is before `from`): the time a
/// team can drive or record in it. (The verifier keeps its own copy, sharing nothing.)
pub fn working_time(breaks: &[Window], from: f64, to: f64) -> f64 {
    let paused: f64 = breaks
        .iter()
        .map(|b| (b.close.min(to) - b.open.max(from)).max(0.0))
        .sum();
    (to - from - paused).max(0.0)
}

/// Something a van can do at a location: serve (part of) one stop.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Job {
    pub name: String,
    /// Index into the matrices.
    pub location: usize,
    /// The prize collected when served (weighted people).
    pub value: f64,
    pub service_fixed: f64,
    pub service_work: f64,
    /// Sorted, disjoint windows for the start of service.
    pub windows: Vec<Window>,
    pub finish_by_close: bool,
    /// Bit `d` set when the job may be served on day `d`.
    pub days: u64,
    /// Equipment bits the tour must carry.
    pub requires: u64,
    /// Blank cards (or demand units) used.
    pub load: f64,
    /// Must be in every plan: a plan without it is rejected.
    pub mandatory: bool,
    /// A promise is kept before any value is weighed, but a plan without it still stands.
    #[serde(default)]
    pub promise: Promise,
    /// The only van (`Tour::van`) that may serve it, for a visit pinned to a van.
    #[serde(default)]
    pub van: Option<usize>,
}

/// How strongly a job is promised: the search keeps a visit already announced before it
/// serves a request by its deadline, and both before it weighs any value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Promise {
    #[default]
    None,
    /// A request (with its deadline in the job's days) or a stop that must be served.
    Requested,
    /// A visit announced, or already made, at this van, day and time.
    Announced,
}

/// One van on one day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tour {
    pub van: usize,
    pub day: usize,
    pub start_location: usize,
    pub end_location: usize,
    pub start: f64,
    pub end: f64,
    /// Sorted, disjoint breaks inside `[start, end]`.
    pub breaks: Vec<Window>,
    pub equipment: u64,
    /// Recording sets working in parallel (at least 1).
    pub sets: u32,
    pub capacity: f64,
    pub max_drive: f64,
}

/// What the search optimises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Objective {
    /// Maximise the value served, then minimise travel time.
    Prize,
    /// Serve every job; minimise tours used, then travel time (VRPTW).
    VisitAll,
}

/// The whole problem.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Instance {
    /// Travel time between locations, in the unit of the tours' clocks.
    pub time: Matrix,
    /// Travel distance between locations, for reporting.
    pub distance: Matrix,
    pub jobs: Vec<Job>,
    pub tours: Vec<Tour>,
    pub objective: Objective,
}

/// A plan: for each tour, in `Instance::tours` order, the jobs it serves in visiting order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Solution {
    pub routes: Vec<Vec<usize>>,
}
