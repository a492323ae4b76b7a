//! Reads the real data about Kabupaten Magetan in ../shared/magetan (see its PROVENANCE.md):
//! the stand-in road map and the default scenario's stops are both made from it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use crate::map::LatLon;
use crate::map::areas::read_areas;

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

/// Where the data lives in a checkout: `../shared/magetan` beside the repository.
pub fn default_data_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/magetan"))
}

impl Inputs {
    /// Reads desa.csv, desa-boundaries.geojson, kecamatan-stats.csv and
    /// kabupaten-boundary.geojson from `dir`, and checks that they agree.
    pub fn read(dir: &Path) -> anyhow::Result<Inputs> {
        let mut desa = read_desa(&dir.join("desa.csv"))?;
        let kecamatan = read_kecamatan(&dir.join("kecamatan-stats.csv"))?;
        let polygons = read_polygons(&dir.join("desa-boundaries.geojson"), "kode")?;
        let regency = read_polygons(&dir.join("kabupaten-boundary.geojson"), "kode")?
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
pub fn read_desa(path: &Path) -> anyhow::Result<Vec<Desa>> {
    let mut reader =
        csv::Reader::from_path(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut out = Vec::new();
    for (i, row) in reader.deserialize::<DesaRow>().enumerate() {
        let row = row.with_context(|| format!("{}: bad row {}", path.display(), i + 2))?;
        if !(-90.0..=90.0).contains(&row.lat) || !(-180.0..=180.0).contains(&row.lon) {
            bail!(
                "{}: desa {} has an impossible coordinate",
                path.display(),
                row.desa
            );
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
        bail!(
            "{}: needs at least two desa, found {}",
            path.display(),
            out.len()
        );
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
pub fn read_kecamatan(path: &Path) -> anyhow::Result<Vec<Kecamatan>> {
    let mut reader =
        csv::Reader::from_path(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut out = Vec::new();
    for (i, row) in reader.deserialize::<KecamatanRow>().enumerate() {
        let row = row.with_context(|| format!("{}: bad row {}", path.display(), i + 2))?;
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

/// Outer rings of every Polygon / MultiPolygon feature, keyed by the `key` property.
fn read_polygons(path: &Path, key: &str) -> anyhow::Result<BTreeMap<String, Vec<Vec<LatLon>>>> {
    let mut out = BTreeMap::new();
    for (i, area) in read_areas(path)?.iter().enumerate() {
        let id = area
            .text(key)
            .with_context(|| format!("{}: area {i} has no {key:?} property", path.display()))?;
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
    fn reads_the_shared_magetan_files() {
        let inputs = Inputs::read(&default_data_dir()).unwrap();
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
        let err = Inputs::read(Path::new("/nonexistent")).unwrap_err();
        assert!(format!("{err:#}").contains("desa.csv"), "{err:#}");
    }
}
