//! Writes plan.json, schedule.csv and one GPX 1.1 file per van-day, each atomically
//! (written to a temporary file, then renamed).

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime};

use super::Solved;
use super::report::{PlanReport, VanDay};
use crate::export::gpx::{Gpx, GpxTrack, GpxWaypoint, write_gpx};
use crate::export::routes::route_lines;
use crate::export::{plan_files, write_atomically};
use crate::i18n::Lang;
use crate::map::LatLon;

/// Magetan keeps Western Indonesian Time (WIB, UTC+7).
const WIB_OFFSET: &str = "+07:00";

/// Writes every output into `out`, the pages for people in `lang`; returns the files written.
pub fn write_all(out: &Path, solved: &Solved, lang: Lang) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = vec![out.join("plan.json"), out.join("schedule.csv")];
    let mut json = serde_json::to_vec_pretty(&solved.report)?;
    json.push(b'\n');
    write_atomically(&files[0], &json)?;
    write_atomically(&files[1], &schedule_csv(&solved.report)?)?;
    let routes = route_lines(solved);
    files.extend(write_gpx_files(out, solved, &routes)?);
    files.extend(plan_files::write(out, solved, &routes, lang)?);
    Ok(files)
}

/// The columns of schedule.csv.
pub const SCHEDULE_COLUMNS: [&str; 13] = [
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
    "elderly",
    "disabled",
    "new_eligible",
];

fn schedule_csv(report: &PlanReport) -> anyhow::Result<Vec<u8>> {
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record(SCHEDULE_COLUMNS)?;
    for day in &report.van_days {
        for v in &day.visits {
            csv.write_record([
                day.van.clone(),
                day.date.to_string(),
                day.weekday.clone(),
                v.order.to_string(),
                v.job.clone(),
                v.desa.clone(),
                v.kecamatan.clone(),
                v.arrive.clone(),
                v.start.clone(),
                v.end.clone(),
                v.elderly.to_string(),
                v.disabled.to_string(),
                v.new_eligible.to_string(),
            ])?;
        }
    }
    Ok(csv.into_inner()?)
}

/// One GPX per van-day with visits: the route as a track, the stops as waypoints.
fn write_gpx_files(
    out: &Path,
    solved: &Solved,
    routes: &[Vec<LatLon>],
) -> anyhow::Result<Vec<PathBuf>> {
    let scenario = &solved.prepared.scenario;
    let mut files = Vec::new();
    for (day, line) in solved.report.van_days.iter().zip(routes) {
        if day.visits.is_empty() {
            continue;
        }
        let gpx = Gpx {
            name: format!(
                "{} — {} {} {}",
                scenario.name, day.van, day.weekday, day.date
            ),
            description: format!(
                "jempol plan of scenario {}, {} {}. Travel: {}. Depot: {}.",
                scenario.name, day.weekday, day.date, solved.travel_label, scenario.depot_name
            ),
            time: local_time(day.date, &day.depart),
            tracks: vec![GpxTrack {
                name: format!("{} {}", day.van, day.date),
                points: line.clone(),
            }],
            waypoints: waypoints(day),
        };
        let path = out.join(format!("{}-{}.gpx", super::slug(&day.van), day.date));
        write_gpx(&path, &gpx)?;
        files.push(path);
    }
    Ok(files)
}

fn waypoints(day: &VanDay) -> Vec<GpxWaypoint> {
    day.visits
        .iter()
        .map(|v| GpxWaypoint {
            at: LatLon {
                lat: v.lat,
                lon: v.lon,
            },
            name: format!("{} {} {}", v.order, v.start, v.job),
            time: local_time(day.date, &v.arrive),
            description: format!(
                "arrive {}, record {}-{}: elderly {}, disabled {}, turning 17 {}",
                v.arrive, v.start, v.end, v.elderly, v.disabled, v.new_eligible
            ),
        })
        .collect()
}

/// "HH:MM" on `date` in Western Indonesian Time, as RFC 3339.
fn local_time(date: NaiveDate, hhmm: &str) -> Option<String> {
    let time = NaiveTime::parse_from_str(hhmm, "%H:%M").ok()?;
    Some(format!("{}T{}{WIB_OFFSET}", date, time.format("%H:%M:%S")))
}
