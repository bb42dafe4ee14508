"""geoinverse:cleansoundings and gridsoundings against two baselines, in the same run.

Data (real):
- `ship_15.txt`: 82,651 single-beam ship soundings, Gulf of California (GMT test data),
  surveyed to IHO order 2 at best; taken as good, with blunders injected.  The file is in
  survey order (63 % of soundings have the previous or next row as nearest neighbour;
  ~1.4 km between pings, lines km apart), so cleansoundings runs with along_track=True;
  the spatial test alone is reported on its own row.
- Multibeam-like swaths: a 128-beam, +/-60 degree survey with 20 % side overlap flown
  over the real Azores grid `bathy_1m.nc` (sampled with cubic splines), with noise that
  grows to the order-1a TVU/1.96 in the outer beams.

Blunders (realistic kinds, each at rates 1-25 % of soundings): isolated spikes of either
sign, outer-beam noise, fish/bubble bursts (clusters of pings x beams made shoaler by
5-60 % of depth) and multipath clusters (deeper by 3-20 % of depth).  Spike sizes are
log-uniform from max(0.5 m, 3 x TVU of the survey's order) to 500 m: smaller departures
are inside the uncertainty the survey standard allows, so no method is asked to call them
blunders.

Baselines: a PDAL-style statistical outlier filter (k = 8 nearest neighbours in 3-D,
reject when the mean distance exceeds mu + 2 sigma of all mean distances) and a median
filter (reject when |z - median of the 8 nearest neighbours| exceeds the same S-44 TVU
threshold).  Scores: precision, recall, F1 of the rejected set against the injected
blunders, and the share of good soundings rejected.  Taught cleaning: the model is taught
on the west half of a survey (the injected truth plays the surveyor's edits) and scored
on the east half against the untaught model.  Speed: one million swath soundings, cleaned
and gridded, soundings per second next to the baselines (2 cores).

Oracle (ship_15 only): how well can ANY detector that thresholds a residual do on this
survey?  Each sounding is predicted from its CLEAN neighbours (leave-one-out, along its
survey line, else its nearest neighbours) and |corrupted depth - prediction| is
thresholded at the best threshold chosen with knowledge of the truth (also: the best one
rejecting at most 1 % of good soundings).  Its F1 is an upper bound for residual-threshold
detectors built on that predictor, which no real cleaner reaches: the real one sees the
blunders among the neighbours and must pick its threshold blind.
"""
import math
import os
import sys
import time
from pathlib import Path

import numpy as np
from osgeo import gdal
from scipy.ndimage import map_coordinates
from scipy.spatial import cKDTree

from common import print_table, report_bars, save_json

from geoinverse.algorithms.bathymetry import soundings as S

SHARED = Path(__file__).resolve().parent.parent.parent.parent / "shared" / "data"
SHARED = Path(os.environ.get("GEOINVERSE_SHARED_DATA", SHARED))
RATES = (0.01, 0.05, 0.10, 0.25)
UTM26 = "EPSG:32626"
ORACLE = "oracle residual threshold"
SPATIAL_ONLY = "cleansoundings, spatial test only"


# -- data -------------------------------------------------------------------------------
def swath_survey(n_target, rng, order="1a", centre=(-28.4, 38.3)):
    """Multibeam-like soundings over the real Azores 1' grid: x, y (UTM 26N), z, beam."""
    ds = gdal.Open(str(SHARED / "bathymetry" / "bathy_1m.nc"))
    grid = ds.ReadAsArray().astype(float)
    gt = ds.GetGeoTransform()
    beams, half_angle = 128, math.radians(60)
    ping_spacing = 40.0
    lon0, lat0 = centre
    x_c, y_c = S.transverse_mercator(np.array([lon0]), np.array([lat0]), -27.0,
                                     6378137.0, 298.257223563)
    depth0 = 1500.0
    swath = 2 * depth0 * math.tan(half_angle)
    line_spacing = 0.8 * swath
    line_len = 25000.0
    pings = int(line_len / ping_spacing)
    n_lines = max(1, int(math.ceil(n_target / (pings * beams))))
    angle = np.linspace(-half_angle, half_angle, beams)
    xs, ys, angles, lines = [], [], [], []
    for k in range(n_lines):
        xp = np.arange(pings) * ping_spacing
        across = depth0 * np.tan(angle)
        xx = np.repeat(xp, beams) + rng.normal(0, 2.0, pings * beams)
        yy = k * line_spacing + np.tile(across, pings)
        xs.append(xx)
        ys.append(yy)
        angles.append(np.tile(np.degrees(angle), pings))
        lines.append(np.full(pings * beams, k))
    x = np.concatenate(xs)[:n_target] + x_c[0] - line_len / 2
    y = np.concatenate(ys)[:n_target] + y_c[0] - n_lines * line_spacing / 2
    beam_angle = np.concatenate(angles)[:n_target]
    # depth from the grid at these positions: local metres -> degrees near the centre
    lat = lat0 + (y - y_c[0]) / 111320.0
    lon = lon0 + (x - x_c[0]) / (111320.0 * math.cos(math.radians(lat0)))
    col = (lon - gt[0]) / gt[1] - 0.5
    row = (lat - gt[3]) / gt[5] - 0.5
    z = map_coordinates(grid, [row, col], order=3, mode="nearest")
    sigma = S.tvu(z, order) / 1.96 * (0.3 + 0.7 * (beam_angle / 60.0) ** 2)
    z = z + rng.normal(0, 1, len(z)) * sigma
    return x, y, z, beam_angle, beams


