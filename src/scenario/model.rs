//! The scenario after merging and reading: plain values in seconds, dates and bitmasks.
//! [`resolve`] turns the merged layers into a [`Scenario`], collecting every problem instead
//! of stopping at the first.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::{Datelike, NaiveDate, Weekday};

use super::limits;
use super::problem::{At, Loc, Problem};
use super::raw::{RawScenario, RawStop, TextList};
use super::requests::Request;
use super::units::{
    WEEKDAYS, parse_duration, parse_interval, parse_intervals, parse_time_of_day, parse_weekdays,
    weekday_name,
};
use crate::groups::{Group, People, PerGroup};
use crate::holidays::{self, DayOff};
use crate::i18n::{Fix, Says, Text, Thing};
use crate::map::LatLon;

/// How travel times are obtained.
#[derive(Clone, Debug, PartialEq)]
pub enum TravelChoice {
    /// Shortest paths on an OpenStreetMap road network.
    Roads {
        map: PathBuf,
        profile: Option<PathBuf>,
    },
    /// Great-circle distance × `detour` at `speed_kmh`: a fallback, not roads.
    StraightLine { detour: f64, speed_kmh: f64 },
}

/// Working hours of one weekday, seconds since midnight.
#[derive(Clone, Debug, PartialEq)]
pub struct DayHours {
    pub shift: (f64, f64),
    pub breaks: Vec<(f64, f64)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    /// Unpacking, connecting and testing the sets at each visit (seconds).
    pub setup: f64,
    /// Recording time per person with one set (seconds).
    pub per_person: PerGroup<f64>,
    /// The fixed time of a home visit (seconds), setup included.
    pub home_visit: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Van {
    pub name: String,
    pub sets: u32,
    pub equipment: Vec<At<String>>,
    pub blank_cards: Option<u32>,
    /// Seconds of driving allowed per day.
    pub max_drive: Option<f64>,
    /// Weekday bitmask (bit 0 = Monday).
    pub days: u8,
    pub at: Option<Loc>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stop {
    pub name: String,
    pub location: LatLon,
    pub people: People,
    /// Sorted windows in which the service happens (start and end inside one window).
    pub windows: Vec<(f64, f64)>,
    /// Weekday bitmask (bit 0 = Monday).
    pub days: u8,
    pub requires: Vec<String>,
    pub home_visit: bool,
    pub mandatory: bool,
    pub desa: String,
    pub kecamatan: String,
    pub at: Option<Loc>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub file: PathBuf,
    pub name: String,
    pub travel: TravelChoice,
    pub week_start: NaiveDate,
    /// The working dates of the week, in order (holidays left out).
    pub dates: Vec<NaiveDate>,
    /// Weekdays worked (bit 0 = Monday).
    pub working: u8,
    /// Every holiday the scenario knows (built-in or its own, and its extra days off).
    pub holidays: Vec<DayOff>,
    /// The week's working weekdays that are holidays, so no van works.
    pub days_off: Vec<DayOff>,
    /// The week's working dates on which schools are closed, so no school is visited.
    pub school_days_off: Vec<NaiveDate>,
    pub seed: u64,
    pub time_limit: Duration,
    /// Search iterations; with a budget the plan depends only on the seed (the time limit
    /// then only cuts the search short).
    pub iterations: Option<u64>,
    pub depot_name: String,
    pub depot: LatLon,
    pub weights: PerGroup<f64>,
    pub service: Service,
    /// Hours per weekday, Monday first.
    pub hours: [Option<DayHours>; 7],
    /// The equipment tags the scenario declares (`equipment = [...]`), if it does.
    pub equipment: Option<Vec<At<String>>>,
    pub vans: Vec<Van>,
    pub stops: Vec<Stop>,
    /// GeoJSON of boundaries drawn on the report map (`boundaries = "..."`).
    pub boundaries: Option<PathBuf>,
    /// Where `boundaries` is written.
    pub boundaries_at: Option<Loc>,
    /// Requests received (`[requests] csv`); request `k`'s stop is
    /// `stops[stops.len() - requests.len() + k]`.
    pub requests: Vec<Request>,
    /// Vans out on given dates: (van index, date).
    pub vans_off: Vec<(usize, NaiveDate)>,
    /// Visits agreed before planning.
    pub commitments: Vec<Commitment>,
    /// How far a promised visit's start may move, in seconds (`[replan] tolerance`).
    pub tolerance: f64,
    /// What every week must do (`[targets]`).
    pub targets: super::targets::Targets,
    /// The kecamatan a campaign's week must visit, with the weeks each may wait (set by
    /// plan/campaign.rs); `None` for a week planned alone.
    pub kecamatan_due: Option<Vec<(String, u32)>>,
    /// `[office]`: who signs the letters and whom to call.
    pub office: super::office::Office,
}

/// A visit agreed before planning: this stop, by this van, on this date, starting then.
#[derive(Clone, Debug, PartialEq)]
pub struct Commitment {
    pub stop: usize,
    pub van: usize,
    pub date: NaiveDate,
    /// Seconds since midnight.
    pub start: f64,
}

/// A promised start may move this much when the scenario does not say (seconds).
pub const DEFAULT_TOLERANCE: f64 = 30.0 * 60.0;

impl Scenario {
    /// The request that stop `stop` (an index into `stops`) was made for, if any.
    pub fn request_at(&self, stop: usize) -> Option<&Request> {
        let first = self.stops.len() - self.requests.len();
        stop.checked_sub(first).and_then(|k| self.requests.get(k))
    }

    /// The week's dates (with their index) on whose weekday `stop` takes visits, holidays
    /// aside.
    pub fn weekday_dates<'a>(
        &'a self,
        stop: &'a Stop,
    ) -> impl Iterator<Item = (usize, NaiveDate)> + 'a {
        self.dates
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, d)| stop.days & (1 << d.weekday().num_days_from_monday()) != 0)
    }

    /// Whether the school holidays close `stop` on `date` (only schools close).
    pub fn school_closed(&self, stop: &Stop, date: NaiveDate) -> bool {
        stop.is_school() && self.school_days_off.contains(&date)
    }
}

