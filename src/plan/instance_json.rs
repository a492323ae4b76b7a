//! `jempol plan SCENARIO --write-instance FILE | --check ROUTES.json`: the scenario's
//! optimization problem as JSON that other solvers can read (docs/instance-json.md), and
//! their routes scored and checked by jempol's independent verifier.
//!
//! Times in the file are minutes since Monday 00:00 of the scenario's week (the week of its
//! first date), so one van-day's shift and a stop's windows on each of its days are plain
//! intervals on one clock.

use std::path::Path;

use anyhow::{Context as _, bail};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::fsio::write_atomically;
use crate::scenario::{self, Built, Prepared, Scenario};
use crate::solve::{Solution, Window};

pub const FORMAT: &str = "jempol-instance/1";

const DAY: f64 = 1440.0;

/// The whole instance file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InstanceFile {
    pub format: String,
    pub scenario: String,
    /// Monday of the week; minute 0 is its midnight (local time, WIB).
    pub week_monday: NaiveDate,
    /// Location 0 is the depot, location `i + 1` is stop `i`.
    pub locations: Vec<Location>,
    /// Driving minutes from row to column, on the scenario's travel source.
    pub travel_minutes: Vec<Vec<f64>>,
    pub distance_m: Vec<Vec<f64>>,
    pub jobs: Vec<JobOut>,
    pub tours: Vec<TourOut>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub name: String,
    pub lat: f64,
    pub lon: f64,
}

/// One visit to (part of) a stop.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobOut {
    /// The index in `jobs`; routes name jobs by it.
    pub id: usize,
    pub name: String,
    pub location: usize,
    /// Weighted people recorded: the prize.
    pub value: f64,
    pub people: u32,
    /// Minutes on a tour with `sets` recording sets: `service_fixed + service_work / sets`.
    pub service_fixed: f64,
    pub service_work: f64,
    /// Sorted, disjoint intervals, one or more per allowed weekday; service ends by `close`
    /// when `finish_by_close`, else starts by `close`.
    pub windows: Vec<[f64; 2]>,
    pub finish_by_close: bool,
    pub requires: Vec<String>,
    /// Blank cards used (one per person).
    pub load: f64,
    pub mandatory: bool,
}

/// One van on one day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TourOut {
    /// The index in `tours`; routes list one job list per tour in this order.
    pub id: usize,
    pub van: String,
    pub date: NaiveDate,
    pub start_location: usize,
    pub end_location: usize,
    /// Leave the start by `shift[0]` at the earliest, back by `shift[1]`.
    pub shift: [f64; 2],
    /// Fixed intervals with neither driving nor service: driving pauses, service waits.
    pub breaks: Vec<[f64; 2]>,
    pub equipment: Vec<String>,
    pub sets: u32,
    /// Blank cards; `null` when the van does not print.
    pub capacity: Option<f64>,
    /// Driving minutes allowed; `null` when unlimited.
    pub max_drive: Option<f64>,
}

/// Minutes since the week's Monday midnight at which the scenario's day `day` begins.
fn day_offset(scenario: &Scenario, monday: NaiveDate, day: usize) -> f64 {
    (scenario.dates[day] - monday).num_days() as f64 * DAY
}

fn names(equipment: &[String], mask: u64) -> Vec<String> {
    equipment
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, n)| n.clone())
        .collect()
}

fn minutes(w: &Window, offset: f64) -> [f64; 2] {
    [offset + w.open / 60.0, offset + w.close / 60.0]
}

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// The instance of a prepared scenario, in the file's terms.
pub fn instance_file(prepared: &Prepared) -> InstanceFile {
    let scenario = &prepared.scenario;
    let Built {
        instance,
        jobs,
        tours,
        equipment,
    } = &prepared.built;
    let monday = scenario.week_start - chrono::Days::new(u64::from(weekday_of(scenario)));
    let matrix = |m: &crate::solve::Matrix, scale: f64| {
        (0..m.len())
            .map(|a| (0..m.len()).map(|b| m.get(a, b) * scale).collect())
            .collect()
    };
    let locations = scenario::points(scenario)
        .into_iter()
        .map(|(name, at, _)| Location {
            name,
            lat: at.lat,
            lon: at.lon,
        })
        .collect();
    let jobs_out = instance
        .jobs
        .iter()
        .zip(jobs)
        .enumerate()
        .map(|(id, (job, info))| {
            let mut windows = Vec::new();
            for day in (0..scenario.dates.len()).filter(|&d| job.days & (1 << d) != 0) {
                let offset = day_offset(scenario, monday, day);
                windows.extend(job.windows.iter().map(|w| minutes(w, offset)));
            }
            JobOut {
                id,
                name: job.name.clone(),
                location: job.location,
                value: job.value,
                people: info.people.total(),
                service_fixed: job.service_fixed / 60.0,
                service_work: job.service_work / 60.0,
                windows,
                finish_by_close: job.finish_by_close,
                requires: names(equipment, job.requires),
                load: job.load,
                mandatory: job.mandatory,
            }
        })
        .collect();
    let tours_out = instance
        .tours
        .iter()
        .zip(tours)
        .enumerate()
        .map(|(id, (tour, info))| {
            let offset = day_offset(scenario, monday, tour.day);
            TourOut {
                id,
                van: scenario.vans[info.van].name.clone(),
                date: info.date,
                start_location: tour.start_location,
                end_location: tour.end_location,
                shift: minutes(
                    &Window {
                        open: tour.start,
                        close: tour.end,
                    },
                    offset,
                ),
                breaks: tour.breaks.iter().map(|b| minutes(b, offset)).collect(),
                equipment: names(equipment, tour.equipment),
                sets: tour.sets,
                capacity: finite(tour.capacity),
                max_drive: finite(tour.max_drive).map(|s| s / 60.0),
            }
        })
        .collect();
    InstanceFile {
        format: FORMAT.to_string(),
        scenario: scenario.name.clone(),
        week_monday: monday,
        locations,
        travel_minutes: matrix(&instance.time, 1.0 / 60.0),
        distance_m: matrix(&instance.distance, 1.0),
        jobs: jobs_out,
        tours: tours_out,
    }
}

