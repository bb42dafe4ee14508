"""Tiled runs on a Dask distributed cluster: the tiles of a TilePlan as tasks.

The same plan the sequential tiler carries out (tiling.TilePlan: tiles, margin, scale,
tile function) is carried out here by the workers of a Dask distributed cluster
(Rocklin 2015, "Dask: parallel computation with blocked algorithms and task
scheduling", Proc. SciPy; the `distributed` scheduler), not by a scheduler of our own:

- Each tile is one task.  A worker reads the tile's padded window straight from the
  input path with GDAL (the reader travels as its path and band, so the path must be one
  every worker can read: a shared filesystem, /vsis3/, /vsicurl/), runs the tile function
  and writes the tile's core as a small GeoTIFF (one per output) into a tiles folder
  beside the output, `OUTPUT.tiles/`.  Every output pixel comes from the same
  `TilePlan.compute` as in the sequential run, so the result is bit-for-bit the same.
- Tasks are idempotent: a tile's rasters go to a temporary name and are renamed when
  complete, then a small JSON record of the tile (valid cells, tallies, seconds) is
  renamed into place last.  A tile is done when its record and rasters exist.  Dask
  reruns the tasks of a worker that dies; a rerun of the whole command after a crash or
  a cancel skips the tiles already done, provided the run is the same (the folder's
  manifest holds the caller's signature of the run and the plan's geometry; another run
  clears the folder).  Tile files carry a hash of that manifest in their names, so a
  task of another run that is still running after a cancel cannot pass for ours.
- The client assembles the tiles: a VRT placing each tile at its pixel offset, turned
  into a Cloud-Optimised GeoTIFF (GDAL's COG driver) and the tiles removed, or, for a
  destination ending in .vrt (outputs too big for one file), the VRT itself, kept with
  its tiles.

Dask is an optional dependency, imported lazily through errors.require.
"""
from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
import time
import uuid
from xml.sax.saxutils import escape

from .errors import InputError, require
from .raster import RasterWriter
from .tiling import TiledRun, add_counts, check_cancel

MANIFEST = "manifest.json"


def tiles_folder(path):
    """Where a distributed run keeps the tiles of the output `path`."""
    return str(path) + ".tiles"


class TileJob:
    """What every task needs, sent once to each worker: the plan, the input reader, the
    tiles folder and each output's nodata value (None for an output not asked for)."""

    def __init__(self, plan, reader, folder, nodata, key):
        self.plan = plan
        self.reader = reader
        self.folder = folder
        self.nodata = nodata
        self.key = key   # names this run's files: a straggling task of another run
        #                  (still running after a cancel) can never pass for one of ours

    def raster_paths(self, t):
        name = f"{self.key}_{t.index:06d}.tif"
        return [None if nd is None else os.path.join(self.folder, f"out{k}_{name}")
                for k, nd in enumerate(self.nodata)]

    def record_path(self, t):
        return os.path.join(self.folder, f"tile_{self.key}_{t.index:06d}.json")

    def finished(self, t):
        """The tile's record when the tile is complete on disk, else None."""
        record = self.record_path(t)
        if not os.path.exists(record):
            return None
        if not all(p is None or os.path.exists(p) for p in self.raster_paths(t)):
            return None
        with open(record) as f:
            return json.load(f)

    def run(self, t):
        """Compute and write tile `t` (a task: safe to run twice)."""
        done = self.finished(t)
        if done is not None:
            return done
        start = time.perf_counter()
        outcome = self.plan.compute(self.reader, t)
        self.reader.release_cache()
        h, w = t.height * self.plan.scale, t.width * self.plan.scale
        for path, nodata, array in zip(self.raster_paths(t), self.nodata, outcome.outputs):
            if path is not None:
                with RasterWriter(path, w, h, None, "", nodata) as writer:
                    writer.write(array, 0, 0)
        record = {"valid_cells": outcome.valid_cells, "counts": outcome.counts,
                  "seconds": time.perf_counter() - start}
        tmp = f"{self.record_path(t)}.{uuid.uuid4().hex}.partial"
        with open(tmp, "w") as f:
            json.dump(record, f)
        os.replace(tmp, self.record_path(t))
        return record


def run_tile(job, t):
    """The task: one tile of a TileJob (a module-level function, so workers import it)."""
    return job.run(t)


