"""Features of a sounding in its swath: its own ping, the pings around it, its beam.

An editor looking at a multibeam swath judges a beam against the across-track profile
of its ping (a spike, a detached outer-beam tail, a refraction "smile") and against the
same beam in the pings before and after it (a burst that lasts a few pings), and knows
where in the swath the beam is (outer beams are noisier; one side may be bad for a
whole line).  These features give a taught classifier the same view:

- ping profile: the depth minus a running median over +/- `NARROW` beams of the same
  ping, the beam itself left out (a robust across-track profile), in metres and over the profile's running median
  absolute deviation; the same against a wide running median (+/- `WIDE` beams), which
  a block of bad outer beams cannot take over as easily;
- neighbouring pings: the depth minus the median of the same beam in the `PINGS` pings
  on either side (itself left out), in metres and over their spread;
- position in the swath: the signed across-track distance, its ratio to the depth (the
  obliquity, scale-free across depths), the beam angle, and the beam's place between
  the port (-1) and starboard (+1) ends of the ping;
- roughness: the ping profile's running median absolute deviation and the spread of
  the neighbouring pings (over the depth), and the mean |profile residual| over a block
  of +/- `BLOCK` pings x beams around the beam, over the depth and over that beam's
  typical block roughness along the whole line: an editor rejects a stretch of outer
  beams because the stretch is noisy, even where one beam of it happens to look fine.

All are computed at once on a pings x beams array (NaN where a beam is missing), with
running medians over sliding windows; no Python loop runs per ping or per beam.
"""
from __future__ import annotations

import warnings

import numpy as np

NARROW = 5
WIDE = 20
PINGS = 2
BLOCK = 5
SWATH_FEATURES = ["ping_residual", "ping_residual_over_mad", "ping_wide_residual",
                  "ping_wide_residual_over_depth", "pings_residual",
                  "pings_residual_over_spread", "across_track", "across_over_depth",
                  "beam_angle", "beam_position", "ping_mad_over_depth",
                  "pings_spread_over_depth", "block_roughness_over_depth",
                  "block_roughness_over_beam_typical"]
SWATH_INPUTS = ("ping", "beam", "across", "angle")


def _running_median(grid, half, axis, leave_out=False):
    """Median over a centred window of 2 half + 1 along `axis`, ignoring NaN.

    With `leave_out` the centre itself is left out, so a spike does not shift the
    median of a sloping profile it sits on by one rank."""
    pad = [(0, 0), (0, 0)]
    pad[axis] = (half, half)
    padded = np.pad(grid, pad, constant_values=np.nan)
    windows = np.lib.stride_tricks.sliding_window_view(padded, 2 * half + 1, axis=axis)
    if leave_out:
        windows = windows.copy()
        windows[..., half] = np.nan
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nanmedian(windows, axis=-1)


def _others_median(grid, half):
    """Median of the same beam in the `half` pings on either side, itself left out."""
    padded = np.pad(grid, [(half, half), (0, 0)], constant_values=np.nan)
    windows = np.lib.stride_tricks.sliding_window_view(padded, 2 * half + 1, axis=0).copy()
    windows[..., half] = np.nan
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        med = np.nanmedian(windows, axis=-1)
        spread = np.nanmedian(np.abs(windows - med[..., None]), axis=-1)
    return med, spread


def _box_mean(grid, half):
    """Mean of the finite values in a (2 half + 1)^2 box around each cell (NaN: none)."""
    from scipy.ndimage import uniform_filter
    finite = np.isfinite(grid)
    size = 2 * half + 1
    total = uniform_filter(np.where(finite, grid, 0.0), size, mode="constant")
    count = uniform_filter(finite.astype(float), size, mode="constant")
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / count, np.nan)


def swath_features(depth, ping, beam, across, angle):
    """{name: column} of SWATH_FEATURES for soundings with ping and beam numbers."""
    depth = np.asarray(depth, dtype=float)
    ping = np.asarray(ping, dtype=float)
    beam = np.asarray(beam, dtype=float)
    across = np.nan_to_num(np.asarray(across, dtype=float), nan=0.0)
    angle = np.nan_to_num(np.asarray(angle, dtype=float), nan=0.0)
    known = np.isfinite(ping) & np.isfinite(beam)
    rows = np.zeros(len(depth), dtype=np.int64)
    cols = np.zeros(len(depth), dtype=np.int64)
    if known.any():
        _, rows[known] = np.unique(ping[known], return_inverse=True)
        b = beam[known].astype(np.int64)
        cols[known] = b - b.min()
    shape = (int(rows.max()) + 1, int(cols.max()) + 1)
    grid = np.full(shape, np.nan)
    grid[rows[known], cols[known]] = depth[known]
    narrow = _running_median(grid, NARROW, 1, leave_out=True)
    resid = grid - narrow
    mad = _running_median(np.abs(resid), NARROW, 1)
    wide = _running_median(grid, WIDE, 1, leave_out=True)
    others, spread = _others_median(grid, PINGS)
    # the ping's extent in beams: its first and last beam with a depth
    present = np.isfinite(grid)
    first = np.argmax(present, axis=1)
    last = shape[1] - 1 - np.argmax(present[:, ::-1], axis=1)
    centre, half = (first + last) / 2.0, np.maximum((last - first) / 2.0, 1.0)
    at = (rows[known], cols[known])
    absdepth = np.maximum(np.abs(depth), 1e-3)

    def per_sounding(values, fill=0.0):
        out = np.full(len(depth), fill)
        out[known] = values[at]
        return np.nan_to_num(out, nan=fill)

    ping_res = per_sounding(resid)
    wide_res = per_sounding(grid - wide)
    pings_res = per_sounding(grid - others)
    block = _box_mean(np.abs(resid), BLOCK)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        typical = np.nanmedian(block, axis=0)
    return {
        "ping_mad_over_depth": per_sounding(mad) / absdepth,
        "pings_spread_over_depth": per_sounding(spread) / absdepth,
        "block_roughness_over_depth": per_sounding(block) / absdepth,
        "block_roughness_over_beam_typical": per_sounding(
            block / np.maximum(typical[None, :], 1e-6), 1.0),
        "ping_residual": ping_res,
        "ping_residual_over_mad": ping_res / np.maximum(per_sounding(mad), 1e-3),
        "ping_wide_residual": wide_res,
        "ping_wide_residual_over_depth": wide_res / absdepth,
        "pings_residual": pings_res,
        "pings_residual_over_spread": pings_res / np.maximum(per_sounding(spread), 1e-3),
        "across_track": across,
        "across_over_depth": across / absdepth,
        "beam_angle": angle,
        "beam_position": per_sounding((np.arange(shape[1])[None, :] - centre[:, None])
                                      / half[:, None]),
    }
