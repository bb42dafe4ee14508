"""geoinverse:superresolve: every shipped ONNX network's accuracy on every held-out real
grid and its speed, against bicubic measured in the same run.

Accuracy: each held-out grid of training/regions.py is made coarse by block means at the
model's scale, super-resolved through the plugin's runtime (superres.super_resolve: one
onnxruntime session, nearest-filled holes re-masked like bicubic) in one pass, and scored
by RMSE over all valid fine cells against the true grid, next to bicubic (Keys).  Bars
(issue #3): every ratio < 1; the best x2 model's mean ratio <= 0.85, the best x4's <= 0.80.

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
BARS = {2: 0.85, 4: 0.80}


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
            pairs[s] = regions.held_out_pairs(s)
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


def main():
    from geoinverse.algorithms.bathymetry import superres
    models = superres.shipped_models()
    if not models:
        sys.exit(f"No model in {superres.MODELS_DIR}")
    start = time.perf_counter()
    rows = accuracy(models)
    grids = list(next(iter(rows.values())))
    print(f"\nHeld-out real grids (coarse = block means), RMSE model / RMSE bicubic "
          f"({time.perf_counter() - start:.0f} s)")
    table, failed, means = [], False, {}
    for name, r in rows.items():
        ratios = [r[g]["model"] / r[g]["bicubic"] for g in grids]
        means[name] = float(np.mean(ratios))
        failed |= max(ratios) >= 1
        table.append([name] + [f"{x:.3f}" for x in ratios] + [f"{means[name]:.3f}"])
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
    save_json("superres", {"accuracy": rows, "mean_ratio": means,
                           "speed": {"size": SIZE, "cores": os.cpu_count(), "runs": runs}})
    if failed:
        sys.exit("superres accuracy bar missed")


if __name__ == "__main__":
    main()
