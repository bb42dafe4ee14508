"""Draws docs/fillgaps.png, the picture of the README's "Fill gaps" section (issue #5).

One fully valid real grid of the gap-filling bench (GMT's HI_topo_02.nc, Hawaii, 5' cells,
from /work/shared/data/bathymetry) gets the bench's holes: discs 1-2, 10, 50 and 200 cells
across, placed with the bench's fixed seed (bench/bench_fillgaps.py: regions() and
punch(), walked in the bench's order so the holes are exactly the bench's).  They are
filled with geoinverse:fillgaps's default method (the tensioned spline,
gapfill.fill_gaps_array) and with gdal.FillNodata filling every hole (the bench's
gdal_fill).  Six hillshaded panels: the grid with holes, both fills, the truth, and each
fill minus the truth inside the holes on one colour scale; titles carry each method's
RMSE in the holes, in metres, and the script prints them.

    .venv/bin/python scripts/figure_fillgaps.py                  # docs/fillgaps.png
    .venv/bin/python scripts/figure_fillgaps.py GRID OUT.png     # any fully valid grid
"""
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import bench_fillgaps as bench  # noqa: E402

from geoinverse.algorithms.bathymetry.gapfill import DEFAULT_METHOD, fill_gaps_array  # noqa: E402
from geoinverse.algorithms.figures import relief_panels  # noqa: E402
from geoinverse.algorithms.raster import read_array  # noqa: E402

REGION = "HI_topo_02.nc"
OUT = ROOT / "docs" / "fillgaps.png"
DPI = 80      # keeps docs/fillgaps.png near 250 KB


def bench_holes(region=REGION):
    """(truth, class label per cell) of `region` with the very holes the bench punches."""
    rng = np.random.default_rng(bench.SEED)
    for name, truth in bench.regions():
        label = bench.punch(truth.shape, rng, bench.COUNTS)
        if name == region:
            return truth, label
    raise SystemExit(f"{region} is not among the bench's grids under {bench.SHARED}")


def main(grid=None, out=OUT, dpi=DPI):
    """Draw the figure for `grid` (a fully valid raster; None = the bench's HI_topo_02.nc
    with the bench's holes) into `out`; return {method: RMSE in the holes, m}."""
    path = bench.SHARED / REGION if grid is None else Path(grid)
    truth, gt, crs, _ = read_array(path)
    if grid is None:
        truth, label = bench_holes()   # the bench's walk: the holes it punches here
    else:
        if np.isnan(truth).any():
            raise SystemExit(f"{path} has nodata cells; the truth must be fully valid")
        label = bench.punch(truth.shape, np.random.default_rng(bench.SEED), bench.COUNTS)
    holes = label > 0
    grid_holes = np.where(holes, np.nan, truth).astype(np.float32)
    fills = {DEFAULT_METHOD: fill_gaps_array(grid_holes)[0],
             "GDAL": bench.gdal_fill(grid_holes, max(truth.shape))}
    titles = {DEFAULT_METHOD: f"filled ({DEFAULT_METHOD}, default)", "GDAL": "GDAL FillNodata"}
    rmse, errors = {}, []
    for name, filled in fills.items():
        diff = (filled.astype(np.float64) - truth) * np.where(holes, 1.0, np.nan)
        # plain means: a hole cell a method left empty makes its RMSE NaN
        rmse[name] = float(np.sqrt(np.mean(diff[holes] ** 2)))
        per_class = ", ".join(
            f"{c}: {np.sqrt(np.mean(diff[label == k] ** 2)):.1f}"
            for k, c in enumerate(bench.CLASSES, start=1) if (label == k).any())
        print(f"{titles[name]}: RMSE in the holes {rmse[name]:.2f} m (by hole size, cells: "
              f"{per_class})")
        errors.append({"array": diff, "kind": "difference",
                       "title": f"{name} minus truth (RMSE {rmse[name]:.1f} m)"})
    relief = dict(geotransform=gt, crs=crs)
    panels = ([{"array": grid_holes, "title": "grid with holes", **relief}]
              + [{"array": a, "title": f"{titles[n]}: RMSE {rmse[n]:.1f} m", **relief}
                 for n, a in fills.items()]
              + [{"array": truth, "title": "truth", **relief}] + errors)
    sizes = ", ".join(c for k, c in enumerate(bench.CLASSES, start=1) if (label == k).any())
    relief_panels(panels, out, columns=3, dpi=dpi,
                  title=f"{path.name} {truth.shape[0]} x {truth.shape[1]}: "
                        f"{holes.mean():.0%} of the cells in holes {sizes} cells across")
    print(f"wrote {out}")
    return rmse


if __name__ == "__main__":
    main(*sys.argv[1:3])