impl Stop {
    /// A school: its people are all pupils turning 17 (it is closed in school holidays).
    pub fn is_school(&self) -> bool {
        self.people.total() > 0 && self.people.total() == self.people[Group::NewEligible]
    }
}

/// Stands in for a missing or unreadable `week_start` (a problem already), so that weekday
/// checks still see Monday first.
const PLACEHOLDER_MONDAY: NaiveDate = NaiveDate::from_ymd_opt(1970, 1, 5).unwrap();

/// The search time when the scenario gives none.
pub const DEFAULT_TIME_LIMIT: Duration = Duration::from_secs(10);
/// Default detour factor and speed of the straight-line fallback.
pub const STRAIGHT_LINE_DETOUR: f64 = 1.4;
pub const STRAIGHT_LINE_SPEED_KMH: f64 = 30.0;

/// Collects problems while reading values.
struct Reader {
    problems: Vec<Problem>,
}

impl Reader {
    fn problem(&mut self, at: Option<&Loc>, message: impl Into<Text>, fix: impl Into<Text>) {
        self.problems.push(Problem::new(at, message, fix));
    }

    /// Parses `value` with `parse`; on failure records a problem and returns `None`. `what`
    /// names the value by its scenario keys (`stop `X`: window`), the same in both languages.
    fn parse<T>(
        &mut self,
        value: &At<String>,
        what: &str,
        parse: impl Fn(&str) -> Result<T, Text>,
    ) -> Option<T> {
        match parse(&value.value) {
            Ok(v) => Some(v),
            Err(e) => {
                self.problem(
                    value.loc(),
                    Says::Value {
                        what: what.to_string(),
                        error: e,
                    },
                    Fix::CorrectValue,
                );
                None
            }
        }
    }

    fn duration(&mut self, value: Option<&At<String>>, what: &str, default: f64) -> f64 {
        value
            .and_then(|v| self.parse(v, what, within_a_day))
            .unwrap_or(default)
    }

    /// Records a problem when `name` has more than `max` characters.
    fn name_length(&mut self, name: &At<String>, thing: Thing, max: usize) {
        let chars = name.value.chars().count();
        if chars > max {
            let start = name.value.chars().take(20).collect();
            let says = Says::NameTooLong {
                thing,
                start,
                chars,
                max,
            };
            self.problem(name.loc(), says, Fix::ShortenName { max });
        }
    }

    /// Records a problem when a setting is outside `range`.
    fn in_range(
        &mut self,
        value: Option<&At<f64>>,
        range: &std::ops::RangeInclusive<f64>,
        says: impl Fn(f64) -> Says,
        fix: Fix,
    ) {
        if let Some(v) = value
            && !range.contains(&v.value)
        {
            self.problem(v.loc(), says(v.value), fix);
        }
    }

