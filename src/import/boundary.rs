//! Where to clip: a GeoJSON (Multi)Polygon file, or `osm:NAME[@LEVEL]`, an administrative
//! boundary relation in the source file itself whose member ways are joined into rings.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::bail;
use geo::{Contains, Coord, LineString, MultiPolygon, Point, Polygon};
use osmpbf::RelMemberType;

use super::scan::{block_nodes, for_each_batch};
use crate::map::areas::read_areas;

/// A `--boundary` argument.
#[derive(Clone, Debug, PartialEq)]
pub enum BoundarySpec {
    /// A GeoJSON file with a Polygon or MultiPolygon (bare, Feature or FeatureCollection).
    GeoJson(PathBuf),
    /// The `boundary=administrative` relation with this `name` (and `admin_level`).
    Osm { name: String, level: Option<String> },
}

impl BoundarySpec {
    pub fn parse(arg: &str) -> BoundarySpec {
        match arg.strip_prefix("osm:") {
            Some(rest) => match rest.rsplit_once('@') {
                Some((name, level))
                    if !level.is_empty() && level.bytes().all(|b| b.is_ascii_digit()) =>
                {
                    BoundarySpec::Osm {
                        name: name.to_string(),
                        level: Some(level.to_string()),
                    }
                }
                _ => BoundarySpec::Osm {
                    name: rest.to_string(),
                    level: None,
                },
            },
            None => BoundarySpec::GeoJson(PathBuf::from(arg)),
        }
    }

    /// The polygon and a line saying what it is, reading `source` for `osm:` boundaries.
    pub fn load(&self, source: &Path) -> anyhow::Result<(MultiPolygon<f64>, String)> {
        match self {
            BoundarySpec::GeoJson(path) => Ok((read_geojson(path)?, path.display().to_string())),
            BoundarySpec::Osm { name, level } => {
                let b = osm_boundary(source, name, level.as_deref())?;
                let what = format!(
                    "relation {} \"{}\" (admin_level {}, {} polygons)",
                    b.relation,
                    b.name,
                    b.admin_level,
                    b.shape.0.len()
                );
                Ok((b.shape, what))
            }
        }
    }
}

/// Reads the polygons of a GeoJSON file (all Polygon/MultiPolygon features, as one shape).
pub fn read_geojson(path: &Path) -> anyhow::Result<MultiPolygon<f64>> {
    let areas = read_areas(path)?;
    Ok(MultiPolygon(
        areas.into_iter().flat_map(|a| a.shape.0).collect(),
    ))
}

/// A boundary relation seen while looking for the requested one.
struct Candidate {
    id: i64,
    name: String,
    level: String,
    /// Member ways with role "outer" (or empty) and "inner".
    outer: Vec<i64>,
    inner: Vec<i64>,
}

/// An administrative boundary taken from an OSM file.
#[derive(Debug)]
pub struct OsmBoundary {
    pub relation: i64,
    pub name: String,
    pub admin_level: String,
    pub shape: MultiPolygon<f64>,
}

