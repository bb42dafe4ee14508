"""Trust layers: calibrated per-cell uncertainty, provenance codes, out-of-distribution checks.

Uncertainty (one standard deviation of the expected error, in depth units, per output
cell) is a small regression of log |error| on local features, fitted and calibrated on
held-out real grids (never a training region; training/calibrate_uncertainty.py) and
stored in the model card (networks), the dictionary file (sparse coding) or here
(FILL_CALIBRATION, gap filling):

- super-resolution (`sr_sigma`): on the coarse grid, the local roughness r (RMS over
  3 x 3 cells of the 4-neighbour Laplacian), the local slope g (RMS gradient over 3 x 3),
  the detail the method added to bicubic, a = RMS over 3 x 3 blocks of
  (output - bicubic), and how much rougher the grid is at its own step than at twice
  it (r / r2, r2 the Laplacian at a step of 2 cells / 4, over 5 x 5; and the same ratio
  over 17 x 17 cells, w: noise and survey artefacts are rough at the finest step);
  log sigma = log r + t0 + t1 log(a / r) + t2 log(g / r) + t3 log(r / r2) + t4 log w.
- gap filling (`fill_sigma`): per filled cell, its distance d (cells) to the nearest real
  cell, and per hole the mean |Laplacian| r and mean |gradient| g of the real cells
  within 2 cells of it and its extent e (cells); log sigma = log r + t0 + t1 log d +
  t2 log(g / r) + t3 log e.  Real cells: 0, or the input's own uncertainty (BAG band 2).

Every feature in depth units enters with exponents summing to one, so sigma scales with
the depths (metres, feet, km) as the methods themselves do.  The regression is ordinary
least squares of log |error| - E[log |N(0, 1)|]; t0 is then shifted so that +-1.96 sigma
holds 95 % of the errors, averaged over the calibration grids.  Every neighbourhood is
local and inside the tiler's overlap (gap filling: 3 cells of a hole's rim, within its
RIM; super-resolution: at most 10 coarse cells, within the networks' receptive field of
17 and the dictionaries' 25), so a tiled run equals a single pass.

Provenance follows GEBCO's type identifier grid (TID) idea: PROVENANCE codes below.

Out-of-distribution (`grid_stats`, `ood_messages`): relief per cell relative to depth,
the slope of the radially averaged power spectrum, and the cell size class, compared
with the same statistics of the training regions stored in the card.
"""
from __future__ import annotations

import json
import math
import os

import numpy as np

from ..errors import InputError
from .resample import block_mean

PROV_NODATA, PROV_INPUT, PROV_FILLED, PROV_SR_MEASURED, PROV_SR_FILLED = 0, 1, 2, 3, 4
PROVENANCE = {PROV_NODATA: "nodata", PROV_INPUT: "input cell (measured)",
              PROV_FILLED: "filled by interpolation",
              PROV_SR_MEASURED: "super-resolved from a measured cell",
              PROV_SR_FILLED: "super-resolved from a filled cell"}
PROVENANCE_NODATA = 0
PROVENANCE_DESCRIPTION = ("0 nodata, 1 input (measured), 2 filled by interpolation, "
                          "3 super-resolved from a measured cell, 4 super-resolved from a "
                          "filled cell")
UNCERTAINTY_DESCRIPTION = "uncertainty: one standard deviation of the expected error"
LOG_ABS_NORMAL = -0.5 * (np.euler_gamma + math.log(2.0))   # E[log |N(0, 1)|]
Z95, Z68 = 1.959964, 0.994458
SR_TERMS = ("log(detail / roughness)", "log(slope / roughness)",
            "log(roughness / roughness at twice the step)",
            "log(the same over 17 x 17 cells)")
WIDE = 8   # radius (coarse cells) of the wide window of the last term
SR_REACH = WIDE + 2   # coarse cells sr_features looks out (the step-2 Laplacian in WIDE)


def sr_margin(method_reach):
    """Tile overlap (coarse cells) for exact super-resolution trust layers: the features'
    reach, and one block beyond the method's own reach (the detail term reads the output
    of the neighbouring blocks)."""
    return max(SR_REACH, method_reach + 1)
