"""Train the shipped deep networks and export them (`make models`): models_onnx/NAME_xS.onnx
with the model card NAME_xS.json.

    .venv-train/bin/python training/train_networks.py --models srcnn:2 esrgan:4 [--out models_onnx]
    .venv-train/bin/python training/train_networks.py --ensemble fsrcnn_x4
    .venv-train/bin/python training/train_networks.py --distil fsrcnn_x2 --threads 1
    .venv-train/bin/python training/train_networks.py --ensemble fsrcnn_kd_x2

With no option it trains every model of SETTINGS, then exports the ENSEMBLES (the
eight-fold geometric self-ensembles of the chosen networks), then the DISTILLED networks
(a single pass trained towards its ensemble and the truth, `distil`) and their own
ensembles, then the CASCADES.

Data: ocean cells of training/regions.py's DEEP_TRAINING regions (ETOPO5 boxes and GMT's
india_topo), never a held-out one.  Pairs are (block_mean(fine, s), fine); inputs are
random coarse patches with their fine truth and the plugin's bicubic, each normalised by
its own mean and robust relief (algorithms/bathymetry/superres.normalisation), and
augmented by the eight rotations/reflections and by sign (a ridge upside down is a
trough).  Loss, in normalised units: depth MSE + slope MSE (first differences) +
curvature MSE (Laplacian), the terrain terms standing in for the image-domain VGG loss;
SRGAN and ESRGAN then continue with their adversarial term (standard, relativistic
average) at a small weight.  Adam, cosine learning-rate decay, fixed seeds and step counts.

Validation runs the exported ONNX file through the plugin's own runtime on every held-out
grid (whole grid, one pass) and scores RMSE over valid fine cells next to bicubic.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parent.parent

from geoinverse.algorithms.bathymetry import superres  # noqa: E402
from geoinverse.algorithms.bathymetry.resample import bicubic_upsample  # noqa: E402
from geoinverse.algorithms.bathymetry.sparse_sr import fine_pair  # noqa: E402
from geoinverse.training import networks, regions  # noqa: E402
from geoinverse.training.learn_dictionary import rmse  # noqa: E402

# Per shipped model: steps, batch, coarse patch, learning rate, adversarial steps (after
# `steps`).  Sized for this project's 2-core CPU: `make models` takes about an hour.
SETTINGS = {
    ("srcnn", 2): dict(steps=4000, batch=16, patch=24, lr=1e-3, gan_steps=0),
    ("fsrcnn", 2): dict(steps=8000, batch=16, patch=24, lr=1e-3, gan_steps=0),
    ("espcn", 2): dict(steps=8000, batch=16, patch=24, lr=1e-3, gan_steps=0),
    ("srgan", 2): dict(steps=4000, batch=16, patch=24, lr=5e-4, gan_steps=400),
    # ("esrgan", 2) is no longer shipped (issue 22): 1.018 x bicubic's RMSE on the held-out
    # 30 m St Helens DEM; its x4 beats bicubic everywhere.  Its setting was steps=3000,
    # batch=16, patch=24, lr=5e-4, gan_steps=400.
    ("fsrcnn", 4): dict(steps=8000, batch=16, patch=24, lr=1e-3, gan_steps=0),
    ("esrgan", 4): dict(steps=2000, batch=16, patch=24, lr=5e-4, gan_steps=400),
}
# Exported again as eight-fold self-ensembles (run_ensemble): the most accurate
# single networks at x2 and x4, cheap enough to run eight times.
ENSEMBLES = ("fsrcnn_x2", "fsrcnn_x4")
# x8 (issue 22) as cascades of exported networks, measured on the held-out grids against
# the other orders (docs/superresolution.md): NAME -> its stages, first to last.
# Distilled (DISTIL) into NAME_kd_xS after the ENSEMBLES, their teachers, exist.
DISTILLED = ("fsrcnn_x2",)
# ... and their own eight-fold self-ensembles, exported after them.
DISTILLED_ENSEMBLES = ("fsrcnn_kd_x2",)
CASCADES = {"fsrcnn_ens_x8": ("fsrcnn_ens_x2", "fsrcnn_ens_x4"),
            "fsrcnn_x8": ("fsrcnn_x2", "fsrcnn_x4")}
# Fine-tuning of an exported network on NETWORK_TRAINING (ETOPO5/GMT and real surveys,
# issue 22): `survey_share` of each batch from the surveys, noise of a random level up to
# `noise` x the patch's robust relief on the coarse input of half the samples (so the
# network does not sharpen survey noise), and `distill` weight on matching the base
# network's own eight-fold self-ensemble (its better, more symmetric answer).
FINETUNE = {
    ("fsrcnn", 2): dict(steps=int(os.environ.get("GEOINVERSE_FT_STEPS", 700)), batch=16, patch=24, lr=3e-4, survey_share=0.25,
                        noise=0.05, distill=1.0),
}
# Knowledge distillation (issue 22: a single pass as accurate as the eight-fold
# ensemble, at one eighth of its cost): the student starts from the exported `init`
# network and learns, on NETWORK_TRAINING, a `teacher_weight` : 1 - teacher_weight mix of
# the teacher's output (the exported eight-fold self-ensemble, run once on every training
# grid beforehand, not at every step) and the truth.  The surveys come at their own cell
# size and block-averaged by each of `cell_factors` (1 m and 8 m surveys also train as
# 2 m and 16 m ones), `survey_share` of each batch; noise as FINETUNE.
DISTIL = {
    ("fsrcnn", 2): dict(teacher="fsrcnn_ens_x2",
                        steps=int(os.environ.get("GEOINVERSE_KD_STEPS", 30000)), batch=16,
                        patch=24, lr=5e-4, teacher_weight=0.5, survey_share=0.1,
                        cell_factors=(1, 2), noise=0.02),
    # not trained yet (issue 22 ran out of time; see docs/superresolution.md)
    ("fsrcnn", 4): dict(teacher="fsrcnn_ens_x4",
                        steps=int(os.environ.get("GEOINVERSE_KD_STEPS", 12000)), batch=16,
                        patch=24, lr=5e-4, teacher_weight=0.5, survey_share=0.1,
                        cell_factors=(1, 2), noise=0.02),
}
LOSS_WEIGHTS = {"depth": 1.0, "slope": 0.5, "curvature": 0.25}
ADVERSARIAL_WEIGHT = 1e-3
SEED = 0


# -- data -------------------------------------------------------------------------------
class Source:
    """One training grid as coarse / bicubic / fine arrays and its valid patch corners."""

    teacher = None   # the teacher's fine output on `coarse` (distil), cropped like fine

    def __init__(self, name, fine, scale, patch):
        coarse, fine = fine_pair(fine, scale)
        bic = bicubic_upsample(coarse, scale).astype(np.float64)
        ok_fine = np.isfinite(fine) & np.isfinite(bic)
        h, w = coarse.shape
        ok = ok_fine.reshape(h, scale, w, scale).all(axis=(1, 3))
        from scipy import ndimage
        # a corner is usable when the whole patch x patch window below-right is valid
        full = ndimage.minimum_filter(ok.astype(np.uint8), size=patch,
                                      origin=-(patch // 2), mode="constant") > 0
        full[h - patch + 1:, :] = False
        full[:, w - patch + 1:] = False
        self.name, self.scale, self.patch = name, scale, patch
        self.coarse, self.bic, self.fine = coarse, bic, fine
        self.corners = np.argwhere(full)

    def crop(self, rng):
        y, x = self.corners[rng.integers(len(self.corners))]
        p, s = self.patch, self.scale
        c = self.coarse[y:y + p, x:x + p]
        b = self.bic[y * s:(y + p) * s, x * s:(x + p) * s]
        f = self.fine[y * s:(y + p) * s, x * s:(x + p) * s]
        if self.teacher is None:
            return c, b, f
        return c, b, f, self.teacher[y * s:(y + p) * s, x * s:(x + p) * s]


def load_sources(scale, patch, training=None):
    sources = []
    for region in regions.DEEP_TRAINING if training is None else training:
        src = Source(region.name, regions.grid(region), scale, patch)
        if len(src.corners):
            sources.append(src)
    return sources


def augment(arrays, rng):
    k, flip, sign = rng.integers(4), rng.integers(2), rng.choice((-1.0, 1.0))
    out = []
    for a in arrays:
        a = np.rot90(a, k)
        out.append(sign * (a[:, ::-1] if flip else a))
    return out


def batch(sources, weights, size, rng):
    cs, bs, fs = [], [], []
    for _ in range(size):
        src = sources[rng.choice(len(sources), p=weights)]
        c, b, f = augment(src.crop(rng), rng)
        offset, relief = superres.normalisation(c)
        cs.append((c - offset) / relief)
        bs.append((b - offset) / relief)
        fs.append((f - offset) / relief)
    return [torch.tensor(np.stack(a)[:, None], dtype=torch.float32) for a in (cs, bs, fs)]


def noisy_batch(sources, weights, size, rng, noise):
    """A batch whose coarse inputs of half the samples carry Gaussian noise of a random
    level up to `noise` x the patch's robust relief (bicubic recomputed from them):
    [coarse, bicubic, fine] tensors, and the teacher's output after them where the
    sources have one (the targets stay those of the clean input)."""
    columns = None
    for _ in range(size):
        src = sources[rng.choice(len(sources), p=weights)]
        c, b, *targets = augment(src.crop(rng), rng)
        if noise and rng.random() < 0.5:
            c = c + rng.normal(0.0, rng.uniform(0, noise) * superres.normalisation(c)[1],
                               c.shape)
            b = bicubic_upsample(c, src.scale).astype(np.float64)
        offset, relief = superres.normalisation(c)
        sample = [(a - offset) / relief for a in (c, b, *targets)]
        columns = [[] for _ in sample] if columns is None else columns
        for column, a in zip(columns, sample):
            column.append(a)
    return [torch.tensor(np.stack(a)[:, None], dtype=torch.float32) for a in columns]


# -- losses -----------------------------------------------------------------------------
def terrain_loss(y, t):
    """Depth + slope + curvature MSE, in normalised units."""
    dx = (lambda a: a[..., :, 1:] - a[..., :, :-1])
    dy = (lambda a: a[..., 1:, :] - a[..., :-1, :])
    lap = (lambda a: a[..., 1:-1, 2:] + a[..., 1:-1, :-2] + a[..., 2:, 1:-1]
           + a[..., :-2, 1:-1] - 4 * a[..., 1:-1, 1:-1])
    w = LOSS_WEIGHTS
    return (w["depth"] * F.mse_loss(y, t)
            + w["slope"] * (F.mse_loss(dx(y), dx(t)) + F.mse_loss(dy(y), dy(t)))
            + w["curvature"] * F.mse_loss(lap(y), lap(t)))


def adversarial_losses(kind, d_real, d_fake):
    """(discriminator loss, generator loss) for logits of real and generated patches."""
    bce = F.binary_cross_entropy_with_logits
    ones, zeros = torch.ones_like(d_real), torch.zeros_like(d_real)
    if kind == "relativistic_average":
        real_rel = d_real - d_fake.mean()
        fake_rel = d_fake - d_real.mean()
        d_loss = bce(real_rel, ones) + bce(fake_rel, zeros)
        g_loss = bce(real_rel, zeros) + bce(fake_rel, ones)
        return d_loss / 2, g_loss / 2
    return bce(d_real, ones) + bce(d_fake, zeros), bce(d_fake, ones)


# -- training ---------------------------------------------------------------------------
def cosine(step, total, lr):
    return lr * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * step / total)))


def fit(model, steps, lr, step_loss, log, label, every):
    """Adam with the cosine schedule over `steps` of step_loss(): (loss history, start)."""
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    start, history = time.time(), []
    model.train()
    for step in range(steps):
        for group in opt.param_groups:
            group["lr"] = cosine(step, steps, lr)
        loss = step_loss()
        opt.zero_grad()
        loss.backward()
        opt.step()
        history.append(loss.item())
        if (step + 1) % every == 0:
            log(f"{label} step {step + 1}/{steps} loss "
                f"{np.mean(history[-every:]):.4f} ({time.time() - start:.0f} s)")
    return history, start


def train(name, scale, log=print):
    cfg = SETTINGS[(name, scale)]
    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    sources = load_sources(scale, cfg["patch"])
    counts = np.array([len(s.corners) for s in sources], np.float64)
    weights = np.sqrt(counts) / np.sqrt(counts).sum()
    model = networks.build(name, scale)
    total = cfg["steps"]

    def step_loss():
        c, b, f = batch(sources, weights, cfg["batch"], rng)
        return terrain_loss(model(c, b), f)
    history, start = fit(model, total, cfg["lr"], step_loss, log, f"{name} x{scale}", 250)
    gan = {}
    if cfg["gan_steps"]:
        gan = train_adversarial(name, model, sources, weights, cfg, rng, log)
    minutes = (time.time() - start) / 60
    return model, {"steps": total, "batch": cfg["batch"], "coarse_patch": cfg["patch"],
                   "learning_rate": cfg["lr"], "schedule": "cosine to 5 %",
                   "final_loss": round(float(np.mean(history[-250:])), 5),
                   "loss_weights": LOSS_WEIGHTS, "minutes": round(minutes, 1),
                   "seed": SEED, "sources": {s.name: len(s.corners) for s in sources},
                   **gan}


def train_adversarial(name, model, sources, weights, cfg, rng, log):
    kind = networks.ADVERSARIAL[name]
    disc = networks.Discriminator()
    opt_g = torch.optim.Adam(model.parameters(), lr=cfg["lr"] * 0.1, betas=(0.9, 0.999))
    opt_d = torch.optim.Adam(disc.parameters(), lr=1e-4, betas=(0.9, 0.999))
    for step in range(cfg["gan_steps"]):
        c, b, f = batch(sources, weights, cfg["batch"], rng)
        fake = model(c, b)
        d_loss, _ = adversarial_losses(kind, disc(f), disc(fake.detach()))
        opt_d.zero_grad()
        d_loss.backward()
        opt_d.step()
        _, g_adv = adversarial_losses(kind, disc(f), disc(fake))
        g_loss = terrain_loss(fake, f) + ADVERSARIAL_WEIGHT * g_adv
        opt_g.zero_grad()
        g_loss.backward()
        opt_g.step()
        if (step + 1) % 200 == 0:
            log(f"{name} adversarial step {step + 1}/{cfg['gan_steps']} d {float(d_loss):.3f} "
                f"g {float(g_loss):.4f}")
    return {"adversarial": kind, "adversarial_steps": cfg["gan_steps"],
            "adversarial_weight": ADVERSARIAL_WEIGHT,
            "discriminator_parameters": networks.parameter_count(disc)}


# -- export and validation --------------------------------------------------------------
def export(model, path):
    model.eval()
    dummy = (torch.zeros(1, 1, 16, 16), torch.zeros(1, 1, 16 * model.scale, 16 * model.scale))
    torch.onnx.export(model, dummy, str(path), dynamo=False, opset_version=17,
                      input_names=["coarse", "bicubic"], output_names=["fine"],
                      dynamic_axes={"coarse": {2: "h", 3: "w"},
                                    "bicubic": {2: "H", 3: "W"},
                                    "fine": {2: "H", 3: "W"}})


def add_metadata(path, meta):
    import onnx
    m = onnx.load(str(path))
    del m.metadata_props[:]
    for key, value in meta.items():
        entry = m.metadata_props.add()
        entry.key, entry.value = f"geoinverse_{key}", json.dumps(value)
    m.producer_name = "geoinverse training/train_networks.py"
    onnx.save(m, str(path))


def validate(path, scale):
    """{grid: {rmse, bicubic_rmse, ratio}} on every held-out grid, through onnxruntime."""
    import onnxruntime as ort
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    # No card exists yet (it records these scores), so the Model is built here; the
    # super-resolution itself is the plugin's (superres.super_resolve).
    model = superres.Model(path, {"scale": scale, "receptive_field": 1,
                                  "name": Path(path).stem}, session)
    return pair_scores(model, scale,
                       regions.held_out_pairs(scale, regions.NETWORK_HELD_OUT))


def pair_scores(model, scale, pairs):
    """{grid: {rmse, bicubic_rmse, ratio}} of a superres.Model on {grid: (coarse, fine)};
    grids with fewer than 24 coarse cells across are not scored."""
    scores = {}
    for name, (coarse, fine) in pairs.items():
        if min(coarse.shape) < 24:
            continue   # too few coarse cells for any network at this scale
        base = bicubic_upsample(coarse, scale)
        ours = superres.super_resolve(coarse, model)
        r, b = rmse(ours, fine), rmse(base, fine)
        scores[name] = {"rmse": round(r, 3), "bicubic_rmse": round(b, 3),
                        "ratio": round(r / b, 4)}
    return scores


def validation_block(scores):
    ratios = [v["ratio"] for v in scores.values()]
    cells = {r.name: r.cell or "" for r in regions.NETWORK_HELD_OUT}
    return {"held_out": scores, "mean_ratio": round(float(np.mean(ratios)), 4),
            "worst_ratio": round(float(np.max(ratios)), 4),
            "cell_sizes": {g: cells.get(g, "") for g in scores},
            "note": "RMSE in grid units (metres) over valid fine cells of each held-out "
                    "grid (training/regions.py NETWORK_HELD_OUT: GMT grids of other "
                    "regions and real surveys, held out whole), super-resolved in one "
                    "pass from its block means; bicubic = Keys a=-0.5 of the same block "
                    "means; a grid with fewer than 24 coarse cells across at this scale "
                    "is not scored",
            "survey_notes": {g: regions.SURVEY_NOTES[g] for g in scores
                             if g in regions.SURVEY_NOTES}}


def training_distribution(names):
    """What the out-of-distribution warning (issue 18) compares a user's grid against:
    the training grids by name with their cell sizes and kinds.  The statistics
    themselves (card key training_stats: relief_per_cell = relief per cell relative to
    depth, spectral_slope = slope of the radially averaged roughness spectrum,
    cell_metres) are computed over exactly these regions by
    training/calibrate_uncertainty.py with algorithms/bathymetry/uncertainty.grid_stats."""
    known = {r.name: r for r in regions.NETWORK_TRAINING}
    return {"regions": list(names),
            "cell_sizes": sorted({known[n].cell or "5'" for n in names if n in known}),
            "kinds": sorted({"etopo5" if not known[n].file else known[n].kind
                             for n in names if n in known}),
            "stats_key": "training_stats",
            "stats_fields": ["relief_per_cell", "spectral_slope", "cell_metres"]}


def model_card(name, scale, model, rf, training, scores, onnx_path, command):
    card = {
        "name": f"{name}_x{scale}", "architecture": name, "paper": networks.PAPER[name],
        "scale": scale, "channels": 1, "parameters": networks.parameter_count(model),
        "receptive_field": rf,
        "receptive_field_unit": "coarse cells (width of the input neighbourhood one output "
                                "block depends on)",
        "inputs": {"coarse": "(1, 1, h, w) normalised coarse depths, no NaN",
                   "bicubic": "(1, 1, h*s, w*s) Keys bicubic (a=-0.5) of the coarse "
                              "depths, normalised alike"},
        "output": {"fine": "(1, 1, h*s, w*s) normalised fine depths; block means equal "
                           "the input"},
        "normalisation": superres.NORMALISATION,
        "reduced_from_paper": networks.REDUCED[name],
        "training": {"regions": [r.name for r in regions.DEEP_TRAINING],
                     "data": "ocean cells (z < 0) of ETOPO5 5' boxes (Debian "
                             "ferret-datasets) and GMT's india_topo.nc; coarse = "
                             f"{scale}x{scale} block means of the fine grid",
                     **training},
        "validation": validation_block(scores),
        "onnx": onnx_path.name, "onnx_sha256": superres.sha256(onnx_path),
        "command": command,
    }
    card["training"]["distribution"] = training_distribution(card["training"]["regions"])
    return card


def save_card(path, card, log):
    """Write a model card and log its held-out scores."""
    path.write_text(json.dumps(card, indent=1) + "\n")
    held = card["validation"]["held_out"]
    log(f"{card['name']}: rf {card['receptive_field']}, mean ratio "
        f"{card['validation']['mean_ratio']}, "
        + ", ".join(f"{k} {v['ratio']}" for k, v in held.items()))
    return card


def run_one(name, scale, out, log=print):
    model, training = train(name, scale, log)
    rf = networks.receptive_field(model, scale, bicubic_upsample)
    path = out / f"{name}_x{scale}.onnx"
    export(model, path)
    add_metadata(path, {"architecture": name, "scale": scale, "receptive_field": rf,
                        "normalisation": superres.NORMALISATION})
    scores = validate(path, scale)
    command = (".venv-train/bin/python training/train_networks.py --models "
               f"{name}:{scale} --out {out.name}")
    card = model_card(name, scale, model, rf, training, scores, path, command)
    return save_card(out / f"{name}_x{scale}.json", card, log)


def load_exported(path):
    """The BathymetrySR whose weights an exported NAME_xS.onnx holds (its card names the
    architecture and scale).  Initialisers keep their torch names except those the
    exporter renamed (PReLU slopes, reshaped); those come in the model's order.  Checked:
    the rebuilt network must reproduce the file's output."""
    import onnx
    from onnx import numpy_helper
    card = superres.read_card(path)
    model = networks.build(card["architecture"], card["scale"])
    stored = [(i.name, numpy_helper.to_array(i)) for i in onnx.load(str(path)).graph.initializer]
    named = dict(stored)
    renamed = iter(a for n, a in stored if n.startswith("onnx::"))
    state = {}
    for key, tensor in model.state_dict().items():
        array = named[key] if key in named else next(renamed)
        state[key] = torch.tensor(array.reshape(tuple(tensor.shape)))
    model.load_state_dict(state)
    model.eval()
    check_same_output(model, path)
    return model, card


