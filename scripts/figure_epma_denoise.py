"""Draws docs/epma_denoise.png: a zoned chloritoid grain, MgO wt% pixel-wise vs denoised.

The synthetic zoned-grain project of the left-out-spot benchmark (scripts/
make_xmaptools_example.py, 200 x 200, seed 19: 4-17 Mg counts per pixel in the grains)
is quantified from its wt% spots twice with geoinverse's own calls (epmaquantify's
quantify_mapset): DENOISE none (pixel-wise calibration) and poisson (the default).
Panels, cropped on one grain and the phengite band's sharp edge, on one colour scale:
the true MgO, pixel-wise, denoised; titles give the RMSE against the truth over the
crop's pure pixels.

    .venv/bin/python scripts/figure_epma_denoise.py            # docs/epma_denoise.png
"""
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import make_xmaptools_example as mx  # noqa: E402

from geoinverse.algorithms.petrology import quantify  # noqa: E402
from geoinverse.algorithms.raster import read_array  # noqa: E402

OUT = ROOT / "docs" / "epma_denoise.png"


def main(out=OUT):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    work = Path(tempfile.mkdtemp())
    s = mx.write_synthetic(str(work / "p"), size=200, seed=19, truth=False)
    maps = {}
    for mode in ("none", "poisson"):
        _, paths, _, _ = quantify.quantify_mapset(str(work / "p"), str(work / mode),
                                                  denoise=mode)
        maps[mode] = read_array(paths["MgO"])[0]
    truth = s["wt"]["MgO"]
    # crop around the grain nearest the band, down to the band's upper edge
    rr, cc = np.nonzero(s["labels"] == 1)
    r0 = int(0.70 * 200)
    lowest = np.argmax(rr)
    c_mid = int(cc[lowest])
    rows = slice(max(r0 - 80, 0), min(r0 + 12, 200))
    cols = slice(max(c_mid - 46, 0), max(c_mid - 46, 0) + 92)
    pure = s["fractions"].max(axis=0)[rows, cols] >= 0.999
    panels = [("truth", truth), ("pixel-wise calibration", maps["none"]),
              ("denoised (DENOISE=poisson)", maps["poisson"])]
    fig, axes = plt.subplots(1, 3, figsize=(11.5, 4.4), constrained_layout=True)
    for ax, (title, array) in zip(axes, panels):
        crop = array[rows, cols]
        if title != "truth":
            err = np.sqrt(np.mean((crop - truth[rows, cols])[pure] ** 2))
            title += f"\nRMSE {err:.2f} wt% MgO"
            print(title.replace("\n", ": "))
        else:
            title += "\n(chloritoid zoned 1 -> 6 wt%)"
        im = ax.imshow(crop, cmap="viridis", vmin=0, vmax=7, interpolation="nearest")
        ax.set_title(title, fontsize=10)
        ax.set_xticks([])
        ax.set_yticks([])
    fig.colorbar(im, ax=axes, shrink=0.8, label="MgO wt%")
    fig.suptitle("Zoned grain from 4-17 Mg counts per pixel: wt%-spot standardisation, "
                 "pixel-wise vs denoised (synthetic XMapTools project)", fontsize=11)
    fig.savefig(out, dpi=80)
    print("wrote", out)


if __name__ == "__main__":
    main(*sys.argv[1:])
