#!/usr/bin/env bash
# Install TinTag's desktop entry, icons, AppStream data and project MIME type for the
# current user, so project files open with a double click. Run after `pipx install`
# or from an unpacked bundle (the `tintag` command must be on PATH).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
icons="${TINTAG_ICONS:-$here/../../resources/icons}"
share="${XDG_DATA_HOME:-$HOME/.local/share}"
install -Dm644 "$here/tintag.desktop" "$share/applications/tintag.desktop"
install -Dm644 "$here/io.github.tintag.TinTag.metainfo.xml" "$share/metainfo/io.github.tintag.TinTag.metainfo.xml"
install -Dm644 "$here/tintag-mime.xml" "$share/mime/packages/tintag.xml"
install -Dm644 "$icons/tintag.svg" "$share/icons/hicolor/scalable/apps/tintag.svg"
for size in 16 32 48 64 128 256 512; do
  install -Dm644 "$icons/tintag-$size.png" "$share/icons/hicolor/${size}x${size}/apps/tintag.png"
done
command -v update-mime-database >/dev/null && update-mime-database "$share/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$share/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q "$share/icons/hicolor" || true
echo "TinTag installed for $USER: .tintag files now open with TinTag"
