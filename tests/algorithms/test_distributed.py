"""Tiled runs on Dask distributed (issue #11): the same tile plan as the sequential
tiler, tiles as tasks on a LocalCluster of 2 worker processes with one thread each;
results bit for bit equal to the single-process run, a killed worker, a resumed run."""
import json
import os
import signal
import time

import numpy as np
import pytest

distributed = pytest.importorskip("distributed")

from geoinverse.algorithms.bathymetry import denoise, gapfill, resample, sparse_sr  # noqa: E402
from geoinverse.algorithms.bathymetry.resample import MARGIN, bicubic_padded  # noqa: E402
from geoinverse.algorithms.distributed import DaskExecutor, tiles_folder  # noqa: E402
from geoinverse.algorithms.errors import Cancelled, InputError  # noqa: E402
from geoinverse.algorithms.raster import RasterReader, RasterWriter, read_array, write_array  # noqa: E402,E501
from geoinverse.algorithms.tiling import run_tiled, using  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local, \
            distributed.Client(local) as client:
        yield client


@pytest.fixture
def client(cluster):
    cluster.wait_for_workers(2, timeout=60)   # a test may have killed one
    return cluster


def same_bits(a_path, b_path):
    a, b = read_array(a_path)[0], read_array(b_path)[0]
    return a.shape == b.shape and np.array_equal(a.view(np.uint32), b.view(np.uint32))


def both_ways(client, tmp_path, function, src, outputs, **kwargs):
    """Run `function(src, out, ...)` in one process and on the cluster; return the infos
    and the output paths (one: {name}_seq.tif, the other {name}_dask.tif)."""
    infos, paths = [], []
    for mode in ("seq", "dask"):
        out = {k: str(tmp_path / f"{v}_{mode}.tif") for k, v in outputs.items()}
        dst = out.pop("dst")
        executor = DaskExecutor(client, signature="test") if mode == "dask" else None
        with using(executor):
            infos.append(function(src, dst, **kwargs, **out))
        paths.append([dst] + list(out.values()))
    return infos, paths


def test_bicubic_distributed_equals_single_process(client, data_dir, tmp_path):
    src = str(data_dir / "azores_1m.tif")
    (seq, dask), (a, b) = both_ways(client, tmp_path, resample.upsample_raster, src,
                                    {"dst": "x2"}, scale=2, tile=64)
    assert same_bits(a[0], b[0])
    assert (seq["tiles"], seq["valid_cells"]) == (dask["tiles"], dask["valid_cells"]) \
        == (20, 257 * 193)
    from osgeo import gdal
    info = gdal.Info(b[0], format="json")
    assert info["metadata"]["IMAGE_STRUCTURE"]["LAYOUT"] == "COG"
    assert info["bands"][0]["overviews"]         # by default, for viewing at any zoom
    assert info["geoTransform"] == gdal.Info(a[0], format="json")["geoTransform"]
    assert not os.path.exists(tiles_folder(b[0]))   # the tiles went into the COG


@pytest.fixture(scope="module")
def holed(data_dir, tmp_path_factory):
    """The real Azores grid with seven holes of 1 to 40 cells cut into it."""
    grid, gt, crs, _ = read_array(data_dir / "azores_1m.tif")
    yy, xx = np.mgrid[:grid.shape[0], :grid.shape[1]]
    for y, x, d in [(20, 20, 2), (40, 100, 1), (60, 30, 10), (30, 180, 12),
                    (100, 60, 30), (110, 150, 40), (160, 220, 6)]:
        grid[(yy - y - d / 2) ** 2 + (xx - x - d / 2) ** 2 <= (d / 2) ** 2] = np.nan
    return write_array(str(tmp_path_factory.mktemp("holed") / "holed.tif"), grid, gt, crs)


def test_fillgaps_distributed_equals_single_process(client, holed, tmp_path):
    (seq, dask), (a, b) = both_ways(
        client, tmp_path, gapfill.fill_raster, holed,
        {"dst": "filled", "filled_mask": "mask", "distance": "dist"}, tile=64)
    assert seq["cells_filled"] > 1000 and seq["margin"] >= 40 and seq["tiles"] == 20
    for key in ("cells_filled", "cells_empty", "tiles", "valid_cells", "margin"):
        assert seq[key] == dask[key], key
    for x, y in zip(a, b):
        assert same_bits(x, y), x


def test_superresolve_distributed_equals_single_process(client, data_dir, tmp_path):
    """The deep networks too: the session is opened once per worker from the model's path."""
    from geoinverse.algorithms.bathymetry import superres
    src = str(data_dir / "azores_1m.tif")
    (seq, dask), (a, b) = both_ways(client, tmp_path, superres.super_resolve_raster, src,
                                    {"dst": "deep"}, model=superres.default_model(),
                                    tile=64)
    assert same_bits(a[0], b[0])
    assert seq["tiles"] == dask["tiles"] > 1 and seq["valid_cells"] == dask["valid_cells"]


def test_sparsesr_and_denoise_distributed_equal_single_process(client, data_dir, tmp_path):
    src = str(data_dir / "tut_bathy.nc")
    (seq, dask), (a, b) = both_ways(client, tmp_path, sparse_sr.super_resolve_raster,
                                    src, {"dst": "sr"}, dictionary=None, scale=2, tile=32)
    assert same_bits(a[0], b[0]) and seq["valid_cells"] == dask["valid_cells"]
    (seq, dask), (a, b) = both_ways(client, tmp_path, denoise.denoise_raster,
                                    str(data_dir / "azores_1m.tif"),
                                    {"dst": "dn", "removed": "rm"}, tile=128)
    assert same_bits(a[0], b[0]) and same_bits(a[1], b[1])
    assert (seq["spikes"], seq["valid_cells"]) == (dask["spikes"], dask["valid_cells"])
    assert seq["removed_rms"] == pytest.approx(dask["removed_rms"], rel=1e-12)


