//! The optimizer. It knows nothing of maps, only an [`Instance`] with a cost matrix.

pub mod instance;

pub use instance::{Instance, Job, Matrix, Objective, Solution, Tour, Window};
