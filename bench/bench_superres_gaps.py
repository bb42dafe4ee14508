"""geoinverse:superresolve on grids with swath gaps: NODATA_MODE fill-first against mask
and against bicubic, in the same run (issue 22; the table in docs/superresolution.md).

Each held-out grid of training/regions.py (NETWORK_HELD_OUT, less the large JD211 and the
tiny Bermuda cut) is made coarse by 2 x 2 block means, and parallel oblique swath gaps of
WIDTH coarse cells every 40 cells are cut into it, enclosed by data (fill-first fills only
enclosed holes).  Scored against the true fine grid: next to the gaps (cells that mask
mode keeps, within the network's reach of a gap) bicubic, SR mask, SR fill-first and
bicubic after the same spline fill; inside the gaps SR fill-first and bicubic after the
fill.  Run: .venv/bin/python bench/bench_superres_gaps.py  (a few minutes on 2 cores).
"""
import numpy as np
from scipy import ndimage

from common import print_table, save_json

WIDTHS = (2, 6)
PERIOD = 40
SKIP = ("bering_strait_2m_jd211", "bermuda_rise_etopo5")


def rmse(a, b, where):
    ok = where & ~(np.isnan(a) | np.isnan(b))
    return float(np.sqrt(np.mean((a[ok] - b[ok]) ** 2)))


def swath_gaps(shape, width, rng):
    h, w = shape
    yy, xx = np.mgrid[:h, :w]
    u = xx * np.cos(0.3) + yy * np.sin(0.3)
    gaps = np.mod(u + rng.uniform(0, PERIOD), PERIOD) < width
    inner = np.zeros(shape, bool)
    inner[h // 10:h - h // 10, w // 10:w - w // 10] = True
    return gaps & inner


def main():
    from geoinverse.algorithms.bathymetry import superres
    from geoinverse.algorithms.bathymetry.gapfill import fill_gaps_array
    from geoinverse.algorithms.bathymetry.resample import bicubic_upsample
    from geoinverse.training import regions
    model = superres.load_model(superres.default_model())
    s, rng, rows, table = model.scale, np.random.default_rng(3), {}, []
    for region in regions.NETWORK_HELD_OUT:
        if region.name in SKIP:
            continue
        coarse, fine = regions.held_out_pairs(s, (region,))[region.name]
        for width in WIDTHS:
            cg = np.where(swath_gaps(coarse.shape, width, rng), np.nan, coarse)
            bic = bicubic_upsample(cg, s).astype(np.float64)
            runs = {"bicubic": bic,
                    "sr_mask": superres.super_resolve(cg, model, "mask"),
                    "sr_fill": superres.super_resolve(cg, model, "fill"),
                    "bicubic_fill": bicubic_upsample(
                        fill_gaps_array(cg.astype(np.float32))[0], s)}
            kept = np.isfinite(bic)
            near = ndimage.binary_dilation(
                ~kept, np.ones((2 * model.reach * s + 1,) * 2, bool)) & kept
            holes = ~kept & np.isfinite(runs["sr_fill"]) & np.isfinite(fine)
            row = {"hole_cells": int(holes.sum()),
                   "near_gaps": {k: rmse(np.asarray(v, np.float64), fine, near)
                                 for k, v in runs.items()},
                   "in_gaps": {k: rmse(np.asarray(runs[k], np.float64), fine, holes)
                               for k in ("sr_fill", "bicubic_fill")}}
            rows[f"{region.name} width {width}"] = row
            n, g = row["near_gaps"], row["in_gaps"]
            table.append([region.name, width, f"{row['hole_cells']:,}"]
                         + [f"{n[k]:.4g}" for k in runs]
                         + [f"{g['sr_fill']:.4g}", f"{g['bicubic_fill']:.4g}"])
    print(f"RMSE (grid units) with {model.name}, x{s}")
    print_table(["grid", "gap width", "gap cells", "near: bicubic", "near: SR mask",
                 "near: SR fill", "near: bicubic fill", "in gaps: SR fill",
                 "in gaps: bicubic fill"], table)
    wins = sum(r["in_gaps"]["sr_fill"] < r["in_gaps"]["bicubic_fill"] for r in rows.values())
    print(f"fill-first SR beats bicubic-after-fill inside the gaps on {wins}/{len(rows)}")
    save_json("superres_gaps", rows)


if __name__ == "__main__":
    main()
