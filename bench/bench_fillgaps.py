"""Gap filling: accuracy inside punched holes and speed, each next to gdal.FillNodata.

Accuracy: holes 1-2, 10, 50 and 200 cells across (discs, fixed seed) are punched into
fully valid real grids (GMT test grids from ../shared/data/bathymetry and an ocean cut of
ETOPO5 from Debian's ferret-datasets when installed); every method and gdal.FillNodata
(its defaults, and a search distance large enough to fill every hole) fill them in the
same run; RMSE inside the holes per size class and over all holes.
Bars (issue #5): default method RMSE <= 0.7 x FillNodata's over all holes, and no worse
in any size class.

Oracle bound: ordinary kriging of each hole from a ring of real cells around it (4 cells
wide, at most 800 of them, a fixed random subset for the widest holes) with the empirical
covariance of the CLEAN grid (the truth, which no real method has): a near-best linear
estimate for a stationary field, so its ratio to GDAL tells whether the 0.7 bar is
reachable by any interpolator on these grids.  Next to it the same kriging with the
covariance estimated from the holed grid's own real cells (a method a user could run).

Speed: a 4096 x 4096 real-like grid (a real grid mirrored to that size) with 20% holes of
the same sizes, each method timed next to gdal.FillNodata. Bar: default within 5x.

    .venv/bin/python bench/run.py fillgaps            # everything
    FILLGAPS_QUICK=1 .venv/bin/python bench/run.py fillgaps   # accuracy only
    FILLGAPS_SPEED=1 .venv/bin/python bench/run.py fillgaps   # speed only
    FILLGAPS_METHODS=spline ...       # only these of gapfill.METHODS (comma-separated)
    FILLGAPS_ORACLE=0 ...             # accuracy without the kriging and best-per-hole rows
"""
import math
import os
import sys
import time
from pathlib import Path

import numpy as np
from osgeo import gdal

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import print_table, save_json  # noqa: E402

from geoinverse.algorithms.bathymetry import gapfill  # noqa: E402
from geoinverse.algorithms.raster import read_array  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "bathymetry"
SHARED = Path(os.environ.get("GEOINVERSE_SHARED_BATHY", "/work/shared/data/bathymetry")) \
    if not SHARED.is_dir() else SHARED
ETOPO5 = Path("/usr/share/ferret-vis/data/etopo5.cdf")
REGIONS = ["depth_pixel.nc", "bathy_1m.nc", "india_topo.nc", "pac_residual_topo.nc",
           "HI_topo_02.nc"]
CLASSES = {"1-2": (1, 2), "10": (10, 10), "50": (50, 50), "200": (200, 200)}
COUNTS = {"1-2": 400, "10": 40, "50": 4, "200": 1}
SEED = 20231
METHODS = [m for m in os.environ.get("FILLGAPS_METHODS", ",".join(gapfill.METHODS)).split(",")
           if m]
ORACLE = os.environ.get("FILLGAPS_ORACLE", "1") != "0"
KRIGE_RIM = 4          # width (cells) of the ring of real cells kriging sees around a hole
KRIGE_MAX_RIM = 800    # at most this many of them (a fixed random subset)
KRIGE_NUGGET = 1e-6    # x the variance, on the diagonal: keeps the system well posed


def disc(diameter):
    r = diameter / 2.0
    yy, xx = np.mgrid[:diameter, :diameter] + 0.5
    return (yy - r) ** 2 + (xx - r) ** 2 <= r * r + 1e-9


def punch(shape, rng, counts, gap=4):
    """Class label per cell (0 = real); holes do not touch each other nor the edge."""
    h, w = shape
    label = np.zeros(shape, np.int8)
    busy = np.zeros(shape, bool)
    for k, name in sorted(enumerate(CLASSES, start=1), key=lambda kv: -CLASSES[kv[1]][1]):
        lo, hi = CLASSES[name]
        placed = tries = 0
        while placed < counts[name] and tries < 5000:
            tries += 1
            d = int(rng.integers(lo, hi + 1))
            if d + 2 * gap + 2 >= min(h, w):
                break
            y = int(rng.integers(gap + 1, h - d - gap - 1))
            x = int(rng.integers(gap + 1, w - d - gap - 1))
            if busy[y - gap:y + d + gap, x - gap:x + d + gap].any():
                continue
            shape_d = disc(d)
            label[y:y + d, x:x + d][shape_d] = k
            busy[y:y + d, x:x + d] = True
            placed += 1
    return label


