"""Sparse denoising of bathymetry grids: remove noise and survey artefacts, keep the relief.

A grid is modelled as relief (sparse in small DCT windows: a few coefficients carry a
smooth seabed) + white noise (spread evenly over all coefficients) + spikes (isolated
blunders) + stripes (offsets constant along the survey lines: a line-shaped, low-rank
component).  Three steps, each local and anchored to the raster's global cell grid, so the
result does not depend on how the raster is tiled:

1. **Stripes** (along-track striping: systematic offsets between neighbouring swaths,
   constant along the lines, varying across them).  The line direction is found
   automatically as the angle whose line projections (a discrete Radon transform) hold
   the most high-pass energy, or given in degrees; striping counts as present when that
   energy stands out from the other angles (STRIPE_DETECT times their median).  The
   stripe component is the median, along the lines (STRIPE_ALONG cells each way), of the
   across-track high-pass of the grid, sampled on a lattice rotated to the lines and
   anchored at global cell (0, 0): the sparse/low-rank line term, as in the wavelet-FFT
   stripe removal of Münch, Trtik, Marone & Stampanoni (2009), Optics Express 17(10):8567,
   and the low-rank destriping of Chang, Yan, Wu, Zhong & Fang (2015), IEEE TGRS 53(6):3114.
2. **White noise**: translation-invariant DCT shrinkage: hard thresholding of the 2-D DCT
   of 8 x 8 windows at the universal threshold sigma * sqrt(2 ln 64) (Donoho & Johnstone
   1994, Biometrika 81(3):425), averaged over the shifted window lattices (cycle spinning,
   Coifman & Donoho 1995), is the pilot of an empirical Wiener shrinkage of the same
   coefficients (see `shrink_noise`); the DCT dictionary of the sparse bathymetry modelling of Fuse
   & Imose (2023), Remote Sensing 15(11):2714.  The noise level sigma is estimated
   automatically per 32 x 32 window from the finest-scale DCT coefficients (both
   frequencies >= 4 of 8) of the 8 x 8 windows, which a smooth seabed leaves nearly
   empty: the robust estimator of Donoho & Johnstone (MAD / 0.6745) taken at the lower
   quartile of |c| (/ 0.3186) instead of the median, because rough relief adds a heavy
   tail to these coefficients; then the lower envelope (minimum) over the 3 x 3
   neighbouring windows, as the noise varies smoothly and the relief's roughness does
   not; interpolated between windows; or given in metres; or taken from an IHO S-44 order at
   the local depth: sigma = TVU / 1.96, TVU = sqrt(a^2 + (b d)^2).
3. **Spikes** (speckle from residual blunders): a cell farther than SPIKE_K sigma from
   the shrinkage estimate is a spike (the residual test of robust smoothing); spikes take
   the estimate and the shrinkage runs again without them, so they do not leak into
   their windows.  (A first-stage detector against the 3x3 median was tried and dropped:
   on the real grids of the bench it cut real single-cell peaks.)

The windows (`algorithms.transforms`) are the ones gap filling uses.  Nodata cells are
never filled: they see their nearest valid values inside the transforms and are NaN in the
output.  Depths are in metres for the IHO option; everything else is unit-free.
"""
from __future__ import annotations

import contextlib
import math
import time

import numpy as np

from .. import transforms
from ..errors import InputError, check_choice
from ..raster import RasterReader, output_nodata, writer_group
from ..tiling import Counted, reflect_pad, run_tiled

DEFAULT_TILE = 1024
BLOCK = 8                # DCT window of the shrinkage
STEP = 2                 # cycle-spinning shift between lattices (16 lattices)
FINE = 4                 # finest-scale coefficients: both frequencies >= FINE
SCALE_WINDOW = 32        # windows of the local noise / residual scale
SPIKE_K = 4.0            # spike: |cell - shrinkage estimate| > SPIKE_K sigma
ROUNDING = 16 * float(np.finfo(np.float32).eps)   # relative float32 rounding, x16
STRIPE_ALONG = 32        # median along the lines over 2 * STRIPE_ALONG + 1 samples
STRIPE_ACROSS = 8.0      # Gaussian sigma (cells) of the across-track low-pass
STRIPE_DETECT = 4.0      # striping present: best angle's energy / median over angles
DIRECTION_WINDOW = 1024  # the direction is estimated on the central window of this size
MAD = 0.6745
QUANTILE = 0.25          # noise scale from this quantile of |coefficients| ...
Q_GAUSS = 0.3186         # ... divided by its value for a unit Gaussian (Phi^-1(0.625))
NOISE_MODES = ("auto", "metres", "iho")
STRIPE_MODES = ("auto", "off", "given")
# IHO S-44 (6th ed.) total vertical uncertainty at 95%: (a metres, b)
IHO_ORDERS = {"exclusive": (0.15, 0.0075), "special": (0.25, 0.0075), "1a": (0.5, 0.013),
              "1b": (0.5, 0.013), "2": (1.0, 0.023)}

