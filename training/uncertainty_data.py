"""Held-out grids and error samples for the uncertainty calibration (issue 18).

Shared by training/calibrate_uncertainty.py (fits the calibrations shipped in the model
cards, dictionaries and gapfill) and bench/bench_uncertainty.py (the calibration table).
Every grid here is held out from every learned method: the four HELD_OUT grids of
training/regions.py and the real survey / land grids of ../shared/data/bathymetry
(never used in training).  Large grids are cut to a central window of CUT cells.
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from . import regions

SHARED = Path(os.environ.get("GEOINVERSE_SHARED_BATHY",
                             Path(__file__).resolve().parents[2] / "shared" / "data"
                             / "bathymetry"))
if not SHARED.is_dir():
    SHARED = Path("/work/shared/data/bathymetry")
CUT = int(os.environ.get("UNCERTAINTY_CUT", "384"))
SURVEY = {
    "jd211_bering_2m": "survey/JD211_elevation.tif",
    "f00788_puget_8m": "survey/F00788_SR_8m.tif",
    "ggv1_timor_1m": "survey/DepthSurface_OutlierTest_GGV1.tif",
    "zsw3_marsh_2m": "survey/zSW3.asc",
    "st_helens_land_30m": "land/SainteHelens.dem",
}


def grids(cut=None):
    """{name: fine grid (float64, NaN nodata)}: HELD_OUT grids then the survey grids,
    each cut to its central cut x cut window (cut=0: whole)."""
    from geoinverse.algorithms.raster import read_array
    cut = CUT if cut is None else cut
    out = {r.name: regions.grid(r) for r in regions.HELD_OUT}
    for name, rel in SURVEY.items():
        path = SHARED / rel
        if path.exists():
            out[name] = read_array(path)[0].astype(np.float64)
    if cut:
        out = {k: central(v, cut) for k, v in out.items()}
    return out


def central(z, cut):
    """The central cut x cut window, moved to the densest part of valid cells."""
    h, w = z.shape
    if h <= cut and w <= cut:
        return z
    from scipy import ndimage
    valid = ndimage.uniform_filter(np.isfinite(z).astype(float), (min(cut, h), min(cut, w)),
                                   mode="constant")
    y, x = np.unravel_index(np.argmax(valid), valid.shape)
    y0 = int(np.clip(y - cut // 2, 0, max(h - cut, 0)))
    x0 = int(np.clip(x - cut // 2, 0, max(w - cut, 0)))
    return z[y0:y0 + cut, x0:x0 + cut]


def sr_run(method, fine, scale):
    """(coarse, output, bicubic of the filled coarse) for one grid and a SR method:
    method(coarse) -> fine output (NaN where masked)."""
    from geoinverse.algorithms.bathymetry.resample import bicubic_upsample
    from geoinverse.algorithms.bathymetry.sparse_sr import fine_pair
    from geoinverse.algorithms.transforms import nearest_fill
    coarse, truth = fine_pair(fine, scale)
    out = method(coarse.astype(np.float32)).astype(np.float64)
    filled = nearest_fill(coarse.astype(np.float64))
    return filled, out, bicubic_upsample(filled.astype(np.float32), scale).astype(
        np.float64), truth


def sr_samples(method, fine, scale, limit=20000, seed=0):
    """Calibration samples (terms, log|e| - log roughness) of one grid."""
    from geoinverse.algorithms.bathymetry import uncertainty as unc
    coarse, out, bic, truth = sr_run(method, fine, scale)
    return _subsample(unc.sr_samples(coarse, out, bic, truth, scale), limit, seed)


def _subsample(samples, limit, seed):
    """At most `limit` samples (a fixed random subset): each grid weighs alike."""
    n = len(samples[1])
    if n <= limit:
        return samples
    pick = np.random.default_rng(seed).choice(n, limit, replace=False)
    return tuple(a[pick] for a in samples)


# -- gap filling -------------------------------------------------------------------------
FILL_CLASSES = (1, 2, 4, 8, 16, 30, 60)     # hole diameters (cells), 1 to 60
FILL_COUNTS = (120, 80, 40, 16, 8, 3, 1)


def punch_holes(z, seed=0):
    """Disc holes of FILL_CLASSES diameters punched into real cells away from nodata
    and from each other: (holed grid, bool mask of the punched cells)."""
    rng = np.random.default_rng(seed)
    h, w = z.shape
    busy = ~np.isfinite(z)
    from scipy import ndimage
    busy = ndimage.binary_dilation(busy, iterations=3)
    punched = np.zeros(z.shape, bool)
    for d, n in sorted(zip(FILL_CLASSES, FILL_COUNTS), reverse=True):
        yy, xx = np.mgrid[:d, :d] + 0.5
        disc = (yy - d / 2) ** 2 + (xx - d / 2) ** 2 <= (d / 2) ** 2 + 1e-9
        placed = tries = 0
        while placed < n and tries < 3000:
            tries += 1
            if d + 10 >= min(h, w):
                break
            y = int(rng.integers(5, h - d - 5))
            x = int(rng.integers(5, w - d - 5))
            if busy[y - 4:y + d + 4, x - 4:x + d + 4].any():
                continue
            punched[y:y + d, x:x + d] |= disc
            busy[y:y + d, x:x + d] = True
            placed += 1
    holed = np.where(punched, np.nan, z)
    return holed, punched


def fill_run(fine, seed=0):
    """(holed grid, filled grid, hole labels, distances in cells, punched mask)."""
    from scipy import ndimage

    from geoinverse.algorithms.bathymetry import gapfill
    holed, punched = punch_holes(fine, seed)
    filled = gapfill.fill_gaps_array(holed)[0].astype(np.float64)
    hole = np.isnan(holed)
    labels = ndimage.label(punched, structure=np.ones((3, 3), bool))[0]
    dist = gapfill.hole_distance(hole)
    return holed, filled, labels, dist, punched


def fill_samples(fine, seed=0):
    """(terms (n, k), log|e| - log roughness, log roughness) at the punched cells."""
    from geoinverse.algorithms.bathymetry import uncertainty as unc
    holed, filled, labels, dist, punched = fill_run(fine, seed)
    lr, terms = unc.fill_features(holed, labels, dist)
    err = np.abs(filled - fine)[labels > 0]
    return terms.T, np.log(err + unc._eps(fine[labels > 0])) - lr, lr
