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

A tiled run is a plan (`TilePlan`: the tiles, the margin, the scale, the tile function)
that an executor carries out: `SequentialExecutor`, tile after tile in this process (what
QGIS runs), or `distributed.DaskExecutor`, each tile a task on a Dask cluster.  Both call
`TilePlan.compute` for every tile, so both write the same numbers.  For a plan to travel
to other processes its tile function must pickle (cloudpickle: closures are fine) and
report its tallies by returning a `Counted`; what cannot travel (an onnxruntime session)
is wrapped in a `PerProcess`, made again on first use in each process.
"""
from __future__ import annotations

import contextlib
import contextvars
import math
import time
from dataclasses import dataclass, field

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
    """What a tiled run saw: tiles processed (of which `skipped` were found already done
    by a resumed distributed run), valid input cells, tallies of the tile functions
    (Counted), seconds taken, and seconds the tiles themselves took (`busy`, summed over
    workers; 0 for a sequential run)."""
    tiles: int = 0
    valid_cells: int = 0
    seconds: float = 0.0
    counts: dict = field(default_factory=dict)
    skipped: int = 0
    busy: float = 0.0


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


@dataclass
class Counted:
    """What a tile function may return instead of its bare output(s): the output(s) and
    numbers to add up over the run (into TiledRun.counts).  Tiles can run in other
    processes (algorithms/distributed.py), so a tile function reports its tallies this
    way, never by changing a variable of its caller."""
    outputs: object
    counts: dict


@dataclass
class TileOutcome:
    """One computed tile: its output arrays (cores, scaled), valid input cells, tallies."""
    outputs: list
    valid_cells: int
    counts: dict


@dataclass(frozen=True)
class TilePlan:
    """A tiled run, as data: which tiles, how much context, what to compute on each.

    `func(padded)` (or `func(padded, tile)` with `pass_tile`) receives a float32 array
    with NaN for nodata and `margin` cells of context around the core, and returns an
    array `scale` times larger than either the padded tile or its core; with `outputs`
    > 1 (or `several`), a list of such arrays (None for an output not asked for), or a
    Counted.  An executor carries the plan out: `SequentialExecutor` here, tile after
    tile, or `distributed.DaskExecutor`, tiles as tasks on a Dask cluster.  Both call
    `compute` for every tile, so they give the same numbers.
    """
    width: int
    height: int
    func: object
    scale: int = 1
    margin: int = 0
    tile: int = DEFAULT_TILE
    outputs: int = 1
    several: bool = False
    skip_empty: bool = True
    pass_tile: bool = False

    def tiles(self):
        return plan_tiles(self.width, self.height, self.tile)

    @property
    def output_size(self):
        return self.width * self.scale, self.height * self.scale

    def compute(self, reader, t):
        """Read tile `t`'s padded window from `reader` and run the method on it."""
        padded = read_padded(reader, t, self.margin)
        m = self.margin
        valid = int(np.count_nonzero(~np.isnan(padded[m:m + t.height, m:m + t.width])))
        if valid == 0 and self.skip_empty:
            empty = np.full((t.height * self.scale, t.width * self.scale), np.nan,
                            np.float32)
            return TileOutcome([empty] * self.outputs, 0, {})
        result = self.func(padded, t) if self.pass_tile else self.func(padded)
        counts = {}
        if isinstance(result, Counted):
            result, counts = result.outputs, result.counts
        if not self.several:
            result = [result]
        outs = [None if r is None else crop_core(r, m, t, self.scale) for r in result]
        return TileOutcome(outs, valid, counts)


class PerProcess:
    """A value that cannot be sent to another process (an onnxruntime session, an open
    file), made from a recipe that can: `factory(*args)` runs on the first `get()` in
    each process; pickling keeps only the recipe."""

    def __init__(self, factory, *args):
        self.factory, self.args, self._value = factory, args, None

    def get(self):
        if self._value is None:
            self._value = self.factory(*self.args)
        return self._value

    def __getstate__(self):
        return {"factory": self.factory, "args": self.args}

    def __setstate__(self, state):
        self.__init__(state["factory"], *state["args"])


def add_counts(total, counts):
    for key, value in counts.items():
        total[key] = total.get(key, 0) + value


class SequentialExecutor:
    """Carries a TilePlan out in this process, tile after tile, into open RasterWriters."""

    def execute(self, plan, reader, writers, progress=None, cancelled=None):
        run = TiledRun()
        start = time.perf_counter()
        for t in plan.tiles():
            check_cancel(cancelled)
            outcome = plan.compute(reader, t)
            run.valid_cells += outcome.valid_cells
            add_counts(run.counts, outcome.counts)
            for w, out in zip(writers, outcome.outputs):
                if w is not None:
                    w.write(out, t.x0 * plan.scale, t.y0 * plan.scale)
            if t.x0 + t.width == plan.width:
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


SEQUENTIAL = SequentialExecutor()
_executor = contextvars.ContextVar("geoinverse_executor", default=SEQUENTIAL)


@contextlib.contextmanager
def using(executor):
    """Every run_tiled inside the block is carried out by `executor` (e.g. a
    distributed.DaskExecutor), so a method's `*_raster` function runs unchanged on a
    cluster: `with using(DaskExecutor(client)): upsample_raster(src, dst, 2)`."""
    token = _executor.set(executor if executor is not None else SEQUENTIAL)
    try:
        yield
    finally:
        _executor.reset(token)


def run_tiled(reader, func, writer, *, scale=1, margin=0, tile=DEFAULT_TILE,
              progress=None, cancelled=None, skip_empty=True, pass_tile=False,
              executor=None):
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
    Tile (its global position), for methods that need it.  `func` may wrap its result in
    a Counted to add numbers up over the run (TiledRun.counts).

    The run is a TilePlan carried out by `executor`, or by the one `using` set (this
    process, tile after tile, by default).
    """
    several = isinstance(writer, (list, tuple))
    writers = list(writer) if several else [writer]
    plan = TilePlan(reader.width, reader.height, func, scale=scale, margin=margin,
                    tile=tile, outputs=len(writers), several=several,
                    skip_empty=skip_empty, pass_tile=pass_tile)
    return (executor or _executor.get()).execute(plan, reader, writers, progress,
                                                 cancelled)


def margin_for(receptive_field):
    """Context cells needed on each side for a method whose kernel spans `receptive_field`."""
    return int(math.ceil(receptive_field / 2))
