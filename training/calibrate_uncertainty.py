"""Calibrate the UNCERTAINTY layers (issue 18) and store the training statistics used by
the out-of-distribution warning.  Dev only (reads ../shared and ETOPO5).

For every shipped network (models_onnx/*.json), every shipped dictionary
(models_sparse/*.npz) and the gap filler (algorithms/bathymetry/gapfill_uncertainty.json):

- error samples on the held-out grids of training/uncertainty_data.py (the HELD_OUT grids
  of training/regions.py and the real survey / land grids; never a training region):
  each grid made coarse by block means and super-resolved, or holed with discs of 1-60
  cells and filled; the truth cleaned of survey artefacts no method should predict
  (uncertainty_data.CLEANING: GGV1's planted spikes not scored, JD211 destriped);
- the calibration (uncertainty.fit) is fitted on ALL these grids pooled, each grid
  weighing the same; bench/bench_uncertainty.py reports leave-one-grid-out numbers (fit
  on the others, scored on the one), which is what a new grid can expect;
- the card also gets `training_stats`: uncertainty.grid_stats of the coarse inputs the
  method was trained on (block means of each training region) and their range.

    .venv/bin/python training/calibrate_uncertainty.py [--only fsrcnn_ens_x2 ...]
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geoinverse.algorithms.bathymetry import gapfill, sparse_sr, superres  # noqa: E402
from geoinverse.algorithms.bathymetry import uncertainty as unc  # noqa: E402
from geoinverse.training import regions  # noqa: E402
from geoinverse.training import uncertainty_data as ud  # noqa: E402

ETOPO5_CELL = 5 / 60 * 111_320.0     # metres per 5' along a meridian


def region_cell_metres(region):
    lat = math.radians(0.5 * (region.lat[0] + region.lat[1]))
    return ETOPO5_CELL * math.sqrt(max(math.cos(lat), 0.05))


def training_stats(region_list, scale):
    """grid_stats of every training region's coarse input (block means by `scale`)."""
    per = {}
    for r in region_list:
        try:
            fine = regions.grid(r)
        except FileNotFoundError:
            continue
        coarse = sparse_sr.fine_pair(fine, scale)[0]
        s = unc.grid_stats(ud.central(coarse, unc.STAT_WINDOW),
                           region_cell_metres(r) * scale)
        if s:
            per[r.name] = {k: (round(v, 6) if isinstance(v, float) else v)
                           for k, v in s.items()}
    return {"regions": per, "range": unc.stats_range(list(per.values())),
            "note": "uncertainty.grid_stats of each training region's coarse input "
                    "(block means of the fine grid); the warning fires beyond the range"}


def pooled(samples, terms, kind):
    names = list(samples)
    x = np.concatenate([samples[n][0] for n in names])
    y = np.concatenate([samples[n][1] for n in names])
    g = np.concatenate([[n] * len(samples[n][1]) for n in names])
    record = unc.fit(x, y, g, terms, kind)
    record.update({
        "calibration_grids": names,
        "samples_per_grid": {n: int(len(samples[n][1])) for n in names},
        "cut": ud.CUT,
        "cleaning": {n: ud.CLEANING_NOTES[ud.CLEANING[n]] for n in names
                     if n in ud.CLEANING},
        "fit": "all calibration grids pooled, each weighing the same; leave-one-grid-out "
               "scores in docs/trust-layers.md (bench/bench_uncertainty.py)",
        "intercept_rule": "shifted so that +-1.96 sigma holds 95 % of the errors, "
                          "averaged over the grids"})
    return record


def sr_samples_for(method, scale, grids):
    return {n: ud.sr_samples(method, z, scale, excluded=ud.excluded_cells(n, z))
            for n, z in grids.items()}


def calibrate_networks(only, grids):
    for path, card in superres.shipped_models():
        # --only takes the file stem (superres.model_id, what the plugin lists) or the
        # card's name: any network shipped in models_onnx/, a new one included
        if only and not only & {card["name"], superres.model_id(path)}:
            continue
        model = superres.load_model(path)
        s = model.scale
        held = ud.held_out_for(grids, card.get("training", {}).get("regions", []))
        samples = sr_samples_for(lambda c: superres.super_resolve(c, model), s, held)
        card["uncertainty"] = pooled(samples, unc.SR_TERMS, "superres")
        card["training_stats"] = training_stats(regions.DEEP_TRAINING, s)
        card_path = os.path.splitext(path)[0] + ".json"
        with open(card_path, "w", encoding="utf-8") as f:
            json.dump(card, f, indent=1)
            f.write("\n")
        print(card["name"], card["uncertainty"]["theta"], flush=True)


def calibrate_dictionaries(only, grids):
    for scale in superres.SCALES:
        name = f"terrain_x{scale}"
        if only and name not in only:
            continue
        try:
            path = sparse_sr.shipped_dictionary_path(scale)
        except Exception:  # noqa: BLE001 (not shipped)
            continue
        d = sparse_sr.load_dictionary(path)
        samples = sr_samples_for(lambda c: sparse_sr.super_resolve(c, d), scale, grids)
        d.uncertainty = pooled(samples, unc.SR_TERMS, "superres")
        d.training_stats = training_stats(regions.TRAINING, scale)
        d.save(path)
        print(name, d.uncertainty["theta"], flush=True)


def calibrate_fill(grids):
    samples = {n: ud.fill_samples(z, excluded=ud.excluded_cells(n, z))
               for n, z in grids.items()}
    record = pooled(samples, unc.FILL_TERMS, "fill")
    record["holes"] = {"diameters": list(ud.FILL_CLASSES), "counts": list(ud.FILL_COUNTS),
                       "method": gapfill.DEFAULT_METHOD,
                       "repeats": f"punched again with seeds 1, 2, ... until "
                                  f"{ud.MIN_FILL_CELLS} cells (at most "
                                  f"{ud.MAX_FILL_SEEDS} seeds)"}
    with open(unc.FILL_CALIBRATION_PATH, "w", encoding="utf-8") as f:
        json.dump(record, f, indent=1)
        f.write("\n")
    print("fill", record["theta"], flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=[],
                        help="model / dictionary names (terrain_x2), or 'fill'")
    args = parser.parse_args()
    only = set(args.only)
    known = {"fill", *(f"terrain_x{s}" for s in superres.SCALES)}
    for path, card in superres.shipped_models():
        known |= {card["name"], superres.model_id(path)}
    if only - known:
        parser.error(f"not shipped: {', '.join(sorted(only - known))}; "
                     f"have: {', '.join(sorted(known))}")
    grids = ud.grids()
    if not only or "fill" in only:
        calibrate_fill(grids)
    rest = only - {"fill"}
    if not only or rest:
        calibrate_networks(rest, grids)
        calibrate_dictionaries(rest, grids)


if __name__ == "__main__":
    main()
