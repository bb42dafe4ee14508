"""Sparse cleaning and gridding of bathymetric soundings.

Model.  Each sounding is  z_i = s(x_i, y_i) + e_i + n_i : a smooth local seabed surface s,
a *sparse* blunder term e (most e_i are exactly zero; the rest are spikes, multipath,
fish, bubbles, outer-beam noise of any size) and small measurement noise n.  Recovering s
and the support of e is a sparse regression problem, min ||z - s - e||^2 + P(e).  With
the convex penalty P = lambda ||e||_1 it is exactly Huber's M-estimation of s; with a
non-convex penalty closer to L0 (hard thresholding) it is M-estimation with a
redescending rho such as Tukey's biweight (She & Owen 2011, "Outlier detection using
nonconvex penalized regression", JASA 106:626).  We take the biweight: e_i = 0 for
residuals inside the noise band, and blunders of any size carry no weight at all, which
the L1 form does not give (its blunders still pull the surface by a constant).  It is solved by iteratively reweighted least squares (IRLS, Holland & Welsch
1977), started from a median so that the 25 % of blunders a raw multibeam swath can carry
never steer the first fit.

Local surfaces on overlapping neighbourhoods.  Following Debese & Bisquay (1999, "Automatic
detection of punctual errors in multibeam data using a robust estimator", Int. Hydrogr.
Rev. 76(1):49-63; they fit a quadratic with Tukey's estimator, we fit a plane on smaller
neighbourhoods, which keeps every system 3 x 3) the surface is fitted robustly in
each neighbourhood, and a sounding is judged by its residual to the surface of *its*
neighbourhood.  Soundings are binned into square cells; the neighbourhood of a cell is the
3 x 3 block of cells around it, so neighbourhoods overlap and every sounding takes part in
nine fits.  This is the spatial-hypothesis idea of CUBE (Calder & Mayer 2003, "Automatic
processing of high-rate, high-density multibeam echosounder data", G-cubed 4(6):1048),
minus CUBE's multiple-hypothesis tracking, and the area-based test of MB-System's
mbareaclean/mbclean (median filter in bins, reject by deviation), with a fitted slope
instead of a flat median so steep seabed is not mistaken for blunders.  The fits run
twice: on cells COARSE times wider first, so that a burst of blunders (a fish school, a
bubble sweep) that fills a whole small neighbourhood is still a minority, then at full
resolution starting from the coarse residuals, with the noise scale capped by the coarse
one.

Vectorised.  Weighted moment sums of every cell are accumulated with np.bincount over all
soundings at once; a neighbourhood's normal equations are the nine cells' moments shifted
to the centre cell's frame (exact polynomial identities), and all the 3 x 3 systems are
solved together with np.linalg.solve on a stacked array.  Per-cell medians come from one
sort.  No Python loop runs per sounding or per cell.

Threshold.  A sounding is a blunder when |residual| exceeds the larger of (a) the IHO S-44
(Edition 6.0.0, 2020, Table 1) total vertical uncertainty of the chosen order,
TVU(d) = sqrt(a^2 + (b d)^2), or a fixed number of metres, and (b) `NOISE_K` times the
robust noise scale of the neighbourhood (1.4826 x the upper quartile over its nine
cells of the median absolute residual of the fit's inliers).  The
first is what the survey standard allows; the second keeps a survey whose seabed is rougher
than its order allows from being erased wholesale.  The score is |residual| / threshold
(> 1 is rejected).

Survey lines (single-beam).  A single-beam survey samples the seabed densely along
widely spaced lines (ship_15: ~1.4 km between pings, lines several km apart), so spatial
neighbourhoods holding enough soundings are too wide for a plane.  When the soundings come
in survey order (`along_track`), consecutive rows form lines (broken at gaps) and the same
two-scale biweight fits also run on each line alone, along its distance; a sounding is
rejected when either its spatial or its along-line residual exceeds its band.  This is the
along-track editing of single-beam and trackline data (e.g. Chandler & Wessel 2008,
"Improving the quality of marine geophysical track line data: along-track analysis",
JGR 113:B02102), done with the same robust local fits.

Distances are metres: geographic coordinates are projected to the UTM zone of the data's
centroid (Krueger's series, identical to PROJ's to well below a millimetre), so a layer in
EPSG:4326 and the same soundings in that UTM zone give the same decisions.

Taught cleaning.  `train_cleaner` fits a scikit-learn gradient-boosted tree classifier
(Friedman 2001) to a surveyor's accept/reject edits on the geometric features below: the
robust local surface's residual, noise and slope, where the sounding lies between the
lowest and highest soundings around it at two wider scales (`envelope_features`), and,
for multibeam with ping and beam numbers, its ping's across-track profile, the same beam
in the neighbouring pings, its place in the swath and the roughness of the block of
beams around it (swath.py); plus any named attributes.  A model lists the features it
was taught on and refuses an input that lacks them.  `save_model` writes its trees as plain numeric arrays
in an .npz file read with allow_pickle=False, and `TreeModel` evaluates them in numpy, so
loading a model file can never execute code.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

import numpy as np
from osgeo import osr

from ..errors import Cancelled, InputError, check_choice, require
from ..files import write_atomically

# IHO S-44 Edition 6.0.0 (2020), Table 1: TVU = sqrt(a^2 + (b*d)^2), a in m, b unitless.
S44_ORDERS = {
    "Exclusive": (0.15, 0.0075),
    "Special": (0.25, 0.0075),
    "1a": (0.5, 0.013),
    "1b": (0.5, 0.013),
    "2": (1.0, 0.023),
}
NOISE_K = 3.0          # residuals beyond 3 robust sigmas of the neighbourhood are blunders
BIWEIGHT_C = 4.685     # Tukey biweight tuning (95 % efficiency at the Gaussian)
MIN_SUPPORT = 4        # fewer soundings in a neighbourhood cannot define a plane + noise
SOUNDINGS_PER_CELL = 6  # cell size aims at ~6 soundings per cell, ~54 per neighbourhood
IRLS_ITERATIONS = 4
COARSE = 4             # the coarse pass's cells are this many fine cells wide
NOISE_PERCENTILE = 75   # of the nine cell MADs: robust to two cells taken over by a burst
RIDGE = 1e-3           # keeps the slope defined along a single track line
TRACK_GAP = 5.0        # a step over 5 x the median step between rows starts a new line
TRACK_PER_CELL = 2.0   # along-line cells hold ~2 soundings: ~6 per 3-cell neighbourhood
TRACK_NOISE_K = 4.0    # the along-line test's band: stricter, as a second test also errs
STATISTICS = ("median", "mean", "shoalest")
MODEL_FORMAT = "geoinverse-sounding-cleaner-1"

OFFSETS = [(di, dj) for di in (-1, 0, 1) for dj in (-1, 0, 1)]
LINE_OFFSETS = [(-1, 0), (0, 0), (1, 0)]  # along one line: the other six are always empty


def tvu(depth, order):
    """IHO S-44 total vertical uncertainty (95 %) at `depth` metres for `order`."""
    check_choice("Order", order, list(S44_ORDERS))
    a, b = S44_ORDERS[order]
    d = np.abs(np.asarray(depth, dtype=float))
    return np.sqrt(a * a + (b * d) ** 2)


# -- coordinates ----------------------------------------------------------------------
def _spatial_reference(crs):
    srs = osr.SpatialReference()
    if not crs or srs.SetFromUserInput(str(crs)) != 0:
        raise InputError("The soundings have no usable coordinate reference system; "
                         "assign one to the layer (Layer Properties > Source) so that "
                         "distances can be measured in metres.")
    return srs


def utm_zone(lon, lat):
    """UTM zone number and hemisphere (True = north) of the soundings' centroid."""
    lon0 = _circular_mean_deg(lon)
    zone = int(math.floor((lon0 + 180.0) / 6.0)) % 60 + 1
    return zone, float(np.mean(lat)) >= 0.0