def punch_dense(shape, rng, fraction=0.20):
    """Holes of every class, each class covering an equal share of `fraction` of the grid
    (overlaps allowed: touching holes merge, as swath gaps do).  Class label per cell."""
    h, w = shape
    label = np.zeros(shape, np.int8)
    share = fraction / len(CLASSES)
    for k, name in sorted(enumerate(CLASSES, start=1), key=lambda kv: -CLASSES[kv[1]][1]):
        lo, hi = CLASSES[name]
        target = share * h * w
        while (label == k).sum() < target:
            if hi <= 2:      # 1 or 2 x 2 cells, placed all at once
                n = int(target - (label == k).sum()) // 2 + 1
                y = rng.integers(1, h - 3, n)
                x = rng.integers(1, w - 3, n)
                big = rng.random(n) < 0.5
                for dy, dx in ((0, 0), (0, 1), (1, 0), (1, 1)):
                    sel = big | ((dy == 0) & (dx == 0))
                    label[y[sel] + dy, x[sel] + dx] = k
                continue
            d = hi
            shape_d = disc(d)
            for _ in range(max(1, int((target - (label == k).sum()) / shape_d.sum()))):
                y = int(rng.integers(1, h - d - 1))
                x = int(rng.integers(1, w - d - 1))
                label[y:y + d, x:x + d][shape_d] = k
    return label


def covariance_map(grid):
    """Empirical covariance of the real cells of `grid` at every lag (dy, dx), through the
    FFT of the demeaned grid zero-padded to twice its size; divided by the number of
    real cells (the biased estimate), so every kriging matrix drawn from it is positive
    semi-definite.  Index [dy % 2h, dx % 2w]."""
    h, w = grid.shape
    valid = np.isfinite(grid)
    z = np.where(valid, grid - grid[valid].mean(), 0.0).astype(np.float64)
    spec = np.fft.rfft2(z, s=(2 * h, 2 * w))
    return np.fft.irfft2(np.abs(spec) ** 2, s=(2 * h, 2 * w)) / valid.sum()


def krige(grid, cov, seed=SEED):
    """Ordinary kriging (unknown constant mean) of every hole of `grid` from the ring of
    real cells around it, with the covariance map `cov` (covariance_map)."""
    from scipy import ndimage
    from scipy.linalg import lu_factor, lu_solve
    rng = np.random.default_rng(seed)
    out = grid.astype(np.float64).copy()
    known = np.isfinite(grid)
    labels, _ = ndimage.label(~known, structure=np.ones((3, 3), bool))
    ch, cw = cov.shape
    for i, sl in enumerate(ndimage.find_objects(labels), start=1):
        ys = slice(max(sl[0].start - KRIGE_RIM, 0), sl[0].stop + KRIGE_RIM)
        xs = slice(max(sl[1].start - KRIGE_RIM, 0), sl[1].stop + KRIGE_RIM)
        hole = labels[ys, xs] == i
        ring = ndimage.binary_dilation(hole, np.ones((3, 3), bool), KRIGE_RIM) & known[ys, xs]
        ry, rx = np.nonzero(ring)
        if ry.size > KRIGE_MAX_RIM:
            pick = np.sort(rng.choice(ry.size, KRIGE_MAX_RIM, replace=False))
            ry, rx = ry[pick], rx[pick]
        m = ry.size
        system = np.ones((m + 1, m + 1))
        system[:m, :m] = cov[(ry[:, None] - ry) % ch, (rx[:, None] - rx) % cw]
        system[:m, :m] += KRIGE_NUGGET * cov[0, 0] * np.eye(m)
        system[m, m] = 0.0
        factors = lu_factor(system)
        hy, hx = np.nonzero(hole)
        rim = grid[ys, xs][ry, rx].astype(np.float64)
        values = np.empty(hy.size)
        for s in range(0, hy.size, 4000):
            ty, tx = hy[s:s + 4000], hx[s:s + 4000]
            right = np.ones((m + 1, ty.size))
            right[:m] = cov[(ry[:, None] - ty) % ch, (rx[:, None] - tx) % cw]
            values[s:s + 4000] = rim @ lu_solve(factors, right)[:m]
        out[ys, xs][hole] = values
    return out.astype(np.float32)


def gdal_fill(grid, max_search):
    ds = gdal.GetDriverByName("MEM").Create("", grid.shape[1], grid.shape[0], 1,
                                            gdal.GDT_Float32)
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(float("nan"))
    band.WriteArray(grid)
    gdal.FillNodata(band, None, maxSearchDist=max_search, smoothingIterations=0)
    return band.ReadAsArray()


