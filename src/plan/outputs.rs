//! Writes plan.json, schedule.csv and one GPX 1.1 file per van-day, each atomically.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::{NaiveDate, NaiveTime};

use super::Solved;
use super::report::{PlanReport, VanDay};
use crate::export::gpx::{Gpx, GpxTrack, GpxWaypoint, write_gpx};
use crate::map::LatLon;

/// Magetan keeps Western Indonesian Time (UTC+7); GPX times are UTC.
const WIB_OFFSET_HOURS: i64 = 7;

/// Writes every output into `out`; returns the files written.
pub fn write_all(out: &Path, solved: &Solved) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = vec![out.join("plan.json"), out.join("schedule.csv")];
    write_atomic(&files[0], |w| {
        serde_json::to_writer_pretty(&mut *w, &solved.report)?;
        writeln!(w)?;
        Ok(())
    })?;
    write_atomic(&files[1], |w| write_schedule(w, &solved.report))?;
    files.extend(write_gpx_files(out, solved)?);
    Ok(files)
}

/// Writes through a temporary file in the same folder, renamed into place when complete.
pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    {
        let mut buffered = std::io::BufWriter::new(file.as_file_mut());
        write(&mut buffered).with_context(|| format!("cannot write {}", path.display()))?;
        buffered.flush()?;
    }
    file.persist(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
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

fn write_schedule(w: &mut dyn Write, report: &PlanReport) -> anyhow::Result<()> {
    let mut csv = csv::Writer::from_writer(w);
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
    csv.flush()?;
    Ok(())
}

/// One GPX per van-day with visits: the route as a track, the stops as waypoints.
fn write_gpx_files(out: &Path, solved: &Solved) -> anyhow::Result<Vec<PathBuf>> {
    let prepared = &solved.prepared;
    let scenario = &prepared.scenario;
    let points = crate::scenario::points(scenario);
    let (travel, _) = prepared.source.connect(&points);
    let mut files = Vec::new();
    for (t, route) in solved.solution.routes.iter().enumerate() {
        let day = &solved.report.van_days[t];
        if route.is_empty() {
            continue;
        }
        let mut locations = vec![0];
        locations.extend(
            route
                .iter()
                .map(|&j| prepared.built.instance.jobs[j].location),
        );
        locations.push(0);
        let mut line: Vec<LatLon> = Vec::new();
        for pair in locations.windows(2) {
            let piece = travel.path(pair[0], pair[1]);
            let skip = usize::from(line.last() == piece.first());
            line.extend(piece.into_iter().skip(skip));
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
            time: utc(day.date, &day.depart),
            tracks: vec![GpxTrack {
                name: format!("{} {}", day.van, day.date),
                segments: vec![line],
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
            point: LatLon {
                lat: v.lat,
                lon: v.lon,
            },
            name: format!("{} {} {}", v.order, v.start, v.job),
            time: utc(day.date, &v.arrive),
            description: Some(format!(
                "arrive {}, record {}-{}: elderly {}, disabled {}, turning 17 {}",
                v.arrive, v.start, v.end, v.elderly, v.disabled, v.new_eligible
            )),
        })
        .collect()
}

/// "HH:MM" local time on `date` as an ISO 8601 UTC time.
fn utc(date: NaiveDate, hhmm: &str) -> Option<String> {
    let time = NaiveTime::parse_from_str(hhmm, "%H:%M").ok()?;
    let utc = date.and_time(time) - chrono::Duration::hours(WIB_OFFSET_HOURS);
    Some(utc.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}