def _circular_mean_deg(lon):
    rad = np.radians(np.asarray(lon, dtype=float))
    return math.degrees(math.atan2(np.mean(np.sin(rad)), np.mean(np.cos(rad))))


def transverse_mercator(lon, lat, lon0, semi_major, inv_flattening, k0=0.9996,
                        false_easting=500000.0, false_northing=0.0):
    """Krueger's series (to n^3) for the ellipsoidal transverse Mercator projection."""
    f = 1.0 / inv_flattening
    n = f / (2.0 - f)
    big_a = semi_major / (1.0 + n) * (1.0 + n ** 2 / 4.0 + n ** 4 / 64.0)
    alpha = (n / 2.0 - 2.0 * n ** 2 / 3.0 + 5.0 * n ** 3 / 16.0,
             13.0 * n ** 2 / 48.0 - 3.0 * n ** 3 / 5.0,
             61.0 * n ** 3 / 240.0)
    phi = np.radians(lat)
    dlam = np.radians((np.asarray(lon, dtype=float) - lon0 + 180.0) % 360.0 - 180.0)
    c = 2.0 * math.sqrt(n) / (1.0 + n)
    sin_phi = np.sin(phi)
    t = np.sinh(np.arctanh(sin_phi) - c * np.arctanh(c * sin_phi))
    xi = np.arctan2(t, np.cos(dlam))
    eta = np.arctanh(np.sin(dlam) / np.sqrt(1.0 + t * t))
    east, north = eta.copy(), xi.copy()
    for j, a_j in enumerate(alpha, start=1):
        east += a_j * np.cos(2 * j * xi) * np.sinh(2 * j * eta)
        north += a_j * np.sin(2 * j * xi) * np.cosh(2 * j * eta)
    return false_easting + k0 * big_a * east, false_northing + k0 * big_a * north


def metric_coordinates(x, y, crs):
    """(x, y) in metres: projected CRSs scaled by their unit, geographic ones to UTM."""
    srs = _spatial_reference(crs)
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if srs.IsGeographic():
        finite = np.isfinite(x) & np.isfinite(y)
        if (np.abs(y[finite]) > 90.0).any():
            raise InputError("Latitudes beyond +/-90 degrees: the layer's CRS says "
                             "geographic but the coordinates are not; fix the layer's CRS.")
        zone, north = utm_zone(x[finite], y[finite]) if finite.any() else (31, True)
        return transverse_mercator(x, y, zone * 6.0 - 183.0, srs.GetSemiMajor(),
                                   srs.GetInvFlattening(),
                                   false_northing=0.0 if north else 1e7)
    unit = srs.GetLinearUnits() or 1.0
    return x * unit, y * unit


def typical_spacing(xm, ym, k=8, sample=20000, seed=0):
    """Median distance (m) from a sounding to its k-th nearest neighbour."""
    from scipy.spatial import cKDTree
    pts = np.column_stack([xm, ym])
    pts = np.unique(pts, axis=0) if len(pts) < 4 * sample else pts
    if len(pts) < 2:
        return 1.0
    k = min(k, len(pts) - 1)
    tree = cKDTree(pts, balanced_tree=False, compact_nodes=False)
    rng = np.random.default_rng(seed)
    query = pts if len(pts) <= sample else pts[rng.choice(len(pts), sample, replace=False)]
    dist, _ = tree.query(query, k=k + 1)
    d = dist[:, k]
    d = d[d > 0]
    return float(np.median(d)) if d.size else 1.0