FILL_TERMS = ("log(distance)", "log(rim slope / rim roughness)", "log(hole extent)",
              "log(rim roughness / rim roughness at twice the step)")
RIM_BAND = 2   # real cells around a hole whose roughness describes it


def _eps(z):
    """A floor in depth units far below any real relief (float32 rounding of z)."""
    return 1e-6 * np.abs(z) + 1e-12


def _box(a, radius=1):
    from scipy import ndimage
    return ndimage.uniform_filter(a, 2 * radius + 1, mode="mirror")


def laplacian(z):
    """4-neighbour Laplacian of a NaN-free array (mirrored at its edge)."""
    p = np.pad(np.asarray(z, np.float64), 1, mode="reflect" if min(z.shape) > 1 else "edge")
    return p[:-2, 1:-1] + p[2:, 1:-1] + p[1:-1, :-2] + p[1:-1, 2:] - 4 * p[1:-1, 1:-1]


def laplacian2(z):
    """The 4-neighbour Laplacian at a step of two cells, divided by 4 (same units)."""
    p = np.pad(np.asarray(z, np.float64), 2, mode="reflect" if min(z.shape) > 2 else "edge")
    return (p[:-4, 2:-2] + p[4:, 2:-2] + p[2:-2, :-4] + p[2:-2, 4:] - 4 * p[2:-2, 2:-2]) / 4


def gradient2(z):
    """Squared central-difference gradient of a NaN-free array."""
    p = np.pad(np.asarray(z, np.float64), 1, mode="reflect" if min(z.shape) > 1 else "edge")
    gx = (p[1:-1, 2:] - p[1:-1, :-2]) / 2
    gy = (p[2:, 1:-1] - p[:-2, 1:-1]) / 2
    return gx * gx + gy * gy


# -- calibration records -----------------------------------------------------------------
def check_calibration(calibration, kind, where):
    """The calibration dict of a card / dictionary, or InputError saying it is missing."""
    if not isinstance(calibration, dict) or calibration.get("kind") != kind or \
            len(calibration.get("theta", [])) != 1 + len(
                SR_TERMS if kind == "superres" else FILL_TERMS):
        raise InputError(
            f"UNCERTAINTY was asked for, but {where} carries no uncertainty calibration "
            f"(key 'uncertainty' of kind '{kind}'). Calibrate it on held-out grids with "
            "training/calibrate_uncertainty.py, or leave UNCERTAINTY empty.")
    return calibration


def fit(features, log_abs_error, grids, terms, kind):
    """Calibration of log sigma = base + theta . [1, features] on held-out samples.

    features: (n, k) terms; log_abs_error: log |error| - base (the roughness); grids:
    (n,) grid name of every sample (each grid weighs the same).  Returns the record a
    card stores."""
    x = np.column_stack([np.ones(len(log_abs_error)), features])
    names = np.asarray(grids)
    weights = np.empty(len(names))
    for g in np.unique(names):
        weights[names == g] = 1.0 / np.count_nonzero(names == g)
    sw = np.sqrt(weights)[:, None]
    theta = np.linalg.lstsq(x * sw, (log_abs_error - LOG_ABS_NORMAL) * sw[:, 0],
                            rcond=None)[0]
    # shift the intercept so that +-1.96 sigma holds 95 % of the errors, per grid averaged
    resid = log_abs_error - x @ theta           # log(|e| / sigma)
    lo, hi = -3.0, 3.0
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        cover = np.mean([np.mean(resid[names == g] <= mid + math.log(Z95))
                         for g in np.unique(names)])
        lo, hi = (lo, mid) if cover >= 0.95 else (mid, hi)
    theta[0] += hi
    return {"kind": kind, "theta": [round(float(t), 5) for t in theta],
            "terms": ["1", *terms],
            "model": ("log sigma = log roughness + theta . [1, terms] (see "
                      "algorithms/bathymetry/uncertainty.py)")}


