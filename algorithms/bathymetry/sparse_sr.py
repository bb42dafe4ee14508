"""Sparse-coding super-resolution of bathymetry with a learned terrain dictionary.

The method is the coupled-dictionary family of Yang, Wright, Huang & Ma (2010, "Image
super-resolution via sparse representation", IEEE TIP 19(11):2861) in the form of Zeyde,
Elad & Protter (2010, "On single image scale-up using sparse-representations", Curves
and Surfaces, LNCS 6920:711), which Yutani et al. (2022, Sensors 22(9):3198) applied to
seafloor relief.  Choices, and why:

- Starting estimate: bicubic upsampling of the coarse grid followed by back-projection
  (below), so the estimate already reproduces the coarse grid's block means.
- Features (Zeyde): first and second derivatives of that estimate, [1, 0, -1] and
  [1, 0, -2, 0, 1] along x and y, cut into patches of `patch` x `patch` coarse cells
  (patch*scale fine cells) at a step of one coarse cell, then reduced by PCA (99.9 % of
  the energy).  Derivatives are blind to the depth's offset, and each patch is divided
  by the norm of its features (the detail it predicts is multiplied back), so the map
  from coarse to fine is scale-free: one dictionary serves a 50 m abyssal hill field and
  a 3 km seamount, in metres, feet or kilometres, depth positive up or down
  (f(a*z + b) = a*f(z) + b exactly, for any a != 0).
- Coupled dictionaries: the feature dictionary D_l is learned by L0 sparse coding
  (batched OMP, `sparsity` atoms) with MOD updates; the fine dictionary D_h is the
  least-squares map from those codes to the fine detail (true fine grid minus the
  estimate), as in Zeyde et al.  L0 coding was chosen over Yang's L1 (lasso) for speed:
  OMP on all patches of a tile is a few matrix products, and at 2-4 atoms it is as good.
- Reconstruction: every patch's detail D_h q is added to the estimate and overlapping
  patches are averaged.
- Back-projection (Yang et al. 2010, eq. 8): `BP_ITERATIONS` steps of
  x <- x + bicubic(L - blockmean(x)), then one exact projection that adds the remaining
  block residual as a constant per block, so blockmean(output) == the input (to float
  precision).  Coarse grids here are block means of the fine truth (resample.block_mean).
- Features as terrain: which atom dominates each patch (PATTERNS) and how many atoms a
  patch needs (SPARSITY) map the region's characteristic micro-topography.

Everything sparse (patches, OMP, dictionary learning) comes from algorithms/sparse.py.
"""
from __future__ import annotations

import contextlib
import datetime
import json
import os
import zipfile

import numpy as np

from ..errors import InputError, check_choice
from ..raster import RasterReader, output_nodata, scaled_geotransform, writer_group
from ..sparse import (assemble_patches, atom_usage, codes_to_dense, extract_patches,
                      learn_dictionary, omp, pca_basis, project_patches, reconstruct)
from ..tiling import check_cancel, plan_tiles, run_tiled
from ..transforms import nearest_fill
from .resample import SCALES, bicubic_upsample, block_mean

BP_ITERATIONS = 4
FORMAT_VERSION = 1
DEFAULT_TILE = 256
SHIPPED_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))), "models_sparse")
REQUIRED = ("scale", "patch", "sparsity", "tolerance", "basis", "dict_low", "dict_high",
            "usage", "provenance")
OPTIONAL = ("uncertainty", "training_stats")   # JSON strings (issue 18)


class Dictionary:
    """A coupled terrain dictionary: everything needed to super-resolve with it."""

    def __init__(self, scale, patch, sparsity, tolerance, basis, dict_low, dict_high,
                 usage, provenance):
        self.scale, self.patch, self.sparsity = int(scale), int(patch), int(sparsity)
        self.tolerance = float(tolerance)
        self.basis = np.asarray(basis, np.float64)
        self.dict_low = np.asarray(dict_low, np.float64)
        self.dict_high = np.asarray(dict_high, np.float64)
        self.usage = np.asarray(usage, np.int64)
        self.provenance = dict(provenance)
        # optional (issue 18): uncertainty calibration and training statistics (dicts)
        self.uncertainty = None
        self.training_stats = None

    @property
    def atoms(self):
        return self.dict_low.shape[0]

    @property
    def fine_patch(self):
        return self.patch * self.scale

    def save(self, path):
        np.savez_compressed(
            path, format_version=FORMAT_VERSION, scale=self.scale, patch=self.patch,
            sparsity=self.sparsity, tolerance=self.tolerance,
            basis=self.basis.astype(np.float32), dict_low=self.dict_low.astype(np.float32),
            dict_high=self.dict_high.astype(np.float32), usage=self.usage,
            provenance=json.dumps(self.provenance, indent=1),
            **{k: json.dumps(v) for k, v in (("uncertainty", self.uncertainty),
                                             ("training_stats", self.training_stats))
               if v is not None})
        return str(path)


