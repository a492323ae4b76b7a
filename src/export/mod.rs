//! Files written for planners and drivers.

pub mod gpx;
