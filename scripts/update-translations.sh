#!/usr/bin/env bash
# Collect the window's texts into the translation sources and compile what the app loads:
#   resources/i18n/dentry_zh_CN.ts   every text of app/ui, to translate into Simplified Chinese
#   resources/i18n/dentry_en.ts      only the texts with plural forms ("%n item(s)"), in English
#   resources/i18n/*.qm              compiled from the .ts files (committed; a test checks them)
# Run it after adding or changing a text in app/ui, translate the new entries (those marked
# type="unfinished": in Qt Linguist, `.venv/bin/pyside6-linguist resources/i18n/dentry_zh_CN.ts`,
# or in the XML), then run it again. resources/i18n/GLOSSARY.md fixes the Chinese terms.
# Usage: scripts/update-translations.sh [OUTPUT_FOLDER]   (default: resources/i18n; the test
# writes into a temporary folder and compares). PYSIDE_BIN names the folder of pyside6-lupdate.
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-resources/i18n}"
bin="${PYSIDE_BIN:-.venv/bin}"
mkdir -p "$out"
mapfile -t sources < <(find app/ui -name '*.py' | LC_ALL=C sort)

update() {  # language, extra lupdate options...
    local language="$1"
    shift
    local ts="$out/dentry_$language.ts"
    if [ "$out" != resources/i18n ] && [ -f "resources/i18n/dentry_$language.ts" ]; then
        cp "resources/i18n/dentry_$language.ts" "$ts"  # keep the translations made so far
    fi
    "$bin/pyside6-lupdate" -silent -locations none -no-obsolete -source-language en \
        -target-language "$language" "$@" "${sources[@]}" -ts "$ts"
    "$bin/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
}

update zh_CN
update en -pluralonly
