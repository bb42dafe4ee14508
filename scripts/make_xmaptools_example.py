"""Synthetic XMapTools projects with a known truth, and qntmap's example in XMapTools format.

    python scripts/make_xmaptools_example.py            # writes tests/data/epma/xmaptools-*/

`synthetic(size, seed)` builds a zoned-grain project: a quartz matrix, chloritoid grains
whose FeO and MgO are radially zoned (FeO 27 -> 20, MgO 1 -> 6 wt% core to rim), and a
phengite band with straight, sharp edges (the boundary that denoising must not blur).
Counts per pixel are Poisson of k wt% + b (k, b per element and phase: matrix effects),
2-16 counts for Mg, up to ~200 for Fe.  Spots sit on pixel centres away from phase
boundaries, with 1 % relative + 0.03 wt% analytical noise; one spot (an inclusion hit)
is an outlier.  The truth (phase labels, wt% and intensity maps) is returned and, for
the test fixture, written as truth_*.txt next to the project.

`convert_qntmap(src, dst)` writes qntmap's JEOL example (tests/data/epma/qntmap-minimal)
as an XMapTools project: Si.txt and Mg.txt, Standards.txt with its 40 spots (column from
stage y, row from stage x as qntmap places them, at pixel centres) and Classification.txt
with one training pixel per phase (at a spot of that phase).
"""
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT.parent) not in sys.path:
    sys.path.insert(0, str(ROOT.parent))

OXIDES = ["SiO2", "Al2O3", "FeO", "MgO", "K2O"]
ELEMENTS = ["Si", "Al", "Fe", "Mg", "K"]
PHASES = ["Qtz", "Ctd", "Phe"]
DENSITIES = {"Qtz": 2.65, "Ctd": 3.58, "Phe": 2.83}
# counts per wt% (k) and background counts (b) per phase, in ELEMENTS order
K = {"Qtz": [1.80, 4.6, 8.0, 3.0, 15.0], "Ctd": [1.70, 4.3, 7.5, 2.6, 14.0],
     "Phe": [1.75, 4.5, 7.8, 2.9, 14.5]}
B = {"Qtz": [2.0, 1.5, 3.0, 0.6, 1.0], "Ctd": [2.5, 2.0, 3.5, 1.0, 1.2],
     "Phe": [2.2, 1.8, 3.2, 0.8, 1.1]}
STEP_MM = 0.002
SUB = 4
X1, Y2 = 56.739, 43.371


