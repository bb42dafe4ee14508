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

The runtime (`load_model`, `super_resolve_raster`): a model is an ONNX file with its card
next to it; both are checked (card keys, one channel, scale, sha256, the ONNX metadata's
scale) before one onnxruntime session is opened for the whole run.  The raster streams
through the shared tiler (tiling.run_tiled) with an overlap of the model's reach (half
its receptive field, plus one spare cell): an output block depends on no coarse cell
farther away, so the zero padding at a padded tile's edge never reaches a kept cell.  Nodata: holes are filled with the nearest depth for the network only and
re-masked where bicubic's 4 x 4 support touches them ("mask"), or filled first by the
gap filler (gapfill.fill_raster, splines in tension) and kept ("fill").

References: Dong et al. 2016 (SRCNN, FSRCNN); Shi et al. 2016 (ESPCN); Ledig et al. 2017
(SRGAN); Wang et al. 2018 (ESRGAN); Sonogashira et al. 2020, PLOS ONE (ESRGAN for
seafloor relief).
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time

import numpy as np

from ..errors import InputError, check_choice, require
from ..raster import (RasterReader, RasterWriter, output_nodata, scaled_geotransform,
                      writer_group)
from ..tiling import run_tiled
from ..transforms import nearest_fill
from .resample import SCALES, bicubic_upsample
from .trust import Trust

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


def network_inputs(coarse, scale, bicubic=None):
    """The two normalised float32 inputs for a coarse tile without NaN, and (offset,
    relief).  `bicubic`: the tile's bicubic upsampling when the caller has it already."""
    offset, relief = normalisation(coarse)
    if bicubic is None:
        bicubic = bicubic_upsample(coarse, scale)
    o, r = np.float32(offset), np.float32(1.0 / relief)

    def as_input(a):
        return ((np.asarray(a, np.float32) - o) * r)[None, None]
    return {"coarse": as_input(coarse), "bicubic": as_input(bicubic)}, (offset, relief)


def run_session(session, coarse, scale, bicubic=None):
    """Fine depths (float32) for a coarse tile without NaN, through an onnxruntime
    session.  The normalisation and its inverse run in float32: they differ from float64
    by a float32 rounding step of the depths, the precision of the output anyway."""
    feeds, (offset, relief) = network_inputs(coarse, scale, bicubic)
    fine = session.run(["fine"], feeds)[0][0, 0]
    return fine * np.float32(relief) + np.float32(offset)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# -- shipped models, model cards, loading ------------------------------------------------
MODELS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))), "models_onnx")
CARD_KEYS = ("name", "architecture", "scale", "channels", "parameters", "receptive_field",
             "normalisation", "validation", "onnx_sha256")
NODATA_MODES = ("mask", "fill")
# Rasters fill enclosed holes first by default (issue 22, docs/superresolution.md): on
# grids with swath gaps the network after the spline fill beat bicubic after the same
# fill inside the gaps on every grid measured, and equalled or beat "mask" next to them.
DEFAULT_NODATA_MODE = "fill"
DEFAULT_TILE = 512   # a 512 core with 9 cells of context computes 7 % more cells than it keeps
CARD_HINT = ("A model needs its model card NAME.json next to NAME.onnx (the shipped "
             "networks in the plugin's models_onnx folder show the format).")