# how far (cells) each step reads beyond a cell: lines; DCT windows + scale windows
# (twice: the shrinkage runs again once the spikes are out)
STRIPE_REACH = STRIPE_ALONG + int(math.ceil(4 * STRIPE_ACROSS)) + 4
SHRINK_REACH = 3 * BLOCK + 5 * SCALE_WINDOW // 2


def margin(stripes):
    """Tile overlap that makes a tiled run equal to one pass."""
    return 2 * SHRINK_REACH + (STRIPE_REACH if stripes else 0)


# --------------------------------------------------------------------------------------
# local robust scales
# --------------------------------------------------------------------------------------
def local_scale(samples, origin):
    """Robust scale (the QUANTILE quantile of |samples| / its value for a unit Gaussian:
    lower than the median, so less sensitive to the heavy tail that relief adds) per
    SCALE_WINDOW window of the global
    lattice, interpolated bilinearly between window centres; NaN samples are left out,
    a window without samples takes its nearest window's scale."""
    lattice = transforms.WindowTiling(samples.shape, origin, SCALE_WINDOW)
    win = lattice.windows(np.abs(samples), mode="constant", constant_values=np.nan)
    win = win.transpose(0, 2, 1, 3).reshape(lattice.ny, lattice.nx, -1)
    empty = np.isnan(win).all(axis=2)
    scale = np.zeros((lattice.ny, lattice.nx))
    if (~empty).any():
        scale[~empty] = np.nanquantile(win[~empty], QUANTILE, axis=1) / Q_GAUSS
        scale = transforms.nearest_fill(np.where(empty, np.nan, scale))
        # lower envelope over the 3 x 3 neighbouring windows: the noise level varies
        # smoothly (with depth), the roughness of the relief that leaks into the finest
        # coefficients varies from window to window
        from scipy import ndimage
        scale = ndimage.minimum_filter(scale, 3, mode="nearest")
    from scipy import ndimage
    cy, cx = lattice.centres()
    h, w = samples.shape
    fy = (np.arange(h) - cy[0]) / SCALE_WINDOW
    fx = (np.arange(w) - cx[0]) / SCALE_WINDOW
    yy, xx = np.meshgrid(fy, fx, indexing="ij")
    return ndimage.map_coordinates(scale, [yy, xx], order=1, mode="nearest")


def finest_coefficients(z, origin, valid=None):
    """Per cell, the finest-scale DCT coefficient at its position in its 8 x 8 window of
    the global lattice (NaN at the other positions and in windows touching nodata)."""
    lattice = transforms.WindowTiling(z.shape, origin, BLOCK)
    coef = transforms.forward(lattice.windows(z).transpose(0, 2, 1, 3))
    keep = np.zeros((BLOCK, BLOCK), bool)
    keep[FINE:, FINE:] = True
    coef = np.where(keep, coef, np.nan)
    if valid is not None:
        bad = lattice.any(~valid)
        coef[bad] = np.nan
    return lattice.crop(coef.transpose(0, 2, 1, 3))


def noise_level(z, origin=(0, 0), mode="auto", value=None, order=None, valid=None):
    """Noise standard deviation per cell of z (finite values, float64)."""
    check_choice("NOISE", mode, NOISE_MODES)
    if mode == "metres":
        if value is None or not value > 0:
            raise InputError(f"The noise level must be a positive number of metres "
                             f"(got {value}).")
        return np.full(z.shape, float(value))
    if mode == "iho":
        check_choice("IHO order", order, tuple(IHO_ORDERS))
        a, b = IHO_ORDERS[order]
        return np.sqrt(a * a + (b * z) ** 2) / 1.96
    return local_scale(finest_coefficients(z, origin, valid), origin)


