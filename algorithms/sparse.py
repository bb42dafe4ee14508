"""Sparse representation machinery shared by every GeoInverse sparse method.

This is the one implementation of patch handling, sparse coding and dictionary
learning in GeoInverse: sparse-coding super-resolution (bathymetry/sparse_sr.py), gap
filling by sparse inpainting and denoising use these functions rather than their own.

- Patches: `extract_patches` cuts every `size` x `size` patch on a regular `step` grid of
  one or more stacked channels into the rows of a matrix (im2col, a strided view, no
  copy until the reshape); `assemble_patches` puts rows back by overlap-add averaging.
  Both loop only over the size x size offsets inside a patch, never over patches.
- Sparse coding: `omp` is a batched orthogonal matching pursuit (Pati, Rezaiifar &
  Krishnaprasad 1993) in the Gram form of Rubinstein, Zibulevsky & Elad (2008, "Efficient
  implementation of the K-SVD algorithm using batch orthogonal matching pursuit",
  Technion CS-2008-08): each greedy step computes the correlations of a whole batch of
  patches with every atom by one matrix product, selects one atom for every patch at
  once, and solves all the small least-squares systems (their normal equations from the
  Gram matrix) with one stacked `numpy.linalg.solve`.
  It stops per patch at `sparsity` atoms or when the residual falls below `tolerance`
  times the patch norm.
- Dictionary learning: `learn_dictionary` alternates batched OMP with the Method of
  Optimal Directions (Engan, Aase & Husoy 1999): the dictionary that minimises
  ||X - C D||_F for fixed codes is one regularised least-squares solve, so an iteration
  costs two matrix products, not a loop over atoms as K-SVD's SVD updates do.  Atoms
  that no patch uses are replaced by the worst-represented patches.
- `pca_basis`: the principal axes holding a fraction of the energy (Zeyde, Elad &
  Protter 2010 reduce their features this way before learning).

Dictionaries are stored one atom per row (K x d); codes are (n x K) or, as returned by
`omp`, the (n x L) atom indices and coefficients of the L selected atoms.
"""
from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

# Patches coded per batch: bounds the (n, L, K) Gram rows gathered by `omp`.
OMP_BATCH = 16384


def patch_grid(shape, size, step):
    """Number of patch positions (rows, cols) of a `size` patch at `step` in `shape`."""
    h, w = shape[-2:]
    if h < size or w < size:
        return 0, 0
    return (h - size) // step + 1, (w - size) // step + 1


def extract_patches(channels, size, step=1):
    """Rows of a matrix: every size x size patch at `step` of each channel, concatenated.

    `channels` is (H, W) or (C, H, W); returns (n_rows * n_cols, C * size * size) with
    patches in row-major order of their top-left corner (0, 0), (0, step), ...
    """
    a = np.asarray(channels)
    if a.ndim == 2:
        a = a[None]
    windows = sliding_window_view(a, (size, size), axis=(1, 2))[:, ::step, ::step]
    c, ny, nx = windows.shape[:3]
    return windows.transpose(1, 2, 0, 3, 4).reshape(ny * nx, c * size * size)


def assemble_patches(rows, shape, size, step=1, weights=None):
    """Overlap-add averaging of patch rows (one channel) back into an array of `shape`.

    Cells that no patch covers are NaN.  `weights` (one per patch) weight each patch's
    vote; by default every patch counts once.
    """
    ny, nx = patch_grid(shape, size, step)
    patches = np.asarray(rows, dtype=np.float64).reshape(ny, nx, size, size)
    w = np.ones((ny, nx)) if weights is None else np.asarray(weights, float).reshape(ny, nx)
    total = np.zeros(shape)
    count = np.zeros(shape)
    span_y, span_x = (ny - 1) * step + 1, (nx - 1) * step + 1
    for i in range(size):
        for j in range(size):
            total[i:i + span_y:step, j:j + span_x:step] += w * patches[:, :, i, j]
            count[i:i + span_y:step, j:j + span_x:step] += w
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / count, np.nan)


