"""XMapTools-style EPMA: wt%-spot standardisation, denoising, spatial fuzzy c-means.

1. Left-out spots (leave-one-out): each spot in turn is dropped from the wt%-spot
   calibration and predicted from the map at its pixel; RMSE per oxide for pixel-wise
   calibration (raw counts), calibration on 3 x 3 means, and the denoised path
   (geoinverse's phase-restricted Poisson denoising), plus an oracle row that calibrates
   on the true intensity (what a perfect denoiser would reach).  Projects:
   - a synthetic zoned-grain project (scripts/make_xmaptools_example.py: chloritoid
     grains zoned in FeO/MgO, a phengite band, a quartz matrix; Poisson counts, 4-17 per
     pixel for Mg in the chloritoid, up to ~200 for Fe; one outlier spot, excluded from
     the RMSE and reported apart), read back through loadepma's reader;
   - qntmap's example converted to XMapTools format (tests/data/epma/xmaptools-qntmap).
   Phases come from the project's Classification.txt (Poisson LDA from its training
   pixels), as epmaquantify does by default.
   A harder variant of the synthetic project adds oscillatory zoning (rings 6 px
   apart), spots analysed up to 1 px from the pixel the stage gives, and 2 % analytical
   error: what a real project adds to the smooth synthetic one.
2. Denoising against the synthetic truth: intensity RMSE (raw, 3 x 3 mean, denoised),
   the standard errors' calibration (sd of error / s.e.), and bleeding across the sharp
   edge of the phengite band: the mean excess of K counts in the two quartz rows next to
   the band, in % of the K step.
3. Spatial fuzzy c-means vs the Gaussian mixture: fraction of pixels labelled with the
   true phase (best matching of names), mean top membership at mixed boundary pixels
   and inside grains.

BENCH_XMT_SIZE (default 200; 120 for a quick run) sets the synthetic map size.
"""
import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import shutil  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from itertools import permutations  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "scripts"))
from common import output_dir, print_table, save_json  # noqa: E402

import make_xmaptools_example as mx  # noqa: E402
from geoinverse.algorithms.petrology import countdenoise, epma, phases, quantify  # noqa: E402

SIZE = int(os.environ.get("BENCH_XMT_SIZE", "200"))
SEED = 19
# more synthetic projects (other grain layouts, noise and spots) for the spread of 1.
EXTRA_SEEDS = [int(v) for v in os.environ.get("BENCH_XMT_SEEDS", "20 21 22 23").split()]
HARD = {"oscillation": 0.5, "jitter": 1, "relative_error": 0.02}
MODES = (("pixel-wise", "none"), ("3x3 means", "mean3"), ("denoised", "poisson"))


def rmse(errors, keep):
    e = errors[keep & np.isfinite(errors)]
    return float(np.sqrt(np.mean(e ** 2)))


def left_out_table(folder, exclude=()):
    maps, spots, _ = epma.load(str(folder))
    result = phases.classify(maps, spots, "spots")
    keep = np.ones(len(spots), bool)
    keep[list(exclude)] = False
    table, times, extra = {}, {}, {}
    for label, mode in MODES:
        t = time.perf_counter()
        errors = quantify.left_out_errors(maps, spots, result.membership, result.phases, mode)
        times[label] = time.perf_counter() - t
        table[label] = {ox: rmse(e, keep) for ox, e in errors.items()}
        extra[label] = {ox: [float(v) for v in e[~keep]] for ox, e in errors.items()}
    return maps, spots, result, table, times, extra


def oracle_row(maps, spots, result, lam, keep):
    prepared = {el: (lam[el], np.zeros_like(lam[el])) for el in spots.elements}
    errors = quantify.left_out_errors(maps, spots, result.membership, result.phases,
                                      prepared=prepared)
    return {ox: rmse(e, keep) for ox, e in errors.items()}


def print_rmse(title, table, oxides):
    print(f"\n{title}: left-out RMSE (wt%)")
    base = table["pixel-wise"]
    rows = []
    for label, values in table.items():
        rows.append([label] + [f"{values[ox]:.3f}" + ("" if label == "pixel-wise" else
                                                      f" ({values[ox] / base[ox]:.2f}x)")
                               for ox in oxides])
    print_table(["calibration"] + list(oxides), rows)


