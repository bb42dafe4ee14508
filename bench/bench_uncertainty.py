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
Two columns bound what any re-scaling of that calibration can do: the factors on sigma
that would put this grid's 95 % coverage within 0.90-0.98, and the factors that keep
every other grid within it.  Where the two ranges do not overlap, no calibration of these
features that meets the bar on the calibration grids meets it on this one.
The truth is cleaned of survey artefacts (uncertainty_data.CLEANING: GGV1's planted
spikes not scored, JD211 destriped); those grids also get a "(raw)" row against the
uncleaned truth, and an oracle Spearman (the true local error magnitude) for both.
Per super-resolution method and held-out grid, "learner bound": the Spearman a flexible
learner of log |error| on every input-derived feature reaches when fitted on the grid
itself (learner_bound; about 3 s a grid).

    .venv/bin/python bench/run.py uncertainty
    UNCERTAINTY_CUT=256 .venv/bin/python bench/run.py uncertainty     # quicker
    UNCERTAINTY_MODEL=fsrcnn_ens_x8 .venv/bin/python bench/run.py uncertainty  # one network
                                      # (at its own scale), its rows only
"""
import math
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import print_table, save_json  # noqa: E402

from geoinverse.algorithms.bathymetry import sparse_sr, superres  # noqa: E402
from geoinverse.algorithms.bathymetry import uncertainty as unc  # noqa: E402
from geoinverse.training import uncertainty_data as ud  # noqa: E402


def _score(theta, samples):
    xg, yg, lr = samples
    return unc.evaluate(np.exp(lr + theta[0] + xg @ theta[1:]), np.exp(yg + lr))


def residuals(theta, samples):
    """log(|error| / sigma) of the samples under calibration theta."""
    xg, yg, _ = samples
    return yg - (theta[0] + xg @ theta[1:])


BAR95 = (0.90, 0.98)   # the bar on the 95 % coverage


def admissible(theta, samples):
    """(lo, hi): the factors on sigma that would put the 95 % coverage of `samples`
    within BAR95 (coverage(f) = share of |e| <= 1.96 f sigma)."""
    r = residuals(theta, samples)
    return tuple(float(np.exp(np.quantile(r, q) - math.log(unc.Z95))) for q in BAR95)


def common_band(bands):
    """The factors every band admits: (max lo, min hi); empty when lo > hi."""
    return max(b[0] for b in bands), min(b[1] for b in bands)


def fit_without(samples, grid, terms, kind):
    """theta of the calibration fitted on every grid of `samples` but `grid`."""
    others = [n for n in samples if n != grid]
    x = np.concatenate([samples[n][0] for n in others])
    y = np.concatenate([samples[n][1] for n in others])
    grids = np.concatenate([[n] * len(samples[n][1]) for n in others])
    return np.asarray(unc.fit(x, y, grids, terms, kind)["theta"])


def logo(samples, terms, kind, shipped, raw=None):
    """Leave-one-grid-out rows; `raw` ({grid: samples against the uncleaned truth}) adds
    a row per cleaned grid, scored with the same calibration (fitted on the others)."""
    rows, names = {}, list(samples)
    th = np.asarray(shipped["theta"])
    for g in names:
        others = [n for n in names if n != g]
        theta = fit_without(samples, g, terms, kind)
        # what the eight other grids allow: a calibration that keeps each of them within
        # the bar can only scale this sigma by a factor inside `allowed`
        allowed = common_band([admissible(theta, samples[n]) for n in others])
        variants = {g: samples[g]}
        if raw and g in raw:
            variants = {f"{g} (raw)": raw[g],
                        f"{g} ({ud.CLEANING[g]} cleaned)": samples[g]}
        for label, smp in variants.items():
            rows[label] = _score(theta, smp)
            rows[label]["shipped95"] = _score(th, smp)["coverage95"]
            rows[label]["needs"] = admissible(theta, smp)
            rows[label]["others_allow"] = allowed
            # the family's ceiling: the same model fitted on this grid itself (in-sample,
            # not a calibration): no sigma of these features ranks its errors better
            own = np.asarray(unc.fit(smp[0], smp[1], [g] * len(smp[1]), terms, kind)["theta"])
            rows[label]["ceiling"] = _score(own, smp)["spearman"]
    return rows


def _band(b):
    lo, hi = b
    return f"{lo:.2f}-{hi:.2f}" if lo <= hi else f"none ({lo:.2f} > {hi:.2f})"


def oracle(run, scale, excluded=None, half=3):
    """Spearman(|error|, mean |error| of the (2 half + 1)^2 cells around, own cell left
    out): what a sigma knowing the true local error magnitude reaches.  Not an upper
    bound (a narrower window can do better: half=1 is reported too)."""
    from scipy import ndimage
    from scipy.stats import spearmanr
    out, truth = run[1], ud.scored_truth(run[3], excluded, scale)
    err = np.abs(out - truth)
    ok = np.isfinite(err)
    e0 = np.where(ok, err, 0.0)
    size = 2 * half + 1
    total = ndimage.uniform_filter(e0, size, mode="constant") * size ** 2 - e0
    count = ndimage.uniform_filter(ok.astype(float), size, mode="constant") * size ** 2 - ok
    near = total / np.maximum(count, 1)
    keep = ok & (count > 0.5)
    return float(spearmanr(near[keep], err[keep]).correlation)


LEARNER = {"max_iter": 100, "learning_rate": 0.1, "min_samples_leaf": 1000,
           "early_stopping": False, "random_state": 0}
NEIGHBOURS = 2   # the (2 n + 1)^2 coarse neighbourhood the learner sees


def input_features(coarse, out, bic, scale):
    """Per fine cell, input-derived only: log roughness, the 4 SR_TERMS, the 5 x 5
    coarse neighbourhood (its mean removed, / roughness), the detail the method added to
    bicubic at that cell (/ roughness) and the cell's place in its block."""
    from geoinverse.algorithms.bathymetry.sparse_sr import upsample_blocks
    lr, terms = unc.sr_features(coarse, out, bic, scale)
    k = 2 * NEIGHBOURS + 1
    p = np.pad(coarse, NEIGHBOURS, mode="reflect")
    nb = np.lib.stride_tricks.sliding_window_view(p, (k, k)).reshape(*coarse.shape, k * k)
    nb = (nb - nb.mean(-1, keepdims=True)) / np.exp(lr)[..., None]
    yy, xx = np.mgrid[:out.shape[0], :out.shape[1]]
    cols = [lr, *terms, *np.moveaxis(nb, -1, 0)]
    return np.stack([upsample_blocks(c, scale) for c in cols]
                    + [(out - bic) / upsample_blocks(np.exp(lr), scale),
                       (yy % scale) * scale + xx % scale], -1)


