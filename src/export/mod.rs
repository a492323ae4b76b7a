//! Files written for planners, teams, villages and tools, each rendered from the typed plan
//! ([`crate::plan::model::Plan`]) and the scenario it was made from.

pub mod announce;
pub mod campaign;
pub mod changes;
pub mod geojson;
pub mod gpx;
pub mod html;
pub mod report;
pub mod routes;
pub mod schedule;
pub mod sheets;
pub mod svg_map;
pub mod village;
pub mod whatsapp;
pub mod xlsx;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use std::time::Instant;

use crate::fsio::write_folder;
use crate::i18n::Lang;
use crate::map::LatLon;
use crate::plan::model::Plan;
use crate::plan::replan::replan;
use crate::plan::{PlanOptions, Solved, Timings, slug, solve_scenario, summary};
use crate::scenario::Scenario;

/// What every renderer reads: the plan, its scenario, the line each van-day drives and the
/// language of what people read.
pub struct Context<'a> {
    pub plan: &'a Plan,
    pub scenario: &'a Scenario,
    /// One line per van-day, in the order of `plan.van_days` (empty without visits).
    pub routes: &'a [Vec<LatLon>],
    pub lang: Lang,
}

/// What `jempol plan` did.
pub struct PlanRun {
    pub out: PathBuf,
    pub files: Vec<PathBuf>,
    pub plan: Plan,
    pub summary: String,
    pub timings: Timings,
}

/// `jempol plan`: solve, verify, then write every output into the output folder, with what
/// people read in `lang`.
pub fn run_plan(path: &Path, options: &PlanOptions, lang: Lang) -> anyhow::Result<PlanRun> {
    write_run(solve_scenario(path, options)?, options, lang)
}

/// `jempol replan`: re-plan from `from` keeping the plan in `keep`, then write as `plan`
/// does, with changes.csv.
pub fn run_replan(
    path: &Path,
    keep: &Path,
    from: NaiveDate,
    options: &PlanOptions,
    lang: Lang,
) -> anyhow::Result<PlanRun> {
    write_run(replan(path, keep, from, options)?.solved, options, lang)
}

/// Writes a solved plan's outputs and says what was done.
fn write_run(mut solved: Solved, options: &PlanOptions, lang: Lang) -> anyhow::Result<PlanRun> {
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| Path::new("out").join(slug(&solved.prepared.scenario.name)));
    let started = Instant::now();
    let files = write_all(&out, &solved, lang)?;
    solved.timings.write = started.elapsed().as_secs_f64();
    let summary = summary::summary(&solved.plan, &solved.prepared.scenario, lang);
    Ok(PlanRun {
        out,
        files,
        plan: solved.plan,
        summary,
        timings: solved.timings,
    })
}

/// Writes every output into `out`, replacing what it held as one step (see
/// [`write_folder`]); returns the files written.
pub fn write_all(out: &Path, solved: &Solved, lang: Lang) -> anyhow::Result<Vec<PathBuf>> {
    let files = plan_files(out, solved, lang)?;
    write_folder(out, &files)?;
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

/// Every output of a solved plan, as paths inside `out` with their bytes.
pub fn plan_files(
    out: &Path,
    solved: &Solved,
    lang: Lang,
) -> anyhow::Result<Vec<(PathBuf, Vec<u8>)>> {
    let routes = routes::route_lines(solved);
    let cx = Context {
        plan: &solved.plan,
        scenario: &solved.prepared.scenario,
        routes: &routes,
        lang,
    };
    let mut json = serde_json::to_vec_pretty(cx.plan)?;
    json.push(b'\n');
    let mut geo = serde_json::to_vec_pretty(&geojson::geojson(&cx))?;
    geo.push(b'\n');
    let documents = announce::documents(&cx);
    let mut files: Vec<(PathBuf, Vec<u8>)> = vec![
        (out.join("plan.json"), json),
        (out.join("schedule.csv"), schedule::csv(&cx)?),
        (out.join("schedule.xlsx"), xlsx::workbook(&cx)?),
        (
            out.join("report.html"),
            report::html(&cx, &solved.prepared.source)?.into_bytes(),
        ),
        (out.join("day-sheets.html"), sheets::html(&cx).into_bytes()),
        (
            out.join("announcements.html"),
            announce::html(&documents, &cx.plan.scenario.name).into_bytes(),
        ),
        (
            out.join("announcements.txt"),
            announce::text_file(&documents).into_bytes(),
        ),
        (out.join("whatsapp.txt"), whatsapp::text(&cx).into_bytes()),
        (out.join("plan.geojson"), geo),
    ];
    if let Some(changes) = changes::csv(&cx)? {
        files.push((out.join("changes.csv"), changes));
    }
    for (name, xml) in gpx::plan_files(&cx) {
        files.push((out.join(name), xml.into_bytes()));
    }
    Ok(files)
}