def _composition(size, rng, oscillation=0.0, period=6.0):
    """Phase labels (0 Qtz, 1 Ctd, 2 Phe) and wt% maps (oxide -> array)."""
    rr, cc = np.mgrid[0:size, 0:size].astype(float)
    labels = np.zeros((size, size), int)
    band = (rr >= 0.70 * size) & (rr < 0.84 * size)
    labels[band] = 2
    rho = np.full((size, size), np.inf)
    n_grains = max(2, size // 40)
    centres, tries = [], 0
    radius = size * 0.16
    while len(centres) < n_grains and tries < 1000:
        tries += 1
        r0 = rng.uniform(radius + 1, 0.70 * size - radius - 2)
        c0 = rng.uniform(radius + 1, size - radius - 1)
        if all(np.hypot(r0 - a, c0 - b) > 2.1 * radius for a, b, _ in centres):
            centres.append((r0, c0, radius * rng.uniform(0.8, 1.0)))
    for r0, c0, rad in centres:
        d = np.hypot(rr - r0, (cc - c0) * 1.15) / rad
        rho = np.minimum(rho, d)
    grain = rho <= 1.0
    labels[grain] = 1
    t = cc / max(size - 1, 1)
    wt = {ox: np.zeros((size, size)) for ox in OXIDES}
    comp = {"Qtz": {"SiO2": 99.5, "Al2O3": 0.1, "FeO": 0.05, "MgO": 0.02, "K2O": 0.01}}
    for ox, v in comp["Qtz"].items():
        wt[ox][labels == 0] = v
    g = labels == 1
    r = np.clip(rho, 0, 1)
    wt["SiO2"][g], wt["Al2O3"][g], wt["K2O"][g] = 24.0, 40.5, 0.0
    wt["FeO"][g] = (27.0 - 7.0 * r ** 1.5)[g]
    wt["MgO"][g] = (1.0 + 5.0 * r ** 2)[g]
    if oscillation:     # oscillatory zoning: rings `period` map pixels apart
        ring = np.sin(2 * np.pi * rho * radius / (period * SUB))
        wt["MgO"][g] += (oscillation * ring)[g]
        wt["FeO"][g] -= (2 * oscillation * ring)[g]
    p = labels == 2
    wt["SiO2"][p], wt["K2O"][p] = 49.5, 10.5
    wt["Al2O3"][p] = (28.0 + 2.0 * t)[p]
    wt["FeO"][p] = (1.5 + 0.5 * t)[p]
    wt["MgO"][p] = (2.2 + 0.8 * t)[p]
    return labels, wt, centres


def intensities(labels, wt):
    lam = {}
    for j, (el, ox) in enumerate(zip(ELEMENTS, OXIDES)):
        out = np.zeros(labels.shape)
        for k, ph in enumerate(PHASES):
            sel = labels == k
            out[sel] = K[ph][j] * wt[ox][sel] + B[ph][j]
        lam[el] = out
    return lam


def synthetic(size=200, seed=19, spots_per_grain=6, spots_band=10, spots_matrix=6,
              oscillation=0.0, jitter=0, relative_error=0.01):
    """A zoned-grain project with its truth (see module doc) as a dict.

    A harder variant: `oscillation` wt% MgO (twice that of FeO, opposite) of oscillatory
    zoning in rings 6 pixels apart; spots analysed up to `jitter` pixels away from
    where the stage puts them; `relative_error` of the spot analyses."""
    from scipy.ndimage import distance_transform_edt
    rng = np.random.default_rng(seed)
    # geometry on a 4x finer grid, block-averaged: grain edges get mixed pixels (partial
    # volume), the phengite band's edges (on whole rows) stay sharp
    fine_labels, fine_wt, centres = _composition(size * SUB, rng, oscillation)
    fine_lam = intensities(fine_labels, fine_wt)

    def block(a):
        return a.reshape(size, SUB, size, SUB).mean(axis=(1, 3))

    lam = {el: block(v) for el, v in fine_lam.items()}
    wt = {ox: block(v) for ox, v in fine_wt.items()}
    fractions = np.stack([block((fine_labels == k).astype(float)) for k in range(3)])
    labels = np.argmax(fractions, axis=0)
    centres = [(r / SUB, c / SUB, rad / SUB) for r, c, rad in centres]
    counts = {el: rng.poisson(lam[el]).astype(float) for el in ELEMENTS}
    # spots at least 3 pixels from any phase boundary, on distinct pixels
    edge = np.zeros(labels.shape, bool)
    edge[:, 1:] |= labels[:, 1:] != labels[:, :-1]
    edge[1:, :] |= labels[1:, :] != labels[:-1, :]
    far = distance_transform_edt(~edge) >= 3
    far[:2, :] = far[-2:, :] = far[:, :2] = far[:, -2:] = False
    picks = []
    rr, cc = np.mgrid[0:size, 0:size]
    for r0, c0, rad in centres:   # spread spots from core to rim of each grain
        d = np.hypot(rr - r0, (cc - c0) * 1.15) / rad
        cand = np.flatnonzero((labels.ravel() == 1) & far.ravel() & (d.ravel() < 1))
        dist = d.ravel()[cand]
        for q in np.linspace(0.02, 0.98, spots_per_grain):
            target = np.quantile(dist, q)
            picks.append(cand[np.argmin(np.abs(dist - target) + 1e-6 * rng.random(len(cand)))])
    for k, n in ((2, spots_band), (0, spots_matrix)):
        cand = np.flatnonzero((labels.ravel() == k) & far.ravel())
        picks += list(rng.choice(cand, n, replace=False))
    picks = list(dict.fromkeys(int(p) for p in picks))
    rows, cols = np.divmod(np.array(picks), size)
    spot_wt = np.zeros((len(picks), len(OXIDES)))
    shift = (rng.integers(-jitter, jitter + 1, (2, len(picks))) if jitter
             else np.zeros((2, len(picks)), int))
    for j, ox in enumerate(OXIDES):
        true = wt[ox][np.clip(rows + shift[0], 0, size - 1), np.clip(cols + shift[1], 0, size - 1)]
        spot_wt[:, j] = np.maximum(true * (1 + relative_error * rng.standard_normal(len(picks)))
                                   + 0.03 * rng.standard_normal(len(picks)), 0.0)
    outlier = int(np.flatnonzero(labels[rows, cols] == 1)[2])   # an inclusion hit
    spot_wt[outlier, OXIDES.index("MgO")] += 4.0
    spot_wt[outlier, OXIDES.index("FeO")] -= 6.0
    frame = (X1, X1 + size * STEP_MM, Y2 + size * STEP_MM, Y2)
    x = X1 + (cols + 0.5) * STEP_MM
    y = Y2 + (rows + 0.5) * STEP_MM
    seeds = []
    for k, ph in enumerate(PHASES):
        cand = np.flatnonzero((labels.ravel() == k) & far.ravel())
        r, c = divmod(int(cand[len(cand) // 2]), size)
        seeds.append((ph, c + 1, r + 1))
    return {"counts": counts, "labels": labels, "wt": wt, "lam": lam, "frame": frame,
            "spot_wt": spot_wt, "x": x, "y": y, "rows": rows, "cols": cols,
            "spot_phase": np.array([PHASES[k] for k in labels[rows, cols]]),
            "outlier": outlier, "seeds": seeds, "fractions": fractions, "oxides": OXIDES, "elements": ELEMENTS,
            "phases": PHASES}


def write_synthetic(folder, size=64, seed=19, truth=True, **kw):
    from geoinverse.algorithms.petrology.xmaptools import write_project
    s = synthetic(size, seed, **kw)
    write_project(folder, s["counts"], s["frame"], s["oxides"], s["spot_wt"], s["x"],
                  s["y"], s["seeds"], DENSITIES)
    if truth:
        np.savetxt(os.path.join(folder, "truth_labels.txt"), s["labels"], fmt="%d")
        np.savetxt(os.path.join(folder, "truth_MgO.txt"), s["wt"]["MgO"], fmt="%.4f")
        np.savetxt(os.path.join(folder, "truth_FeO.txt"), s["wt"]["FeO"], fmt="%.4f")
        with open(os.path.join(folder, "truth_spots.txt"), "w") as handle:
            handle.write("spot row col phase outlier\n")
            for i, (r, c, ph) in enumerate(zip(s["rows"], s["cols"], s["spot_phase"])):
                handle.write(f"{i + 1} {r} {c} {ph} {int(i == s['outlier'])}\n")
    return s


def convert_qntmap(src, dst):
    """qntmap's JEOL example as an XMapTools project (see module doc)."""
    from geoinverse.algorithms.petrology import epma
    from geoinverse.algorithms.petrology.xmaptools import write_project
    maps, spots, _ = epma.load(str(src))
    rows, cols = maps.shape
    # qntmap: row = x / step, column = y / step (step 1 mm, start 0): XMapTools X = column
    step = maps.step_um[0] * 1e-3
    x = maps.start_mm[1] + (spots.col + 0.5) * step
    y = maps.start_mm[0] + (spots.row + 0.5) * step
    frame = (maps.start_mm[1], maps.start_mm[1] + cols * step,
             maps.start_mm[0] + rows * step, maps.start_mm[0])
    wt = np.column_stack([spots.wt[ox] for ox in spots.oxides])
    seeds = []
    for ph in sorted(set(spots.phase)):
        i = int(np.flatnonzero(spots.phase == ph)[0])
        seeds.append((ph, int(spots.col[i]) + 1, int(spots.row[i]) + 1))
    counts = {el: maps.counts[el] for el in maps.elements}
    write_project(dst, counts, frame, spots.oxides, wt, x, y, seeds,
                  {"Ol": 3.3, "Qtz": 2.65})
    with open(os.path.join(dst, "truth_spots.txt"), "w") as handle:
        handle.write("spot row col phase\n")
        for i in range(len(spots)):
            handle.write(f"{i + 1} {spots.row[i]} {spots.col[i]} {spots.phase[i]}\n")


def main():
    data = ROOT / "tests" / "data" / "epma"
    write_synthetic(str(data / "xmaptools-synthetic"), size=64, seed=19, spots_per_grain=6,
                    spots_band=6, spots_matrix=4)
    convert_qntmap(data / "qntmap-minimal", str(data / "xmaptools-qntmap"))
    print("wrote", data / "xmaptools-synthetic", "and", data / "xmaptools-qntmap")


if __name__ == "__main__":
    main()
