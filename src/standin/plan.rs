//! The abstract road plan: village sites joined by links, before roads get their nodes.
//! It also decides how each road is tagged (class, speed, surface), like real OSM.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::geometry::{Curve, SegmentIndex, Xy, road_polyline};

/// OSM highway classes the generator uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    Primary,
    Secondary,
    Tertiary,
    Unclassified,
    Residential,
}

impl Class {
    pub fn tag(self) -> &'static str {
        match self {
            Class::Primary => "primary",
            Class::Secondary => "secondary",
            Class::Tertiary => "tertiary",
            Class::Unclassified => "unclassified",
            Class::Residential => "residential",
        }
    }
}

/// Where a road runs; the Lawu slopes are slower.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Terrain {
    /// Between two urban kelurahan.
    Town,
    Lowland,
    /// Kecamatan at 500–800 m (Panekan 556 m, Sidorejo 626 m).
    Slope,
    /// Kecamatan at 800 m and more (Plaosan 874 m, Poncol 948 m).
    Mountain,
}

impl Terrain {
    pub fn from_elevation(elevation_m: f64) -> Terrain {
        if elevation_m >= 800.0 {
            Terrain::Mountain
        } else if elevation_m >= 500.0 {
            Terrain::Slope
        } else {
            Terrain::Lowland
        }
    }
}

/// Posted speed limit (km/h) by class and terrain. Indonesian limits (PM 111/2015) are 30 in
/// settlements, 50 in towns and up to 80 between towns; village roads run through settlements; on the narrow, winding Lawu roads they are set lower so
/// that the climb to Sarangan (~16-17 km) takes about 30 min, as PROVENANCE.md reports.
pub fn maxspeed(class: Class, terrain: Terrain) -> u32 {
    use Class::*;
    use Terrain::*;
    match (terrain, class) {
        (Town, Primary) => 50,
        (Town, Secondary | Tertiary) => 40,
        (Town, Unclassified) => 30,
        (Lowland, Primary | Secondary) => 60,
        (Lowland, Tertiary) => 30,
        (Lowland, Unclassified) => 30,
        (Slope, Primary) => 50,
        (Slope, Secondary) => 40,
        (Slope, Tertiary) => 30,
        (Mountain, Primary) => 40,
        (Mountain, Secondary | Tertiary) => 30,
        (Slope | Mountain, Unclassified) => 20,
        (_, Residential) => 20,
    }
}

/// Surface, as is common in Java: asphalt main roads, concrete (`cor`) village roads,
/// paving blocks in residential lanes, compacted roads on the upper slopes.
pub fn surface(class: Class, terrain: Terrain) -> &'static str {
    match (class, terrain) {
        (Class::Primary | Class::Secondary | Class::Tertiary, _) => "asphalt",
        (Class::Unclassified, Terrain::Mountain) => "compacted",
        (Class::Unclassified, _) => "concrete",
        (Class::Residential, _) => "paving_stones",
    }
}

/// Travel speed the van profile derives from a posted limit (OSRM: maxspeed × 0.8).
pub fn travel_speed_kmh(class: Class, terrain: Terrain) -> f64 {
    f64::from(maxspeed(class, terrain)) * 0.8
}

/// What a site is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SiteKind {
    /// The desa centre (its centroid).
    Centre,
    /// A hamlet (dusun) of the desa.
    Hamlet,
    /// Where a main road crosses a village road.
    Junction,
}

/// A place where roads meet: a desa (or kelurahan) centre, one of its hamlets (dusun), or a
/// junction.
#[derive(Clone, Debug)]
pub struct Site {
    pub pos: Xy,
    /// The desa's name.
    pub name: String,
    pub kind: SiteKind,
    pub is_kelurahan: bool,
    /// Desa area (m²), sizes its residential loops.
    pub area_m2: f64,
    pub terrain: Terrain,
}

/// A road between two sites.
#[derive(Clone, Debug)]
pub struct Link {
    pub a: usize,
    pub b: usize,
    pub class: Class,
    pub terrain: Terrain,
    pub name: Option<String>,
    pub curve: Curve,
}

