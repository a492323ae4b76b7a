//! Messages about road maps and where stops lie on them.

use super::{Lang, Message};

/// Which way a stop cannot be reached.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Way {
    #[default]
    ToOrFrom,
    From,
    BackTo,
}

#[derive(Clone, Debug, PartialEq, strum::EnumIter)]
pub enum MapMsg {
    CannotReadMap {
        map: String,
    },
    /// A stop too far from any usable road (`distance_m`), or not a coordinate at all (`None`).
    OffTheMap {
        name: String,
        lat: f64,
        lon: f64,
        distance_m: Option<f64>,
        limit_m: f64,
    },
    Unreachable {
        name: String,
        way: Way,
    },
    MoveStopToRoad,
    MoveStopToNetwork,
    CannotDrawBoundaries {
        path: String,
    },
}

impl Message for MapMsg {
    fn en(&self) -> String {
        let en = Lang::En;
        match self {
            MapMsg::CannotReadMap { map } => format!(
                "cannot read the road map {map}; build it (see maps/README.md) or set travel = \"straight-line\" in the scenario"
            ),
            MapMsg::OffTheMap {
                name,
                lat,
                lon,
                distance_m: Some(d),
                limit_m,
            } => format!(
                "stop `{name}` at {lat:.6},{lon:.6} is {} m from the nearest road a van can use (limit {} m)",
                en.dec(*d, 0),
                en.dec(*limit_m, 0)
            ),
            MapMsg::OffTheMap {
                name,
                lat,
                lon,
                distance_m: None,
                ..
            } => format!("stop `{name}` at {lat},{lon} is not a valid latitude,longitude"),
            MapMsg::Unreachable { name, way } => format!(
                "`{name}` cannot be reached by road {} the depot",
                match way {
                    Way::ToOrFrom => "to or from",
                    Way::From => "from",
                    Way::BackTo => "back to",
                }
            ),
            MapMsg::MoveStopToRoad => {
                "move the stop next to a road the vans can use, or check its coordinates".into()
            }
            MapMsg::MoveStopToNetwork => {
                "move the stop to a road connected to the main network, or check the map".into()
            }
            MapMsg::CannotDrawBoundaries { path } => format!(
                "cannot draw the boundaries {path}; fix the path in the scenario's `boundaries` or remove that line"
            ),
        }
    }

    fn id(&self) -> String {
        let id = Lang::Id;
        match self {
            MapMsg::CannotReadMap { map } => format!(
                "peta jalan {map} tidak dapat dibaca; buat dulu (lihat maps/README.md) atau tulis travel = \"straight-line\" di skenario"
            ),
            MapMsg::OffTheMap {
                name,
                lat,
                lon,
                distance_m: Some(d),
                limit_m,
            } => format!(
                "titik `{name}` di {lat:.6},{lon:.6} berjarak {} m dari jalan terdekat yang dapat dilalui mobil (batas {} m)",
                id.dec(*d, 0),
                id.dec(*limit_m, 0)
            ),
            MapMsg::OffTheMap {
                name,
                lat,
                lon,
                distance_m: None,
                ..
            } => format!("titik `{name}` di {lat},{lon} bukan koordinat lintang,bujur yang sah"),
            MapMsg::Unreachable { name, way } => format!(
                "`{name}` tidak dapat dicapai lewat jalan {} kantor (depo)",
                match way {
                    Way::ToOrFrom => "dari maupun ke",
                    Way::From => "dari",
                    Way::BackTo => "kembali ke",
                }
            ),
            MapMsg::MoveStopToRoad => {
                "pindahkan titik ke dekat jalan yang dapat dilalui mobil, atau periksa koordinatnya"
                    .into()
            }
            MapMsg::MoveStopToNetwork => {
                "pindahkan titik ke jalan yang tersambung ke jaringan utama, atau periksa petanya"
                    .into()
            }
            MapMsg::CannotDrawBoundaries { path } => format!(
                "batas wilayah {path} tidak dapat digambar; perbaiki jalur `boundaries` di skenario atau hapus baris itu"
            ),
        }
    }
}