def test_a_killed_worker_has_its_tiles_rerun(client, data_dir, tmp_path):
    """SIGKILL one worker process when a quarter of the tiles is done: Dask reruns its
    tasks elsewhere (its nanny starts a new worker) and the output is still whole."""
    src = str(data_dir / "azores_1m.tif")
    resample.upsample_raster(src, str(tmp_path / "seq.tif"), 2, tile=16)
    pids = client.run(os.getpid)
    victim = sorted(pids.values())[0]
    killed = []

    def progress(fraction):
        if fraction >= 0.25 and not killed:
            os.kill(victim, signal.SIGKILL)
            killed.append(fraction)

    with using(DaskExecutor(client)):
        info = resample.upsample_raster(src, str(tmp_path / "dask.tif"), 2, tile=16,
                                        progress=progress)
    assert killed and killed[0] < 0.5
    assert info["tiles"] == 17 * 13 and info["valid_cells"] == 257 * 193
    assert same_bits(tmp_path / "seq.tif", tmp_path / "dask.tif")
    client.wait_for_workers(2, timeout=60)
    assert victim not in client.run(os.getpid).values()


def bicubic_run(client, src, dst, signature, **kwargs):
    with RasterReader(src) as reader, RasterWriter(
            dst, reader.width * 2, reader.height * 2, None, "") as writer:
        return run_tiled(reader, lambda p: bicubic_padded(p, 2), writer, scale=2,
                         margin=MARGIN, tile=32, executor=DaskExecutor(client, signature),
                         **kwargs)


def settled_records(folder):
    """The tile records once no more appear: a task already running on a worker when
    the run was cancelled still finishes (Dask cannot interrupt it) and writes its tile."""
    seen = None
    for _ in range(40):
        now = sorted(f for f in os.listdir(folder)
                     if f.startswith("tile_") and f.endswith(".json"))
        if now == seen:
            return now
        seen = now
        time.sleep(0.5)
    return seen


def cancel_after(client, src, dst, signature, tiles):
    """A run stopped (Cancelled, as on Ctrl-C) once `tiles` tiles are done."""
    done = []
    with pytest.raises(Cancelled):
        bicubic_run(client, src, dst, signature, progress=done.append,
                    cancelled=lambda: len(done) >= tiles)


def test_a_rerun_after_a_crash_skips_the_finished_tiles(client, data_dir, tmp_path):
    src = str(data_dir / "azores_1m.tif")
    dst = str(tmp_path / "out.tif")
    cancel_after(client, src, dst, "run-1", 10)
    assert not os.path.exists(dst)            # no output, but the finished tiles stay
    folder = tiles_folder(dst)
    records = settled_records(folder)
    assert len(records) >= 10
    for name in records[::3]:                 # as if these had not been finished
        os.remove(os.path.join(folder, name))
    kept = len(records) - len(records[::3])
    run = bicubic_run(client, src, dst, "run-1")
    assert run.skipped == kept and run.tiles == 9 * 7
    resample.upsample_raster(src, str(tmp_path / "seq.tif"), 2)
    assert same_bits(dst, tmp_path / "seq.tif")
    assert not os.path.exists(folder)


def test_tiles_of_another_run_are_not_reused(client, data_dir, tmp_path):
    src = str(data_dir / "azores_1m.tif")
    dst = str(tmp_path / "out.tif")
    cancel_after(client, src, dst, "tension 0", 5)
    assert bicubic_run(client, src, dst, "tension 1").skipped == 0


def test_a_vrt_output_keeps_its_tiles(client, data_dir, tmp_path):
    src = str(data_dir / "azores_1m.tif")
    dst = str(tmp_path / "big.vrt")
    with using(DaskExecutor(client, "vrt")):
        resample.upsample_raster(src, dst, 2, tile=100)
    resample.upsample_raster(src, str(tmp_path / "seq.tif"), 2)
    tiles = os.listdir(tiles_folder(dst))
    assert len([t for t in tiles if t.startswith("out0_")]) == 6
    assert same_bits(dst, tmp_path / "seq.tif")
    assert json.load(open(os.path.join(tiles_folder(dst), "manifest.json")))["plan"][:2] \
        == [257, 193]
    # the mosaic is georeferenced like the single-process output
    assert read_array(dst)[1] == read_array(tmp_path / "seq.tif")[1]


def test_bad_input_found_after_the_tiles_leaves_nothing(client, data_dir, tmp_path):
    """A grid of nodata only is known once every tile is read: no output, no tiles."""
    grid = read_array(data_dir / "azores_1m.tif")[0]
    src = write_array(str(tmp_path / "empty.tif"), np.full_like(grid, np.nan))
    out = tmp_path / "out"
    out.mkdir()
    with using(DaskExecutor(client, "empty")), \
            pytest.raises(InputError, match="only nodata"):
        resample.upsample_raster(src, str(out / "x2.tif"), 2, tile=100)
    assert os.listdir(out) == []


def test_a_tile_function_that_cannot_travel_is_refused_clearly(client, data_dir, tmp_path):
    import threading
    lock = threading.Lock()     # like an onnxruntime session: bound to its process
    with RasterReader(data_dir / "azores_1m.tif") as r, pytest.raises(
            InputError, match="cannot run on a cluster.*pickle"):
        with RasterWriter(tmp_path / "x.tif", r.width, r.height, None, "") as w:
            run_tiled(r, lambda p: (lock, p)[1], w, executor=DaskExecutor(client))
    assert os.listdir(tmp_path) == []
