//! Generates the candidate stops of the default Magetan scenario from the real regency data
//! in ../shared/magetan (read at run time, never copied). The counts are ESTIMATES made by
//! the rules below; a planner replaces them with the office's own lists.
//!
//! - Desa halls (235): one per desa/kelurahan at its centroid (a placeholder for the hall).
//!   Elderly: the 4,591 residents without a recorded KTP-el (2024) are taken to be mostly
//!   people who cannot come to the office; disabled: the 3,453 persons with disabilities
//!   (Dinsos 2020). Both are apportioned to kecamatan by estimated population, then equally
//!   to the kecamatan's desa (largest remainder, so the totals are exact). Halls are open
//!   08:00-15:00 on working days. Halls in kecamatan at 600 m or higher (the Lawu slopes)
//!   require a generator (assumed unreliable power).
//! - Schools (SMA, SMK, SLB with usable coordinates): the ~9,500 pupils turning 17 each
//!   year, apportioned equally per school with an SLB counting one tenth of a school
//!   (SLBs are small). Mon-Thu, 07:30-12:00.
//! - Home visits (6): one bedridden elderly resident in the first desa (by code) of six
//!   kecamatan, 300 m north of the desa centroid (a placeholder address); they need the
//!   portable kit, 08:00-14:00, and are mandatory (a bedridden resident cannot wait).

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, bail};
use serde::Deserialize;

use super::stops_csv::COLUMNS;
use crate::magetan::{Kecamatan, read_desa, read_kecamatan};

pub const KTP_NOT_RECORDED_2024: u32 = 4_591;
pub const DISABLED_2020: u32 = 3_453;
pub const TURNING_17_PER_YEAR: u32 = 9_500;
const GENERATOR_ELEVATION_M: f64 = 600.0;
const HOME_VISIT_KECAMATAN: [&str; 6] = [
    "Poncol", "Plaosan", "Sidorejo", "Panekan", "Parang", "Lembeyan",
];

#[derive(Deserialize)]
struct SchoolRow {
    npsn: String,
    sekolah: String,
    bentuk: String,
    kecamatan: String,
    lat: Option<f64>,
    lon: Option<f64>,
    coord_in_magetan_bbox: String,
}

fn read_csv<T: for<'de> Deserialize<'de>>(path: &Path) -> anyhow::Result<Vec<T>> {
    let mut reader =
        csv::Reader::from_path(path).with_context(|| format!("cannot open {}", path.display()))?;
    reader
        .deserialize()
        .enumerate()
        .map(|(i, r)| r.with_context(|| format!("{}: row {}", path.display(), i + 2)))
        .collect()
}

/// Splits `total` in proportion to `weights`, whole numbers summing exactly to `total`.
pub fn apportion(total: u32, weights: &[f64]) -> Vec<u32> {
    let sum: f64 = weights.iter().sum();
    if sum <= 0.0 {
        return vec![0; weights.len()];
    }
    let exact: Vec<f64> = weights.iter().map(|w| f64::from(total) * w / sum).collect();
    let mut counts: Vec<u32> = exact.iter().map(|e| e.floor() as u32).collect();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| {
        (exact[b] - exact[b].floor())
            .total_cmp(&(exact[a] - exact[a].floor()))
            .then(a.cmp(&b))
    });
    let left = total - counts.iter().sum::<u32>();
    for &i in order.iter().take(left as usize) {
        counts[i] += 1;
    }
    counts
}