    fn location(&mut self, value: &At<[f64; 2]>, what: &str) -> LatLon {
        let [lat, lon] = value.value;
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            self.problem(
                value.loc(),
                Says::NotCoordinate {
                    what: what.to_string(),
                    lat,
                    lon,
                },
                Fix::WriteLocation,
            );
        }
        LatLon { lat, lon }
    }
}

/// A duration of at most a day.
fn within_a_day(text: &str) -> Result<f64, Text> {
    let seconds = parse_duration(text)?;
    if seconds <= limits::MAX_DURATION_S {
        Ok(seconds)
    } else {
        let text = text.to_string();
        Err(Says::LongerThanADay { text }.into())
    }
}

/// Builds the scenario from merged layers; `file` is the scenario named on the command line.
/// Returns every problem found; the scenario is usable only when there are none.
pub fn resolve(file: &Path, raw: &RawScenario) -> (Scenario, Vec<Problem>) {
    let mut r = Reader {
        problems: Vec::new(),
    };
    let top = Some(Loc {
        file: Arc::new(file.to_path_buf()),
        line: 1,
        col: 1,
    });
    let top = top.as_ref();

    let name = match &raw.name {
        Some(n) => {
            r.name_length(n, Thing::Scenario, limits::MAX_SCENARIO_NAME);
            n.value.clone()
        }
        None => {
            r.problem(top, Says::NoName, Fix::AddName);
            String::new()
        }
    };

    let travel = resolve_travel(&mut r, raw, top);

    let week_start = match &raw.week_start {
        Some(d) => match NaiveDate::parse_from_str(&d.value.to_string(), "%Y-%m-%d") {
            Ok(date) if date.weekday() == Weekday::Mon => date,
            Ok(date) => {
                let back = date.weekday().num_days_from_monday();
                let monday = date - chrono::Days::new(u64::from(back));
                r.problem(
                    d.loc(),
                    Says::NotMonday { date },
                    Fix::StartOnMonday { monday },
                );
                monday
            }
            Err(_) => {
                r.problem(
                    d.loc(),
                    Says::NotADate {
                        text: d.value.to_string(),
                    },
                    Fix::WriteDate,
                );
                PLACEHOLDER_MONDAY
            }
        },
        None => {
            r.problem(top, Says::NoWeekStart, Fix::AddWeekStart);
            PLACEHOLDER_MONDAY
        }
    };
    // Without a week, dates in messages would be made up; weekdays still line up.
    let week_known = week_start != PLACEHOLDER_MONDAY;

    let working = match &raw.working_days {
        Some(days) => r
            .parse(
                &At {
                    value: days.value.joined(),
                    at: days.at.clone(),
                },
                "working_days",
                parse_weekdays,
            )
            .unwrap_or(0b11111),
        None => 0b11111,
    };
    let holidays = days_off(&mut r, raw);
    let (dates, days_off, school_days_off) = week_days(week_start, working, &holidays);

    let time_limit = match &raw.time_limit {
        Some(t) => r
            .parse(t, "time_limit", parse_duration)
            .and_then(|seconds| {
                let limit = limits::time_limit(seconds);
                if limit.is_none() {
                    let given = t.value.clone();
                    r.problem(t.loc(), Says::TimeLimit { given }, Fix::TimeLimitRange);
                }
                limit
            })
            .unwrap_or(DEFAULT_TIME_LIMIT),
        None => DEFAULT_TIME_LIMIT,
    };

    let (depot_name, depot) = match &raw.depot {
        Some(d) => {
            let location = match &d.location {
                Some(l) => r.location(l, "[depot] location"),
                None => {
                    r.problem(top, Says::NoDepotLocation, Fix::AddDepotLocation);
                    LatLon { lat: 0.0, lon: 0.0 }
                }
            };
            (
                d.name
                    .as_ref()
                    .map(|n| n.value.clone())
                    .unwrap_or_else(|| "depot".into()),
                location,
            )
        }
        None => {
            r.problem(top, Says::NoDepot, Fix::AddDepot);
            ("depot".into(), LatLon { lat: 0.0, lon: 0.0 })
        }
    };

    let weights = {
        let given = raw.weights.clone().unwrap_or_default();
        PerGroup::from_fn(|group| match &given.0[group] {
            Some(v) if !(0.0..=limits::MAX_WEIGHT).contains(&v.value) => {
                r.problem(
                    v.loc(),
                    Says::BadWeight {
                        group: group.key().to_string(),
                        value: v.value,
                    },
                    Fix::WeightRange {
                        max: limits::MAX_WEIGHT,
                    },
                );
                0.0
            }
            Some(v) => v.value,
            None => 1.0,
        })
    };

    let service = {
        let s = raw.service.clone().unwrap_or_default();
        let per_person = s.per_person.clone().unwrap_or_default();
        Service {
            setup: r.duration(s.setup.as_ref(), "service.setup", 20.0 * 60.0),
            per_person: PerGroup::from_fn(|group| {
                r.duration(
                    per_person.0[group].as_ref(),
                    &format!("per_person.{group}"),
                    default_minutes_per_person(group) * 60.0,
                )
            }),
            home_visit: r.duration(s.home_visit.as_ref(), "service.home_visit", 30.0 * 60.0),
        }
    };

    let hours = resolve_hours(&mut r, raw);
    for date in dates.iter().filter(|_| week_known) {
        let day = date.weekday().num_days_from_monday() as usize;
        if hours[day].is_none() {
            let short = weekday_name(date.weekday());
            r.problem(
                raw.working_days.as_ref().and_then(|w| w.loc()).or(top),
                Says::NoHours { date: *date },
                Fix::AddHours {
                    day: short.to_string(),
                },
            );
        }
    }

    let vans = raw.van.iter().map(|v| resolve_van(&mut r, v)).collect();

    let mut stops: Vec<Stop> = Vec::new();
    if let Some(csv) = raw.stops.as_ref().and_then(|s| s.csv.as_ref()) {
        match super::stops_csv::read_stops_file(Path::new(&csv.value)) {
            Ok((csv_stops, problems)) => {
                stops.extend(csv_stops);
                r.problems.extend(problems);
            }
            Err(e) => r.problem(
                csv.loc(),
                Says::StopsFileUnreadable {
                    error: format!("{e:#}"),
                },
                Fix::CheckPath,
            ),
        }
    }
    // An inline stop with the name of a CSV stop replaces it; inline duplicates stay (and
    // `check` reports them).
    let from_csv = stops.len();
    for raw_stop in &raw.stop {
        let stop = resolve_stop(&mut r, raw_stop);
        match stops[..from_csv].iter().position(|s| s.name == stop.name) {
            Some(i) => stops[i] = stop,
            None => stops.push(stop),
        }
    }

    let requests = read_requests(&mut r, raw);
    stops.extend(requests.iter().map(|q| q.stop.clone()));

    let scenario = Scenario {
        file: file.to_path_buf(),
        name,
        travel,
        week_start,
        dates,
        working,
        holidays,
        days_off,
        school_days_off,
        seed: raw.seed.unwrap_or(1),
        time_limit,
        iterations: raw.iterations,
        depot_name,
        depot,
        weights,
        service,
        hours,
        equipment: raw.equipment.clone(),
        vans,
        stops,
        boundaries: raw.boundaries.as_ref().map(|b| PathBuf::from(&b.value)),
        boundaries_at: raw.boundaries.as_ref().and_then(|b| b.at.clone()),
        requests,
        vans_off: Vec::new(),
        commitments: Vec::new(),
        tolerance: raw
            .replan
            .as_ref()
            .and_then(|p| p.tolerance.as_ref())
            .and_then(|t| r.parse(t, "replan.tolerance", parse_duration))
            .unwrap_or(DEFAULT_TOLERANCE),
        office: super::office::resolve(raw.office.as_ref(), &mut r.problems),
        targets: super::targets::resolve(raw.targets.as_ref(), &mut r.problems),
        kecamatan_due: None,
    };
    let scenario = resolve_promises(&mut r, raw, scenario);
    (scenario, r.problems)
}