def check_same_output(model, path):
    import onnxruntime as ort
    rng = np.random.default_rng(SEED)
    s = model.scale
    coarse = rng.normal(size=(1, 1, 20, 23)).astype(np.float32)
    bic = bicubic_upsample(coarse[0, 0].astype(np.float64), s).astype(np.float32)[None, None]
    theirs = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(
        None, {"coarse": coarse, "bicubic": bic})[0]
    with torch.no_grad():
        ours = model(torch.tensor(coarse), torch.tensor(bic)).numpy()
    if not np.allclose(ours, theirs, atol=1e-4):
        raise AssertionError(f"the weights read back from {path} do not reproduce it")


def export_scored(model, path, card):
    """Export a trained network of `card`'s architecture, scale and receptive field to
    `path` with its metadata, and score it on the held-out grids (validate)."""
    model.eval()
    export(model, path)
    add_metadata(path, {"architecture": card["architecture"], "scale": card["scale"],
                        "receptive_field": card["receptive_field"],
                        "normalisation": superres.NORMALISATION})
    return validate(path, card["scale"])


def finetune(spec, out, log=print):
    """Fine-tune the exported NAME_xS on NETWORK_TRAINING (FINETUNE settings) and export
    it as NAME_ft_xS with its card (validated on NETWORK_HELD_OUT)."""
    base = out / f"{spec}.onnx"
    model, card = load_exported(base)
    name, scale = card["architecture"], card["scale"]
    cfg = FINETUNE[(name, scale)]
    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED + 1)
    globe = load_sources(scale, cfg["patch"])
    surveys = load_sources(scale, cfg["patch"], regions.SURVEY_TRAINING)
    sources = globe + surveys
    counts = np.array([len(s.corners) for s in sources], np.float64)
    weights = np.sqrt(counts)
    g = len(globe)
    weights[:g] *= (1 - cfg["survey_share"]) / weights[:g].sum()
    weights[g:] *= cfg["survey_share"] / weights[g:].sum()
    teacher = networks.DihedralEnsemble(load_exported(base)[0]).eval()

    def step_loss():
        c, b, f = noisy_batch(sources, weights, cfg["batch"], rng, cfg["noise"])
        y = model(c, b)
        loss = terrain_loss(y, f)
        if cfg["distill"]:
            with torch.no_grad():
                t = teacher(c, b)
            loss = loss + cfg["distill"] * terrain_loss(y, t)
        return loss
    history, start = fit(model, cfg["steps"], cfg["lr"], step_loss, log,
                         f"finetune {spec}", 100)
    path = out / f"{name}_ft_x{scale}.onnx"
    scores = export_scored(model, path, card)
    command = (".venv-train/bin/python training/train_networks.py --finetune "
               f"{spec} --out {out.name}")
    training = dict(card["training"], finetune={
        **cfg, "from": base.name, "from_sha256": card["onnx_sha256"],
        "regions": [r.name for r in regions.NETWORK_TRAINING],
        "final_loss": round(float(np.mean(history[-100:])), 5),
        "minutes": round((time.time() - start) / 60, 1),
        "sources": {s.name: len(s.corners) for s in sources}})
    new = model_card(name, scale, model, card["receptive_field"], training, scores, path,
                     command)
    return save_card(out / f"{path.stem}.json", new, log)


