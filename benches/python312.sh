#!/usr/bin/env bash
# Prints a Python 3.12 that really runs. `python3.12` on PATH may be a pyenv shim that fails
# when 3.12 is installed but not selected, so each candidate is asked for its version; the
# pyenv versions folder is the fallback. Fails when there is none.
set -euo pipefail
for candidate in "$(command -v python3.12 || true)" "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.12*/bin/python3.12; do
  if [ -x "$candidate" ] && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))' 2>/dev/null; then
    echo "$candidate"
    exit 0
  fi
done
echo "no working Python 3.12 (install it with pyenv, or put python3.12 on PATH)" >&2
exit 1
