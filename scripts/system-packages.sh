#!/usr/bin/env bash
# Install what Dentry needs from the system (Debian/Ubuntu), only when some of it is missing:
# the libraries Qt needs, and a font with Chinese glyphs (for the window and for the thumbnails
# the local service draws) with fontconfig's tools, which find it. Sourced by run.sh and test.sh.
# Uses apt-get as root, or through sudo when available.
set -euo pipefail

QT_LIBRARIES=(libGL.so.1 libEGL.so.1 libxkbcommon.so.0 libfontconfig.so.1 libglib-2.0.so.0 libdbus-1.so.3)
QT_PACKAGES=(libgl1 libegl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3)
CJK_FONT_PACKAGE=fonts-wqy-microhei # small (1.6 MB download): Chinese, Japanese kana, Korean, Latin

missing_libraries() {
    local lib
    for lib in "${QT_LIBRARIES[@]}"; do
        if ! /sbin/ldconfig -p 2>/dev/null | grep -q "$lib"; then
            echo "$lib"
        fi
    done
}

missing_packages() {
    if [ -n "$(missing_libraries)" ]; then
        echo "${QT_PACKAGES[@]}"
    fi
    if ! command -v fc-list >/dev/null 2>&1; then
        echo fontconfig "$CJK_FONT_PACKAGE"
    elif [ -z "$(fc-list :lang=zh family 2>/dev/null)" ]; then
        echo "$CJK_FONT_PACKAGE"
    fi
    if [ "${DENTRY_TESTS:-0}" = 1 ] && ! command -v dbus-daemon >/dev/null 2>&1; then
        echo dbus-daemon
    fi
}

packages=$(missing_packages | tr '\n' ' ')
if [ -n "${packages// /}" ]; then
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "Dentry needs these system packages (Debian's names), which are missing: $packages" >&2
        echo "Install them (or your system's equivalents) with its package manager, then run this again." >&2
        exit 1
    fi
    as_root=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            as_root=(sudo)
        else
            echo "Installing $packages needs root: run as root or install sudo." >&2
            exit 1
        fi
    fi
    echo "Installing the system packages Dentry needs: $packages" >&2
    "${as_root[@]}" apt-get update -qq
    # shellcheck disable=SC2086 # one word per package
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends $packages >/dev/null
fi