def distil_sources(scale, cfg):
    """NETWORK_TRAINING as Sources: the ETOPO5/GMT regions and the surveys at their own
    cell size and block-averaged by each of cfg's cell_factors; and their weights (the
    square root of each source's patch count, the surveys `survey_share` in all)."""
    from geoinverse.algorithms.bathymetry.resample import block_mean
    globe = load_sources(scale, cfg["patch"])
    surveys = []
    for region in regions.SURVEY_TRAINING:
        fine = regions.grid(region)
        for k in cfg["cell_factors"]:
            grid = fine if k == 1 else block_mean(fine, k).astype(np.float64)
            src = Source(region.name if k == 1 else f"{region.name} block mean {k}",
                         grid, scale, cfg["patch"])
            if len(src.corners):
                surveys.append(src)
    weights = np.sqrt(np.array([len(s.corners) for s in globe + surveys], np.float64))
    g, share = len(globe), cfg["survey_share"] if surveys else 0.0
    weights[:g] *= (1 - share) / weights[:g].sum()
    weights[g:] *= share / max(weights[g:].sum(), 1e-300)
    return globe + surveys, weights


def add_teacher(sources, teacher_path):
    """Each source's `teacher`: the exported teacher run once, through the plugin's
    runtime (one pass, nodata masked), on the source's whole coarse grid."""
    teacher = superres.load_model(teacher_path)
    for src in sources:
        src.teacher = superres.super_resolve(src.coarse, teacher).astype(np.float64)


