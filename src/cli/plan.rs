//! `jempol plan | check | verify | compare | scenario stops`: thin wrappers over
//! `jempol::plan` and `jempol::scenario`.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};

use jempol::export::campaign::compare_campaigns;
use jempol::export::run_plan;
use jempol::i18n::{Fix, Key, Lang, Message, PlanMsg, Says, Text, UserError};
use jempol::magetan::Source;
use jempol::plan::instance_json::{check_routes, checked_text, write_instance};
use jempol::plan::verify_saved::{run_verify_in, run_verify_kept};
use jempol::plan::{PlanOptions, compare::run_compare_in};
use jempol::scenario::{
    check::run_check_in,
    generate::{write_magetan_stops, write_sampled_stops},
    limits,
};

#[derive(Args)]
pub struct PlanArgs {
    /// The scenario TOML.
    scenario: PathBuf,
    /// Output folder [default: out/<scenario name>/].
    #[arg(long)]
    out: Option<PathBuf>,
    /// Print the seconds spent in each step (prepare, solve, verify, write) on stderr.
    #[arg(long)]
    timings: bool,
    #[command(flatten)]
    search: SearchArgs,
    /// Do not solve: write the optimizer's instance (JSON, see docs/instance-json.md) to
    /// FILE, so other solvers can be given exactly the same problem.
    #[arg(long, value_name = "FILE")]
    write_instance: Option<PathBuf>,
    /// Do not solve: verify another solver's routes ({"routes": [[job id, ...] for each
    /// van-day]}, ids and van-days as in --write-instance) and print value and driving time.
    #[arg(long, value_name = "ROUTES", conflicts_with = "write_instance")]
    check: Option<PathBuf>,
    /// With --check: print JSON.
    #[arg(long, requires = "check")]
    json: bool,
}

#[derive(Args)]
pub(super) struct SearchArgs {
    /// Seconds the optimizer may search, above 0 and at most 86400 (overrides the scenario's
    /// time_limit; --iterations 0 returns the construction).
    #[arg(long, allow_negative_numbers = true)]
    time_limit: Option<String>,
    /// Random seed (overrides the scenario's seed).
    #[arg(long)]
    seed: Option<u64>,
    /// Search iterations (overrides the scenario's; the plan then depends only on the seed).
    #[arg(long)]
    iterations: Option<u64>,
}

impl SearchArgs {
    pub(super) fn options(&self, out: Option<PathBuf>) -> anyhow::Result<PlanOptions> {
        Ok(PlanOptions {
            out,
            time_limit: self.time_limit.as_deref().map(time_limit).transpose()?,
            seed: self.seed,
            iterations: self.iterations,
        })
    }
}

/// `--time-limit SECONDS`: above 0 and at most a day; anything else (NaN, a negative number,
/// 0, infinity, 1e308) is an error that says what to give instead.
pub fn time_limit(given: &str) -> anyhow::Result<Duration> {
    given
        .trim()
        .parse::<f64>()
        .ok()
        .and_then(limits::time_limit)
        .ok_or_else(|| {
            let says = Says::TimeLimit {
                given: given.to_string(),
            };
            let text = Text::each(|lang| {
                let fix = Fix::TimeLimitRange.get(lang);
                format!(
                    "--time-limit: {}\n    {}: {fix}",
                    says.get(lang),
                    lang.t(Key::FixLabel)
                )
            });
            UserError::new(text).into()
        })
}

#[derive(Args)]
pub struct CheckArgs {
    scenario: PathBuf,
}

#[derive(Args)]
pub struct VerifyArgs {
    scenario: PathBuf,
    /// A plan.json written by `jempol plan` or `jempol replan`.
    plan: PathBuf,
    /// For a re-planned week: the plan it kept. The visits before --from must be unchanged,
    /// and every promise is judged again. / Untuk minggu yang disusun ulang: rencana lama.
    #[arg(long, value_name = "PLAN_JSON", requires = "from")]
    keep: Option<PathBuf>,
    /// With --keep: the first re-planned day. / Hari pertama yang disusun ulang.
    #[arg(long, value_name = "DATE", requires = "keep")]
    from: Option<chrono::NaiveDate>,
}

