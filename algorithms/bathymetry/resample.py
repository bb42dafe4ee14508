"""Bicubic upsampling: the baseline every super-resolution method is measured against.

Keys' cubic convolution (R. G. Keys 1981, "Cubic convolution interpolation for digital
image processing", IEEE Trans. ASSP 29(6):1153) with a = -0.5, the kernel GDAL's
`-r cubic` uses.  Output pixel centres sit at input pixel coordinates
u = (i + 0.5) / scale - 0.5, so the output keeps the input's origin and divides its pixel
size by the scale.

Nodata: an output pixel is nodata exactly when a cell with non-zero weight in its 4 x 4
support is nodata.  Taps whose weight is zero (the phase that falls on an input cell
centre when the scale is odd) are left out, so a hole never widens beyond the true
support and no NaN poisons valid neighbours.
"""
from __future__ import annotations

import math

import numpy as np

from ..errors import InputError, check_choice
from ..raster import RasterReader, RasterWriter, output_nodata, scaled_geotransform
from ..tiling import DEFAULT_TILE, reflect_pad, run_tiled

SCALES = (2, 3, 4, 8)
KEYS_A = -0.5
MARGIN = 2  # the 4-tap kernel reaches two input cells beyond the output's cell


def keys_kernel(x, a=KEYS_A):
    """Keys' cubic convolution kernel at distance x (in input cells)."""
    x = abs(x)
    if x <= 1:
        return (a + 2) * x ** 3 - (a + 3) * x ** 2 + 1
    if x < 2:
        return a * x ** 3 - 5 * a * x ** 2 + 8 * a * x - 4 * a
    return 0.0


def phase_taps(scale):
    """For each output phase p: [(offset, weight), ...] over input cells, zero taps removed.

    Output cell i*scale + p draws on input cells i + offset.
    """
    taps = []
    for p in range(scale):
        u = (p + 0.5) / scale - 0.5
        k = math.floor(u)
        t = u - k
        row = []
        for off in (-1, 0, 1, 2):
            w = keys_kernel(t - off)
            if abs(w) > 1e-12:
                row.append((k + off, w))
        taps.append(row)
    return taps


def _upsample_axis(a, scale, axis):
    """Upsample along one axis of an array already padded by MARGIN on that axis."""
    n = a.shape[axis] - 2 * MARGIN
    out_shape = list(a.shape)
    out_shape[axis] = n * scale
    out = np.empty(out_shape, dtype=np.float64)
    for p, taps in enumerate(phase_taps(scale)):
        acc = None
        for off, w in taps:
            sl = [slice(None)] * a.ndim
            sl[axis] = slice(MARGIN + off, MARGIN + off + n)
            term = w * a[tuple(sl)]
            acc = term if acc is None else acc + term
        dst = [slice(None)] * a.ndim
        dst[axis] = slice(p, None, scale)
        out[tuple(dst)] = acc
    return out


def bicubic_padded(padded, scale):
    """Bicubic upsampling of an array that already carries MARGIN cells of context.

    Returns (H - 2*MARGIN) * scale x (W - 2*MARGIN) * scale values.
    """
    a = np.asarray(padded, dtype=np.float64)
    x = _upsample_axis(a, scale, axis=1)
    y = _upsample_axis(x, scale, axis=0)
    return y.astype(np.float32)


def bicubic_upsample(array, scale):
    """Bicubic upsampling of a whole array, reflect-padded at its edges (NaN = nodata)."""
    check_choice("SCALE", scale, SCALES)
    padded = reflect_pad(np.asarray(array, dtype=np.float32), MARGIN, MARGIN, MARGIN, MARGIN)
    return bicubic_padded(padded, scale)


def upsample_raster(src, dst, scale=2, band=1, *, tile=DEFAULT_TILE, progress=None,
                    cancelled=None):
    """Bicubic-upsample one band of the raster `src` into the float32 raster `dst`.

    Returns a dict of what a user wants to know (sizes, valid cells, seconds).
    """
    check_choice("SCALE", scale, SCALES)
    with RasterReader(src, band) as reader:
        nodata = output_nodata(reader.nodata)
        with RasterWriter(dst, reader.width * scale, reader.height * scale,
                          scaled_geotransform(reader.geotransform, scale), reader.crs_wkt,
                          nodata, reader.description) as writer:
            run = run_tiled(reader, lambda padded: bicubic_padded(padded, scale), writer, scale=scale,
                            margin=MARGIN, tile=tile, progress=progress, cancelled=cancelled)
            if run.valid_cells == 0:
                raise InputError(f"Band {band} of {src} holds only nodata; there is "
                                 "nothing to upsample.")
        return {"input_size": (reader.width, reader.height),
                "output_size": (reader.width * scale, reader.height * scale),
                "valid_cells": run.valid_cells, "tiles": run.tiles, "seconds": run.seconds}


def block_mean(array, scale):
    """Mean of each scale x scale block: what a coarser grid of the same survey looks like.

    A block with any nodata cell is nodata; trailing rows/columns that do not fill a
    block are dropped.  Super-resolution training and benchmarks make their coarse
    inputs with this.
    """
    a = np.asarray(array, dtype=np.float64)
    h, w = (a.shape[0] // scale) * scale, (a.shape[1] // scale) * scale
    blocks = a[:h, :w].reshape(h // scale, scale, w // scale, scale)
    return blocks.mean(axis=(1, 3)).astype(np.float32)


def block_mean_raster(src, dst, scale=2, band=1):
    """Write the block-mean coarse version of a (small) grid, georeferenced to match."""
    from ..raster import read_array, write_array
    array, gt, crs, nodata = read_array(src, band)
    check_choice("SCALE", scale, SCALES)
    coarse_gt = None if gt is None else (gt[0], gt[1] * scale, 0.0, gt[3], 0.0, gt[5] * scale)
    return write_array(dst, block_mean(array, scale), coarse_gt, crs, output_nodata(nodata))
