#!/usr/bin/env bash
# Install Dentry into .venv and start it. With no cloud account set up it runs on the embedded
# local storage service, with demo content, in the user's data folder.
# Extra arguments go to the app (e.g. --local, --theme dark, --screenshot shot.png).
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/system-packages.sh

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .

if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "$(uname)" = Linux ]; then
    echo "No display found: running offscreen (use --screenshot PATH to see the window)." >&2
    export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
fi
exec .venv/bin/python -m app "$@"
