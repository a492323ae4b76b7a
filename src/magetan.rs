//! The real data about Kabupaten Magetan in data/magetan (see its PROVENANCE.md): the stand-in
//! road map and the default scenario's stops are both made from it. The files are compiled
//! into the binary, so the commands that use them work from any folder and from an installed
//! binary; `--data DIR` reads another copy instead.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Context, bail};

use crate::map::LatLon;
use crate::map::areas::parse_areas;

/// Where the Magetan tables come from.
#[derive(Clone, Debug, Default)]
pub enum Source {
    /// The copy of data/magetan compiled into the binary.
    #[default]
    Embedded,
    /// A folder with files of the same names.
    Folder(PathBuf),
}

/// The files of data/magetan that jempol reads, compiled in.
const EMBEDDED: [(&str, &str); 5] = [
    ("desa.csv", include_str!("../data/magetan/desa.csv")),
    (
        "desa-boundaries.geojson",
        include_str!("../data/magetan/desa-boundaries.geojson"),
    ),
    (
        "kecamatan-stats.csv",
        include_str!("../data/magetan/kecamatan-stats.csv"),
    ),
    (
        "kabupaten-boundary.geojson",
        include_str!("../data/magetan/kabupaten-boundary.geojson"),
    ),
    (
        "schools-sma-smk-slb.csv",
        include_str!("../data/magetan/schools-sma-smk-slb.csv"),
    ),
];

impl Source {
    /// `Folder(dir)` when a folder is given, else the embedded copy.
    pub fn from_option(dir: Option<PathBuf>) -> Source {
        dir.map_or(Source::Embedded, Source::Folder)
    }

    /// The file `name`: its label for error messages and its text.
    pub fn read(&self, name: &str) -> anyhow::Result<(String, Cow<'static, str>)> {
        match self {
            Source::Embedded => {
                let text = EMBEDDED
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, text)| *text)
                    .with_context(|| format!("data/magetan/{name} is not compiled into jempol"))?;
                Ok((
                    format!("data/magetan/{name} (built in)"),
                    Cow::Borrowed(text),
                ))
            }
            Source::Folder(dir) => {
                let path = dir.join(name);
                let text = std::fs::read_to_string(&path)
                    .with_context(|| format!("cannot open {}", path.display()))?;
                Ok((path.display().to_string(), Cow::Owned(text)))
            }
        }
    }

    /// Every row of the CSV file `name`, deserialised; errors name the file and the line.
    pub fn read_csv<T: for<'de> serde::Deserialize<'de>>(
        &self,
        name: &str,
    ) -> anyhow::Result<Vec<T>> {
        let (label, text) = self.read(name)?;
        csv::Reader::from_reader(text.as_bytes())
            .deserialize()
            .enumerate()
            .map(|(i, r)| r.with_context(|| format!("{label}: bad row on line {}", i + 2)))
            .collect()
    }
}

/// One desa or kelurahan.
#[derive(Clone, Debug)]
pub struct Desa {
    pub code: String,
    pub kecamatan: String,
    pub name: String,
    /// Kelurahan are urban wards; desa are villages.
    pub is_kelurahan: bool,
    pub centroid: LatLon,
    /// Outer rings of its polygon(s), [lat, lon].
    pub rings: Vec<Vec<LatLon>>,
}

/// One kecamatan, with the BPS figures the network is calibrated against.
#[derive(Clone, Debug)]
pub struct Kecamatan {
    pub code: String,
    pub name: String,
    pub area_km2: f64,
    pub centroid: LatLon,
    /// BPS 2025 road distance to the regency capital.
    pub bps_distance_km: f64,
    pub elevation_m: f64,
    /// Population estimate 2024 (area x density).
    pub population_estimate: f64,
}

/// Everything the generator reads, in file order.
#[derive(Clone, Debug)]
pub struct Inputs {
    pub desa: Vec<Desa>,
    pub kecamatan: Vec<Kecamatan>,
    /// The regency outline (outer ring).
    pub regency: Vec<LatLon>,
}

impl Inputs {
    /// Reads desa.csv, desa-boundaries.geojson, kecamatan-stats.csv and
    /// kabupaten-boundary.geojson, and checks that they agree.
    pub fn read(source: &Source) -> anyhow::Result<Inputs> {
        let mut desa = read_desa(source)?;
        let kecamatan = read_kecamatan(source)?;
        let polygons = read_polygons(source, "desa-boundaries.geojson", "kode")?;
        let regency = read_polygons(source, "kabupaten-boundary.geojson", "kode")?
            .into_values()
            .next()
            .and_then(|rings| rings.into_iter().next())
            .context("kabupaten-boundary.geojson has no polygon")?;
        for d in &mut desa {
            d.rings = polygons.get(&d.code).cloned().with_context(|| {
                format!(
                    "desa {} ({}) has no polygon in desa-boundaries.geojson",
                    d.name, d.code
                )
            })?;
            if !kecamatan.iter().any(|k| k.name == d.kecamatan) {
                bail!(
                    "desa {} is in kecamatan {:?}, which kecamatan-stats.csv does not list",
                    d.name,
                    d.kecamatan
                );
            }
        }
        Ok(Inputs {
            desa,
            kecamatan,
            regency,
        })
    }