def regions():
    for name in REGIONS:
        path = SHARED / name
        if not path.exists():
            print(f"skip {name}: not found under {SHARED}")
            continue
        grid = read_array(path)[0]
        if np.isnan(grid).any():
            print(f"skip {name}: it is not fully valid")
            continue
        yield name, grid
    if ETOPO5.exists():
        ds = gdal.Open(f'NETCDF:"{ETOPO5}":ROSE') or gdal.Open(str(ETOPO5))
        band = ds.GetRasterBand(1)
        # North Atlantic ocean floor, 30-60 W, 20-45 N at 5' (fully valid, all ocean)
        full = band.ReadAsArray().astype(np.float32)
        gt = ds.GetGeoTransform()
        col = int(round((-60.0 - gt[0]) / gt[1])) % full.shape[1]
        row = int(round((45.0 - gt[3]) / gt[5])) if gt[5] < 0 else \
            int(round((20.0 - gt[3]) / gt[5]))
        cut = full[row:row + 300, col:col + 360]
        if gt[5] > 0:
            cut = cut[::-1]
        yield "etopo5 N Atlantic", cut
    else:
        print(f"skip ETOPO5: {ETOPO5} is absent (apt-get install ferret-datasets)")


def accuracy():
    rng = np.random.default_rng(SEED)
    names = list(CLASSES)
    extra = ["kriging (own covariance)", "ORACLE kriging (truth covariance)"] if ORACLE else []
    err = {m: {c: [] for c in names}
           for m in METHODS + extra + ["gdal default", "gdal fill-all"] + ([BEST] if ORACLE else [])}
    unfilled = {c: 0 for c in names}
    for region, truth in regions():
        label = punch(truth.shape, rng, COUNTS)
        grid = truth.copy()
        grid[label > 0] = np.nan
        results = {}
        for m in METHODS:
            t0 = time.perf_counter()
            results[m] = gapfill.fill_gaps_array(grid, m)[0]
            print(f"  {region}: {m} {time.perf_counter() - t0:.2f} s", flush=True)
        if ORACLE:
            t0 = time.perf_counter()
            results[extra[0]] = krige(grid, covariance_map(grid))
            results[extra[1]] = krige(grid, covariance_map(truth))
            print(f"  {region}: both krigings {time.perf_counter() - t0:.2f} s", flush=True)
        results["gdal default"] = gdal_fill(grid, 100)
        results["gdal fill-all"] = gdal_fill(grid, max(grid.shape))
        if ORACLE:
            results[BEST] = best_per_hole(results, truth, label > 0)
        for k, c in enumerate(names, start=1):
            sel = label == k
            for m, out in results.items():
                diff = (out[sel] - truth[sel]).astype(np.float64)
                if m == "gdal default":
                    unfilled[c] += int(np.isnan(diff).sum())
                err[m][c].append(diff[np.isfinite(diff)])
        rows = []
        for m, out in results.items():
            d = out[label > 0] - truth[label > 0]
            rows.append((m, f"{np.sqrt(np.nanmean(d.astype(np.float64) ** 2)):.2f}"))
        print(f"{region} {truth.shape}: " + ", ".join(f"{m} {r}" for m, r in rows), flush=True)
    table, payload = [], {}
    base = {c: _rmse(err["gdal fill-all"][c]) for c in names}
    base_all = _rmse(sum((err["gdal fill-all"][c] for c in names), []))
    for m in err:
        per = {c: _rmse(err[m][c]) for c in names}
        total = _rmse(sum((err[m][c] for c in names), []))
        payload[m] = {"classes": per, "all": total}
        table.append([m] + [f"{per[c]:.2f} ({per[c] / base[c]:.2f})" for c in names]
                     + [f"{total:.2f} ({total / base_all:.2f})"])
    print("\nRMSE inside the holes, m (ratio to gdal.FillNodata filling every hole):")
    print_table(["method"] + [f"holes {c}" for c in names] + ["all holes"], table)
    print(f"gdal default (maxSearchDist=100) left unfilled: {unfilled}")
    if gapfill.DEFAULT_METHOD not in payload:
        return payload
    d = payload[gapfill.DEFAULT_METHOD]
    ok_all = d["all"] <= 0.7 * base_all
    ok_cls = all(d["classes"][c] <= base[c] for c in names)
    print(f"BAR accuracy ({gapfill.DEFAULT_METHOD}): all holes ratio "
          f"{d['all'] / base_all:.2f} <= 0.70: {'PASS' if ok_all else 'FAIL'}; "
          f"no class worse than GDAL: {'PASS' if ok_cls else 'FAIL'}")
    return payload


