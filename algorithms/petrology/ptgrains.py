"""P-T paths from garnet compositions sampled densely: a measured profile, or many grains
on quantified 2-D maps, with the matrix (biotite, plagioclase) given by the user.

A point is one garnet analysis (a profile step, a map pixel) with its position r along
the growth of its grain (0 core, 1 rim) and its group (a half of a rim-to-rim profile, a
grain).  Points are pooled into N growth zones of the path: a point of group g at r lies
at path position t = s_g + (1 - s_g) r, s_g the group's nucleation offset (0 when every
grain nucleated at the start), and zone floor(N t).

Each (zone, group) cell gives one equilibrium row per calibration (a line in P-T, as in
ptpath.py) from its points: the mean of the points' rows, with an observation error
(the `analytic` sigma of ptpath's model) equal to the standard error of that mean, the
points' scatter estimated from successive differences along r (so a zoning trend inside
the cell does not count as noise) and pooled over the cells where a cell has fewer than
3 points.  A noisy stretch of a profile therefore weighs less and its zones get wider
intervals.  On top of it, ptpath's scatter hyperparameter per calibration (cell-to-cell
and grain-to-grain disequilibrium) and its Gaussian Markov random field prior over the
zones; the MAP path and the posterior samples come from ptpath (exact evidence).

Assumptions that are ours, printed with every output: the matrix compositions are the
user's and the same for every zone (no inclusions), all Fe is Fe2+, the garnet grew in
equilibrium with that matrix, and r is a proxy of growth time (normalised distance from
the core, or a zoning-element contour).

Nucleation offsets (OFFSETS): "none" (s_g = 0), "size" (interface-controlled growth at
one radial rate: a grain of core-to-rim distance R_g started when the largest, R_max,
had grown R_max - R_g: s_g = 1 - R_g / R_max), "fit" (s_g on a grid of 0..0.7 in 0.05
chosen by the model evidence, one grain at a time, two sweeps, the largest grain fixed
at 0; then the hyperparameters are maximised again).
"""
from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass, field

import numpy as np

from ..errors import InputError, check_choice
from . import mineral, ptpath
from .thermobarometry import KELVIN, calibration

ORIENTATIONS = ("rim-to-rim", "core-to-rim", "rim-to-core")
ZONINGS = ("distance", "contour")
OFFSETS = ("none", "size", "fit")
OFFSET_GRID = np.round(np.arange(0.0, 0.701, 0.05), 2)
DEFAULT_ZONES = 30
END_MEMBERS = {"xalm": "Fe2", "xprp": "Mg", "xgrs": "Ca", "xsps": "Mn"}


@dataclass
class Points:
    """Garnet analyses: apfu arrays (Fe2, Mg, Ca, Mn, ...), position r in [0, 1] along
    the growth of their group (0 core), and group index."""
    apfu: dict
    r: np.ndarray
    group: np.ndarray
    groups: list                      # one dict per group (label and what is known)
    notes: list = field(default_factory=list)


# -- the matrix --------------------------------------------------------------------
def parse_matrix(text, phase):
    """A matrix mineral from 'NAME=value, ...': oxides in wt% (SiO2=35.1, FeO=20.2, ...),
    cations in apfu (Fe=1.3, Mg=1.2, ...), or the shortcuts An=0.3 (plagioclase X_An)
    and XMg=0.45 (biotite Mg/(Mg+Fe), on 2.6 octahedral Fe+Mg). Returns apfu."""
    items = {}
    for part in filter(None, (s.strip() for s in (text or "").split(","))):
        if "=" not in part:
            raise InputError(f"Matrix {phase}: '{part}' is not NAME=value (e.g. "
                             f"{'An=0.3' if phase == 'pl' else 'XMg=0.45'}).")
        key, value = (s.strip() for s in part.split("=", 1))
        try:
            items[key] = float(value)
        except ValueError:
            raise InputError(f"Matrix {phase}: '{value}' ({key}) is not a number.") from None
        if items[key] < 0:
            raise InputError(f"Matrix {phase}: {key} = {value} is negative.")
    if not items:
        raise InputError(f"Give the matrix {'plagioclase' if phase == 'pl' else 'biotite'} "
                         "composition (e.g. " + ("An=0.3" if phase == "pl" else "XMg=0.45")
                         + ", or oxide wt%, or apfu).")
    if phase == "pl" and set(items) == {"An"}:
        if not 0 < items["An"] <= 1:
            raise InputError(f"Matrix plagioclase: An must be in (0, 1] (got {items['An']}).")
        return {"Ca": items["An"], "Na": 1 - items["An"], "Al": 1 + items["An"],
                "Si": 3 - items["An"]}
    if phase == "bt" and set(items) == {"XMg"}:
        if not 0 < items["XMg"] < 1:
            raise InputError(f"Matrix biotite: XMg must be in (0, 1) (got {items['XMg']}).")
        return {"Mg": 2.6 * items["XMg"], "Fe2": 2.6 * (1 - items["XMg"])}
    oxides = {k: v for k, v in items.items() if k in mineral.OXIDES}
    cations = {("Fe2" if k == "Fe" else k): v for k, v in items.items()
               if k in ("Fe", "Fe2", "Mg", "Ca", "Mn", "Na", "K", "Al", "Ti", "Si")}
    unknown = sorted(set(items) - set(oxides) - {k for k in items if k in (
        "Fe", "Fe2", "Mg", "Ca", "Mn", "Na", "K", "Al", "Ti", "Si")})
    if unknown or (oxides and cations):
        raise InputError(f"Matrix {phase}: give oxides (wt%) or cations (apfu), not both; "
                         f"unknown: {', '.join(unknown) or '-'}.")
    if oxides:
        basis = mineral.MINERALS[ptpath.PHASE_MINERAL[phase]][0]
        return {k: float(v) for k, v in mineral.formula(oxides, basis).items()}
    return cations


