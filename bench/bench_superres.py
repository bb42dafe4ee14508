"""geoinverse:superresolve: every shipped ONNX network's accuracy on every held-out real
grid and its speed, against bicubic measured in the same run.

Accuracy: each held-out grid of training/regions.py is made coarse by block means at the
model's scale, super-resolved through the plugin's runtime (superres.super_resolve: one
onnxruntime session, nearest-filled holes re-masked like bicubic) in one pass, and scored
by RMSE over all valid fine cells against the true grid, next to bicubic (Keys).  Bars
(issue #22): every ratio < 1; the best x2 and x4 models' mean ratios <= 0.80, x8 < 1.
The default's wall time against gdalwarp -r cubic at 1024^2 (BENCH_SUPERRES_ONLY=gdal
runs that part alone): bar <= 4 x.

Speed: a SIZE x SIZE synthetic relief (bench_bicubic's generator; SIZE = 4096 by default,
BENCH_SUPERRES_SIZE changes it) upsampled by geoinverse:bicubic and by every network
through the Python API (super_resolve_raster, default tile and overlap), each in its own
process on this machine's cores, timed with its peak memory.  The models are whatever
models_onnx/*.json holds.
"""
import os
import sys
import time

import numpy as np

from bench_bicubic import synthetic_relief
from common import measure_python, output_dir, print_table, save_json

SIZE = int(os.environ.get("BENCH_SUPERRES_SIZE", "4096"))
# The default's speed bar (issue 22): a GDAL_SIZE^2 grid to (2 GDAL_SIZE)^2 within 4 x the
# wall time of `gdalwarp -r cubic` on the same machine, best of REPEATS interleaved runs
# (other jobs load a shared machine; the best run is the least disturbed one).
GDAL_SIZE = int(os.environ.get("BENCH_SUPERRES_GDAL_SIZE", "1024"))
REPEATS = int(os.environ.get("BENCH_SUPERRES_REPEATS", "3"))
SPEED_BAR = 4.0
# which x2 networks run next to gdalwarp besides the default (comma-separated names)
GDAL_MODELS = os.environ.get("BENCH_SUPERRES_GDAL_MODELS", "fsrcnn_x2").split(",")
BARS = {2: 0.80, 4: 0.80, 8: 1.0}   # issue 22: best x2 and x4 <= 0.80, x8 below bicubic


def rmse(a, b):
    ok = ~(np.isnan(a) | np.isnan(b))
    return float(np.sqrt(np.mean((a[ok] - b[ok]) ** 2)))


def accuracy(models):
    from geoinverse.algorithms.bathymetry import superres
    from geoinverse.algorithms.bathymetry.resample import bicubic_upsample
    from geoinverse.training import regions
    pairs, rows = {}, {}
    for path, card in models:
        s = card["scale"]
        if s not in pairs:
            pairs[s] = {g: p for g, p in
                        regions.held_out_pairs(s, regions.NETWORK_HELD_OUT).items()
                        if min(p[0].shape) >= 24}   # as the cards: 24 coarse cells
        model = superres.load_model(path)
        rows[card["name"]] = {
            grid: {"bicubic": rmse(bicubic_upsample(coarse, s), fine),
                   "model": rmse(superres.super_resolve(coarse, model), fine)}
            for grid, (coarse, fine) in pairs[s].items()}
    return rows


def speed(models):
    out = output_dir()
    src = out / f"superres_input_{SIZE}.tif"
    if not src.exists():
        synthetic_relief(src, SIZE)
    calls = {"geoinverse:bicubic x2": (
        2, "from geoinverse.algorithms.bathymetry.resample import upsample_raster as f; "
           f"f({str(src)!r}, {str(out / 'sr_speed.tif')!r}, 2)")}
    for path, card in models:
        calls[card["name"]] = (card["scale"], (
            "from geoinverse.algorithms.bathymetry.superres import super_resolve_raster as "
            f"f; f({str(src)!r}, {str(out / 'sr_speed.tif')!r}, {path!r})"))
    runs = {}
    for name, (scale, call) in calls.items():
        seconds, rss = measure_python(call)
        runs[name] = {"scale": scale, "seconds": seconds, "peak_rss_mib": rss,
                      "mpx_out_per_s": (SIZE * scale) ** 2 / 1e6 / seconds}
        print(f"  {name}: {seconds:.1f} s", flush=True)
    (out / "sr_speed.tif").unlink()
    return runs


def gdal_cubic_command(src, dst, size):
    """The same gdalwarp call as bench_bicubic (both cores, tiled ZSTD float32 output)."""
    return ["gdalwarp", "-q", "-overwrite", "-r", "cubic", "-ts", str(size), str(size),
            "-multi", "-wo", "NUM_THREADS=ALL_CPUS", "-co", "TILED=YES", "-co",
            "COMPRESS=ZSTD", "-co", "ZSTD_LEVEL=1", "-co", "PREDICTOR=3", str(src),
            str(dst)]