def distil(spec, out, log=print):
    """NAME_kd_xS: the DISTIL student of exported NAME_xS, trained from it towards the
    mix of its teacher (the eight-fold self-ensemble) and the truth; exported with its
    card (validated on NETWORK_HELD_OUT) as a single network of NAME_xS's cost."""
    model, card = load_exported(out / f"{spec}.onnx")
    name, scale = card["architecture"], card["scale"]
    cfg = DISTIL[(name, scale)]
    teacher_path = out / f"{cfg['teacher']}.onnx"
    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED + 2)
    sources, weights = distil_sources(scale, cfg)
    t0 = time.time()
    add_teacher(sources, teacher_path)
    log(f"teacher {teacher_path.name} on {len(sources)} sources: {time.time() - t0:.0f} s")
    w = cfg["teacher_weight"]

    def step_loss():
        c, b, f, t = noisy_batch(sources, weights, cfg["batch"], rng, cfg["noise"])
        y = model(c, b)
        return (1 - w) * terrain_loss(y, f) + w * terrain_loss(y, t)
    history, start = fit(model, cfg["steps"], cfg["lr"], step_loss, log,
                         f"distil {spec}", 250)
    path = out / f"{name}_kd_x{scale}.onnx"
    scores = export_scored(model, path, card)
    command = (".venv-train/bin/python training/train_networks.py --distil "
               f"{spec} --threads 1 --out {out.name}")
    teacher_card = superres.read_card(teacher_path)
    training = {
        "regions": [r.name for r in regions.NETWORK_TRAINING],
        "data": "ocean cells (z < 0) of ETOPO5 5' boxes (Debian ferret-datasets), GMT's "
                "india_topo.nc and the training surveys (training/regions.py "
                "SURVEY_TRAINING) that hold a whole valid patch, as `sources` lists; "
                f"coarse = {scale}x{scale} block means of the fine grid",
        "steps": cfg["steps"], "batch": cfg["batch"], "coarse_patch": cfg["patch"],
        "learning_rate": cfg["lr"], "schedule": "cosine to 5 %",
        "final_loss": round(float(np.mean(history[-250:])), 5),
        "loss_weights": LOSS_WEIGHTS, "minutes": round((time.time() - start) / 60, 1),
        "seed": SEED, "sources": {s.name: len(s.corners) for s in sources},
        "survey_share": cfg["survey_share"] if any(
            s.name.split(" ")[0] in {r.name for r in regions.SURVEY_TRAINING}
            for s in sources) else 0.0,
        "cell_factors": list(cfg["cell_factors"]),
        "noise": cfg["noise"],
        "initialised_from": {"onnx": f"{spec}.onnx",
                             "onnx_sha256": card["onnx_sha256"],
                             "training_minutes": card["training"].get("minutes")}}
    new = model_card(name, scale, model, card["receptive_field"], training, scores, path,
                     command)
    new["name"] = path.stem
    new["distillation"] = {
        "teacher": teacher_path.name, "teacher_onnx_sha256": teacher_card["onnx_sha256"],
        "teacher_members": (teacher_card.get("self_ensemble") or {}).get("members", 1),
        "teacher_weight": w,
        "method": "knowledge distillation (Hinton, Vinyals & Dean 2015, arXiv:1503.02531): "
                  f"loss = {1 - w:g} x terrain loss to the truth + {w:g} x terrain loss "
                  "to the teacher's output, the teacher run once on every training grid "
                  "beforehand; one pass at inference, the cost of the base network"}
    return save_card(out / f"{path.stem}.json", new, log)


