"""Stripe estimators for a GIVEN line direction, and the oracles that bound them.

The synthetic stripes of bench_denoise.py (east-west tracks of 12 rows, one offset
~ N(0, r) per track, r = the grid's RMS cell-to-cell difference) on the stripe-free real
grids, with no other noise, so only the stripe estimate is measured.  Per grid:

- oracle: the best per-line constant, fitted with the truth (median over each row of
  noisy - clean): what a line-offset model can remove at best;
- floor: the clean grid's own "stripe energy" at the line direction, i.e. the energy of
  its row means high-passed across the rows (minus a Gaussian of 4 / 16 rows), as a share
  of the injected stripes' energy;
- Wiener oracle: the best linear filter of the row-mean profile given the TRUE spectra of
  the stripes and of the clean profile (a bound for any estimator that looks only at
  line means);
- (a) unidirectional variational destriping (Bouali & Ladjal 2011, IEEE TGRS
  49(8):2924): min_u |d_across u|_1 + lam/2 |d_along (u - f)|^2, our Chambolle-Pock
  solver (200 iterations); as published, and with its stripe estimate f - u high-passed
  across the lines (the functional leaves the relief's own across-line profile free);
- (a') the same functional restricted to line constants (u = f - s_k): min_s
  sum |d_across (f - s)| + ridge, solved by IRLS;
- (b) denoise.level_offsets (the level-median estimate, used for a detected direction)
  and denoise.jump_offsets (line-to-line jumps against a curvature model, used for a
  given direction).

Reported: stripe energy removed = 1 - S(out - truth) / S(noisy - truth) over the 12-row
tracks, and the clean change (the estimator run on the clean grid, RMS / r).

    .venv/bin/python bench/bench_destripe_methods.py            # all 7 grids (~1 min)
    DESTRIPE_GRIDS="zSW3,St Helens" .venv/bin/python bench/bench_destripe_methods.py
"""
import os
import sys
import warnings
from pathlib import Path

import numpy as np
from scipy import ndimage
from scipy.linalg import solve_banded

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_denoise as B  # noqa: E402
from common import print_table  # noqa: E402

from geoinverse.algorithms.bathymetry import denoise  # noqa: E402


def row_median(a):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return np.nan_to_num(np.nanmedian(a, axis=1))


def row_mean(a):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return np.nan_to_num(np.nanmean(a, axis=1))


def highpass(p, sigma, weight=None):
    """p minus its Gaussian across the rows, normalised over the rows with data (zero
    at the rows without)."""
    w = np.ones(len(p)) if weight is None else (weight > 0).astype(float)
    num = ndimage.gaussian_filter1d(p * w, sigma, mode="nearest")
    den = ndimage.gaussian_filter1d(w, sigma, mode="nearest")
    return w * (p - num / np.maximum(den, 1e-12))


def wiener_bound(clean_profile, stripe_profile, count):
    pc = np.abs(np.fft.rfft(highpass(clean_profile, 64, count))) ** 2
    ps = np.abs(np.fft.rfft(stripe_profile)) ** 2
    return 1 - float((ps * pc / (ps + pc + 1e-300)).sum() / ps.sum())


def bouali_ladjal(f, lam=10.0, iterations=200, highpassed=False):
    """Chambolle-Pock for min_u |D_y u|_1 + lam/2 |D_x (u - f)|^2 (rows = lines along x):
    dual step on D_y, primal prox = a tridiagonal solve per row."""
    fz = denoise.transforms.nearest_fill(f)
    n = fz.shape[1]
    tau = sigma = 0.99 / 2.0
    ab = np.zeros((3, n))
    diag = np.full(n, 2.0)
    diag[0] = diag[-1] = 1.0
    ab[0, 1:] = ab[2, :-1] = -tau * lam
    ab[1] = 1.0 + tau * lam * diag

    def dxt_dx(g):                       # D_x^T D_x g (Neumann)
        d = np.diff(g, axis=1)
        out = np.zeros_like(g)
        out[:, :-1] -= d
        out[:, 1:] += d
        return out

    rhs0 = tau * lam * dxt_dx(fz)
    u, ubar, p = fz.copy(), fz.copy(), np.zeros_like(fz)
    for _ in range(iterations):
        p = np.clip(p + sigma * np.diff(ubar, axis=0, append=ubar[-1:]), -1, 1)
        div = np.vstack([p[:1], p[1:-1] - p[:-2], -p[-2:-1]])
        new = solve_banded((1, 1), ab, (u + tau * div + rhs0).T).T
        ubar, u = 2 * new - u, new
    s = fz - u
    if highpassed:
        s = s - ndimage.gaussian_filter1d(s, 48, axis=0, mode="nearest")
    return np.where(np.isfinite(f), s, np.nan)


def tv_line_constants(f, ridge=1e-2, iterations=8):
    """min_s sum_x |D_y (f - s)| + ridge mean(w) |s|^2 by IRLS, s one value per row."""
    n = f.shape[0]
    d1 = np.zeros((n - 1, n))
    i = np.arange(n - 1)
    d1[i, i], d1[i, i + 1] = -1.0, 1.0
    jumps = np.diff(f, axis=0)
    eps = 0.1 * np.nanmedian(np.abs(jumps)) + 1e-12
    s = np.zeros(n)
    for _ in range(iterations):
        res = jumps - (d1 @ s)[:, None]
        w = np.where(np.isfinite(res), 1 / np.maximum(np.abs(res), eps), 0.0)
        tot = w.sum(1)
        a = d1.T @ (tot[:, None] * d1) + ridge * tot.mean() * np.eye(n)
        s = np.linalg.solve(a, d1.T @ (w * np.nan_to_num(jumps)).sum(1))
    return s[:, None] * np.ones(f.shape[1])


