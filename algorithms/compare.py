"""Compare a grid with a reference grid: the numbers hydrographers validate with.

Errors are `input - reference`, computed on the reference's grid.  An input on another
grid (resolution, extent or CRS) is warped onto it with bilinear interpolation through a
GDAL virtual raster, so even large grids stream window by window.  Reported: RMSE, MAE,
bias, max |error|, percentiles of |error|, and the same by slope class of the reference
(slope in degrees, pixel sizes converted to metres for geographic grids), plus the
number of compared cells.  The benchmarks of every GeoInverse method score with this.

Percentiles are exact up to `PERCENTILE_SAMPLE` compared cells; above that they come from
a uniform random sample of that size with a fixed seed, and the result says so.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np
from osgeo import gdal

from .errors import InputError
from .raster import RasterReader, RasterWriter, metric_cell_size
from .tiling import DEFAULT_TILE, check_cancel, plan_tiles, read_padded

SLOPE_CLASSES = (0.0, 1.0, 2.0, 5.0, 10.0, 20.0, 90.0)  # degrees, class edges
PERCENTILES = (50, 90, 95, 99)
PERCENTILE_SAMPLE = 20_000_000


@dataclass
class _Moments:
    count: int = 0
    total: float = 0.0
    total_abs: float = 0.0
    total_sq: float = 0.0
    max_abs: float = 0.0

    def add(self, err):
        if err.size == 0:
            return
        e = err.astype(np.float64)
        self.count += e.size
        self.total += float(e.sum())
        self.total_abs += float(np.abs(e).sum())
        self.total_sq += float((e * e).sum())
        self.max_abs = max(self.max_abs, float(np.abs(e).max()))

    def summary(self):
        if self.count == 0:
            return {"count": 0, "rmse": math.nan, "mae": math.nan, "bias": math.nan,
                    "max_abs": math.nan}
        return {"count": self.count, "rmse": math.sqrt(self.total_sq / self.count),
                "mae": self.total_abs / self.count, "bias": self.total / self.count,
                "max_abs": self.max_abs}


@dataclass
class Comparison:
    """The result of comparing a grid with a reference."""
    stats: dict
    by_slope: list = field(default_factory=list)
    histogram: tuple = ((), ())
    percentiles_exact: bool = True
    resampled: bool = False
    seconds: float = 0.0


def _same_grid(reader, ref):
    if (reader.width, reader.height) != (ref.width, ref.height):
        return False
    if reader.geotransform is None or ref.geotransform is None:
        return reader.geotransform is None and ref.geotransform is None
    tol = 1e-6 * max(abs(ref.geotransform[1]), abs(ref.geotransform[5]))
    return all(abs(a - b) <= tol for a, b in zip(reader.geotransform, ref.geotransform))


def _warp_onto(path, band, ref, resample):
    """A virtual raster of `path`'s band resampled onto the reference's grid."""
    if ref.geotransform is None:
        raise InputError("The reference has no georeferencing and the input is on another "
                         "grid; give two grids of the same size or georeference both.")
    gt = ref.geotransform
    bounds = (gt[0], gt[3] + gt[5] * ref.height, gt[0] + gt[1] * ref.width, gt[3])
    src = gdal.Open(str(path))
    if src.GetGeoTransform(can_return_null=True) is None:
        raise InputError(f"{path} has no georeferencing, so it cannot be placed on the "
                         "reference's grid.")
    # GDAL 3.6's Warp cannot pick a band: select it in a virtual raster first.
    one_band = gdal.Translate("", src, format="VRT", bandList=[band])
    vrt = gdal.Warp("", one_band, format="VRT", outputBounds=bounds, width=ref.width,
                    height=ref.height, dstSRS=ref.crs_wkt or None, resampleAlg=resample,
                    dstNodata=float("nan"), outputType=gdal.GDT_Float32)
    if vrt is None:
        raise InputError(f"GDAL could not resample {path} onto the reference grid: "
                         f"{gdal.GetLastErrorMsg()}")
    return vrt, one_band


def _aligned_reader(path, band, ref, resample):
    reader = RasterReader(path, band)
    if _same_grid(reader, ref):
        return reader, False
    reader.close()
    warped, source = _warp_onto(path, band, ref, resample)
    aligned = RasterReader.from_dataset(warped, path)
    aligned.keep_alive = source  # the warped VRT reads from it
    return aligned, True


def slope_degrees(padded, rows, sizes):
    """Slope of a tile padded by one cell, for the given absolute row numbers."""
    dx, dy = sizes(rows.astype(float))
    gy, gx = np.gradient(padded.astype(np.float64))
    gx = gx[1:-1, 1:-1] / dx[:, None]
    gy = gy[1:-1, 1:-1] / dy[:, None]
    return np.degrees(np.arctan(np.hypot(gx, gy)))


def compare_grids(input_path, reference_path, *, input_band=1, reference_band=1,
                  mask_path=None, difference_path=None, tile=DEFAULT_TILE,
                  progress=None, cancelled=None):
    """Compare `input_path` with `reference_path` on the reference's grid.

    `mask_path` (optional): compare only where this raster is non-zero and valid.
    `difference_path` (optional): write input - reference as float32 on the reference grid.
    """
    start = time.perf_counter()
    ref = RasterReader(reference_path, reference_band)
    inp, resampled = _aligned_reader(input_path, input_band, ref, "bilinear")
    mask = _aligned_reader(mask_path, 1, ref, "near")[0] if mask_path else None
    writer = None
    if difference_path:
        writer = RasterWriter(difference_path, ref.width, ref.height, ref.geotransform,
                              ref.crs_wkt, float("nan"), "input - reference")
    try:
        result = _accumulate(ref, inp, mask, writer, tile, progress, cancelled)
        if result.stats["count"] == 0:
            raise InputError("The grids share no valid cell (check extents, nodata and the "
                             "mask); nothing can be compared.")
        if writer:
            writer.commit()
    except BaseException:
        if writer:
            writer.abort()
        raise
    finally:
        for r in (ref, inp, mask):
            if r is not None:
                r.close()
    result.resampled = resampled
    result.seconds = time.perf_counter() - start
    return result


def _accumulate(ref, inp, mask, writer, tile, progress, cancelled):
    total = _Moments()
    classes = [_Moments() for _ in SLOPE_CLASSES[:-1]]
    sizes = metric_cell_size(ref.geotransform, ref.crs_wkt, ref.shape)
    rate = min(1.0, PERCENTILE_SAMPLE / max(ref.width * ref.height, 1))
    rng = np.random.default_rng(0)
    samples = []
    for t in plan_tiles(ref.width, ref.height, tile):
        check_cancel(cancelled)
        ref_pad = read_padded(ref, t, 1)
        err = inp.read(t.x0, t.y0, t.width, t.height) - ref_pad[1:-1, 1:-1]
        if mask is not None:
            m = mask.read(t.x0, t.y0, t.width, t.height)
            err[~(np.nan_to_num(m) != 0)] = np.nan
        if writer:
            writer.write(err, t.x0, t.y0)
        valid = ~np.isnan(err)
        total.add(err[valid])
        slope = slope_degrees(ref_pad, np.arange(t.y0, t.y0 + t.height), sizes)
        cls = np.digitize(slope, SLOPE_CLASSES[1:-1])
        for k, moments in enumerate(classes):
            moments.add(err[valid & (cls == k)])
        e = err[valid]
        samples.append(e if rate >= 1.0 else e[rng.random(e.size) < rate])
        if progress:
            progress((t.index + 1) / t.count)
    return _finish(total, classes, samples, rate >= 1.0)


def _finish(total, classes, samples, exact):
    stats = total.summary()
    errors = np.concatenate(samples) if samples else np.zeros(0, np.float32)
    absolute = np.abs(errors)
    for p in PERCENTILES:
        stats[f"p{p}"] = float(np.percentile(absolute, p)) if absolute.size else math.nan
    by_slope = []
    for lo, hi, moments in zip(SLOPE_CLASSES[:-1], SLOPE_CLASSES[1:], classes):
        row = moments.summary()
        row.update({"slope_min": lo, "slope_max": hi})
        by_slope.append(row)
    histogram = _histogram(errors)
    return Comparison(stats=stats, by_slope=by_slope, histogram=histogram,
                      percentiles_exact=exact)


def _histogram(errors, bins=41):
    if errors.size == 0:
        return (), ()
    lim = float(np.percentile(np.abs(errors), 99.5)) or 1.0
    counts, edges = np.histogram(np.clip(errors, -lim, lim), bins=bins, range=(-lim, lim))
    return tuple(int(c) for c in counts), tuple(float(e) for e in edges)


def report_html(result, input_name, reference_name):
    """The comparison as an HTML page: the numbers, errors by slope, the histogram."""
    from . import report
    s = result.stats
    summary = report.table(["statistic", "value"], [
        ("compared cells", s["count"]), ("RMSE", s["rmse"]), ("MAE", s["mae"]),
        ("bias (mean of input \u2212 reference)", s["bias"]), ("max |error|", s["max_abs"]),
    ] + [(f"{p}th percentile of |error|", s[f"p{p}"]) for p in PERCENTILES])
    notes = []
    if result.resampled:
        notes.append("The input was on another grid and was resampled bilinearly onto the "
                     "reference's grid.")
    if not result.percentiles_exact:
        notes.append(f"Percentiles come from a uniform random sample of about "
                     f"{PERCENTILE_SAMPLE:,} compared cells.")
    slope_rows = [(f"{r['slope_min']:g}\u2013{r['slope_max']:g}\u00b0", r["count"], r["rmse"],
                   r["mae"], r["bias"], r["max_abs"]) for r in result.by_slope]
    sections = [
        ("Inputs", f"<p>Input: <code>{input_name}</code><br>Reference: "
                   f"<code>{reference_name}</code></p>"
                   + "".join(f"<p class='note'>{n}</p>" for n in notes)),
        ("Summary (input \u2212 reference, in the grids' units)", summary),
        ("Error by slope of the reference", report.table(
            ["slope", "cells", "RMSE", "MAE", "bias", "max |error|"], slope_rows)),
        ("Distribution of errors", report.svg_bars(*result.histogram,
                                                   label="input \u2212 reference")),
    ]
    return report.page("Grid comparison", sections)