def read_card(path):
    """The model card (dict) of an ONNX file: same folder, same stem, .json."""
    card_path = os.path.splitext(str(path))[0] + ".json"
    if not os.path.exists(card_path):
        raise InputError(f"The model {path} has no model card: {card_path} is missing. "
                         f"{CARD_HINT}")
    try:
        with open(card_path, encoding="utf-8") as f:
            card = json.load(f)
    except (OSError, ValueError) as error:
        raise InputError(f"Cannot read the model card {card_path}: {error}. "
                         f"{CARD_HINT}") from error
    missing = [k for k in CARD_KEYS if not isinstance(card, dict) or k not in card]
    if missing:
        raise InputError(f"The model card {card_path} lacks {', '.join(missing)}. "
                         f"{CARD_HINT}")
    if card["channels"] != 1:
        raise InputError(f"The model card {card_path} says {card['channels']} channels; "
                         "bathymetry networks take one (depth). Use a one-channel model.")
    rf = card["receptive_field"]
    if not isinstance(rf, int) or isinstance(rf, bool) or rf < 1:
        raise InputError(f"The model card {card_path} gives receptive_field {rf!r}; it must "
                         f"be a whole number of coarse cells. {CARD_HINT}")
    if card["scale"] not in SCALES:
        raise InputError(f"The model card {card_path} says scale {card['scale']!r}; "
                         f"GeoInverse networks upsample by one of {SCALES}.")
    return card


def mean_ratio(card):
    return float(card["validation"].get("mean_ratio", float("inf")))


# auto: a network that runs fewer passes wins when its held-out mean ratio is within this
# of the most accurate one's (1 % of bicubic's RMSE is not worth eight times the time)
FASTER_WITHIN = 0.01


def passes(card):
    """How many network passes one run of the card's model makes: its self-ensemble's
    members, summed over a cascade's stages."""
    if "cascade" in card:
        return sum(int(stage.get("self_ensemble", 1)) for stage in card["cascade"]["stages"])
    return int(card.get("self_ensemble", {}).get("members", 1))


def shipped_models(directory=None):
    """[(onnx path, card)] of every model shipped in `directory` (default MODELS_DIR),
    ordered by scale then name; models whose card does not read are left out."""
    directory = MODELS_DIR if directory is None else str(directory)
    found = []
    if os.path.isdir(directory):
        for name in sorted(os.listdir(directory)):
            onnx_path = os.path.join(directory, name[:-5] + ".onnx")
            if name.endswith(".json") and os.path.exists(onnx_path):
                try:
                    found.append((onnx_path, read_card(onnx_path)))
                except InputError:
                    continue
    return sorted(found, key=lambda pc: (pc[1]["scale"], pc[1]["name"]))


AUTO = "auto"  # the MODEL id of the most accurate shipped network for the scale


def model_id(path):
    """A shipped network's stable id: its file stem (fsrcnn_ens_x2)."""
    return os.path.splitext(os.path.basename(str(path)))[0]


def model_ids(directory=None):
    """'auto' and the ids of the shipped networks, in shipped_models order."""
    return [AUTO] + [model_id(path) for path, _ in shipped_models(directory)]


def shipped_scales(directory=None):
    return sorted({int(card["scale"]) for _, card in shipped_models(directory)})


def default_model(directory=None, scale=2):
    """The shipped model of `scale` that auto runs: of those whose validation mean RMSE
    ratio to bicubic is within FASTER_WITHIN of the lowest, the one with the fewest
    passes (then the lowest ratio)."""
    of_scale = [pc for pc in shipped_models(directory) if pc[1]["scale"] == int(scale)]
    if not of_scale:
        scales = ", ".join(str(s) for s in shipped_scales(directory)) or "none"
        raise InputError(f"No x{scale} network is shipped in {directory or MODELS_DIR} "
                         f"(shipped scales: {scales}); choose one of those scales or give "
                         f"a model file. {CARD_HINT}")
    best = min(mean_ratio(card) for _, card in of_scale)
    near = [pc for pc in of_scale if mean_ratio(pc[1]) <= best + FASTER_WITHIN]
    return min(near, key=lambda pc: (passes(pc[1]), mean_ratio(pc[1])))[0]


