//! The schedule, one row per visit: schedule.csv for tools (English keys, stable columns)
//! and schedule.xlsx for the office (see `xlsx.rs`), both from [`rows`].

use chrono::{Datelike, NaiveDate};

use super::Context;
use super::html::visit_name;
use crate::clock::Clock;
use crate::groups::{Group, People};
use crate::map::LatLon;
use crate::scenario::units::weekday_name;

/// One visit as a row of the schedule.
pub struct Row {
    pub van: String,
    pub date: NaiveDate,
    /// 1 for the first visit of the van-day.
    pub order: usize,
    /// The stop's name, with its part when it is split.
    pub stop: String,
    pub desa: String,
    pub kecamatan: String,
    pub arrive: Clock,
    pub start: Clock,
    pub end: Clock,
    pub people: People,
    pub location: LatLon,
}

/// Every visit, van-day by van-day in the plan's order.
pub fn rows(cx: &Context) -> Vec<Row> {
    cx.plan
        .van_days
        .iter()
        .flat_map(|day| {
            day.visits.iter().enumerate().map(move |(i, v)| {
                let stop = &cx.scenario.stops[v.stop.index];
                Row {
                    van: day.van.name.clone(),
                    date: day.date,
                    order: i + 1,
                    stop: visit_name(v, cx.lang),
                    desa: stop.desa.clone(),
                    kecamatan: stop.kecamatan.clone(),
                    arrive: v.arrive,
                    start: v.start,
                    end: v.end,
                    people: v.people,
                    location: v.location,
                }
            })
        })
        .collect()
}

/// The columns of schedule.csv: the visit, then one count per group.
pub fn columns() -> Vec<&'static str> {
    let mut columns = vec![
        "van",
        "date",
        "weekday",
        "order",
        "stop",
        "desa",
        "kecamatan",
        "arrive",
        "start",
        "end",
    ];
    columns.extend(Group::ALL.map(Group::key));
    columns
}

/// A row's cells in the order of [`columns`].
fn cells(row: &Row) -> Vec<String> {
    let mut cells = vec![
        row.van.clone(),
        row.date.to_string(),
        weekday_name(row.date.weekday()).to_string(),
        row.order.to_string(),
        row.stop.clone(),
        row.desa.clone(),
        row.kecamatan.clone(),
        row.arrive.hhmm(),
        row.start.hhmm(),
        row.end.hhmm(),
    ];
    cells.extend(row.people.iter().map(|(_, n)| n.to_string()));
    cells
}

pub fn csv(cx: &Context) -> anyhow::Result<Vec<u8>> {
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record(columns())?;
    for row in rows(cx) {
        // The one place where schedule.csv's cells are written; a cell a spreadsheet would
        // run as a formula is neutralised.
        csv.write_record(
            cells(&row)
                .iter()
                .map(|c| crate::fsio::csv_cell(c).into_owned()),
        )?;
    }
    Ok(csv.into_inner()?)
}
