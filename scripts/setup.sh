#!/usr/bin/env bash
# Installs what jempol's tests need on a fresh Debian machine (run as root), and fetches the
# test data too large for the repository. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v gpsbabel >/dev/null || need+=(gpsbabel)
command -v osmium >/dev/null || need+=(osmium-tool)
command -v chromium >/dev/null || need+=(chromium)    # tests/report_chromium.rs
command -v pdfinfo >/dev/null || need+=(poppler-utils) # page counts of printed day sheets
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
bash scripts/test-data.sh