def evaluate(sigma, error):
    """Coverage of the 68 % and 95 % intervals and Spearman(sigma, |error|)."""
    from scipy.stats import spearmanr
    sigma, error = np.asarray(sigma, np.float64), np.abs(np.asarray(error, np.float64))
    ok = np.isfinite(sigma) & np.isfinite(error)
    sigma, error = sigma[ok], error[ok]
    rho = spearmanr(sigma, error).correlation if sigma.size > 2 else float("nan")
    return {"cells": int(sigma.size), "coverage68": float(np.mean(error <= Z68 * sigma)),
            "coverage95": float(np.mean(error <= Z95 * sigma)), "spearman": float(rho),
            "rmse": float(np.sqrt(np.mean(error ** 2))),
            "rms_sigma": float(np.sqrt(np.mean(sigma ** 2)))}


# -- super-resolution ----------------------------------------------------------------------
def sr_features(coarse, fine, bicubic, scale):
    """(log roughness, terms (k, h, w)) on the coarse grid of a NaN-free tile."""
    c = np.asarray(coarse, np.float64)
    eps = _eps(c)
    rough = np.sqrt(np.maximum(_box(laplacian(c) ** 2), 0)) + eps
    slope = np.sqrt(np.maximum(_box(gradient2(c)), 0)) + eps
    lap2 = laplacian2(c) ** 2
    rough2 = np.sqrt(np.maximum(_box(lap2, 2), 0)) + eps
    wide = (np.log(np.sqrt(np.maximum(_box(laplacian(c) ** 2, WIDE), 0)) + eps)
            - np.log(np.sqrt(np.maximum(_box(lap2, WIDE), 0)) + eps))
    h, w = c.shape[0] * scale, c.shape[1] * scale
    # masked output cells (NaN) add no detail
    added = block_mean(np.nan_to_num(np.asarray(fine, np.float64) - bicubic)[:h, :w] ** 2,
                       scale)
    detail = np.sqrt(np.maximum(_box(added.astype(np.float64)), 0)) + eps
    lr = np.log(rough)
    return lr, np.stack([np.log(detail) - lr, np.log(slope) - lr, lr - np.log(rough2),
                         wide])


def sr_sigma(coarse, fine, bicubic, scale, calibration):
    """sigma on the fine grid of a NaN-free coarse tile, its output and bicubic."""
    from .sparse_sr import upsample_blocks
    lr, terms = sr_features(coarse, fine, bicubic, scale)
    theta = np.asarray(calibration["theta"], np.float64)
    log_sigma = lr + theta[0] + np.tensordot(theta[1:], terms, axes=1)
    return upsample_blocks(np.exp(log_sigma), scale).astype(np.float32)


def sr_samples(coarse, fine, bicubic, truth, scale):
    """(terms (n, k), log|error| - log roughness, log roughness) at the valid fine cells
    of a grid."""
    from .sparse_sr import upsample_blocks
    lr, terms = sr_features(coarse, fine, bicubic, scale)
    lr_f = upsample_blocks(lr, scale)
    t_f = np.stack([upsample_blocks(t, scale) for t in terms])
    err = np.abs(fine - truth)
    ok = np.isfinite(err) & np.isfinite(fine)
    tiny = _eps(truth[ok])
    return t_f[:, ok].T, np.log(err[ok] + tiny) - lr_f[ok], lr_f[ok]


def combine(sigma, input_sigma):
    """Quadrature sum of a method's sigma and the input's own uncertainty."""
    if input_sigma is None:
        return sigma
    return np.sqrt(sigma.astype(np.float64) ** 2 + np.nan_to_num(input_sigma) ** 2
                   ).astype(np.float32)


