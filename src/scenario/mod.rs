//! The planner's input: scenario TOML (+ CSV of stops), `extends` for what-ifs, validation.
