//! `jempol replan`: a thin wrapper over `jempol::export::run_replan`.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;

use jempol::export::run_replan;
use jempol::i18n::{Key, Lang};

use super::plan::SearchArgs;

/// Re-plan the rest of a week from a date, keeping the visits already made and announced.
/// / Susun ulang sisa minggu mulai suatu tanggal, tanpa memindahkan kunjungan yang sudah
/// dilaksanakan atau diumumkan.
#[derive(Args)]
pub struct ReplanArgs {
    /// The scenario TOML, with this week's changes (a van out, new requests).
    /// / Skenario TOML dengan perubahan minggu ini (mobil tidak jalan, permohonan baru).
    scenario: PathBuf,
    /// The plan.json announced before. / plan.json yang sudah diumumkan.
    #[arg(long, value_name = "PLAN_JSON")]
    keep: PathBuf,
    /// The first day to plan again (YYYY-MM-DD); earlier days are copied unchanged.
    /// / Hari pertama yang disusun ulang; hari sebelumnya disalin tanpa perubahan.
    #[arg(long, value_name = "DATE")]
    from: NaiveDate,
    /// Output folder [default: out/<scenario name>/]. / Folder keluaran.
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    search: SearchArgs,
}

pub fn replan(args: ReplanArgs, lang: Lang) -> anyhow::Result<()> {
    let options = args.search.options(args.out.clone())?;
    let run = run_replan(&args.scenario, &args.keep, args.from, &options, lang)?;
    print!("{}", run.summary);
    println!("{} {}", lang.t(Key::Wrote), run.out.display());
    Ok(())
}
