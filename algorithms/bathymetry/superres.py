"""Deep super-resolution of bathymetry with the shipped ONNX networks.

The networks (SRCNN, FSRCNN, ESPCN, SRGAN's and ESRGAN's generators; trained by
training/train_networks.py, described in training/networks.py) all share one graph
contract, written down in each model card (`models_onnx/NAME_xS.json`) and in the ONNX
file's metadata:

    inputs  coarse  (1, 1, h, w)          normalised coarse depths, no NaN
            bicubic (1, 1, h*s, w*s)      the plugin's Keys bicubic of them, normalised
    output  fine    (1, 1, h*s, w*s)      normalised fine depths

Normalisation is per tile: subtract the tile's mean depth and divide by its robust relief
(interquartile range / 1.349, floored).  The networks are affine-equivariant by
construction (zero-sum first layer, no biases, ReLU-family activations), so the choice of
statistics changes nothing but rounding, and a tiled run equals a single pass.  Their
last layer is an exact block-mean projection: block means of the output reproduce the
input.

References: Dong et al. 2016 (SRCNN, FSRCNN); Shi et al. 2016 (ESPCN); Ledig et al. 2017
(SRGAN); Wang et al. 2018 (ESRGAN); Sonogashira et al. 2020, PLOS ONE (ESRGAN for
seafloor relief).
"""
from __future__ import annotations

import hashlib

import numpy as np

from .resample import bicubic_upsample

RELIEF_FLOOR = 1e-3       # metres (or the grid's unit): a perfectly flat tile
NORMALISATION = {
    "offset": "mean of the tile's coarse depths",
    "scale": "interquartile range of the tile's coarse depths / 1.349 (robust standard "
             "deviation); the standard deviation where that is 0",
    "clip": f"the relief is clipped below at {RELIEF_FLOOR} (grid units); depths are "
            "never clipped: the network is affine-equivariant, so any depth range maps "
            "to the same normalised shapes",
    "relief_floor": RELIEF_FLOOR,
}


def normalisation(coarse):
    """(offset, relief) of a coarse tile without NaN."""
    z = np.asarray(coarse, np.float64)
    offset = float(z.mean())
    q75, q25 = np.percentile(z, [75, 25])
    relief = float(q75 - q25) / 1.349
    if relief <= 0:
        relief = float(z.std())
    return offset, max(relief, RELIEF_FLOOR)


def network_inputs(coarse, scale):
    """The two normalised inputs for a coarse tile without NaN, and (offset, relief)."""
    offset, relief = normalisation(coarse)
    c = (np.asarray(coarse, np.float64) - offset) / relief
    b = (bicubic_upsample(coarse, scale).astype(np.float64) - offset) / relief
    as_input = (lambda a: a[None, None].astype(np.float32))
    return {"coarse": as_input(c), "bicubic": as_input(b)}, (offset, relief)


def run_session(session, coarse, scale):
    """Fine depths for a coarse tile without NaN, through an onnxruntime session."""
    feeds, (offset, relief) = network_inputs(coarse, scale)
    fine = session.run(["fine"], feeds)[0][0, 0].astype(np.float64)
    return fine * relief + offset


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
