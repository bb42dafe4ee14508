"""Overlapped tiles for every raster method: bounded memory, no seams, progress, cancel.

The raster is cut into non-overlapping *core* windows.  Each core is read together with a
margin of context on all four sides; where the margin falls outside the raster it is
filled by reflecting the raster about its edge (so every edge is treated alike, unlike
tilers that pad only right/bottom).  The method runs on the padded tile at the same or an
integer-scaled resolution, and only the core of its result is written.

Why overlap-and-crop rather than feathered blending: when the margin covers the method's
receptive field, every output pixel is computed from exactly the context it would have had
in a single pass over the whole raster, so the tiled result *equals* the one-pass result
(no seam can exist), each output pixel is written once, and memory is bounded by the tile
alone, never by a row of tiles.  Methods whose influence is not strictly local pick a
margin where it has decayed below the output precision.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np

from .errors import Cancelled, InputError

DEFAULT_TILE = 512


@dataclass(frozen=True)
class Tile:
    """A core window in input pixels, and its place in the sequence of tiles."""
    x0: int
    y0: int
    width: int
    height: int
    index: int
    count: int


@dataclass
class TiledRun:
    """What a tiled run saw: tiles processed, valid input cells, seconds taken."""
    tiles: int = 0
    valid_cells: int = 0
    seconds: float = 0.0


def plan_tiles(width, height, tile=DEFAULT_TILE):
    """Row-major list of core windows of at most `tile` x `tile` covering the raster."""
    if tile < 1:
        raise InputError(f"The tile size must be at least 1 pixel (got {tile}).")
    xs = range(0, width, tile)
    ys = range(0, height, tile)
    count = len(xs) * len(ys)
    tiles = []
    for y0 in ys:
        for x0 in xs:
            tiles.append(Tile(x0, y0, min(tile, width - x0), min(tile, height - y0),
                              len(tiles), count))
    return tiles


def reflect_pad(array, before_y, after_y, before_x, after_x):
    """Pad by mirroring about the edge cell; a one-cell axis is repeated instead."""
    widths = ((before_y, after_y), (before_x, after_x))
    if min(array.shape) > 1:
        return np.pad(array, widths, mode="reflect")
    return np.pad(array, widths, mode="edge")


def read_padded(reader, tile, margin):
    """The tile's core plus `margin` cells of context, reflect-padded at raster edges."""
    x_lo, y_lo = tile.x0 - margin, tile.y0 - margin
    x_hi, y_hi = tile.x0 + tile.width + margin, tile.y0 + tile.height + margin
    cx_lo, cy_lo = max(x_lo, 0), max(y_lo, 0)
    cx_hi, cy_hi = min(x_hi, reader.width), min(y_hi, reader.height)
    data = reader.read(cx_lo, cy_lo, cx_hi - cx_lo, cy_hi - cy_lo)
    return reflect_pad(data, cy_lo - y_lo, y_hi - cy_hi, cx_lo - x_lo, x_hi - cx_hi)


def crop_core(result, margin, tile, scale):
    """The part of a method's result on a padded tile that belongs to the tile's core.

    A method may return its result over the whole padded tile, or over the core alone
    (methods that consume their context, such as convolutions without padding).
    """
    core = (tile.height * scale, tile.width * scale)
    if result.shape == core:
        return result
    m = margin * scale
    full = ((tile.height + 2 * margin) * scale, (tile.width + 2 * margin) * scale)
    if result.shape != full:
        raise RuntimeError(f"The tile function returned shape {result.shape}, "
                           f"expected {full} or {core} for scale {scale}.")
    return result[m:m + tile.height * scale, m:m + tile.width * scale]


def check_cancel(cancelled):
    if cancelled is not None and cancelled():
        raise Cancelled("Cancelled by the user.")


def run_tiled(reader, func, writer, *, scale=1, margin=0, tile=DEFAULT_TILE,
              progress=None, cancelled=None, skip_empty=True, pass_tile=False):
    """Apply `func` tile by tile from `reader` to `writer`.

    `func(padded)` receives a float32 array with NaN for nodata, `margin` cells of context
    around the core, and returns an array `scale` times larger than either the padded tile
    or its core.  Tiles with no valid cell are written as nodata without calling `func`
    (`skip_empty`).
    `progress(fraction)` is called after each tile; `cancelled()` is polled before each
    one, and a True stops the run by raising Cancelled.

    `writer` may be a list of writers: `func` then returns a list of arrays, one per
    writer, each cropped and written alike; a None writer (an optional output the user
    did not ask for) is skipped.  With `pass_tile`, `func(padded, tile)` also receives the
    Tile (its global position), for methods that need it.
    """
    writers = writer if isinstance(writer, (list, tuple)) else [writer]
    run = TiledRun()
    start = time.perf_counter()
    for t in plan_tiles(reader.width, reader.height, tile):
        check_cancel(cancelled)
        padded = read_padded(reader, t, margin)
        core = padded[margin:margin + t.height, margin:margin + t.width]
        valid = int(np.count_nonzero(~np.isnan(core)))
        run.valid_cells += valid
        if valid == 0 and skip_empty:
            outs = [np.full((t.height * scale, t.width * scale), np.nan, np.float32)] \
                * len(writers)
        else:
            result = func(padded, t) if pass_tile else func(padded)
            if not isinstance(writer, (list, tuple)):
                result = [result]
            outs = [crop_core(r, margin, t, scale) for r in result]
        for w, out in zip(writers, outs):
            if w is not None:
                w.write(out, t.x0 * scale, t.y0 * scale)
        if t.x0 + t.width == reader.width:
            # End of a row of tiles: keep GDAL's block cache to about one row.
            for w in writers:
                if w is not None:
                    w.flush()
            reader.release_cache()
        run.tiles += 1
        if progress is not None:
            progress((t.index + 1) / t.count)
    run.seconds = time.perf_counter() - start
    return run


def margin_for(receptive_field):
    """Context cells needed on each side for a method whose kernel spans `receptive_field`."""
    return int(math.ceil(receptive_field / 2))
