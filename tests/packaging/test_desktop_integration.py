"""Desktop integration files, icons, About and the self-test (the PyInstaller build
itself is checked by `make dist-check`, too slow for `make test`)."""
from __future__ import annotations

import configparser
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtGui import QImage

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "packaging" / "linux"


def test_desktop_entry():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(LINUX / "tintag.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Exec"].split()[0] == "tintag" and "%f" in section["Exec"]
    assert section["Icon"] == "tintag"
    assert "application/x-tintag-project;" in section["MimeType"]


def test_mime_type_and_appstream_agree():
    mime = ET.parse(LINUX / "tintag-mime.xml").getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    kind = mime.find("m:mime-type", ns)
    assert kind.get("type") == "application/x-tintag-project"
    assert kind.find("m:glob", ns).get("pattern") == "*.tintag"
    meta = ET.parse(LINUX / "io.github.tintag.TinTag.metainfo.xml").getroot()
    assert meta.findtext("id") == "io.github.tintag.TinTag"
    assert meta.find("launchable").text == "tintag.desktop"
    assert meta.find("provides/mediatype").text == "application/x-tintag-project"
    version = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
    assert meta.find("releases/release").get("version") == version


def test_icons_at_every_size():
    for size in (16, 32, 48, 64, 128, 256, 512):
        image = QImage(str(REPO / "resources" / "icons" / f"tintag-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.pixelColor(size // 2, size // 2).alpha() == 255  # not an empty render
    assert ET.parse(REPO / "resources" / "icons" / "tintag.svg").getroot().tag.endswith("svg")


def test_about_shows_versions_as_plain_text(qtbot):
    from PySide6.QtCore import Qt

    import tintag
    from tintag.ui.about import AboutDialog, versions

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert dialog.text.textFormat() == Qt.TextFormat.PlainText
    found = versions()
    assert found["TinTag"] == tintag.__version__ != "0.0.0+source"
    for name in ("Qt", "PySide6", "underthesea", "SQLite", "Python"):
        assert f"{name}: {found[name]}" in dialog.text.text()
        assert found[name] not in ("", "?")


def test_self_test_from_the_source_tree(tmp_path):
    result = subprocess.run([sys.executable, "-m", "tintag", "--self-test"], capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)},
                            timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("self-test ok:") and "all offsets exact" in result.stdout