impl Link {
    pub fn other(&self, site: usize) -> usize {
        if site == self.a { self.b } else { self.a }
    }
}

/// Sites and links; loops are added when the plan is turned into nodes and ways.
#[derive(Clone, Debug)]
pub struct Plan {
    pub sites: Vec<Site>,
    pub links: Vec<Link>,
}

impl Plan {
    /// Links incident to each site, in link order.
    pub fn incidence(&self) -> Vec<Vec<usize>> {
        let mut out = vec![Vec::new(); self.sites.len()];
        for (i, l) in self.links.iter().enumerate() {
            out[l.a].push(i);
            out[l.b].push(i);
        }
        out
    }

    /// The road of link `l`, as a polyline.
    pub fn polyline(&self, l: usize) -> Vec<Xy> {
        let link = &self.links[l];
        road_polyline(self.sites[link.a].pos, self.sites[link.b].pos, link.curve)
    }

    /// Makes the roads planar. The straight chords of the links cross nowhere (the village
    /// mesh is a Gabriel graph, and straight main roads were cut into it); bends and meanders
    /// can. Main roads go first: their bends, then their meanders, are reduced until they cross
    /// no chord and no other main road. Then a village road that would cross anything laid or
    /// any chord is made straight.
    pub fn untangle(&mut self) {
        let is_main = |link: &Link| link.class <= Class::Secondary;
        let mut index = SegmentIndex::default();
        for (l, link) in self.links.iter().enumerate() {
            index.insert(&[self.sites[link.a].pos, self.sites[link.b].pos], l);
        }
        let mut order: Vec<usize> = (0..self.links.len()).collect();
        order.sort_by_key(|&l| (!is_main(&self.links[l]), l));
        for l in order {
            let mut line = self.polyline(l);
            if index.crosses(&line, l) {
                self.links[l].curve.bend = 0.0;
                line = self.polyline(l);
            }
            while index.crosses(&line, l) && self.links[l].curve.meander > 0.0 {
                let m = self.links[l].curve.meander / 2.0;
                self.links[l].curve.meander = if m < 10.0 { 0.0 } else { m };
                line = self.polyline(l);
            }
            index.insert(&line, l);
        }
    }

    /// Shortest paths from `origin` over the links, by `cost` per link (Dijkstra).
    /// Returns, per site, the cost and the link it was reached by (`None` at the origin and
    /// for unreachable sites). Ties break on site index, so the result is deterministic.
    pub fn shortest_paths(
        &self,
        origin: usize,
        cost: impl Fn(usize) -> f64,
    ) -> (Vec<f64>, Vec<Option<usize>>) {
        let incidence = self.incidence();
        let mut dist = vec![f64::INFINITY; self.sites.len()];
        let mut via = vec![None; self.sites.len()];
        let mut heap = BinaryHeap::new();
        dist[origin] = 0.0;
        heap.push(Reverse((Ordered(0.0), origin)));
        while let Some(Reverse((Ordered(d), site))) = heap.pop() {
            if d > dist[site] {
                continue;
            }
            for &l in &incidence[site] {
                let next = self.links[l].other(site);
                let nd = d + cost(l);
                if nd < dist[next] {
                    dist[next] = nd;
                    via[next] = Some(l);
                    heap.push(Reverse((Ordered(nd), next)));
                }
            }
        }
        (dist, via)
    }

    /// The links from the origin of `via` to `site`, in travel order.
    pub fn path_to(&self, via: &[Option<usize>], mut site: usize) -> Vec<usize> {
        let mut path = Vec::new();
        while let Some(l) = via[site] {
            path.push(l);
            site = self.links[l].other(site);
        }
        path.reverse();
        path
    }
}

/// f64 with a total order, for the heap.
#[derive(Clone, Copy, PartialEq)]
struct Ordered(f64);
impl Eq for Ordered {}
impl PartialOrd for Ordered {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Ordered {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}