def normalise_atoms(dictionary):
    """Atoms (rows) scaled to unit length; an all-zero atom stays zero."""
    d = np.asarray(dictionary, dtype=np.float64)
    norms = np.linalg.norm(d, axis=1, keepdims=True)
    return d / np.where(norms > 0, norms, 1.0)


def omp(dictionary, signals, sparsity, tolerance=0.0, batch=OMP_BATCH, gram=None):
    """Batched orthogonal matching pursuit.

    dictionary: (K, d) unit-norm atoms; signals: (n, d).  Returns (indices, coefs), both
    (n, sparsity): the atoms chosen in order and their least-squares coefficients.  A
    patch that reaches `tolerance` * ||x|| residual (or is zero) stops early: its unused
    slots have coefficient 0 (their index repeats its first atom).
    """
    d = np.asarray(dictionary, dtype=np.float64)
    x = np.asarray(signals, dtype=np.float64)
    g = d @ d.T if gram is None else gram
    n = x.shape[0]
    idx = np.zeros((n, sparsity), dtype=np.int64)
    coef = np.zeros((n, sparsity))
    for lo in range(0, n, batch):
        sl = slice(lo, min(lo + batch, n))
        idx[sl], coef[sl] = _omp_batch(d, g, x[sl], sparsity, tolerance)
    return idx, coef


def _omp_batch(d, g, x, sparsity, tolerance):
    n = x.shape[0]
    d32t = d.T.astype(np.float32)
    # Correlations only choose atoms: float32 halves the cost of the big products.  The
    # coefficients come from float64 projections and the Gram matrix.
    alpha = x.astype(np.float32) @ d32t
    energy = np.einsum("ij,ij->i", x, x)
    limit = (tolerance ** 2) * energy
    idx = np.zeros((n, sparsity), dtype=np.int64)
    coef = np.zeros((n, sparsity))
    b = np.zeros((n, sparsity))
    live = energy > 0
    rows = np.arange(n)
    for k in range(sparsity):
        pick = np.argmax(np.abs(alpha), axis=1)
        idx[:, k] = np.where(live, pick, idx[:, 0])
        sel = idx[:, :k + 1]
        b[:, k] = np.einsum("nd,nd->n", x, d[idx[:, k]])
        gs = g[sel[:, :, None], sel[:, None, :]] + 1e-12 * np.eye(k + 1)
        c = np.linalg.solve(gs, b[:, :k + 1, None])[:, :, 0]
        new = np.zeros((n, sparsity))
        new[:, :k + 1] = c
        coef = np.where(live[:, None], new, coef)
        residual = energy - np.einsum("ij,ij->i", c, b[:, :k + 1])
        live &= residual > limit
        if k + 1 < sparsity and live.any():
            # Correlations of the residual: one matrix product (features are short, so
            # this beats the Gram update alpha0 - G[sel]^T c, which gathers n x K rows).
            r = x - np.einsum("nk,nkd->nd", c, d[sel])
            alpha = r.astype(np.float32) @ d32t
            alpha[rows[:, None], sel] = 0.0   # never pick an atom twice
    return idx, coef


def codes_to_dense(indices, coefs, atoms):
    """(n, K) code matrix from `omp`'s indices and coefficients."""
    n = indices.shape[0]
    dense = np.zeros((n, atoms))
    np.add.at(dense, (np.repeat(np.arange(n), indices.shape[1]), indices.ravel()),
              coefs.ravel())
    return dense


def reconstruct(dictionary, indices, coefs):
    """Signals (n, d) from `omp`'s codes over a (K, d) dictionary, no dense codes."""
    d = np.asarray(dictionary, dtype=np.float64)
    return np.einsum("nl,nld->nd", coefs, d[indices])