def shipped_dictionary_path(scale):
    """The dictionary shipped for `scale` (learned by `make models`)."""
    check_choice("SCALE", scale, SCALES)
    path = os.path.join(SHIPPED_DIR, f"terrain_x{int(scale)}.npz")
    if not os.path.exists(path):
        have = sorted(f for f in os.listdir(SHIPPED_DIR) if f.endswith(".npz")) \
            if os.path.isdir(SHIPPED_DIR) else []
        raise InputError(f"No dictionary is shipped for x{scale} (shipped: "
                         f"{', '.join(have) or 'none'}). Learn one with 'Learn terrain "
                         "dictionary' and give it as DICTIONARY.")
    return path


def load_dictionary(path):
    """Read and check a dictionary file; InputError saying what is wrong otherwise."""
    hint = ("Use a .npz written by 'Learn terrain dictionary' (geoinverse:learndictionary) "
            "or leave DICTIONARY empty for the shipped one.")
    try:
        with np.load(path, allow_pickle=False) as npz:
            missing = [k for k in REQUIRED if k not in npz.files]
            if missing:
                raise InputError(f"{path} is not a GeoInverse terrain dictionary (missing "
                                 f"{', '.join(missing)}). {hint}")
            values = {k: npz[k] for k in REQUIRED}
            extra = {k: json.loads(str(npz[k])) for k in OPTIONAL if k in npz.files}
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as error:
        if isinstance(error, InputError):
            raise
        raise InputError(f"Cannot read the dictionary {path}: {error}. {hint}") from error
    scale, patch = int(values["scale"]), int(values["patch"])
    fine = (patch * scale) ** 2
    k, m = values["dict_low"].shape if values["dict_low"].ndim == 2 else (0, 0)
    if (scale not in SCALES or values["basis"].shape != (4 * fine, m)
            or values["dict_high"].shape != (k, fine) or k == 0):
        raise InputError(f"The dictionary {path} is inconsistent (scale {scale}, patch "
                         f"{patch}, arrays {values['basis'].shape}, "
                         f"{values['dict_low'].shape}, {values['dict_high'].shape}). {hint}")
    values["provenance"] = json.loads(str(values["provenance"]))
    d = Dictionary(**values)
    d.uncertainty, d.training_stats = extra.get("uncertainty"), extra.get("training_stats")
    return d


# -- the estimate, its features, back-projection ------------------------------------
def upsample_blocks(coarse, scale):
    """Each coarse cell repeated over its scale x scale block."""
    return np.repeat(np.repeat(coarse, scale, axis=0), scale, axis=1)


def back_project(fine, coarse, scale, iterations=BP_ITERATIONS):
    """Make blockmean(fine) reproduce `coarse` (Yang et al. 2010), ending exactly."""
    x = np.asarray(fine, np.float64)
    c = np.asarray(coarse, np.float64)
    for _ in range(iterations):
        x = x + bicubic_upsample(c - block_mean(x, scale), scale)
    return x + upsample_blocks(c - block_mean(x, scale).astype(np.float64), scale)


def initial_estimate(coarse, scale):
    """Bicubic upsampling, back-projected onto the coarse block means."""
    return back_project(bicubic_upsample(coarse, scale), coarse, scale)


def features(estimate):
    """(4, H, W): d/dx, d/dy, d2/dx2, d2/dy2 of the estimate (Zeyde's filters)."""
    p = np.pad(np.asarray(estimate, np.float64), 2, mode="reflect")
    c = p[2:-2, 2:-2]
    return np.stack([p[2:-2, 3:-1] - p[2:-2, 1:-3], p[3:-1, 2:-2] - p[1:-3, 2:-2],
                     p[2:-2, 4:] - 2 * c + p[2:-2, :-4], p[4:, 2:-2] - 2 * c + p[:-4, 2:-2]])


