"""Sparse denoising of bathymetry grids: remove noise and survey artefacts, keep the relief.

A grid is modelled as relief (sparse in small DCT windows: a few coefficients carry a
smooth seabed) + white noise (spread evenly over all coefficients) + spikes (isolated
blunders) + stripes (offsets constant along the survey lines).  Four steps, each local
and anchored to the raster's global cell grid, so the result does not depend on how the
raster is tiled:

1. **Spikes** (`find_spikes`): a cell that stands beyond all 8 of its neighbours and
   whose residual from the 3 x 3 median exceeds SPIKE_K times the local robust scale of
   that residual (median |residual| / 0.6745 per 32 x 32 window, cells equal to their
   median left out so whole-unit DEMs do not get a zero scale) takes the 3 x 3 median.
   This is the residual test of robust local-surface cleaning (Debese & Bisquay 1999;
   the 3 x 3 neighbourhood test of swath editors) done first, so spikes bias neither the
   line offsets nor the noise scale.
2. **Stripes** (`stripe_component`): the grid is sampled on a lattice rotated to the
   lines, cut into blocks of STRIPE_BLOCK cells along them.  With the direction GIVEN
   (an azimuth, clockwise from grid north, or survey track lines, `TrackLines`: each
   cell takes the direction of its nearest line, so turning lines are followed):
   `jump_offsets`, line-to-line jumps (medians along the line) against a cross-line
   curvature model (the running median of the jumps across lines), the estimate swath
   editors make between adjacent lines, summed across the lines and high-passed.  With
   the direction DETECTED (`stripe_direction`: the azimuth whose line means hold the
   most of the grid-minus-its-8-cell-Gaussian energy; striping counts as present when
   that stands STRIPE_DETECT times above the median over azimuths): `level_offsets`,
   per-line robust offset and tilt against a smooth cross-line model of the block
   medians, confirmed by the neighbouring blocks of the same line, which keeps the real
   stripes of JD211 (a few lines wide, varying along the lines) that the jump model
   takes for relief slope.  Both are directional filters in the spirit of the combined
   wavelet-Fourier stripe removal of Münch, Trtik, Marone & Stampanoni (2009), Optics
   Express 17(10):8567 (stripes live at low along-line and high across-line
   frequencies); bench/bench_destripe_methods.py compares them with the unidirectional
   variational destriping of Bouali & Ladjal (2011), IEEE TGRS 49(8):2924.
3. **Noise level** (`noise_level`): per 32 x 32 window from the finest-scale DCT
   coefficients (both frequencies >= 4 of 8) of the 8 x 8 windows, which a smooth seabed
   leaves nearly empty: the robust estimator of Donoho & Johnstone taken at the lower
   quartile of |c| (/ 0.3186), then the lower envelope over the 3 x 3 neighbouring
   windows, interpolated between windows; or given in metres; or from an IHO S-44 order
   at the local depth: sigma = TVU / 1.96, TVU = sqrt(a^2 + (b d)^2).
4. **White noise** (`shrink_noise`): translation-invariant DCT shrinkage (8 x 8 windows,
   16 shifted lattices, Coifman & Donoho 1995): on each lattice the coefficients
   thresholded at the universal threshold sigma sqrt(2 ln 64) (Donoho & Johnstone 1994,
   Biometrika 81(3):425) are the pilot of an empirical Wiener gain; the DCT dictionary
   of the sparse bathymetry modelling of Fuse & Imose (2023), Remote Sensing 15(11):2714.

The windows (`algorithms.transforms`) are the ones gap filling uses.  Nodata cells are
never filled: they see their nearest valid values inside the transforms and are NaN in the
output.  Depths are in metres for the IHO option; everything else is unit-free.
Measurements: docs/denoise.md.
"""
from __future__ import annotations

import contextlib
import math
import time

import numpy as np

from .. import transforms
from ..blas import single_threaded
from ..errors import InputError, check_choice
from ..raster import RasterReader, output_nodata, writer_group
from ..tiling import Counted, reflect_pad, run_tiled

DEFAULT_TILE = 2048      # the overlap is ~140 cells: larger tiles waste less
BLOCK = 8                # DCT window of the shrinkage
STEP = 2                 # cycle-spinning shift between lattices (16 lattices)
FINE = 4                 # finest-scale coefficients: both frequencies >= FINE
SCALE_WINDOW = 32        # windows of the local noise / residual scale
SPIKE_K = 8.0            # spike: |cell - 3 x 3 median| > SPIKE_K local scales
SPIKE_GAP = 0.5          # ... and beyond all 8 neighbours by this share of their range
SPIKE_QUANTILE = 0.5     # local scale: this quantile of |residual| ...
SPIKE_Q_GAUSS = 0.6745   # ... divided by its value for a unit Gaussian
ROUNDING = 16 * float(np.finfo(np.float32).eps)   # relative float32 rounding, x16
STRIPE_BLOCK = 64        # line offsets: medians over blocks of this many cells along
STRIPE_REACH_BLOCKS = 2  # ... pooled with the blocks up to this many blocks away
STRIPE_CURVE = 3         # relief slope across lines: running median over 2 * this + 1
STRIPE_ACROSS = 48.0     # Gaussian sigma (lines) of the smooth profile taken out
STRIPE_TRUNCATE = 3.0    # ... truncated at this many sigmas
STRIPE_SUPPORT = 0.3     # ... and offsets only where this share of it holds data
STRIPE_SIGNIF = 6.0      # steps shrunk by a Wiener gain against this many standard errors
LEVEL_REACH_BLOCKS = 1   # detected direction (level_offsets): confirmed by the blocks
LEVEL_ACROSS = 16.0      # ... this many blocks away; Gaussian sigma of the line levels
LEVEL_SUPPORT = 0.8      # ... used where this share of it holds data
LEVEL_CONFIRM = 2        # ... offsets confirmed along the line over 2 * this + 1 lines
STRIPE_DETECT = 6.0      # striping present: best angle's energy / median over angles
DETECT_SCALE = 8.0       # detection looks at the grid minus its Gaussian of this sigma
LINE_BIN = 10.0          # LINES: segment azimuths grouped in bins of this many degrees
LINE_MIN_SHARE = 0.05    # LINES: a direction group holds at least this share of length
DIRECTION_WINDOW = 1024  # the direction is estimated on the central window of this size
GIVEN_LEVELS_SHARE = 0.5  # a given direction uses "levels" where the lines are striped
TRACK_DETECT = 12.0      # track offsets present: jump estimate RMS at a candidate azimuth
TRACK_REFERENCE = (0.0, 30.0, 60.0, 90.0, 120.0, 150.0)  # ... / its median over these
TRACK_CANDIDATES = 2     # ... candidates: the strongest peaks of the line energy, of
TRACK_SCALE = 2.0        # ... the grid minus its Gaussian of DETECT_SCALE and of this
TRACK_WINDOW = 512       # ... on the central window of this size
#                          and the jump estimate holds less than this share of the level
#                          estimate's RMS on the central window (docs/denoise.md)
MAD = 0.6745
QUANTILE = 0.25          # noise scale from this quantile of |coefficients| ...
Q_GAUSS = 0.3186         # ... divided by its value for a unit Gaussian (Phi^-1(0.625))
NOISE_MODES = ("auto", "metres", "iho")
STRIPE_MODES = ("off", "auto", "given")
# the stripe estimate: auto = "levels" for a detected direction; for a given one "jumps",
# or "levels" where the input shows narrow real stripes (`given_model`);
# jumps: offsets constant along whole lines (swath offsets); levels: narrow stripes
# that vary along the lines (JD211)
STRIPE_MODELS = ("auto", "jumps", "levels")
# IHO S-44 (6th ed.) total vertical uncertainty at 95%: (a metres, b)
IHO_ORDERS = {"exclusive": (0.15, 0.0075), "special": (0.25, 0.0075), "1a": (0.5, 0.013),
              "1b": (0.5, 0.013), "2": (1.0, 0.023)}