def ship_survey():
    d = np.loadtxt(SHARED / "soundings" / "ship_15.txt")
    return d[:, 0], d[:, 1], d[:, 2]


def inject(z, rate, rng, order, beam_angle=None, beams=1):
    """Blunders of realistic kinds at `rate`; returns (corrupted depths, truth mask)."""
    n = len(z)
    z = z.copy()
    bad = np.zeros(n, dtype=bool)
    target = int(round(rate * n))
    tvu = S.tvu(z, order)
    lo = np.maximum(0.5, 3 * tvu)

    def spike(idx):
        mag = np.exp(rng.uniform(np.log(lo[idx]), np.log(500.0)))
        return rng.choice([-1.0, 1.0], len(idx)) * mag

    def cluster_starts(count, size):
        return rng.integers(0, max(1, n - size * beams), count)

    # isolated spikes: 40 % of the budget
    idx = rng.choice(n, int(0.4 * target), replace=False)
    z[idx] += spike(idx)
    bad[idx] = True
    # outer-beam noise (swaths) or more spikes (single beam): 20 %
    if beam_angle is not None:
        outer = np.flatnonzero((np.abs(beam_angle) > 50) & ~bad)
        idx = rng.choice(outer, min(len(outer), int(0.2 * target)), replace=False)
    else:
        idx = rng.choice(np.flatnonzero(~bad), int(0.2 * target), replace=False)
    z[idx] += spike(idx)
    bad[idx] = True
    # fish / bubble bursts (shoaler) and multipath (deeper): clusters, 20 % each
    for sign, lo_f, hi_f in ((1.0, 0.05, 0.6), (-1.0, 0.03, 0.2)):
        budget = int(0.2 * target)
        while budget > 0:
            pings, width = rng.integers(2, 6), rng.integers(3, 10)
            start = int(rng.integers(0, n))
            if beams > 1:
                offs = (np.arange(pings)[:, None] * beams + np.arange(width)[None, :]).ravel()
            else:
                offs = np.arange(pings * width // 3 + 1)
            idx = start + offs
            idx = idx[(idx < n)]
            idx = idx[~bad[idx]][:budget]
            if len(idx) == 0:
                continue
            frac = rng.uniform(lo_f, hi_f)
            shift = np.maximum(frac * np.abs(z[idx]), lo[idx])
            # depths are negative down: shoaler = towards zero
            z[idx] += sign * shift * (1.0 if np.median(z) < 0 else -1.0)
            bad[idx] = True
            budget -= len(idx)
    return z, bad


# -- baselines ----------------------------------------------------------------------------
def statistical_outlier(xm, ym, z, k=8, multiplier=2.0):
    tree = cKDTree(np.column_stack([xm, ym, z]))
    dist, _ = tree.query(np.column_stack([xm, ym, z]), k=k + 1, workers=2)
    mean = dist[:, 1:].mean(axis=1)
    return mean > mean.mean() + multiplier * mean.std()


def median_filter(xm, ym, z, order, k=8):
    tree = cKDTree(np.column_stack([xm, ym]))
    _, idx = tree.query(np.column_stack([xm, ym]), k=k + 1, workers=2)
    med = np.median(z[idx[:, 1:]], axis=1)
    return np.abs(z - med) > S.tvu(med, order)


# -- oracle: an upper bound for residual-threshold detectors ---------------------------
def clean_prediction(xm, ym, z, gap_factor=5.0):
    """Leave-one-out depth of each sounding from its CLEAN neighbours.

    Along the survey line: linear interpolation between the previous and next sounding
    (the best of the predictors tried on ship_15: along-line quadratic and cubic fits,
    spatial IDW, medians and planes of k nearest neighbours); the nearest-neighbour IDW
    where a sounding has no neighbour on either side of its line.
    """
    step = np.hypot(np.diff(xm), np.diff(ym))
    brk = step > gap_factor * np.median(step)
    s = np.concatenate([[0.0], np.cumsum(step)])
    prev_ok = np.r_[False, ~brk]
    next_ok = np.r_[~brk, False]
    zp, zn = np.r_[np.nan, z[:-1]], np.r_[z[1:], np.nan]
    dp, dn = np.r_[np.nan, np.diff(s)], np.r_[np.diff(s), np.nan]
    with np.errstate(invalid="ignore", divide="ignore"):
        both = (zp * dn + zn * dp) / (dp + dn)
    pred = np.where(prev_ok & next_ok, both, np.where(prev_ok, zp, np.where(next_ok, zn,
                                                                              np.nan)))
    tree = cKDTree(np.column_stack([xm, ym]))
    dist, idx = tree.query(np.column_stack([xm, ym]), k=5, workers=2)
    w = 1.0 / np.maximum(dist[:, 1:], 1.0) ** 2
    idw = (w * z[idx[:, 1:]]).sum(axis=1) / w.sum(axis=1)
    pred = np.where(np.isfinite(pred), pred, idw)
    return pred, idx[:, 1:]


def oracle(z_clean, z_bad, bad, prediction, neighbours, order, max_good_rejected=None):
    """Best F1 of |z - clean prediction| thresholds, the threshold chosen with the truth.

    Scores tried: |r|, and |r| / max(c TVU, local scale) with c in (0, 0.5, 1), the local
    scale being the median leave-one-out error of the 4 nearest CLEAN neighbours.  Returns
    the best (precision, recall, F1, good rejected), optionally with at most
    `max_good_rejected` of the good soundings rejected.
    """
    r = np.abs(z_bad - prediction)
    local = np.median(np.abs(z_clean - prediction)[neighbours], axis=1)
    tvu = S.tvu(prediction, order)
    candidates = [r] + [r / np.maximum(c * tvu, np.maximum(local, 1e-6)) for c in (0, .5, 1)]
    best = (0.0, 0.0, 0.0, 0.0)
    for score in candidates:
        o = np.argsort(-score)
        tp = np.cumsum(bad[o])
        k = np.arange(1, len(o) + 1)
        precision, recall = tp / k, tp / max(int(bad.sum()), 1)
        f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-12)
        good = (k - tp) / max(int((~bad).sum()), 1)
        if max_good_rejected is not None:
            f1 = np.where(good <= max_good_rejected, f1, 0.0)
        j = int(np.argmax(f1))
        if f1[j] > best[2]:
            best = (precision[j], recall[j], f1[j], good[j])
    return best


