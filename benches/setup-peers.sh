#!/usr/bin/env bash
# Installs the peer tools for benches/peers.py outside the repository (opt-in; not used by CI):
# osmium-tool from Debian, and pyrosm + osrm-bindings (OSRM 26.10) in a Python 3.12 venv.
set -euo pipefail
venv=${JEMPOL_PEERS_VENV:-$HOME/.cache/jempol-peers}
command -v osmium >/dev/null || { apt-get update -qq && apt-get install -y -qq osmium-tool; }
py312=$(bash "$(dirname "$0")/python312.sh") # the osrm-bindings wheel needs 3.12
[ -x "$venv/bin/python" ] || "$py312" -m venv "$venv"
"$venv/bin/pip" install --quiet osrm-bindings==26.10.0 pyrosm==0.25.0
echo "$venv/bin/python"