/// Days from the Monday of the week to the scenario's week start.
fn weekday_of(scenario: &Scenario) -> u32 {
    use chrono::Datelike as _;
    scenario.week_start.weekday().num_days_from_monday()
}

/// `--write-instance`: reads and builds the scenario, writes its instance to `out`.
pub fn write_instance(scenario_path: &Path, out: &Path) -> anyhow::Result<InstanceFile> {
    let prepared = scenario::prepare(scenario_path)?;
    let file = instance_file(&prepared);
    write_atomically(out, &serde_json::to_vec(&file)?)?;
    Ok(file)
}

/// What `--check` found for a plan that keeps every rule.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Checked {
    pub value: f64,
    pub people: u32,
    /// Jobs served (a split stop's parts count one each).
    pub stops: usize,
    pub van_days: usize,
    pub drive_minutes: f64,
    pub km: f64,
    /// As given in the routes file, if it says.
    pub seconds: Option<f64>,
}

/// The routes file: one list of job ids per tour, in the instance's tour order.
#[derive(Deserialize)]
struct RoutesFile {
    routes: Vec<Vec<usize>>,
    #[serde(default)]
    seconds: Option<f64>,
}

/// `--check`: verifies the routes in `routes_path` against the scenario. A plan that breaks
/// a rule is an error naming each broken rule by van, date and stop.
pub fn check_routes(scenario_path: &Path, routes_path: &Path) -> anyhow::Result<Checked> {
    let text = std::fs::read_to_string(routes_path)
        .with_context(|| format!("cannot read {}", routes_path.display()))?;
    let routes: RoutesFile = serde_json::from_str(&text).with_context(|| {
        format!(
            "{}: expected {{\"routes\": [[job id, ...] for each van-day]}}",
            routes_path.display()
        )
    })?;
    let prepared = scenario::prepare(scenario_path)?;
    let solution = solution_of(&prepared, &routes.routes).with_context(|| {
        format!(
            "{}: the verifier rejected the routes",
            routes_path.display()
        )
    })?;
    let verified = super::checked(&prepared, &solution)?;
    let built = &prepared.built;
    let served: Vec<usize> = solution.routes.iter().flatten().copied().collect();
    Ok(Checked {
        value: verified.value,
        people: served.iter().map(|&j| built.jobs[j].people.total()).sum(),
        stops: served.len(),
        van_days: solution.routes.iter().filter(|r| !r.is_empty()).count(),
        drive_minutes: verified.travel_time / 60.0,
        km: verified.distance / 1000.0,
        seconds: routes.seconds,
    })
}

/// The routes as a solution, after checking their shape: one list per van-day, known ids.
fn solution_of(prepared: &Prepared, routes: &[Vec<usize>]) -> anyhow::Result<Solution> {
    let built = &prepared.built;
    let (tours, jobs) = (built.instance.tours.len(), built.instance.jobs.len());
    if routes.len() != tours {
        bail!("{} routes, expected one per van-day: {tours}", routes.len());
    }
    for (t, route) in routes.iter().enumerate() {
        if let Some(&bad) = route.iter().find(|&&j| j >= jobs) {
            let info = &built.tours[t];
            bail!(
                "route {t} ({} {}) names job {bad}; the ids are 0..{}",
                prepared.scenario.vans[info.van].name,
                info.date,
                jobs - 1
            );
        }
    }
    Ok(Solution {
        routes: routes.to_vec(),
    })
}

