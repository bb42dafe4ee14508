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
# The training/regions.py name of each survey (issue 22 may train a method on some).
REGION_OF = {"jd211_bering_2m": "bering_strait_2m_jd211",
             "f00788_puget_8m": "puget_sound_8m_f00788",
             "ggv1_timor_1m": "timor_sea_1m_ggoutlier",
             "zsw3_marsh_2m": "salt_marsh_2m_zsw3",
             "st_helens_land_30m": "st_helens_30m_land"}


def held_out_for(grids, trained_on):
    """The grids a method was not trained on (trained_on: its training region names)."""
    trained_on = set(trained_on)
    return {n: z for n, z in grids.items() if REGION_OF.get(n, n) not in trained_on}


# Survey artefacts the truth is cleaned of before scoring (clean=True), because no method
# should predict them (issue 18):
# - "spikes": GGV1 is a QC test surface with planted spikes; the cells regions.spike_cells
#   finds (denoise.find_spikes, 45/45, and their 8 neighbours) and every output cell whose
#   support they touch are not scored (super-resolution: the coarse blocks holding one,
#   dilated by SUPPORT coarse cells; gap filling: no hole is punched within
#   HOLE_CLEARANCE cells of one), the input itself is unchanged;
# - "stripes": JD211's along-track survey stripes are removed from the grid (the stripe
#   component of denoise.remove_stripes at the direction denoise.resolve_stripes finds,
#   75 degrees; stripe removal only, no noise shrinkage) before it is made coarse or holed.
CLEANING = {"ggv1_timor_1m": "spikes", "jd211_bering_2m": "stripes"}
CLEANING_NOTES = {
    "spikes": "planted spike cells (regions.spike_cells) and their 8 neighbours not scored, "
              "nor the output cells whose support they touch (their coarse blocks dilated "
              "by 2 coarse cells; no hole within 4 cells of one)",
    "stripes": "along-track survey stripes removed first (denoise.resolve_stripes + "
               "remove_stripes on the whole grid, stripe removal only)",
}
SUPPORT = 2          # coarse cells: the reach of the bicubic kernel a coarse cell feeds
HOLE_CLEARANCE = 4   # cells: RIM_BAND (2) plus margin
MIN_FILL_CELLS = 5000   # holes are punched again (next seed) until this many cells or
MAX_FILL_SEEDS = 8      # this many seeds: no grid's estimate rests on a few holes


def grids(cut=None, clean=True):
    """{name: fine grid (float64, NaN nodata)}: HELD_OUT grids then the survey grids,
    each cut to its central cut x cut window (cut=0: whole).  clean: the "stripes" grids
    of CLEANING are destriped (on the whole grid, before the cut)."""
    from geoinverse.algorithms.raster import read_array
    cut = CUT if cut is None else cut
    out = {r.name: regions.grid(r) for r in regions.HELD_OUT}
    for name, rel in SURVEY.items():
        path = SHARED / rel
        if path.exists():
            out[name] = read_array(path)[0].astype(np.float64)
            if clean and CLEANING.get(name) == "stripes":
                out[name] = destripe(out[name])
    if cut:
        out = {k: central(v, cut) for k, v in out.items()}
    return out


def destripe(z):
    """z minus its along-track stripes (the denoise module's detection and stripe
    component; no other cleaning).  Unchanged when no striping is detected."""
    from geoinverse.algorithms.bathymetry import denoise
    y0, x0, sh, sw = denoise._central(z.shape)
    angle = denoise.resolve_stripes(z[y0:y0 + sh, x0:x0 + sw], "auto", None)[0]
    return denoise.remove_stripes(z, np.isfinite(z), (0, 0), angle)[0]


def excluded_cells(name, z, clean=True):
    """Bool mask of the fine cells not scored (planted spikes), or None."""
    if not clean or CLEANING.get(name) != "spikes":
        return None
    return regions.spike_cells(z)


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


def block_any(mask, scale):
    """Coarse mask of the scale x scale blocks of a fine mask holding any True cell."""
    h, w = (mask.shape[0] // scale) * scale, (mask.shape[1] // scale) * scale
    return mask[:h, :w].reshape(h // scale, scale, w // scale, scale).any((1, 3))


def sr_support(excluded, scale):
    """Fine cells whose output a fine cell of `excluded` can reach: its coarse block
    dilated by SUPPORT coarse cells (the bicubic kernel's reach)."""
    from scipy import ndimage

    from geoinverse.algorithms.bathymetry.sparse_sr import upsample_blocks
    blocks = ndimage.binary_dilation(block_any(excluded, scale), np.ones((2 * SUPPORT + 1,) * 2, bool))
    return upsample_blocks(blocks.astype(np.float64), scale) > 0.5


def scored_truth(truth, excluded, scale):
    """The truth with the output cells `excluded` (bool, fine cells, or None) supports
    set to NaN: those are not scored."""
    if excluded is None:
        return truth
    return np.where(sr_support(excluded, scale), np.nan, truth)


def sr_samples(method, fine, scale, limit=20000, seed=0, excluded=None):
    """Calibration samples (terms, log|e| - log roughness) of one grid; `excluded` (bool,
    fine cells) and the output cells they support are not scored."""
    return run_samples(sr_run(method, fine, scale), scale, limit, seed, excluded)


def run_samples(run, scale, limit=20000, seed=0, excluded=None):
    """sr_samples of a run already made (the tuple of sr_run)."""
    from geoinverse.algorithms.bathymetry import uncertainty as unc
    coarse, out, bic, truth = run
    truth = scored_truth(truth, excluded, scale)
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


def punch_holes(z, seed=0, excluded=None):
    """Disc holes of FILL_CLASSES diameters punched into real cells away from nodata,
    from each other and (HOLE_CLEARANCE cells) from `excluded` cells: (holed grid, bool
    mask of the punched cells)."""
    rng = np.random.default_rng(seed)
    h, w = z.shape
    busy = ~np.isfinite(z)
    from scipy import ndimage
    busy = ndimage.binary_dilation(busy, iterations=3)
    if excluded is not None:
        busy |= ndimage.binary_dilation(excluded, iterations=HOLE_CLEARANCE)
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


def fill_run(fine, seed=0, excluded=None):
    """(holed grid, filled grid, hole labels, distances in cells, punched mask)."""
    from scipy import ndimage

    from geoinverse.algorithms.bathymetry import gapfill
    holed, punched = punch_holes(fine, seed, excluded)
    filled = gapfill.fill_gaps_array(holed)[0].astype(np.float64)
    hole = np.isnan(holed)
    labels = ndimage.label(punched, structure=np.ones((3, 3), bool))[0]
    dist = gapfill.hole_distance(hole)
    return holed, filled, labels, dist, punched


def fill_samples(fine, seed=0, excluded=None, min_cells=MIN_FILL_CELLS,
                 max_seeds=MAX_FILL_SEEDS):
    """(terms (n, k), log|e| - log roughness, log roughness) at the punched cells.
    Holes are punched again with the next seeds (each run filled on its own) until
    min_cells cells or max_seeds runs."""
    from geoinverse.algorithms.bathymetry import uncertainty as unc
    parts, cells = [], 0
    for s in range(seed, seed + max_seeds):
        holed, filled, labels, dist, punched = fill_run(fine, s, excluded)
        lr, terms = unc.fill_features(holed, labels, dist)
        err = np.abs(filled - fine)[labels > 0]
        parts.append((terms.T, np.log(err + unc._eps(fine[labels > 0])) - lr, lr))
        cells += len(lr)
        if cells >= min_cells:
            break
    return tuple(np.concatenate(p) for p in zip(*parts))
