//! Random small instances with every rule in play: windows (some two per job), breaks,
//! equipment, days, capacities, driving limits, recording sets, mandatory jobs.
#![allow(dead_code)]

use jempol::solve::{Instance, Job, Matrix, Objective, Tour, Window};
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;

pub struct Shape {
    pub jobs: usize,
    pub tours: usize,
    pub objective: Objective,
    /// Chance that a job is mandatory.
    pub mandatory: f64,
}

pub fn random_instance(seed: u64, shape: &Shape) -> Instance {
    let mut rng = Pcg64Mcg::seed_from_u64(seed);
    let n_loc = shape.jobs + 1;
    let pts: Vec<(f64, f64)> = (0..n_loc)
        .map(|_| (rng.random_range(0.0..60.0), rng.random_range(0.0..60.0)))
        .collect();
    let dist = Matrix::from_fn(n_loc, |a, b| {
        let (dx, dy) = (pts[a].0 - pts[b].0, pts[a].1 - pts[b].1);
        (dx * dx + dy * dy).sqrt()
    });
    // Vans drive at 1.0 to 1.5 distance units per minute; times from distances.
    let time = Matrix::from_fn(n_loc, |a, b| (dist.get(a, b) / 1.2 * 10.0).round() / 10.0);
    let tours = (0..shape.tours)
        .map(|t| {
            let start = rng.random_range(0.0..30.0);
            let end = start + rng.random_range(120.0..300.0);
            let breaks = if rng.random_bool(0.6) {
                let open = rng.random_range(start + 30.0..end - 30.0);
                vec![Window {
                    open,
                    close: open + rng.random_range(5.0..40.0),
                }]
            } else {
                vec![]
            };
            Tour {
                van: t % 2,
                day: t / 2,
                start_location: 0,
                end_location: 0,
                start,
                end,
                breaks,
                equipment: rng.random_range(0..4),
                sets: rng.random_range(1..=3),
                capacity: rng.random_range(5.0..30.0),
                max_drive: rng.random_range(60.0..250.0),
            }
        })
        .collect();
    let jobs = (1..n_loc)
        .map(|loc| {
            let open = rng.random_range(0.0..200.0);
            let mut windows = vec![Window {
                open,
                close: open + rng.random_range(10.0..120.0),
            }];
            if rng.random_bool(0.3) {
                let o2 = windows[0].close + rng.random_range(5.0..60.0);
                windows.push(Window {
                    open: o2,
                    close: o2 + rng.random_range(10.0..80.0),
                });
            }
            Job {
                name: format!("job{loc}"),
                location: loc,
                value: rng.random_range(1..20) as f64,
                service_fixed: rng.random_range(0.0..10.0),
                service_work: rng.random_range(0.0..30.0),
                windows,
                finish_by_close: rng.random_bool(0.3),
                days: rng.random_range(1..4),
                requires: if rng.random_bool(0.3) {
                    rng.random_range(1..4)
                } else {
                    0
                },
                load: rng.random_range(0.0..8.0),
                mandatory: rng.random_bool(shape.mandatory),
                promise: Default::default(),
                van: None,
            }
        })
        .collect();
    Instance {
        time,
        distance: dist,
        jobs,
        tours,
        objective: shape.objective,
    }
}
