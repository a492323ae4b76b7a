//! Solomon's VRPTW text format (Solomon 1987): a name, `VEHICLE` / `NUMBER CAPACITY` and its
//! two values, then `CUSTOMER`, a header and one row `id x y demand ready due service` per
//! vertex, vertex 0 being the depot whose window is the planning horizon.
//!
//! Distances and travel times are the exact Euclidean distances (f64); the number of tours is
//! the file's vehicle number; every customer must be served ([`Objective::VisitAll`]).

use std::path::Path;

use anyhow::bail;

use super::{
    Customer, MAX_VEHICLES, Row, check_vertex, check_window, depot_tour, euclidean, job, numbers,
};
use crate::solve::{Instance, Objective, Window};

/// Reads a Solomon VRPTW file.
pub fn read_solomon(path: &Path) -> anyhow::Result<Instance> {
    parse_solomon(path, &super::read_text(path)?)
}

/// Parses Solomon VRPTW text; `path` only names the source in errors.
pub fn parse_solomon(path: &Path, text: &str) -> anyhow::Result<Instance> {
    // Lines starting with a number are data; the others are the name and headers.
    let mut rows = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let starts_with_number = line
            .split_whitespace()
            .next()
            .is_some_and(|t| t.parse::<f64>().is_ok());
        if starts_with_number {
            rows.push(numbers(path, index + 1, line)?);
        }
    }
    let Some((fleet, vertices)) = rows.split_first() else {
        bail!(
            "{}: no data; expected the vehicle NUMBER and CAPACITY, then one row per vertex",
            path.display()
        );
    };
    let [number, capacity] = fleet.values[..] else {
        bail!(
            "{} line {}: expected the vehicle NUMBER and CAPACITY (two numbers), found {} values",
            path.display(),
            fleet.line,
            fleet.values.len()
        );
    };
    if number < 1.0 || number.fract() != 0.0 || capacity < 0.0 {
        bail!(
            "{} line {}: the vehicle number must be a positive integer and the capacity not \
             negative (found {number} and {capacity})",
            path.display(),
            fleet.line
        );
    }
    if number > MAX_VEHICLES as f64 {
        bail!(
            "{} line {}: the vehicle number {number} is more than {MAX_VEHICLES}; give at most \
             {MAX_VEHICLES} vehicles (the largest standard instances use a few hundred)",
            path.display(),
            fleet.line
        );
    }
    if vertices.is_empty() {
        bail!("{}: no depot row after the vehicle line", path.display());
    }
    for (vertex, row) in vertices.iter().enumerate() {
        check_row(path, row, vertex)?;
    }
    let points: Vec<(f64, f64)> = vertices
        .iter()
        .map(|r| (r.values[1], r.values[2]))
        .collect();
    let distance = euclidean(&points, |d| d);
    let depot = &vertices[0].values;
    let jobs = vertices[1..]
        .iter()
        .enumerate()
        .map(|(k, r)| {
            let v = &r.values;
            job(Customer {
                vertex: k + 1,
                value: 1.0,
                service: v[6],
                window: Window {
                    open: v[4],
                    close: v[5],
                },
                load: v[3],
                mandatory: true,
            })
        })
        .collect();
    Ok(Instance {
        time: distance.clone(),
        distance,
        jobs,
        tours: (0..number as usize)
            .map(|van| depot_tour(van, depot[4], depot[5], capacity))
            .collect(),
        objective: Objective::VisitAll,
    })
}

fn check_row(path: &Path, row: &Row, vertex: usize) -> anyhow::Result<()> {
    if row.values.len() != 7 {
        bail!(
            "{} line {}: expected 7 values (id x y demand ready due service), found {}",
            path.display(),
            row.line,
            row.values.len()
        );
    }
    check_vertex(path, row, vertex)?;
    let v = &row.values;
    if v[3] < 0.0 || v[6] < 0.0 {
        bail!(
            "{} line {}: demand and service time must not be negative",
            path.display(),
            row.line
        );
    }
    check_window(path, row, v[4], v[5])
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "TINY\n\nVEHICLE\nNUMBER     CAPACITY\n  2         50\n\n\
        CUSTOMER\nCUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME\n\n\
            0   0   0    0    0  100   0\n    1   3   4   10   5   20   2\n    2   1   1   20   0   50   3\n";

    fn parse(text: &str) -> anyhow::Result<Instance> {
        parse_solomon(Path::new("tiny.txt"), text)
    }

    #[test]
    fn reads_fleet_customers_and_exact_distances() {
        let inst = parse(SMALL).unwrap();
        assert_eq!(inst.tours.len(), 2);
        assert_eq!(inst.tours[0].capacity, 50.0);
        assert_eq!((inst.tours[0].start, inst.tours[0].end), (0.0, 100.0));
        assert_eq!(inst.jobs.len(), 2);
        let j = &inst.jobs[0];
        assert_eq!((j.location, j.load, j.service_fixed), (1, 10.0, 2.0));
        assert_eq!(
            j.windows,
            vec![Window {
                open: 5.0,
                close: 20.0
            }]
        );
        assert_eq!(inst.distance.get(0, 1), 5.0);
        assert_eq!(inst.time.get(0, 2), 2f64.sqrt());
        assert_eq!(inst.objective, Objective::VisitAll);
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let bad = SMALL.replace("    1   3   4   10", "    1   3   x   10");
        let e = format!("{:#}", parse(&bad).unwrap_err());
        assert!(e.contains("tiny.txt line 11") && e.contains("'x'"), "{e}");

        let short = SMALL.replace(
            "   2   1   1   20   0   50   3",
            "   2   1   1   20   0   50",
        );
        let e = format!("{:#}", parse(&short).unwrap_err());
        assert!(
            e.contains("line 12") && e.contains("expected 7 values"),
            "{e}"
        );

        let renumbered = SMALL.replace("    2   1   1", "    5   1   1");
        let e = format!("{:#}", parse(&renumbered).unwrap_err());
        assert!(e.contains("vertex number 5 where 2"), "{e}");

        let reversed = SMALL.replace("5   20   2", "30   20   2");
        let e = format!("{:#}", parse(&reversed).unwrap_err());
        assert!(e.contains("line 11") && e.contains("opens at 30"), "{e}");

        let e = format!("{:#}", parse("NAME\nno data here\n").unwrap_err());
        assert!(e.contains("no data"), "{e}");

        let fleet = SMALL.replace("  2         50", "  99999999999999         50");
        let e = format!("{:#}", parse(&fleet).unwrap_err());
        assert!(
            e.contains("tiny.txt line 5") && e.contains("more than 10000"),
            "{e}"
        );
    }
}
