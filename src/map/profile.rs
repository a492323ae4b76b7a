//! Which ways a van may use, and at what speed (OSRM car defaults, configurable from TOML).

/// Travel direction allowed on a way, relative to its node order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Both,
    Forward,
    Backward,
}

/// What the profile says about one usable way.
#[derive(Clone, Debug, PartialEq)]
pub struct WayRule {
    /// The highway class, e.g. `residential`.
    pub class: String,
    pub speed_kmh: f64,
    pub direction: Direction,
}

/// The van profile.
#[derive(Clone, Debug, serde::Deserialize, serde::Serialize)]
pub struct Profile {}

impl Default for Profile {
    fn default() -> Self {
        todo!("issue 2: profile")
    }
}

impl Profile {
    /// `None` when a van may not use the way.
    pub fn classify(&self, tags: &[(String, String)]) -> Option<WayRule> {
        let _ = tags;
        todo!("issue 2: profile")
    }
}