# how far (cells) each step reads beyond a cell: lines; DCT windows + scale windows
# (twice: the shrinkage runs again once the spikes are out)
STRIPE_REACH = {
    "jumps": (STRIPE_REACH_BLOCKS + 1) * STRIPE_BLOCK
    + int(math.ceil(STRIPE_TRUNCATE * STRIPE_ACROSS)) + STRIPE_CURVE + 4,
    "levels": (LEVEL_REACH_BLOCKS + 1) * STRIPE_BLOCK + int(math.ceil(4 * LEVEL_ACROSS)) + 4}
SHRINK_REACH = 3 * BLOCK + 5 * SCALE_WINDOW // 2
SPIKE_REACH = SCALE_WINDOW + 2


def margin(method=None):
    """Tile overlap that makes a tiled run equal to one pass; `method`: the stripe
    estimate ("jumps", "levels") or None (no stripe removal)."""
    return SPIKE_REACH + SHRINK_REACH + (STRIPE_REACH[method] if method else 0)


# --------------------------------------------------------------------------------------
# local robust scales
# --------------------------------------------------------------------------------------
def window_quantile(win, q):
    """The q quantile over the last axis of `win`, NaN left out (numpy's linear
    interpolation), NaN where a row has no value; sorts once instead of nanquantile's
    per-row loop."""
    ordered = np.sort(win, axis=-1)
    count = np.isfinite(ordered).sum(axis=-1)
    pos = q * np.maximum(count - 1, 0)
    lo = np.floor(pos).astype(np.int64)
    hi = np.minimum(lo + 1, np.maximum(count - 1, 0))
    v_lo = np.take_along_axis(ordered, lo[..., None], -1)[..., 0]
    v_hi = np.take_along_axis(ordered, hi[..., None], -1)[..., 0]
    out = v_lo + (pos - lo) * (v_hi - v_lo)
    return np.where(count > 0, out, np.nan)


def local_scale(samples, origin):
    """Robust scale (the QUANTILE quantile of |samples| / its value for a unit Gaussian:
    lower than the median, so less sensitive to the heavy tail that relief adds) per
    SCALE_WINDOW window of the global
    lattice, interpolated bilinearly between window centres; NaN samples are left out,
    a window without samples takes its nearest window's scale."""
    lattice = transforms.WindowTiling(samples.shape, origin, SCALE_WINDOW)
    win = lattice.windows(np.abs(samples), mode="constant", constant_values=np.nan)
    win = win.transpose(0, 2, 1, 3).reshape(lattice.ny, lattice.nx, -1)
    scale = window_quantile(win, QUANTILE) / Q_GAUSS
    empty = np.isnan(scale)
    if (~empty).any():
        scale = transforms.nearest_fill(scale)
        # lower envelope over the 3 x 3 neighbouring windows: the noise level varies
        # smoothly (with depth), the roughness of the relief that leaks into the finest
        # coefficients varies from window to window
        from scipy import ndimage
        scale = ndimage.minimum_filter(scale, 3, mode="nearest")
    else:
        scale = np.zeros_like(scale)
    cy, cx = lattice.centres()
    h, w = samples.shape
    wy = _linear_weights((np.arange(h) - cy[0]) / SCALE_WINDOW, lattice.ny)
    wx = _linear_weights((np.arange(w) - cx[0]) / SCALE_WINDOW, lattice.nx)
    return wy @ scale @ wx.T


def _linear_weights(pos, n):
    """(len(pos), n) matrix of linear interpolation at positions `pos` of n nodes
    (clamped at the ends): separable bilinear interpolation as two matrix products."""
    pos = np.clip(pos, 0, n - 1)
    lo = np.minimum(np.floor(pos).astype(np.int64), max(n - 2, 0))
    frac = pos - lo
    out = np.zeros((len(pos), n))
    rows = np.arange(len(pos))
    out[rows, lo] = 1.0 - frac
    if n > 1:
        out[rows, lo + 1] += frac
    else:
        out[rows, lo] = 1.0
    return out


