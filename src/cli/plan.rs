//! `jempol plan | check | verify | compare | scenario stops`: thin wrappers over
//! `jempol::plan` and `jempol::scenario`.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};

use jempol::i18n::{Key, Lang};
use jempol::plan::{PlanOptions, compare::run_compare, run_plan_in, verify_saved::run_verify};
use jempol::scenario::{
    check::run_check,
    generate::{write_magetan_stops, write_sampled_stops},
};

#[derive(Args)]
pub struct PlanArgs {
    /// The scenario TOML.
    scenario: PathBuf,
    /// Output folder [default: out/<scenario name>/].
    #[arg(long)]
    out: Option<PathBuf>,
    /// Language of the summary, report.html and day sheets (announcements to villages are
    /// always in Bahasa Indonesia).
    #[arg(long, value_enum, default_value_t = Lang::En)]
    lang: Lang,
    /// Print the seconds spent in each step (prepare, solve, verify, write) on stderr.
    #[arg(long)]
    timings: bool,
    #[command(flatten)]
    search: SearchArgs,
}

#[derive(Args)]
pub struct SearchArgs {
    /// Seconds the optimizer may search (overrides the scenario's time_limit; 0 returns the
    /// construction).
    #[arg(long)]
    time_limit: Option<f64>,
    /// Random seed (overrides the scenario's seed).
    #[arg(long)]
    seed: Option<u64>,
    /// Search iterations (overrides the scenario's; the plan then depends only on the seed).
    #[arg(long)]
    iterations: Option<u64>,
}

impl SearchArgs {
    fn options(&self, out: Option<PathBuf>) -> PlanOptions {
        PlanOptions {
            out,
            time_limit: self.time_limit.map(|s| Duration::from_secs_f64(s.max(0.0))),
            seed: self.seed,
            iterations: self.iterations,
        }
    }
}

#[derive(Args)]
pub struct CheckArgs {
    scenario: PathBuf,
}

#[derive(Args)]
pub struct VerifyArgs {
    scenario: PathBuf,
    /// A plan.json written by `jempol plan`.
    plan: PathBuf,
}

#[derive(Args)]
pub struct CompareArgs {
    /// Two or more scenarios; changes are shown against the first.
    #[arg(required = true, num_args = 2..)]
    scenarios: Vec<PathBuf>,
    #[command(flatten)]
    search: SearchArgs,
}

#[derive(Subcommand)]
pub enum ScenarioCommand {
    /// Generate the Magetan candidate stops CSV (estimated counts) from ../shared/magetan.
    Stops {
        #[arg(long)]
        out: PathBuf,
        /// Folder with desa.csv, kecamatan-stats.csv and schools-sma-smk-slb.csv.
        #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/magetan"))]
        data: PathBuf,
        /// For scaling benchmarks: this many stops, a seeded sample of the candidates or all of
        /// them plus posyandu posts sharing their desa's people.
        #[arg(long)]
        count: Option<usize>,
        /// Seed of the sample (with --count).
        #[arg(long, requires = "count", default_value_t = 1)]
        seed: u64,
    },
}

pub fn plan(args: PlanArgs) -> anyhow::Result<()> {
    let options = args.search.options(args.out.clone());
    let run = run_plan_in(&args.scenario, &options, args.lang)?;
    print!("{}", run.summary);
    println!("{} {}", args.lang.t(Key::Wrote), run.out.display());
    if args.timings {
        let t = run.timings;
        eprintln!(
            "timings (s): prepare {:.3} (map load {:.3}, stops + matrix {:.3}), solve {:.3}, \
             verify {:.3}, write {:.3}",
            t.prepare,
            t.map_load,
            t.prepare - t.map_load,
            t.solve,
            t.verify,
            t.write
        );
    }
    Ok(())
}

/// Prints the report; any problem makes the command fail.
pub fn check(args: CheckArgs) -> anyhow::Result<()> {
    let (text, ok) = run_check(&args.scenario)?;
    if ok {
        print!("{text}");
        Ok(())
    } else {
        Err(anyhow::anyhow!("{}", text.trim_end()))
    }
}

pub fn verify(args: VerifyArgs) -> anyhow::Result<()> {
    println!("{}", run_verify(&args.scenario, &args.plan)?);
    Ok(())
}

pub fn compare(args: CompareArgs) -> anyhow::Result<()> {
    print!(
        "{}",
        run_compare(&args.scenarios, &args.search.options(None))?
    );
    Ok(())
}

pub fn scenario(command: ScenarioCommand) -> anyhow::Result<()> {
    match command {
        ScenarioCommand::Stops {
            out,
            data,
            count,
            seed,
        } => {
            let n = match count {
                Some(count) => write_sampled_stops(&data, &out, count, seed)?,
                None => write_magetan_stops(&data, &out)?,
            };
            println!("wrote {n} stops to {}", out.display());
        }
    }
    Ok(())
}