def best_accuracy(labels, truth, k):
    return max(float(np.mean(np.array(p)[labels] == truth)) for p in permutations(range(k)))


def main():
    work = output_dir() / "epma-xmaptools"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    payload = {"size": SIZE}

    # 1a. synthetic zoned-grain project
    s = mx.write_synthetic(str(work / "synthetic"), size=SIZE, seed=SEED, truth=False)
    maps, spots, result, table, times, extra = left_out_table(work / "synthetic",
                                                              [s["outlier"]])
    keep = np.ones(len(spots), bool)
    keep[s["outlier"]] = False
    table["oracle (true intensity)"] = oracle_row(maps, spots, result, s["lam"], keep)
    phase = quantify.spot_phases(spots, result.membership, result.phases)
    print(f"synthetic project {SIZE} x {SIZE}: {len(spots)} spots "
          f"({', '.join(f'{p} {int(np.sum(phase == p))}' for p in result.phases)}); "
          f"Mg counts in chloritoid {np.percentile(maps.counts['Mg'][s['labels'] == 1], 2):.0f}"
          f"-{np.percentile(maps.counts['Mg'][s['labels'] == 1], 98):.0f} (2-98 %)")
    print_rmse("synthetic zoned grains", table, spots.oxides)
    print("outlier spot (an inclusion hit), left-out error MgO / FeO: "
          + "; ".join(f"{k} {v['MgO'][0]:+.2f} / {v['FeO'][0]:+.2f}" for k, v in extra.items()))
    print("seconds per leave-one-out run: "
          + ", ".join(f"{k} {v:.1f}" for k, v in times.items()))
    payload["synthetic"] = {"rmse": table, "seconds": times, "spots": len(spots)}
    rows, spread = [], {}
    for seed in [SEED] + EXTRA_SEEDS:
        if seed == SEED:
            t = table
        else:
            other = mx.write_synthetic(str(work / f"s{seed}"), size=SIZE, seed=seed,
                                       truth=False)
            t = left_out_table(work / f"s{seed}", [other["outlier"]])[3]
        spread[seed] = {k: {ox: t[k][ox] for ox in ("MgO", "FeO")} for k, _ in MODES}
        rows.append([str(seed)] + [f"{t[k]['MgO']:.3f} / {t[k]['FeO']:.3f}" for k, _ in MODES])
    print(f"\nleft-out RMSE MgO / FeO (wt%) on {len(rows)} synthetic projects (seeds)")
    print_table(["seed"] + [k for k, _ in MODES], rows)
    payload["synthetic_seeds"] = spread

    # 1a'. a harder project: oscillatory zoning, spots off their pixel, noisier analyses
    hard = mx.write_synthetic(str(work / "hard"), size=SIZE, seed=SEED, truth=False,
                              **HARD)
    hmaps, hspots, hresult, htable, _, _ = left_out_table(work / "hard", [hard["outlier"]])
    hkeep = np.ones(len(hspots), bool)
    hkeep[hard["outlier"]] = False
    htable["oracle (true intensity)"] = oracle_row(hmaps, hspots, hresult, hard["lam"], hkeep)
    print_rmse("harder synthetic project (oscillatory zoning 0.5 wt% MgO / 1 wt% FeO in "
               "rings 6 px apart, spots up to 1 px off, 2 % analytical error)", htable,
               hspots.oxides)
    payload["synthetic_hard"] = {"rmse": htable, "settings": HARD}

    # 1b. qntmap's example as an XMapTools project
    qdir = HERE.parent / "tests" / "data" / "epma" / "xmaptools-qntmap"
    _, qspots, _, qtable, _, _ = left_out_table(qdir)
    print_rmse(f"qntmap example (XMapTools format, {len(qspots)} spots)", qtable,
               qspots.oxides)
    payload["qntmap"] = {"rmse": qtable}

    # 2. denoising against the truth
    rows = []
    den = {}
    for el in ("Mg", "Fe", "K"):
        f, lam = maps.counts[el], s["lam"][el]
        t = time.perf_counter()
        u, se, widths = countdenoise.denoise_counts(f, result.membership)
        secs = time.perf_counter() - t
        m3 = countdenoise.mean3(f)[0]
        r_raw = float(np.sqrt(np.mean((f - lam) ** 2)))
        r_m3 = float(np.sqrt(np.mean((m3 - lam) ** 2)))
        r_den = float(np.sqrt(np.mean((u - lam) ** 2)))
        pure = s["fractions"].max(axis=0) >= 0.999
        r_pure = [float(np.sqrt(np.mean((a - lam)[pure] ** 2))) for a in (f, u)]
        r_mixed = [float(np.sqrt(np.mean((a - lam)[~pure] ** 2))) for a in (f, u)]
        z = float(np.std((u - lam) / se))
        den[el] = {"raw": r_raw, "mean3": r_m3, "denoised": r_den, "z_sd": z,
                   "widths": widths, "seconds": secs}
        zp = float(np.std(((u - lam) / se)[pure]))
        den[el].update(z_sd_pure=zp, raw_pure=r_pure[0], denoised_pure=r_pure[1],
                       raw_mixed=r_mixed[0], denoised_mixed=r_mixed[1])
        rows.append([el, f"{r_raw:.3f}", f"{r_m3:.3f} ({r_m3 / r_raw:.2f}x)",
                     f"{r_den:.3f} ({r_den / r_raw:.2f}x)",
                     f"{r_pure[1]:.3f} ({r_pure[1] / r_pure[0]:.2f}x)",
                     f"{r_mixed[1]:.3f} ({r_mixed[1] / r_mixed[0]:.2f}x)", f"{z:.2f} / {zp:.2f}",
                     ", ".join(f"{w:g}" for w in widths), f"{secs:.2f}"])
    print("\nintensity RMSE vs the true intensity (counts per pixel)")
    print_table(["map", "raw", "3x3 mean", "denoised", "denoised, pure px",
                 "denoised, mixed px", "sd(err/se) all / pure px", "widths (px)", "s"], rows)
    # bleeding across the phengite band's sharp edges (rows r0 and r1 - 1 are its edges)
    r0, r1 = int(0.70 * SIZE), int(0.84 * SIZE)
    f, lam = maps.counts["K"], s["lam"]["K"]
    u = countdenoise.denoise_counts(f, result.membership)[0]
    m3 = countdenoise.mean3(f)[0]
    outside = np.r_[r0 - 2:r0, r1:r1 + 2]
    inside = np.r_[r0:r0 + 2, r1 - 2:r1]
    step = float(lam[r0 + 3].mean() - lam[r0 - 3].mean())
    bleed = {}
    for name, est in (("3x3 mean", m3), ("denoised", u)):
        bleed[name] = {"quartz side": float((est[outside] - lam[outside]).mean() / step),
                       "phengite side": float((est[inside] - lam[inside]).mean() / step)}
    print(f"\nbleeding across the sharp band edge (K step {step:.0f} counts), mean excess in "
          "the 2 rows each side, % of the step: "
          + "; ".join(f"{k}: quartz side {100 * v['quartz side']:+.2f} %, phengite side "
                      f"{100 * v['phengite side']:+.2f} %" for k, v in bleed.items()))
    payload["denoise"] = den
    payload["bleeding"] = bleed

    # 3. spatial FCM vs Gaussian mixture
    mixed = s["fractions"].max(axis=0) < 0.999
    rows, fcm = [], {}
    for name, run in (("Gaussian mixture", lambda: phases.classify_mixture(maps, 3)),
                      ("fuzzy c-means (no space)", lambda: phases.classify_sfcm(maps, 3, spatial=0)),
                      ("spatial fuzzy c-means", lambda: phases.classify_sfcm(maps, 3))):
        t = time.perf_counter()
        r = run()
        secs = time.perf_counter() - t
        top = r.membership.max(axis=0)
        acc = best_accuracy(r.labels, s["labels"], 3)
        fcm[name] = {"accuracy": acc, "top_mixed": float(top[mixed].mean()),
                     "top_pure": float(top[~mixed].mean()), "seconds": secs}
        rows.append([name, f"{100 * acc:.2f} %", f"{top[mixed].mean():.3f}",
                     f"{top[~mixed].mean():.3f}", f"{secs:.1f}"])
    print(f"\nunsupervised phases vs truth ({int(mixed.sum())} mixed boundary pixels)")
    print_table(["method", "pixels right", "top membership, mixed", "top membership, pure",
                 "s"], rows)
    payload["classification"] = fcm
    save_json("epma_xmaptools", payload)
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
