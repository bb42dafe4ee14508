"""docs/superresolution_x8.png: the held-out 30 m St Helens DEM made 8 x coarser by block
means and brought back by bicubic and by the shipped x8 cascade (fsrcnn_ens_x8), with
both error maps on one scale.  Dev only (reads training/data).

Run: .venv/bin/python scripts/figure_superres_x8.py [out.png]
"""
import sys
from pathlib import Path

import numpy as np

from geoinverse.algorithms.bathymetry import superres
from geoinverse.algorithms.bathymetry.resample import bicubic_upsample
from geoinverse.algorithms.figures import relief_panels
from geoinverse.training import regions

ROOT = Path(__file__).resolve().parent.parent


def rmse(a, b):
    ok = ~(np.isnan(a) | np.isnan(b))
    return float(np.sqrt(np.mean((a[ok] - b[ok]) ** 2)))


def main(out=ROOT / "docs" / "superresolution_x8.png"):
    (region,) = [r for r in regions.SURVEY_HELD_OUT if r.name == "st_helens_30m_land"]
    coarse, fine = regions.held_out_pairs(8, (region,))[region.name]
    model = superres.load_model(superres.choose_model("auto", 8))
    bic = bicubic_upsample(coarse, 8).astype(np.float64)
    ours = superres.super_resolve(coarse, model).astype(np.float64)
    rb, ro = rmse(bic, fine), rmse(ours, fine)
    relief_panels([
        {"array": np.repeat(np.repeat(coarse, 8, 0), 8, 1), "title": "input: 240 m (x8 coarser)", "units": "m"},
        {"array": bic, "title": f"bicubic x8: RMSE {rb:.1f} m", "units": "m"},
        {"array": ours, "title": f"{model.name}: RMSE {ro:.1f} m ({ro / rb:.2f} x)", "units": "m"},
        {"array": fine, "title": "truth: 30 m USGS DEM (held out)", "units": "m"},
        {"array": bic - fine, "title": "bicubic - truth", "kind": "difference", "units": "m"},
        {"array": ours - fine, "title": f"{model.name} - truth", "kind": "difference",
         "units": "m"}], str(out), title="Mount St Helens, x8 (never seen in training)",
        columns=3, dpi=70)
    print(f"wrote {out}: bicubic {rb:.2f} m, {model.name} {ro:.2f} m")


if __name__ == "__main__":
    main(*sys.argv[1:])