# --------------------------------------------------------------------------------------
# stripes
# --------------------------------------------------------------------------------------
def _axes(angle):
    """Unit vectors (row, column) along and across lines of `angle` degrees clockwise
    from grid north (up)."""
    t = math.radians(angle)
    along = (-math.cos(t), math.sin(t))
    across = (math.sin(t), math.cos(t))
    return along, across


def line_energy(z, angles):
    """Fraction of the high-pass energy of z (finite, NaN allowed) that the means along
    lines of each angle hold: large at the survey lines' direction when striped."""
    from scipy import ndimage
    valid = np.isfinite(z)
    filled = transforms.nearest_fill(z)
    high = filled - ndimage.gaussian_filter(filled, 2.0, mode="nearest")
    cut = 4.0 * np.median(np.abs(high[valid])) / MAD + 1e-12
    high = np.clip(high, -cut, cut)[valid]
    ys, xs = np.nonzero(valid)
    total = float((high ** 2).sum()) + 1e-300
    out = []
    for angle in angles:
        _, across = _axes(angle)
        pos = ys * across[0] + xs * across[1]
        k = np.round(pos - pos.min()).astype(np.int64)
        count = np.bincount(k)
        mean = np.bincount(k, weights=high) / np.maximum(count, 1)
        out.append(float((count * mean ** 2).sum()) / total)
    return np.array(out)


def stripe_direction(z):
    """(angle in degrees of the survey lines, ratio of its line energy to the median
    over all angles).  Coarse search every 3 degrees, refined to 0.5 degree."""
    coarse = np.arange(0.0, 180.0, 3.0)
    energy = line_energy(z, coarse)
    best = coarse[int(np.argmax(energy))]
    fine = best + np.arange(-2.5, 2.75, 0.5)
    fine_energy = line_energy(z, fine)
    angle = float(fine[int(np.argmax(fine_energy))] % 180.0)
    return angle, float(fine_energy.max() / max(np.median(energy), 1e-300))


def stripe_component(z, angle, origin=(0, 0)):
    """The line component of z (finite values) along lines of `angle` degrees: the
    along-line median of the across-line high-pass, on a rotated lattice anchored at
    global cell (0, 0), interpolated back to the cells."""
    from scipy import ndimage
    along, across = _axes(angle)
    h, w = z.shape
    corners = np.array([[0, 0], [0, w - 1], [h - 1, 0], [h - 1, w - 1]], float) \
        + np.array(origin, float)
    a = corners @ np.array(along)
    c = corners @ np.array(across)
    a_lo, c_lo = math.floor(a.min()) - 1, math.floor(c.min()) - 1
    na, nc = math.ceil(a.max()) + 2 - a_lo, math.ceil(c.max()) + 2 - c_lo
    ci, ai = np.meshgrid(np.arange(c_lo, c_lo + nc, dtype=float),
                         np.arange(a_lo, a_lo + na, dtype=float), indexing="ij")
    rows = ci * across[0] + ai * along[0] - origin[0]
    cols = ci * across[1] + ai * along[1] - origin[1]
    rot = ndimage.map_coordinates(z, [rows, cols], order=1, mode="nearest")
    high = rot - ndimage.gaussian_filter1d(rot, STRIPE_ACROSS, axis=0, mode="nearest")
    size = (1, 2 * STRIPE_ALONG + 1)
    line = ndimage.median_filter(high, size=size, mode="nearest")
    # a stripe is constant along its line, relief is not: weight the line value by its
    # coherence (median^2 / (median^2 + spread^2), spread = along-line MAD / 0.6745)
    spread = ndimage.median_filter(np.abs(high - line), size=size, mode="nearest") / MAD
    line = line * line ** 2 / (line ** 2 + spread ** 2 + 1e-300)
    gy, gx = np.mgrid[:h, :w]
    gy = gy + origin[0]
    gx = gx + origin[1]
    pa = gy * along[0] + gx * along[1] - a_lo
    pc = gy * across[0] + gx * across[1] - c_lo
    return ndimage.map_coordinates(line, [pc, pa], order=1, mode="nearest")


