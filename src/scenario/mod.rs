//! The planner's input: scenario TOML (+ CSV of stops), `extends` for what-ifs, validation,
//! and the step to a `solve::Instance`. See scenarios/README.md for the format.

pub mod build;
pub mod check;
pub mod generate;
pub mod limits;
pub mod model;
pub mod office;
pub mod problem;
pub mod raw;
pub mod realisation;
pub mod reasons;
pub mod requests;
pub mod sheet;
pub mod stops_csv;
pub mod targets;
pub mod travel;
pub mod units;

use std::path::Path;
use std::sync::Arc;

pub use build::Built;
pub use model::Scenario;
pub use problem::{Problem, Problems};
pub use travel::TravelSource;

use crate::map::LatLon;
use problem::Loc;

/// Reads a scenario and the files it extends. Parse errors are errors; every other problem
/// is returned with the scenario.
pub fn read(path: &Path) -> anyhow::Result<(Scenario, Vec<Problem>)> {
    let layers = raw::read_layers(path)?;
    let merged = layers
        .into_iter()
        .map(|l| l.raw)
        .reduce(raw::merge)
        .unwrap_or_default();
    let (scenario, mut problems) = model::resolve(path, &merged);
    problems.extend(check::validate(&scenario));
    Ok((scenario, problems))
}

/// A scenario ready to solve: its travel source and its instance.
#[derive(Clone)]
pub struct Prepared {
    pub scenario: Scenario,
    /// Shared, so that the weeks of a campaign use one loaded map.
    pub source: Arc<TravelSource>,
    pub built: Built,
}

/// The depot and the stops, as named points for the travel source.
pub fn points(scenario: &Scenario) -> Vec<(String, LatLon, Option<Loc>)> {
    std::iter::once((scenario.depot_name.clone(), scenario.depot, None))
        .chain(
            scenario
                .stops
                .iter()
                .map(|s| (s.name.clone(), s.location, s.at.clone())),
        )
        .collect()
}

/// Reads, checks and builds a scenario. Returns every problem found: those of the file, and
/// when the file is sound, those of the map (off the map, unreachable) and of mandatory stops.
pub fn check(path: &Path) -> anyhow::Result<(Option<Prepared>, Vec<Problem>)> {
    let (scenario, mut problems) = read(path)?;
    if !problems.is_empty() {
        return Ok((None, problems));
    }
    let source = TravelSource::open(&scenario.travel)?;
    let points = points(&scenario);
    let (travel, mut map_problems) = source.connect(&points);
    if map_problems.is_empty() {
        let (time, distance) = travel.matrices();
        map_problems = travel::unreachable(&points, &time);
        if map_problems.is_empty() {
            drop(travel);
            let (built, too_big) = build::build(&scenario, time, distance);
            if !too_big.is_empty() {
                return Ok((None, too_big));
            }
            problems.extend(check::mandatory_problems(&scenario, &built));
            return Ok((
                Some(Prepared {
                    scenario,
                    source: Arc::new(source),
                    built,
                }),
                problems,
            ));
        }
    }
    problems.extend(map_problems);
    Ok((None, problems))
}

/// Reads, checks and builds a scenario; any problem is an error listing them all.
pub fn prepare(path: &Path) -> anyhow::Result<Prepared> {
    match check(path)? {
        (Some(prepared), problems) if problems.is_empty() => Ok(prepared),
        (_, problems) => Err(Problems(problems).into()),
    }
}