BEST = "ORACLE best of the above, per hole"


def best_per_hole(results, truth, holes):
    """Every hole filled by whichever method is closest to the truth there (smallest
    squared error over the hole): a bound on any method that picks one of these per hole."""
    from scipy import ndimage
    lab = ndimage.label(holes, structure=np.ones((3, 3), bool))[0]
    methods = [m for m in results if m != "gdal default"]
    sse = np.array([np.bincount(lab[holes], weights=(results[m][holes].astype(np.float64)
                                                     - truth[holes]) ** 2)
                    for m in methods])
    pick = np.argmin(sse, axis=0)
    out = truth.copy()
    for i, m in enumerate(methods):
        cells = holes & (pick[lab] == i)
        out[cells] = results[m][cells]
    return out


def _rmse(parts):
    v = np.concatenate(parts) if parts else np.zeros(0)
    return float(np.sqrt(np.mean(v ** 2))) if v.size else float("nan")


def speed(tmp):
    truth = read_array(SHARED / "depth_pixel.nc")[0]
    n = 4096
    reps = (math.ceil(n / truth.shape[0]), math.ceil(n / truth.shape[1]))
    tiles = [[truth if (i + j) % 2 == 0 else truth[:, ::-1] for j in range(reps[1])]
             for i in range(reps[0])]
    big = np.block(tiles)[:n, :n].astype(np.float32)
    rng = np.random.default_rng(SEED + 1)
    label = punch_dense(big.shape, rng)
    grid = big.copy()
    grid[label > 0] = np.nan
    print(f"\n{n} x {n} grid, {100 * (label > 0).mean():.1f}% holes "
          f"({', '.join(f'{c}: {(label == k).sum():,} cells' for k, c in enumerate(CLASSES, 1))})")
    from geoinverse.algorithms.raster import write_array
    src = str(tmp / "speed_in.tif")
    write_array(src, grid)
    # wall clock and this process's CPU time: on a machine shared with other jobs the
    # wall clock also counts the time the scheduler gives them.  GDAL's best of 3 runs
    # is the baseline: the load of a shared machine only ever makes a run slower
    walls, cpus = [], []
    for _ in range(3):
        w0, c0 = time.perf_counter(), time.process_time()
        gdal_fill(grid, 300)
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    t_gdal, c_gdal = min(walls), min(cpus)
    rows = [["gdal.FillNodata (maxSearchDist=300, in memory, best of 3)", f"{t_gdal:.1f}",
             "1.00", f"{c_gdal:.1f}", "1.00"]]
    timings = {"gdal": t_gdal, "gdal cpu": c_gdal}
    for m in METHODS:
        w0, c0 = time.perf_counter(), time.process_time()
        info = gapfill.fill_raster(src, str(tmp / f"speed_{m}.tif"), method=m)
        t, c = time.perf_counter() - w0, time.process_time() - c0
        timings[m], timings[f"{m} cpu"] = t, c
        rows.append([f"{m} (fill_raster, tiled, from/to GeoTIFF)", f"{t:.1f}",
                     f"{t / t_gdal:.2f}", f"{c:.1f}", f"{c / c_gdal:.2f}"])
        print(f"  {m}: {t:.1f} s, margin {info['margin']}, {info['tiles']} tiles, "
              f"{info['cells_filled']:,} filled, {info['holes_too_big']} holes too big",
              flush=True)
    print_table(["method", "wall s", "x GDAL", "CPU s", "x GDAL (CPU)"], rows)
    if gapfill.DEFAULT_METHOD not in timings:
        return timings
    ratio = timings[gapfill.DEFAULT_METHOD] / t_gdal
    ratio_cpu = timings[f"{gapfill.DEFAULT_METHOD} cpu"] / c_gdal
    print(f"BAR speed ({gapfill.DEFAULT_METHOD}): {ratio:.2f} x GDAL (wall), "
          f"{ratio_cpu:.2f} x (CPU) <= 5: {'PASS' if ratio <= 5 else 'FAIL'}")
    return timings


def main():
    import tempfile
    results = {}
    if not os.environ.get("FILLGAPS_SPEED"):
        results["accuracy"] = accuracy()
    if not os.environ.get("FILLGAPS_QUICK"):
        with tempfile.TemporaryDirectory() as tmp:
            results["speed"] = speed(Path(tmp))
    save_json("fillgaps", results)


if __name__ == "__main__":
    main()
