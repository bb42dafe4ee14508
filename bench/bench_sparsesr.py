"""geoinverse:sparsesr: accuracy on every held-out real grid and speed, against bicubic
measured in the same run.

Accuracy: each held-out grid of training/regions.py is made coarse by block means (x2,
x3 and x4), super-resolved with the shipped dictionary, and scored by RMSE over all
valid fine cells against the true grid, next to bicubic and to bicubic +
back-projection alone (an ablation: how much of the gain the sparse codes add).  Bars (issue #4): every ratio to
bicubic < 1 and their mean <= 0.9.

Speed: a 2048 x 2048 synthetic relief (bench_bicubic's generator) upsampled x2 by
geoinverse:bicubic and geoinverse:sparsesr through the Python API, each in its own
process on this machine's cores, timed with its peak memory.  No ONNX network is shipped
yet (issue #3), so the comparison with the fastest network cannot be made here.
"""
import os
import sys
import time

import numpy as np

from bench_bicubic import synthetic_relief
from common import measure_python, output_dir, print_table, save_json

SIZE = int(os.environ.get("BENCH_SPARSESR_SIZE", "2048"))


def rmse(a, b):
    ok = ~(np.isnan(a) | np.isnan(b))
    return float(np.sqrt(np.mean((a[ok] - b[ok]) ** 2)))


def accuracy(scale):
    from geoinverse.algorithms.bathymetry import sparse_sr
    from geoinverse.algorithms.bathymetry.resample import bicubic_upsample
    from geoinverse.training import regions
    d = sparse_sr.load_dictionary(sparse_sr.shipped_dictionary_path(scale))
    rows = {}
    for name, (coarse, fine) in regions.held_out_pairs(scale).items():
        mask = np.isnan(bicubic_upsample(coarse, scale))
        bp = np.where(mask, np.nan, sparse_sr.initial_estimate(coarse, scale))
        rows[name] = {"bicubic": rmse(bicubic_upsample(coarse, scale), fine),
                      "bicubic_backprojected": rmse(bp, fine),
                      "sparsesr": rmse(sparse_sr.super_resolve(coarse, d), fine),
                      "cells": int(np.count_nonzero(~np.isnan(fine)))}
    return rows


def pictures():
    """bench-output/: the x4 Azores comparison and the shipped x4 atoms sheet."""
    from geoinverse.algorithms.bathymetry import sparse_sr
    from geoinverse.algorithms.bathymetry.resample import bicubic_upsample
    from geoinverse.algorithms.figures import relief_panels
    from geoinverse.training import regions
    coarse, fine = regions.held_out_pairs(4)["azores_1min"]
    d = sparse_sr.load_dictionary(sparse_sr.shipped_dictionary_path(4))
    win = (slice(120, 320), slice(200, 440))
    cwin = (slice(30, 80), slice(50, 110))
    ours, bic = sparse_sr.super_resolve(coarse, d), bicubic_upsample(coarse, 4)
    relief_panels([
        {"array": coarse[cwin], "title": "input (x4 block means)"},
        {"array": bic[win], "title": "bicubic"},
        {"array": ours[win], "title": "geoinverse:sparsesr"},
        {"array": fine[win], "title": "truth (held out, 1')"},
        {"array": bic[win] - fine[win], "title": "bicubic - truth", "kind": "difference"},
        {"array": ours[win] - fine[win], "title": "sparsesr - truth", "kind": "difference"},
    ], output_dir() / "sparsesr_azores_x4.png", columns=3,
        title="Azores (held out), x4: sparse coding vs bicubic")
    sparse_sr.atoms_sheet(d, output_dir() / "sparsesr_atoms_x4.png")


def speed():
    out = output_dir()
    src = out / f"sparsesr_input_{SIZE}.tif"
    if not src.exists():
        synthetic_relief(src, SIZE)
    runs = {}
    for name, call in (
            ("geoinverse:bicubic", "from geoinverse.algorithms.bathymetry.resample import "
             f"upsample_raster as f; f({str(src)!r}, {str(out / 'sr_bicubic.tif')!r}, 2)"),
            ("geoinverse:sparsesr", "from geoinverse.algorithms.bathymetry.sparse_sr import "
             f"super_resolve_raster as f; f({str(src)!r}, {str(out / 'sr_sparse.tif')!r}, "
             "None, scale=2)")):
        runs[name] = measure_python(call)
    for f in ("sr_bicubic.tif", "sr_sparse.tif"):
        (out / f).unlink()
    return runs


def main():
    payload, failed = {}, False
    for scale in (2, 3, 4):
        start = time.perf_counter()
        rows = accuracy(scale)
        print(f"\nHeld-out real grids, x{scale} (coarse = block means), RMSE in metres "
              f"({time.perf_counter() - start:.0f} s)")
        table = []
        for name, r in rows.items():
            table.append([name, f"{r['cells']:,}", f"{r['bicubic']:.2f}",
                          f"{r['bicubic_backprojected']:.2f}", f"{r['sparsesr']:.2f}",
                          f"{r['bicubic_backprojected'] / r['bicubic']:.3f}",
                          f"{r['sparsesr'] / r['bicubic']:.3f}"])
        print_table(["grid", "cells", "bicubic", "bicubic+BP", "sparsesr", "BP/bicubic",
                     "sparsesr/bicubic"], table)
        ratios = [r["sparsesr"] / r["bicubic"] for r in rows.values()]
        bp = [r["bicubic_backprojected"] / r["bicubic"] for r in rows.values()]
        print(f"mean ratio sparsesr/bicubic {np.mean(ratios):.3f} (bar <= 0.9), worst "
              f"{max(ratios):.3f} (bar < 1); back-projection alone {np.mean(bp):.3f}")
        payload[f"x{scale}"] = {"grids": rows, "mean_ratio": float(np.mean(ratios)),
                                "mean_ratio_backprojection_only": float(np.mean(bp))}
        failed |= max(ratios) >= 1 or np.mean(ratios) > 0.9
    pictures()
    runs = speed()
    mpx = (SIZE * 2) ** 2 / 1e6
    cores = os.cpu_count()
    print(f"\nSpeed x2: {SIZE} x {SIZE} -> {SIZE * 2} x {SIZE * 2} ({mpx:.1f} Mpx out), "
          f"{cores} cores")
    print_table(["method", "seconds", "Mpx/s out", "Mpx/s in", "peak RSS MiB"], [
        [name, f"{t:.1f}", f"{mpx / t:.3f}", f"{mpx / 4 / t:.3f}", f"{rss:.0f}"]
        for name, (t, rss) in runs.items()])
    t_b, t_s = runs["geoinverse:bicubic"][0], runs["geoinverse:sparsesr"][0]
    print(f"sparsesr takes {t_s / t_b:.0f}x bicubic's time. Fastest ONNX network: none "
          "shipped yet (issue #3), not measured.")
    payload["speed"] = {"size": SIZE, "cores": cores, "seconds": {k: v[0] for k, v in
                                                                  runs.items()},
                        "peak_rss_mib": {k: v[1] for k, v in runs.items()}}
    save_json("sparsesr", payload)
    if failed:
        sys.exit("sparsesr accuracy bar missed")


if __name__ == "__main__":
    main()