/// Writes the candidate stops CSV (atomically) from the data folder `data`.
pub fn write_magetan_stops(data: &Path, out: &Path) -> anyhow::Result<usize> {
    let desa = read_desa(&data.join("desa.csv"))?;
    let kecamatan = read_kecamatan(&data.join("kecamatan-stats.csv"))?;
    let schools: Vec<SchoolRow> = read_csv(&data.join("schools-sma-smk-slb.csv"))?;
    let kec: BTreeMap<&str, &Kecamatan> = kecamatan.iter().map(|k| (k.name.as_str(), k)).collect();
    let mut desa_count: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &desa {
        *desa_count.entry(d.kecamatan.as_str()).or_default() += 1;
    }
    let mut weights = Vec::new();
    for d in &desa {
        let Some(k) = kec.get(d.kecamatan.as_str()) else {
            bail!(
                "desa {} names kecamatan {} that kecamatan-stats.csv lacks",
                d.code,
                d.kecamatan
            );
        };
        weights.push(k.population_estimate / desa_count[d.kecamatan.as_str()] as f64);
    }
    let elderly = apportion(KTP_NOT_RECORDED_2024, &weights);
    let disabled = apportion(DISABLED_2020, &weights);

    let mut rows: Vec<[String; 13]> = Vec::new();
    for (i, d) in desa.iter().enumerate() {
        let hall = if d.is_kelurahan {
            "Kantor Kelurahan"
        } else {
            "Balai Desa"
        };
        let high = kec[d.kecamatan.as_str()].elevation_m >= GENERATOR_ELEVATION_M;
        rows.push(row(
            format!("{hall} {} ({})", d.name, d.kecamatan),
            d.centroid.lat,
            d.centroid.lon,
            [elderly[i], disabled[i], 0],
            "08:00-15:00",
            "",
            if high { "generator" } else { "" },
            false,
            &d.name,
            &d.kecamatan,
        ));
    }

    let usable: Vec<&SchoolRow> = schools
        .iter()
        .filter(|s| s.coord_in_magetan_bbox == "yes" && s.lat.is_some() && s.lon.is_some())
        .collect();
    let school_weights: Vec<f64> = usable
        .iter()
        .map(|s| if s.bentuk == "SLB" { 0.1 } else { 1.0 })
        .collect();
    let pupils = apportion(TURNING_17_PER_YEAR, &school_weights);
    for (s, n) in usable.iter().zip(pupils) {
        rows.push(row(
            format!("{} (NPSN {})", s.sekolah, s.npsn),
            s.lat.unwrap_or_default(),
            s.lon.unwrap_or_default(),
            [0, 0, n],
            "07:30-12:00",
            "mon-thu",
            "",
            false,
            "",
            &s.kecamatan,
        ));
    }

    for name in HOME_VISIT_KECAMATAN {
        let Some(d) = desa
            .iter()
            .filter(|d| d.kecamatan == name)
            .min_by(|a, b| a.code.cmp(&b.code))
        else {
            bail!("desa.csv has no desa in kecamatan {name}");
        };
        rows.push(row(
            format!("Kunjungan rumah {} (placeholder address)", d.name),
            d.centroid.lat + 0.0027,
            d.centroid.lon,
            [1, 0, 0],
            "08:00-14:00",
            "",
            "portable_kit",
            true,
            &d.name,
            &d.kecamatan,
        ));
    }

    let mut text = String::new();
    for line in HEADER.lines() {
        text += &format!("# {line}\n");
    }
    let mut writer = csv::Writer::from_writer(text.into_bytes());
    writer.write_record(COLUMNS)?;
    for r in &rows {
        writer.write_record(r)?;
    }
    crate::export::write_atomically(out, &writer.into_inner()?)?;
    Ok(rows.len())
}

#[allow(clippy::too_many_arguments)]
fn row(
    name: String,
    lat: f64,
    lon: f64,
    [elderly, disabled, new_eligible]: [u32; 3],
    window: &str,
    days: &str,
    requires: &str,
    home_visit: bool,
    desa: &str,
    kecamatan: &str,
) -> [String; 13] {
    [
        name,
        format!("{lat:.6}"),
        format!("{lon:.6}"),
        elderly.to_string(),
        disabled.to_string(),
        new_eligible.to_string(),
        window.into(),
        days.into(),
        requires.into(),
        if home_visit { "yes" } else { "no" }.into(),
        // Bedridden residents cannot wait for a later week: home visits are mandatory.
        if home_visit { "yes" } else { "no" }.into(),
        desa.into(),
        kecamatan.into(),
    ]
}

const HEADER: &str = "\
Candidate stops for scenarios/magetan-week.toml. GENERATED, counts are ESTIMATES.
Made by: cargo run --release -- scenario stops --out scenarios/magetan-stops.csv
from ../shared/magetan (desa.csv, kecamatan-stats.csv, schools-sma-smk-slb.csv), by the
rules in src/scenario/generate.rs:
- desa halls at desa centroids (placeholder for the hall's address). elderly = the 4,591
  residents without a recorded KTP-el (2024), disabled = the 3,453 persons with
  disabilities (2020), apportioned by kecamatan population estimate / desa count.
  Halls in kecamatan at >= 600 m require a generator (assumption).
- schools (SMA/SMK/SLB with usable coordinates): new_eligible = ~9,500 turning 17 per
  year, equal per school, an SLB counting 1/10; Mon-Thu 07:30-12:00.
- 6 home visits (bedridden elderly, placeholder addresses) need the portable kit;
  they are mandatory.
Replace these rows with the office's own lists (same columns).";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apportion_keeps_the_total() {
        let c = apportion(10, &[1.0, 1.0, 1.0]);
        assert_eq!(c.iter().sum::<u32>(), 10);
        assert_eq!(c, [4, 3, 3]);
        assert_eq!(apportion(7, &[0.0, 0.0]), [0, 0]);
    }

    #[test]
    fn generates_from_the_shared_data() {
        let data = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/magetan"));
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("stops.csv");
        let n = write_magetan_stops(data, &out).unwrap();
        let (stops, problems) = super::super::stops_csv::read_stops_csv(&out).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(stops.len(), n);
        let halls = stops
            .iter()
            .filter(|s| s.name.starts_with("Balai Desa") || s.name.starts_with("Kantor Kelurahan"));
        assert_eq!(halls.count(), 235);
        let sum = |f: fn(&super::super::model::People) -> u32| {
            stops.iter().map(|s| f(&s.people)).sum::<u32>()
        };
        assert_eq!(sum(|p| p.elderly), KTP_NOT_RECORDED_2024 + 6);
        assert_eq!(sum(|p| p.disabled), DISABLED_2020);
        assert_eq!(sum(|p| p.new_eligible), TURNING_17_PER_YEAR);
        assert_eq!(
            stops.iter().filter(|s| s.home_visit && s.mandatory).count(),
            6
        );
        assert_eq!(stops.iter().filter(|s| s.mandatory).count(), 6);
    }
}
