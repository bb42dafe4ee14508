"""Composition profiles: sample rasters along a drawn line, averaged across a width.

A profile is what a petrologist reads off a zoned crystal (a core-to-rim traverse of a
garnet, the input of a P-T path): the line is cut into points `step` apart (map units,
i.e. pixels for EPMA maps); at each point the pixels on a segment perpendicular to the
line, `width` long, are averaged (NaN/nodata ignored), so a wide profile smooths the
counting noise of X-ray maps without mixing along the traverse.

Coordinates are those QGIS shows: a non-georeferenced raster (EPMA maps; no
geotransform) covers x in [0, W], y in [-H, 0], pixel (row, col) centred at
x = col + 0.5, y = -(row + 0.5) (DESIGN.md); a georeferenced one follows its
geotransform. Pixel values are taken as they are (nearest pixel, no interpolation across
grain boundaries). Rasters are read through raster.RasterReader, only the window around
the line.
"""
from __future__ import annotations

import os

import numpy as np

from .errors import Cancelled, InputError
from .raster import RasterReader


def line_points(vertices, step):
    """Points every `step` along a polyline: (distance, x, y, unit normal x, y)."""
    v = np.asarray(vertices, dtype=np.float64)
    if v.ndim != 2 or v.shape[1] != 2 or len(v) < 2:
        raise InputError("The profile line needs at least two vertices.")
    seg = np.diff(v, axis=0)
    lengths = np.hypot(seg[:, 0], seg[:, 1])
    keep = lengths > 0
    v = np.vstack([v[:1], v[1:][keep]])
    seg, lengths = seg[keep], lengths[keep]
    total = lengths.sum()
    if total <= 0:
        raise InputError("The profile line has zero length.")
    if not step > 0:
        raise InputError(f"The step must be positive (got {step}).")
    if total / step > 1e6:
        raise InputError(f"A step of {step} cuts a line {total:.4g} long into more than a "
                         "million points; choose a larger step.")
    d = np.arange(0.0, total + 1e-9 * total, step)
    cum = np.r_[0.0, np.cumsum(lengths)]
    k = np.clip(np.searchsorted(cum, d, side="right") - 1, 0, len(seg) - 1)
    frac = (d - cum[k]) / lengths[k]
    xy = v[k] + seg[k] * frac[:, None]
    tangent = seg[k] / lengths[k][:, None]
    normal = np.c_[-tangent[:, 1], tangent[:, 0]]
    return d, xy, normal


def _pixel_index(x, y, geotransform):
    if geotransform is None:
        return np.floor(-y).astype(np.int64), np.floor(x).astype(np.int64)
    x0, dx, _, y0, _, dy = geotransform
    return (np.floor((y - y0) / dy).astype(np.int64),
            np.floor((x - x0) / dx).astype(np.int64))


def sample(reader, xy, normal, width, pixel):
    """Mean and count of valid pixels across the width at each point of one raster."""
    n_across = max(1, int(round(width / pixel)) if width > 0 else 1)
    offsets = (np.arange(n_across) - (n_across - 1) / 2) * (width / n_across if width > 0
                                                           else 0.0)
    px = xy[:, 0, None] + normal[:, 0, None] * offsets[None, :]
    py = xy[:, 1, None] + normal[:, 1, None] * offsets[None, :]
    rows, cols = _pixel_index(px, py, reader.geotransform)
    inside = (rows >= 0) & (rows < reader.height) & (cols >= 0) & (cols < reader.width)
    values = np.full(rows.shape, np.nan)
    if inside.any():
        r0, r1 = rows[inside].min(), rows[inside].max() + 1
        c0, c1 = cols[inside].min(), cols[inside].max() + 1
        window = reader.read(c0, r0, c1 - c0, r1 - r0)
        values[inside] = window[rows[inside] - r0, cols[inside] - c0]
    count = np.isfinite(values).sum(axis=1)
    with np.errstate(invalid="ignore"):
        mean = np.where(count > 0, np.nansum(np.nan_to_num(values), axis=1)
                        / np.maximum(count, 1), np.nan)
    return mean, count


def raster_names(paths):
    """Column names: file stems, made unique with the parent folder when they clash."""
    stems = [os.path.splitext(os.path.basename(p))[0] for p in paths]
    return [f"{os.path.basename(os.path.dirname(p))}/{s}" if stems.count(s) > 1 else s
            for p, s in zip(paths, stems)]


def folder_rasters(folder):
    """The GeoTIFFs of a folder (e.g. the output of Quantify EPMA maps), sorted."""
    if not os.path.isdir(folder):
        raise InputError(f"{folder} is not a folder.")
    return sorted(os.path.join(folder, f) for f in os.listdir(folder)
                  if f.lower().endswith((".tif", ".tiff")))


def profile(paths, vertices, step=1.0, width=1.0, progress=None, cancelled=None):
    """Sample every raster along the line: {"distance", "x", "y", name: values, ..., "n"}
    (n: pixels averaged at each point, of the last raster)."""
    if not paths:
        raise InputError("Give at least one raster (the quantified maps or their folder).")
    d, xy, normal = line_points(vertices, step)
    out = {"distance": d, "x": xy[:, 0], "y": xy[:, 1]}
    names = raster_names(paths)
    shape = None
    for i, (name, path) in enumerate(zip(names, paths)):
        if cancelled is not None and cancelled():
            raise Cancelled()
        with RasterReader(path) as reader:
            if shape is not None and reader.shape != shape:
                raise InputError(f"{path} is {reader.shape[1]} x {reader.shape[0]} pixels, "
                                 f"the others {shape[1]} x {shape[0]}: profile maps of one "
                                 "map set.")
            shape = reader.shape
            pixel = 1.0 if reader.geotransform is None else abs(reader.geotransform[1])
            out[name], count = sample(reader, xy, normal, width, pixel)
        if progress is not None:
            progress((i + 1) / len(paths))
    if all(np.isnan(out[n]).all() for n in names):
        raise InputError("The line does not cross the rasters: draw it over the maps "
                         "(non-georeferenced maps lie at x 0..width, y -height..0).")
    out["n"] = count
    return out


def profile_report(table, names, title="Composition profile"):
    from . import report
    d = table["distance"]
    sections = [(name, report.svg_plot([(d, table[name], {"color": "#1b5e9e",
                                                          "marker": len(d) < 200})],
                                       xlabel="Distance along the line", ylabel=name,
                                       height=220))
                for name in names]
    return report.page(title, sections)


def run_profile(paths, vertices, output, report_path=None, step=1.0, width=1.0, prefix="",
                progress=None, cancelled=None):
    """geoinverse:epmaprofile: CSV table (and HTML profile plots) of all rasters.

    prefix: put before every map's column name (e.g. "grt_" makes the oxide columns of
    a garnet traverse the host columns of a ptpath zone table)."""
    from . import report
    table = profile(paths, vertices, step, width, progress, cancelled)
    if prefix:
        table = {(k if k in ("distance", "x", "y", "n") else prefix + k): v
                 for k, v in table.items()}
    names = [k for k in table if k not in ("distance", "x", "y", "n")]
    header = ["distance", "x", "y"] + names + ["n"]
    rows = zip(*(table[k] for k in header))
    text = report.csv_text(header, rows)
    page = profile_report(table, names) if report_path else None
    report.write(output, text)
    if report_path:
        report.write(report_path, page)
    return table, names