def scores(rejected, bad):
    tp = int((rejected & bad).sum())
    precision = tp / max(int(rejected.sum()), 1)
    recall = tp / max(int(bad.sum()), 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-12)
    good_rejected = int((rejected & ~bad).sum()) / max(int((~bad).sum()), 1)
    return precision, recall, f1, good_rejected


def accuracy(name, x, y, z, crs, order, rng, beam_angle=None, beams=1, lines=False):
    rows, table = [], []
    xm, ym = S.metric_coordinates(x, y, crs)
    if lines:
        prediction, neighbours = clean_prediction(xm, ym, z)
    for rate in RATES:
        zz, bad = inject(z, rate, rng, order, beam_angle, beams)
        ours = ~S.clean_soundings(x, y, zz, crs, order, along_track=lines).accepted
        sor = statistical_outlier(xm, ym, zz)
        med = median_filter(xm, ym, zz, order)
        results = [("cleansoundings", scores(ours, bad)),
                   ("statistical outlier (PDAL)", scores(sor, bad)),
                   ("median filter", scores(med, bad))]
        if lines:
            spatial = ~S.clean_soundings(x, y, zz, crs, order).accepted
            results += [(SPATIAL_ONLY, scores(spatial, bad)),(ORACLE, oracle(z, zz, bad, prediction, neighbours, order)),
                        (ORACLE + ", <=1% good rejected",
                         oracle(z, zz, bad, prediction, neighbours, order, 0.01))]
        for method, (p, r, f, g) in results:
            rows.append({"data": name, "rate": rate, "method": method, "precision": p,
                         "recall": r, "f1": f, "good_rejected": g})
            table.append([name, f"{rate:.0%}", method, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}",
                          f"{g:.4f}"])
    print_table(["data", "blunders", "method", "precision", "recall", "F1",
                 "good rejected"], table)
    return rows


