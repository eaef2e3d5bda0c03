#!/usr/bin/env bash
# Install the system libraries Qt needs (Debian/Ubuntu), only when some are missing.
# Sourced by run.sh and test.sh. Uses apt-get as root, or through sudo when available.
set -euo pipefail

QT_LIBRARIES=(libGL.so.1 libEGL.so.1 libxkbcommon.so.0 libfontconfig.so.1 libglib-2.0.so.0 libdbus-1.so.3)
QT_PACKAGES=(libgl1 libegl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3)

missing_libraries() {
    local lib
    for lib in "${QT_LIBRARIES[@]}"; do
        if ! /sbin/ldconfig -p 2>/dev/null | grep -q "$lib"; then
            echo "$lib"
        fi
    done
}

if [ -n "$(missing_libraries)" ]; then
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "Qt needs these libraries, which are missing: $(missing_libraries | tr '\n' ' ')" >&2
        echo "Install them with your system's package manager, then run this again." >&2
        exit 1
    fi
    as_root=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            as_root=(sudo)
        else
            echo "Installing Qt's libraries needs root: run as root or install sudo." >&2
            exit 1
        fi
    fi
    echo "Installing the system libraries Qt needs: ${QT_PACKAGES[*]}" >&2
    "${as_root[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${QT_PACKAGES[@]}" >/dev/null
fi
