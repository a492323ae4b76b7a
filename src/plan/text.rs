//! Every user-facing text of the plan, verify and compare commands, in one place so that a
//! Bahasa Indonesia version can be added beside the English one.

/// Group names `jempol compare` shares with the plan summary (which is in `crate::i18n`).
pub mod summary {
    pub const ELDERLY: &str = "elderly";
    pub const DISABLED: &str = "disabled";
    pub const NEW_ELIGIBLE: &str = "turning 17";
}

/// `jempol verify`.
pub mod verify {
    pub const OK: &str = "plan verified";
    pub const REJECTED: &str = "the verifier rejected the plan";
    pub const TIMES_DIFFER: &str = "the recomputed times differ from the plan file";
}

/// `jempol compare`.
pub mod compare {
    pub const SERVED: &str = "served";
    pub const VALUE: &str = "value";
    pub const KM: &str = "km";
    pub const DRIVE_HOURS: &str = "drive hours";
    pub const WORK_HOURS: &str = "work hours";
    pub const STOPS_VISITED: &str = "stops visited";
    pub const STOPS_UNVISITED: &str = "stops unvisited";
    pub const CHANGES: &str = "Changes against";
    pub const GAINED: &str = "gained";
    pub const LOST: &str = "lost";
    pub const SAME: &str = "visits the same stops";
    pub const AND: &str = "and";
    pub const MORE: &str = "more";
}
