"""Learn the shipped terrain dictionaries (`make models`): models_sparse/terrain_x{2,3,4}.npz.

Trains on training/regions.py's TRAINING regions only, then scores the dictionary on
every HELD_OUT grid against bicubic (RMSE over valid fine cells) and stores those
numbers in the dictionary's provenance block.

    .venv/bin/python training/learn_dictionary.py [--scales 2 3 4] [--out models_sparse]
"""
import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent

from geoinverse.algorithms.bathymetry.resample import bicubic_upsample  # noqa: E402
from geoinverse.algorithms.bathymetry.sparse_sr import learn, super_resolve  # noqa: E402
from geoinverse.training import regions  # noqa: E402

SETTINGS = {"atoms": 256, "patch": 3, "sparsity": 3, "samples": 60000, "iterations": 15,
            "tolerance": 0.05, "seed": 0}


def rmse(a, b):
    ok = ~(np.isnan(a) | np.isnan(b))
    return float(np.sqrt(np.mean((a[ok] - b[ok]) ** 2)))


def validate(dictionary, scale):
    """{grid: {rmse, bicubic_rmse, ratio}} on every held-out grid."""
    scores = {}
    for name, (coarse, fine) in regions.held_out_pairs(scale).items():
        ours = super_resolve(coarse, dictionary)
        base = bicubic_upsample(coarse, scale)
        r, b = rmse(ours, fine), rmse(base, fine)
        scores[name] = {"rmse": round(r, 3), "bicubic_rmse": round(b, 3),
                        "ratio": round(r / b, 4)}
    return scores


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[2, 3, 4])
    parser.add_argument("--out", default=str(ROOT / "models_sparse"))
    args = parser.parse_args(argv)
    Path(args.out).mkdir(exist_ok=True)
    failed = False
    for scale in args.scales:
        start = time.perf_counter()
        pairs = regions.training_pairs(scale)
        prov = {"command": "make models (training/learn_dictionary.py)",
                "training_regions": [r.name for r in regions.TRAINING],
                "held_out_regions": [r.name for r in regions.HELD_OUT],
                "coarse": "block mean of the fine grid (resample.block_mean)",
                "sources": "ETOPO5 (Debian ferret-datasets) ocean cells; GMT test grids "
                           "(training/data/ORIGIN.md)"}
        d = learn(pairs, scale, provenance=prov, **SETTINGS)
        scores = validate(d, scale)
        ratios = [s["ratio"] for s in scores.values()]
        d.provenance["validation"] = scores
        d.provenance["mean_ratio_to_bicubic"] = round(float(np.mean(ratios)), 4)
        path = Path(args.out) / f"terrain_x{scale}.npz"
        d.save(path)
        print(f"x{scale}: {path} ({path.stat().st_size / 1e3:.0f} kB, "
              f"{time.perf_counter() - start:.0f} s)")
        for name, s in scores.items():
            print(f"  {name:24s} RMSE {s['rmse']:9.3f}  bicubic {s['bicubic_rmse']:9.3f}"
                  f"  ratio {s['ratio']:.3f}")
        print(f"  mean ratio {np.mean(ratios):.3f} (bars: every ratio < 1, mean <= 0.9)")
        failed |= max(ratios) >= 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
