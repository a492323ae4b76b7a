//! `jempol campaign`: a thin wrapper over `jempol::export::run_campaign`.

use std::path::PathBuf;

use clap::Args;

use jempol::export::campaign::run_campaign;
use jempol::i18n::{Key, Lang};

use super::plan::SearchArgs;

/// Plan week after week until everyone is recorded, with holidays left out.
/// / Susun rencana minggu demi minggu sampai semua sasaran terekam, di luar hari libur.
#[derive(Args)]
pub struct CampaignArgs {
    /// The scenario TOML; the campaign starts in its week. / Skenario TOML.
    scenario: PathBuf,
    /// How many weeks to plan (1 to 520). / Berapa minggu yang direncanakan.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=520))]
    weeks: u16,
    /// What the teams recorded (realisasi.csv or .xlsx: date, van, stop, elderly, disabled,
    /// new_eligible, notes); the campaign starts the Monday after its last date.
    /// / Hasil perekaman tim (tanggal, mobil, titik, lansia, disabilitas, pemula, catatan).
    #[arg(long, visible_alias = "realisasi")]
    done: Option<PathBuf>,
    /// Output folder [default: out/<scenario name>-campaign/]. / Folder keluaran.
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    search: SearchArgs,
}

pub fn campaign(args: CampaignArgs, lang: Lang) -> anyhow::Result<()> {
    let options = args.search.options(args.out.clone())?;
    let run = run_campaign(
        &args.scenario,
        args.weeks.into(),
        args.done.as_deref(),
        &options,
        lang,
    )?;
    print!("{}", run.summary);
    println!("{} {}", lang.t(Key::Wrote), run.out.display());
    Ok(())
}
