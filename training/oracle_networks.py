"""An in-domain upper bound for the held-out accuracy bars (issue 22): how far a network of
the shipped capacity gets when it may train on the held-out surveys themselves.

    .venv-train/bin/python training/oracle_networks.py [--model fsrcnn_x2] [--steps 3000]

Each held-out grid of training/regions.py NETWORK_HELD_OUT is cut into its western and
eastern halves (at a whole coarse cell).  The exported network is fine-tuned, with
train_networks' data, loss and schedule, on the western halves only (its own training
data is not used, so this is the most in-domain it can be), and the base and the
fine-tuned network are scored on the eastern halves against bicubic, as the model cards
score whole grids.  A mean ratio still above a bar after this says the bar is out of
reach of this capacity with any training data of these kinds; below it says better data
could reach it.  Nothing is exported into models_onnx; the tuned network is only scored.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parent.parent

from geoinverse.algorithms.bathymetry import superres  # noqa: E402
from geoinverse.training import regions, train_networks as tn  # noqa: E402

PATCH = 16   # coarse cells: the small held-out grids' halves must hold whole patches


def halves(scale):
    """{grid: (western fine half, eastern fine half)}, split at a whole coarse cell."""
    out = {}
    for region in regions.NETWORK_HELD_OUT:
        fine = regions.grid(region)
        cut = (fine.shape[1] // (2 * scale)) * scale
        out[region.name] = (fine[:, :cut], fine[:, cut:])
    return out


def score(path, scale, grids):
    """{grid: ratio to bicubic} of an exported network on each (eastern) fine half."""
    pairs = {name: tn.fine_pair(fine, scale) for name, fine in grids.items()}
    scores = tn.pair_scores(superres.load_model(path), scale, pairs)
    return {name: s["ratio"] for name, s in scores.items()}


def tune(model, sources, steps, lr, log):
    counts = np.array([len(s.corners) for s in sources], np.float64)
    weights = np.sqrt(counts) / np.sqrt(counts).sum()
    rng = np.random.default_rng(tn.SEED + 3)

    def step_loss():
        c, b, f = tn.batch(sources, weights, 16, rng)
        return tn.terrain_loss(model(c, b), f)
    tn.fit(model, steps, lr, step_loss, log, "oracle", 250)
    model.eval()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="fsrcnn_x2")
    parser.add_argument("--steps", type=int, default=3000)
    parser.add_argument("--lr", type=float, default=3e-4)
    parser.add_argument("--models-dir", default=str(ROOT / "models_onnx"))
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(tn.SEED)
    log = (lambda m: print(m, flush=True))
    base = Path(args.models_dir) / f"{args.model}.onnx"
    model, card = tn.load_exported(base)
    scale = card["scale"]
    split = halves(scale)
    sources = [s for s in (tn.Source(n, west, scale, PATCH) for n, (west, _) in split.items())
               if len(s.corners)]
    log("western halves trained on: " + ", ".join(f"{s.name} {len(s.corners)}"
                                                  for s in sources))
    east = {n: e for n, (_, e) in split.items()}
    before = score(base, scale, east)
    tune(model, sources, args.steps, args.lr, log)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"oracle_{args.model}.onnx"
        tn.export(model, path)
        tn.add_metadata(path, {"architecture": card["architecture"], "scale": scale,
                               "receptive_field": card["receptive_field"],
                               "normalisation": superres.NORMALISATION})
        path.with_suffix(".json").write_text(json.dumps(
            dict(card, name=path.stem, onnx_sha256=superres.sha256(path))))
        after = score(path, scale, east)
    result = {"model": args.model, "steps": args.steps, "lr": args.lr,
              "trained_on": {s.name: len(s.corners) for s in sources},
              "eastern_halves": {g: {"base": before[g], "in_domain": after[g]}
                                 for g in before},
              "mean_base": round(float(np.mean(list(before.values()))), 4),
              "mean_in_domain": round(float(np.mean(list(after.values()))), 4)}
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
