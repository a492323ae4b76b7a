//! Areas from GeoJSON files: every Polygon or MultiPolygon feature with its properties. The
//! import boundary, the Magetan desa and regency outlines, and the report's boundary layer are
//! all read here. The `geojson` crate parses the structure; positions are checked here, because
//! a position with fewer than two numbers or outside [lon, lat] degrees must be an error that
//! names the file, not a panic or a shape in the wrong place.

use std::path::Path;

use anyhow::{Context, bail};
use geo::{Coord, LineString, MultiPolygon, Polygon};
use geojson::{GeoJson, GeometryValue, JsonObject, Position};

/// One Polygon or MultiPolygon feature.
#[derive(Clone, Debug)]
pub struct Area {
    /// The feature's properties (empty for a bare geometry).
    pub properties: JsonObject,
    /// Its polygons, x = longitude and y = latitude.
    pub shape: MultiPolygon<f64>,
}

impl Area {
    /// The string property `key`, if the feature has one.
    pub fn text(&self, key: &str) -> Option<&str> {
        self.properties.get(key).and_then(|v| v.as_str())
    }
}

/// Reads every Polygon and MultiPolygon in a FeatureCollection, a Feature or a bare geometry, in
/// file order. Points, lines and features without geometry say nothing about an area and are
/// skipped; a file with no area at all is an error.
pub fn read_areas(path: &Path) -> anyhow::Result<Vec<Area>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    parse_areas(&path.display().to_string(), &text)
}

/// [`read_areas`] on text already in memory; `name` names it in errors.
pub fn parse_areas(name: &str, text: &str) -> anyhow::Result<Vec<Area>> {
    let json: GeoJson = text
        .parse()
        .with_context(|| format!("{name} is not valid GeoJSON"))?;
    let features = match json {
        GeoJson::FeatureCollection(fc) => fc
            .features
            .into_iter()
            .map(|f| (f.properties.unwrap_or_default(), f.geometry))
            .collect(),
        GeoJson::Feature(f) => vec![(f.properties.unwrap_or_default(), f.geometry)],
        GeoJson::Geometry(g) => vec![(JsonObject::new(), Some(g))],
    };
    let mut areas = Vec::new();
    for (i, (properties, geometry)) in features.into_iter().enumerate() {
        let rings = match geometry.map(|g| g.value) {
            Some(GeometryValue::Polygon { coordinates }) => vec![coordinates],
            Some(GeometryValue::MultiPolygon { coordinates }) => coordinates,
            _ => continue,
        };
        let shape = rings
            .iter()
            .map(|p| polygon(p))
            .collect::<anyhow::Result<Vec<_>>>()
            .with_context(|| format!("{name}: feature {i}"))?;
        areas.push(Area {
            properties,
            shape: MultiPolygon(shape),
        });
    }
    if areas.is_empty() {
        bail!("{name} has no Polygon or MultiPolygon geometry");
    }
    Ok(areas)
}

fn polygon(rings: &[Vec<Position>]) -> anyhow::Result<Polygon<f64>> {
    let mut rings = rings.iter().map(|r| ring(r));
    let exterior = rings.next().context("a Polygon without rings")??;
    Ok(Polygon::new(
        exterior,
        rings.collect::<anyhow::Result<_>>()?,
    ))
}

fn ring(positions: &[Position]) -> anyhow::Result<LineString<f64>> {
    if positions.len() < 3 {
        bail!(
            "a ring has {} positions; a ring needs at least 3",
            positions.len()
        );
    }
    let coords = positions
        .iter()
        .map(|p| match *p.as_slice() {
            [x, y, ..] if (-180.0..=180.0).contains(&x) && (-90.0..=90.0).contains(&y) => {
                Ok(Coord { x, y })
            }
            [x, y, ..] => bail!("position [{x}, {y}] is not [lon, lat] in degrees"),
            _ => bail!("a position is not [lon, lat]: {:?}", p.as_slice()),
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(LineString(coords))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn areas_of(json: &str) -> anyhow::Result<Vec<Area>> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.geojson");
        std::fs::write(&path, json).unwrap();
        read_areas(&path)
    }

    #[test]
    fn reads_features_with_properties_and_skips_other_geometry() {
        let areas = areas_of(
            r#"{"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"nama":"A"},
               "geometry":{"type":"Polygon","coordinates":[[[111,-7],[112,-7],[112,-8],[111,-7]]]}},
              {"type":"Feature","properties":{"nama":"P"},
               "geometry":{"type":"Point","coordinates":[111,-7]}},
              {"type":"Feature","properties":null,"geometry":{"type":"MultiPolygon","coordinates":[
                [[[1,1],[2,1],[2,2],[1,1]]],[[[3,3],[4,3],[4,4],[3,3]]]]}}]}"#,
        )
        .unwrap();
        assert_eq!(areas.len(), 2);
        assert_eq!(areas[0].text("nama"), Some("A"));
        assert_eq!(
            areas[0].shape.0[0].exterior().0[1],
            Coord { x: 112.0, y: -7.0 }
        );
        assert_eq!(areas[1].text("nama"), None);
        assert_eq!(areas[1].shape.0.len(), 2);
    }

    #[test]
    fn errors_name_the_file_and_the_problem_without_panicking() {
        let cases = [
            (
                r#"{"type":"Polygon","coordinates":[[[111,-7],[112,-7]]]}"#,
                "at least 3",
            ),
            (
                r#"{"type":"Polygon","coordinates":[[[111],[112,-7],[112,-8],[111,-7]]]}"#,
                "not [lon, lat]",
            ),
            (
                r#"{"type":"Polygon","coordinates":[[[-7,111],[-7,112],[-8,112],[-7,111]]]}"#,
                "in degrees",
            ),
            (r#"{"type":"Point","coordinates":[111,-7]}"#, "no Polygon"),
            (r#"{"type":"Polygon""#, "not valid GeoJSON"),
        ];
        for (json, expected) in cases {
            let err = format!("{:#}", areas_of(json).unwrap_err());
            assert!(
                err.contains(expected) && err.contains("b.geojson"),
                "{json}: {err}"
            );
        }
    }
}
