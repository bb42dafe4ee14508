"""Block transforms and shrinkage shared by the sparse grid methods (one implementation).

Used by gap filling (`bathymetry/gapfill.dct_refine`, sparse DCT inpainting after Fuse &
Imose 2023) and by denoising (`bathymetry/denoise`, transform-domain shrinkage).

- Windows: a grid is cut into ``block`` x ``block`` windows on a lattice anchored at the
  raster's global cell (0, 0) (an array's ``origin`` is its global offset), so a window
  holds the same cells whatever tile the array was read in: results do not depend on the
  tiling.  A ``shift`` moves the lattice by (sy, sx) cells; `tilings` lists the shifted
  lattices of a translation-invariant transform.
- Transform: the orthonormal 2-D DCT-II of each window (`forward` / `inverse`).
- Cycle spinning (Coifman & Donoho 1995, "Translation-invariant de-noising", in Wavelets
  and Statistics, Springer LNS 103:125): shrink the coefficients on every shifted lattice
  and average the reconstructions (`cycle_spin`), which removes the blocking artefacts of
  one fixed lattice.
- Shrinkage (`shrink`): hard, soft (Donoho & Johnstone 1994, "Ideal spatial adaptation by
  wavelet shrinkage", Biometrika 81(3):425) and non-negative garrote (Gao 1998, J. Comput.
  Graph. Stat. 7(4):469) thresholding, with the universal threshold sigma * sqrt(2 ln n)
  of Donoho & Johnstone for a window of n coefficients (`universal_threshold`).
"""
from __future__ import annotations

import math

import numpy as np

from .errors import check_choice

SHRINKAGE = ("hard", "soft", "garrote")


class WindowTiling:
    """One lattice of `block` x `block` windows covering an array of `shape` whose first
    cell is global cell `origin`; windows start on global rows/columns = shift (mod block).
    The array is padded (before/after) to whole windows: `pad`, `ny` x `nx` windows."""

    def __init__(self, shape, origin=(0, 0), block=16, shift=(0, 0)):
        h, w = shape
        self.shape = (h, w)
        self.block = block
        y0 = -((origin[0] - shift[0]) % block)
        x0 = -((origin[1] - shift[1]) % block)
        self.ny = -(-(h - y0) // block)
        self.nx = -(-(w - x0) // block)
        self.pad = ((-y0, self.ny * block - h + y0), (-x0, self.nx * block - w + x0))

    def windows(self, array, mode="edge", **kwargs):
        """The padded array as (ny, block, nx, block)."""
        b = self.block
        return np.pad(array, self.pad, mode=mode, **kwargs).reshape(self.ny, b, self.nx, b)

    def any(self, mask):
        """Per window: does it hold a True cell of `mask`? (ny, nx)."""
        return np.pad(mask, self.pad).reshape(self.ny, self.block, self.nx,
                                              self.block).any(axis=(1, 3))

    def crop(self, grid):
        """A (ny, block, nx, block) grid back to the array's shape."""
        (py0, _), (px0, _) = self.pad
        h, w = self.shape
        return grid.reshape(self.ny * self.block, self.nx * self.block)[py0:py0 + h,
                                                                        px0:px0 + w]

    def centres(self):
        """Array coordinates (rows, columns) of the window centres."""
        half = (self.block - 1) / 2.0
        ys = np.arange(self.ny) * self.block - self.pad[0][0] + half
        xs = np.arange(self.nx) * self.block - self.pad[1][0] + half
        return ys, xs


def tilings(shape, origin=(0, 0), block=16, step=None):
    """The lattices of a cycle-spun transform: shifts 0, step, 2 step... < block in each
    direction (row shift outer), `step` = block gives one lattice."""
    step = block if step is None else step
    return [WindowTiling(shape, origin, block, (sy, sx))
            for sy in range(0, block, step) for sx in range(0, block, step)]


def dct_matrix(n, dtype=np.float64):
    """The orthonormal DCT-II matrix of size n (rows: frequencies)."""
    k = np.arange(n)
    c = np.sqrt(2.0 / n) * np.cos(np.pi * (2 * k[None, :] + 1) * k[:, None] / (2 * n))
    c[0] /= np.sqrt(2.0)
    return c.astype(dtype)


def _separable(blocks, matrix):
    """matrix @ block @ matrix.T for every block over the last two axes: one BLAS
    product of the stacked, flattened blocks with the Kronecker matrix (much faster
    than many tiny transforms)."""
    n = matrix.shape[0]
    flat = np.ascontiguousarray(blocks).reshape(-1, n * n)
    kron = np.kron(matrix, matrix)
    return (flat @ kron.T).reshape(blocks.shape)


def _small_square(blocks):
    return blocks.ndim >= 2 and blocks.shape[-1] == blocks.shape[-2] <= 16 and \
        blocks.dtype in (np.float32, np.float64)


def forward(blocks):
    """Orthonormal 2-D DCT-II over the last two axes, in the blocks' float precision
    (float32 stays float32); small square blocks as one matrix product."""
    if not _small_square(blocks):
        from scipy.fft import dctn
        return dctn(blocks, axes=(-2, -1), norm="ortho")
    return _separable(blocks, dct_matrix(blocks.shape[-1], blocks.dtype))


def inverse(coef):
    """Inverse of `forward`."""
    if not _small_square(coef):
        from scipy.fft import idctn
        return idctn(coef, axes=(-2, -1), norm="ortho")
    return _separable(coef, dct_matrix(coef.shape[-1], coef.dtype).T)


def universal_threshold(sigma, n):
    """Donoho & Johnstone's universal threshold for n coefficients of noise level sigma."""
    return sigma * math.sqrt(2.0 * math.log(n))


def shrink(coef, threshold, kind="hard", keep_dc=True):
    """Thresholded copy of window coefficients (..., b, b); `threshold` broadcasts
    against them (e.g. one value per window, shape (..., 1, 1)).  The DC coefficient
    (the window mean) is kept with `keep_dc`."""
    check_choice("shrinkage", kind, SHRINKAGE)
    mag = np.abs(coef)
    t = np.broadcast_to(threshold, coef.shape)
    if kind == "hard":
        out = np.where(mag > t, coef, 0.0)
    elif kind == "soft":
        out = np.sign(coef) * np.maximum(mag - t, 0.0)
    else:
        out = np.where(mag > t, coef - t * t / np.where(mag > 0, coef, 1.0), 0.0)
    if keep_dc:
        out[..., 0, 0] = coef[..., 0, 0]
    return out


def cycle_spin(array, shrink_windows, origin=(0, 0), block=8, step=1):
    """Translation-invariant transform-domain estimate of `array` (finite values).

    On every shifted lattice of `tilings`, each window's DCT coefficients (shape
    (ny, nx, block, block)) go through ``shrink_windows(coef, tiling)``, which returns
    the coefficients to keep; the inverse transforms are averaged over the lattices."""
    acc = np.zeros(array.shape)
    lattices = tilings(array.shape, origin, block, step)
    for t in lattices:
        coef = forward(t.windows(array).transpose(0, 2, 1, 3))
        rec = inverse(shrink_windows(coef, t))
        acc += t.crop(rec.transpose(0, 2, 1, 3))
    return acc / len(lattices)


def nearest_fill(z):
    """z with every NaN replaced by its nearest finite value (so no window sees a NaN)."""
    gaps = np.isnan(z)
    if not gaps.any():
        return z.copy()
    from scipy import ndimage
    idx = ndimage.distance_transform_edt(gaps, return_distances=False, return_indices=True)
    return z[idx[0], idx[1]]