def pca_basis(samples, energy=0.999, max_components=None):
    """(d, m) orthonormal principal axes of `samples` (n, d) holding `energy` of it.

    The samples are not centred: features here are already zero-mean by construction
    (derivatives), and keeping the origin keeps the projection linear and scale-free.
    """
    x = np.asarray(samples, dtype=np.float64)
    cov = x.T @ x / max(len(x), 1)
    values, vectors = np.linalg.eigh(cov)
    order = np.argsort(values)[::-1]
    values, vectors = np.clip(values[order], 0, None), vectors[:, order]
    cumulative = np.cumsum(values) / max(values.sum(), 1e-300)
    m = int(np.searchsorted(cumulative, energy) + 1)
    if max_components:
        m = min(m, int(max_components))
    return vectors[:, :max(m, 1)]


def learn_dictionary(samples, atoms, sparsity, iterations=20, seed=0, progress=None,
                     cancelled=None):
    """Learn K = `atoms` unit-norm atoms for `samples` (n, d) by OMP + MOD.

    Returns (dictionary (K, d), indices, coefs): the codes of the samples over the final
    dictionary.  `progress(fraction)` after each iteration; `cancelled()` polled before.
    """
    from .tiling import check_cancel
    x = np.asarray(samples, dtype=np.float64)
    rng = np.random.default_rng(seed)
    if len(x) < atoms:
        raise ValueError(f"{len(x)} training patches cannot fit {atoms} atoms.")
    d = normalise_atoms(x[rng.choice(len(x), atoms, replace=False)])
    for it in range(iterations):
        check_cancel(cancelled)
        idx, coef = omp(d, x, sparsity)
        c = codes_to_dense(idx, coef, atoms)
        gram = c.T @ c
        used = np.diag(gram) > 0
        ridge = 1e-6 * np.trace(gram) / atoms
        d_new = np.linalg.solve(gram + ridge * np.eye(atoms), c.T @ x)
        d = np.where(used[:, None], normalise_atoms(d_new), d)
        unused = np.flatnonzero(~used | (np.linalg.norm(d, axis=1) == 0))
        if unused.size:
            r = x - reconstruct(d, idx, coef)
            err = np.einsum("ij,ij->i", r, r)
            worst = np.argsort(err)[::-1][:unused.size]
            d[unused] = normalise_atoms(x[worst])
        if progress is not None:
            progress((it + 1) / iterations)
    idx, coef = omp(d, x, sparsity)
    return d, idx, coef


def atom_usage(indices, coefs, atoms):
    """How many patches use each atom (non-zero coefficient)."""
    used = indices[coefs != 0]
    return np.bincount(used.ravel(), minlength=atoms)


def project_patches(channels, size, step, basis=None, rows_per_chunk=32):
    """Patch rows of `channels` and their norms, projected on `basis` chunk by chunk.

    Returns (features (n, m), norms (n,)): each patch (all channels) divided by its norm
    and multiplied by the (C*size*size, m) `basis` (no projection when None).  Rows of
    patches are extracted `rows_per_chunk` at a time so the full patch matrix
    (n x C*size*size) never exists at once.  A zero patch gives a zero feature.
    """
    a = np.asarray(channels)
    if a.ndim == 2:
        a = a[None]
    ny, nx = patch_grid(a.shape, size, step)
    width = a.shape[0] * size * size if basis is None else basis.shape[1]
    out = np.empty((ny * nx, width))
    norms = np.empty(ny * nx)
    for r0 in range(0, ny, rows_per_chunk):
        r1 = min(r0 + rows_per_chunk, ny)
        block = extract_patches(a[:, r0 * step:(r1 - 1) * step + size], size, step)
        block = block.astype(np.float64)
        nrm = np.sqrt(np.einsum("ij,ij->i", block, block))
        block /= np.where(nrm > 0, nrm, 1.0)[:, None]
        out[r0 * nx:r1 * nx] = block if basis is None else block @ basis
        norms[r0 * nx:r1 * nx] = nrm
    return out, norms
