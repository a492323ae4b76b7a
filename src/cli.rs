//! The command line: parse, call the library, map errors to exit codes.

mod benchmark;
mod map;
mod map_make;
mod plan;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use jempol::i18n::{Lang, error_text};

#[derive(Parser)]
#[command(
    name = "jempol",
    version,
    about = "Weekly routes for the mobile e-KTP recording vans of Kabupaten Magetan"
)]
struct Cli {
    /// Language of what a planner reads: summaries, reports, day sheets, check/verify/compare
    /// output and scenario errors (announcements to villages are always in Bahasa Indonesia).
    #[arg(long, global = true, value_enum, ignore_case = true, env = "JEMPOL_LANG", default_value_t = Lang::En)]
    lang: Lang,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Road maps: inspect, route, travel-time matrices.
    #[command(subcommand)]
    Map(map::MapCommand),
    /// Plan a week: solve the scenario, verify the plan, write plan.json, schedule.csv and GPX.
    Plan(plan::PlanArgs),
    /// Report every problem of a scenario at once; fails if there is any.
    Check(plan::CheckArgs),
    /// Re-check a saved plan.json against its scenario with the independent verifier.
    Verify(plan::VerifyArgs),
    /// Plan several scenarios and show them side by side, with the stops gained and lost.
    Compare(plan::CompareArgs),
    /// Scenario helpers.
    #[command(subcommand)]
    Scenario(plan::ScenarioCommand),
    /// Standard optimizer benchmarks (TOPTW, Solomon VRPTW): solve and verify one file.
    #[command(subcommand)]
    Benchmark(benchmark::BenchmarkCommand),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang;
    let result = match cli.command {
        Command::Map(command) => map::run(command),
        Command::Plan(args) => plan::plan(args, lang),
        Command::Check(args) => plan::check(args, lang),
        Command::Verify(args) => plan::verify(args, lang),
        Command::Compare(args) => plan::compare(args, lang),
        Command::Scenario(command) => plan::scenario(command, lang),
        Command::Benchmark(command) => benchmark::run(command),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let label = match lang {
                Lang::En => "error",
                Lang::Id => "kesalahan",
            };
            eprintln!("{label}: {}", error_text(&error, lang));
            ExitCode::FAILURE
        }
    }
}