fn resolve_travel(r: &mut Reader, raw: &RawScenario, top: Option<&Loc>) -> TravelChoice {
    let given = raw.straight_line.clone().unwrap_or_default();
    let (detour, speed) = (given.detour.as_ref(), given.speed_kmh.as_ref());
    r.in_range(
        detour,
        &limits::DETOUR,
        |value| Says::BadDetour { value },
        Fix::DetourRange,
    );
    r.in_range(
        speed,
        &limits::SPEED_KMH,
        |value| Says::BadSpeed { value },
        Fix::SpeedRange,
    );
    let straight = || {
        let s = given.clone();
        TravelChoice::StraightLine {
            detour: s.detour.map_or(STRAIGHT_LINE_DETOUR, |v| v.value),
            speed_kmh: s.speed_kmh.map_or(STRAIGHT_LINE_SPEED_KMH, |v| v.value),
        }
    };
    match (raw.travel.as_ref().map(|t| t.value.as_str()), &raw.map) {
        (Some("straight-line"), _) => straight(),
        (Some("roads") | None, Some(map)) => TravelChoice::Roads {
            map: PathBuf::from(&map.value),
            profile: raw.profile.as_ref().map(|p| PathBuf::from(&p.value)),
        },
        (Some("roads") | None, None) => {
            r.problem(
                raw.travel.as_ref().and_then(|t| t.loc()).or(top),
                Says::NoMap,
                Fix::AddMap,
            );
            straight()
        }
        (Some(other), _) => {
            r.problem(
                raw.travel.as_ref().and_then(|t| t.loc()),
                Says::UnknownTravel {
                    travel: other.to_string(),
                },
                Fix::UseKnownTravel,
            );
            straight()
        }
    }
}