def choose_model(name=AUTO, scale=2, directory=None):
    """The path of the shipped network called `name` (a file stem, see model_ids), or with
    'auto' the most accurate one for `scale`; a name of another scale is refused."""
    if name in (None, "", AUTO):
        return default_model(directory, scale)
    shipped = {model_id(path): (path, card) for path, card in shipped_models(directory)}
    if name not in shipped:
        raise InputError(f"MODEL: no shipped network is called {name!r}; use one of: "
                         f"{', '.join(model_ids(directory))}.")
    path, card = shipped[name]
    if int(card["scale"]) != int(scale):
        fitting = [i for i, (_, c) in shipped.items() if c["scale"] == int(scale)]
        raise InputError(
            f"MODEL {name} super-resolves by {card['scale']}, but SCALE is {scale}: set "
            f"SCALE to {card['scale']}, or choose auto or an x{scale} network "
            f"({', '.join(fitting) or 'none is shipped'}).")
    return path


def display_name(card):
    """'FSRCNN', or 'FSRCNN, 8-fold self-ensemble' for a model averaged over the eight
    rotations and reflections of its input (card key self_ensemble), or 'FSRCNN, cascade
    x2 then x4 (...)' for networks run one after the other (card key cascade);
    'FSRCNN, distilled...' for a network trained towards a teacher (card key
    distillation)."""
    name = str(card["architecture"]).upper()
    if card.get("distillation"):
        name += ", distilled"
    stages = (card.get("cascade") or {}).get("stages")
    if stages:   # 'FSRCNN, cascade x2 then x4 (8-fold self-ensembles)'
        steps = " then ".join(f"x{st['scale']}" for st in stages)
        ens = {st.get("self_ensemble", 1) for st in stages}
        return (f"{name}, cascade {steps}"
                + (f" ({ens.pop()}-fold self-ensembles)" if ens != {1} else ""))
    members = (card.get("self_ensemble") or {}).get("members")
    return f"{name}, {members}-fold self-ensemble" if members else name


def model_label(card):
    """'ESRGAN x2 (held-out RMSE 0.83 x bicubic)' for a model card."""
    return (f"{display_name(card)} x{card['scale']} (held-out RMSE "
            f"{mean_ratio(card):.2f} x bicubic)")


def validation_lines(card):
    """One line per held-out grid of the card: model RMSE, bicubic RMSE, ratio."""
    held = card["validation"].get("held_out", {})
    return [f"{grid}: RMSE {v['rmse']} vs bicubic {v['bicubic_rmse']} (ratio {v['ratio']})"
            for grid, v in held.items()]


class Model:
    """A checked ONNX network, its card, and its one onnxruntime session.

    A session cannot travel to another process (a Dask worker): a Model pickles as its
    path and is loaded again there, once per process (`_LOADED`), so a worker opens one
    session for all its tiles too.
    """

    def __init__(self, path, card, session):
        self.path, self.card, self.session = str(path), card, session
        self.scale = int(card["scale"])
        self.receptive_field = int(card["receptive_field"])
        # coarse cells of context an output block depends on, on each side, plus one
        self.reach = self.receptive_field // 2 + 1
        self.name = str(card["name"])

    def __getstate__(self):
        return {"path": self.path}

    def __setstate__(self, state):
        path = state["path"]
        if path not in _LOADED:
            _LOADED[path] = load_model(path)
        self.__dict__.update(_LOADED[path].__dict__)


_LOADED = {}