def load_stage(path):
    """An exported network or self-ensemble as a torch module, checked against its file."""
    card = superres.read_card(path)
    members = (card.get("self_ensemble") or {}).get("members")
    if not members:
        return load_exported(path)[0], card
    base, _ = load_exported(Path(path).parent / card["self_ensemble"]["base_model"])
    ensemble = networks.DihedralEnsemble(base).eval()
    check_same_output(ensemble, path)
    return ensemble, card


def run_cascade(name, out, log=print):
    """NAME_x8 (CASCADES): exported networks one after the other, as one ONNX file and
    card; validated on the held-out grids like any network."""
    stages, cards = zip(*(load_stage(out / f"{st}.onnx") for st in CASCADES[name]))
    cascade = networks.Cascade(list(stages)).eval()
    scale = cascade.scale
    path = out / f"{name}.onnx"
    export(cascade, path)
    rf = networks.receptive_field(cascade, scale, bicubic_upsample, size=65, trials=2)
    first = cards[0]
    meta = {"architecture": first["architecture"], "scale": scale, "receptive_field": rf,
            "normalisation": superres.NORMALISATION,
            "cascade": [c["name"] for c in cards]}
    add_metadata(path, meta)
    check_same_output(cascade, path)
    scores = validate(path, scale)
    command = (".venv-train/bin/python training/train_networks.py --cascade "
               f"{name} --out {out.name}")
    card = model_card(first["architecture"], scale, cascade, rf, first["training"],
                      scores, path, command)
    card["name"] = name
    card["reduced_from_paper"] = first["reduced_from_paper"]
    card["cascade"] = {
        "stages": [{"name": c["name"], "scale": c["scale"], "onnx": c["onnx"],
                    "onnx_sha256": c["onnx_sha256"],
                    "self_ensemble": (c.get("self_ensemble") or {}).get("members", 1)}
                   for c in cards],
        "method": "each stage's output, with the plugin's Keys bicubic of it computed in "
                  "the graph, is the next stage's input; the per-tile normalisation is "
                  "the first stage's (the networks are affine-equivariant, so "
                  "renormalising between stages would change nothing but rounding); the "
                  "graph's bicubic input is not used",
        "why": "no native x8 network is trained; of the cascades measured (x2 x2 x2, "
               "x2 x4, x4 x2) x2 then x4 scored best on the held-out grids "
               "(docs/superresolution.md)"}
    return save_card(out / f"{name}.json", card, log)


