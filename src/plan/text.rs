//! Every user-facing text of the plan, verify and compare commands, in one place so that a
//! Bahasa Indonesia version can be added beside the English one.

/// `jempol plan` summary.
pub mod summary {
    pub const WEEK_OF: &str = "week of";
    pub const TRAVEL: &str = "Travel";
    pub const PEOPLE: &str = "People served";
    pub const SERVED: &str = "served";
    pub const DEMAND: &str = "demand";
    pub const SHARE: &str = "share";
    pub const ELDERLY: &str = "elderly";
    pub const DISABLED: &str = "disabled";
    pub const NEW_ELIGIBLE: &str = "turning 17";
    pub const STOPS: &str = "Stops";
    pub const VISITED: &str = "visited";
    pub const PARTLY: &str = "partly";
    pub const UNVISITED: &str = "unvisited";
    pub const VALUE: &str = "value";
    pub const VAN_DAYS: &str = "Van-days";
    pub const NO_VISITS: &str = "no visits";
    pub const STOPS_SHORT: &str = "stops";
    pub const DRIVE: &str = "drive";
    pub const UNVISITED_TITLE: &str = "Not served";
    pub const VISITS: &str = "visits";
    pub const AND_MORE: &str = "more stops with no time left (all in plan.json)";
    pub const PARTS: &str = "parts";

    /// The last line of `jempol plan`.
    pub fn wrote(files: usize, folder: &std::path::Path) -> String {
        format!("Wrote {files} files in {}", folder.display())
    }
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