class DaskExecutor:
    """Carries a TilePlan out on a Dask distributed cluster (see the module docstring).

    `client`: a distributed.Client.  `signature`: a string naming the run (method, input,
    parameters); with it a rerun of the same run resumes from the tiles already done,
    without it every run starts afresh.  `overviews`: give the assembled COG overviews
    (most of the assembly's time: 15 s of 19 s for a 8192 x 8192 output here).
    """

    def __init__(self, client, signature=None, overviews=True):
        self.client = client
        self.signature = signature
        self.overviews = overviews
        self.last_run = None   # the TiledRun of the latest execute (for benchmarks)

    def execute(self, plan, reader, writers, progress=None, cancelled=None):
        distributed = require("distributed")
        active = [w for w in writers if w is not None]
        folder = tiles_folder(active[0].path)
        nodata = [None if w is None else w.nodata for w in writers]
        manifest = self._manifest(plan, reader, nodata)
        key = (hashlib.sha1(json.dumps(manifest, sort_keys=True).encode()).hexdigest()[:12]
               if self.signature is not None else uuid.uuid4().hex[:12])
        job = TileJob(plan, reader, folder, nodata, key)
        try:
            require("cloudpickle").dumps(job)
        except Exception as error:   # whatever the object that cannot be pickled raises
            raise InputError(f"This method cannot run on a cluster: its tile function "
                             f"holds something that cannot be sent to another process "
                             f"({error}). Run it in one process (no --workers/--scheduler)."
                             ) from error
        self._prepare(folder, manifest)
        run = TiledRun()
        start = time.perf_counter()
        tiles = plan.tiles()
        todo = []
        for t in tiles:
            record = job.finished(t)
            if record is None:
                todo.append(t)
            else:
                self._add(run, record)
                run.skipped += 1
        if progress is not None and run.tiles:
            progress(run.tiles / len(tiles))
        if todo:
            self._compute(distributed, job, todo, run, len(tiles), progress, cancelled)
        for k, w in enumerate(writers):
            if w is not None:
                w.adopt(self._vrt(job, k, w, tiles),
                        lambda k=k, keep=w.driver == "VRT": self._clean(job, k, keep),
                        lambda: _remove_folder(job.folder), self.overviews)
        run.seconds = time.perf_counter() - start
        self.last_run = run
        return run

    def _compute(self, distributed, job, todo, run, total, progress, cancelled):
        client = self.client
        shared = client.scatter(job, broadcast=True, hash=False)
        name = uuid.uuid4().hex[:8]
        futures = [client.submit(run_tile, shared, t, key=f"geoinverse-tile-{name}-{t.index}",
                                 retries=1) for t in todo]
        try:
            for future in distributed.as_completed(futures):
                check_cancel(cancelled)
                self._add(run, future.result())
                future.release()
                if progress is not None:
                    progress(run.tiles / total)
        finally:
            client.cancel(futures)
            client.cancel([shared])

    @staticmethod
    def _add(run, record):
        run.tiles += 1
        run.valid_cells += record["valid_cells"]
        run.busy += record["seconds"]
        add_counts(run.counts, record["counts"])

    def _manifest(self, plan, reader, nodata):
        """What identifies this run: the caller's signature, the input, the plan."""
        try:
            stat = os.stat(reader.path)
            input_id = [reader.path, stat.st_size, stat.st_mtime_ns]
        except OSError:   # /vsis3/ and friends: the path names the input
            input_id = [reader.path]
        return {"signature": self.signature, "input": input_id, "band": reader.band_index,
                "plan": [plan.width, plan.height, plan.tile, plan.margin, plan.scale,
                         plan.outputs, plan.skip_empty],
                "nodata": [None if nd is None else repr(nd) for nd in nodata]}

    def _prepare(self, folder, manifest):
        """Create the tiles folder; keep its tiles only if they belong to this very run."""
        path = os.path.join(folder, MANIFEST)
        if os.path.isdir(folder):
            old = None
            if os.path.exists(path):
                with open(path) as f:
                    old = json.load(f)
            if self.signature is None or old != manifest:
                _remove_tiles(folder)
        else:
            try:
                os.makedirs(folder)
            except OSError as error:
                raise InputError(f"Cannot create the tiles folder {folder}: {error}") \
                    from error
        with open(path, "w") as f:
            json.dump(manifest, f)

    @staticmethod
    def _vrt(job, k, writer, tiles):
        """A VRT placing output k's tiles at their pixel offsets, beside the output."""
        width, height = job.plan.output_size
        scale = job.plan.scale
        sub = os.path.basename(job.folder)
        sources = []
        for t in tiles:
            name = f"{sub}/{os.path.basename(job.raster_paths(t)[k])}"
            w, h = t.width * scale, t.height * scale
            sources.append(
                f'    <SimpleSource>\n'
                f'      <SourceFilename relativeToVRT="1">{escape(name)}</SourceFilename>\n'
                f'      <SourceBand>1</SourceBand>\n'
                f'      <SourceProperties RasterXSize="{w}" RasterYSize="{h}" '
                f'DataType="Float32" BlockXSize="256" BlockYSize="256"/>\n'
                f'      <SrcRect xOff="0" yOff="0" xSize="{w}" ySize="{h}"/>\n'
                f'      <DstRect xOff="{t.x0 * scale}" yOff="{t.y0 * scale}" '
                f'xSize="{w}" ySize="{h}"/>\n'
                f'    </SimpleSource>\n')
        head = [f'<VRTDataset rasterXSize="{width}" rasterYSize="{height}">\n']
        if writer.crs_wkt:
            head.append(f"  <SRS>{escape(writer.crs_wkt)}</SRS>\n")
        if writer.geotransform is not None:
            head.append("  <GeoTransform>" + ", ".join(repr(float(v)) for v in
                                                      writer.geotransform)
                        + "</GeoTransform>\n")
        band = ['  <VRTRasterBand dataType="Float32" band="1">\n',
                f"    <NoDataValue>{repr(float(writer.nodata))}</NoDataValue>\n"]
        if writer.description:
            band.append(f"    <Description>{escape(writer.description)}</Description>\n")
        text = "".join(head + band + sources + ["  </VRTRasterBand>\n", "</VRTDataset>\n"])
        path = os.path.join(os.path.dirname(os.path.abspath(writer.path)),
                            f"{os.path.basename(writer.path)}.assembling.vrt")
        with open(path, "w") as f:
            f.write(text)
        return path

    @staticmethod
    def _clean(job, k, keep):
        """After output k is committed: its tiles go unless the output is their VRT
        (`keep`); the folder goes when no tile raster is left in it."""
        if not keep:
            for path in glob.glob(os.path.join(job.folder, f"out{k}_*.tif")):
                os.remove(path)
        if not glob.glob(os.path.join(job.folder, "out*_*.tif")):
            _remove_folder(job.folder)