#[derive(Args)]
pub struct CompareArgs {
    /// Two or more scenarios; changes are shown against the first.
    #[arg(required = true, num_args = 2..)]
    scenarios: Vec<PathBuf>,
    /// Compare campaigns of this many weeks (people recorded, km, the week each kecamatan is
    /// cleared) instead of one week. / Bandingkan kampanye sekian minggu.
    #[arg(long, visible_alias = "minggu", value_parser = clap::value_parser!(u16).range(1..=520))]
    weeks: Option<u16>,
    #[command(flatten)]
    search: SearchArgs,
}

#[derive(Subcommand)]
pub enum ScenarioCommand {
    /// Generate the Magetan candidate stops CSV (estimated counts) from the Magetan data.
    Stops {
        #[arg(long)]
        out: PathBuf,
        /// Folder with desa.csv, kecamatan-stats.csv and schools-sma-smk-slb.csv [default: the
        /// copy of data/magetan built into jempol]
        #[arg(long)]
        data: Option<PathBuf>,
        /// For scaling benchmarks: this many stops, a seeded sample of the candidates or all of
        /// them plus posyandu posts sharing their desa's people.
        #[arg(long)]
        count: Option<usize>,
        /// Seed of the sample (with --count).
        #[arg(long, requires = "count", default_value_t = 1)]
        seed: u64,
    },
}

pub fn plan(args: PlanArgs, lang: Lang) -> anyhow::Result<()> {
    if let Some(out) = &args.write_instance {
        let file = write_instance(&args.scenario, out)?;
        println!(
            "wrote {} jobs and {} van-days to {}",
            file.jobs.len(),
            file.tours.len(),
            out.display()
        );
        return Ok(());
    }
    if let Some(routes) = &args.check {
        let checked = check_routes(&args.scenario, routes)?;
        if args.json {
            println!("{}", serde_json::to_string(&checked)?);
        } else {
            print!("{}", checked_text(&checked));
        }
        return Ok(());
    }
    let options = args.search.options(args.out.clone())?;
    let run = run_plan(&args.scenario, &options, lang)?;
    print!("{}", run.summary);
    println!("{} {}", lang.t(Key::Wrote), run.out.display());
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
        // The optimizer's objective, for developers; planners read people in the summary.
        eprintln!("optimizer: value {:.1}", run.plan.totals.value);
    }
    Ok(())
}

/// Prints the report; any problem makes the command fail.
pub fn check(args: CheckArgs, lang: Lang) -> anyhow::Result<()> {
    let (text, ok) = run_check_in(&args.scenario, lang)?;
    if ok {
        print!("{text}");
        Ok(())
    } else {
        Err(anyhow::anyhow!("{}", text.trim_end()))
    }
}

pub fn verify(args: VerifyArgs, lang: Lang) -> anyhow::Result<()> {
    let verdict = match (&args.keep, args.from) {
        (Some(keep), Some(from)) => run_verify_kept(&args.scenario, &args.plan, keep, from, lang)?,
        _ => run_verify_in(&args.scenario, &args.plan, lang)?,
    };
    println!("{verdict}");
    Ok(())
}

pub fn compare(args: CompareArgs, lang: Lang) -> anyhow::Result<()> {
    let options = args.search.options(None)?;
    match args.weeks {
        Some(weeks) => print!(
            "{}",
            compare_campaigns(&args.scenarios, weeks.into(), &options, lang)?
        ),
        None => print!("{}", run_compare_in(&args.scenarios, &options, lang)?),
    }
    Ok(())
}

pub fn scenario(command: ScenarioCommand, lang: Lang) -> anyhow::Result<()> {
    match command {
        ScenarioCommand::Stops {
            out,
            data,
            count,
            seed,
        } => {
            let data = Source::from_option(data);
            let n = match count {
                Some(count) => write_sampled_stops(&data, &out, count, seed)?,
                None => write_magetan_stops(&data, &out)?,
            };
            let file = out.display().to_string();
            println!(
                "{}",
                PlanMsg::WroteStops {
                    stops: n as u64,
                    file
                }
                .get(lang)
            );
        }
    }
    Ok(())
}