/// Minutes to record one person with one set, when the scenario does not say (PROVENANCE:
/// 5-10 min routine; a person with a disability takes longer, a pupil less).
fn default_minutes_per_person(group: Group) -> f64 {
    match group {
        Group::Elderly => 10.0,
        Group::Disabled => 12.0,
        Group::NewEligible => 7.0,
    }
}

/// Magetan civil-service hours (since Aug 2023): Mon-Thu 07:30-15:30 with lunch, Fri
/// 07:30-15:00 with Friday prayer. Used when the scenario has no [hours].
fn default_hours() -> [Option<DayHours>; 7] {
    let mon_thu = DayHours {
        shift: (27000.0, 55800.0),
        breaks: vec![(43200.0, 46800.0)],
    };
    let fri = DayHours {
        shift: (27000.0, 54000.0),
        breaks: vec![(41400.0, 46800.0)],
    };
    [
        Some(mon_thu.clone()),
        Some(mon_thu.clone()),
        Some(mon_thu.clone()),
        Some(mon_thu),
        Some(fri),
        None,
        None,
    ]
}

fn resolve_hours(r: &mut Reader, raw: &RawScenario) -> [Option<DayHours>; 7] {
    let Some(table) = &raw.hours else {
        return default_hours();
    };
    let mut hours: [Option<DayHours>; 7] = Default::default();
    for (days, entry) in table {
        let Some(mask) = r.parse(
            &At {
                value: days.clone(),
                at: entry.at.clone(),
            },
            "[hours]",
            parse_weekdays,
        ) else {
            continue;
        };
        let h = &entry.value;
        let Some(shift) = r.parse(&h.shift, "shift", parse_interval) else {
            continue;
        };
        let mut breaks = Vec::new();
        for b in &h.breaks {
            let Some(b) = r.parse(b, "break", parse_interval) else {
                continue;
            };
            if b.0 < shift.0 || b.1 > shift.1 {
                let (rest, shift) = (fmt_interval(b), &h.shift.value);
                r.problem(
                    h.breaks.first().and_then(|x| x.loc()),
                    Says::BreakOutsideShift {
                        rest,
                        shift: shift.clone(),
                    },
                    Fix::MoveBreak,
                );
                continue;
            }
            breaks.push(b);
        }
        breaks.sort_by(|a, b| a.0.total_cmp(&b.0));
        if breaks.windows(2).any(|w| w[1].0 < w[0].1) {
            r.problem(
                entry.loc(),
                Says::BreaksOverlap { days: days.clone() },
                Fix::MergeBreaks,
            );
        }
        for (d, (short, _)) in WEEKDAYS.iter().enumerate() {
            if mask & (1 << d) == 0 {
                continue;
            }
            if hours[d].is_some() {
                r.problem(
                    entry.loc(),
                    Says::TwoHourEntries {
                        day: short.to_string(),
                    },
                    Fix::OneEntryPerDay,
                );
            }
            hours[d] = Some(DayHours {
                shift,
                breaks: breaks.clone(),
            });
        }
    }
    hours
}

