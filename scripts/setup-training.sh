#!/usr/bin/env bash
# The training environment for `make models`: .venv-train, a venv of Debian's python3
# that sees QGIS's GDAL and numpy, plus torch (CPU) and onnx, pinned to Debian's numpy
# like .venv (scripts/setup.sh). Not needed by the plugin, its tests or CI.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [ ! -x .venv-train/bin/python ]; then
  /usr/bin/python3 -m venv --system-site-packages .venv-train
fi
.venv-train/bin/python -m pip install -q --disable-pip-version-check \
  -c .venv/debian-constraints.txt -r requirements.txt -r requirements-train.txt
site=$(.venv-train/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
echo "$(pwd)/.venv/pkgroot" > "$site/geoinverse-checkout.pth"
.venv-train/bin/python -c 'import geoinverse.training.networks, torch; print("training ready; torch", torch.__version__)'