def _remove_tiles(folder):
    for pattern in ("out*_*.tif*", "tile_*.json*", MANIFEST):
        for path in glob.glob(os.path.join(folder, pattern)):
            with contextlib.suppress(FileNotFoundError):   # a straggler renamed it
                os.remove(path)


def _remove_folder(folder):
    """Remove the tiles folder: our files, then the folder if nothing else is in it."""
    if os.path.isdir(folder):
        _remove_tiles(folder)
        with contextlib.suppress(OSError):
            os.rmdir(folder)


@contextlib.contextmanager
def dask_client(workers=0, scheduler=None):
    """A distributed.Client: on the cluster at `scheduler` (an address such as
    tcp://host:8786), or on a local cluster of `workers` processes with one thread each
    (started here and closed at the end of the block)."""
    distributed = require("distributed")
    if scheduler:
        with distributed.Client(scheduler) as client:
            yield client
        return
    if workers < 1:
        raise InputError(f"A local cluster needs at least one worker (got {workers}).")
    dask = require("dask")
    with dask.config.set({"distributed.nanny.pre-spawn-environ": worker_environment()}), \
            distributed.LocalCluster(n_workers=int(workers), threads_per_worker=1,
                                     processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        yield client


def worker_environment():
    """Dask's environment for new worker processes without MALLOC_TRIM_THRESHOLD_.

    Dask sets it (to hand freed memory back to the system at once); it also turns off
    glibc's adaptive mmap threshold, so every tile-sized numpy array is mapped afresh and
    page-faulted in: measured here, bicubic on 64 tiles of 512 took 8.8 s with it and
    4.9 s without, in one process.  Tiles allocate the same sizes over and over, so
    keeping the memory is the right trade."""
    dask = require("dask")
    require("distributed")   # registers its configuration
    env = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}))
    env.pop("MALLOC_TRIM_THRESHOLD_", None)
    return env
