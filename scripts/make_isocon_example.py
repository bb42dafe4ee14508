"""Write tests/data/isocon_synthetic.csv: an altered-rock suite with a known truth.

No published isocon data table could be obtained for this repository, so the Processing
tests and the README example use this generated table.  Everything about it is chosen
here (it is NOT a real analysis): a granodiorite-like protolith (majors + LOI = 100 wt%),
four altered samples, immobile TiO2, Al2O3, Zr, Nb, Y, Th, La, Yb, fixed gains/losses
of the mobile elements (each varied by +-20 % between samples) and a SiO2 factor per
sample from leaching to silicification.  The masses per 100 g of protolith are summed
over the majors and LOI, which gives each sample's true M_A/M_O, and the composition is
closed to 100 wt% again (traces to ppm of the altered rock).  Then 5 % log-normal noise
on every analysis (reference included), seed 8.  The script prints the true ratios.
Run: python scripts/make_isocon_example.py
"""
import csv
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "isocon_synthetic.csv"
PROTOLITH = {"SiO2": 66.0, "TiO2": 0.55, "Al2O3": 15.6, "Fe2O3T": 4.3, "MnO": 0.08,
             "MgO": 1.8, "CaO": 3.9, "Na2O": 3.8, "K2O": 2.9, "P2O5": 0.16, "LOI": 0.91,
             "Zr": 170.0, "Nb": 9.0, "Y": 20.0, "Th": 10.5, "La": 30.0, "Yb": 2.0,
             "Rb": 95.0, "Sr": 420.0, "Ba": 650.0, "Cu": 25.0}
FACTOR = {"LOI": 3.0, "Fe2O3T": 0.6, "MnO": 0.5, "MgO": 0.45, "CaO": 0.25,
          "Na2O": 0.3, "K2O": 2.6, "P2O5": 0.55, "Rb": 2.8, "Sr": 0.3, "Ba": 1.8,
          "Cu": 4.0}
SILICA = [0.7, 0.9, 1.3, 1.6]
MAJORS = 11  # SiO2 .. LOI, in wt%; the rest are ppm


def main():
    rng = np.random.default_rng(8)
    names = list(PROTOLITH)
    c0 = np.array([PROTOLITH[n] for n in names])
    factor = np.array([FACTOR.get(n, 1.0) for n in names])
    assert abs(c0[:MAJORS].sum() - 100.0) < 1e-9
    rows = [("protolith", "least altered", c0 * np.exp(rng.normal(0, 0.05, len(c0))))]
    for j, silica in enumerate(SILICA):
        f = np.where(factor != 1.0, factor * rng.uniform(0.8, 1.2, len(c0)), 1.0)
        f[0] = silica
        mass = c0 * f                          # per 100 g (majors) / per g (ppm) of protolith
        alpha = mass[:MAJORS].sum() / 100.0    # M_A / M_O
        c = mass / alpha * np.exp(rng.normal(0, 0.05, len(c0)))
        print(f"alt{j + 1}: true M_A/M_O = {alpha:.4f}")
        rows.append((f"alt{j + 1}", "altered", c))
    with open(OUT, "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["sample", "rock", *names])
        for sample, rock, values in rows:
            writer.writerow([sample, rock, *(f"{v:.4g}" for v in values)])
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
