//! `jempol benchmark ...`: solve a standard benchmark file with the planner's optimizer, or
//! check another solver's routes for it, and print the verified result.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use clap::{Args, Subcommand};
use serde_json::json;

use jempol::formats::{default_decimals, read_solomon, read_toptw};
use jempol::fsio::write_atomically;
use jempol::solve::{Instance, Objective, Solution, SolveOptions, VerifiedPlan, solve, verify};

#[derive(Subcommand)]
pub enum BenchmarkCommand {
    /// Team orienteering with time windows (OPLib format): maximise the prize collected.
    Toptw {
        /// An OPLib TOPTW file, e.g. data/benchmarks/toptw/cordeau/pr01.txt.
        file: PathBuf,
        /// Number of paths (vehicles), m.
        #[arg(long)]
        vehicles: usize,
        /// Decimals kept when rounding distances down (default: 2 for pr*, else 1).
        #[arg(long)]
        decimals: Option<u32>,
        #[command(flatten)]
        run: RunArgs,
    },
    /// Vehicle routing with time windows (Solomon format): serve every customer with the
    /// fewest vehicles, then the least distance.
    Vrptw {
        /// A Solomon VRPTW file, e.g. data/benchmarks/solomon/c101.txt.
        file: PathBuf,
        #[command(flatten)]
        run: RunArgs,
    },
}

#[derive(Args)]
pub struct RunArgs {
    /// Search time in seconds, above 0 and at most 86400 (default 10, or none when
    /// --iterations is given).
    #[arg(long, allow_negative_numbers = true)]
    time_limit: Option<String>,
    /// Random seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Iteration budget: the result then depends only on the seed and this budget (unless
    /// a time limit given as well cuts the search short).
    #[arg(long)]
    iterations: Option<u64>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
    /// Write the instance as read (JSON: matrices, jobs, tours) to this file and stop, so
    /// other solvers can be given exactly the same problem.
    #[arg(long)]
    write_instance: Option<PathBuf>,
    /// Do not solve: verify the routes in this JSON file ({"routes": [[vertex, ...], ...]},
    /// optionally "seconds") and print them as a result.
    #[arg(long, conflicts_with = "write_instance")]
    check: Option<PathBuf>,
}

pub fn run(command: BenchmarkCommand) -> anyhow::Result<()> {
    let (file, instance, run) = match command {
        BenchmarkCommand::Toptw {
            file,
            vehicles,
            decimals,
            run,
        } => {
            let decimals = decimals.unwrap_or_else(|| default_decimals(&file));
            let instance = read_toptw(&file, vehicles, decimals)?;
            (file, instance, run)
        }
        BenchmarkCommand::Vrptw { file, run } => {
            let instance = read_solomon(&file)?;
            (file, instance, run)
        }
    };
    if let Some(out) = &run.write_instance {
        let bytes = serde_json::to_vec(&instance)?;
        return write_atomically(out, &bytes);
    }
    let (solution, seconds) = match &run.check {
        Some(routes) => read_routes(routes, &instance)?,
        None => {
            let options = SolveOptions {
                seed: run.seed,
                time_limit: match (&run.time_limit, run.iterations) {
                    (Some(seconds), _) => Some(super::plan::time_limit(seconds)?),
                    (None, None) => Some(Duration::from_secs(10)),
                    (None, Some(_)) => None,
                },
                iterations: run.iterations,
                start: None,
            };
            let started = Instant::now();
            let solution = solve(&instance, &options);
            (solution, Some(started.elapsed().as_secs_f64()))
        }
    };
    let plan = verify(&instance, &solution).map_err(|violations| {
        let list: Vec<String> = violations.iter().map(|v| format!("  {v}")).collect();
        anyhow::anyhow!(
            "the plan for {} breaks {} rule(s):\n{}",
            file.display(),
            violations.len(),
            list.join("\n")
        )
    })?;
    let result = result_json(&file, &instance, &solution, &plan, seconds);
    if run.json {
        println!("{result}");
    } else {
        print!("{}", result_text(&result));
    }
    Ok(())
}

/// The routes as file vertex numbers in visiting order, depot excluded, empty tours left out.
fn vertex_routes(instance: &Instance, solution: &Solution) -> Vec<Vec<usize>> {
    solution
        .routes
        .iter()
        .filter(|r| !r.is_empty())
        .map(|r| r.iter().map(|&j| instance.jobs[j].location).collect())
        .collect()
}

fn result_json(
    file: &Path,
    instance: &Instance,
    solution: &Solution,
    plan: &VerifiedPlan,
    seconds: Option<f64>,
) -> serde_json::Value {
    let name = file.file_stem().map_or_else(
        || file.display().to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    let routes = vertex_routes(instance, solution);
    let mut result = json!({ "instance": name });
    match instance.objective {
        Objective::Prize => result["score"] = json!(plan.value),
        Objective::VisitAll => {
            result["vehicles"] = json!(routes.len());
            result["distance"] = json!(plan.distance);
        }
    }
    result["routes"] = json!(routes);
    result["seconds"] = json!(seconds);
    result
}

fn result_text(result: &serde_json::Value) -> String {
    let mut out = format!("{}\n", result["instance"].as_str().unwrap_or("?"));
    if let Some(score) = result["score"].as_f64() {
        out += &format!("  score     {score}\n");
    } else {
        out += &format!(
            "  vehicles  {}\n  distance  {:.2}\n",
            result["vehicles"],
            result["distance"].as_f64().unwrap_or(f64::NAN)
        );
    }
    if let Some(s) = result["seconds"].as_f64() {
        out += &format!("  seconds   {s:.2}\n");
    }
    for (k, route) in result["routes"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let ids: Vec<String> = route
            .as_array()
            .into_iter()
            .flatten()
            .map(|v| v.to_string())
            .collect();
        out += &format!("  route {}   {}\n", k + 1, ids.join(" "));
    }
    out
}

/// Reads another solver's routes (file vertex numbers) into a solution for `instance`.
fn read_routes(path: &Path, instance: &Instance) -> anyhow::Result<(Solution, Option<f64>)> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))?;
    let routes: Vec<Vec<usize>> =
        serde_json::from_value(value["routes"].clone()).with_context(|| {
            format!(
                "{}: expected \"routes\": [[vertex, ...], ...]",
                path.display()
            )
        })?;
    if routes.len() > instance.tours.len() {
        bail!(
            "{}: {} routes for {} vehicles",
            path.display(),
            routes.len(),
            instance.tours.len()
        );
    }
    let mut job_at = vec![None; instance.time.len()];
    for (j, job) in instance.jobs.iter().enumerate() {
        job_at[job.location] = Some(j);
    }
    let mut solution = Solution {
        routes: vec![Vec::new(); instance.tours.len()],
    };
    for (tour, route) in routes.iter().enumerate() {
        for &vertex in route {
            let Some(j) = job_at.get(vertex).copied().flatten() else {
                bail!(
                    "{}: route {} visits vertex {vertex}, which is no customer of the instance",
                    path.display(),
                    tour + 1
                );
            };
            solution.routes[tour].push(j);
        }
    }
    Ok((solution, value["seconds"].as_f64()))
}