/// `--check` as text.
pub fn checked_text(c: &Checked) -> String {
    format!(
        "{}: value {:.1}, {} people, {} stops on {} van-days, driving {:.1} h ({:.1} km)\n",
        "routes verified",
        c.value,
        c.people,
        c.stops,
        c.van_days,
        c.drive_minutes / 60.0,
        c.km
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::{Instance, Job, Matrix, Objective, Tour};

    /// Back from the file's minutes of the week to the optimizer's instance: seconds since
    /// midnight of each day, days as a mask over the scenario's dates.
    fn to_instance(file: &InstanceFile, dates: &[NaiveDate], equipment: &[String]) -> Instance {
        let n = file.locations.len();
        let day_of = |minute: f64| {
            let date = file.week_monday + chrono::Days::new((minute / DAY).floor() as u64);
            dates
                .iter()
                .position(|&d| d == date)
                .expect("a scenario date")
        };
        let in_day = |m: f64, day: usize| {
            let offset = (dates[day] - file.week_monday).num_days() as f64 * DAY;
            ((m - offset) * 60.0).round()
        };
        let mask = |names: &[String]| {
            names.iter().fold(0u64, |m, n| {
                m | 1 << equipment.iter().position(|e| e == n).unwrap()
            })
        };
        let jobs = file
            .jobs
            .iter()
            .map(|j| {
                let days = j.windows.iter().fold(0u64, |m, w| m | 1 << day_of(w[0]));
                let first = day_of(j.windows[0][0]);
                let windows = j
                    .windows
                    .iter()
                    .filter(|w| day_of(w[0]) == first)
                    .map(|w| Window {
                        open: in_day(w[0], first),
                        close: in_day(w[1], first),
                    })
                    .collect();
                Job {
                    name: j.name.clone(),
                    location: j.location,
                    value: j.value,
                    service_fixed: (j.service_fixed * 60.0).round(),
                    service_work: (j.service_work * 60.0).round(),
                    windows,
                    finish_by_close: j.finish_by_close,
                    days,
                    requires: mask(&j.requires),
                    load: j.load,
                    mandatory: j.mandatory,
                    promise: Default::default(),
                    van: None,
                }
            })
            .collect();
        let mut vans: Vec<&String> = Vec::new();
        for t in &file.tours {
            if !vans.contains(&&t.van) {
                vans.push(&t.van);
            }
        }
        let tours = file
            .tours
            .iter()
            .map(|t| {
                let day = dates.iter().position(|&d| d == t.date).unwrap();
                let van = vans.iter().position(|&v| v == &t.van).unwrap();
                Tour {
                    van,
                    day,
                    start_location: t.start_location,
                    end_location: t.end_location,
                    start: in_day(t.shift[0], day),
                    end: in_day(t.shift[1], day),
                    breaks: t
                        .breaks
                        .iter()
                        .map(|b| Window {
                            open: in_day(b[0], day),
                            close: in_day(b[1], day),
                        })
                        .collect(),
                    equipment: mask(&t.equipment),
                    sets: t.sets,
                    capacity: t.capacity.unwrap_or(f64::INFINITY),
                    max_drive: t.max_drive.map_or(f64::INFINITY, |m| (m * 60.0).round()),
                }
            })
            .collect();
        let matrix = |m: &[Vec<f64>], scale: f64| Matrix::from_fn(n, |a, b| m[a][b] * scale);
        Instance {
            time: matrix(&file.travel_minutes, 60.0),
            distance: matrix(&file.distance_m, 1.0),
            jobs,
            tours,
            objective: Objective::Prize,
        }
    }

    fn week() -> Prepared {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/magetan-week.toml");
        scenario::prepare(Path::new(path)).expect("the default scenario")
    }

    #[test]
    fn the_file_holds_the_whole_instance() {
        let prepared = week();
        let file = instance_file(&prepared);
        let text = serde_json::to_string(&file).unwrap();
        let back: InstanceFile = serde_json::from_str(&text).unwrap();
        let built = &prepared.built;
        let rebuilt = to_instance(&back, &prepared.scenario.dates, &built.equipment);
        let original = &built.instance;
        let n = original.time.len();
        assert_eq!(rebuilt.time.len(), n);
        for (a, b) in (0..n).flat_map(|a| (0..n).map(move |b| (a, b))) {
            // JSON keeps 17 significant digits; the minutes are seconds / 60.
            assert!((rebuilt.time.get(a, b) - original.time.get(a, b)).abs() < 1e-6);
            assert!((rebuilt.distance.get(a, b) - original.distance.get(a, b)).abs() < 1e-6);
        }
        assert_eq!(rebuilt.jobs, original.jobs);
        assert_eq!(rebuilt.tours, original.tours);
        // Monday 07:30 is minute 450; Friday's prayer break 11:30-13:00 is on day 4.
        assert_eq!(file.tours[0].shift, [450.0, 930.0]);
        let friday = file.tours.last().unwrap();
        assert_eq!(friday.breaks, vec![[4.0 * DAY + 690.0, 4.0 * DAY + 780.0]]);
    }
}
