#!/usr/bin/env bash
# Installs the peer tools for benches/peers.py outside the repository (opt-in; not used by CI):
# osmium-tool from Debian, and pyrosm + osrm-bindings (OSRM 26.10) in a Python 3.12 venv.
set -euo pipefail
venv=${JEMPOL_PEERS_VENV:-$HOME/.cache/jempol-peers}
command -v osmium >/dev/null || { apt-get update -qq && apt-get install -y -qq osmium-tool; }
py312=$(command -v python3.12 || ls "$HOME"/.pyenv/versions/3.12*/bin/python3 2>/dev/null | head -n1 || true)
[ -n "$py312" ] || { echo "need Python 3.12 for the osrm-bindings wheel" >&2; exit 1; }
[ -x "$venv/bin/python" ] || "$py312" -m venv "$venv"
"$venv/bin/pip" install --quiet osrm-bindings==26.10.0 pyrosm==0.25.0
echo "$venv/bin/python"
