"""Draws docs/uncertainty.png: the UNCERTAINTY layer next to the actual error (issue 18).

A held-out grid (default: the densest 256 x 256 window of GMT's HI_topo_02.nc, Hawaii, 5'
cells, held out from every training region in training/regions.py) is
- made coarse by 2 x 2 block means and super-resolved by the default network with its
  card's calibration (top row), and
- holed with the calibration's discs of 1-60 cells and filled by the default spline
  (bottom row).
Panels: the truth (hillshaded), |output - truth|, and sigma, on one logarithmic colour
scale per row; titles give the 95 % coverage (|error| <= 1.96 sigma) and Spearman.

    .venv/bin/python scripts/figure_uncertainty.py              # docs/uncertainty.png
    .venv/bin/python scripts/figure_uncertainty.py GRID OUT.png
"""
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "uncertainty.png"
DEFAULT = ROOT / "training" / "data" / "HI_topo_02.nc"


def panels(grid):
    from geoinverse.algorithms.bathymetry import superres
    from geoinverse.algorithms.bathymetry import uncertainty as unc
    from geoinverse.training import uncertainty_data as ud
    model = superres.load_model(superres.default_model())
    coarse, out, _, truth = ud.sr_run(lambda c: superres.super_resolve(c, model), grid, 2)
    sr_sigma = unc.sr_layers(coarse, out, 2, model.card["uncertainty"])[0]
    holed, filled, labels, dist, punched = ud.fill_run(grid)
    fill_sigma = unc.fill_sigma(holed, labels, dist, unc.fill_calibration())
    fill_err = np.where(labels > 0, np.abs(filled - grid), np.nan)
    fill_sigma = np.where(labels > 0, fill_sigma, np.nan)
    return [("super-resolved x2 (" + model.name + ")", truth, np.abs(out - truth), sr_sigma),
            ("gaps filled (spline, holes 1-60 cells)", np.where(punched, np.nan, grid),
             fill_err, fill_sigma)]


def main(grid_path=DEFAULT, out=OUT):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.colors import LogNorm

    from geoinverse.algorithms.bathymetry import uncertainty as unc
    from geoinverse.algorithms.figures import hillshade
    from geoinverse.algorithms.raster import read_array
    from geoinverse.training import uncertainty_data as ud
    grid = ud.central(read_array(grid_path)[0].astype(np.float64), 256)
    rows = panels(grid)
    fig, axes = plt.subplots(len(rows), 3, figsize=(12, 4.1 * len(rows)))
    scores = {}
    for ax, (name, base, err, sigma) in zip(axes, rows):
        ok = np.isfinite(err) & np.isfinite(sigma)
        score = unc.evaluate(sigma[ok], err[ok])
        scores[name] = score
        ax[0].imshow(hillshade(np.nan_to_num(base, nan=np.nanmean(base))), cmap="gray")
        ax[0].imshow(np.ma.masked_invalid(base), cmap="terrain", alpha=0.5)
        ax[0].set_title(f"{name}\ninput relief (truth, hillshaded)", fontsize=9)
        lo = max(np.nanpercentile(sigma[ok], 1), np.nanpercentile(err[ok], 5), 1e-6)
        hi = max(np.nanpercentile(sigma[ok], 99.5), np.nanpercentile(err[ok], 99.5))
        norm = LogNorm(lo, hi)
        for a, image, title in ((ax[1], err, "actual |error| (m)"),
                                (ax[2], sigma, "UNCERTAINTY sigma (m)")):
            shown = a.imshow(np.ma.masked_invalid(image), cmap="magma", norm=norm)
            a.set_title(title, fontsize=9)
            fig.colorbar(shown, ax=a, fraction=0.046, pad=0.02)
        ax[2].set_title(f"UNCERTAINTY sigma (m)\n|error| <= 1.96 sigma in "
                        f"{100 * score['coverage95']:.1f} % of cells, Spearman "
                        f"{score['spearman']:.2f}", fontsize=9)
        for a in ax:
            a.set_xticks([])
            a.set_yticks([])
        print(f"{name}: coverage 68 % {score['coverage68']:.3f}, 95 % "
              f"{score['coverage95']:.3f}, Spearman {score['spearman']:.3f}")
    fig.suptitle(f"{Path(grid_path).name} (held out from training): sigma next to the "
                 "actual error\n(calibration as shipped: fitted on all calibration grids, "
                 "this one included; leave-one-grid-out scores in docs/trust-layers.md)",
                 fontsize=10)
    fig.tight_layout()
    fig.savefig(out, dpi=72)
    plt.close(fig)
    return scores


if __name__ == "__main__":
    main(*sys.argv[1:3]) if len(sys.argv) > 1 else main()
