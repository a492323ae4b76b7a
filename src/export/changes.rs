//! changes.csv: after a re-plan, every promised visit (kept, moved or dropped) and every visit
//! added, with why a promise moved.

use super::Context;
use crate::plan::replan::{Change, changes};
use crate::promise::Placement;

/// The columns of changes.csv.
pub const COLUMNS: [&str; 10] = [
    "change",
    "stop",
    "part",
    "van_before",
    "date_before",
    "start_before",
    "van_after",
    "date_after",
    "start_after",
    "why",
];

/// changes.csv, or `None` when the plan kept no promised visits to compare with.
pub fn csv(cx: &Context) -> anyhow::Result<Option<Vec<u8>>> {
    let rows = changes(cx.plan);
    if !rows.iter().any(|r| r.before.is_some()) {
        return Ok(None);
    }
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record(COLUMNS)?;
    let at = |p: &Option<Placement>| match p {
        Some(p) => [p.van.clone(), p.date.to_string(), p.start.hhmm()],
        None => Default::default(),
    };
    for row in &rows {
        let (change, why) = match &row.change {
            Change::Kept => ("kept", String::new()),
            Change::Moved { why } => ("moved", cx.lang.broken(why)),
            Change::Dropped { why } => ("dropped", cx.lang.broken(why)),
            Change::Added => ("added", String::new()),
        };
        let mut record = vec![
            change.to_string(),
            row.stop.clone(),
            format!("{}/{}", row.part, row.parts),
        ];
        record.extend(at(&row.before));
        record.extend(at(&row.after));
        record.push(why);
        csv.write_record(record.iter().map(|c| crate::fsio::csv_cell(c).into_owned()))?;
    }
    Ok(Some(csv.into_inner()?))
}
