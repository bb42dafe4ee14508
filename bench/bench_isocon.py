"""Isocon: accuracy of the sparse mode against known truth, and its cost.

Accuracy (synthetic suites, `synthetic_suite`: 4 altered samples, M_A/M_O = 0.7, 0.85,
1.2, 1.5, mobile elements changed by 35-230 %, 5 % log-normal noise on every analysis):
per design, over SEEDS seeds, how often the immobile set is found exactly, how many of
the wrong sets carry the "Ambiguous" note (and how many right ones do), and the
relative error of M_A/M_O: RMS, 95th percentile, max, share within 2 %.  Baselines in
the same run: the *oracle* (classical isocon through the true immobile set: the best any
method can do with these data), least squares over all elements (q = 2 without
selection), and constant mass (M_A/M_O = 1).

Cost: seconds per analysis against the classical isocon on the same table.

Grant (2005) Table 1 (real): our slopes against GCDkit's mean slope of Grant's immobile
set, and the sparse mode's immobile set.  BENCH_QUICK=1 runs only this part.
"""
import os
import time
from pathlib import Path

import numpy as np

from common import print_table, save_json
from geoinverse.algorithms.petrology.isocon import (isocon, isocon_table, sparse_fit,
                                                    synthetic_suite)

SEEDS = 100
DESIGNS = [(20, 8), (40, 20), (40, 8), (20, 4)]


def errors_of(estimates, alphas):
    e = np.abs(np.asarray(estimates) / alphas - 1)
    return {"rms_%": 100 * np.sqrt(np.mean(e ** 2)), "p95_%": 100 * np.percentile(e, 95),
            "max_%": 100 * e.max(), "within_2%": float(np.mean(e <= 0.02))}


def accuracy():
    rows, payload = [], {}
    for n, k in DESIGNS:
        found, wrong_flagged, false_alarms = 0, 0, 0
        est = {"sparse q=0.5": [], "oracle": [], "least squares": [],
                         "constant mass": []}
        truth = []
        for seed in range(SEEDS):
            ref, alt, imm, names, alphas = synthetic_suite(1000 + seed, n, k)
            r = isocon(ref, alt, names)
            ok = np.array_equal(r.immobile, imm)
            flagged = any(n.startswith("Ambiguous") for n in r.notes)
            found += ok
            wrong_flagged += flagged and not ok
            false_alarms += flagged and ok
            est["sparse q=0.5"].append(r.mass_ratio)
            est["oracle"].append(isocon(ref, alt, names, mode="classical", immobile=[
                e for e, m in zip(names, imm) if m]).mass_ratio)
            y = np.log(alt / ref[None]).T
            est["least squares"].append(np.exp(sparse_fit(y, np.isfinite(y), 2.0)[0]))
            est["constant mass"].append(np.ones(len(alphas)))
            truth.append(alphas)
        truth = np.array(truth)
        for method, values in est.items():
            stats = errors_of(values, truth)
            payload[f"{n}x{k} {method}"] = stats
            sparse = method.startswith("sparse")
            rows.append([f"{n} el., {k} immobile", method,
                         f"{found}/{SEEDS}" if sparse else "",
                         f"{wrong_flagged}/{SEEDS - found}, {false_alarms}" if sparse else "",
                         *(f"{stats[c]:.2f}" for c in ("rms_%", "p95_%", "max_%")),
                         f"{100 * stats['within_2%']:.0f} %"])
    print_table(["design", "method", "set exact", "wrong flagged, false alarms", "RMS err %", "p95 %", "max %",
                 "within 2 %"], rows)
    return payload


def q_dependence():
    rows = []
    for q in (0.1, 0.25, 0.5, 1.0, 2.0):
        found, est, truth = 0, [], []
        for seed in range(SEEDS):
            ref, alt, imm, names, alphas = synthetic_suite(1000 + seed, 20, 8)
            r = isocon(ref, alt, names, q=q)
            found += np.array_equal(r.immobile, imm)
            est.append(r.mass_ratio)
            truth.append(alphas)
        stats = errors_of(est, np.array(truth))
        rows.append([f"{q:g}", f"{found}/{SEEDS}", f"{stats['rms_%']:.2f}"])
    print("\nDependence on q (20 elements, 8 immobile):")
    print_table(["q", "set exact", "RMS err %"], rows)
    return rows


def cost():
    rows = []
    for n, m in ((20, 4), (40, 20), (60, 100)):
        ref, alt, imm, names, _ = synthetic_suite(1, n, n // 3, np.linspace(0.6, 1.6, m))
        chosen = [e for e, f in zip(names, imm) if f]
        t = time.perf_counter()
        for _ in range(20):
            isocon(ref, alt, names, mode="classical", immobile=chosen)
        classical = (time.perf_counter() - t) / 20
        t = time.perf_counter()
        for _ in range(3):
            isocon(ref, alt, names)
        sparse = (time.perf_counter() - t) / 3
        rows.append([f"{n} x {m}", f"{1000 * classical:.2f}", f"{1000 * sparse:.1f}",
                     f"{sparse / classical:.0f}"])
    print("\nCost per analysis (elements x altered samples):")
    print_table(["table", "classical ms", "sparse ms", "sparse / classical"], rows)
    return rows


def grant2005():
    """Grant's (2005) Table 1 (UA vs 401): our slopes against GCDkit's mean slope (the
    baseline, 0.9846), the sparse mode's choice against Grant's immobile set."""
    import csv
    table = Path(__file__).resolve().parent.parent / "tests/data/petrology/isocon_grant2005_wide.csv"
    with open(table) as fh:
        rows = list(csv.reader(fh))
    args = ([b[0] for b in rows[1:]], rows[0][1:], [b[1:] for b in rows[1:]], "UA")
    grant = ["Al2O3", "SiO2", "TiO2", "Cu", "Sc"]
    base = isocon_table(*args, mode="classical", immobile=grant, estimator="mean-slope")
    out = []
    for label, kw in (("classical, mean-slope (GCDkit)", {"estimator": "mean-slope"}),
                      ("classical, geometric-mean (default)", {}),
                      ("sparse q=0.5, tolerance 0.2", {"mode": "sparse"}),
                      ("sparse q=0.5, tolerance 0.05", {"mode": "sparse", "tolerance": 0.05})):
        kw = dict(kw)
        mode = kw.pop("mode", "classical")
        r = isocon_table(*args, mode=mode, immobile=grant if mode == "classical" else None,
                         **kw)
        out.append([label, f"{r.slope[0]:.4f}", f"{r.slope[0] / base.slope[0]:.4f}",
                    ", ".join(r.immobile_names)])
    print("\nGrant (2005) Table 1, UA vs 401 (baseline: GCDkit's mean slope of Grant's set):")
    print_table(["method", "isocon slope", "/ baseline", "immobile"], out)
    return out


if __name__ == "__main__":
    if os.environ.get("BENCH_QUICK"):
        save_json("isocon_grant2005", {"grant2005": grant2005()})
    else:
        save_json("isocon", {"accuracy": accuracy(), "q": q_dependence(), "cost": cost(),
                             "grant2005": grant2005()})
