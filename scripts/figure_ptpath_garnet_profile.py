"""Draws docs/ptpath_garnet_profile.png: the P-T path of a real garnet profile.

The profile is DiffusionGarnet.jl's Data_Grt_1D.txt (rim to rim, Xalm/Xsps/Xprp/Xgrs
every 10 um, MIT; tests/data/petrology/).  It has no coexisting minerals: the matrix is
OUR assumption (biotite X_Mg 0.45, plagioclase An30, the same in every zone), printed
on the figure, so the P-T values illustrate the method on real zoning and real noise
and are not a geological result.  Ferry & Spear (1978) garnet-biotite and the ideal
GASP (Koziol & Newton 1988 in Spear's form), 30 zones, both halves pooled.

    .venv/bin/python scripts/figure_ptpath_garnet_profile.py   # docs/ptpath_garnet_profile.png
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "tests" / "data" / "petrology" / "garnet_profile_Data_Grt_1D.txt"
OUT = ROOT / "docs" / "ptpath_garnet_profile.png"
MATRIX = {"bt": "XMg=0.45", "pl": "An=0.3"}


def main(out=OUT):
    from geoinverse.algorithms.petrology import ptgrains as pg
    names = ("grt-bt", "gasp")
    matrix = {k: pg.parse_matrix(v, k) for k, v in MATRIX.items()}
    points = pg.read_profile(str(PROFILE))
    result = pg.estimate_pooled(points, matrix, names, n_zones=30, n_samples=2000)
    lines = pg.assumptions_text(MATRIX, names, [
        "profile: DiffusionGarnet.jl Data_Grt_1D.txt (real, rim to rim, 871 points); "
        "30 zones by normalised distance from the core",
        points.notes[0]])
    fig = pg.path_figure(result, "Garnet profile Data_Grt_1D: Bayesian P-T path "
                         "(95 % posterior ellipses)", lines)
    fig.savefig(out, dpi=110)
    s = result.path.summary()
    print(f"core {s['T_map'][0]:.0f} C {s['P_map'][0]:.2f} kbar -> rim {s['T_map'][-1]:.0f} C "
          f"{s['P_map'][-1]:.2f} kbar; T sd {s['T_sd'].min():.1f}-{s['T_sd'].max():.1f} C; "
          f"wrote {out}")


if __name__ == "__main__":
    main(*(Path(a) for a in sys.argv[1:2]))