# -- a profile ---------------------------------------------------------------------
def _garnet_columns(header):
    """{cation or oxide: column} of a profile table: end-member fractions (Xalm, Xprp,
    Xgrs, Xsps) or oxide wt% (FeO, MgO, ... with or without a grt_ prefix)."""
    found = {}
    for col in header:
        key = col.strip().lower()
        if key in END_MEMBERS:
            found[END_MEMBERS[key]] = col
    if len(found) == 4:
        return "fractions", found
    oxides = {}
    for col in header:
        name = re.sub(r"^grt_", "", col.strip(), flags=re.I)
        if name in mineral.OXIDES:
            oxides[name] = col
    if {"FeO", "MgO", "CaO"} <= set(oxides):
        return "oxides", oxides
    raise InputError("The profile needs garnet end-member columns Xalm, Xprp, Xgrs, Xsps, "
                     "or oxide columns (FeO, MgO, CaO, MnO, SiO2, Al2O3; grt_ prefix "
                     f"allowed). Columns found: {', '.join(header)}.")


def _float(text, where):
    try:
        return float(text)
    except (TypeError, ValueError):
        raise InputError(f"{text!r} ({where}) is not a number.") from None


def read_profile(path, orientation="rim-to-rim", smooth=21):
    """Points of a garnet profile table (CSV/TSV: a distance column and garnet columns;
    the output of epmaprofile, or end-member fractions).  rim-to-rim: the core is the
    maximum of the smoothed Mn (the midpoint without Mn) and each half is a group."""
    check_choice("Orientation", orientation, ORIENTATIONS)
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            sample = handle.read(4096)
            handle.seek(0)
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
            rows = list(csv.DictReader(handle, dialect=dialect))
    except (OSError, csv.Error) as error:
        raise InputError(f"Cannot read the profile {path}: {error}.") from error
    if len(rows) < 6:
        raise InputError(f"The profile {path} has {len(rows)} rows; a path needs more.")
    header = list(rows[0])
    dist_col = next((c for c in header if c.strip().lower().startswith("distance")), None)
    if dist_col is None:
        raise InputError("The profile needs a distance column (e.g. 'distance' or "
                         f"'Distance (um)'). Columns found: {', '.join(header)}.")
    kind, cols = _garnet_columns(header)
    d, values = [], {k: [] for k in cols}
    for n, row in enumerate(rows):
        text = [row.get(c) for c in [dist_col, *cols.values()]]
        if any(t is None or str(t).strip() == "" for t in text):
            continue                                   # a gap in the profile
        d.append(_float(row[dist_col], f"row {n + 1}, {dist_col}"))
        for k, c in cols.items():
            values[k].append(_float(row[c], f"row {n + 1}, {c}"))
    d = np.asarray(d)
    values = {k: np.asarray(v) for k, v in values.items()}
    if len(d) < 6 or np.any(np.diff(d) <= 0):
        raise InputError("The profile's distances must increase along the table (and at "
                         "least 6 complete rows are needed).")
    if kind == "fractions":
        apfu = {k: 3.0 * v for k, v in values.items()}
        mn = values["Mn"]
    else:
        apfu = {k: np.asarray(v, dtype=float) for k, v in mineral.formula(
            values, mineral.MINERALS["garnet"][0]).items()}
        mn = values.get("MnO")
    notes = []
    if orientation == "rim-to-rim":
        if mn is not None:
            width = max(1, min(smooth, len(d) // 5))
            smoothed = np.convolve(mn, np.ones(width) / width, mode="same")
            inner = slice(width // 2, len(d) - width // 2)
            core = inner.start + int(np.argmax(smoothed[inner]))
            how = f"the maximum of Mn smoothed over {width} points"
        else:
            core, how = len(d) // 2, "the midpoint (no Mn column)"
        d_core = d[core]
        left, right = d <= d_core, d >= d_core
        r = np.abs(d - d_core)
        r = np.where(left, r / max(d_core - d[0], 1e-12), r / max(d[-1] - d_core, 1e-12))
        group = np.where(left, 0, 1)
        # the core point belongs to both halves: keep it in the first only
        groups = [{"label": "rim to core (first half)", "points": int(left.sum())},
                  {"label": "core to rim (second half)", "points": int((right & ~left).sum())}]
        notes.append(f"Core at distance {d_core:g} ({how}); the two halves are pooled "
                     "as two records of one growth history.")
    else:
        r = (d - d[0]) / (d[-1] - d[0])
        if orientation == "rim-to-core":
            r = 1 - r
        group = np.zeros(len(d), int)
        groups = [{"label": orientation, "points": len(d)}]
    return Points(apfu, np.clip(r, 0.0, 1.0), group, groups, notes)


# -- grains on maps ----------------------------------------------------------------
def find_grains(membership, threshold=0.5, min_pixels=20, valid=None):
    """Connected components (4-neighbour) of membership >= threshold with at least
    `min_pixels` pixels: (labels 1..G, 0 elsewhere; list of pixel counts)."""
    from scipy import ndimage
    m = np.asarray(membership, dtype=np.float64)
    inside = np.isfinite(m) & (m >= threshold)
    if valid is not None:
        inside &= valid
    labels, n = ndimage.label(inside)
    counts = np.bincount(labels.ravel(), minlength=n + 1)
    keep = np.flatnonzero(counts >= min_pixels)
    keep = keep[keep > 0]
    out = np.zeros_like(labels)
    for new, old in enumerate(keep, start=1):
        out[labels == old] = new
    if not len(keep):
        raise InputError(f"No garnet grain of at least {min_pixels} pixels with membership "
                         f">= {threshold:g}: check the membership raster and the threshold.")
    return out, [int(counts[k]) for k in keep]


def grain_positions(labels, zoning="distance", element=None):
    """Per pixel of each grain: r in [0, 1] (0 core) and per grain its facts.

    distance: r = 1 - (d - 1/2) / (d_max - 1/2), d the distance from a pixel's centre to
    the nearest pixel centre outside the grain (the grain's edge lies half a pixel
    beyond its last pixel's centre);
    contour: r = (v_core - v) / (v_core - v_rim) of the zoning element v (core: the
    pixels with d >= 0.8 d_max, rim: d <= 1.5 pixels), clipped to [0, 1]."""
    from scipy import ndimage
    check_choice("Zoning", zoning, ZONINGS)
    if zoning == "contour" and element is None:
        raise InputError("The contour zoning needs the zoning element map (e.g. MnO).")
    r = np.full(labels.shape, np.nan)
    facts = []
    for g, sl in enumerate(ndimage.find_objects(labels), start=1):
        if sl is None:
            continue
        sl = tuple(slice(max(s.start - 1, 0), s.stop + 1) for s in sl)
        mask = labels[sl] == g
        d = ndimage.distance_transform_edt(np.pad(mask, 1))[1:-1, 1:-1]
        d_max = float(d[mask].max())
        if d_max <= 1.0:
            raise InputError(f"Grain {g} is one pixel thin: no core-to-rim distance; raise "
                             "the minimum grain size.")
        if zoning == "distance":
            rg = np.clip(1 - (d - 0.5) / (d_max - 0.5), 0.0, 1.0)
        else:
            v = np.asarray(element[sl], dtype=np.float64)
            core = mask & (d >= 0.8 * d_max) & np.isfinite(v)
            rim = mask & (d <= 1.5) & np.isfinite(v)
            v_core, v_rim = np.nanmean(v[core]), np.nanmean(v[rim])
            if not np.isfinite(v_core - v_rim) or abs(v_core - v_rim) < 1e-9 * max(
                    abs(v_core), 1.0):
                raise InputError(f"Grain {g}: the zoning element does not change from core "
                                 "to rim; use the distance zoning.")
            rg = np.clip((v_core - v) / (v_core - v_rim), 0.0, 1.0)
        block = r[sl]
        block[mask] = rg[mask]
        rows, cols = np.nonzero(mask)
        core_at = np.unravel_index(np.argmax(np.where(mask, d, -1)), d.shape)
        facts.append({"label": f"grain {g}", "grain": g, "pixels": int(mask.sum()),
                      "radius": d_max - 0.5,
                      "core_row": int(core_at[0] + sl[0].start),
                      "core_col": int(core_at[1] + sl[1].start)})
    return r, facts


def points_from_maps(oxides, membership, threshold=0.5, min_pixels=20, zoning="distance",
                     zoning_element="MnO"):
    """Points of every garnet grain on quantified maps ({oxide: array} wt%)."""
    known = {k: np.asarray(v, dtype=np.float64) for k, v in oxides.items()
             if k in mineral.OXIDES}
    if not {"FeO", "MgO", "CaO"} <= set(known):
        raise InputError("The garnet maps need at least FeO, MgO and CaO (wt%, e.g. the "
                         f"output folder of 'Quantify EPMA maps'); found: "
                         f"{', '.join(sorted(oxides)) or 'none'}.")
    shape = next(iter(known.values())).shape
    if any(v.shape != shape for v in known.values()) or np.shape(membership) != shape:
        raise InputError("The oxide maps and the membership raster must have one size.")
    valid = np.all([np.isfinite(v) for v in known.values()], axis=0)
    labels, _ = find_grains(membership, threshold, min_pixels, valid)
    element = None
    if zoning == "contour":
        if zoning_element not in oxides:
            raise InputError(f"The zoning element map {zoning_element!r} is not among the "
                             f"maps ({', '.join(sorted(oxides))}).")
        element = np.asarray(oxides[zoning_element], dtype=np.float64)
    r, facts = grain_positions(labels, zoning, element)
    inside = labels > 0
    apfu = mineral.formula({k: v[inside] for k, v in known.items()},
                           mineral.MINERALS["garnet"][0])
    return Points({k: np.asarray(v, dtype=float) for k, v in apfu.items()}, r[inside],
                  labels[inside] - 1, facts), labels


# -- pooling -----------------------------------------------------------------------
def _point_rows(points, names, matrix):
    """Per calibration: (g0, g1, y) arrays over the points (the line of each point)."""
    out = []
    for name in names:
        cal = calibration(name)
        missing = [p for p in cal.phases if p not in matrix]
        if missing:
            raise InputError(f"{name} needs the matrix {', '.join(missing)} composition.")
        others = {p: matrix[p] for p in cal.phases}
        coef = np.broadcast_arrays(*[np.asarray(c, dtype=float) for c in
                                     cal.coefficients(points.apfu, others)])
        if cal.kind == "T":
            a, b, d = coef
            with np.errstate(divide="ignore", invalid="ignore"):
                out.append((-b / d, np.ones_like(a), a / d - KELVIN))
        else:
            a, b = coef
            out.append((np.ones_like(a), -b, a + KELVIN * b))
    return out


def positions(points, offsets):
    s = np.asarray(offsets, dtype=float)[points.group]
    return s + (1 - s) * points.r


def zone_index(points, offsets, n_zones):
    """The growth zone of every point."""
    return np.minimum((positions(points, offsets) * n_zones).astype(int), n_zones - 1)


def pooled_observations(points, names, matrix, n_zones, offsets, rows=None):
    """ptpath.Observations of the (zone, group) cells (see the module docstring), and
    per row its number of points and the points' scatter."""
    rows = rows if rows is not None else _point_rows(points, names, matrix)
    t = positions(points, offsets)
    zone = zone_index(points, offsets, n_zones)
    n_groups = len(points.groups)
    cell = zone * n_groups + points.group
    order = np.lexsort((points.r, cell))
    out = {k: [] for k in ("zone", "which", "g0", "g1", "y", "se", "n", "sd")}
    for j, (g0, g1, y) in enumerate(rows):
        ok = np.isfinite(g0) & np.isfinite(g1) & np.isfinite(y)
        c, o = cell[order], order
        keep = ok[o]
        c, o = c[keep], o[keep]
        if not len(o):
            continue
        cells, start, count = np.unique(c, return_index=True, return_counts=True)
        sums = [np.add.reduceat(v[o], start) for v in (g0, g1, y)]
        # scatter of single points from successive differences inside a cell
        dy = np.diff(y[o])
        same = c[1:] == c[:-1]
        diff2 = np.bincount(np.searchsorted(cells, c[1:][same]), dy[same] ** 2,
                            minlength=len(cells))
        pairs = np.bincount(np.searchsorted(cells, c[1:][same]), minlength=len(cells))
        with np.errstate(invalid="ignore", divide="ignore"):
            var = diff2 / (2 * pairs)
        enough = count >= 3
        pooled = np.nanmedian(var[enough]) if enough.any() else np.nan
        if not np.isfinite(pooled):
            pooled = np.nanvar(y[o]) if len(o) > 1 else 0.0
        var = np.where(enough & np.isfinite(var), var, pooled)
        out["zone"].append(cells // n_groups)
        out["which"].append(np.full(len(cells), j))
        for key, s in zip(("g0", "g1", "y"), sums):
            out[key].append(s / count)
        out["se"].append(np.sqrt(var / count))
        out["n"].append(count)
        out["sd"].append(np.sqrt(var))
    if not out["zone"]:
        raise InputError("No garnet point gives a usable equilibrium with this matrix "
                         "(check the Fe, Mg of garnet and biotite, the Ca of garnet and "
                         "plagioclase).")
    cat = {k: np.concatenate(v) for k, v in out.items()}
    kinds = {calibration(n).kind for n in names}
    if kinds != {"T", "P"}:
        raise InputError("Choose at least one thermometer and one barometer.")
    # local scatter: the scatter hyperparameter of a row scales with its points' scatter
    # relative to the calibration's median (clipped to 1/4..16); `analytic` is divided
    # so that the row variance is se^2 + sigma_j^2 * scale (PathModel.row_scale)
    scale = np.ones(len(cat["y"]))
    for j in np.unique(cat["which"]):
        sel = cat["which"] == j
        ref = np.median(cat["sd"][sel] ** 2)
        if ref > 0:
            scale[sel] = np.clip(cat["sd"][sel] ** 2 / ref, 0.25, 16.0)
    obs = ptpath.Observations(
        n_zones, list(names), cat["zone"].astype(int), cat["which"].astype(int),
        np.c_[cat["g0"], cat["g1"]], cat["y"], cat["se"] / np.sqrt(scale),
        np.bincount(cat["zone"].astype(int), minlength=n_zones))
    obs.row_scale = scale
    # each zone sits at the mean position of its points (the centre when it has none)
    counts = np.bincount(zone, minlength=n_zones)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_t = np.bincount(zone, t, minlength=n_zones) / counts
    centres = (np.arange(n_zones) + 0.5) / n_zones
    obs.position = np.where(counts > 0, mean_t, centres)
    if np.any(np.diff(obs.position) <= 0):
        obs.position = centres
    return obs, cat["n"], cat["sd"]


def path_model(obs, prior="1+2"):
    """ptpath.PathModel over the zone centres with the rows' local scatter scale."""
    model = ptpath.PathModel(obs, obs.position, prior)
    model.row_scale = getattr(obs, "row_scale", np.ones(len(obs.y)))
    return model


@dataclass
class PooledResult:
    path: ptpath.PathResult
    offsets: np.ndarray
    groups: list
    noise: np.ndarray            # per zone: mean scatter of single points (T rows, C)
    points_per_zone: np.ndarray
    single: tuple                # (P, T) per zone from the zone's mean rows
    notes: list
    assumptions: list


def _zone_single(obs, names):
    """P, T per zone where the first thermometer's and barometer's mean rows cross."""
    kinds = [calibration(n).kind for n in names]
    jt, jp = kinds.index("T"), kinds.index("P")
    p, t = np.full(obs.n_zones, np.nan), np.full(obs.n_zones, np.nan)
    for i in range(obs.n_zones):
        rt = (obs.zone == i) & (obs.which == jt)
        rp = (obs.zone == i) & (obs.which == jp)
        if rt.any() and rp.any():
            a = np.array([obs.g[rt].mean(0), obs.g[rp].mean(0)])
            b = np.array([obs.y[rt].mean(), obs.y[rp].mean()])
            try:
                p[i], t[i] = np.linalg.solve(a, b)
            except np.linalg.LinAlgError:
                pass
    return p, t


def _fit_offsets(points, names, matrix, n_zones, start, prior, rows, cancelled):
    """Nucleation offsets by the evidence (see the module docstring)."""
    anchor = int(np.argmax([g.get("radius", 0.0) for g in points.groups]))
    offsets = np.array(start, dtype=float)
    offsets[anchor] = 0.0

    def evidence(off, log_theta):
        obs = pooled_observations(points, names, matrix, n_zones, off, rows)[0]
        return float(path_model(obs, prior).evaluate(log_theta)[0][0])

    obs = pooled_observations(points, names, matrix, n_zones, offsets, rows)[0]
    log_theta, _ = ptpath.maximise_evidence(path_model(obs, prior))
    for _ in range(2):
        for g in range(len(points.groups)):
            if g == anchor:
                continue
            if cancelled is not None and cancelled():
                from ..errors import Cancelled
                raise Cancelled()
            best = (-np.inf, offsets[g])
            for s in OFFSET_GRID:
                trial = offsets.copy()
                trial[g] = s
                value = evidence(trial, log_theta)
                if value > best[0]:
                    best = (value, s)
            offsets[g] = best[1]
        obs = pooled_observations(points, names, matrix, n_zones, offsets, rows)[0]
        log_theta, _ = ptpath.maximise_evidence(path_model(obs, prior))
    return offsets


def estimate_pooled(points, matrix, names=("grt-bt", "gasp"), n_zones=DEFAULT_ZONES,
                    offsets="none", n_samples=2000, seed=0, prior="1+2", progress=None,
                    cancelled=None):
    """MAP path and posterior samples from pooled points (a PooledResult)."""
    check_choice("Nucleation offsets", offsets, OFFSETS)
    if not 3 <= int(n_zones) <= 200:
        raise InputError(f"The number of growth zones must be 3 to 200 (got {n_zones}).")
    n_zones = int(n_zones)
    rows = _point_rows(points, names, matrix)
    radius = np.array([g.get("radius", np.nan) for g in points.groups], dtype=float)
    if offsets == "none" or len(points.groups) == 1:
        off = np.zeros(len(points.groups))
    elif not np.all(radius > 0):
        raise InputError("Nucleation offsets by size or fit need grains (maps), not a "
                         "profile; use 'none'.")
    else:
        off = 1 - radius / radius.max()
        if offsets == "fit":
            off = _fit_offsets(points, names, matrix, n_zones, off, prior, rows, cancelled)
    obs, count, sd = pooled_observations(points, names, matrix, n_zones, off, rows)
    model = path_model(obs, prior)
    if progress is not None:
        progress(0.0)
    best, log_z = ptpath.maximise_evidence(model)
    _, mean, _ = model.evaluate(best)
    samples, acc = ptpath.sample_posterior(model, best, n_samples=n_samples, seed=seed,
                                           progress=progress, cancelled=cancelled)
    th = np.exp(best)
    theta = {f"s{order}_{var}": v for (var, order), v in zip(model.term_names, th)}
    theta.update({f"sigma_{name}": v for name, v in zip(obs.names, th[model.n_terms:])})
    path = ptpath.PathResult(list(obs.names), [str(i + 1) for i in range(n_zones)], obs.position,
                             obs.counts, mean[0, :n_zones], mean[0, n_zones:], theta,
                             log_z, samples, acc)
    therm = [j for j, n in enumerate(names) if calibration(n).kind == "T"][0]
    t_rows = obs.which == therm
    noise = np.full(n_zones, np.nan)
    per_zone = np.bincount(obs.zone[t_rows], count[t_rows], minlength=n_zones)
    with np.errstate(invalid="ignore"):
        noise = (np.bincount(obs.zone[t_rows], sd[t_rows] * count[t_rows],
                             minlength=n_zones) / per_zone)
    notes = list(points.notes)
    empty = int(np.sum(obs.counts == 0))
    if empty:
        notes.append(f"{empty} of {n_zones} zones hold no point and take P and T through "
                     "the prior.")
    for name in names:
        if calibration(name).note:
            notes.append(f"{name}: {calibration(name).note}.")
    return PooledResult(path, off, points.groups, noise, per_zone.astype(int),
                        _zone_single(obs, names), notes, [])


# -- outputs -----------------------------------------------------------------------
GRAIN_COLUMNS = ["group", "label", "points", "radius", "core_row", "core_col", "offset"]


def assumptions_text(matrix_text, names, extra=()):
    """The lines every output of a pooled path prints."""
    lines = [f"matrix biotite: {matrix_text.get('bt', '-')}; plagioclase: "
             f"{matrix_text.get('pl', '-')} (user's assumption, the same in every zone)",
             "thermobarometers: " + ", ".join(names) + "; all Fe as Fe2+"]
    for name in names:
        cal = calibration(name)
        if cal.note:
            lines.append(f"{name}: {cal.note}")
    lines.append("calibrations: uncertainty not from the source (not in the intervals)")
    lines.extend(extra)
    return lines


def path_figure(result, title, assumptions):
    """P-T path with 95 % ellipses of every zone, the assumptions printed below."""
    import textwrap
    from .. import report
    s = result.path.summary()
    n = len(result.path.map_p)
    assumptions = [w for line in assumptions for w in textwrap.wrap(
        line, 118, subsequent_indent="  ")]
    fig = report.figure(7.0, 6.4 + 0.16 * len(assumptions))
    ax = fig.add_axes([0.11, 0.08 + 0.026 * len(assumptions), 0.62, 0.82
                       - 0.026 * len(assumptions)])
    p_s, t_s = result.path.samples[:, :n], result.path.samples[:, n:]
    from matplotlib.patches import Ellipse
    from matplotlib import cm
    colours = cm.viridis(np.linspace(0, 1, n))
    chi2 = 5.991                                  # 95 % of a 2-D Gaussian
    for i in range(n):
        cov = np.cov(t_s[:, i], p_s[:, i])
        vals, vecs = np.linalg.eigh(cov)
        angle = math.degrees(math.atan2(vecs[1, 1], vecs[0, 1]))
        ax.add_patch(Ellipse((s["T_mean"][i], s["P_mean"][i]),
                             2 * math.sqrt(chi2 * max(vals[1], 0)),
                             2 * math.sqrt(chi2 * max(vals[0], 0)), angle=angle,
                             facecolor=colours[i], alpha=0.18, edgecolor=colours[i], lw=0.6))
    ax.plot(result.path.map_t, result.path.map_p, "-", color="#333", lw=1.2, zorder=3)
    sc = ax.scatter(result.path.map_t, result.path.map_p, c=np.arange(1, n + 1), cmap="viridis",
                    s=14, zorder=4, label="MAP path (zone colour: core to rim)")
    ax.plot(result.single[1], result.single[0], "x", color="#c0392b", ms=4, zorder=2,
            label="zone means, single intersection")
    ax.set_xlabel("Temperature (\u00b0C)")
    ax.set_ylabel("Pressure (kbar)")
    ax.set_title(title, fontsize=9)
    ax.legend(fontsize=7, loc="upper left")
    cax = fig.add_axes([0.76, 0.08 + 0.026 * len(assumptions), 0.025, 0.82
                        - 0.026 * len(assumptions)])
    bar = fig.colorbar(sc, cax=cax)
    bar.set_label("growth zone (1 = core)", fontsize=8)
    ax.autoscale_view()
    fig.text(0.02, 0.01, "\n".join(["Assumptions:"] + assumptions), fontsize=6.5,
             va="bottom", ha="left", family="monospace")
    return fig


def report_html(result, source, assumptions):
    from .. import report
    single = result.single
    extra = [("Assumptions", "<ul>" + "".join(f"<li>{report.html.escape(a)}</li>"
                                              for a in assumptions) + "</ul>"
              + "".join(f"<p class='note'>{report.html.escape(n)}</p>"
                        for n in result.notes)),
             ("Groups (profile halves or grains)", report.table(
                 GRAIN_COLUMNS, grain_rows(result)))]
    from ..errors import missing
    if not missing(("matplotlib",)):          # the svg path below needs no matplotlib
        fig = path_figure(result, str(source), assumptions)
        extra.append(("P-T path with 95 % ellipses and the assumptions",
                      report.svg_figure(fig)))
    return ptpath.report_html(result.path, single, source, extra_sections=extra)


def grain_rows(result):
    return [[g, info.get("label", ""), info.get("points", info.get("pixels", 0)),
             info.get("radius", math.nan), info.get("core_row", ""),
             info.get("core_col", ""), float(result.offsets[g])]
            for g, info in enumerate(result.groups)]


ZONE_COLUMNS = ptpath.TABLE_COLUMNS + ["points", "point_scatter_T"]


def zone_rows(result):
    rows = ptpath.table_rows(result.path, result.single)
    return [r + [int(result.points_per_zone[i]), float(result.noise[i])]
            for i, r in enumerate(rows)]


def _write_outputs(result, output, report_path, grains_path, source, assumptions):
    from .. import report
    text = report.csv_text(ZONE_COLUMNS, zone_rows(result))
    page = report_html(result, source, assumptions) if report_path else None
    grains = report.csv_text(GRAIN_COLUMNS, grain_rows(result)) if grains_path else None
    report.write(output, text)
    if report_path:
        report.write(report_path, page)
    if grains_path:
        report.write(grains_path, grains)


def run_profile_path(profile, matrix_bt, matrix_pl, output, report_path=None,
                     names=("grt-bt", "gasp"), orientation="rim-to-rim",
                     n_zones=DEFAULT_ZONES, n_samples=2000, seed=0, prior="1+2",
                     progress=None, cancelled=None):
    """geoinverse:ptpath's profile route: a profile table plus the matrix -> path."""
    matrix = {"bt": parse_matrix(matrix_bt, "bt"), "pl": parse_matrix(matrix_pl, "pl")}
    points = read_profile(profile, orientation)
    result = estimate_pooled(points, matrix, names, n_zones, "none", n_samples, seed, prior,
                             progress, cancelled)
    result.assumptions = assumptions_text(
        {"bt": matrix_bt, "pl": matrix_pl}, names,
        [f"profile read as {orientation}; position = normalised distance from the core"]
        + points.notes)
    _write_outputs(result, output, report_path, None, profile, result.assumptions)
    return result


def run_maps_path(folder, membership_path, matrix_bt, matrix_pl, output, report_path=None,
                  grains_path=None, names=("grt-bt", "gasp"), threshold=0.5, min_pixels=20,
                  zoning="distance", zoning_element="MnO", offsets="size",
                  n_zones=DEFAULT_ZONES, n_samples=2000, seed=0, prior="1+2",
                  progress=None, cancelled=None):
    """geoinverse:ptpathmaps: quantified garnet maps + membership + matrix -> one path."""
    from ..raster import read_array
    matrix = {"bt": parse_matrix(matrix_bt, "bt"), "pl": parse_matrix(matrix_pl, "pl")}
    membership, _, _, nodata = read_array(membership_path)
    membership = np.asarray(membership, dtype=np.float64)
    if nodata is not None and np.isfinite(nodata):
        membership[membership == nodata] = np.nan
    points, _ = points_from_maps(mineral.read_oxide_maps(folder), membership, threshold, min_pixels,
                                 zoning, zoning_element)
    result = estimate_pooled(points, matrix, names, n_zones, offsets, n_samples, seed, prior,
                             progress, cancelled)
    result.assumptions = assumptions_text(
        {"bt": matrix_bt, "pl": matrix_pl}, names,
        [f"{len(points.groups)} grains (membership >= {threshold:g}, >= {min_pixels} px); "
         f"zoning by {zoning}{' of ' + zoning_element if zoning == 'contour' else ''}; "
         f"nucleation offsets: {offsets}"])
    _write_outputs(result, output, report_path, grains_path, folder, result.assumptions)
    return result


# -- synthetic grains (tests, benchmarks) ------------------------------------------
def garnet_on_path(p_kbar, t_c, matrix, sps):
    """Garnet apfu in equilibrium with the matrix at (P, T) under Ferry & Spear (1978)
    and the ideal GASP (Spear 1993), with the given spessartine fraction."""
    t_k = np.asarray(t_c, dtype=float) + KELVIN
    p_bar = np.asarray(p_kbar, dtype=float) * 1000
    bt, pl = matrix["bt"], matrix["pl"]
    ln_kd = (4.662 - (12454 + 0.057 * p_bar) / t_k) / (3 * 1.987)
    mg_fe = np.exp(ln_kd) * bt["Mg"] / bt["Fe2"]
    x_an = pl["Ca"] / (pl["Ca"] + pl.get("Na", 0.0) + pl.get("K", 0.0))
    ln_k = (48357 - 150.66 * t_k + 6.608 * (p_bar - 1)) / (8.3144598 * t_k)
    grs = x_an * np.exp(ln_k / 3)
    rest = 1 - grs - sps
    prp = rest * mg_fe / (1 + mg_fe)
    return {"Fe2": 3 * (rest - prp), "Mg": 3 * prp, "Ca": 3 * grs, "Mn": 3 * sps,
            "Al": np.full_like(grs, 2.0), "Si": np.full_like(grs, 3.0)}


def synthetic_maps(path_p, path_t, matrix, centres, radii, shape=(96, 96), rng=None,
                   rel_noise=0.01, abs_noise=0.02):
    """Oxide maps (wt%) and membership of disc-shaped grains grown along one path.

    path_p, path_t: functions of growth time tau in [0, 1]; grain k (centre, radius in
    px) nucleated at tau = 1 - R_k / R_max and grew at one radial rate, so a pixel at
    distance rho from its centre grew at tau = 1 - (R_k - rho) / R_max."""
    rng = rng or np.random.default_rng(0)
    yy, xx = np.mgrid[0:shape[0], 0:shape[1]] + 0.5
    membership = np.zeros(shape)
    tau = np.full(shape, np.nan)
    r_max = max(radii)
    for (cy, cx), rad in zip(centres, radii):
        rho = np.hypot(yy - cy, xx - cx)
        inside = rho <= rad
        membership[inside] = 1.0
        tau[inside] = 1 - (rad - rho[inside]) / r_max
    inside = np.isfinite(tau)
    sps = 0.12 * (1 - tau[inside]) ** 2 + 0.01
    apfu = garnet_on_path(path_p(tau[inside]), path_t(tau[inside]), matrix, sps)
    maps = {}
    for oxide, wt in ptpath.oxides_from_apfu(apfu).items():
        full = np.zeros(shape)
        full[inside] = wt + rng.normal(0, rel_noise * wt + abs_noise)
        maps[oxide] = np.maximum(full, 0.0)
    membership = np.clip(membership + rng.normal(0, 0.05, shape), 0, 1)
    return maps, membership, tau

