"""P-T path from many garnet grains on 2-D maps (ptgrains.py) against one grain.

Synthetic quantified maps (96 x 96 px): six disc grains (radii 18, 14, 16, 12, 9, 8 px)
grown along one clockwise path (P = 5 + 4 sin(0.8 pi s) kbar, T = 500 + 180 (1 - (1 -
s)^2) C, the ptpath tests' path) at one radial rate, so smaller grains nucleated later;
garnet in equilibrium with a fixed matrix (biotite X_Mg 0.45, plagioclase An30) under
Ferry & Spear and the ideal GASP; 1 % + 0.02 wt% noise per pixel and oxide.
- baseline: the largest grain alone (one grain, as a single-grain study would use);
- geoinverse: all six pooled, nucleation offsets none / size / fit.
Per run: max |error| of the MAP against the truth at each zone's mean position, mean
posterior sd of P and T, seconds; ratios against the baseline of the same seed.
BENCH_QUICK=1: one seed (else three), 20 zones, 800 posterior samples.
"""
import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "2"

import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import print_table, save_json  # noqa: E402

from geoinverse.algorithms.petrology import ptgrains as pg  # noqa: E402

GRAINS = [((20, 20), 18), ((22, 72), 14), ((72, 22), 16), ((74, 74), 12), ((48, 48), 9),
          ((48, 86), 8)]
MATRIX = {"bt": pg.parse_matrix("XMg=0.45", "bt"), "pl": pg.parse_matrix("An=0.3", "pl")}


def true_p(s):
    return 5 + 4 * np.sin(np.pi * 0.8 * s)


def true_t(s):
    return 500 + 180 * (1 - (1 - s) ** 2)


def run(grains, offsets, seed, zones=20, samples=800):
    centres, radii = zip(*grains)
    maps, membership, _ = pg.synthetic_maps(true_p, true_t, MATRIX, centres, radii,
                                            rng=np.random.default_rng(seed))
    start = time.perf_counter()
    points, _ = pg.points_from_maps(maps, membership)
    r = pg.estimate_pooled(points, MATRIX, n_zones=zones, offsets=offsets,
                           n_samples=samples, seed=seed)
    seconds = time.perf_counter() - start
    s = r.path.summary()
    at = r.path.distance
    return {"dP": float(np.abs(r.path.map_p - true_p(at)).max()),
            "dT": float(np.abs(r.path.map_t - true_t(at)).max()),
            "sdP": float(s["P_sd"].mean()), "sdT": float(s["T_sd"].mean()), "s": seconds}


def main():
    seeds = [1] if os.environ.get("BENCH_QUICK") else [1, 2, 3]
    rows, payload = [], {}
    for seed in seeds:
        base = run(GRAINS[:1], "none", seed)
        cases = [("largest grain alone (baseline)", base)] + [
            (f"6 grains, offsets {mode}", run(GRAINS, mode, seed))
            for mode in ("none", "size", "fit")]
        for label, m in cases:
            payload[f"seed {seed}: {label}"] = m
            rows.append([seed, label, f"{m['dP']:.3f}", f"{m['dT']:.1f}",
                         f"{m['sdP']:.4f}", f"{m['sdT']:.2f}",
                         f"{m['sdT'] / base['sdT']:.2f}", f"{m['s']:.1f}",
                         f"{m['s'] / base['s']:.1f}"])
    print("MAP max error (bar: 0.5 kbar, 25 C, the single-grain test's) and posterior sd:")
    print_table(["seed", "run", "max|dP| kbar", "max|dT| C", "mean sd P", "mean sd T",
                 "sd T / base", "s", "time / base"], rows)
    save_json("ptpathmaps", payload)


if __name__ == "__main__":
    main()