# -- gap filling --------------------------------------------------------------------------
def rim_statistics(z, holes):
    """Per hole label: mean |Laplacian| and mean |gradient| of the real cells within
    RIM_BAND cells of it (a cell near two holes counts for both), the hole's extent, and
    the mean |depth| there.
    Purely local (2 + 1 cells), so it does not depend on the tiling."""
    from .gapfill import _boxes
    real = np.isfinite(z)
    zf = np.where(real, z, 0.0)
    inner = real.copy()
    for dy, dx in ((0, 1), (0, -1), (1, 0), (-1, 0)):
        inner &= np.roll(real, (dy, dx), (0, 1))
    inner[[0, -1], :] = False
    inner[:, [0, -1]] = False
    wide = inner.copy()      # cells whose step-2 Laplacian sees real cells only
    for dy, dx in ((0, 2), (0, -2), (2, 0), (-2, 0)):
        wide &= np.roll(real, (dy, dx), (0, 1))
    wide[[0, 1, -2, -1], :] = False
    wide[:, [0, 1, -2, -1]] = False
    lap = np.abs(laplacian(zf))
    grad = np.sqrt(gradient2(zf))
    count = int(holes.max()) + 1 if holes.size else 1
    lap2 = np.abs(laplacian2(zf))
    sums = np.zeros((6, count))
    band = RIM_BAND
    h, w = holes.shape
    for dy in range(-band, band + 1):
        for dx in range(-band, band + 1):
            ys = slice(max(dy, 0), h + min(dy, 0))
            yt = slice(max(-dy, 0), h + min(-dy, 0))
            xs = slice(max(dx, 0), w + min(dx, 0))
            xt = slice(max(-dx, 0), w + min(-dx, 0))
            lab = holes[ys, xs]          # hole label seen at offset (dy, dx) from a cell
            ok = inner[yt, xt] & (lab > 0)
            lab = lab[ok]
            sums[0] += np.bincount(lab, minlength=count)
            sums[1] += np.bincount(lab, lap[yt, xt][ok], minlength=count)
            sums[2] += np.bincount(lab, grad[yt, xt][ok], minlength=count)
            sums[3] += np.bincount(lab, np.abs(zf[yt, xt][ok]), minlength=count)
            both = wide[yt, xt][ok]
            sums[4] += np.bincount(lab[both], lap[yt, xt][ok][both], minlength=count)
            sums[5] += np.bincount(lab[both], lap2[yt, xt][ok][both], minlength=count)
    y0, y1, x0, x1 = _boxes(holes)
    extent = np.maximum(y1 - y0, x1 - x0).astype(np.float64)
    n = np.maximum(sums[0], 1)
    ratio = (sums[4] + 1e-300) / (sums[5] + 1e-300)
    return sums[1] / n, sums[2] / n, extent, sums[3] / n, ratio


def fill_features(z, holes, distance):
    """(log roughness, terms (k, n)) at the cells of `holes` > 0 (in np.nonzero order).

    z: the tile before filling (NaN in holes), holes: labels of the filled holes,
    distance: distance (cells) of every cell to the nearest real cell."""
    rough, slope, extent, depth, ratio = rim_statistics(z, holes)
    lab = holes[holes > 0]
    eps = _eps(depth[lab])
    r = rough[lab] + eps
    lr = np.log(r)
    terms = np.stack([np.log(np.maximum(distance[holes > 0], 1.0)),
                      np.log(slope[lab] + eps) - lr, np.log(np.maximum(extent[lab], 1.0)),
                      np.log(np.clip(ratio[lab], 1e-3, 1e3))])
    return lr, terms


def fill_sigma(z, holes, distance, calibration):
    """sigma on the filled cells (holes > 0) of a tile, 0 elsewhere."""
    lr, terms = fill_features(z, holes, distance)
    theta = np.asarray(calibration["theta"], np.float64)
    out = np.zeros(z.shape, np.float32)
    out[holes > 0] = np.exp(lr + theta[0] + theta[1:] @ terms)
    return out


# Fitted by training/calibrate_uncertainty.py on the held-out grids (see
# docs/trust-layers.md).
FILL_CALIBRATION_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                     "gapfill_uncertainty.json")


def fill_calibration():
    """The shipped calibration of the gap filler's uncertainty."""
    try:
        with open(FILL_CALIBRATION_PATH, encoding="utf-8") as f:
            record = json.load(f)
    except (OSError, ValueError):
        record = None
    return check_calibration(record, "fill", FILL_CALIBRATION_PATH)


# -- out-of-distribution ---------------------------------------------------------------------
STAT_WINDOW = 512


