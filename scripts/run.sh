#!/usr/bin/env bash
# Install Dentry into .venv and start it. With no cloud account set up it runs on the embedded
# local storage service, with demo content, in the user's data folder.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .

data_dir="${XDG_DATA_HOME:-$HOME/.local/share}/dentry/localserver"
exec .venv/bin/python -m app.localserver --data-dir "$data_dir" --port "${DENTRY_PORT:-8765}" --demo "$@"
