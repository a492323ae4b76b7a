#!/usr/bin/env bash
# The test command: setup on a fresh machine, then formatting, lints and the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "${CI:-}" = true ]; then
  # A one-off build gains nothing from incremental caches, and they double the target folder.
  export CARGO_INCREMENTAL=0
  df -h . | tail -1
fi
cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
cargo test --locked
