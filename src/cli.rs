//! The command line: parse, call the library, map errors to exit codes.

mod benchmark;
mod campaign;
mod map;
mod map_make;
mod plan;
mod replan;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use jempol::i18n::{Key, Lang, UserError};
use jempol::scenario::Problems;

#[derive(Parser)]
#[command(
    name = "jempol",
    version,
    about = "Weekly routes for the mobile KTP-el recording vans of Kabupaten Magetan"
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
    /// Re-plan the rest of a week, keeping the visits already made and announced.
    /// / Susun ulang sisa minggu tanpa memindahkan kunjungan yang sudah diumumkan.
    Replan(replan::ReplanArgs),
    /// Plan week after week until everyone is recorded. / Rencana minggu demi minggu.
    Campaign(campaign::CampaignArgs),
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
        Command::Replan(args) => replan::replan(args, lang),
        Command::Campaign(args) => campaign::campaign(args, lang),
        Command::Check(args) => plan::check(args, lang),
        Command::Verify(args) => plan::verify(args, lang),
        Command::Compare(args) => plan::compare(args, lang),
        Command::Scenario(command) => plan::scenario(command, lang),
        Command::Benchmark(command) => benchmark::run(command),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{}: {}", lang.t(Key::Error), error_text(&error, lang));
            ExitCode::FAILURE
        }
    }
}

/// An error and its causes in `lang`, joined by ": " as `{:#}` joins them.
fn error_text(error: &anyhow::Error, lang: Lang) -> String {
    error
        .chain()
        .map(|e| {
            if let Some(e) = e.downcast_ref::<UserError>() {
                e.message(lang).to_string()
            } else if let Some(e) = e.downcast_ref::<Problems>() {
                e.message(lang)
            } else {
                e.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jempol::i18n::FileMsg;

    #[test]
    fn errors_lead_in_the_chosen_language_and_keep_the_cause() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "No such file");
        let path = "x.toml".to_string();
        let error: anyhow::Error = UserError::caused(FileMsg::CannotRead { path }, io).into();
        assert_eq!(
            error_text(&error, Lang::Id),
            "x.toml tidak dapat dibaca: No such file"
        );
        assert_eq!(
            error_text(&error, Lang::En),
            "cannot read x.toml: No such file"
        );
        // Deeper in a chain, under an English developer context, it is still found.
        let wrapped = error.context("while planning");
        assert_eq!(
            error_text(&wrapped, Lang::Id),
            "while planning: x.toml tidak dapat dibaca: No such file"
        );
        // Plain errors keep their text.
        let plain = anyhow::anyhow!("internal");
        assert_eq!(error_text(&plain, Lang::Id), "internal");
    }
}