def finest_coefficients(z, origin, valid=None):
    """Per cell, the finest-scale DCT coefficient at its position in its 8 x 8 window of
    the global lattice (NaN at the other positions and in windows touching nodata)."""
    lattice = transforms.WindowTiling(z.shape, origin, BLOCK)
    z = z.astype(np.float32)
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
# spikes
# --------------------------------------------------------------------------------------
def find_spikes(z, valid, origin=(0, 0), k=None, level=0.0):
    """Isolated blunders of z (finite values): cells that stand beyond all 8 of their
    neighbours (by more than SPIKE_GAP times the neighbours' range) and whose residual
    from the 3 x 3 median exceeds `k` (SPIKE_K)
    times the local robust scale of that residual (median |residual| / 0.6745 per
    SCALE_WINDOW window of the global lattice, so rough patches get a larger scale).
    Returns (mask, the 3 x 3 median: the value a spike takes).  (On the coarse
    1'-5' grids of the bench real single-cell peaks are as common as spikes; the high
    SPIKE_K keeps them.)"""
    k = SPIKE_K if k is None else k
    from scipy import ndimage
    z32 = z.astype(np.float32)
    # the 3 x 3 median: at a cell beyond all its neighbours it is the 5th of the 8
    # neighbours, so a spike does not pull its own prediction
    pred = ndimage.median_filter(z32, 3, mode="nearest")
    r = z32 - pred
    padded = np.pad(z32, 1, mode="edge")
    h, w = z32.shape
    high = np.full(z32.shape, -np.inf, np.float32)
    low = np.full(z32.shape, np.inf, np.float32)
    for dy in range(3):
        for dx in range(3):
            if (dy, dx) != (1, 1):
                np.maximum(high, padded[dy:dy + h, dx:dx + w], out=high)
                np.minimum(low, padded[dy:dy + h, dx:dx + w], out=low)
    # beyond all its neighbours, by more than SPIKE_GAP of their own spread: a real
    # peak of rough relief has neighbours that vary as much as it stands out
    gap = np.maximum(z32 - high, low - z32)
    beyond = gap > np.maximum(SPIKE_GAP * (high - low), 0.0)
    del padded, high, low, gap
    lattice = transforms.WindowTiling(z.shape, origin, SCALE_WINDOW)
    # cells equal to their neighbours' median are left out of the scale, so grids
    # quantised to whole units (old DEMs) do not get a zero scale
    win = lattice.windows(np.where(valid & (r != 0), np.abs(r), np.nan), mode="constant",
                          constant_values=np.nan)
    win = win.transpose(0, 2, 1, 3).reshape(lattice.ny, lattice.nx, -1)
    scale = window_quantile(win, SPIKE_QUANTILE) / SPIKE_Q_GAUSS
    scale = transforms.nearest_fill(scale) if np.isfinite(scale).any() else \
        np.zeros_like(scale)
    cell = np.repeat(np.repeat(scale, SCALE_WINDOW, 0), SCALE_WINDOW, 1)
    cell = lattice.crop(cell.reshape(lattice.ny, SCALE_WINDOW, lattice.nx, SCALE_WINDOW))
    # never a residual at the rounding level of float32 data (z is relative to `level`):
    # on a plane or a tiny grid nothing is a spike
    rounding = ROUNDING * (np.abs(z32 + np.float32(level)) + abs(level))
    spikes = valid & beyond & (np.abs(r) > np.maximum(k * cell, rounding))
    return spikes, pred


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


def line_energy(z, angles, absolute=False, scale=DETECT_SCALE):
    """Fraction of the high-pass energy of z (finite, NaN allowed; z minus its Gaussian
    of sigma `scale`, clipped at 4 robust scales) that the means along lines of each
    angle hold: large at the survey lines' direction when striped.  With `absolute`,
    that energy per valid cell instead (a directional spectrum, in z units squared)."""
    from scipy import ndimage
    valid = np.isfinite(z)
    filled = transforms.nearest_fill(z)
    high = filled - ndimage.gaussian_filter(filled, scale, mode="nearest")
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
        out.append(float((count * mean ** 2).sum()) / (len(high) if absolute else total))
    return np.array(out)


def stripe_direction(z):
    """(angle in degrees of the survey lines, ratio of its line energy to the median
    over all angles).  Coarse search every 3 degrees, refined to 0.5 degree."""
    return line_peaks(z, 1)[0]


def line_peaks(z, count, scale=DETECT_SCALE):
    """Up to `count` (angle, ratio) pairs: the strongest local maxima of the line energy
    (`line_energy` at `scale`) over azimuths every 3 degrees, each refined to 0.5
    degree; ratio = its line energy over the median of the coarse search."""
    coarse = np.arange(0.0, 180.0, 3.0)
    energy = line_energy(z, coarse, scale=scale)
    peak = (energy >= np.roll(energy, 1)) & (energy >= np.roll(energy, -1))
    order = np.argsort(-energy[peak], kind="stable")[:count]
    median = max(float(np.median(energy)), 1e-300)
    out = []
    for best in coarse[peak][order]:
        fine = best + np.arange(-2.5, 2.75, 0.5)
        fine_energy = line_energy(z, fine, scale=scale)
        out.append((float(fine[int(np.argmax(fine_energy))] % 180.0),
                    float(fine_energy.max() / median)))
    return out


def track_direction(z, candidates):
    """(angle, ratio) of the candidate azimuth whose jump estimate (`jump_offsets`) is
    largest relative to the median jump estimate over TRACK_REFERENCE azimuths, on the
    central TRACK_WINDOW of z (NaN = nodata).  Survey lines with one offset each (tracks)
    give a jump estimate tens of times larger along the lines than across any other
    direction; relief gives comparable ones everywhere (ratios and the threshold:
    docs/denoise.md)."""
    y0, x0, sh, sw = _central(z.shape, TRACK_WINDOW)
    window = z[y0:y0 + sh, x0:x0 + sw]
    valid = np.isfinite(window)
    filled = transforms.nearest_fill(window)

    def rms(angle):
        return math.sqrt(float(np.mean(jump_offsets(filled, angle, valid=valid)[valid] ** 2)))
    reference = max(float(np.median([rms(a) for a in TRACK_REFERENCE])), 1e-300)
    ratios = [(rms(a) / reference, a) for a in candidates]
    ratio, angle = max(ratios)
    return angle, ratio