def spectrum_slope(z):
    """Slope of log power against log wavenumber of the radially averaged power spectrum
    of a NaN-free (demeaned, plane-removed, Hann-windowed) array; ~ -2 to -4 for terrain,
    0 for white noise."""
    a = np.asarray(z, np.float64)
    h, w = a.shape
    yy, xx = np.mgrid[:h, :w]
    design = np.column_stack([np.ones(a.size), yy.ravel(), xx.ravel()])
    a = a - (design @ np.linalg.lstsq(design, a.ravel(), rcond=None)[0]).reshape(h, w)
    a = a * np.outer(np.hanning(h), np.hanning(w))
    power = np.abs(np.fft.fft2(a)) ** 2
    ky = np.fft.fftfreq(h)[:, None]
    kx = np.fft.fftfreq(w)[None, :]
    k = np.sqrt(ky ** 2 + kx ** 2)
    edges = np.geomspace(4.0 / min(h, w), 0.5, 12)
    logk, logp = [], []
    for lo, hi in zip(edges[:-1], edges[1:]):
        sel = (k >= lo) & (k < hi)
        if sel.any() and power[sel].mean() > 0:
            logk.append(math.log(math.sqrt(lo * hi)))
            logp.append(math.log(power[sel].mean()))
    if len(logk) < 3:
        return float("nan")
    return float(np.polyfit(logk, logp, 1)[0])


def grid_stats(z, cell_metres=None):
    """Statistics a card compares: relief per cell relative to depth, spectral slope,
    cell size (metres, None when unknown).  `z`: a window of the grid (NaN = nodata)."""
    from ..transforms import nearest_fill
    z = np.asarray(z, np.float64)
    if np.isfinite(z).sum() < 64 or min(z.shape) < 16:
        return None
    dx = np.abs(np.diff(z, axis=1))
    dy = np.abs(np.diff(z, axis=0))
    per_cell = float(np.nanmedian(np.concatenate([dx[np.isfinite(dx)], dy[np.isfinite(dy)]])))
    depth = float(np.nanmedian(np.abs(z)))
    relief = per_cell / depth if depth > 0 else float("inf")
    return {"relief_per_cell": relief, "spectral_slope": spectrum_slope(nearest_fill(z)),
            "cell_metres": None if cell_metres is None else float(cell_metres)}


def stats_range(stats):
    """{statistic: [min, max]} over the training regions' stats."""
    out = {}
    for key in ("relief_per_cell", "spectral_slope", "cell_metres"):
        vals = [s[key] for s in stats if s and s.get(key) is not None
                and np.isfinite(s[key])]
        if vals:
            out[key] = [float(min(vals)), float(max(vals))]
    return out


RELIEF_TOLERANCE = 3.0     # x beyond the training range before a warning
SLOPE_TOLERANCE = 0.75     # spectral slope units beyond the training range
CELL_TOLERANCE = 10.0      # x beyond the training cell sizes


def ood_messages(stats, training, method="the network"):
    """Warnings (strings) where `stats` fall outside the training range `training`
    ({statistic: [min, max]}); an empty list when the grid looks like the training data."""
    if not stats or not training:
        return []
    out = []
    lo, hi = training.get("relief_per_cell", (None, None))
    r = stats["relief_per_cell"]
    if lo is not None and r < lo / RELIEF_TOLERANCE:
        out.append(f"this grid is {lo / max(r, 1e-300):.0f}x smoother per cell (relative "
                   f"to its depth: {r:.2g}) than any training region ({lo:.2g} to "
                   f"{hi:.2g}); expect little gain over bicubic from {method}")
    elif hi is not None and r > hi * RELIEF_TOLERANCE:
        out.append(f"this grid is {r / hi:.0f}x rougher per cell relative to its depth "
                   f"({r:.2g}) than any training region ({lo:.2g} to {hi:.2g}); expect "
                   "larger errors than the card's validation")
    lo, hi = training.get("spectral_slope", (None, None))
    b = stats["spectral_slope"]
    if lo is not None and np.isfinite(b) and b > hi + SLOPE_TOLERANCE:
        out.append(f"its roughness spectrum is flatter (slope {b:.1f}) than any training "
                   f"region's ({lo:.1f} to {hi:.1f}): short wavelengths dominate, as in "
                   f"noise or survey artefacts; {method} may sharpen noise, expect little "
                   "gain over bicubic and a less reliable UNCERTAINTY")
    elif lo is not None and np.isfinite(b) and b < lo - SLOPE_TOLERANCE:
        out.append(f"its roughness spectrum is steeper (slope {b:.1f}) than any training "
                   f"region's ({lo:.1f} to {hi:.1f}): smoother than the training relief; "
                   "expect little gain over bicubic")
    lo, hi = training.get("cell_metres", (None, None))
    c = stats.get("cell_metres")
    if lo is not None and c is not None and (c < lo / CELL_TOLERANCE
                                             or c > hi * CELL_TOLERANCE):
        out.append(f"its cells are {c:.3g} m, outside the training cell sizes "
                   f"({lo:.3g} to {hi:.3g} m) by more than {CELL_TOLERANCE:.0f}x: relief "
                   "at this scale may differ from what was learned")
    return out


