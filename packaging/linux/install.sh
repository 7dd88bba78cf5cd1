#!/bin/sh
# Installs PLO Tracker from this unpacked folder (made by packaging/build.py).
#
#   sudo ./install.sh                 for everyone: the app in /opt/plo-tracker, the command
#                                     in /usr/local/bin, the menu entry, icons and AppStream
#                                     data in /usr/local/share
#   ./install.sh --user               for you only: ~/.local/opt/plo-tracker, ~/.local/bin
#                                     and ~/.local/share
#   ./install.sh --uninstall [--user] removes the program again
#   --root DIR                        installs under DIR instead of / (for packagers)
#
# Installing over an older version replaces its files. Neither installing nor uninstalling
# touches anyone's data (databases, backups and letters are in ~/.local/share/PLO Tracker).
set -eu

APP_ID=uk.gov.plotracker.PLOTracker
HERE=$(cd "$(dirname "$0")" && pwd)
MODE=system
ACTION=install
ROOT=

while [ $# -gt 0 ]; do
    case "$1" in
        --user) MODE=user ;;
        --uninstall) ACTION=uninstall ;;
        --root) ROOT=${2:?--root needs a folder}; shift ;;
        -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown option $1 (see ./install.sh --help)" >&2; exit 2 ;;
    esac
    shift
done

if [ "$MODE" = user ]; then
    APP="$ROOT$HOME/.local/opt/plo-tracker"
    BIN="$ROOT$HOME/.local/bin"
    SHARE="$ROOT$HOME/.local/share"
else
    APP="$ROOT/opt/plo-tracker"
    BIN="$ROOT/usr/local/bin"
    SHARE="$ROOT/usr/local/share"
    if [ -z "$ROOT" ] && [ "$(id -u)" -ne 0 ]; then
        echo "Installing for everyone needs administrator rights: run 'sudo ./install.sh'," >&2
        echo "or './install.sh --user' to install for yourself only." >&2
        exit 1
    fi
fi

# The program's own files: never anything else.
remove_program() {
    rm -rf "$APP"
    rm -f "$BIN/plo-tracker" "$SHARE/applications/$APP_ID.desktop" \
        "$SHARE/metainfo/$APP_ID.metainfo.xml"
    for icon in "$SHARE"/icons/hicolor/*/apps/"$APP_ID".png \
                "$SHARE"/icons/hicolor/scalable/apps/"$APP_ID".svg; do
        rm -f "$icon"
    done
}

refresh_menus() {
    [ -n "$ROOT" ] && return 0
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$SHARE/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" 2>/dev/null || true
    fi
}

if [ "$ACTION" = uninstall ]; then
    remove_program
    refresh_menus
    echo "PLO Tracker was removed. Everyone's data folder was left as it was."
    exit 0
fi

if [ ! -x "$HERE/plo-tracker/plo-tracker" ]; then
    echo "install.sh: $HERE/plo-tracker/plo-tracker is missing; unpack the whole archive first." >&2
    exit 1
fi

remove_program
mkdir -p "$(dirname "$APP")" "$BIN" "$SHARE/applications" "$SHARE/metainfo"
cp -a "$HERE/plo-tracker" "$APP"
ln -s "${APP#"$ROOT"}/plo-tracker" "$BIN/plo-tracker"
# The menu entry starts the installed program wherever PATH points.
sed "s|^Exec=.*|Exec=${APP#"$ROOT"}/plo-tracker|" \
    "$HERE/share/applications/$APP_ID.desktop" > "$SHARE/applications/$APP_ID.desktop"
cp "$HERE/share/metainfo/$APP_ID.metainfo.xml" "$SHARE/metainfo/"
(cd "$HERE/share" && find icons -type f) | while read -r icon; do
    mkdir -p "$SHARE/$(dirname "$icon")"
    cp "$HERE/share/$icon" "$SHARE/$icon"
done
refresh_menus
echo "PLO Tracker is installed in $APP."
echo "Start it from the applications menu, or with: plo-tracker"
