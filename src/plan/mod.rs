//! `jempol plan | verify | compare`: solve a scenario, check the solution with the
//! independent verifier, and turn it into the typed [`model::Plan`]. Writing files is
//! `export`'s job; this module ends at the model.

mod breach;
pub mod campaign;
pub mod compare;
pub mod coverage;
pub mod fill;
pub mod instance_json;
pub mod model;
pub mod promises;
pub mod replan;
pub mod shift_use;
pub mod summary;
pub mod targets;
pub mod verify_saved;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use crate::fsio::slug;
use crate::i18n::{Lang, Message, PlanMsg, Text, UserError};
use crate::scenario::reasons::why;
use crate::scenario::{self, Prepared};
use crate::solve::verify::verify;
use crate::solve::{Solution, SolveOptions, VerifiedPlan, Violation};
pub use model::Plan;

/// Overrides from the command line.
#[derive(Clone, Debug, Default)]
pub struct PlanOptions {
    pub out: Option<PathBuf>,
    pub time_limit: Option<Duration>,
    pub iterations: Option<u64>,
    pub seed: Option<u64>,
}

/// A solved and verified scenario.
pub struct Solved {
    pub prepared: Prepared,
    pub solution: Solution,
    pub plan: Plan,
    pub timings: Timings,
}

/// Seconds spent in each step of a plan (`jempol plan --timings`, benches/plan_scaling.py).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Timings {
    /// Reading the scenario and the map, snapping the stops, the travel matrix and the checks.
    pub prepare: f64,
    /// Of `prepare`: reading the map and building its road graph (0 for straight lines).
    pub map_load: f64,
    pub solve: f64,
    /// The independent verifier and the report.
    pub verify: f64,
    /// Writing the output files.
    pub write: f64,
}

/// Reads, solves and verifies a scenario. A plan the verifier rejects is an error.
pub fn solve_scenario(path: &Path, options: &PlanOptions) -> anyhow::Result<Solved> {
    let started = Instant::now();
    let prepared = scenario::prepare(path)?;
    let promised = promises::of_scenario(&prepared);
    let prepare_seconds = started.elapsed().as_secs_f64();
    solve_prepared(prepared, options, &promised, prepare_seconds)
}

/// Solves and verifies a prepared scenario keeping `promised` first, starting from the
/// promised visits; `prepare_seconds` is what preparing took, for the timings.
pub fn solve_prepared(
    mut prepared: Prepared,
    options: &PlanOptions,
    promised: &[promises::Promised],
    prepare_seconds: f64,
) -> anyhow::Result<Solved> {
    let pinned = promises::pin(&mut prepared, promised);
    let start = promises::start_routes(&prepared, promised, &pinned);
    let start = start.routes.iter().any(|r| !r.is_empty()).then_some(start);
    let mut timings = Timings {
        prepare: prepare_seconds,
        map_load: match prepared.source.as_ref() {
            scenario::travel::TravelSource::Roads { map, .. } => {
                map.info.read_seconds + map.info.build_seconds
            }
            scenario::travel::TravelSource::StraightLine { .. } => 0.0,
        },
        ..Timings::default()
    };
    if let Some(seed) = options.seed {
        prepared.scenario.seed = seed;
    }
    if let Some(limit) = options.time_limit {
        prepared.scenario.time_limit = limit;
    }
    if let Some(iterations) = options.iterations {
        prepared.scenario.iterations = Some(iterations);
    }
    let solve_options = SolveOptions {
        seed: prepared.scenario.seed,
        time_limit: Some(prepared.scenario.time_limit),
        iterations: prepared.scenario.iterations,
        start,
    };
    let started = Instant::now();
    let (solution, search) =
        crate::solve::solve_reporting(&prepared.built.instance, &solve_options);
    let kept = promises::kept(promised, &pinned);
    let solution = fill::fill(&mut prepared, solution, &kept);
    timings.solve = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let verified = checked(&prepared, &solution)?;
    let mut plan = model::build(&prepared, &verified, Some(search));
    plan.promises = promises::judge(&prepared, &plan, promised, &pinned);
    plan.targets = targets::results(&prepared, &plan);
    timings.verify = started.elapsed().as_secs_f64();
    Ok(Solved {
        prepared,
        solution,
        plan,
        timings,
    })
}

/// Runs the verifier; violations become one error naming each, with the reason when a
/// mandatory stop was left out.
pub fn checked(prepared: &Prepared, solution: &Solution) -> anyhow::Result<VerifiedPlan> {
    verify(&prepared.built.instance, solution).map_err(|violations| {
        UserError::new(Text::each(|lang| {
            format!(
                "{}:\n{}",
                PlanMsg::Rejected.get(lang),
                explain(prepared, &violations, lang)
            )
        }))
        .into()
    })
}

/// One line per violation, naming the van-day and the stop instead of indices, in the
/// planner's units.
fn explain(prepared: &Prepared, violations: &[Violation], lang: Lang) -> String {
    let built = &prepared.built;
    let mut lines = Vec::new();
    for v in violations {
        let mut line = String::from("  ");
        if let Some(info) = v.tour.and_then(|t| built.tours.get(t)) {
            let van = &prepared.scenario.vans[info.van].name;
            line += &format!("{van} {}: ", lang.date_short(info.date));
        }
        if let Some(job) = v.job.and_then(|j| built.instance.jobs.get(j)) {
            line += &format!("`{}`: ", job.name);
        }
        line += breach::words(prepared, &v.breach).get(lang);
        if let Some(j) = v
            .job
            .filter(|&j| built.instance.jobs.get(j).is_some_and(|job| job.mandatory))
        {
            let why = why(&prepared.scenario, built, j);
            line += &PlanMsg::MandatoryAlone { why }.get(lang);
        }
        lines.push(line);
    }
    lines.join("\n")
}