def margin_cells(patch):
    """Coarse cells of context a tile needs so tiled == one pass (see module doc)."""
    return 2 * 2 * (BP_ITERATIONS + 1) + patch + 2


# -- learning --------------------------------------------------------------------------
def training_patches(pairs, scale, patch, rng, limit):
    """Normalised feature rows and fine-detail rows from (coarse, fine) pairs.

    Patches touching nodata or without relief are skipped; at most `limit` patches, drawn
    evenly from every pair.
    """
    feats, details = [], []
    per_pair = max(1, limit // max(len(pairs), 1))
    fp = patch * scale
    for coarse, fine in pairs:
        if min(coarse.shape) < patch + 2 or np.isnan(fine).all():
            continue
        bad = np.isnan(fine)
        coarse = nearest_fill(np.asarray(coarse, np.float64))
        estimate = initial_estimate(coarse, scale)
        f, norms = project_patches(features(estimate), fp, scale)
        detail = extract_patches(np.where(bad, 0.0, fine) - estimate, fp, scale)
        ok = (norms > 1e-9 * (1.0 + np.nanmax(np.abs(fine))))
        ok &= ~extract_patches(bad, fp, scale).any(axis=1)
        take = np.flatnonzero(ok)
        take = rng.choice(take, min(per_pair, take.size), replace=False)
        feats.append(f[take])
        details.append(detail[take] / norms[take, None])
    if not feats or sum(len(f) for f in feats) == 0:
        raise InputError("The training grids give no usable patch (all nodata, flat, or "
                         f"smaller than {patch + 2} coarse cells).")
    return np.concatenate(feats), np.concatenate(details)


def learn(pairs, scale=2, atoms=256, patch=3, sparsity=3, samples=60000, iterations=15,
          tolerance=0.05, seed=0, provenance=None, progress=None, cancelled=None):
    """Learn a coupled dictionary from (coarse, fine) pairs; returns a Dictionary."""
    check_choice("SCALE", scale, SCALES)
    rng = np.random.default_rng(seed)
    feats, details = training_patches(pairs, scale, patch, rng, samples)
    if len(feats) < 2 * atoms:
        raise InputError(f"Only {len(feats)} usable training patches for {atoms} atoms; "
                         "give larger grids, more grids, or fewer atoms.")
    basis = pca_basis(feats, 0.999)
    z = feats @ basis
    z /= np.maximum(np.linalg.norm(z, axis=1, keepdims=True), 1e-12)
    d_low, idx, coef = learn_dictionary(z, atoms, sparsity, iterations, seed,
                                        progress=progress, cancelled=cancelled)
    check_cancel(cancelled)
    dense = codes_to_dense(idx, coef, atoms)
    gram = dense.T @ dense
    ridge = 1e-3 * np.trace(gram) / atoms
    d_high = np.linalg.solve(gram + ridge * np.eye(atoms), dense.T @ details)
    prov = {"method": "Zeyde et al. 2010 coupled dictionaries (OMP + MOD), "
                      "derivative features, back-projection",
            "created": datetime.datetime.now(datetime.timezone.utc).isoformat(
                timespec="seconds"),
            "training_patches": int(len(z)), "pca_components": int(basis.shape[1]),
            "iterations": int(iterations), "seed": int(seed)}
    prov.update(provenance or {})
    return Dictionary(scale, patch, sparsity, tolerance, basis, d_low, d_high,
                      atom_usage(idx, coef, atoms), prov)


# -- super-resolution ----------------------------------------------------------------
def code_patches(dictionary, coarse):
    """Estimate and sparse codes of every patch of a NaN-free coarse array.

    Returns (estimate, indices, coefs, norms): patches in row-major order of their
    top-left coarse cell; a patch without relief has norm 0 and no atom.
    """
    s, fp = dictionary.scale, dictionary.fine_patch
    estimate = initial_estimate(coarse, s)
    z, norms = project_patches(features(estimate), fp, s, dictionary.basis)
    zn = np.linalg.norm(z, axis=1, keepdims=True)
    z /= np.maximum(zn, 1e-12)
    flat = norms <= 1e-9 * (1.0 + np.abs(coarse).max())
    z[flat] = 0.0
    idx, coef = omp(dictionary.dict_low, z, dictionary.sparsity, dictionary.tolerance)
    return estimate, idx, coef, np.where(flat, 0.0, norms)


def super_resolve(coarse, dictionary, with_maps=False):
    """Super-resolve a coarse array (NaN = nodata) with a Dictionary.

    Returns the fine array (nodata where bicubic's 4 x 4 support touches nodata), or with
    `with_maps` a tuple (fine, patterns, sparsity): the dominant atom (1-based; 0 = a
    patch without relief) and the number of active atoms of the patch centred on each
    coarse cell, on the fine grid.
    """
    s, p = dictionary.scale, dictionary.patch
    raw = np.asarray(coarse, np.float32)
    mask = np.isnan(bicubic_upsample(raw, s))
    filled = nearest_fill(np.asarray(raw, np.float64))
    if min(filled.shape) < p:
        fine = initial_estimate(filled, s)
        maps = (np.zeros_like(fine), np.zeros_like(fine))
    else:
        estimate, idx, coef, norms = code_patches(dictionary, filled)
        detail = norms[:, None] * reconstruct(dictionary.dict_high, idx, coef)
        added = assemble_patches(detail, estimate.shape, dictionary.fine_patch, s)
        fine = back_project(estimate + np.nan_to_num(added), filled, s)
        maps = _maps(idx, coef, norms, filled.shape, p, s) if with_maps else None
    fine = np.where(mask, np.nan, fine).astype(np.float32)
    if not with_maps:
        return fine
    return (fine, *(np.where(mask, np.nan, m).astype(np.float32) for m in maps))


def _maps(idx, coef, norms, shape, patch, scale):
    ny, nx = shape[0] - patch + 1, shape[1] - patch + 1
    rows = np.arange(len(idx))
    dominant = idx[rows, np.argmax(np.abs(coef), axis=1)] + 1
    active = np.count_nonzero(coef, axis=1)
    dominant = np.where(norms > 0, dominant, 0)
    out = []
    for values in (dominant, active):
        grid = np.full(shape, np.nan)
        c = patch // 2
        grid[c:c + ny, c:c + nx] = values.reshape(ny, nx)
        if np.isnan(grid).any() and not np.isnan(grid).all():
            grid = nearest_fill(np.asarray(grid, np.float64))
        out.append(upsample_blocks(grid, scale))
    return out


def super_resolve_raster(src, dst, dictionary, band=1, *, scale=None, patterns=None,
                         sparsity=None, tile=DEFAULT_TILE, progress=None, cancelled=None,
                         uncertainty=None, provenance=None, input_provenance=None,
                         warn=None):
    """Sparse-coding super-resolution of one band of `src` into the float32 raster `dst`.

    `dictionary`: a Dictionary, a path, or None for the shipped one of `scale` (default
    2); `scale`, when given, must be the dictionary's.
    `patterns` / `sparsity`: optional paths for the per-patch maps.  Streams through the
    shared tiler; returns a dict of sizes, valid cells, atom usage, seconds.
    Trust layers (issue 18): `uncertainty`, `provenance`, `input_provenance`, a .bag
    `dst` and `warn` as in superres.super_resolve_raster; the calibration and training
    statistics are the dictionary's.
    """
    from .trust import Trust
    if dictionary is None:
        dictionary = shipped_dictionary_path(2 if scale is None else scale)
    d = dictionary if isinstance(dictionary, Dictionary) else load_dictionary(dictionary)
    if scale is not None and int(scale) != d.scale:
        raise InputError(f"The dictionary was learned for scale x{d.scale}, but x{scale} "
                         f"was asked for. Choose scale {d.scale}, or a dictionary learned "
                         f"for x{scale}.")
    s = d.scale
    trust = Trust(src, band, dst, uncertainty, provenance, input_provenance,
                  d.uncertainty, f"the dictionary {dictionary}", d.training_stats,
                  "the terrain dictionary", warn)
    maps = patterns is not None or sparsity is not None
    with contextlib.ExitStack() as outer, RasterReader(src, band) as reader:
        outer.callback(trust.close)
        trust.check_ood(reader)
        dst, sigma_path = outer.enter_context(trust.outputs(
            f"super-resolved x{s} by sparse coding"))
        nodata = output_nodata(reader.nodata)
        args = (reader.width * s, reader.height * s,
                scaled_geotransform(reader.geotransform, s), reader.crs_wkt)
        with contextlib.ExitStack() as stack:
            writers = writer_group(stack, *args, [(dst, nodata, reader.description),
                                                  (patterns, -1.0, None),
                                                  (sparsity, -1.0, None)])
            func = (lambda t: super_resolve(t, d, with_maps=True)) if maps else \
                (lambda t: super_resolve(t, d))
            margin = margin_cells(d.patch)
            if trust.layers:
                writers = (writers if maps else writers[:1]) + writer_group(
                    stack, *args, trust.specs(sigma_path))
                func = trust.sr_tile(func, s, margin)
            several = maps or trust.layers
            run = run_tiled(reader, func, writers if several else writers[0], scale=s,
                            margin=margin, tile=tile, progress=progress,
                            cancelled=cancelled, pass_tile=trust.layers)
            if run.valid_cells == 0:
                raise InputError(f"Band {band} of {src} holds only nodata; there is "
                                 "nothing to super-resolve.")
    return {"input_size": (reader.width, reader.height),
            "output_size": (reader.width * s, reader.height * s), "scale": s,
            "atoms": d.atoms, "valid_cells": run.valid_cells, "tiles": run.tiles,
            "seconds": run.seconds}


# -- learning from rasters, and the atoms sheet -----------------------------------------
def raster_pairs(paths, scale, band=1, window=512, max_windows=24, seed=0):
    """(block_mean(fine, scale), fine) pairs from windows of fine rasters.

    Small rasters give one window; large ones up to `max_windows` random windows, so
    memory stays bounded by the window size.
    """
    rng = np.random.default_rng(seed)
    pairs = []
    for path in paths:
        with RasterReader(path, band) as reader:
            tiles = plan_tiles(reader.width, reader.height, window)
            pick = rng.choice(len(tiles), min(max_windows, len(tiles)), replace=False)
            for i in sorted(pick):
                t = tiles[i]
                fine = reader.read(t.x0, t.y0, t.width, t.height).astype(np.float64)
                pairs.append(fine_pair(fine, scale))
    return pairs


def fine_pair(fine, scale):
    """(coarse, fine) with the fine grid cropped to whole blocks; NaN blocks stay NaN."""
    h, w = (fine.shape[0] // scale) * scale, (fine.shape[1] // scale) * scale
    fine = np.asarray(fine, np.float64)[:h, :w]
    return block_mean(fine, scale).astype(np.float64), fine


def learn_from_rasters(paths, output, scale=2, band=1, atoms=256, patch=3, sparsity=3,
                       samples=60000, iterations=15, sheet=None, progress=None,
                       cancelled=None):
    """Learn a dictionary from fine rasters, save it (and an atoms sheet PNG)."""
    if not paths:
        raise InputError("Give at least one high-resolution grid to learn from.")
    check_choice("SCALE", scale, SCALES)
    pairs = raster_pairs(paths, scale, band)
    prov = {"training_grids": [str(p) for p in paths], "band": int(band),
            "command": "geoinverse:learndictionary"}
    d = learn(pairs, scale, atoms, patch, sparsity, samples, iterations, provenance=prov,
              progress=progress, cancelled=cancelled)
    d.save(output)
    if sheet:
        atoms_sheet(d, sheet)
    return d


def atoms_sheet(dictionary, path, columns=16):
    """PNG of the fine atoms, hillshaded, most used first, with their usage counts."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ..figures import hillshade
    order = np.argsort(dictionary.usage)[::-1]
    fp = dictionary.fine_patch
    n = len(order)
    rows = int(np.ceil(n / columns))
    fig, axes = plt.subplots(rows, columns, figsize=(columns * 0.75, rows * 0.85 + 0.6),
                             squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for ax, k in zip(axes.flat, order):
        atom = dictionary.dict_high[k].reshape(fp, fp)
        # Each atom stretched to a relief of a third of its width, so its shape reads
        # in the shading whatever its (normalised) amplitude.
        span = float(np.ptp(atom)) or 1.0
        smooth = bicubic_upsample(((atom - atom.mean()) * (4 * fp / 3 / span))
                                  .astype(np.float32), 4)
        ax.imshow(smooth, cmap="terrain", interpolation="bilinear")
        ax.imshow(hillshade(smooth), cmap="gray", vmin=0, vmax=1, alpha=0.6,
                  interpolation="bilinear")
        ax.set_title(f"{k + 1}: {dictionary.usage[k]}", fontsize=5)
    fig.suptitle(f"Terrain dictionary x{dictionary.scale}: {n} atoms "
                 f"({fp} x {fp} fine cells), hillshaded, by usage (atom: patches)",
                 fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return str(path)