fn fmt_interval((a, b): (f64, f64)) -> String {
    use super::units::format_time_of_day as t;
    format!("{}-{}", t(a), t(b))
}

fn resolve_van(r: &mut Reader, v: &super::raw::RawVan) -> Van {
    let name = v.name.value.clone();
    r.name_length(&v.name, Thing::Van, limits::MAX_VAN_NAME);
    let sets = match v.recording_sets.value {
        n if n < 1 => {
            r.problem(
                v.recording_sets.loc(),
                Says::TooFewSets {
                    van: name.clone(),
                    sets: n,
                },
                Fix::AtLeastOneSet,
            );
            1
        }
        n if n > i64::from(limits::MAX_SETS) => {
            let max = limits::MAX_SETS;
            r.problem(
                v.recording_sets.loc(),
                Says::TooManySets {
                    van: name.clone(),
                    sets: n,
                    max,
                },
                Fix::FewerSets { max },
            );
            max
        }
        n => n as u32,
    };
    let blank_cards = v.blank_cards.as_ref().map(|c| {
        if c.value < 0 {
            r.problem(
                c.loc(),
                Says::NegativeCards {
                    van: name.clone(),
                    cards: c.value,
                },
                Fix::ZeroOrMore,
            );
        }
        let max = limits::MAX_CARDS;
        if c.value > i64::from(max) {
            r.problem(
                c.loc(),
                Says::TooManyCards {
                    van: name.clone(),
                    cards: c.value,
                    max,
                },
                Fix::FewerCards { max },
            );
        }
        c.value.clamp(0, i64::from(max)) as u32
    });
    let max_drive = v
        .max_driving
        .as_ref()
        .and_then(|d| r.parse(d, "max_driving", within_a_day));
    let days = v
        .days
        .as_ref()
        .and_then(|d| {
            r.parse(
                &At {
                    value: d.value.joined(),
                    at: d.at.clone(),
                },
                &format!("van `{name}`: days"),
                parse_weekdays,
            )
        })
        .unwrap_or(0x7f);
    let mut equipment = v.equipment.clone();
    equipment.sort_by(|a, b| a.value.cmp(&b.value));
    equipment.dedup_by(|a, b| a.value == b.value);
    Van {
        name,
        sets,
        equipment,
        blank_cards,
        max_drive,
        days,
        at: v.name.at.clone(),
    }
}

fn resolve_stop(r: &mut Reader, s: &RawStop) -> Stop {
    let name = s.name.value.clone();
    let location = r.location(&s.location, &format!("stop `{name}`"));
    let text = |v: &Option<At<TextList>>| {
        v.as_ref().map(|v| At {
            value: v.value.joined(),
            at: v.at.clone(),
        })
    };
    let windows = text(&s.window)
        .and_then(|w| r.parse(&w, &format!("stop `{name}`: window"), parse_intervals))
        .unwrap_or_default();
    let days = text(&s.days)
        .and_then(|d| r.parse(&d, &format!("stop `{name}`: days"), parse_weekdays))
        .unwrap_or(0x7f);
    let requires = text(&s.requires)
        .map(|t| super::units::items(&t.value).map(str::to_string).collect())
        .unwrap_or_default();
    Stop {
        name,
        location,
        people: s.people(),
        windows,
        days,
        requires,
        home_visit: s.home_visit,
        mandatory: s.mandatory,
        desa: s.desa.clone().unwrap_or_default(),
        kecamatan: s.kecamatan.clone().unwrap_or_default(),
        at: s.name.at.clone(),
    }
}

/// The requests of `[requests] csv`, or none (and a problem) when the file cannot be read.
fn read_requests(r: &mut Reader, raw: &RawScenario) -> Vec<Request> {
    let Some(csv) = raw.requests.as_ref().and_then(|s| s.csv.as_ref()) else {
        return Vec::new();
    };
    match super::requests::read_requests_file(Path::new(&csv.value)) {
        Ok((requests, problems)) => {
            r.problems.extend(problems);
            requests
        }
        Err(e) => {
            r.problem(
                csv.loc(),
                Says::RequestsFileUnreadable {
                    error: format!("{e:#}"),
                },
                Fix::CheckPath,
            );
            Vec::new()
        }
    }
}