def load_model(onnx_path):
    """Check an ONNX model against its card and open one onnxruntime session on it."""
    onnx_path = str(onnx_path)
    if not os.path.isfile(onnx_path):
        raise InputError(f"The model file {onnx_path} does not exist.")
    card = read_card(onnx_path)
    digest = sha256(onnx_path)
    if digest != card["onnx_sha256"]:
        raise InputError(f"{onnx_path} does not match its model card (sha256 {digest[:12]}"
                         f"..., the card says {str(card['onnx_sha256'])[:12]}...): the file "
                         "was changed or the card belongs to another model. Re-export the "
                         "model with its card.")
    ort = require("onnxruntime")
    options = ort.SessionOptions()
    options.log_severity_level = 3
    # A Dask worker has OMP_NUM_THREADS=1: two workers must not each use every core.
    options.intra_op_num_threads = int(os.environ.get("OMP_NUM_THREADS", "0") or 0)
    try:
        session = ort.InferenceSession(onnx_path, options,
                                       providers=["CPUExecutionProvider"])
    except Exception as error:  # onnxruntime raises its own exception types
        raise InputError(f"onnxruntime cannot load {onnx_path}: {error}") from error
    names = ({i.name for i in session.get_inputs()}, [o.name for o in session.get_outputs()])
    if names[0] != {"coarse", "bicubic"} or "fine" not in names[1]:
        raise InputError(f"{onnx_path} has inputs {sorted(names[0])} and outputs "
                         f"{names[1]}; a GeoInverse network takes 'coarse' and 'bicubic' "
                         "and gives 'fine'.")
    meta = session.get_modelmeta().custom_metadata_map
    try:
        meta_scale = json.loads(meta["geoinverse_scale"])
    except (KeyError, ValueError):
        meta_scale = None
    if meta_scale != card["scale"]:
        raise InputError(f"{onnx_path} says scale {meta_scale} in its metadata "
                         f"(geoinverse_scale) but its card says {card['scale']}: the card "
                         "belongs to another model. Re-export the model with its card.")
    return Model(onnx_path, card, session)


# -- running ----------------------------------------------------------------------------
def super_resolve(coarse, model, nodata_mode="mask"):
    """Super-resolve a coarse array (NaN = nodata) with a loaded Model.

    "mask": holes are filled by the nearest valid value for the network only, and the
    output is nodata wherever bicubic upsampling of the input is (its 4 x 4 support
    touches a hole).  "fill": holes enclosed by data are first filled with the default
    method of gapfill.py (fill_gaps_array) and the filled values are kept; holes touching
    the array's edge (outside the data footprint) stay holes as in "mask".
    This is the tiler's function: the array is a tile with its context.  Within half the
    receptive field of the array's edge the network sees zero padding, which is not
    shift-equivariant, so super_resolve_raster gives every tile reflected context of
    `overlap` cells (default the model's reach, half its receptive field plus one) and
    crops it off.
    """
    check_choice("NODATA_MODE", nodata_mode, NODATA_MODES)
    raw = np.asarray(coarse, np.float32)
    s = model.scale
    if nodata_mode == "fill" and np.isnan(raw).any() and not np.isnan(raw).all():
        from .gapfill import fill_gaps_array
        raw = fill_gaps_array(raw)[0]
    bicubic = bicubic_upsample(raw, s)
    mask = np.isnan(bicubic)
    if mask.all():
        return np.full(mask.shape, np.nan, np.float32)
    if mask.any():   # the network sees nearest-filled holes; bicubic is computed once
        fine = run_session(model.session, nearest_fill(raw.astype(np.float64)), s)
        return np.where(mask, np.nan, fine).astype(np.float32)
    return run_session(model.session, raw, s, bicubic).astype(np.float32, copy=False)


