"""Tiled runs on Dask distributed (issue #11): scaling from 1 to 2 workers, scheduler
overhead per tile, and (opt-in) a simulated large run.

Scaling: a synthetic 8192 x 8192 relief (bench_bicubic's generator;
BENCH_DISTRIBUTED_SIZE to change it) is upsampled x2 by BENCH_DISTRIBUTED_METHOD
(bicubic, the default, or sparsesr) on a LocalCluster of 1 worker and then of 2 workers,
one thread each, the cluster started before the clock starts.  The output is a VRT of
tiles, so the time is the tiles' (the COG assembly on the client is timed once on its
own).  Throughput = output megapixels per second; bar (issue #11): 2 workers >= 1.6 x
the throughput of 1.  Scheduler overhead per tile = (wall seconds x workers - seconds
the tasks themselves took) / tiles: what Dask adds to each task.  The same method in one
process without Dask is the baseline of the ratio "Dask, 1 worker / one process".

Large run (BENCH_DISTRIBUTED_LARGE=1; long, and tens of GB of disk): a 43200 x 21600
(BENCH_DISTRIBUTED_LARGE_SHAPE=WxH to try it smaller) synthetic grid (half of GEBCO's width at 30") super-resolved x2 on a local cluster of
BENCH_DISTRIBUTED_WORKERS (default 2) workers into a VRT of tiles, with each worker's
peak resident memory; superresolve with fsrcnn_x2 (BENCH_DISTRIBUTED_NETWORK) when the
deep networks are installed, else bicubic
(sparsesr would take hours here; BENCH_DISTRIBUTED_LARGE_METHOD to choose).  It checks the free disk first
and refuses when the input plus the uncompressed output would not fit.
"""
import os
import shutil
import sys
import time

from bench_bicubic import synthetic_relief
from common import output_dir, print_table, save_json

SIZE = int(os.environ.get("BENCH_DISTRIBUTED_SIZE", "8192"))
METHOD = os.environ.get("BENCH_DISTRIBUTED_METHOD", "bicubic")
TILE = int(os.environ.get("BENCH_DISTRIBUTED_TILE", "512"))
LARGE = os.environ.get("BENCH_DISTRIBUTED_LARGE", "") not in ("", "0")
LARGE_W, LARGE_H = (int(v) for v in os.environ.get("BENCH_DISTRIBUTED_LARGE_SHAPE",
                                                   "43200x21600").split("x"))
SCALE = 2
# The large run's network: FSRCNN x2, the fastest of the accurate ones (the default,
# its eight-fold self-ensemble, costs eight times as much for 1.5 % lower RMSE).
NETWORK = os.environ.get("BENCH_DISTRIBUTED_NETWORK", "fsrcnn_x2")


def method(name):
    """(function(src, dst, progress=None), label) of a x2 method of the registry."""
    if name == "superresolve":
        from geoinverse.algorithms.bathymetry import superres
        model = os.path.join(superres.MODELS_DIR, f"{NETWORK}.onnx")
        return (lambda s, d, **kw: superres.super_resolve_raster(s, d, model, tile=TILE,
                                                                 **kw)), \
            f"superresolve ({NETWORK}) x2"
    if name == "sparsesr":
        from geoinverse.algorithms.bathymetry import sparse_sr
        return (lambda s, d, **kw: sparse_sr.super_resolve_raster(
            s, d, None, scale=SCALE, tile=TILE, **kw)), "sparsesr x2"
    from geoinverse.algorithms.bathymetry.resample import upsample_raster
    return (lambda s, d, **kw: upsample_raster(s, d, SCALE, tile=TILE, **kw)), "bicubic x2"


