#!/usr/bin/env bash
# Build a double-clickable bundle: dist/dentry/dentry, with a desktop entry and icon beside it.
# Install it for the current user with: packaging/build.sh --install
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet -e . 'pyinstaller>=6.10'
.venv/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/dentry.spec
cp packaging/dentry.desktop resources/icons/dentry.png dist/dentry/
echo "Built dist/dentry/dentry"

if [ "${1:-}" = "--install" ]; then
    apps="${XDG_DATA_HOME:-$HOME/.local/share}"
    mkdir -p "$apps/applications" "$apps/icons/hicolor/256x256/apps" "$HOME/.local/bin"
    ln -sf "$PWD/dist/dentry/dentry" "$HOME/.local/bin/dentry"
    sed "s|^Exec=dentry|Exec=$PWD/dist/dentry/dentry|" packaging/dentry.desktop > "$apps/applications/dentry.desktop"
    cp resources/icons/dentry.png "$apps/icons/hicolor/256x256/apps/dentry.png"
    echo "Installed: Dentry is in your applications menu"
fi
