//! jempol: weekly route planning for the mobile KTP-el recording vans of Kabupaten Magetan.
//!
//! Data flows one way: map -> graph -> matrix -> instance -> plan -> exports.

pub mod clock;
pub mod export;
pub mod formats;
pub mod fsio;
pub mod groups;
pub mod holidays;
pub mod i18n;
pub mod import;
pub mod magetan;
pub mod map;
pub mod pbf_write;
pub mod plan;
pub mod progress;
pub mod promise;
pub mod reason;
pub mod route;
pub mod scenario;
pub mod solve;
pub mod standin;
pub mod travel_basis;
