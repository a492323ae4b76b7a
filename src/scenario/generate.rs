//! Generates the candidate stops of the default Magetan scenario from the real regency data
//! in data/magetan (compiled into the binary; see its PROVENANCE.md). The counts are ESTIMATES made by
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
//!   kecamatan, 300 m north of the desa centroid (a placeholder address, named "(alamat
//!   belum diisi)", "address not filled in", as the office reads the names); they need the
//!   portable kit, 08:00-14:00, and are mandatory (a bedridden resident cannot wait).

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::bail;
use serde::Deserialize;

use geo::{Contains, Point, Polygon};
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64;

use super::stops_csv::columns;
use crate::magetan::{Inputs, Kecamatan, Source, read_desa, read_kecamatan};
use crate::map::LatLon;

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

/// Writes the candidate stops CSV (atomically) from the Magetan data.
pub fn write_magetan_stops(data: &Source, out: &Path) -> anyhow::Result<usize> {
    let desa = read_desa(data)?;
    let rows = candidate_rows(data, &desa)?;
    write_rows(out, HEADER, &rows)
}

/// One row of the stops CSV, in the order of [`columns`].
type Row = [String; 13];

/// The candidate stops: one hall per desa (in desa.csv order, so row `i` is the hall of
/// `desa[i]`), then the schools, then the home visits.
fn candidate_rows(data: &Source, desa: &[crate::magetan::Desa]) -> anyhow::Result<Vec<Row>> {
    let kecamatan = read_kecamatan(data)?;
    let schools: Vec<SchoolRow> = data.read_csv("schools-sma-smk-slb.csv")?;
    let kec: BTreeMap<&str, &Kecamatan> = kecamatan.iter().map(|k| (k.name.as_str(), k)).collect();
    let mut desa_count: BTreeMap<&str, usize> = BTreeMap::new();
    for d in desa {
        *desa_count.entry(d.kecamatan.as_str()).or_default() += 1;
    }
    let mut weights = Vec::new();
    for d in desa {
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
            format!("Kunjungan rumah {} (alamat belum diisi)", d.name),
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

    Ok(rows)
}

/// Writes `rows` under a commented `header`, atomically; returns the number of stops.
fn write_rows(out: &Path, header: &str, rows: &[Row]) -> anyhow::Result<usize> {
    let mut text = String::new();
    for line in header.lines() {
        text += &format!("# {line}\n");
    }
    let mut writer = csv::Writer::from_writer(text.into_bytes());
    writer.write_record(columns())?;
    for r in rows {
        writer.write_record(r)?;
    }
    crate::fsio::write_atomically(out, &writer.into_inner()?)?;
    Ok(rows.len())
}

/// Writes `count` stops for scaling benchmarks, deterministic for `seed`. Fewer than the
/// candidates: a random sample of them, in file order. More: every candidate, plus posyandu
/// posts (village health posts, mornings) at random points inside random desa, near their
/// centre; each post takes an equal share of its desa hall's elderly and disabled, so the regency's demand
/// stays the same whatever the count.
pub fn write_sampled_stops(
    data: &Source,
    out: &Path,
    count: usize,
    seed: u64,
) -> anyhow::Result<usize> {
    if count == 0 {
        bail!("--count must be at least 1");
    }
    let inputs = Inputs::read(data)?;
    let candidates = candidate_rows(data, &inputs.desa)?;
    let mut rng = Pcg64::seed_from_u64(seed);
    let rows = if count <= candidates.len() {
        let mut picked = rand::seq::index::sample(&mut rng, candidates.len(), count).into_vec();
        picked.sort_unstable();
        picked.into_iter().map(|i| candidates[i].clone()).collect()
    } else {
        with_posts(candidates, &inputs.desa, count, &mut rng)?
    };
    let header = format!(
        "{count} stops for scaling benchmarks, seed {seed}. GENERATED, counts are ESTIMATES.\n\
         Made by: jempol scenario stops --count {count} --seed {seed} --out FILE\n\
         (the candidate stops below, sampled, or all of them plus posyandu posts that share\n\
         their desa hall's people; see write_sampled_stops in src/scenario/generate.rs).\n\
         The candidate stops:\n{HEADER}"
    );
    write_rows(out, &header, &rows)
}

/// The candidates plus `count - candidates.len()` posyandu posts (see [`write_sampled_stops`]).
fn with_posts(
    mut rows: Vec<Row>,
    desa: &[crate::magetan::Desa],
    count: usize,
    rng: &mut Pcg64,
) -> anyhow::Result<Vec<Row>> {
    let mut posts: Vec<Vec<LatLon>> = vec![Vec::new(); desa.len()];
    for _ in rows.len()..count {
        let d = rng.random_range(0..desa.len());
        posts[d].push(point_inside(&desa[d], rng));
    }
    let mut extra = Vec::new();
    for (i, (d, points)) in desa.iter().zip(&posts).enumerate() {
        if points.is_empty() {
            continue;
        }
        let share = |column: usize| -> anyhow::Result<Vec<u32>> {
            let total: u32 = rows[i][column].parse()?;
            Ok(apportion(total, &vec![1.0; points.len() + 1]))
        };
        let (elderly, disabled) = (share(3)?, share(4)?);
        rows[i][3] = elderly[0].to_string();
        rows[i][4] = disabled[0].to_string();
        for (k, p) in points.iter().enumerate() {
            extra.push(row(
                format!("Posyandu {} {} ({})", k + 1, d.name, d.kecamatan),
                p.lat,
                p.lon,
                [elderly[k + 1], disabled[k + 1], 0],
                "08:00-12:00",
                "",
                &rows[i][8].clone(),
                false,
                &d.name,
                &d.kecamatan,
            ));
        }
    }
    rows.extend(extra);
    Ok(rows)
}

/// Posts lie within this distance of their desa centre: the stand-in map joins every desa
/// centre to its roads, so a post is then near a road a van can use (the snap limit is 1 km).
const POST_RADIUS_M: f64 = 600.0;

/// A random point inside the desa's polygon, within [`POST_RADIUS_M`] of its centre (the
/// centre itself if 1000 tries all miss).
fn point_inside(desa: &crate::magetan::Desa, rng: &mut Pcg64) -> LatLon {
    let polygons: Vec<Polygon> = desa
        .rings
        .iter()
        .map(|ring| Polygon::new(ring.iter().map(|p| (p.lon, p.lat)).collect(), vec![]))
        .collect();
    let c = desa.centroid;
    let dlat = POST_RADIUS_M / 111_320.0;
    let dlon = dlat / c.lat.to_radians().cos();
    for _ in 0..1000 {
        let (u, v): (f64, f64) = (rng.random_range(-1.0..1.0), rng.random_range(-1.0..1.0));
        let p = LatLon {
            lat: c.lat + v * dlat,
            lon: c.lon + u * dlon,
        };
        if u * u + v * v <= 1.0
            && polygons
                .iter()
                .any(|g| g.contains(&Point::new(p.lon, p.lat)))
        {
            return p;
        }
    }
    c
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
from data/magetan (desa.csv, kecamatan-stats.csv, schools-sma-smk-slb.csv), by the
rules in src/scenario/generate.rs:
The counts elderly, disabled and new_eligible are meant to be the people at the stop
still without a KTP-el recording; the office fills them from its own lists. Here:
- desa halls at desa centroids (placeholder for the hall's address). elderly: apportioned
  from the 4,591 residents without a recorded KTP-el (2024). disabled: apportioned from
  ALL 3,453 persons with disabilities (2020), recorded or not, so it overstates those
  still without a KTP-el. Both by kecamatan population estimate / desa count.
  Halls in kecamatan at >= 600 m require a generator (assumption).
- schools (SMA/SMK/SLB with usable coordinates): new_eligible = ~9,500 turning 17 per
  year (all of them, none recorded yet), equal per school, an SLB counting 1/10;
  Mon-Thu 07:30-12:00.
- 6 home visits (bedridden elderly, addresses not filled in: alamat belum diisi)
  need the portable kit; they are mandatory.
Replace these rows with the office's own lists (same columns, or the Indonesian headers
nama, lintang, bujur, lansia, disabilitas, pemula, jam, hari, ...; see scenarios/README.md).";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::groups::{Group, People};

    #[test]
    fn apportion_keeps_the_total() {
        let c = apportion(10, &[1.0, 1.0, 1.0]);
        assert_eq!(c.iter().sum::<u32>(), 10);
        assert_eq!(c, [4, 3, 3]);
        assert_eq!(apportion(7, &[0.0, 0.0]), [0, 0]);
    }

    fn data() -> &'static Source {
        &Source::Embedded
    }

    fn sampled(count: usize, seed: u64) -> (String, Vec<super::super::model::Stop>) {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("stops.csv");
        assert_eq!(
            write_sampled_stops(data(), &out, count, seed).unwrap(),
            count
        );
        let text = std::fs::read_to_string(&out).unwrap();
        let (stops, problems) = super::super::stops_csv::read_stops_file(&out).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(stops.len(), count);
        (text, stops)
    }

    fn people(stops: &[super::super::model::Stop]) -> People {
        stops
            .iter()
            .fold(People::default(), |sum, s| sum + s.people)
    }

    #[test]
    fn fewer_stops_are_a_seeded_sample_of_the_candidates() {
        let dir = tempfile::tempdir().unwrap();
        let all = dir.path().join("all.csv");
        write_magetan_stops(data(), &all).unwrap();
        let (candidates, _) = super::super::stops_csv::read_stops_file(&all).unwrap();
        let (text, stops) = sampled(100, 1);
        assert_eq!(sampled(100, 1).0, text, "same seed, same file");
        assert_ne!(sampled(100, 2).0, text, "another seed, another sample");
        let names: Vec<&str> = candidates.iter().map(|s| s.name.as_str()).collect();
        let mut last = None;
        for s in &stops {
            let i = names
                .iter()
                .position(|&n| n == s.name)
                .expect("a candidate");
            assert!(last < Some(i), "in file order, each once");
            last = Some(i);
            assert_eq!(s.people, candidates[i].people);
        }
        assert!(write_sampled_stops(data(), &dir.path().join("x.csv"), 0, 1).is_err());
    }

    #[test]
    fn more_stops_add_posts_that_share_their_desa_people() {
        let dir = tempfile::tempdir().unwrap();
        let all = dir.path().join("all.csv");
        let n = write_magetan_stops(data(), &all).unwrap();
        let (candidates, _) = super::super::stops_csv::read_stops_file(&all).unwrap();
        let (text, stops) = sampled(1000, 1);
        assert_eq!(sampled(1000, 1).0, text, "same seed, same file");
        assert_eq!(
            people(&stops),
            people(&candidates),
            "the demand stays the regency's"
        );
        let posts: Vec<_> = stops
            .iter()
            .filter(|s| s.name.starts_with("Posyandu"))
            .collect();
        assert_eq!(posts.len(), 1000 - n);
        let inputs = Inputs::read(data()).unwrap();
        for post in posts {
            let desa = inputs
                .desa
                .iter()
                .find(|d| d.name == post.desa && d.kecamatan == post.kecamatan)
                .expect("a post names its desa");
            let inside = desa.rings.iter().any(|r| {
                let g = Polygon::new(r.iter().map(|p| (p.lon, p.lat)).collect(), vec![]);
                g.contains(&Point::new(post.location.lon, post.location.lat))
            });
            assert!(
                inside || post.location == desa.centroid,
                "{} lies outside",
                post.name
            );
            let (dy, dx) = (
                (post.location.lat - desa.centroid.lat) * 111_320.0,
                (post.location.lon - desa.centroid.lon)
                    * 111_320.0
                    * desa.centroid.lat.to_radians().cos(),
            );
            assert!(
                dx.hypot(dy) <= POST_RADIUS_M + 1.0,
                "{} is far from its centre",
                post.name
            );
            assert_eq!(post.people[Group::NewEligible], 0);
        }
    }

    #[test]
    fn generates_from_the_magetan_data() {
        let data = data();
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("stops.csv");
        let n = write_magetan_stops(data, &out).unwrap();
        let (stops, problems) = super::super::stops_csv::read_stops_file(&out).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(stops.len(), n);
        let halls = stops
            .iter()
            .filter(|s| s.name.starts_with("Balai Desa") || s.name.starts_with("Kantor Kelurahan"));
        assert_eq!(halls.count(), 235);
        let sum = people(&stops);
        assert_eq!(sum[Group::Elderly], KTP_NOT_RECORDED_2024 + 6);
        assert_eq!(sum[Group::Disabled], DISABLED_2020);
        assert_eq!(sum[Group::NewEligible], TURNING_17_PER_YEAR);
        assert_eq!(
            stops.iter().filter(|s| s.home_visit && s.mandatory).count(),
            6
        );
        assert_eq!(stops.iter().filter(|s| s.mandatory).count(), 6);
    }
}