def learner_bound(run, scale, excluded=None):
    """Spearman(sigma, |error|) of gradient-boosted trees (HistGradientBoostingRegressor)
    of log |error| on input_features, fitted on this grid itself: the left half's cells
    scored by the fit on the right half and back (spatial 2-fold, so not in-sample).
    An estimate of the best any sigma computed from the input can rank this grid's
    errors (docs/trust-layers.md: on JD211 the leave-one-grid-out calibrations, linear
    or the same trees, stay below it; an in-sample fit of such a learner only memorises
    the errors)."""
    from scipy.stats import spearmanr
    from sklearn.ensemble import HistGradientBoostingRegressor
    coarse, out, bic, truth = run
    truth = ud.scored_truth(truth, excluded, scale)
    x = input_features(coarse, out, bic, scale)
    err = np.abs(out - truth)
    ok = np.isfinite(err) & np.all(np.isfinite(x), -1)
    left = (np.mgrid[:err.shape[0], :err.shape[1]][1] < err.shape[1] // 2)[ok]
    # relative to the roughness (x[:, 0], log r), as the calibrated model: trees on a
    # small grid then start from sigma ~ r rather than from a constant
    x, y = x[ok], np.log(err[ok] + unc._eps(truth[ok])) - x[ok][:, 0]
    pred = np.empty(len(y))
    for train in (left, ~left):
        if train.sum() < 100 or train.all():
            return float("nan")
        # leaves of at most 5 % of a half: small grids (F00788, Bermuda) get trees too
        leaf = min(LEARNER["min_samples_leaf"], int(train.sum()) // 20)
        model = HistGradientBoostingRegressor(**{**LEARNER, "min_samples_leaf": leaf}).fit(
            x[train], y[train])
        pred[~train] = model.predict(x[~train])
    return float(spearmanr(pred + x[:, 0], err[ok]).correlation)


def table_rows(method, rows):
    """Printed rows of one method's leave-one-out results."""
    out = []
    for g, r in rows.items():
        ok = BAR95[0] <= r["coverage95"] <= BAR95[1] and r["spearman"] >= 0.3
        out.append([method, g, r["cells"], f"{r['coverage68']:.3f}",
                    f"{r['coverage95']:.3f}", f"{r['shipped95']:.3f}",
                    f"{r['spearman']:.3f}", f"{r['ceiling']:.3f}", _band(r["needs"]),
                    _band(r["others_allow"]), "yes" if ok else "NO"])
    return out


def main():
    start = time.perf_counter()
    grids = ud.grids()
    raw_grids = {n: z for n, z in ud.grids(clean=False).items() if n in ud.CLEANING}
    excluded = {n: ud.excluded_cells(n, z) for n, z in grids.items()}
    only = os.environ.get("UNCERTAINTY_MODEL", "")
    paths = {superres.model_id(p): p for p, _ in superres.shipped_models()}
    model = superres.load_model(paths[only] if only else superres.default_model())
    network = f"superresolve ({model.name})"
    sr_methods = {network: (lambda c: superres.super_resolve(c, model), model.scale,
                            model.card["uncertainty"],
                            model.card.get("training", {}).get("regions", []))}
    if not only:
        dictionary = sparse_sr.load_dictionary(sparse_sr.shipped_dictionary_path(2))
        sr_methods["sparsesr (terrain_x2)"] = (
            lambda c: sparse_sr.super_resolve(c, dictionary), 2, dictionary.uncertainty, [])
    table, payload, bounds, orc = [], {}, {}, {}
    for method, (run_method, scale, shipped, trained) in sr_methods.items():
        held = ud.held_out_for(grids, trained)
        # each grid is super-resolved once; samples, bound and oracle score that run
        runs = {n: ud.sr_run(run_method, z, scale) for n, z in held.items()}
        raw_runs = {n: ud.sr_run(run_method, z, scale) for n, z in raw_grids.items()
                    if n in held}
        samples = {n: ud.run_samples(r, scale, excluded=excluded[n]) for n, r in runs.items()}
        raw = {n: ud.run_samples(r, scale) for n, r in raw_runs.items()}
        payload[method] = logo(samples, unc.SR_TERMS, "superres", shipped, raw)
        table += table_rows(method, payload[method])
        bounds[method] = {n: learner_bound(r, scale, excluded[n]) for n, r in runs.items()}
        if method == network:
            for half in (1, 3):
                k = 2 * half + 1
                for n in raw_runs:
                    orc[f"{n} (raw), {k} x {k}"] = oracle(raw_runs[n], scale, half=half)
                    orc[f"{n} (cleaned), {k} x {k}"] = oracle(runs[n], scale, excluded[n],
                                                              half=half)
    if not only:
        fill = "fillgaps (spline, holes 1-60)"
        samples = {n: ud.fill_samples(z, excluded=excluded[n]) for n, z in grids.items()}
        raw = {n: ud.fill_samples(z) for n, z in raw_grids.items()}
        payload[fill] = logo(samples, unc.FILL_TERMS, "fill", unc.fill_calibration(), raw)
        table += table_rows(fill, payload[fill])
    print_table(["method", "held-out grid", "cells", "cover 68%", "cover 95% (LOGO)",
                 "cover 95% (shipped)", "Spearman", "ceiling (own-grid fit)",
                 "sigma x to meet 95% bar", "sigma x others allow", "bars met"],
                table)
    print("\nlearner bound (Spearman of gradient-boosted trees on every input-derived "
          "feature, fitted on the grid itself, spatial 2-fold):")
    for method, per_grid in bounds.items():
        print(f"  {method}: " + ", ".join(f"{n} {v:.3f}" for n, v in per_grid.items()))
    payload["learner_bound"] = bounds
    print("\noracle Spearman (true local error magnitude, own cell out; "
          f"{model.name}, its held-out grids):")
    for k, v in orc.items():
        print(f"  {k}: {v:.3f}")
    payload["oracle"] = orc
    print(f"\n{time.perf_counter() - start:.0f} s; cut {ud.CUT} cells")
    save_json("uncertainty", payload)


if __name__ == "__main__":
    main()