def taught(x, y, z, crs, order, rng, beam_angle, beams):
    zz, bad = inject(z, 0.10, rng, order, beam_angle, beams)
    west = x < np.median(x)
    model = S.train_cleaner(x[west], y[west], zz[west], crs, bad[west], order,
                            extra={"beam_angle": beam_angle[west]})
    east = ~west
    untaught = ~S.clean_soundings(x[east], y[east], zz[east], crs, order).accepted
    with_model = ~S.clean_soundings(x[east], y[east], zz[east], crs, order, model=model,
                                    extra={"beam_angle": beam_angle[east]}).accepted
    out = {}
    for method, rej in (("untaught", untaught), ("taught", with_model)):
        p, r, f, g = scores(rej, bad[east])
        out[method] = {"precision": p, "recall": r, "f1": f, "good_rejected": g}
    print_table(["held-out east half (10 % blunders)", "precision", "recall", "F1",
                 "good rejected"],
                [[m, f"{v['precision']:.3f}", f"{v['recall']:.3f}", f"{v['f1']:.3f}",
                  f"{v['good_rejected']:.4f}"] for m, v in out.items()])
    return out


def speed(n, rng, tmp):
    x, y, z, beam_angle, beams = swath_survey(n, rng)
    zz, _ = inject(z, 0.10, rng, "1a", beam_angle, beams)
    timings = {}
    start = time.perf_counter()
    result = S.clean_soundings(x, y, zz, UTM26, "1a")
    timings["cleansoundings"] = time.perf_counter() - start
    start = time.perf_counter()
    S.clean_soundings(x, y, zz, UTM26, "1a", along_track=True)
    timings["cleansoundings ALONG_TRACK (rows as lines)"] = time.perf_counter() - start
    keep = result.accepted
    start = time.perf_counter()
    S.grid_soundings(x[keep], y[keep], zz[keep], UTM26, str(tmp / "grid.tif"),
                     count_path=str(tmp / "count.tif"), stddev_path=str(tmp / "std.tif"))
    timings["gridsoundings (median, 3 rasters)"] = time.perf_counter() - start
    xm, ym = S.metric_coordinates(x, y, UTM26)
    start = time.perf_counter()
    statistical_outlier(xm, ym, zz)
    timings["statistical outlier (PDAL)"] = time.perf_counter() - start
    start = time.perf_counter()
    median_filter(xm, ym, zz, "1a")
    timings["median filter"] = time.perf_counter() - start
    print(f"\nSpeed, {len(z):,} multibeam-like soundings, 2 cores")
    print_table(["method", "seconds", "soundings/s"],
                [[k, f"{v:.2f}", f"{len(z) / v:,.0f}"] for k, v in timings.items()])
    return {k: {"seconds": v, "per_second": len(z) / v} for k, v in timings.items()}, len(z)


def main():
    from common import output_dir
    rng = np.random.default_rng(2024)
    tmp = output_dir()
    print("Accuracy: injected blunders of realistic kinds, same run for every method\n")
    rows = []
    x, y, z, beam_angle, beams = swath_survey(200_000, rng)
    rows += accuracy("swaths (Azores grid)", x, y, z, UTM26, "1a", rng, beam_angle, beams)
    print()
    lon, lat, zs = ship_survey()
    rows += accuracy("ship_15 (order 2)", lon, lat, zs, "EPSG:4326", "2", rng, lines=True)
    print()
    taught_scores = taught(x, y, z, UTM26, "1a", rng, beam_angle, beams)
    n = int(os.environ.get("BENCH_SOUNDINGS_SIZE", "1000000"))
    timing, count = speed(n, rng, tmp)
    save_json("soundings", {"accuracy": rows, "taught": taught_scores, "speed": timing,
                            "speed_soundings": count})
    failures = []
    for r in rows:
        if r["method"] != "cleansoundings":
            continue
        others = [o["f1"] for o in rows if o["data"] == r["data"] and o["rate"] == r["rate"]
                  and o["method"] in ("statistical outlier (PDAL)", "median filter")]
        if r["f1"] <= max(others):
            failures.append(f"{r['data']} {r['rate']:.0%}: F1 not above both baselines")
        if r["good_rejected"] > 0.01:
            failures.append(f"{r['data']} {r['rate']:.0%}: more than 1% good rejected")
        if r["rate"] == 0.10 and r["f1"] < 0.95:
            failures.append(f"{r['data']} 10%: F1 {r['f1']:.3f} < 0.95")
    if taught_scores["taught"]["f1"] <= taught_scores["untaught"]["f1"]:
        failures.append("taught cleaning does not beat the untaught model")
    if timing["cleansoundings"]["per_second"] < 100_000:
        failures.append("cleaning slower than 100,000 soundings/s")
    report_bars(failures)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