def peak_rss_mib():
    """This process's peak resident memory (run on each worker through client.run).

    VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss across execve, so a worker
    spawned (fork, then exec) by the nanny inside the client process starts with the
    client's resident size at that moment as its 'peak' (measured: 1136 MiB on both
    workers of a run whose tiles need under 400 MiB, after the client had generated the
    input).  VmHWM belongs to the worker's own address space."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")   # no /proc (not Linux): ru_maxrss would mislead as above


def on_cluster(workers, func, src, dst):
    """Run func(src, dst) on a fresh local cluster: (seconds, TiledRun, worker peaks)."""
    from geoinverse.algorithms.distributed import DaskExecutor, dask_client
    from geoinverse.algorithms.tiling import using
    with dask_client(workers) as client:
        client.wait_for_workers(workers)
        executor = DaskExecutor(client)
        start = time.perf_counter()
        with using(executor):
            func(src, dst)
        seconds = time.perf_counter() - start
        peaks = sorted(client.run(peak_rss_mib).values())
    return seconds, executor.last_run, peaks


def remove_output(path):
    for p in (path, path + ".tiles"):
        if os.path.isdir(p):
            shutil.rmtree(p)
        elif os.path.exists(p):
            os.remove(p)


def scaling(out):
    func, label = method(METHOD)
    src = out / f"distributed_input_{SIZE}.tif"
    if not src.exists():
        synthetic_relief(src, SIZE)
    mpx = (SIZE * SCALE) ** 2 / 1e6
    start = time.perf_counter()
    func(str(src), str(out / "distributed_seq.tif"))
    t_seq = time.perf_counter() - start
    rows, results = [["one process (no Dask)", f"{t_seq:.1f}", f"{mpx / t_seq:.1f}", "-",
                      "-"]], {}
    for workers in (1, 2):
        dst = str(out / f"distributed_{workers}w.vrt")
        seconds, run, peaks = on_cluster(workers, func, str(src), dst)
        overhead = (seconds * workers - run.busy) / run.tiles
        results[workers] = {"seconds": seconds, "mpx_per_s": mpx / seconds,
                            "tiles": run.tiles, "overhead_s_per_tile": overhead,
                            "worker_peak_rss_mib": peaks}
        rows.append([f"Dask, {workers} worker(s) x 1 thread", f"{seconds:.1f}",
                     f"{mpx / seconds:.1f}", f"{overhead * 1000:.0f}",
                     " / ".join(f"{p:.0f}" for p in peaks)])
    # the client's assembly of the 2-worker tiles into a Cloud-Optimised GeoTIFF
    from osgeo import gdal
    from geoinverse.algorithms.raster import COG_OPTIONS
    assembly = []
    for options in (COG_OPTIONS, COG_OPTIONS + ["OVERVIEWS=NONE"]):
        start = time.perf_counter()
        gdal.Translate(str(out / "distributed_cog.tif"), str(out / "distributed_2w.vrt"),
                       format="COG", creationOptions=options)
        assembly.append(time.perf_counter() - start)
    t_cog, t_cog_bare = assembly
    print(f"\n{label}: {SIZE} x {SIZE} -> {SIZE * SCALE} x {SIZE * SCALE} "
          f"({mpx:,.0f} Mpx out), tiles of {TILE}, {os.cpu_count()} cores")
    print_table(["run", "seconds", "Mpx/s out", "overhead ms/tile", "worker peak RSS MiB"],
                rows)
    ratio = results[2]["mpx_per_s"] / results[1]["mpx_per_s"]
    print(f"\nthroughput 2 workers / 1 worker: {ratio:.2f} (bar >= 1.6); Dask 1 worker / "
          f"one process: {t_seq / results[1]['seconds']:.2f}; COG assembly of the tiles "
          f"on the client: {t_cog:.1f} s ({t_cog_bare:.1f} s with --no-overviews)")
    for name in ("distributed_seq.tif", "distributed_1w.vrt", "distributed_2w.vrt",
                 "distributed_cog.tif"):
        remove_output(str(out / name))
    return {"size": SIZE, "method": METHOD, "tile": TILE, "one_process_seconds": t_seq,
            "workers": results, "ratio_2_over_1": ratio, "cog_assembly_seconds": t_cog,
            "cog_assembly_seconds_no_overviews": t_cog_bare}


def large_run(out):
    name = os.environ.get("BENCH_DISTRIBUTED_LARGE_METHOD")
    if name is None:
        from geoinverse.algorithms.bathymetry import superres
        name = "superresolve" if hasattr(superres, "super_resolve_raster") else "bicubic"
        if name == "bicubic":
            print("superresolve is not installed here: the large run uses bicubic (sparsesr "
                  "ran at 0.3 Mpx/s on 2 loaded cores, hours for this grid; choose it with "
                  "BENCH_DISTRIBUTED_LARGE_METHOD=sparsesr)")
    func, label = method(name)
    workers = int(os.environ.get("BENCH_DISTRIBUTED_WORKERS", "2"))
    need = LARGE_W * LARGE_H * 4 * (1 + SCALE * SCALE) * 1.1
    free = shutil.disk_usage(out).free
    src = out / f"distributed_input_{LARGE_W}x{LARGE_H}.tif"
    have = src.stat().st_size if src.exists() else 0
    if free + have < need:
        sys.exit(f"The large run needs about {need / 1e9:.0f} GB free in {out} (input and "
                 f"uncompressed output); {free / 1e9:.0f} GB are free. Free some space or "
                 "point bench-output/ elsewhere.")
    if not src.exists():
        start = time.perf_counter()
        synthetic_relief(src, LARGE_W, height=LARGE_H)
        print(f"Wrote the {LARGE_W} x {LARGE_H} input in {time.perf_counter() - start:.0f} s")
    dst = str(out / "distributed_large.vrt")
    remove_output(dst)
    seconds, run, peaks = on_cluster(workers, func, str(src), dst)
    mpx = LARGE_W * LARGE_H * SCALE * SCALE / 1e6
    tiles_gb = sum(f.stat().st_size for f in (out / "distributed_large.vrt.tiles").iterdir())
    print(f"\nLarge run, {label}: {LARGE_W} x {LARGE_H} -> {LARGE_W * SCALE} x "
          f"{LARGE_H * SCALE} ({mpx:,.0f} Mpx out) on {workers} worker(s), tiles of {TILE}")
    print(f"{run.tiles} tiles in {seconds:.0f} s ({mpx / seconds:.1f} Mpx/s); output tiles "
          f"{tiles_gb / 1e9:.1f} GB; peak RSS per worker: "
          + ", ".join(f"{p:.0f} MiB" for p in peaks))
    remove_output(dst)
    return {"method": name, "workers": workers, "seconds": seconds, "tiles": run.tiles,
            "worker_peak_rss_mib": peaks, "output_tiles_bytes": tiles_gb}


def main():
    out = output_dir()
    payload = {"scaling": scaling(out)}
    if LARGE:
        payload["large"] = large_run(out)
    else:
        print("\n(The simulated 43200 x 21600 run is opt-in: BENCH_DISTRIBUTED_LARGE=1.)")
    save_json("distributed", payload)
    if payload["scaling"]["ratio_2_over_1"] < 1.6:
        sys.exit("distributed benchmark bar missed (2 workers < 1.6 x 1 worker)")


if __name__ == "__main__":
    main()
