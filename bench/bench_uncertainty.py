"""UNCERTAINTY calibration table (issue 18): per held-out grid, coverage of the 68 % and
95 % intervals (+-1 sigma, +-1.96 sigma) and Spearman(sigma, |error|).

Grids: training/uncertainty_data.py (the four HELD_OUT grids of training/regions.py and
the real survey / land grids of ../shared/data/bathymetry; each cut to its densest
central UNCERTAINTY_CUT x UNCERTAINTY_CUT window, default 384).  Methods: superresolve
with the default network (x2), sparsesr with the shipped x2 dictionary (each grid made
coarse by 2 x 2 block means), fillgaps with its default spline (disc holes 1-60 cells
across punched into real cells).

Scores are LEAVE-ONE-GRID-OUT: for every grid the calibration is fitted on the other
grids only and scored on it, so no number is test-tuned.  The "shipped" column is the
95 % coverage of the calibration stored in the card (fitted on all grids: in-sample).
(A constant sigma, the baseline without a model, has Spearman 0 by construction.)

    .venv/bin/python bench/run.py uncertainty
    UNCERTAINTY_CUT=256 .venv/bin/python bench/run.py uncertainty     # quicker
"""
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import print_table, save_json  # noqa: E402

from geoinverse.algorithms.bathymetry import sparse_sr, superres  # noqa: E402
from geoinverse.algorithms.bathymetry import uncertainty as unc  # noqa: E402
from geoinverse.training import uncertainty_data as ud  # noqa: E402


def logo(samples, terms, kind, shipped):
    rows, names = {}, list(samples)
    for g in names:
        others = [n for n in names if n != g]
        x = np.concatenate([samples[n][0] for n in others])
        y = np.concatenate([samples[n][1] for n in others])
        grids = np.concatenate([[n] * len(samples[n][1]) for n in others])
        theta = np.asarray(unc.fit(x, y, grids, terms, kind)["theta"])
        xg, yg, lr = samples[g]
        err = np.exp(yg + lr)
        score = unc.evaluate(np.exp(lr + theta[0] + xg @ theta[1:]), err)
        th = np.asarray(shipped["theta"])
        score["shipped95"] = unc.evaluate(np.exp(lr + th[0] + xg @ th[1:]), err)[
            "coverage95"]
        rows[g] = score
    return rows


def main():
    start = time.perf_counter()
    grids = ud.grids()
    model = superres.load_model(superres.default_model())
    dictionary = sparse_sr.load_dictionary(sparse_sr.shipped_dictionary_path(2))
    methods = {
        f"superresolve ({model.name})": (
            {n: ud.sr_samples(lambda c: superres.super_resolve(c, model), z, 2)
             for n, z in grids.items()}, unc.SR_TERMS, "superres",
            model.card["uncertainty"]),
        "sparsesr (terrain_x2)": (
            {n: ud.sr_samples(lambda c: sparse_sr.super_resolve(c, dictionary), z, 2)
             for n, z in grids.items()}, unc.SR_TERMS, "superres",
            dictionary.uncertainty),
        "fillgaps (spline, holes 1-60)": (
            {n: ud.fill_samples(z) for n, z in grids.items()}, unc.FILL_TERMS, "fill",
            unc.fill_calibration()),
    }
    table, payload = [], {}
    for method, (samples, terms, kind, shipped) in methods.items():
        rows = logo(samples, terms, kind, shipped)
        payload[method] = rows
        for g, r in rows.items():
            ok = 0.90 <= r["coverage95"] <= 0.98 and r["spearman"] >= 0.3
            table.append([method, g, r["cells"], f"{r['coverage68']:.3f}",
                          f"{r['coverage95']:.3f}", f"{r['shipped95']:.3f}",
                          f"{r['spearman']:.3f}", "yes" if ok else "NO"])
    print_table(["method", "held-out grid", "cells", "cover 68%", "cover 95% (LOGO)",
                 "cover 95% (shipped)", "Spearman", "bars met"], table)
    print(f"\n{time.perf_counter() - start:.0f} s; cut {ud.CUT} cells")
    save_json("uncertainty", payload)


if __name__ == "__main__":
    main()