# -- the robust local-surface solver -----------------------------------------------------
class _Cells:
    """Soundings binned into square cells, and each cell's 3 x 3 neighbour cells.

    `offsets` may name fewer neighbours (LINE_OFFSETS for soundings on one line each):
    cells that can never hold a sounding are then not visited at all.
    """

    def __init__(self, xm, ym, size, offsets=OFFSETS):
        self.size = size
        self.offsets = offsets
        fx = (xm - xm.min()) / size
        fy = (ym - ym.min()) / size
        ix = np.floor(fx).astype(np.int64)
        iy = np.floor(fy).astype(np.int64)
        self.u = fx - ix - 0.5
        self.v = fy - iy - 0.5
        stride = int(iy.max()) + 3
        keys = (ix + 1) * stride + (iy + 1)
        self.keys, self.index = np.unique(keys, return_inverse=True)
        self.count = len(self.keys)
        # neighbour[c, o] is the cell at offset o of cell c, or `count` (an empty row).
        self.neighbour = np.empty((self.count, len(offsets)), dtype=np.int64)
        for o, (di, dj) in enumerate(offsets):
            want = self.keys + di * stride + dj
            pos = np.searchsorted(self.keys, want).clip(max=self.count - 1)
            self.neighbour[:, o] = np.where(self.keys[pos] == want, pos, self.count)

    def sums(self, values):
        """Per-cell sums of `values`, with a trailing zero row for missing neighbours."""
        out = np.zeros(self.count + 1)
        out[:-1] = np.bincount(self.index, weights=values, minlength=self.count)
        return out

    def cell_median(self, values, mask=None):
        """Median of `values` within each cell (one sort for all cells).

        With `mask`, only the masked-in values count; cells without any give NaN.
        """
        span = float(np.ptp(values)) or 1.0
        frac = (values - values.min()) / (span * 1.000001)
        if mask is not None:
            frac = np.where(mask, frac * 0.5, 0.75)  # masked-out values sort last
        order = np.argsort(self.index + frac)
        counts = np.bincount(self.index, minlength=self.count)
        start = np.concatenate([[0], np.cumsum(counts)[:-1]])
        if mask is not None:
            counts = np.bincount(self.index, weights=mask, minlength=self.count)
            counts = counts.astype(np.int64)
        sv = values[order]
        lo = start + np.maximum(counts - 1, 0) // 2
        hi = start + np.where(counts > 0, counts // 2, 0)
        return np.where(counts > 0, 0.5 * (sv[lo] + sv[hi]), np.nan)


def _fit_planes(cells, z, w):
    """Weighted plane z = a + b u + c v per neighbourhood, in the centre cell's frame."""
    u, v = cells.u, cells.v
    wz = w * z
    m = np.stack([cells.sums(q) for q in (w, w * u, w * v, w * u * u, w * u * v,
                                          w * v * v, wz, wz * u, wz * v)], axis=1)
    keys = ("s1", "su", "sv", "suu", "suv", "svv", "sz", "suz", "svz")
    tot = {k: np.zeros(cells.count) for k in keys}
    for o, (di, dj) in enumerate(cells.offsets):
        s1, su, sv, suu, suv, svv, sz, suz, svz = m[cells.neighbour[:, o]].T
        tot["s1"] += s1
        tot["su"] += su + di * s1
        tot["sv"] += sv + dj * s1
        tot["suu"] += suu + 2 * di * su + di * di * s1
        tot["suv"] += suv + di * sv + dj * su + di * dj * s1
        tot["svv"] += svv + 2 * dj * sv + dj * dj * s1
        tot["sz"] += sz
        tot["suz"] += suz + di * sz
        tot["svz"] += svz + dj * sz
    ridge = RIDGE * tot["s1"] + 1e-12
    a = np.empty((cells.count, 3, 3))
    a[:, 0, 0] = tot["s1"] + 1e-12
    a[:, 0, 1] = a[:, 1, 0] = tot["su"]
    a[:, 0, 2] = a[:, 2, 0] = tot["sv"]
    a[:, 1, 1] = tot["suu"] + ridge
    a[:, 1, 2] = a[:, 2, 1] = tot["suv"]
    a[:, 2, 2] = tot["svv"] + ridge
    rhs = np.stack([tot["sz"], tot["suz"], tot["svz"]], axis=1)
    return np.linalg.solve(a, rhs[..., None])[..., 0], tot["s1"]


def _neighbourhood_sum(cells, per_cell):
    padded = np.append(per_cell, 0.0)
    return padded[cells.neighbour].sum(axis=1)


def row_percentile(a, q):
    """Percentile q of each row of `a`, ignoring NaN (vectorised; NaN for empty rows)."""
    a = np.sort(a, axis=1)  # NaNs go last
    valid = np.isfinite(a).sum(axis=1)
    pos = np.maximum(valid - 1, 0) * (q / 100.0)
    lo = np.floor(pos).astype(np.int64)
    hi = np.minimum(lo + 1, np.maximum(valid - 1, 0))
    rows = np.arange(len(a))
    out = a[rows, lo] + (pos - lo) * (a[rows, hi] - a[rows, lo])
    return np.where(valid > 0, out, np.nan)


def _noise_scale(cells, residual, cap=None, inlier=None):
    """1.4826 x the upper quartile, over the 3 x 3 cells, of each cell's median |residual|.

    Bursts of blunders that take over a cell or two of the neighbourhood do not inflate
    it (a pooled mean of squares would), while rough seabed, whose misfit varies from
    cell to cell, is not judged by its smoothest cells alone.
    """
    mad = np.append(cells.cell_median(np.abs(residual), inlier), np.nan)[cells.neighbour]
    scale = 1.4826 * row_percentile(mad, NOISE_PERCENTILE)
    if inlier is not None:  # no inlier anywhere around: measure on every sounding
        unset = np.isnan(scale)
        if unset.any():
            scale[unset] = _noise_scale(cells, residual)[unset]
    if cap is not None:
        scale = np.minimum(scale, cap)
    return np.maximum(scale, 1e-3)


@dataclass
class Surface:
    """The robust local surface at every sounding and the features derived from it."""
    residual: np.ndarray      # depth - surface (m)
    surface: np.ndarray       # surface depth at the sounding (m)
    noise: np.ndarray         # robust noise scale of the neighbourhood (m)
    support: np.ndarray       # soundings in the neighbourhood
    slope: np.ndarray         # |gradient| of the surface (m/m)
    cell_offset: np.ndarray   # depth - median depth of the sounding's own cell (m)
    cell_size: float          # metres


def _irls(cells, z, residual, iterations, cap=None, cancelled=None):
    """Biweight IRLS from a starting residual; cells whose fit has no weight keep theirs.

    The noise scale is measured on the previous fit's inliers (non-zero weight), so a
    neighbourhood's own blunders do not widen the band that is meant to exclude them.
    """
    own = cells.index
    coef = np.zeros((cells.count, 3))
    inlier = None
    for _ in range(iterations):
        if cancelled is not None and cancelled():
            raise Cancelled()
        scale = _noise_scale(cells, residual, cap, inlier)
        t = residual / (BIWEIGHT_C * scale[own])
        inlier = np.abs(t) < 1.0
        w = np.where(inlier, (1.0 - t * t) ** 2, 0.0)
        coef, weight = _fit_planes(cells, z, w)
        fitted = weight[own] > 1e-6
        plane = coef[own, 0] + coef[own, 1] * cells.u + coef[own, 2] * cells.v
        residual = np.where(fitted, z - plane, residual)
    return coef, residual, _noise_scale(cells, residual, cap, inlier)


def robust_surface(xm, ym, z, cell_size=None, cancelled=None, offsets=OFFSETS):
    """IRLS/biweight plane fits on overlapping 3 x 3-cell neighbourhoods (metres).

    Two scales: neighbourhoods COARSE times wider first, so that a burst of blunders
    filling a whole fine neighbourhood (a fish school, a bubble sweep) is still a
    minority there; their residuals start the fine fits, whose noise scale is capped
    by the coarse one.
    """
    if cell_size is None:
        cell_size = math.sqrt(SOUNDINGS_PER_CELL * math.pi / 8.0) * typical_spacing(xm, ym)
    coarse = _Cells(xm, ym, COARSE * float(cell_size), offsets)
    # Start: the median of the nine cell medians (robust to up to four bad cells).
    medians = np.append(coarse.cell_median(z), np.nan)[coarse.neighbour]
    start = z - row_percentile(medians, 50)[coarse.index]
    _, residual, coarse_scale = _irls(coarse, z, start, IRLS_ITERATIONS, None, cancelled)
    cells = _Cells(xm, ym, float(cell_size), offsets)
    cap = cells.cell_median(coarse_scale[coarse.index])
    coef, residual, scale = _irls(cells, z, residual, IRLS_ITERATIONS, cap, cancelled)
    own = cells.index
    count = np.bincount(own, minlength=cells.count).astype(float)
    support = _neighbourhood_sum(cells, count)
    slope = np.hypot(coef[:, 1], coef[:, 2]) / cells.size
    return Surface(residual=residual, surface=z - residual, noise=scale[own],
                   support=support[own], slope=slope[own],
                   cell_offset=z - cells.cell_median(z)[own], cell_size=cells.size)


def survey_lines(xm, ym):
    """Along-line distance (m), line number and median step of soundings in survey order.

    Consecutive rows are taken as consecutive pings; a step longer than TRACK_GAP times
    the median step (a gap in the record, the start of another line or cruise) starts a
    new line, whose distance restarts at 0.
    """
    step = np.hypot(np.diff(xm), np.diff(ym))
    moving = step[step > 0]
    typical = float(np.median(moving)) if moving.size else 1.0
    brk = step > TRACK_GAP * typical
    line = np.concatenate([[0], np.cumsum(brk)])
    along = np.concatenate([[0.0], np.cumsum(np.where(brk, 0.0, step))])
    along -= np.concatenate([[0.0], along[:-1][brk]])[line]
    return along, line, typical


def along_track_surface(xm, ym, z, cancelled=None):
    """The robust local surface of each survey line on its own (single-beam lines).

    Sparse single-beam surveys sample the seabed every ~1 km along a line but lines lie
    several km apart, so a spatial neighbourhood wide enough to hold a few soundings is
    too wide for a plane to follow the seabed.  Along the line the seabed is sampled
    densely: the same biweight IRLS fits (two scales, coarse first, so a burst of
    blunders along the line stays a minority) run on the along-line distance, each line
    alone (lines are set far apart on the second axis so no neighbourhood spans two).
    A sounding failing either test is rejected; since each test has its own false
    alarms, the along-line one uses the wider band TRACK_NOISE_K x its noise scale, which
    keeps the union's false alarms near those of one test (measured on ship_15).
    """
    along, line, step = survey_lines(xm, ym)
    size = TRACK_PER_CELL * step
    apart = (3 * COARSE + 0.5) * size * line
    return robust_surface(along, apart, z, size, cancelled, LINE_OFFSETS)


# -- cleaning -------------------------------------------------------------------------------
@dataclass
class CleanResult:
    accepted: np.ndarray          # bool per input sounding
    residual: np.ndarray          # m (NaN where not judged)
    score: np.ndarray             # |residual| / threshold, or model probability
    reason: list                  # '' for accepted, why for rejected
    threshold: np.ndarray         # m
    cell_size: float = 0.0
    counts: dict = field(default_factory=dict)


def _threshold(depth, order, metres):
    if metres is not None and metres > 0:
        return np.full(np.shape(depth), float(metres))
    return tvu(depth, order)


def clean_soundings(x, y, z, crs, order="1a", metres=None, cell_size=None, model=None,
                    extra=None, along_track=False, swath=None, progress=None,
                    cancelled=None):
    """Split soundings into accepted and rejected, never dropping one.

    x, y: coordinates in `crs` (WKT, EPSG:nnnn, ...); z: depths in metres (NaN = NULL);
    order: IHO S-44 order for the threshold unless `metres` is given; cell_size: cell
    of the local surfaces in metres (default from the soundings' spacing); model: a
    TreeModel from `load_model` to decide instead of the threshold; extra: dict of extra
    per-sounding numeric attributes (beam, angle) the model was taught with;
    along_track: the soundings are in survey order along lines (single-beam): each is
    also judged against the robust surface of its own line (`along_track_surface`), and
    rejected when either test rejects it (threshold mode; a taught model decides alone);
    swath: {ping, beam, across, angle} per sounding, needed by a model taught with them.
    """
    x, y, z = (np.asarray(a, dtype=float) for a in (x, y, z))
    if model is not None:
        check_model_inputs(model, extra, swath)
    n = len(z)
    if n == 0:
        raise InputError("The layer holds no soundings; choose a point layer with "
                         "at least one feature.")
    if metres is None:
        check_choice("Order", order, list(S44_ORDERS))
    elif not metres > 0:
        raise InputError(f"The threshold in metres must be positive (got {metres}).")
    xm, ym = metric_coordinates(x, y, crs)
    has_pos = np.isfinite(xm) & np.isfinite(ym)
    has_depth = np.isfinite(z)
    ok = has_pos & has_depth
    reason = np.full(n, "", dtype=object)
    reason[~has_pos] = "no position"
    reason[has_pos & ~has_depth] = "no depth (NULL)"
    residual = np.full(n, np.nan)
    score = np.full(n, np.nan)
    threshold = np.full(n, np.nan)
    accepted = np.zeros(n, dtype=bool)
    if progress:
        progress(0.1)
    unjudged = 0
    size = 0.0
    if ok.any():
        s = robust_surface(xm[ok], ym[ok], z[ok], cell_size, cancelled)
        size = s.cell_size
        if progress:
            progress(0.8)
        thr = np.maximum(_threshold(s.surface, order, metres), NOISE_K * s.noise)
        judged = s.support >= MIN_SUPPORT
        idx = np.flatnonzero(ok)
        residual[idx] = s.residual
        threshold[idx] = thr
        if model is not None:
            sw = extra_subset(swath, ok) if model.meta.get("swath") else None
            wanted = model.meta.get("features") or FEATURE_NAMES + model.extra_names
            env = envelope_features(xm[ok], ym[ok], z[ok], s.cell_size) \
                if set(ENVELOPE_FEATURES) & set(wanted) else None
            feats = features(s, thr, extra_subset(extra, ok), model.extra_names, sw,
                             wanted, env)
            p = model.predict_proba(feats)
            bad = judged & (p > 0.5)
            score[idx] = p
            why = [f"taught model: blunder probability {q:.2f}" for q in p[bad]]
        else:
            sc = np.where(judged, np.abs(s.residual) / thr, 0.0)
            res, where = s.residual, np.full(len(sc), "")
            if along_track:
                t = along_track_surface(xm[ok], ym[ok], z[ok], cancelled)
                thr_t = np.maximum(_threshold(t.surface, order, metres), TRACK_NOISE_K * t.noise)
                sc_t = np.where(t.support >= MIN_SUPPORT, np.abs(t.residual) / thr_t, 0.0)
                line_wins = sc_t > sc
                sc = np.where(line_wins, sc_t, sc)
                res, thr = np.where(line_wins, t.residual, res), np.where(line_wins, thr_t, thr)
                where = np.where(line_wins, "along-line ", "")
                residual[idx], threshold[idx] = res, thr
                judged = judged | (t.support >= MIN_SUPPORT)
            bad = sc > 1.0
            score[idx] = np.where(judged, sc, np.abs(res) / thr)
            why = [f"{w}|residual| {abs(r):.3g} m > threshold {t:.3g} m"
                   for w, r, t in zip(where[bad], res[bad], thr[bad])]
        accepted[idx[~bad]] = True
        reason[idx[bad]] = why
        unjudged = int((~judged).sum())
    counts = {"input": n, "accepted": int(accepted.sum()),
              "rejected": int(n - accepted.sum()),
              "no_depth": int((has_pos & ~has_depth).sum()),
              "no_position": int((~has_pos).sum()),
              "unjudged": unjudged}
    if progress:
        progress(1.0)
    return CleanResult(accepted, residual, score, list(reason), threshold, size, counts)


def extra_subset(extra, mask):
    return {k: np.asarray(v, dtype=float)[mask] for k, v in (extra or {}).items()}


# -- taught cleaning ------------------------------------------------------------------------
FEATURE_NAMES = ["score", "residual_over_noise", "residual", "abs_residual_over_tvu",
                 "noise", "support", "slope", "cell_offset_over_noise", "depth"]


ENVELOPE_FEATURES = [f"{kind}_{scale}" for scale in ("x4", "x16")
                     for kind in ("above_lowest", "below_highest", "height_in_range")]


def envelope_features(xm, ym, z, cell_size):
    """Where each sounding lies between the lowest and highest z around it (m).

    At two scales (3 x 3 blocks of cells 4 and 16 times the surface's cells): the
    height above the lowest sounding, below the highest, and the fraction of that range
    (0 = lowest).  A roof or a tree stands far above the local lowest return, a fish
    school far above the seabed around it: objects a plane fitted to a small
    neighbourhood they fill cannot show.
    """
    out = {}
    for tag, factor in (("x4", 4), ("x16", 16)):
        cells = _Cells(xm, ym, factor * float(cell_size))
        lo = np.full(cells.count + 1, np.inf)
        hi = np.full(cells.count + 1, -np.inf)
        np.minimum.at(lo, cells.index, z)
        np.maximum.at(hi, cells.index, z)
        low = lo[cells.neighbour].min(axis=1)[cells.index]
        high = hi[cells.neighbour].max(axis=1)[cells.index]
        out[f"above_lowest_{tag}"] = z - low
        out[f"below_highest_{tag}"] = high - z
        out[f"height_in_range_{tag}"] = (z - low) / np.maximum(high - low, 1e-6)
    return out


def features(s, thr, extra=None, extra_names=(), swath=None, names=None, envelope=None):
    """Per-sounding features of the local geometry, the swath and the named extras.

    `swath`: {ping, beam, across, angle} arrays of the same soundings (swath.py's
    features of the ping profile, the neighbouring pings and the beam's place);
    `names`: the feature columns wanted, in order (a model's own list); default: the
    local-geometry features, the swath ones when `swath` is given, then the extras.
    """
    cols = dict(zip(FEATURE_NAMES, (
        np.abs(s.residual) / thr, s.residual / s.noise, s.residual,
        np.abs(s.residual) / tvu(s.surface, "1a"), s.noise, s.support, s.slope,
        s.cell_offset / s.noise, np.abs(s.surface))))
    if envelope is not None:
        cols.update(envelope)
    if swath is not None:
        from .swath import swath_features
        cols.update(swath_features(s.residual + s.surface, swath["ping"], swath["beam"],
                                   swath["across"], swath["angle"]))
    for name in extra_names:
        if not extra or name not in extra:
            raise InputError(f"The model was taught with the attribute '{name}'; the "
                             "layer must carry it (choose it in the extra fields).")
        cols[name] = np.nan_to_num(extra[name], nan=0.0)
    if names is None:
        names = list(cols)
    return np.column_stack([cols[n] for n in names])


def check_model_inputs(model, extra=None, swath=None):
    """A clear error before any work when the input lacks what the model was taught on."""
    lacking = [f"the attribute '{n}'" for n in model.extra_names
               if not extra or n not in extra]
    if model.meta.get("swath") and swath is None:
        lacking.insert(0, "ping, beam, across-track distance and beam angle")
    if lacking:
        raise InputError("The model was taught with fields the soundings lack: "
                         f"{'; '.join(lacking)}. Give the same fields (a layer from "
                         "'Read survey file' carries ping, beam, across_m and "
                         "beam_angle), or teach a model on the fields this input has.")


class TreeModel:
    """A gradient-boosted tree ensemble held as numeric arrays, evaluated in numpy."""

    def __init__(self, arrays, meta):
        self.meta = meta
        self.extra_names = list(meta.get("extra_names", []))
        self.feature = arrays["feature"]
        self.threshold = arrays["threshold"]
        self.left = arrays["left"]
        self.right = arrays["right"]
        self.value = arrays["value"]
        self.roots = arrays["roots"]
        self.init = float(meta["init"])
        self.rate = float(meta["learning_rate"])
        self.depth = int(meta["max_depth"])

    def decision(self, x):
        x = np.asarray(x, dtype=float)
        n_features = len(self.meta.get("features") or FEATURE_NAMES + self.extra_names)
        if x.ndim != 2 or x.shape[1] != n_features:
            raise InputError(f"The model expects {n_features} features, got {x.shape}.")
        rows = np.arange(len(x))
        raw = np.full(len(x), self.init)
        for root in self.roots:
            node = np.full(len(x), root)
            for _ in range(self.depth + 1):
                leaf = self.left[node] < 0
                if leaf.all():
                    break
                go_left = x[rows, np.maximum(self.feature[node], 0)] <= self.threshold[node]
                nxt = np.where(go_left, self.left[node], self.right[node])
                node = np.where(leaf, node, nxt)
            raw += self.rate * self.value[node]
        return raw

    def predict_proba(self, x):
        return 1.0 / (1.0 + np.exp(-self.decision(x)))


REJECT_WORDS = {"rejected", "reject", "r", "true", "t", "yes", "y", "bad", "blunder", "x"}
ACCEPT_WORDS = {"accepted", "accept", "a", "false", "f", "no", "n", "good", "ok", ""}


def parse_labels(values):
    """A surveyor's marks -> array of True (rejected), False (accepted) or None (unset).

    Numbers: non-zero = rejected; booleans as they are; words such as rejected/accepted,
    bad/good, yes/no, true/false (any case).  NULL stays unlabelled.
    """
    out = []
    for v in values:
        if v is None or (hasattr(v, "isNull") and v.isNull()):
            out.append(None)
        elif isinstance(v, (bool, np.bool_)):
            out.append(bool(v))
        elif isinstance(v, (int, float, np.integer, np.floating)):
            out.append(None if v != v else bool(v != 0))
        else:
            word = str(v).strip().lower()
            if word in REJECT_WORDS:
                out.append(True)
            elif word in ACCEPT_WORDS:
                out.append(False)
            else:
                try:
                    out.append(float(word) != 0)
                except ValueError:
                    raise InputError(f"The label '{v}' is neither an accept nor a reject "
                                     "mark; use 0/1, true/false or accepted/rejected."
                                     ) from None
    return np.array(out, dtype=object)


def train_cleaner(x, y, z, crs, rejected, order="1a", metres=None, cell_size=None,
                  extra=None, n_estimators=150, max_depth=3, swath=None, progress=None,
                  cancelled=None):
    """Teach a classifier from a surveyor's edits (`rejected` True = blunder).

    `swath`: {ping, beam, across, angle} per sounding (multibeam read from a survey
    file): the features of the sounding's ping profile, neighbouring pings and place in
    the swath (swath.py) join the local-surface ones, and the model then needs them.
    """
    GradientBoostingClassifier = require("sklearn.ensemble").GradientBoostingClassifier
    x, y, z = (np.asarray(a, dtype=float) for a in (x, y, z))
    labels = np.asarray(rejected)
    ok = np.isfinite(z) & np.isfinite(x) & np.isfinite(y) & np.array(
        [lab is not None for lab in labels])
    if ok.sum() < 20:
        raise InputError("Too few labelled soundings to teach a model (need at least 20 "
                         "with a depth, a position and an accept/reject mark).")
    lab = labels[ok].astype(bool)
    if lab.all() or not lab.any():
        raise InputError("The teacher data must contain both accepted and rejected "
                         "soundings; the chosen field marks them all the same.")
    xm, ym = metric_coordinates(x[ok], y[ok], crs)
    s = robust_surface(xm, ym, z[ok], cell_size, cancelled)
    if progress:
        progress(0.4)
    thr = np.maximum(_threshold(s.surface, order, metres), NOISE_K * s.noise)
    extra_names = sorted((extra or {}).keys())
    sw = extra_subset(swath, ok) if swath is not None else None
    from .swath import SWATH_FEATURES
    names = FEATURE_NAMES + ENVELOPE_FEATURES + (SWATH_FEATURES if sw is not None else []) \
        + extra_names
    env = envelope_features(xm, ym, z[ok], s.cell_size)
    feats = features(s, thr, extra_subset(extra, ok), extra_names, sw, names, env)
    clf = GradientBoostingClassifier(n_estimators=n_estimators, max_depth=max_depth,
                                     learning_rate=0.1, subsample=0.8, random_state=0)
    clf.fit(feats, lab)
    if progress:
        progress(0.95)
    model = _export(clf, feats, extra_names, order, metres, s.cell_size, lab)
    model.meta["features"] = names
    if sw is not None:
        model.meta["swath"] = True
    return model


def _export(clf, feats, extra_names, order, metres, cell_size, labels):
    trees = [est[0].tree_ for est in clf.estimators_]
    offsets = np.cumsum([0] + [t.node_count for t in trees])
    cat = lambda f: np.concatenate([f(t, off) for t, off in zip(trees, offsets[:-1])])  # noqa: E731
    arrays = {
        "feature": cat(lambda t, o: t.feature.astype(np.int64)),
        "threshold": cat(lambda t, o: t.threshold.astype(np.float64)),
        "left": cat(lambda t, o: np.where(t.children_left >= 0, t.children_left + o, -1)),
        "right": cat(lambda t, o: np.where(t.children_right >= 0, t.children_right + o, -1)),
        "value": cat(lambda t, o: t.value[:, 0, 0].astype(np.float64)),
        "roots": offsets[:-1].astype(np.int64),
    }
    raw = clf.decision_function(feats[:1])[0]
    tree_sum = sum(est[0].predict(feats[:1])[0] for est in clf.estimators_)
    meta = {"format": MODEL_FORMAT, "features": FEATURE_NAMES + extra_names,
            "extra_names": extra_names, "init": float(raw - clf.learning_rate * tree_sum),
            "learning_rate": float(clf.learning_rate),
            "max_depth": int(max(t.max_depth for t in trees)),
            "order": order, "metres": metres, "cell_size": cell_size,
            "teacher_soundings": int(len(labels)), "teacher_rejected": int(labels.sum())}
    return TreeModel(arrays, meta)


def save_model(model, path):
    """Write a TreeModel as numeric arrays plus JSON metadata (no pickle)."""
    write_atomically(path, lambda fh: np.savez_compressed(
        fh, meta=np.array(json.dumps(model.meta)), feature=model.feature,
        threshold=model.threshold, left=model.left, right=model.right, value=model.value,
        roots=model.roots), what=f"the model file {path}")
    return str(path)


def load_model(path):
    """Read a model written by `save_model`; refuses anything else, runs no code."""
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
    except (OSError, ValueError) as error:
        raise InputError(f"{path} is not a GeoInverse sounding-cleaner model (.npz written "
                         f"by 'Train sounding cleaner'): {error}") from error
    needed = {"meta", "feature", "threshold", "left", "right", "value", "roots"}
    if not needed <= set(arrays):
        raise InputError(f"{path} is not a GeoInverse sounding-cleaner model: it lacks "
                         f"{', '.join(sorted(needed - set(arrays)))}.")
    meta = json.loads(str(arrays.pop("meta")))
    if meta.get("format") != MODEL_FORMAT:
        raise InputError(f"{path} has model format {meta.get('format')!r}; this version "
                         f"reads {MODEL_FORMAT!r}. Teach the model again.")
    return TreeModel(arrays, meta)


# -- gridding -------------------------------------------------------------------------------
@dataclass
class GridResult:
    width: int
    height: int
    cell_size: float
    extent: tuple
    filled_cells: int
    used: int
    outside: int
    statistic: str
    shoalest_is: str = ""


def default_cell_size(x, y, crs):
    """Twice the median sounding spacing, in the CRS's units, two significant digits."""
    xm, ym = metric_coordinates(x, y, crs)
    metres = 2.0 * typical_spacing(xm, ym, k=1)
    srs = _spatial_reference(crs)
    units = metres / 111320.0 if srs.IsGeographic() else metres / (srs.GetLinearUnits() or 1)
    digits = -int(math.floor(math.log10(units))) + 1
    return round(units, digits)


def grid_soundings(x, y, z, crs, output, cell_size=None, extent=None, statistic="median",
                   count_path=None, stddev_path=None, progress=None, cancelled=None):
    """Bin soundings into a north-up grid in the soundings' CRS and write GeoTIFFs.

    `output` gets the chosen statistic of the depths in each cell, `count_path` the
    number of soundings and `stddev_path` their standard deviation; cells without
    soundings are nodata (NaN).  extent = (xmin, xmax, ymin, ymax) in CRS units.
    """
    from ..raster import write_array
    check_choice("Statistic", statistic, STATISTICS)
    x, y, z = (np.asarray(a, dtype=float) for a in (x, y, z))
    ok = np.isfinite(x) & np.isfinite(y) & np.isfinite(z)
    if not ok.any():
        raise InputError("No sounding has both a position and a depth; nothing to grid.")
    x, y, z = x[ok], y[ok], z[ok]
    if cell_size is None or cell_size <= 0:
        cell_size = default_cell_size(x, y, crs)
    if extent is None:
        extent = (x.min(), x.max(), y.min(), y.max())
    x0, x1, y0, y1 = (float(e) for e in extent)
    if not (x1 >= x0 and y1 >= y0):
        raise InputError(f"The extent {extent} is empty; give xmin <= xmax, ymin <= ymax.")
    width = max(1, int(math.ceil((x1 - x0) / cell_size - 1e-9)))
    height = max(1, int(math.ceil((y1 - y0) / cell_size - 1e-9)))
    if width * height > 200_000_000:
        raise InputError(f"A {width} x {height} grid is too large; choose a cell size "
                         "larger than {cell_size:g} or a smaller extent.")
    col = np.floor((x - x0) / cell_size).astype(np.int64)
    row = np.floor((y1 - y) / cell_size).astype(np.int64)
    # soundings on the extent's right or bottom edge belong to the last column / row
    col = np.where((col == width) & (x <= x1), width - 1, col)
    row = np.where((row == height) & (y >= y0), height - 1, row)
    inside = (col >= 0) & (col < width) & (row >= 0) & (row < height)
    col, row, zi = col[inside], row[inside], z[inside]
    cell = row * width + col
    if cancelled is not None and cancelled():
        raise Cancelled()
    ncell = width * height
    count = np.bincount(cell, minlength=ncell)
    total = np.bincount(cell, weights=zi, minlength=ncell)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total / count
        var = np.bincount(cell, weights=(zi - mean[cell]) ** 2, minlength=ncell) / count
    shoalest_is = ""
    if statistic == "mean":
        value = mean
    else:
        span = float(np.ptp(zi)) or 1.0
        order = np.argsort(cell + (zi - zi.min()) / (span * 1.000001), kind="stable")
        zs, cs = zi[order], cell[order]
        first = np.flatnonzero(np.r_[True, cs[1:] != cs[:-1]])
        n = count[cs[first]]
        value = np.full(ncell, np.nan)
        if statistic == "median":
            value[cs[first]] = 0.5 * (zs[first + (n - 1) // 2] + zs[first + n // 2])
        else:
            negative_down = np.median(zi) < 0
            shoalest_is = "maximum (depths negative down)" if negative_down else \
                "minimum (depths positive down)"
            value[cs[first]] = zs[first + n - 1] if negative_down else zs[first]
    if progress:
        progress(0.7)
    gt = (x0, cell_size, 0.0, y1, 0.0, -cell_size)
    wkt = _spatial_reference(crs).ExportToWkt()
    empty = count == 0
    value = np.where(empty, np.nan, value)
    write_array(output, value.reshape(height, width), gt, wkt,
                description=f"{statistic} depth")
    if count_path:
        write_array(count_path, np.where(empty, np.nan, count).reshape(height, width),
                    gt, wkt, description="soundings per cell")
    if stddev_path:
        write_array(stddev_path, np.where(empty, np.nan, np.sqrt(var)).reshape(height, width),
                    gt, wkt, description="standard deviation of depths")
    if progress:
        progress(1.0)
    return GridResult(width, height, float(cell_size), (x0, x0 + width * cell_size,
                      y1 - height * cell_size, y1), int((~empty).sum()), int(inside.sum()),
                      int((~inside).sum()) + int((~ok).sum()), statistic, shoalest_is)