def super_resolve_raster(src, dst, model=None, band=1, *, nodata_mode=DEFAULT_NODATA_MODE,
                         tile=DEFAULT_TILE, overlap=None, progress=None, cancelled=None,
                         uncertainty=None, provenance=None, input_provenance=None,
                         warn=None):
    """Super-resolve one band of `src` into the float32 raster `dst` with an ONNX network.

    `model`: a path to an .onnx with its card, a loaded Model, or None for the default
    (default_model()).  `overlap`: context cells on each side of a tile (default the
    model's reach: half its receptive field, plus one cell).  With nodata_mode "fill", the
    raster's enclosed holes are first filled by gapfill.fill_raster (streamed, seam-free) into a temporary grid.
    Trust layers (issue 18, trust.py): `uncertainty` / `provenance` optional output
    paths, `input_provenance` an optional PROVENANCE raster of the input (from fillgaps);
    a .bag `dst` holds elevation and uncertainty; `warn(message)` receives the
    out-of-distribution warnings.
    Returns sizes, tiles, seconds and the card's validation numbers.
    """
    check_choice("NODATA_MODE", nodata_mode, NODATA_MODES)
    m = model if isinstance(model, Model) else load_model(model or default_model())
    trust = Trust(src, band, dst, uncertainty, provenance, input_provenance,
                  m.card.get("uncertainty"), f"the model card of {m.name}",
                  m.card.get("training_stats"), display_name(m.card), warn)
    margin = m.reach if overlap is None else int(overlap)
    if margin < 0:
        raise InputError(f"OVERLAP must be 0 or more cells (got {overlap}).")
    if trust.layers and overlap is None:
        from .uncertainty import sr_margin
        margin = max(margin, sr_margin(m.reach))
    with RasterReader(src, band) as reader:
        if min(reader.width, reader.height) < m.receptive_field:
            raise InputError(f"{src} is {reader.width} x {reader.height} cells, smaller "
                             f"than the receptive field of {m.name} ({m.receptive_field} "
                             "cells): use a larger grid, or bicubic upsampling.")
        trust.check_ood(reader)
    phase = (lambda a, b: None if progress is None else
             (lambda f: progress(a + (b - a) * f)))
    source, source_band, start = src, band, time.perf_counter()
    with contextlib.ExitStack() as stack:
        stack.callback(trust.close)
        dst, sigma_path = stack.enter_context(trust.outputs(f"super-resolved by {m.name}"))
        filled_reader = None
        if nodata_mode == "fill":
            from .gapfill import has_enclosed_holes
            with RasterReader(src, band) as reader:
                if not has_enclosed_holes(reader, cancelled):
                    nodata_mode = "mask"   # nothing to fill: the same result, no copy
        if nodata_mode == "fill":
            from .gapfill import fill_raster
            # The filled grid is as large as the input: keep it beside the output.
            folder = os.path.dirname(os.path.abspath(str(dst)))
            if not os.path.isdir(folder):
                raise InputError(f"The output folder {folder} does not exist.")
            tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix=".geoinverse_sr_",
                                                                  dir=folder))
            source, source_band = os.path.join(tmp, "filled.tif"), 1
            filled = os.path.join(tmp, "filled_mask.tif") if trust.provenance else None
            fill_raster(src, source, band, progress=phase(0.0, 0.3), cancelled=cancelled,
                        filled_mask=filled)
            if filled:
                filled_reader = stack.enter_context(RasterReader(filled))
        with RasterReader(source, source_band) as reader:
            s = m.scale
            with RasterWriter(dst, reader.width * s, reader.height * s,
                              scaled_geotransform(reader.geotransform, s), reader.crs_wkt,
                              output_nodata(reader.nodata), reader.description) as writer:
                func, writers, layers = (lambda t: super_resolve(t, m)), writer, trust.layers
                if layers:
                    func = trust.sr_tile(func, s, margin, filled_reader)
                    writers = [writer, *writer_group(
                        stack, reader.width * s, reader.height * s,
                        scaled_geotransform(reader.geotransform, s), reader.crs_wkt,
                        trust.specs(sigma_path))]
                run = run_tiled(reader, func, writers, scale=s, pass_tile=layers,
                                margin=margin, tile=tile, cancelled=cancelled,
                                progress=phase(0.3 if nodata_mode == "fill" else 0.0, 1.0))
                if run.valid_cells == 0:
                    raise InputError(f"Band {band} of {src} holds only nodata; there is "
                                     "nothing to super-resolve.")
    return {"model": m.name, "model_path": m.path, "scale": s,
            "input_size": (reader.width, reader.height),
            "output_size": (reader.width * s, reader.height * s), "overlap": margin,
            "valid_cells": run.valid_cells, "tiles": run.tiles,
            "seconds": time.perf_counter() - start,
            "validation": m.card["validation"], "receptive_field": m.receptive_field}