def reader_stats(reader):
    """grid_stats of a central window (at most STAT_WINDOW cells a side) of a raster."""
    from ..raster import metric_cell_size
    w, h = min(reader.width, STAT_WINDOW), min(reader.height, STAT_WINDOW)
    x0, y0 = (reader.width - w) // 2, (reader.height - h) // 2
    z = reader.read(x0, y0, w, h)
    cell = None
    if reader.geotransform is not None:
        dx, dy = metric_cell_size(reader.geotransform, reader.crs_wkt, reader.shape)(
            np.array([reader.height // 2]))
        cell = float(math.sqrt(dx[0] * dy[0]))
    return grid_stats(z, cell)


def check_ood(reader, training, method, warn):
    """Compare a raster with the training statistics and pass each warning to `warn`."""
    if warn is None or not training:
        return []
    messages = ood_messages(reader_stats(reader), training, method)
    for m in messages:
        warn(f"Out of distribution: {m}.")
    return messages


# -- layers beside a super-resolved tile ------------------------------------------------------
def sr_provenance(shape, filled=None, input_provenance=None):
    """Provenance codes of the coarse cells of a super-resolved tile: 3 (from a measured
    cell) or 4 (from a filled one: `filled` > 0, or input provenance 2 or 4)."""
    code = np.full(shape, PROV_SR_MEASURED, np.float32)
    if filled is not None:
        code[np.nan_to_num(filled) > 0] = PROV_SR_FILLED
    if input_provenance is not None:
        p = np.nan_to_num(input_provenance)
        code[(p == PROV_FILLED) | (p == PROV_SR_FILLED)] = PROV_SR_FILLED
        code[p == PROV_NODATA] = PROV_NODATA
    return code


def sr_layers(coarse, fine, scale, calibration=None, provenance=False, filled=None,
              input_sigma=None, input_provenance=None):
    """[sigma or None, provenance or None] on the fine grid of a super-resolved tile.

    coarse: the tile the method saw (NaN = nodata), fine: its output (NaN where masked);
    filled: cells the method filled before (> 0), input_sigma / input_provenance: the
    input's own layers on the coarse tile (or None)."""
    from ..transforms import nearest_fill
    from .resample import bicubic_upsample
    from .sparse_sr import upsample_blocks
    out = np.isnan(fine)
    sigma = prov = None
    if calibration is not None:
        c = nearest_fill(np.asarray(coarse, np.float64))
        bic = bicubic_upsample(c.astype(np.float32), scale).astype(np.float64)
        sigma = sr_sigma(c, fine, bic, scale, calibration)
        if input_sigma is not None:
            sigma = combine(sigma, upsample_blocks(np.asarray(input_sigma, np.float64),
                                                   scale))
        sigma[out] = np.nan
    if provenance:
        prov = upsample_blocks(sr_provenance(np.shape(coarse), filled, input_provenance),
                               scale)
        prov[out] = np.nan
    return [sigma, prov]


def input_uncertainty_reader(path, band=1):
    """A RasterReader on the input's own uncertainty band, or None: band 2 of a BAG (or
    of a raster whose band 2 is described as 'uncertainty') when band 1 is the depth."""
    from ..raster import RasterReader
    if int(band) != 1:
        return None
    reader = RasterReader(path, 1)
    try:
        ds = reader._ds
        if ds.RasterCount < 2:
            return None
        second = ds.GetRasterBand(2)
        if ds.GetDriver().ShortName != "BAG" and \
                second.GetDescription().strip().lower() != "uncertainty":
            return None
    finally:
        reader.close()
    return RasterReader(path, 2)