def revalidate(names, out, log=print):
    """Score exported models again on NETWORK_HELD_OUT (the surveys added in issue 22)
    and rewrite their cards' validation block; nothing else of a card changes."""
    for path, card in superres.shipped_models(out):
        if names and card["name"] not in names:
            continue
        scores = validate(path, card["scale"])
        card["validation"] = validation_block(scores)
        card["training"]["distribution"] = training_distribution(card["training"]["regions"])
        save_card(Path(os.path.splitext(path)[0] + ".json"), card, log)


def run_ensemble(spec, out, log=print):
    """NAME_ens_xS: the exported NAME_xS averaged over the eight rotations and
    reflections (networks.DihedralEnsemble), as its own ONNX file and card."""
    base = out / f"{spec}.onnx"
    model, card = load_exported(base)
    name, scale = card["architecture"], card["scale"]
    ensemble = networks.DihedralEnsemble(model)
    stem = spec.rsplit("_x", 1)[0]   # fsrcnn_x2 -> fsrcnn_ens_x2, fsrcnn_kd_x2 -> fsrcnn_kd_ens_x2
    path = out / f"{stem}_ens_x{scale}.onnx"
    export(ensemble, path)
    add_metadata(path, {"architecture": name, "scale": scale,
                        "receptive_field": card["receptive_field"],
                        "normalisation": superres.NORMALISATION, "self_ensemble": 8})
    scores = validate(path, scale)
    command = (".venv-train/bin/python training/train_networks.py --ensemble "
               f"{spec} --out {out.name}")
    new = model_card(name, scale, model, card["receptive_field"], card["training"],
                     scores, path, command)
    new["name"] = path.stem
    if card.get("distillation"):
        new["distillation"] = card["distillation"]
    new["self_ensemble"] = {
        "members": 8, "base_model": base.name, "base_onnx_sha256": card["onnx_sha256"],
        "method": "the base network run on the eight rotations/reflections of the input, "
                  "each output transformed back, averaged (Lim et al. 2017, EDSR, CVPR "
                  "Workshops): exactly dihedral-equivariant, eight times the inference "
                  "cost"}
    return save_card(out / f"{path.stem}.json", new, log)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", nargs="+", metavar="NAME:SCALE",
                        help="train and export these (default, with no --ensemble either: "
                             "every model of SETTINGS, then the ENSEMBLES)")
    parser.add_argument("--ensemble", nargs="+", metavar="NAME_xS",
                        help="export the eight-fold self-ensemble NAME_ens_xS of these "
                             "already exported models")
    parser.add_argument("--finetune", nargs="+", metavar="NAME_xS",
                        help="fine-tune these exported models (FINETUNE) into NAME_ft_xS")
    parser.add_argument("--distil", nargs="+", metavar="NAME_xS",
                        help="train NAME_kd_xS from these exported models towards their "
                             "eight-fold self-ensemble and the truth (DISTIL)")
    parser.add_argument("--cascade", nargs="+", metavar="NAME_x8",
                        help="export these CASCADES of already exported models")
    parser.add_argument("--revalidate", nargs="*", metavar="NAME",
                        help="score these exported models (all with no name) again on the "
                             "held-out grids and rewrite their cards' validation")
    parser.add_argument("--out", default=str(ROOT / "models_onnx"))
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    log = (lambda m: print(m, flush=True))
    if not (args.models or args.ensemble or args.finetune or args.distil or args.cascade
            or args.revalidate is not None):
        args.models = [f"{n}:{s}" for n, s in SETTINGS]
        args.ensemble = list(ENSEMBLES)
        args.distil = list(DISTILLED)
        args.ensemble_distilled = list(DISTILLED_ENSEMBLES)
        args.cascade = list(CASCADES)
    for spec in args.models or []:
        name, scale = spec.split(":")
        run_one(name, int(scale), out, log=log)
    for spec in args.finetune or []:
        finetune(spec, out, log=log)
    for spec in args.ensemble or []:
        run_ensemble(spec, out, log=log)
    for spec in args.distil or []:
        distil(spec, out, log=log)
    for spec in getattr(args, "ensemble_distilled", []):
        run_ensemble(spec, out, log=log)
    for name in args.cascade or []:
        run_cascade(name, out, log=log)
    if args.revalidate is not None:
        revalidate(args.revalidate, out, log=log)
    return 0


if __name__ == "__main__":
    sys.exit(main())