# --------------------------------------------------------------------------------------
# one array (a padded tile, or a whole grid padded like one)
# --------------------------------------------------------------------------------------
def shrink_noise(z, sigma, origin=(0, 0), strength=1.0):
    """Two-stage cycle-spun DCT shrinkage of z with the local noise level `sigma` (per
    cell; each window uses its mean): hard thresholding at strength * the universal
    threshold gives a pilot estimate, then each noisy coefficient c is scaled by the
    empirical Wiener gain p^2 / (p^2 + (strength sigma)^2), p the pilot's coefficient
    (Ghael, Sayeed & Baraniuk 1997, Proc. SPIE 3169:389; the second step of BM3D,
    Dabov et al. 2007, IEEE TIP 16(8):2080)."""
    base = transforms.universal_threshold(strength, BLOCK * BLOCK)

    def window_sigma(lattice):
        return lattice.windows(sigma).mean(axis=(1, 3))[:, :, None, None]

    def hard(coef, lattice):
        return transforms.shrink(coef, window_sigma(lattice) * base, "hard")

    pilot = transforms.cycle_spin(z, hard, origin, BLOCK, STEP)

    def wiener(coef, lattice):
        p2 = transforms.forward(lattice.windows(pilot).transpose(0, 2, 1, 3)) ** 2
        s2 = (strength * window_sigma(lattice)) ** 2
        out = coef * p2 / (p2 + s2 + 1e-300)
        out[..., 0, 0] = coef[..., 0, 0]
        return out

    return transforms.cycle_spin(z, wiener, origin, BLOCK, STEP)


def denoise_block(block, origin, *, noise="auto", noise_value=None, iho_order=None,
                  angle=None, strength=1.0, stats=None):
    """Denoise an array with NaN nodata whose first cell is global cell `origin`.
    `angle`: stripe direction in degrees, None = no stripe removal."""
    valid = np.isfinite(block)
    z = transforms.nearest_fill(block.astype(np.float64))
    if angle is not None:
        z = z - stripe_component(z, angle, origin)
    sigma = noise_level(z, origin, noise, noise_value, iho_order, valid)
    out = shrink_noise(z, sigma, origin, strength)
    # spikes: cells far outside the shrinkage estimate are blunders; they take the
    # estimate and the shrinkage runs again without them
    # (never a difference at the rounding level of the float32 output: where the noise
    # level is 0, on a plane or a tiny grid, nothing is a spike)
    rounding = ROUNDING * (np.abs(z) + np.nanmax(np.abs(z)))
    spikes = valid & (np.abs(z - out) > np.maximum(SPIKE_K * sigma, rounding))
    if spikes.any():
        out = shrink_noise(np.where(spikes, out, z), sigma, origin, strength)
    out[~valid] = np.nan
    if stats is not None:
        stats["spikes"] = spikes
    return out.astype(np.float32)


def _check(noise, noise_value, iho_order, stripes, direction, strength):
    check_choice("NOISE", noise, NOISE_MODES)
    check_choice("STRIPES", stripes, STRIPE_MODES)
    if noise == "metres" and (noise_value is None or not noise_value > 0):
        raise InputError(f"NOISE in metres needs a positive value (got {noise_value}).")
    if noise == "iho":
        check_choice("IHO order", iho_order, tuple(IHO_ORDERS))
    if stripes == "given" and (direction is None or not math.isfinite(direction)):
        raise InputError("STRIPES along a given direction needs the direction in degrees "
                         "clockwise from grid north.")
    if not (strength > 0 and math.isfinite(strength)):
        raise InputError(f"STRENGTH must be a positive number (got {strength}).")


def resolve_stripes(sample, stripes, direction):
    """(angle or None, measured angle, detection ratio) for the raster whose central
    window is `sample`."""
    if stripes == "off":
        return None, None, None
    if stripes == "given":
        return float(direction) % 180.0, None, None
    if np.isfinite(sample).sum() < 64:
        return None, None, None
    angle, ratio = stripe_direction(sample)
    return (angle if ratio >= STRIPE_DETECT else None), angle, ratio


def _central(shape):
    h, w = shape
    sh, sw = min(h, DIRECTION_WINDOW), min(w, DIRECTION_WINDOW)
    return (h - sh) // 2, (w - sw) // 2, sh, sw


