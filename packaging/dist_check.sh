#!/usr/bin/env bash
# Clean build, then start the bundle offscreen: demo, suggestions on one article, exit 0.
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/build.sh
start=$(date +%s.%N)
QT_QPA_PLATFORM=offscreen dist/tintag/tintag --self-test
end=$(date +%s.%N)
echo "bundle size: $(du -sh dist/tintag | cut -f1); self-test wall time: $(echo "$end - $start" | bc) s"