/// A date of the scenario's week written in it, or a problem.
fn week_date(
    r: &mut Reader,
    scenario: &Scenario,
    date: &At<toml::value::Datetime>,
    what: &str,
) -> Option<NaiveDate> {
    let text = date.value.to_string();
    let Ok(day) = NaiveDate::parse_from_str(&text, "%Y-%m-%d") else {
        r.problem(date.loc(), Says::NotADate { text }, Fix::WriteDate);
        return None;
    };
    if !scenario.dates.contains(&day) {
        r.problem(
            date.loc(),
            Says::NotAWorkingDate {
                what: what.to_string(),
                date: day,
            },
            Fix::UseWorkingDate {
                first: scenario.dates.first().copied().unwrap_or_default(),
                last: scenario.dates.last().copied().unwrap_or_default(),
            },
        );
        return None;
    }
    Some(day)
}

/// The index of the van named `name`, or a problem.
fn van_named(r: &mut Reader, scenario: &Scenario, name: &At<String>) -> Option<usize> {
    let found = scenario.vans.iter().position(|v| v.name == name.value);
    if found.is_none() {
        let fix = Fix::UseKnownName {
            known: scenario
                .vans
                .iter()
                .map(|v| v.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        };
        r.problem(
            name.loc(),
            Says::UnknownVan {
                van: name.value.clone(),
            },
            fix,
        );
    }
    found
}

/// Vans out and visits agreed before planning, checked against the vans, stops and dates.
fn resolve_promises(r: &mut Reader, raw: &RawScenario, mut scenario: Scenario) -> Scenario {
    for off in &raw.van_off {
        let van = van_named(r, &scenario, &off.van);
        let date = week_date(r, &scenario, &off.date, "van_off");
        if let (Some(van), Some(date)) = (van, date) {
            scenario.vans_off.push((van, date));
        }
    }
    for c in &raw.commitment {
        let stop = scenario.stops.iter().position(|s| s.name == c.stop.value);
        if stop.is_none() {
            r.problem(
                c.stop.loc(),
                Says::UnknownStop {
                    stop: c.stop.value.clone(),
                },
                Fix::NameAStop,
            );
        }
        let van = van_named(r, &scenario, &c.van);
        let date = week_date(r, &scenario, &c.date, "commitment");
        let start = r.parse(&c.start, "commitment start", parse_time_of_day);
        if let (Some(stop), Some(van), Some(date), Some(start)) = (stop, van, date, start) {
            scenario.commitments.push(Commitment {
                stop,
                van,
                date,
                start,
            });
        }
    }
    scenario
}

/// The working dates of the week of `monday`, the holidays among its working weekdays, and
/// the working dates on which schools are closed.
fn week_days(
    monday: NaiveDate,
    working: u8,
    holidays: &[DayOff],
) -> (Vec<NaiveDate>, Vec<DayOff>, Vec<NaiveDate>) {
    let week: Vec<NaiveDate> = (0..7)
        .filter(|d| working & (1 << d) != 0)
        .map(|d| monday + chrono::Days::new(d))
        .collect();
    let dates: Vec<NaiveDate> = week
        .iter()
        .copied()
        .filter(|d| !holidays.iter().any(|o| o.date == *d))
        .collect();
    let days_off = holidays
        .iter()
        .filter(|o| week.contains(&o.date))
        .cloned()
        .collect();
    let school = holidays::school()
        .into_iter()
        .map(|o| o.date)
        .filter(|d| dates.contains(d))
        .collect();
    (dates, days_off, school)
}

impl Scenario {
    /// The same scenario for the week of `monday`: its working dates and holidays, and only
    /// the commitments and vans out that fall in it.
    pub fn for_week(&self, monday: NaiveDate) -> Scenario {
        let (dates, days_off, school_days_off) = week_days(monday, self.working, &self.holidays);
        Scenario {
            week_start: monday,
            commitments: self
                .commitments
                .iter()
                .filter(|c| dates.contains(&c.date))
                .cloned()
                .collect(),
            vans_off: self
                .vans_off
                .iter()
                .filter(|(_, d)| dates.contains(d))
                .copied()
                .collect(),
            dates,
            days_off,
            school_days_off,
            ..self.clone()
        }
    }
}

/// The days off: the office's `holidays` or the built-in national list, plus
/// `extra_days_off`.
fn days_off(r: &mut Reader, raw: &RawScenario) -> Vec<DayOff> {
    let mut read = |list: &Option<Vec<At<toml::value::Datetime>>>, name: &str| -> Vec<DayOff> {
        let mut out = Vec::new();
        for value in list.iter().flatten() {
            let text = value.value.to_string();
            match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
                Ok(date) => out.push(DayOff {
                    date,
                    name: name.to_string(),
                    decided: true,
                }),
                Err(_) => r.problem(value.loc(), Says::NotADate { text }, Fix::WriteDate),
            }
        }
        out
    };
    let mut off = match &raw.holidays {
        Some(_) => read(&raw.holidays, "holidays"),
        None => holidays::national(),
    };
    off.extend(read(&raw.extra_days_off, "extra_days_off"));
    off
}
#[cfg(test)]
mod tests {
    use super::*;

