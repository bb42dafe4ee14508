"""Draws docs/isocon_grant2005.png: the isocon diagram of Grant's (2005) worked example.

Table 1 of Grant (2005, Phys. Chem. Earth 30:997), unaltered UA against altered 401
(tests/data/petrology/isocon_grant2005_wide.csv), classical isocon through Grant's
immobile set Al2O3, SiO2, TiO2, Cu, Sc with our default slope (geometric mean of the
ratios); the sparse mode's isocon (q = 0.5, tolerance 0.2) is drawn dashed for
comparison.  Scaled as Grant (1986): each element by its own factor, which moves a point
along its ray from the origin and changes neither the isocon nor the gains/losses.

    .venv/bin/python scripts/figure_isocon_grant2005.py          # docs/isocon_grant2005.png
"""
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "tests" / "data" / "petrology" / "isocon_grant2005_wide.csv"
OUT = ROOT / "docs" / "isocon_grant2005.png"
GRANT = ["Al2O3", "SiO2", "TiO2", "Cu", "Sc"]


def main(out=OUT):
    from geoinverse.algorithms.petrology.isocon import isocon_figure, isocon_table
    with open(TABLE) as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], rows[1:]
    args = ([b[0] for b in body], header[1:], [b[1:] for b in body], "UA")
    classical = isocon_table(*args, mode="classical", immobile=GRANT)
    sparse = isocon_table(*args, mode="sparse")
    fig = isocon_figure(classical, 0, title=(
        "Grant (2005) Table 1: UA (unaltered) vs 401 (altered)\nimmobile (Grant): "
        + ", ".join(GRANT)))
    ax = fig.axes[0]
    right = ax.get_xlim()[1]
    ax.plot([0, right], [0, right * sparse.slope[0]], color="#7b3294", lw=1.2, ls=":",
            label=f"sparse isocon, slope {sparse.slope[0]:.4f} (+ MnO, V, Cr)")
    ax.set_ylim(0, ax.get_ylim()[1] * 1.3)       # room for the legend above K2O
    ax.legend(fontsize=8, loc="upper right")
    fig.savefig(out, dpi=110, bbox_inches="tight")
    print(f"classical slope {classical.slope[0]:.4f} +- {classical.slope_se[0]:.4f}, "
          f"sparse slope {sparse.slope[0]:.4f} ({', '.join(sparse.immobile_names)}); "
          f"wrote {out}")


if __name__ == "__main__":
    main(*(Path(a) for a in sys.argv[1:2]))