/// Finds the `boundary=administrative` relation `name` (at `level`) in `source` and builds its
/// area. The name must match exactly or, failing that, loosely (ignoring case, or as the end or
/// start of a longer name like "Kabupaten Magetan") and then only one relation may match.
/// Three passes over the file: relations, then their ways, then those ways' nodes.
pub fn osm_boundary(source: &Path, name: &str, level: Option<&str>) -> anyhow::Result<OsmBoundary> {
    let rel = find_relation(source, name, level)?;
    let way_ids: HashSet<i64> = rel.outer.iter().chain(&rel.inner).copied().collect();
    let mut ways: HashMap<i64, Vec<i64>> = HashMap::new();
    for_each_batch(source, |blocks| {
        for block in &blocks {
            for way in block.groups().flat_map(|g| g.ways()) {
                if way_ids.contains(&way.id()) {
                    ways.insert(way.id(), way.refs().collect());
                }
            }
        }
        Ok(())
    })?;
    if let Some(missing) = way_ids.iter().filter(|id| !ways.contains_key(id)).min() {
        bail!(
            "relation {} ({name}): member way {missing} is not in {}; the extract cuts the boundary, use a larger one",
            rel.id,
            source.display()
        );
    }
    let mut nodes: HashMap<i64, Option<Coord<f64>>> =
        ways.values().flatten().map(|&id| (id, None)).collect();
    for_each_batch(source, |blocks| {
        for (id, lat, lon) in blocks.iter().flat_map(block_nodes) {
            if let Some(c) = nodes.get_mut(&id) {
                *c = Some(Coord {
                    x: lon as f64 * 1e-7,
                    y: lat as f64 * 1e-7,
                });
            }
        }
        Ok(())
    })?;
    if let Some(id) = nodes
        .iter()
        .filter(|(_, c)| c.is_none())
        .map(|(id, _)| id)
        .min()
    {
        bail!(
            "relation {} ({name}): node {id} is not in {}",
            rel.id,
            source.display()
        );
    }
    let line =
        |ids: &Vec<i64>| -> Vec<Coord<f64>> { ids.iter().filter_map(|id| nodes[id]).collect() };
    let outer = join_rings(rel.id, &rel.outer, &ways)?;
    let inner = join_rings(rel.id, &rel.inner, &ways)?;
    let mut polygons: Vec<Polygon<f64>> = outer
        .iter()
        .map(|r| Polygon::new(LineString(line(r)), vec![]))
        .collect();
    // Each hole goes into the outer ring that holds it.
    for ring in &inner {
        let ring = LineString(line(ring));
        let probe = Point(ring.0[0]);
        let holder = polygons
            .iter_mut()
            .find(|p| Polygon::new(p.exterior().clone(), vec![]).contains(&probe));
        if let Some(p) = holder {
            p.interiors_push(ring);
        }
    }
    Ok(OsmBoundary {
        relation: rel.id,
        name: rel.name,
        admin_level: rel.level,
        shape: MultiPolygon(polygons),
    })
}