    /// The problems of a scenario text, as `line:col: message`.
    fn problems_of(text: &str) -> Vec<String> {
        let raw = super::super::raw::parse_layer(Path::new("t.toml"), text).unwrap();
        let (_, problems) = resolve(Path::new("t.toml"), &raw);
        problems
            .iter()
            .map(|p| {
                let at = p.at.as_ref().map(|a| format!("{}:{}: ", a.line, a.col));
                format!("{}{}", at.unwrap_or_default(), p.message.en)
            })
            .collect()
    }

    /// A small scenario with `top` after its first lines and `van` in its van.
    fn problems(top: &str, van: &str) -> Vec<String> {
        problems_of(&format!(
            "name = \"t\"\nweek_start = 2026-12-07\ntravel = \"straight-line\"\n{top}\n\
             [depot]\nlocation = [-7.6, 111.3]\n\
             [[van]]\nname = \"A\"\n{van}\n"
        ))
    }

    #[test]
    fn numbers_out_of_range_name_their_setting() {
        let sets = "recording_sets = 2";
        assert_eq!(problems("", sets), Vec::<String>::new());
        for (top, van, says) in [
            ("time_limit = \"0s\"", sets, "4:14: time limit `0s`"),
            ("time_limit = \"25h\"", sets, "4:14: time limit `25h`"),
            (
                "[service]\nsetup = \"99999h\"",
                sets,
                "service.setup: `99999h` is longer than a day",
            ),
            (
                "",
                "recording_sets = 2\nmax_driving = \"30h\"",
                "max_driving: `30h` is longer than a day",
            ),
            (
                "",
                "recording_sets = 101",
                "`A` has 101 recording sets, more than 100",
            ),
            (
                "[straight_line]\ndetour = 0.5",
                sets,
                "5:10: straight_line.detour is 0.5",
            ),
            (
                "[straight_line]\nspeed_kmh = 1e9",
                sets,
                "straight_line.speed_kmh is 1000000000 km/h",
            ),
            ("[weights]\nelderly = -1.0", sets, "weight of elderly is -1"),
            (
                "[weights]\ndisabled = 1e308",
                sets,
                "weight of disabled is 1e308",
            ),
            (
                "",
                "recording_sets = 2\nblank_cards = 5000000000",
                "more than 100000",
            ),
        ] {
            let found = problems(top, van);
            assert!(found.iter().any(|f| f.contains(says)), "{says}: {found:?}");
        }
    }

    #[test]
    fn long_names_are_refused_before_they_become_file_names() {
        let found = problems_of(&format!(
            "name = \"{}\"\nweek_start = 2026-12-07\ntravel = \"straight-line\"\n\
             [depot]\nlocation = [0.0, 0.0]\n[[van]]\nname = \"{}\"\nrecording_sets = 1\n",
            "x".repeat(121),
            "v".repeat(81)
        ));
        for says in [
            "1:8: the scenario name `xxxxxxxxxxxxxxxxxxxx…` has 121 characters, more than 120",
            "7:8: the van name `vvvvvvvvvvvvvvvvvvvv…` has 81 characters, more than 80",
        ] {
            assert!(found.iter().any(|f| f == says), "{says}: {found:?}");
        }
    }

    #[test]
    fn without_a_week_no_dates_are_made_up() {
        // Before, the week fell back to Thursday 1 January 1970, whose Saturday, the third of
        // "mon-wed" counted from a Thursday, had no hours.
        let found = problems_of(
            "name = \"t\"\nweek_start = 10:00:00\nworking_days = \"mon-wed\"\n\
             travel = \"straight-line\"\n[depot]\nlocation = [0.0, 0.0]\n[[van]]\nname = \"A\"\nrecording_sets = 1\n",
        );
        assert_eq!(found, ["2:14: week_start `10:00:00` is not a date"]);
    }
}
