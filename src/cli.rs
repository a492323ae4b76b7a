//! The command line: parse, call the library, map errors to exit codes.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "jempol",
    version,
    about = "Weekly routes for Magetan's mobile e-KTP recording vans"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Plan a week: solve the scenario, verify the plan, write plan.json, schedule.csv and GPX
    Plan {
        scenario: PathBuf,
        /// Output folder [default: out/<scenario name>/]
        #[arg(long)]
        out: Option<PathBuf>,
        /// Seconds the optimizer may search (overrides the scenario's time_limit; 0 = construction only)
        #[arg(long)]
        time_limit: Option<f64>,
        /// Random seed (overrides the scenario's seed)
        #[arg(long)]
        seed: Option<u64>,
    },
    /// Report every problem of a scenario at once; exit 1 if there is any
    Check { scenario: PathBuf },
    /// Re-check a saved plan.json against its scenario with the independent verifier
    Verify { scenario: PathBuf, plan: PathBuf },
    /// Plan several scenarios and show them side by side, with the stops gained and lost
    Compare {
        #[arg(required = true, num_args = 2..)]
        scenarios: Vec<PathBuf>,
        #[arg(long)]
        time_limit: Option<f64>,
        #[arg(long)]
        seed: Option<u64>,
    },
    /// Scenario helpers
    Scenario {
        #[command(subcommand)]
        command: ScenarioCommand,
    },
}

#[derive(Subcommand)]
enum ScenarioCommand {
    /// Generate the Magetan candidate stops CSV (estimated counts) from ../shared/magetan
    Stops {
        #[arg(long)]
        out: PathBuf,
        /// Folder with desa.csv, kecamatan-stats.csv and schools-sma-smk-slb.csv
        #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/magetan"))]
        data: PathBuf,
    },
}

fn plan_options(
    out: Option<PathBuf>,
    time_limit: Option<f64>,
    seed: Option<u64>,
) -> jempol::plan::PlanOptions {
    jempol::plan::PlanOptions {
        out,
        time_limit: time_limit.map(|s| Duration::from_secs_f64(s.max(0.0))),
        seed,
    }
}

fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Plan {
            scenario,
            out,
            time_limit,
            seed,
        } => {
            let run = jempol::plan::run_plan(&scenario, &plan_options(out, time_limit, seed))?;
            print!("{}", run.summary);
            println!(
                "{} {}",
                jempol::plan::text::summary::WROTE,
                run.out.display()
            );
        }
        Command::Check { scenario } => {
            let (text, ok) = jempol::scenario::check::run_check(&scenario)?;
            print!("{text}");
            if !ok {
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Verify { scenario, plan } => println!(
            "{}",
            jempol::plan::verify_saved::run_verify(&scenario, &plan)?
        ),
        Command::Compare {
            scenarios,
            time_limit,
            seed,
        } => {
            print!(
                "{}",
                jempol::plan::compare::run_compare(
                    &scenarios,
                    &plan_options(None, time_limit, seed)
                )?
            );
        }
        Command::Scenario {
            command: ScenarioCommand::Stops { out, data },
        } => {
            let n = jempol::scenario::generate::write_magetan_stops(&data, &out)?;
            println!("wrote {n} stops to {}", out.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