def ours(method):
    def run(f):
        ok = np.isfinite(f)
        return denoise.stripe_component(denoise.transforms.nearest_fill(f), 90.0, (0, 0),
                                        ok, method)
    return run


METHODS = [
    ("(a) Bouali-Ladjal", bouali_ladjal),
    ("(a) Bouali-Ladjal, high-passed", lambda f: bouali_ladjal(f, highpassed=True)),
    ("(a') TV on line constants", tv_line_constants),
    ("(b) level medians (detected dir.)", ours("levels")),
    ("(b) jumps + curvature (given dir.)", ours("jumps")),
]


def known_boundaries(f):
    """Oracle: the track boundaries known (so no false step anywhere), each step the
    block-median jump across it minus the median jump over the 3 lines on either side
    (the relief's slope across the lines, as in (b)); the steps summed across the lines,
    mean taken out.  What a local relief-slope model can do at best."""
    jumps = np.diff(f, axis=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        med = np.nanmedian(jumps, axis=1)
    steps = np.zeros(f.shape[0])
    for k in range(B.TRACK - 1, f.shape[0] - 1, B.TRACK):
        around = [med[i] for i in range(max(k - 3, 0), min(k + 4, len(med))) if i != k]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            steps[k + 1] = np.nan_to_num(med[k] - np.nanmedian(around))
    level = np.cumsum(steps)[:, None] * np.ones(f.shape[1])
    return level - np.nanmean(np.where(np.isfinite(f), level, np.nan))


def seeds():
    """SEED and the next DESTRIPE_SEEDS - 1 draws of the offsets (default 5)."""
    return [B.SEED + k for k in range(int(os.environ.get("DESTRIPE_SEEDS", "5")))]


def grid_rows(name, g):
    """Per estimator: stripe energy removed, mean [worst] over the draws, and the clean
    change."""
    r = B.roughness(g)
    track = B.tracks(g.shape)
    ok = np.isfinite(g)
    scores = {}
    for seed in seeds():
        stripes = np.random.default_rng(seed).normal(size=track.max() + 1)[track] * r
        noisy = g + stripes
        before = B.stripe_energy(noisy - g, track)

        def removed(estimate):
            return 1 - B.stripe_energy(noisy - estimate - g, track) / before
        oracle = row_median(noisy - g)[:, None] * np.ones(g.shape[1])
        ceiling = through_highpass(stripes, ok)
        profile = row_mean(np.where(ok, g, np.nan))
        count = ok.sum(1)
        add = scores.setdefault
        add("oracle: best per-line constant", []).append(removed(oracle))
        add("oracle: true offsets through (b)'s high-pass", []).append(removed(ceiling))
        add("Wiener oracle on the row means", []).append(
            wiener_bound(profile, row_mean(stripes) * (count > 0), count))
        add("oracle: known track boundaries + (b)'s slope model", []).append(
            removed(known_boundaries(np.where(ok, noisy, np.nan))))
        for label, fn in METHODS:
            add(label, []).append(removed(fn(noisy)))
    profile = row_mean(np.where(ok, g, np.nan))
    count = ok.sum(1)
    before = B.stripe_energy(np.random.default_rng(B.SEED).normal(
        size=track.max() + 1)[track] * r, track)
    floors = [float((count * highpass(profile, s, count) ** 2).sum()) / before
              for s in (4, 16)]
    rows = [[name, "floor: clean row-mean energy, 4 / 16-row high-pass",
             f"{100 * floors[0]:.0f}% / {100 * floors[1]:.0f}% of the stripes'", ""]]
    changes = {label: np.sqrt(np.nanmean(np.where(ok, fn(g), np.nan) ** 2)) / r
               for label, fn in METHODS}
    for label, vals in scores.items():
        change = f"{changes[label]:.2f}" if label in changes else ""
        rows.append([name, label, f"{100 * np.mean(vals):.0f}% [{100 * min(vals):.0f}%]",
                     change])
    return rows


def through_highpass(stripes, ok):
    """The true offsets as (b) would keep them: per line, minus their normalised
    Gaussian of STRIPE_ACROSS lines over the lines with data."""
    present = ok.any(axis=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        level = np.nan_to_num(np.nanmean(np.where(ok, stripes, np.nan), axis=1))[:, None]
    smooth, _ = denoise._nan_gaussian(level, present[:, None], denoise.STRIPE_ACROSS)
    return np.where(present[:, None], level - smooth, 0.0) * np.ones(stripes.shape[1])


def main():
    only = os.environ.get("DESTRIPE_GRIDS")
    rows = []
    for name, g in B.grids().items():
        if only and not any(k.strip() in name for k in only.split(",")):
            continue
        rows += grid_rows(name, g)
        print(f"  {name} done", flush=True)
    print(f"\nStripe estimators, given direction (E-W tracks of 12 rows, offsets ~ N(0, r); "
          f"{len(seeds())} draws, mean [worst]):")
    print_table(["grid", "estimator", "stripe energy removed", "clean change / r"], rows)


if __name__ == "__main__":
    main()