def denoise_array(array, *, nodata=None, noise="auto", noise_value=None, iho_order=None,
                  stripes="auto", direction=None, strength=1.0):
    """Denoise a whole 2-D grid in memory (the same result as the tiled raster run).

    Returns (denoised float32 with NaN where the input is nodata, info dict)."""
    from .gapfill import as_float_grid
    _check(noise, noise_value, iho_order, stripes, direction, strength)
    grid = as_float_grid(array, nodata)
    if np.isnan(grid).all():
        raise InputError("The grid holds only nodata; there is nothing to denoise.")
    y0, x0, sh, sw = _central(grid.shape)
    angle, measured, ratio = resolve_stripes(grid[y0:y0 + sh, x0:x0 + sw], stripes,
                                             direction)
    m = margin(angle is not None)
    padded = reflect_pad(grid, m, m, m, m)
    stats = {}
    out = denoise_block(padded, (-m, -m), noise=noise, noise_value=noise_value,
                        iho_order=iho_order, angle=angle, strength=strength, stats=stats)
    out = out[m:m + grid.shape[0], m:m + grid.shape[1]]
    return out, {"angle": angle, "measured_angle": measured, "stripe_ratio": ratio,
                 "spikes": int(stats["spikes"][m:-m, m:-m].sum())}


def denoise_raster(src, dst, band=1, *, noise="auto", noise_value=None, iho_order=None,
                   stripes="auto", direction=None, strength=1.0, removed=None,
                   tile=DEFAULT_TILE, progress=None, cancelled=None):
    """Denoise band `band` of `src` into `dst` (and optionally the removed component,
    input minus output, into `removed`), tile by tile.  Returns a dict for the user."""
    _check(noise, noise_value, iho_order, stripes, direction, strength)
    if tile < 16:
        raise InputError(f"The tile size must be at least 16 cells (got {tile}).")
    start = time.perf_counter()
    with RasterReader(src, band) as reader:
        y0, x0, sh, sw = _central(reader.shape)
        sample = reader.read(x0, y0, sw, sh)
        if stripes == "auto" and not np.isfinite(sample).any() and \
                reader.width * reader.height <= DIRECTION_WINDOW ** 2:
            raise InputError(f"Band {band} of {src} holds only nodata; there is nothing "
                             "to denoise.")
        angle, measured, ratio = resolve_stripes(sample, stripes, direction)
        m = margin(angle is not None)
        args = (reader.width, reader.height, reader.geotransform, reader.crs_wkt)
        outputs = [(dst, output_nodata(reader.nodata), reader.description)]
        if removed:
            outputs.append((removed, float("nan"), "removed: input minus denoised"))
        with contextlib.ExitStack() as stack:
            writers = writer_group(stack, *args, outputs)
            count = len(writers)

            def work(padded, t):
                tile_stats = {}
                out = denoise_block(padded, (t.y0 - m, t.x0 - m), noise=noise,
                                    noise_value=noise_value, iho_order=iho_order,
                                    angle=angle, strength=strength, stats=tile_stats)
                diff = padded - out
                core = (slice(m, m + t.height), slice(m, m + t.width))
                core_diff = diff[core]
                ok = np.isfinite(core_diff)
                return Counted([out, diff][:count], {
                    "cells": int(ok.sum()),
                    "removed_sq": float((core_diff[ok].astype(np.float64) ** 2).sum()),
                    "spikes": int(tile_stats["spikes"][core].sum())})

            run = run_tiled(reader, work, writers, margin=m, tile=tile, progress=progress,
                            cancelled=cancelled, pass_tile=True)
            stats = {"spikes": 0, "removed_sq": 0.0, "cells": 0}
            stats.update(run.counts)
            if stats["cells"] == 0:
                raise InputError(f"Band {band} of {src} holds only nodata; there is "
                                 "nothing to denoise.")
    return {"size": (reader.width, reader.height), "angle": angle,
            "measured_angle": measured, "stripe_ratio": ratio, "margin": m,
            "tiles": run.tiles, "valid_cells": stats["cells"], "spikes": stats["spikes"],
            "removed_rms": math.sqrt(stats["removed_sq"] / max(stats["cells"], 1)),
            "seconds": time.perf_counter() - start}
