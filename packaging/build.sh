#!/usr/bin/env bash
# Build the one-folder desktop bundle into dist/tintag/ with PyInstaller (in .venv).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m pip install -q "pyinstaller>=6.10"
rm -rf build/pyinstaller dist/tintag
.venv/bin/pyinstaller --noconfirm --log-level WARN --workpath build/pyinstaller --distpath dist \
    packaging/tintag.spec
echo "built dist/tintag ($(du -sh dist/tintag | cut -f1))"