def _sorted_median(values, count):
    """Median over the last axis of `values` sorted with NaN last, `count` valid each."""
    lo = np.take_along_axis(values, np.maximum((count - 1) // 2, 0)[..., None], -1)[..., 0]
    hi = np.take_along_axis(values, np.maximum(count // 2, 0)[..., None], -1)[..., 0]
    return 0.5 * (lo + hi)


def _rotated(z, valid, angle, origin):
    """z and its validity sampled on a lattice rotated to lines of `angle` (rows
    across the lines, columns along them, anchored at global cell (0, 0), the columns
    padded to whole STRIPE_BLOCK blocks of a global block lattice), and the lattice's
    first across / along positions."""
    from scipy import ndimage
    along, across = _axes(angle)
    h, w = z.shape
    corners = np.array([[0, 0], [0, w - 1], [h - 1, 0], [h - 1, w - 1]], float) \
        + np.array(origin, float)
    a = corners @ np.array(along)
    c = corners @ np.array(across)
    b = STRIPE_BLOCK
    a_lo = (math.floor(a.min()) // b - 1) * b
    a_hi = (math.ceil(a.max()) // b + 2) * b
    c_lo = math.floor(c.min()) - 1
    nc = math.ceil(c.max()) + 2 - c_lo
    ci = np.arange(c_lo, c_lo + nc, dtype=float)[:, None]
    ai = np.arange(a_lo, a_hi, dtype=float)[None, :]
    rows = ci * across[0] + ai * along[0] - origin[0]
    cols = ci * across[1] + ai * along[1] - origin[1]
    rot = ndimage.map_coordinates(z, [rows, cols], order=1, mode="nearest")
    inside = ndimage.map_coordinates(valid.astype(np.float32), [rows, cols], order=1,
                                     mode="constant", cval=0.0) > 0.999
    return rot, inside, c_lo, a_lo


def _to_cells(line, shape, angle, origin, c_lo, a_lo):
    """Per-block line offsets (lines x blocks of the rotated lattice) back to the cells,
    linear between block centres (offset + tilt along the line) and across lines."""
    from scipy import ndimage
    along, across = _axes(angle)
    h, w = shape
    gy, gx = np.mgrid[:h, :w].astype(np.float64)
    gy += origin[0]
    gx += origin[1]
    pa = (gy * along[0] + gx * along[1] - a_lo) / STRIPE_BLOCK - 0.5
    pc = gy * across[0] + gx * across[1] - c_lo
    return ndimage.map_coordinates(line, [pc, pa], order=1, mode="nearest")


def _pooled(blocks, reach):
    """(lines, nblocks, b) -> (lines, nblocks, (2 reach + 1) b): each block with its
    `reach` neighbouring blocks along the line (NaN beyond the lattice)."""
    n = blocks.shape[1]
    pad = np.pad(blocks, ((0, 0), (reach, reach), (0, 0)), constant_values=np.nan)
    return np.concatenate([pad[:, k:k + n] for k in range(2 * reach + 1)], axis=2)


def _nan_gaussian(values, weight, sigma):
    """Normalised Gaussian across the lines (axis 0) of `values` where `weight`, and
    the share of the Gaussian's weight that holds data."""
    from scipy import ndimage
    num = ndimage.gaussian_filter1d(np.where(weight, values, 0.0), sigma, axis=0,
                                    mode="constant", truncate=STRIPE_TRUNCATE)
    den = ndimage.gaussian_filter1d(weight.astype(np.float64), sigma, axis=0,
                                    mode="constant", truncate=STRIPE_TRUNCATE)
    return num / np.maximum(den, 1e-300), den


def jump_offsets(z, angle, origin=(0, 0), valid=None):
    """The stripes of z (finite values; `valid` marks real data) along lines of `angle`
    degrees, from the jumps between adjacent lines against a local cross-line curvature
    model (used for a GIVEN direction or LINES).

    z is sampled on a lattice rotated to the lines (rows across, columns along) and
    anchored at global cell (0, 0); each line is cut into blocks of STRIPE_BLOCK samples
    (a block lattice anchored globally).  Per block, the jump to the next line is the
    median of the cell-to-cell differences between the two lines over the block and its
    STRIPE_REACH_BLOCKS neighbours along the line (a median: relief that crosses the
    lines changes sign along them and drops out; an offset does not).  The relief's own
    slope across the lines changes slowly from line to line (a curvature model, i.e.
    small second differences): it is the running median of those jumps over
    2 STRIPE_CURVE + 1 lines, and only the jump beyond it is an offset step.  Steps
    over lines without data count zero.  The steps summed across the lines give each
    line's offset up to a smooth profile, removed as the normalised Gaussian of
    STRIPE_ACROSS lines (the offsets have zero local mean across lines); offsets are
    interpolated linearly between block centres and back to the cells.  Measurements
    (against the level-median estimate it replaced): docs/denoise.md."""
    if valid is None:
        valid = np.ones(z.shape, bool)
    rot, inside, c_lo, a_lo = _rotated(z, valid, angle, origin)
    b = STRIPE_BLOCK
    nc, na = rot.shape
    data = np.where(inside, rot, np.nan)
    del rot, inside
    jumps = (data[1:] - data[:-1]).reshape(nc - 1, na // b, b)
    present = (np.isfinite(data).reshape(nc, na // b, b).sum(axis=2) >= b // 4)
    del data
    pooled = np.sort(_pooled(jumps, STRIPE_REACH_BLOCKS), axis=2)
    del jumps
    count = np.isfinite(pooled).sum(axis=2)
    step = np.where(count >= b // 4, _sorted_median(pooled, count), np.nan)
    # the median's standard error from the spread of the jumps (Gaussian efficiency
    # 1.2533; the jumps along a line are correlated, so this is a lower bound)
    spread = np.sort(np.abs(pooled - step[..., None]), axis=2)
    se2 = (1.2533 * _sorted_median(spread, count) / MAD) ** 2 / np.maximum(count, 1)
    del pooled, spread
    # the relief's slope across the lines: running median of the jumps over lines
    k = 2 * STRIPE_CURVE + 1
    padded = np.pad(step, ((STRIPE_CURVE, STRIPE_CURVE), (0, 0)), constant_values=np.nan)
    win = np.stack([padded[j:j + step.shape[0]] for j in range(k)], axis=2)
    slope = window_quantile(win, 0.5)
    step = np.nan_to_num(step - slope)
    # a step is an offset change only where it stands out from its own uncertainty
    # (a Wiener gain with STRIPE_SIGNIF^2 times the median's variance): errors of the
    # steps add up across the lines, so small uncertain steps are better left out
    t2 = STRIPE_SIGNIF ** 2 * np.nan_to_num(se2)
    step = step * step ** 2 / (step ** 2 + t2 + 1e-300)
    level = np.concatenate([np.zeros((1, step.shape[1])), np.cumsum(step, axis=0)])
    smooth, support = _nan_gaussian(level, present, STRIPE_ACROSS)
    # only where most of the Gaussian holds data (one-sided at the coverage edge)
    ok = present & (support > STRIPE_SUPPORT)
    line = np.where(ok, level - smooth, 0.0)
    return _to_cells(line, z.shape, angle, origin, c_lo, a_lo)


def _consistency(med, present):
    """Per block, the share of its line offset that the neighbouring blocks along the
    same line confirm: sum(m_a m_b) / sum((m_a^2 + m_b^2) / 2) over the pairs of
    adjacent blocks (a, b) that include it and hold data, summed over 2 LEVEL_CONFIRM
    + 1 neighbouring lines, clipped to [0, 1].  A stripe keeps its offset along the line
    (gain near 1); relief that leaks into one block's offset does not continue
    STRIPE_BLOCK cells further (gain near 0)."""
    from scipy import ndimage
    m = np.where(present, med, 0.0)
    agree = np.zeros(m.shape)
    total = np.zeros(m.shape)
    for d in range(1, min(LEVEL_REACH_BLOCKS, m.shape[1] - 1) + 1):
        both = present[:, :-d] & present[:, d:]
        prod = np.where(both, m[:, :-d] * m[:, d:], 0.0)
        power = np.where(both, 0.5 * (m[:, :-d] ** 2 + m[:, d:] ** 2), 0.0)
        agree[:, :-d] += prod
        agree[:, d:] += prod
        total[:, :-d] += power
        total[:, d:] += power
    size = 2 * LEVEL_CONFIRM + 1
    agree = ndimage.uniform_filter1d(agree, size, axis=0, mode="constant")
    total = ndimage.uniform_filter1d(total, size, axis=0, mode="constant")
    return np.clip(agree / np.maximum(total, 1e-300), 0.0, 1.0)


def level_offsets(z, angle, origin=(0, 0), valid=None):
    """The stripes of z (finite values; `valid` marks real data) along lines of `angle`
    degrees: per line, its robust offset from a smooth cross-line model of the line
    levels (used for a DETECTED direction: real stripes that vary along the lines and
    are a few lines wide, JD211; docs/denoise.md).

    z is sampled on a lattice rotated to the lines (rows across, columns along) and
    anchored at global cell (0, 0).  Each line is cut into blocks of STRIPE_BLOCK
    samples (a block lattice anchored globally); a block's level is the median of its
    valid samples.  The cross-line model is a Gaussian (LEVEL_ACROSS lines) of the
    levels across the lines, normalised over blocks with data and used only where at
    least LEVEL_SUPPORT of its weight has data.  A block's offset = level - model,
    shrunk by its reliability m^2 / (m^2 + se^2) (se: the median's standard error from
    the block's MAD) and by the confirmation of the neighbouring blocks of the same line
    (`_consistency`); offsets are interpolated linearly between block centres (offset +
    tilt along the line) and back to the cells."""
    from scipy import ndimage
    if valid is None:
        valid = np.ones(z.shape, bool)
    rot, inside, c_lo, a_lo = _rotated(z, valid, angle, origin)
    b = STRIPE_BLOCK
    nc, na = rot.shape
    # per line, the robust level of each block along it (the line's offset there plus
    # the relief), then the smooth cross-line model of those levels
    blocks = np.where(inside, rot, np.nan).reshape(nc, na // b, b)
    del rot, inside
    count = np.isfinite(blocks).sum(axis=2)
    level = _sorted_median(np.sort(blocks, axis=2), count)
    spread = np.sort(np.abs(blocks - level[..., None]), axis=2)
    se2 = (1.2533 * _sorted_median(spread, count) / MAD) ** 2 / np.maximum(count, 1)
    del blocks, spread
    present = count >= b // 4
    weight = present.astype(np.float64)
    num = ndimage.gaussian_filter1d(np.where(present, level, 0.0), LEVEL_ACROSS, axis=0,
                                    mode="constant")
    den = ndimage.gaussian_filter1d(weight, LEVEL_ACROSS, axis=0, mode="constant")
    # the cross-line model only where most of its window holds data: at the edge of the
    # coverage a one-sided model would turn the relief's slope into a false offset
    present &= den > LEVEL_SUPPORT
    med = np.where(present, level - num / np.maximum(den, 1e-300), 0.0)
    med = np.where(present, np.nan_to_num(med * med ** 2 / (med ** 2 + se2 + 1e-300)), 0.0)
    line = med * _consistency(med, present)
    return _to_cells(line, z.shape, angle, origin, c_lo, a_lo)


def stripe_component(z, angle, origin=(0, 0), valid=None, method="jumps"):
    """The stripes of z along lines of `angle` degrees: `jump_offsets` ("jumps", the
    direction given) or `level_offsets` ("levels", the direction detected)."""
    fn = {"jumps": jump_offsets, "levels": level_offsets}[method]
    return fn(z, angle, origin, valid)


# --------------------------------------------------------------------------------------
# survey lines given as a vector layer
# --------------------------------------------------------------------------------------
class TrackLines:
    """Survey lines (polylines in pixel coordinates (row, column) of the raster) that give
    the stripe direction: one azimuth per group of parallel segments (segments binned by
    LINE_BIN degrees, length-weighted axial mean per bin; bins with less than
    LINE_MIN_SHARE of the length join the nearest kept bin), and for every cell the
    group of its nearest segment, so lines that turn get their own direction."""

    def __init__(self, polylines):
        angles, lengths, mids = [], [], []
        for line in polylines:
            p = np.asarray(line, dtype=float)
            if p.ndim != 2 or p.shape[0] < 2 or p.shape[1] != 2:
                continue
            d = np.diff(p, axis=0)
            seg = np.hypot(d[:, 0], d[:, 1])
            ok = seg > 0
            az = np.degrees(np.arctan2(d[ok, 1], -d[ok, 0])) % 180.0
            for (r0, c0), (dr, dc), length, angle in zip(p[:-1][ok], d[ok], seg[ok], az):
                n = max(int(math.ceil(length)), 1)
                t = (np.arange(n) + 0.5) / n
                mids.append(np.column_stack([r0 + t * dr, c0 + t * dc]))
                angles.append(np.full(n, angle))
                lengths.append(length)
        if not mids:
            raise InputError("LINES holds no line with two distinct vertices; give the "
                             "survey track lines (a line layer) or a STRIPE_ANGLE.")
        self.points = np.concatenate(mids)
        az = np.concatenate(angles)
        bins = np.floor(az / LINE_BIN).astype(int) % int(round(180 / LINE_BIN))
        groups = []
        total = len(az)
        for k in np.unique(bins):
            sel = bins == k
            if sel.sum() >= LINE_MIN_SHARE * total:
                groups.append(_axial_mean(az[sel]))
        if not groups:
            groups = [_axial_mean(az)]
        self.angles = np.array(groups)
        sample_group = np.argmin(np.abs(((az[:, None] - self.angles[None, :]) + 90.0)
                                        % 180.0 - 90.0), axis=1)
        self.sample_group = sample_group

    def groups(self, shape, origin):
        """Per cell of an array at global `origin`, the index of its direction group."""
        if len(self.angles) == 1:
            return np.zeros(shape, np.int64)
        from scipy.spatial import cKDTree
        tree = cKDTree(self.points)
        gy, gx = np.mgrid[:shape[0], :shape[1]]
        cells = np.column_stack([(gy + origin[0]).ravel(), (gx + origin[1]).ravel()])
        _, nearest = tree.query(cells)
        return self.sample_group[nearest].reshape(shape)


def _axial_mean(angles):
    """Mean of directions modulo 180 degrees (doubled-angle circular mean)."""
    t = np.radians(2.0 * np.asarray(angles))
    return float(np.degrees(np.arctan2(np.sin(t).sum(), np.cos(t).sum())) / 2.0) % 180.0


def lines_to_pixels(lines, geotransform):
    """Polylines in map coordinates [(x, y), ...] to pixel (row, column) coordinates."""
    x0, dx, rx, y0, ry, dy = geotransform
    det = dx * dy - rx * ry
    if det == 0:
        raise InputError("The grid's geotransform is degenerate; LINES cannot be placed.")
    out = []
    for line in lines:
        p = np.asarray(line, dtype=float).reshape(-1, 2)
        u, v = p[:, 0] - x0, p[:, 1] - y0
        col = (dy * u - rx * v) / det
        row = (-ry * u + dx * v) / det
        out.append(np.column_stack([row - 0.5, col - 0.5]))
    return out


def remove_stripes(z, valid, origin, angle=None, lines=None, method="jumps"):
    """z minus its stripes, and the stripes (zeros when no direction is given)."""
    if lines is not None:
        groups = lines.groups(z.shape, origin)
        stripes = np.zeros(z.shape)
        for k, a in enumerate(lines.angles):
            here = groups == k
            if here.any():
                stripes[here] = stripe_component(z, a, origin, valid, method)[here]
    elif angle is not None:
        stripes = stripe_component(z, angle, origin, valid, method)
    else:
        return z, np.zeros(z.shape)
    return z - stripes, stripes


# --------------------------------------------------------------------------------------
# one array (a padded tile, or a whole grid padded like one)
# --------------------------------------------------------------------------------------
def window_centres(values, lattice):
    """`values` (per cell) at the centre cell of each window of `lattice`, clamped to
    the array, shaped (ny, nx, 1, 1) to broadcast against window coefficients."""
    (py0, _), (px0, _) = lattice.pad
    h, w = values.shape
    half = lattice.block // 2
    rows = np.clip(np.arange(lattice.ny) * lattice.block - py0 + half, 0, h - 1)
    cols = np.clip(np.arange(lattice.nx) * lattice.block - px0 + half, 0, w - 1)
    return values[np.ix_(rows, cols)][:, :, None, None]


def shrink_noise(z, sigma, origin=(0, 0), strength=1.0):
    """Cycle-spun DCT shrinkage of z with the local noise level `sigma` (per cell; each
    window uses its mean): on every shifted lattice, hard thresholding at strength *
    the universal threshold gives the pilot of an empirical Wiener gain
    p^2 / (p^2 + (strength sigma)^2) applied to the noisy coefficient (Ghael, Sayeed &
    Baraniuk 1997, Proc. SPIE 3169:389; the second step of BM3D, Dabov et al. 2007,
    IEEE TIP 16(8):2080).  The pilot is that lattice's own thresholded coefficients
    (not a cycle-spun pilot transformed again): on the bench this is as accurate and
    costs 2 transforms per lattice instead of 5."""
    base = transforms.universal_threshold(strength, BLOCK * BLOCK)
    # float32 transforms (BLAS); the caller gives z relative to a level of the whole
    # raster (`denoise_block`), so the precision is that of the relief, not the depth
    z = z.astype(np.float32)
    sigma = sigma.astype(np.float32)

    def gain(coef, lattice):
        # the noise level at each window's centre (sigma varies smoothly: it is
        # interpolated between 32 x 32 windows)
        s2 = (strength * window_centres(sigma, lattice)) ** 2
        c2 = coef * coef
        p2 = np.where(c2 > s2 * np.float32(base * base / (strength * strength)), c2,
                      np.float32(0.0))
        out = coef * (p2 / (p2 + s2 + np.float32(1e-30)))
        out[..., 0, 0] = coef[..., 0, 0]
        return out

    return transforms.cycle_spin(z, gain, origin, BLOCK, STEP)


def denoise_block(block, origin, *, noise="auto", noise_value=None, iho_order=None,
                  angle=None, lines=None, strength=1.0, level=0.0, stats=None,
                  method="jumps"):
    """Denoise an array with NaN nodata whose first cell is global cell `origin`.
    `angle`: stripe direction in degrees, `lines`: a TrackLines (either or neither:
    no stripe removal); `method`: the stripe estimate (`stripe_component`).  `level`:
    one value for the whole raster (every tile gets the
    same), subtracted before the float32 transforms and added back.  `stats` (a dict)
    receives the spike mask and the stripes."""
    valid = np.isfinite(block)
    z = transforms.nearest_fill(block.astype(np.float64)) - level
    # spikes first (they would bias the line offsets and the noise scale): they take
    # their neighbours' median
    spikes, pred = find_spikes(z, valid, origin, level=level)
    z = np.where(spikes, pred, z)
    z, stripes = remove_stripes(z, valid, origin, angle, lines, method)
    # (an IHO order needs the depth itself, not z relative to the level)
    sigma = noise_level(z + level if noise == "iho" else z, origin, noise, noise_value,
                        iho_order, valid)
    out = shrink_noise(z, sigma, origin, strength) + level
    out[~valid] = np.nan
    if stats is not None:
        stats["spikes"] = spikes
        stats["stripes"] = np.where(valid, stripes, np.nan)
    return out.astype(np.float32)


def _check(noise, noise_value, iho_order, stripes, direction, strength, lines=None,
           model="auto"):
    check_choice("NOISE", noise, NOISE_MODES)
    check_choice("STRIPES", stripes, STRIPE_MODES)
    check_choice("STRIPE_MODEL", model, STRIPE_MODELS)
    if noise == "metres" and (noise_value is None or not noise_value > 0):
        raise InputError(f"NOISE in metres needs a positive value (got {noise_value}).")
    if noise == "iho":
        check_choice("IHO order", iho_order, tuple(IHO_ORDERS))
    if stripes == "given" and lines is None and \
            (direction is None or not math.isfinite(direction)):
        raise InputError("STRIPES 'given' needs the survey lines' azimuth (STRIPE_ANGLE, "
                         "degrees clockwise from grid north: E-W lines are 90) or a "
                         "LINES layer of the track lines.")
    if not (strength > 0 and math.isfinite(strength)):
        raise InputError(f"STRENGTH must be a positive number (got {strength}).")


def resolve_stripes(sample, stripes, direction, lines=None):
    """(angle or None, measured angle, detection ratio) for the raster whose central
    window is `sample`; with `lines` (a TrackLines) and stripes not off, the angle is
    the lines' first direction group.  STRIPES auto: survey tracks (`track_direction`
    at the line energy's strongest peaks, TRACK_DETECT) count as a direction found
    whose stripe model is chosen as for a given one (measured angle None); else the
    strongest peak when its line energy is STRIPE_DETECT times the median (a measured
    direction, the level estimate)."""
    if stripes == "off":
        return None, None, None
    if lines is not None:
        return float(lines.angles[0]), None, None
    if stripes == "given":
        return float(direction) % 180.0, None, None
    if np.isfinite(sample).sum() < 64:
        return None, None, None
    peaks = line_peaks(sample, TRACK_CANDIDATES)
    angle, ratio = peaks[0]
    candidates = [a for a, _ in peaks + line_peaks(sample, TRACK_CANDIDATES, TRACK_SCALE)]
    track_angle, track_ratio = track_direction(sample, sorted(set(candidates)))
    if track_ratio >= TRACK_DETECT:
        return track_angle, None, ratio
    return (angle if ratio >= STRIPE_DETECT else None), angle, ratio


def given_model(sample, angle):
    """The stripe estimate for a GIVEN direction `angle`, chosen once per raster from its
    central window `sample` (NaN = nodata): "levels" where the lines are striped (the
    line energy at `angle` is at least STRIPE_DETECT times the median over angles) and
    the jump estimate holds less than GIVEN_LEVELS_SHARE of the level estimate's RMS
    (narrow stripes that vary along the lines, which the jumps' curvature model takes for
    relief: JD211 0.21-0.35), else "jumps" (offsets constant along whole lines: 0.85 and
    more on the synthetic survey lines, which the detector also sees).  Measurements:
    docs/denoise.md."""
    valid = np.isfinite(sample)
    if valid.sum() < 64:
        return "jumps"
    energy = line_energy(sample, np.concatenate([[angle], np.arange(0.0, 180.0, 3.0)]))
    if energy[0] < STRIPE_DETECT * max(float(np.median(energy[1:])), 1e-300):
        return "jumps"
    filled = transforms.nearest_fill(sample)
    jumps = jump_offsets(filled, angle, valid=valid)[valid]
    levels = level_offsets(filled, angle, valid=valid)[valid]
    share = math.sqrt(float(np.mean(jumps ** 2)) / max(float(np.mean(levels ** 2)), 1e-300))
    return "levels" if share < GIVEN_LEVELS_SHARE else "jumps"


def stripe_method(angle, measured, model="auto", sample=None, lines=None):
    """The stripe estimate for a resolved direction: None (no stripes); `model` unless
    "auto"; else "levels" for a detected direction; for a given one (angle or LINES of
    one direction) `given_model` on the central window `sample`; LINES that turn:
    "jumps"."""
    if angle is None:
        return None
    if model != "auto":
        return model
    if measured is not None:
        return "levels"
    if sample is None or (lines is not None and len(lines.angles) > 1):
        return "jumps"
    return given_model(sample, angle)


def _central(shape, size=DIRECTION_WINDOW):
    """(row, column, height, width) of the central window of at most size x size."""
    h, w = shape
    sh, sw = min(h, size), min(w, size)
    return (h - sh) // 2, (w - sw) // 2, sh, sw


def _level(sample):
    """One level for the whole raster (the median of its central window)."""
    ok = np.isfinite(sample)
    return float(np.median(sample[ok])) if ok.any() else 0.0


def _track_lines(lines, stripes):
    if lines is None or stripes == "off":
        return None
    return lines if isinstance(lines, TrackLines) else TrackLines(lines)


def denoise_array(array, *, nodata=None, noise="auto", noise_value=None, iho_order=None,
                  stripes="auto", direction=None, lines=None, strength=1.0,
                  stripe_model="auto"):
    """Denoise a whole 2-D grid in memory (the same result as the tiled raster run).
    `lines`: survey track lines as polylines in (row, column) cell coordinates;
    `stripe_model`: one of STRIPE_MODELS (`stripe_method`).

    Returns (denoised float32 with NaN where the input is nodata, info dict with the
    stripe component "stripes" and the spike mask "spike_mask")."""
    from .gapfill import as_float_grid
    _check(noise, noise_value, iho_order, stripes, direction, strength, lines, stripe_model)
    grid = as_float_grid(array, nodata)
    if np.isnan(grid).all():
        raise InputError("The grid holds only nodata; there is nothing to denoise.")
    tracks = _track_lines(lines, stripes)
    y0, x0, sh, sw = _central(grid.shape)
    sample = grid[y0:y0 + sh, x0:x0 + sw]
    angle, measured, ratio = resolve_stripes(sample, stripes, direction, tracks)
    method = stripe_method(angle, measured, stripe_model, sample, tracks)
    m = margin(method)
    padded = reflect_pad(grid, m, m, m, m)
    stats = {}
    out = denoise_block(padded, (-m, -m), noise=noise, noise_value=noise_value,
                        iho_order=iho_order, angle=angle, lines=tracks, strength=strength,
                        level=_level(sample), stats=stats,
                        method=method)
    core = (slice(m, m + grid.shape[0]), slice(m, m + grid.shape[1]))
    spikes = stats["spikes"][core]
    return out[core], {"angle": angle, "measured_angle": measured, "stripe_ratio": ratio,
                       "stripe_method": method,
                       "spikes": int(spikes.sum()), "spike_mask": spikes,
                       "stripes": stats["stripes"][core],
                       "line_angles": None if tracks is None else list(tracks.angles)}


def denoise_raster(src, dst, band=1, *, noise="auto", noise_value=None, iho_order=None,
                   stripes="auto", direction=None, lines=None, strength=1.0, removed=None,
                   removed_stripes=None, tile=DEFAULT_TILE, progress=None, cancelled=None,
                   stripe_model="auto"):
    """Denoise band `band` of `src` into `dst`, tile by tile.  `lines`: survey track
    lines as polylines of map (x, y) coordinates in the raster's CRS.  Optional outputs:
    `removed` = the noise and spikes taken out (input minus stripes minus output),
    `removed_stripes` = the stripes taken out; together they are input minus output.
    Returns a dict for the user."""
    _check(noise, noise_value, iho_order, stripes, direction, strength, lines, stripe_model)
    if tile < 16:
        raise InputError(f"The tile size must be at least 16 cells (got {tile}).")
    start = time.perf_counter()
    with RasterReader(src, band) as reader:
        tracks = None if lines is None or stripes == "off" else \
            TrackLines(lines_to_pixels(lines, reader.geotransform))
        y0, x0, sh, sw = _central(reader.shape)
        sample = reader.read(x0, y0, sw, sh)
        if stripes == "auto" and not np.isfinite(sample).any() and \
                reader.width * reader.height <= DIRECTION_WINDOW ** 2:
            raise InputError(f"Band {band} of {src} holds only nodata; there is nothing "
                             "to denoise.")
        angle, measured, ratio = resolve_stripes(sample, stripes, direction, tracks)
        method = stripe_method(angle, measured, stripe_model, sample, tracks)
        m = margin(method)
        level = _level(sample)
        args = (reader.width, reader.height, reader.geotransform, reader.crs_wkt)
        outputs = [(dst, output_nodata(reader.nodata), reader.description),
                   (removed, float("nan"), "removed noise and spikes"),
                   (removed_stripes, float("nan"), "removed stripes")]
        with contextlib.ExitStack() as stack:
            writers = writer_group(stack, *args, outputs)

            def work(padded, t):
                tile_stats = {}
                # One BLAS thread: the DCT's matrix products then round the same way in
                # QGIS, in the command and on a Dask worker (tiled == one pass == Dask,
                # bit for bit), and small products run faster without threads.
                out = single_threaded(
                    denoise_block, padded, (t.y0 - m, t.x0 - m), noise=noise,
                    noise_value=noise_value, iho_order=iho_order, angle=angle,
                    lines=tracks, strength=strength, level=level, stats=tile_stats,
                    method=method)
                stripe = tile_stats["stripes"]
                noise_part = padded - stripe - out
                core = (slice(m, m + t.height), slice(m, m + t.width))
                diff = (padded - out)[core]
                ok = np.isfinite(diff)
                return Counted([out, noise_part, stripe], {
                    "cells": int(ok.sum()),
                    "removed_sq": float((diff[ok].astype(np.float64) ** 2).sum()),
                    "stripes_sq": float((stripe[core][ok] ** 2).sum()),
                    "spikes": int(tile_stats["spikes"][core].sum())})

            run = run_tiled(reader, work, writers, margin=m, tile=tile, progress=progress,
                            cancelled=cancelled, pass_tile=True)
            stats = {"spikes": 0, "removed_sq": 0.0, "stripes_sq": 0.0, "cells": 0}
            stats.update(run.counts)
            if stats["cells"] == 0:
                raise InputError(f"Band {band} of {src} holds only nodata; there is "
                                 "nothing to denoise.")
    cells = max(stats["cells"], 1)
    return {"size": (reader.width, reader.height), "angle": angle,
            "measured_angle": measured, "stripe_ratio": ratio, "margin": m,
            "stripe_method": method,
            "line_angles": None if tracks is None else [float(a) for a in tracks.angles],
            "tiles": run.tiles, "valid_cells": stats["cells"], "spikes": stats["spikes"],
            "removed_rms": math.sqrt(stats["removed_sq"] / cells),
            "stripes_rms": math.sqrt(stats["stripes_sq"] / cells),
            "seconds": time.perf_counter() - start}