fn find_relation(source: &Path, name: &str, level: Option<&str>) -> anyhow::Result<Candidate> {
    let mut all = Vec::new();
    for_each_batch(source, |blocks| {
        for block in &blocks {
            for rel in block.groups().flat_map(|g| g.relations()) {
                let tags: HashMap<&str, &str> = rel.tags().collect();
                if tags.get("boundary") != Some(&"administrative") {
                    continue;
                }
                let mut c = Candidate {
                    id: rel.id(),
                    name: tags.get("name").unwrap_or(&"").to_string(),
                    level: tags.get("admin_level").unwrap_or(&"?").to_string(),
                    outer: vec![],
                    inner: vec![],
                };
                if matches_loosely(&c.name, name) {
                    for m in rel
                        .members()
                        .filter(|m| m.member_type == RelMemberType::Way)
                    {
                        match m.role().unwrap_or("") {
                            "outer" | "" => c.outer.push(m.member_id),
                            "inner" => c.inner.push(m.member_id),
                            _ => {}
                        }
                    }
                }
                all.push(c);
            }
        }
        Ok(())
    })?;
    let at_level = |c: &Candidate| level.is_none_or(|l| c.level == l);
    let (exact, others): (Vec<Candidate>, Vec<Candidate>) =
        all.into_iter().partition(|c| at_level(c) && c.name == name);
    // No exact name: accept "Kabupaten Magetan" for "Magetan" if it is the only such one.
    let (mut found, others): (Vec<Candidate>, Vec<Candidate>) = if exact.is_empty() {
        others
            .into_iter()
            .partition(|c| at_level(c) && matches_loosely(&c.name, name))
    } else {
        (exact, others)
    };
    let describe = |cs: &mut dyn Iterator<Item = &Candidate>| -> String {
        cs.map(|c| format!("osm:{}@{} (relation {})", c.name, c.level, c.id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let wanted_text = match level {
        Some(l) => format!("{name:?} at admin_level {l}"),
        None => format!("{name:?}"),
    };
    match found.len() {
        1 => Ok(found.pop().unwrap()),
        0 => {
            let lower = name.to_lowercase();
            let mut near: Vec<&Candidate> = others
                .iter()
                .filter(|c| {
                    let n = c.name.to_lowercase();
                    !n.is_empty()
                        && (n.contains(&lower)
                            || lower.contains(&n)
                            || strsim::levenshtein(&n, &lower) <= 2)
                })
                .collect();
            near.sort_by(|a, b| (&a.name, &a.level, a.id).cmp(&(&b.name, &b.level, b.id)));
            let hint = if near.is_empty() {
                format!(
                    "{} boundary relations in the file; none has a similar name",
                    others.len()
                )
            } else {
                format!("similar: {}", describe(&mut near.into_iter().take(20)))
            };
            bail!(
                "no boundary=administrative relation named {wanted_text} in {}; {hint}",
                source.display()
            )
        }
        _ => bail!(
            "{} boundary relations named {wanted_text} in {}: {}; add @LEVEL to choose",
            found.len(),
            source.display(),
            describe(&mut found.iter())
        ),
    }
}

/// Same name ignoring case, or `query` as the first or last words of `name`.
fn matches_loosely(name: &str, query: &str) -> bool {
    let (n, q) = (name.to_lowercase(), query.to_lowercase());
    !q.is_empty() && (n == q || n.ends_with(&format!(" {q}")) || n.starts_with(&format!("{q} ")))
}

/// Joins ways end to end (reversing where needed) into closed rings of node ids.
fn join_rings(
    relation: i64,
    way_ids: &[i64],
    ways: &HashMap<i64, Vec<i64>>,
) -> anyhow::Result<Vec<Vec<i64>>> {
    let mut open: Vec<(i64, &Vec<i64>)> = way_ids
        .iter()
        .map(|id| (*id, &ways[id]))
        .filter(|(_, nodes)| nodes.len() >= 2)
        .collect();
    open.reverse(); // pop() then takes the ways in relation order
    let mut rings = Vec::new();
    while let Some((first_way, nodes)) = open.pop() {
        let mut ring = nodes.clone();
        while ring.first() != ring.last() {
            let end = *ring.last().unwrap();
            let Some(i) = open
                .iter()
                .position(|(_, n)| n[0] == end || n[n.len() - 1] == end)
            else {
                bail!(
                    "relation {relation}: the ring starting with way {first_way} does not close; it ends at node {end}, where no other member way continues"
                );
            };
            let (_, next) = open.remove(i);
            if next[0] == end {
                ring.extend(&next[1..]);
            } else {
                ring.extend(next.iter().rev().skip(1));
            }
        }
        if ring.len() < 4 {
            bail!("relation {relation}: way {first_way} forms a ring of fewer than 3 points");
        }
        rings.push(ring);
    }
    Ok(rings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_boundary_arguments() {
        assert_eq!(
            BoundarySpec::parse("osm:Magetan@5"),
            BoundarySpec::Osm {
                name: "Magetan".into(),
                level: Some("5".into())
            }
        );
        assert_eq!(
            BoundarySpec::parse("osm:Name@Home"),
            BoundarySpec::Osm {
                name: "Name@Home".into(),
                level: None
            }
        );
        assert_eq!(
            BoundarySpec::parse("a.geojson"),
            BoundarySpec::GeoJson("a.geojson".into())
        );
    }

    #[test]
    fn joins_ways_into_rings_reversing_as_needed() {
        let ways: HashMap<i64, Vec<i64>> = [
            (1, vec![1, 2, 3]),
            (2, vec![5, 4, 3]),
            (3, vec![5, 1]),
            (4, vec![7, 8, 9, 7]),
        ]
        .into_iter()
        .collect();
        let rings = join_rings(9, &[1, 2, 3, 4], &ways).unwrap();
        assert_eq!(rings, vec![vec![1, 2, 3, 4, 5, 1], vec![7, 8, 9, 7]]);
        let err = join_rings(9, &[1, 2], &ways).unwrap_err().to_string();
        assert!(
            err.contains("relation 9") && err.contains("does not close"),
            "{err}"
        );
    }

    #[test]
    fn reads_the_magetan_boundary_file() {
        let path = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/magetan/kabupaten-boundary.geojson"
        ));
        let shape = read_geojson(path).unwrap();
        assert_eq!(shape.0.len(), 1);
        assert!(
            shape.contains(&Point::new(111.33, -7.65)),
            "Magetan town is inside"
        );
    }
}
