//! schedule.csv: one row per visit, for spreadsheets and other tools.

use chrono::Datelike;

use super::Context;
use super::html::visit_name;
use crate::groups::Group;
use crate::scenario::units::weekday_name;

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

pub fn csv(cx: &Context) -> anyhow::Result<Vec<u8>> {
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record(columns())?;
    for day in &cx.plan.van_days {
        for (order, v) in day.visits.iter().enumerate() {
            let stop = &cx.scenario.stops[v.stop.index];
            let mut row = vec![
                day.van.name.clone(),
                day.date.to_string(),
                weekday_name(day.date.weekday()).to_string(),
                (order + 1).to_string(),
                visit_name(v, cx.lang),
                stop.desa.clone(),
                stop.kecamatan.clone(),
                v.arrive.hhmm(),
                v.start.hhmm(),
                v.end.hhmm(),
            ];
            row.extend(v.people.iter().map(|(_, n)| n.to_string()));
            csv.write_record(row.iter().map(|c| crate::fsio::csv_cell(c).into_owned()))?;
        }
    }
    Ok(csv.into_inner()?)
}
