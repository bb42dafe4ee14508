#!/usr/bin/env bash
# Installs what GeoInverse needs on Debian bookworm, only what is missing:
# Debian's QGIS and GDAL (with their numpy), Xvfb, and a venv that sees them and adds
# the pip packages (python3-pip: the plugin's installer runs QGIS's own python3 -m pip, as
# the stock-QGIS tests do). pip is pinned to Debian's numpy and scipy: a pip numpy 2 would break
# QGIS's GDAL bindings (osgeo.gdal_array is built against Debian's numpy).
# qttools5-dev-tools: lrelease for `make translations`; fonts-ipafont-gothic: a Japanese
# font, so the Japanese UI renders in the desktop tests' screenshots.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBS="qgis python3-qgis qgis-providers python3-gdal gdal-bin xvfb python3-venv python3-pip python3-scipy python3-matplotlib time qttools5-dev-tools fonts-ipafont-gothic"
missing=""
for p in $DEBS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "Installing Debian packages:$missing"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
fi

PY=/usr/bin/python3
if [ ! -x .venv/bin/python ]; then
  $PY -m venv --system-site-packages .venv
fi
constraints=.venv/debian-constraints.txt
$PY - > "$constraints" <<'PYEOF'
import numpy, scipy
print(f"numpy=={numpy.__version__}\nscipy=={scipy.__version__}")
PYEOF
.venv/bin/python -m pip install -q --disable-pip-version-check -c "$constraints" \
  -r requirements.txt -r requirements-dev.txt

# The repository root is the package `geoinverse`, whatever the clone's folder is called.
mkdir -p .venv/pkgroot
ln -sfn "$(pwd)" .venv/pkgroot/geoinverse
site=$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
echo "$(pwd)/.venv/pkgroot" > "$site/geoinverse-checkout.pth"
.venv/bin/python -c 'import geoinverse.algorithms, numpy; print("geoinverse ready; numpy", numpy.__version__)'