    pub fn kecamatan(&self, name: &str) -> Option<&Kecamatan> {
        self.kecamatan.iter().find(|k| k.name == name)
    }
}

#[derive(serde::Deserialize)]
struct DesaRow {
    kode: String,
    kecamatan: String,
    desa: String,
    #[serde(rename = "type")]
    kind: String,
    lat: f64,
    lon: f64,
}

/// desa.csv, without polygons (`rings` empty).
pub fn read_desa(source: &Source) -> anyhow::Result<Vec<Desa>> {
    let mut out = Vec::new();
    for row in source.read_csv::<DesaRow>("desa.csv")? {
        if !(-90.0..=90.0).contains(&row.lat) || !(-180.0..=180.0).contains(&row.lon) {
            bail!("desa.csv: desa {} has an impossible coordinate", row.desa);
        }
        out.push(Desa {
            code: row.kode,
            kecamatan: row.kecamatan,
            name: row.desa,
            is_kelurahan: row.kind == "kelurahan",
            centroid: LatLon {
                lat: row.lat,
                lon: row.lon,
            },
            rings: Vec::new(),
        });
    }
    if out.len() < 2 {
        bail!("desa.csv: needs at least two desa, found {}", out.len());
    }
    Ok(out)
}

#[derive(serde::Deserialize)]
struct KecamatanRow {
    kode: String,
    kecamatan: String,
    centroid_lat: f64,
    centroid_lon: f64,
    area_km2_2025: f64,
    distance_to_kab_capital_km_2025: f64,
    elevation_mdpl_2025: f64,
    pop_2024_estimated_area_x_density: f64,
}

/// kecamatan-stats.csv.
pub fn read_kecamatan(source: &Source) -> anyhow::Result<Vec<Kecamatan>> {
    let mut out = Vec::new();
    for row in source.read_csv::<KecamatanRow>("kecamatan-stats.csv")? {
        out.push(Kecamatan {
            code: row.kode,
            name: row.kecamatan,
            area_km2: row.area_km2_2025,
            centroid: LatLon {
                lat: row.centroid_lat,
                lon: row.centroid_lon,
            },
            bps_distance_km: row.distance_to_kab_capital_km_2025,
            elevation_m: row.elevation_mdpl_2025,
            population_estimate: row.pop_2024_estimated_area_x_density,
        });
    }
    Ok(out)
}

/// Outer rings of every Polygon / MultiPolygon feature of the file `name`, keyed by the `key`
/// property.
fn read_polygons(
    source: &Source,
    name: &str,
    key: &str,
) -> anyhow::Result<BTreeMap<String, Vec<Vec<LatLon>>>> {
    let (label, text) = source.read(name)?;
    let mut out = BTreeMap::new();
    for (i, area) in parse_areas(&label, &text)?.iter().enumerate() {
        let id = area
            .text(key)
            .with_context(|| format!("{label}: area {i} has no {key:?} property"))?;
        let rings = area
            .shape
            .iter()
            .map(|p| {
                let ring = p.exterior().coords();
                ring.map(|c| LatLon { lat: c.y, lon: c.x }).collect()
            })
            .collect();
        out.insert(id.to_string(), rings);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_built_in_magetan_files() {
        let inputs = Inputs::read(&Source::Embedded).unwrap();
        assert_eq!(inputs.desa.len(), 235);
        assert_eq!(inputs.kecamatan.len(), 18);
        assert_eq!(inputs.desa.iter().filter(|d| d.is_kelurahan).count(), 28);
        assert!(inputs.desa.iter().all(|d| !d.rings.is_empty()));
        assert_eq!(
            inputs.kecamatan("Kartoharjo").unwrap().bps_distance_km,
            26.0
        );
        assert!(inputs.regency.len() > 10);
    }

    #[test]
    fn a_missing_file_is_named_in_the_error() {
        let err = Inputs::read(&Source::Folder("/nonexistent".into())).unwrap_err();
        assert!(format!("{err:#}").contains("desa.csv"), "{err:#}");
    }

    #[test]
    fn a_bad_row_names_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("desa.csv"),
            "kode,kecamatan,desa,type,lat,lon\n1,K,A,desa,-7.6,111.3\n2,K,B,desa,south,111.3\n",
        )
        .unwrap();
        let err = format!(
            "{:#}",
            read_desa(&Source::Folder(dir.path().into())).unwrap_err()
        );
        assert!(err.contains("desa.csv: bad row on line 3"), "{err}");
    }
}
