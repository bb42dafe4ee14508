"""geoinverse:bicubic x2 on a large grid next to `gdalwarp -r cubic`, in the same run.

A synthetic 20000 x 20000 float32 relief (set BENCH_BICUBIC_SIZE to change it) is written
as a tiled GeoTIFF in strips, so making it needs little memory.  Each side runs in its own
process, timed, with its peak resident memory read by /usr/bin/time.  Both write a tiled,
ZSTD-compressed float32 GeoTIFF, and gdalwarp gets both cores (-multi, NUM_THREADS).
Bars (issue #2): our peak RSS under 1 GB, our time within 3x of gdalwarp's.
"""
import os
import sys
import time

import numpy as np
from osgeo import gdal

from common import measure_command, measure_python, output_dir, print_table, save_json

SIZE = int(os.environ.get("BENCH_BICUBIC_SIZE", "20000"))
SCALE = 2


def synthetic_relief(path, size, strip=512, height=None):
    """Ridges and seamounts on a sloping floor, with fine roughness: real-like relief
    (`size` x `size` cells, or `size` wide and `height` tall)."""
    height = size if height is None else height
    ds = gdal.GetDriverByName("GTiff").Create(
        str(path), size, height, 1, gdal.GDT_Float32,
        ["TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256", "BIGTIFF=YES"])
    ds.SetGeoTransform((500000.0, 50.0, 0.0, 4000000.0, 0.0, -50.0))
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(-99999.0)
    rng = np.random.default_rng(7)
    x = np.arange(size, dtype=np.float32)[None, :]
    for y0 in range(0, height, strip):
        y = np.arange(y0, min(y0 + strip, height), dtype=np.float32)[:, None]
        z = (-4000.0 + 0.02 * x - 0.01 * y
             + 300.0 * np.sin(x / 700.0) * np.cos(y / 900.0)
             + 120.0 * np.sin((x + 2 * y) / 150.0)
             + rng.normal(0.0, 5.0, (y.shape[0], size)).astype(np.float32))
        band.WriteArray(z.astype(np.float32), 0, y0)
    ds = None


def main():
    out = output_dir()
    src = out / f"bicubic_input_{SIZE}.tif"
    ours, theirs = out / "bicubic_geoinverse.tif", out / "bicubic_gdalwarp.tif"
    if not src.exists():
        start = time.perf_counter()
        synthetic_relief(src, SIZE)
        print(f"Wrote the {SIZE} x {SIZE} input in {time.perf_counter() - start:.0f} s")
    t_ours, rss_ours = measure_python(
        "from geoinverse.algorithms.bathymetry.resample import upsample_raster; "
        f"upsample_raster({str(src)!r}, {str(ours)!r}, {SCALE})")
    t_gdal, rss_gdal = measure_command([
        "gdalwarp", "-q", "-overwrite", "-r", "cubic", "-ts", str(SIZE * SCALE),
        str(SIZE * SCALE), "-multi", "-wo", "NUM_THREADS=ALL_CPUS", "-wm", "512",
        "-co", "TILED=YES", "-co", "COMPRESS=ZSTD", "-co", "ZSTD_LEVEL=1",
        "-co", "PREDICTOR=3", "-co", "BIGTIFF=YES", str(src), str(theirs)])
    agreement = interior_agreement(ours, theirs)
    mpx = (SIZE * SCALE) ** 2 / 1e6
    print(f"\nBicubic x{SCALE}: {SIZE} x {SIZE} -> {SIZE * SCALE} x {SIZE * SCALE} "
          f"({mpx:,.0f} Mpx out), 2 cores")
    print_table(["method", "seconds", "Mpx/s out", "peak RSS MiB"], [
        ["geoinverse:bicubic (Python API)", f"{t_ours:.1f}", f"{mpx / t_ours:.1f}",
         f"{rss_ours:.0f}"],
        ["gdalwarp -r cubic", f"{t_gdal:.1f}", f"{mpx / t_gdal:.1f}", f"{rss_gdal:.0f}"]])
    ratio = t_ours / t_gdal
    print(f"\ntime ratio geoinverse/gdalwarp: {ratio:.2f} (bar <= 3); peak RSS "
          f"{rss_ours:.0f} MiB (bar < 1024); max |difference| in sampled interior "
          f"windows: {agreement:.2e} m")
    save_json("bicubic", {"size": SIZE, "scale": SCALE, "seconds": t_ours,
                          "gdalwarp_seconds": t_gdal, "ratio": ratio,
                          "peak_rss_mib": rss_ours, "gdalwarp_peak_rss_mib": rss_gdal,
                          "max_abs_difference": agreement})
    for p in (ours, theirs):
        p.unlink()
    if ratio > 3 or rss_ours >= 1024:
        sys.exit("bicubic benchmark bar missed")


def interior_agreement(a_path, b_path, windows=20, size=256):
    """Largest |difference| between the two outputs in random interior windows."""
    a, b = gdal.Open(str(a_path)), gdal.Open(str(b_path))
    n = a.RasterXSize
    rng = np.random.default_rng(0)
    worst = 0.0
    for _ in range(windows):
        x, y = (int(v) for v in rng.integers(16, n - size - 16, 2))
        wa = a.GetRasterBand(1).ReadAsArray(x, y, size, size).astype(np.float64)
        wb = b.GetRasterBand(1).ReadAsArray(x, y, size, size).astype(np.float64)
        worst = max(worst, float(np.abs(wa - wb).max()))
    return worst


if __name__ == "__main__":
    main()