def speed_against_gdal(models, default_name, size=GDAL_SIZE, repeats=REPEATS):
    """{name: best seconds} for gdalwarp -r cubic, the default and the GDAL_MODELS
    (super_resolve_raster with its defaults), each run in its own process, all REPEATS
    rounds interleaved."""
    from common import measure_command
    out = output_dir()
    src = out / f"superres_gdal_input_{size}.tif"
    if not src.exists():
        synthetic_relief(src, size)
    dst = out / "sr_gdal_speed.tif"
    calls = {"gdalwarp -r cubic": None}
    for path, card in models:
        if card["scale"] == 2 and card["name"] in GDAL_MODELS + [default_name]:
            calls[card["name"]] = (
                "from geoinverse.algorithms.bathymetry.superres import "
                f"super_resolve_raster as f; f({str(src)!r}, {str(dst)!r}, {path!r})")
    best = {name: float("inf") for name in calls}
    for _ in range(repeats):
        for name, call in calls.items():
            if call is None:
                seconds = measure_command(gdal_cubic_command(src, dst, 2 * size))[0]
            else:
                seconds = measure_python(call)[0]
            best[name] = min(best[name], seconds)
    dst.unlink()
    return best


def print_speed_against_gdal(models, default_name):
    best = speed_against_gdal(models, default_name)
    gdal_s = best["gdalwarp -r cubic"]
    print(f"\nSpeed against GDAL: {GDAL_SIZE}^2 -> {2 * GDAL_SIZE}^2, best of {REPEATS} "
          f"interleaved runs each (BENCH_SUPERRES_REPEATS), {os.cpu_count()} cores")
    print_table(["method", "best seconds", "x gdalwarp -r cubic"], [
        [n + (" (default)" if n == default_name else ""), f"{t:.2f}", f"{t / gdal_s:.2f}"]
        for n, t in best.items()])
    ratio = best[default_name] / gdal_s
    print(f"default {default_name}: {ratio:.2f} x gdalwarp's wall time (bar <= {SPEED_BAR})")
    return {"size": GDAL_SIZE, "repeats": REPEATS, "best_seconds": best,
            "default": default_name, "default_ratio": ratio}


def main():
    from geoinverse.algorithms.bathymetry import superres
    models = superres.shipped_models()
    if not models:
        sys.exit(f"No model in {superres.MODELS_DIR}")
    default_name = superres.read_card(superres.default_model())["name"]
    if os.environ.get("BENCH_SUPERRES_ONLY") == "gdal":
        save_json("superres_gdal", print_speed_against_gdal(models, default_name))
        return
    start = time.perf_counter()
    rows = accuracy(models)
    grids = []
    for r in rows.values():
        grids += [g for g in r if g not in grids]
    print(f"\nHeld-out real grids (coarse = block means), RMSE model / RMSE bicubic "
          f"({time.perf_counter() - start:.0f} s)")
    table, failed, means = [], False, {}
    for name, r in rows.items():
        ratios = {g: r[g]["model"] / r[g]["bicubic"] for g in r}
        means[name] = float(np.mean(list(ratios.values())))
        failed |= max(ratios.values()) >= 1
        table.append([name] + [f"{ratios[g]:.3f}" if g in ratios else "" for g in grids]
                     + [f"{means[name]:.3f}"])
    print_table(["model"] + grids + ["mean"], table)
    for scale, bar in BARS.items():
        have = {n: m for n, m in means.items() if n.endswith(f"_x{scale}")}
        if have:
            best = min(have, key=have.get)
            print(f"best x{scale}: {best} {have[best]:.3f} (bar <= {bar})")
            failed |= have[best] > bar
    print(f"\nSpeed: {SIZE} x {SIZE} input (BENCH_SUPERRES_SIZE={SIZE}; default 4096), "
          f"{os.cpu_count()} cores")
    runs = speed(models)
    base = runs["geoinverse:bicubic x2"]["mpx_out_per_s"]
    print_table(["method", "scale", "seconds", "Mpx/s out", "x bicubic speed",
                 "peak RSS MiB"], [
        [n, f"x{r['scale']}", f"{r['seconds']:.1f}", f"{r['mpx_out_per_s']:.3f}",
         f"{r['mpx_out_per_s'] / base:.4f}", f"{r['peak_rss_mib']:.0f}"]
        for n, r in runs.items()])
    against_gdal = print_speed_against_gdal(models, default_name)
    failed |= against_gdal["default_ratio"] > SPEED_BAR
    save_json("superres", {"accuracy": rows, "mean_ratio": means,
                           "speed": {"size": SIZE, "cores": os.cpu_count(), "runs": runs},
                           "against_gdal": against_gdal})
    if failed:
        sys.exit("superres accuracy bar missed")


if __name__ == "__main__":
    main()
