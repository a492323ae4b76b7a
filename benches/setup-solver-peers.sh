#!/usr/bin/env bash
# Installs the optimizer peers for benches/solvers.py outside the repository (opt-in; CI does
# not use them): pyvroom, PyVRP and OR-Tools in a venv, and vrp-cli from crates.io in its own
# cargo root. Prints the venv's python. The cargo build takes about 4 minutes on 2 cores.
set -euo pipefail
venv=${JEMPOL_SOLVER_PEERS_VENV:-$HOME/.cache/jempol-peers-vrp}
vrp_root=${JEMPOL_VRP_CLI_ROOT:-$HOME/.cache/jempol-vrp-cli}
python=$(bash "$(dirname "$0")/python312.sh" || command -v python3)
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
"$venv/bin/pip" install --quiet pyvroom==1.15.2 pyvrp==0.14.1 ortools==9.15.6755
[ -x "$vrp_root/bin/vrp-cli" ] || cargo install --locked vrp-cli@1.25.0 --root "$vrp_root" >&2
echo "$venv/bin/python"
