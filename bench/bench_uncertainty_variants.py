"""Calibration rules measured against the coverage misses of the UNCERTAINTY table
(issue 18; docs/trust-layers.md, "Variants tried").

bench_uncertainty.py scores the shipped rule: one calibration per method fitted on the
held-out grids, its intercept placed so that +-1.96 sigma holds 95 % of the errors
averaged over them.  This bench scores two other rules with the same leave-one-grid-out
protocol and the same samples (training/uncertainty_data.py):

- **self-calibration**: the input grid is made coarser once more (2 x 2 block means), the
  method super-resolves that back onto the input's cells, and the factor that puts 95 %
  of those errors within +-1.96 sigma scales sigma on the grid itself.  It needs nothing
  but the input, so a user's run could do it (super-resolution only);
- **minimax**: the intercept that keeps the calibration grids farthest inside 0.90-0.98
  (the worst grid's margin maximised), in place of the mean rule.

The self factor is also applied shrunk toward 1 (factor ** b, SELF_POWERS); the bench
counts the grids each rule puts within 0.90-0.98.

For the gap filler it also shows how the leave-one-out coverage moves with the number of
hole cells punched per grid (uncertainty_data.MIN_FILL_CELLS: 5,000 shipped, 20,000,
40,000; more hole sets, each filled on its own).

    .venv/bin/python bench/run.py uncertainty_variants        # ~1 min
    UNCERTAINTY_MODEL=fsrcnn_ens_x2 .venv/bin/python bench/run.py uncertainty_variants
"""
import math
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_uncertainty import BAR95, fit_without, residuals  # noqa: E402
from common import print_table, save_json  # noqa: E402

from geoinverse.algorithms.bathymetry import sparse_sr, superres  # noqa: E402
from geoinverse.algorithms.bathymetry import uncertainty as unc  # noqa: E402
from geoinverse.algorithms.bathymetry.sparse_sr import fine_pair  # noqa: E402
from geoinverse.training import uncertainty_data as ud  # noqa: E402

FILL_CELLS = (5000, 20000, 40000)
SELF_POWERS = (0.25, 0.5, 0.75, 1.0)   # sigma scaled by (self factor) ** b


def coverage(r, log_factor=0.0):
    """95 % coverage of residuals r with sigma scaled by exp(log_factor)."""
    return float(np.mean(r <= log_factor + math.log(unc.Z95)))


def log_factor_95(r):
    """The log factor on sigma that puts 95 % of residuals r within +-1.96 sigma."""
    return float(np.quantile(r, 0.95) - math.log(unc.Z95))


def minimax_shift(rs):
    """The log factor that maximises the worst margin of the coverages rs inside BAR95."""
    shifts = np.linspace(-1.0, 1.0, 801)
    margins = [min(min(coverage(r, c) - BAR95[0], BAR95[1] - coverage(r, c)) for r in rs)
               for c in shifts]
    return float(shifts[int(np.argmax(margins))])


def passes(c):
    return BAR95[0] <= c <= BAR95[1]


def sr_rows(method, grids, excluded):
    """Per grid: the table's coverage, the factor it needed, the self-calibrated factor
    and coverage, and the minimax coverage."""
    fine = {n: ud.sr_samples(method, z, 2, excluded=excluded[n]) for n, z in grids.items()}
    own = {n: ud.sr_samples(method, fine_pair(z, 2)[0].astype(np.float64), 2,
                            excluded=None if excluded[n] is None
                            else ud.block_any(excluded[n], 2))
           for n, z in grids.items()}
    rows = {}
    for g in grids:
        theta = fit_without(fine, g, unc.SR_TERMS, "superres")
        r = residuals(theta, fine[g])
        s_self = log_factor_95(residuals(theta, own[g]))
        mm = minimax_shift([residuals(theta, fine[n]) for n in grids if n != g])
        rows[g] = {"cells": len(r), "self_cells": len(own[g][1]), "mean_rule": coverage(r),
                   "needed": math.exp(log_factor_95(r)), "self_factor": math.exp(s_self),
                   "self": coverage(r, s_self), "minimax": coverage(r, mm),
                   **{f"self^{b}": coverage(r, b * s_self) for b in SELF_POWERS}}
    return rows


def fill_rows(grids, excluded):
    """Per grid and hole count: leave-one-out 95 % coverage of the fill calibration."""
    rows = {}
    for cells in FILL_CELLS:
        smp = {n: ud.fill_samples(z, excluded=excluded[n], min_cells=cells, max_seeds=40)
               for n, z in grids.items()}
        for g in grids:
            theta = fit_without(smp, g, unc.FILL_TERMS, "fill")
            rows.setdefault(g, {})[cells] = (len(smp[g][1]),
                                             coverage(residuals(theta, smp[g])))
    return rows


def main():
    start = time.perf_counter()
    grids = ud.grids()
    excluded = {n: ud.excluded_cells(n, z) for n, z in grids.items()}
    only = os.environ.get("UNCERTAINTY_MODEL", "")
    paths = {superres.model_id(p): p for p, _ in superres.shipped_models()}
    model = superres.load_model(paths[only] if only else superres.default_model())
    dictionary = sparse_sr.load_dictionary(sparse_sr.shipped_dictionary_path(2))
    methods = {
        f"superresolve ({model.name})": (
            lambda c: superres.super_resolve(c, model),
            ud.held_out_for(grids, model.card.get("training", {}).get("regions", []))),
        "sparsesr (terrain_x2)": (lambda c: sparse_sr.super_resolve(c, dictionary), grids),
    }
    table, payload, counts = [], {}, {}
    for name, (method, held) in methods.items():
        rows = sr_rows(method, held, excluded)
        payload[name] = rows
        counts[name] = {k: sum(passes(r[k]) for r in rows.values())
                        for k in ("mean_rule", "minimax",
                                  *(f"self^{b}" for b in SELF_POWERS))}
        for g, r in rows.items():
            table.append([name, g, r["cells"], f"{r['mean_rule']:.3f}",
                          f"{r['needed']:.2f}", r["self_cells"], f"{r['self_factor']:.2f}",
                          f"{r['self']:.3f}", f"{r['minimax']:.3f}"])
    print_table(["method", "held-out grid", "cells", "cover 95% (table's rule)",
                 "sigma x it needed", "self cells", "sigma x self-calibrated",
                 "cover 95% self-calibrated", "cover 95% minimax"], table)
    print("\ngrids within 0.90-0.98 (of held-out grids):")
    for name, c in counts.items():
        n = len(payload[name])
        print(f"  {name}: table's rule {c['mean_rule']}/{n}, minimax {c['minimax']}/{n}, "
              + ", ".join(f"self-calibrated (factor ^ {b}) {c[f'self^{b}']}/{n}"
                          for b in SELF_POWERS))
    fill = fill_rows(grids, excluded)
    print("\nfillgaps, leave-one-out 95 % coverage by hole cells per grid (cells scored):")
    print_table(["held-out grid", *(f"{c} cells" for c in FILL_CELLS)],
                [[g, *(f"{v[c][1]:.3f} ({v[c][0]})" for c in FILL_CELLS)]
                 for g, v in fill.items()])
    for c in FILL_CELLS:
        print(f"  {c} cells: {sum(passes(v[c][1]) for v in fill.values())}/{len(fill)} "
              "within 0.90-0.98")
    payload["fill"] = {g: {str(c): v[c] for c in v} for g, v in fill.items()}
    print(f"\n{time.perf_counter() - start:.0f} s; cut {ud.CUT} cells")
    save_json("uncertainty_variants", payload)


if __name__ == "__main__":
    main()
