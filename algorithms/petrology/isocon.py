"""Mass transfer from whole-rock compositions: classical and sparse isocon analysis.

Notation (Grant 1986, 2005).  For element (or oxide) i, the reference (protolith) "O"
and an altered sample "A" with equivalent masses M_O and M_A,

    C_i^A = (M_O / M_A) (C_i^O + dC_i),

so an immobile element (dC_i = 0) lies on the *isocon* C^A = (M_O / M_A) C^O, a line
through the origin, and every element's change relative to its original amount is

    dC_i / C_i^O = (M_A / M_O) (C_i^A / C_i^O) - 1.

This module writes the mass change ratio alpha = M_A / M_O (the issue's M_A/M_O; the
isocon's slope is 1 / alpha) and works on log ratios y_ij = ln(C_ij^A / C_i^O), in which
the model reads  ln(1 + dC_ij / C_i^O) = ln(alpha_j) + y_ij  =: r_ij.  Log ratios are
free of each column's unit (wt% or ppm) and of any Grant-style scaling, and treat a
doubling and a halving alike.

Classical mode (Grant 1986, Econ. Geol. 81:1976-1982; Grant 2005, Phys. Chem. Earth
30:997-1004): the user names the immobile elements I; for each sample,
ln(alpha_j) = -mean_{i in I} y_ij, i.e. the isocon slope is the geometric mean of the
immobile elements' ratios C^A/C^O.  Using ratios (not a least-squares line through the
scaled points) keeps the slope independent of how the data are scaled, the property
Grant (2005) states for the isocon.  Its uncertainty is the standard error of that mean
(the scatter of the immobile ratios about the isocon), propagated to alpha; it is
undefined with a single immobile element.

Sparse mode (Kuwatani, Yoshida, Ueki, Oyanagi, Uno & Akaho 2020, "Sparse isocon
analysis: a data-driven approach for material transfer estimation", Chem. Geol.
532:119345): several altered samples of one reference; the immobile elements are not
given but found, assuming that the element-wise mass transfer is *group sparse*: an
element is either (nearly) immobile in every sample or mobile.  The full text of the
paper was not available to us (only its abstract: an evaluation function with a
parameter q is optimised and "the least mobile elements are automatically selected").
What is implemented, and why:

* Evaluation function, one group per element (its changes in all M samples):

      E(beta) = sum_i ( g_i(beta) + eps^2 )^(q/2),
      g_i = (1/M_i) sum_j r_ij^2,  r_ij = beta_j + y_ij,  beta_j = ln alpha_j,

  M_i the number of samples in which element i was measured.  q = 2 is least squares
  over all elements (no sparsity: every element is assumed to change a little);
  q -> 0 counts the elements that change at all (an L0 group penalty); 0 < q <= 1 are
  the sparse regime.  A smaller q trusts the largest set of mutually consistent
  elements more and the rest less.  eps = 0.01 (1 % in log ratio, below analytical
  precision) only smooths the function at g_i = 0.
* Optimisation: E is not convex for q < 2.  Each start is iterated by majorise-
  minimise (iteratively reweighted least squares): since t -> (t + eps^2)^(q/2) is
  concave, E is majorised at the current beta by a weighted least-squares function with
  weights w_i = (g_i + eps^2)^(q/2 - 1) / M_i, whose minimiser beta_j = -sum_i w_i y_ij /
  sum_i w_i never increases E.  Starts: the least-squares solution and one per element
  i ("i is immobile": beta_j = -y_ij), so every candidate immobile cluster is tried; the
  start with the lowest E wins.  When another local optimum with a different frame
  (differing by more than the tolerance in some sample) comes within 5 % of the best E,
  the result carries a note with its mass ratios: the data then support two candidate
  immobile groups, and the choice needs geological judgement.
* Selection: elements whose RMS log change sqrt(g_i) at the optimum is at most
  `tolerance` (default 0.2, i.e. about 20 %: four times a 5 % analytical scatter of
  each analysis, still below the 35 % change we call mobile) are immobile.  The mass change ratios are then refitted as
  in the classical mode through that set (the isocon through the selected elements,
  which removes the shrinkage of the smoothed penalty), and selection and refit are
  repeated until the set no longer changes.
* Default q = 0.5 (our choice, in the middle of the sparse regime; the paper's default
  could not be checked).  `q_scan` repeats the analysis for several q so the user sees
  whether the immobile set and the mass ratios depend on it.

Element mobility: the RMS over samples of r_ij (log change) ranks the elements (rank 1
= most mobile); per sample the elements are ranked by |r_ij|.

Input handling (documented, tested): negative concentrations, text in number columns,
an unknown reference or sample, duplicate sample names and a table without any altered
sample raise InputError.  A reference value that is zero or missing makes that element
unusable (no ratio): it is left out of the fit and the results, and listed in
`dropped`; a classical immobile element cannot be dropped (InputError).  A missing
value in an altered sample leaves that element of that sample out of the fit (its
results are NaN); a zero there means the element was completely lost (relative change
-100 %), and it cannot be immobile.  A single altered sample is analysed, with a note
that the sparse selection then rests on one sample only.
"""
from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field

import numpy as np

from .. import report
from ..errors import InputError, check_choice
from ..tiling import check_cancel

MODES = ("classical", "sparse")
# how the isocon's slope is estimated from the immobile elements' ratios C^A/C^O
ESTIMATORS = ("geometric-mean", "mean-slope")
DEFAULT_ESTIMATOR = "geometric-mean"
DEFAULT_Q = 0.5
DEFAULT_TOLERANCE = 0.2
DEFAULT_Q_SCAN = (0.1, 0.25, 0.5, 1.0, 2.0)
EPS = 0.01
UNITS = {"wt%": 1e4, "ppm": 1.0, "ppb": 1e-3}  # factor to ppm
MAX_ITER = 500
AMBIGUITY = 0.05    # a runner-up isocon within 5 % of the best evaluation is reported

_OXIDE = re.compile(r"^([A-Z][a-z]?\d*)+O\d*(T|t|tot|total)?$")
_WT_NAMES = {"loi", "h2o", "h2o+", "h2o-", "co2", "total", "sum"}


def default_unit(name):
    """wt% for oxides and volatiles (SiO2, Fe2O3T, LOI), ppb/ppm by suffix, else ppm."""
    low = name.lower()
    for unit, keys in (("ppb", ("ppb",)), ("ppm", ("ppm", "g/t")),
                       ("wt%", ("wt", "%", "pct"))):
        if any(k in low for k in keys):
            return unit
    base = re.split(r"[_ (\[]", name.strip())[0]
    if base.lower() in _WT_NAMES or _OXIDE.match(base):
        return "wt%"
    return "ppm"


def parse_units(text, elements):
    """Units per column: 'SiO2=wt%, Zr=ppm' overrides the name rule for those columns."""
    units = [default_unit(e) for e in elements]
    for item in filter(None, (s.strip() for s in (text or "").split(","))):
        if "=" not in item:
            raise InputError(f"Units: '{item}' is not NAME=UNIT (e.g. 'Zr=ppm, SiO2=wt%').")
        name, unit = (s.strip() for s in item.split("=", 1))
        if name not in elements:
            raise InputError(f"Units: '{name}' is not one of the element columns "
                             f"({', '.join(elements)}).")
        units[elements.index(name)] = check_choice(f"Unit of {name}", unit, tuple(UNITS))
    return units


def _number(value, sample, column):
    """A table cell as float: None/''/NaN -> NaN; numeric text is accepted."""
    if value is None:
        return math.nan
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip()
    if text == "" or text.upper() in ("NA", "NAN", "NULL", "N/A", "-"):
        return math.nan
    try:
        return float(text)
    except ValueError:
        raise InputError(f"Sample '{sample}', column '{column}': '{text}' is not a number. "
                         "Fix the cell, leave it empty for a missing value, or leave "
                         "the column out of the element list.") from None


def composition_table(sample_names, columns, rows):
    """(names, values) from raw rows (one per sample): values is a float (S, N) array."""
    names = [str(s) for s in sample_names]
    if len(set(names)) != len(names):
        dup = sorted({n for n in names if names.count(n) > 1})
        raise InputError(f"Sample names must be unique; repeated: {', '.join(dup)}.")
    if not columns:
        raise InputError("No element columns: choose the numeric columns to analyse.")
    values = np.array([[_number(v, s, c) for v, c in zip(row, columns)]
                       for s, row in zip(names, rows)], dtype=float).reshape(len(names),
                                                                              len(columns))
    neg = np.argwhere(values < 0)
    if len(neg):
        s, c = neg[0]
        raise InputError(f"Sample '{names[s]}', column '{columns[c]}': negative "
                         f"concentration {values[s, c]:g}. Concentrations cannot be "
                         "negative; if it codes 'below detection', enter an empty "
                         "cell (missing) or a value such as half the detection limit.")
    return names, values


@dataclass
class IsoconResult:
    """Everything the report and the output table show.  Arrays are (samples, elements)."""
    mode: str
    reference: str
    samples: list
    elements: list
    units: list
    reference_values: np.ndarray
    altered_values: np.ndarray
    mass_ratio: np.ndarray            # alpha_j = M_A / M_O
    mass_ratio_se: np.ndarray
    immobile: np.ndarray              # bool per element
    relative_change: np.ndarray       # dC / C^O
    absolute_change: np.ndarray       # dC, column unit per mass of original rock
    log_change: np.ndarray            # r_ij
    mobility: np.ndarray              # RMS_j r_ij per element
    mobility_rank: np.ndarray         # 1 = most mobile
    sample_rank: np.ndarray           # per sample, by |r_ij|
    q: float = math.nan
    tolerance: float = math.nan
    objective: float = math.nan
    scan: list = field(default_factory=list)   # (q, alpha array, immobile names)
    dropped: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    estimator: str = DEFAULT_ESTIMATOR

    @property
    def slope(self):
        """The isocon's slope C^A/C^O = M_O/M_A per sample (Grant's notation)."""
        return 1.0 / self.mass_ratio

    @property
    def slope_se(self):
        return self.mass_ratio_se / self.mass_ratio ** 2

    @property
    def immobile_names(self):
        return [e for e, m in zip(self.elements, self.immobile) if m]

    def records(self):
        """One dict per (sample, element): the output table."""
        out = []
        for j, s in enumerate(self.samples):
            for i, e in enumerate(self.elements):
                out.append({
                    "sample": s, "element": e, "unit": self.units[i],
                    "reference": self.reference_values[i],
                    "altered": self.altered_values[j, i],
                    "immobile": int(self.immobile[i]),
                    "mass_ratio": self.mass_ratio[j], "mass_ratio_se": self.mass_ratio_se[j],
                    "rel_change": self.relative_change[j, i],
                    "abs_change": self.absolute_change[j, i],
                    "log_change": self.log_change[j, i],
                    "rank_sample": int(self.sample_rank[j, i]),
                    "mobility": self.mobility[i], "rank_mobility": int(self.mobility_rank[i]),
                    "slope": self.slope[j], "slope_se": self.slope_se[j]})
        return out


RECORD_FIELDS = [("sample", str), ("element", str), ("unit", str), ("reference", float),
                 ("altered", float), ("immobile", int), ("mass_ratio", float),
                 ("mass_ratio_se", float), ("rel_change", float), ("abs_change", float),
                 ("log_change", float), ("rank_sample", int), ("mobility", float),
                 ("rank_mobility", int), ("slope", float), ("slope_se", float)]


# -- the fits -----------------------------------------------------------------------
def _masked_mean(y, mask, weights=None):
    """Per sample (column of y.T): weighted mean over elements where mask; NaN if none."""
    w = mask.astype(float) if weights is None else mask * weights[:, None]
    total = w.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, (w * np.where(mask, y, 0.0)).sum(axis=0) / total, np.nan)


def _group_ms(beta, y, mask):
    """g_i for one or many beta: mean over measured samples of (beta_j + y_ij)^2."""
    beta = np.atleast_2d(beta)                                   # (S, M)
    r = np.where(mask[None], beta[:, None, :] + np.where(mask, y, 0.0)[None], 0.0)
    return (r * r).sum(axis=2) / np.maximum(mask.sum(axis=1), 1)[None]   # (S, N)


def evaluation(beta, y, mask, q, eps=None):
    """Kuwatani et al. (2020)-style group-sparse evaluation function E(beta) (see module)."""
    eps = EPS if eps is None else eps
    g = _group_ms(beta, y, mask)
    return ((g + eps * eps) ** (q / 2.0)).sum(axis=1)


def sparse_fit(y, mask, q=DEFAULT_Q, eps=None, cancelled=None, all_optima=False):
    """Minimise E over beta = ln(alpha) by multi-start majorise-minimise; (beta, E).

    With `all_optima`, (betas, Es) of every start after convergence, best first."""
    eps = EPS if eps is None else eps
    n_el, n_s = y.shape
    counts = np.maximum(mask.sum(axis=1), 1)
    ls = _masked_mean(-y, mask)
    starts = [ls] + [np.where(mask[i], -y[i], ls) for i in range(n_el) if mask[i].any()]
    beta = np.array(starts)                                      # (S, M)
    ym = np.where(mask, y, 0.0)
    for _ in range(MAX_ITER):
        check_cancel(cancelled)
        g = _group_ms(beta, y, mask)                             # (S, N)
        w = (g + eps * eps) ** (q / 2.0 - 1.0) / counts[None]    # (S, N)
        num = -(w[:, :, None] * ym[None]).sum(axis=1)            # (S, M)
        den = (w[:, :, None] * mask[None]).sum(axis=1)
        new = np.where(den > 0, num / np.where(den > 0, den, 1.0), beta)
        step = np.nanmax(np.abs(new - beta))
        beta = new
        if step < 1e-10:
            break
    e = evaluation(beta, y, mask, q, eps)
    if all_optima:
        order = np.argsort(e, kind="stable")
        return beta[order], e[order]
    best = int(np.argmin(e))
    return beta[best], float(e[best])


def _isocon_through(y, mask, immobile, estimator=DEFAULT_ESTIMATOR):
    """ln(alpha) and its standard error per sample from the immobile elements' ratios.

    geometric-mean: the isocon slope C^A/C^O is the geometric mean of the immobile
    ratios (the mean of their logs); mean-slope: their arithmetic mean (GCDkit's
    "average from individual slopes").  The standard error is that of the mean (the
    scatter of the immobile ratios about the isocon), carried to ln(alpha)."""
    sel = mask & immobile[:, None]
    k = sel.sum(axis=0)
    if estimator == "mean-slope":
        ratio = np.where(sel, np.exp(np.where(sel, y, 0.0)), 0.0)
        slope = _masked_mean(ratio, sel)
        beta = -np.log(slope)
        resid = np.where(sel, ratio - slope[None], 0.0)
        scale = slope                   # d ln(slope) = d slope / slope
    else:
        beta = _masked_mean(-y, sel)
        resid = np.where(sel, y + beta[None], 0.0)
        scale = np.ones_like(beta)
    with np.errstate(invalid="ignore", divide="ignore"):
        sd = np.sqrt((resid ** 2).sum(axis=0) / (k - 1))
        se = np.where(k > 1, sd / np.sqrt(k) / scale, np.nan)
    return beta, se


def _select(y, mask, q, tolerance, cancelled, estimator=DEFAULT_ESTIMATOR):
    """Sparse optimum, then immobile set and isocon refit until the set is stable.

    Returns (beta, se, immobile, objective).  A sample without a value for any selected
    element keeps the sparse optimum's beta (standard error NaN)."""
    optima, values = sparse_fit(y, mask, q, cancelled=cancelled, all_optima=True)
    optimum, objective = optima[0], float(values[0])
    beta, se = optimum, np.full(y.shape[1], np.nan)
    immobile = np.zeros(y.shape[0], bool)
    for _ in range(20):
        rms = np.sqrt(_group_ms(beta, y, mask)[0])
        new = (rms <= tolerance) & mask.any(axis=1)
        if not new.any() or np.array_equal(new, immobile):
            break
        immobile = new
        refit, refit_se = _isocon_through(y, mask, immobile, estimator)
        beta = np.where(np.isfinite(refit), refit, optimum)
        se = np.where(np.isfinite(refit), refit_se, np.nan)
    # The runner-up: the best local optimum whose frame differs from the chosen one by
    # more than the tolerance in some sample (another candidate immobile group).
    other = np.flatnonzero(np.nanmax(np.abs(optima - beta[None]), axis=1) > tolerance)
    other = other[other > 0]
    runner_up = (np.exp(optima[other[0]]), float(values[other[0]])) if len(other) else None
    return beta, se, immobile, objective, runner_up


# -- the analysis -------------------------------------------------------------------
def isocon(reference, altered, elements, *, mode="sparse", immobile=None, q=DEFAULT_Q,
           tolerance=DEFAULT_TOLERANCE, q_scan=None, units=None, sample_names=None,
           reference_name="reference", estimator=DEFAULT_ESTIMATOR, progress=None,
           cancelled=None):
    """Isocon analysis of altered samples against a reference (see the module docstring).

    estimator (ESTIMATORS): how the slope is taken from the immobile elements' ratios,
    in the classical mode and in the sparse mode's refit.

    reference: (N,) concentrations; altered: (M, N), NaN = missing; elements: N names;
    units: N of 'wt%'/'ppm'/'ppb' (default by name). Returns an IsoconResult.
    """
    check_choice("Mode", mode, MODES)
    check_choice("Slope estimator", estimator, ESTIMATORS)
    elements = [str(e) for e in elements]
    ref = np.asarray(reference, dtype=float).reshape(-1)
    alt = np.atleast_2d(np.asarray(altered, dtype=float))
    if alt.size == 0 or alt.shape[0] == 0:
        raise InputError("No altered sample to analyse: the table needs the reference and "
                         "at least one altered sample.")
    if ref.shape[0] != len(elements) or alt.shape[1] != len(elements):
        raise InputError(f"{len(elements)} element names for a reference of {ref.shape[0]} "
                         f"and samples of {alt.shape[1]} values.")
    samples = list(sample_names) if sample_names is not None else [
        f"sample {j + 1}" for j in range(alt.shape[0])]
    if (np.nan_to_num(ref) < 0).any() or (np.nan_to_num(alt) < 0).any():
        raise InputError("Concentrations cannot be negative; code values below detection "
                         "as missing (empty) or as half the detection limit.")
    if not 0 < q <= 2:
        raise InputError(f"q must be in (0, 2] (got {q}); 2 is least squares, smaller is "
                         "sparser.")
    if not tolerance > 0:
        raise InputError(f"Tolerance must be positive (got {tolerance}).")
    units = list(units) if units is not None else [default_unit(e) for e in elements]
    for e, u in zip(elements, units):
        check_choice(f"Unit of {e}", u, tuple(UNITS))

    usable = np.isfinite(ref) & (ref > 0)
    notes, dropped = [], [e for e, ok in zip(elements, usable) if not ok]
    if dropped:
        notes.append("Left out (zero or missing in the reference, so no ratio): "
                     + ", ".join(dropped) + ".")
    if mode == "classical":
        chosen = [str(e) for e in (immobile or [])]
        if not chosen:
            raise InputError("Classical mode needs at least one immobile element.")
        unknown = [e for e in chosen if e not in elements]
        if unknown:
            raise InputError(f"Immobile element(s) {', '.join(unknown)} are not among the "
                             f"element columns ({', '.join(elements)}).")
        bad = [e for e in chosen if not usable[elements.index(e)]]
        if bad:
            raise InputError(f"Immobile element(s) {', '.join(bad)} are zero or missing in "
                             f"the reference '{reference_name}': choose others.")
    keep = np.flatnonzero(usable)
    if len(keep) < 2:
        raise InputError("Fewer than two elements have a positive value in the reference; "
                         "the isocon needs ratios of at least two elements.")
    elements = [elements[i] for i in keep]
    units = [units[i] for i in keep]
    ref, alt = ref[keep], alt[:, keep]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = alt / ref[None]                                   # (M, N)
        y = np.log(ratio).T                                       # (N, M)
    mask = np.isfinite(y)
    for j, s in enumerate(samples):
        if mask[:, j].sum() < 1:
            raise InputError(f"Sample '{s}' has no value for any usable element.")
    if alt.shape[0] == 1 and mode == "sparse":
        notes.append("Only one altered sample: the immobile elements are found from it "
                     "alone; several samples of the same alteration constrain them better.")

    scan = []
    if mode == "classical":
        fixed = np.array([e in chosen for e in elements])
        beta, se = _isocon_through(y, mask, fixed, estimator)
        if np.isnan(beta).any():
            j = int(np.flatnonzero(np.isnan(beta))[0])
            raise InputError(f"Sample '{samples[j]}' has no value for any immobile element.")
        immobile_mask, objective, q_used = fixed, math.nan, math.nan
    else:
        qs = sorted(set(list(q_scan or []) + [q]))
        for n, qq in enumerate(qs):
            if not 0 < qq <= 2:
                raise InputError(f"q scan value {qq} is outside (0, 2].")
            b, b_se, imm, obj, other = _select(y, mask, qq, tolerance, cancelled, estimator)
            scan.append((qq, np.exp(b), [e for e, m in zip(elements, imm) if m]))
            if qq == q:
                beta, se, immobile_mask, objective, runner_up = b, b_se, imm, obj, other
            if progress:
                progress((n + 1) / len(qs))
        if not immobile_mask.any():
            notes.append(f"No element changed by less than the tolerance ({tolerance:g} in "
                         "log ratio) in all samples: the mass ratios are the sparse optimum "
                         "without an isocon through immobile elements.")
        if runner_up is not None and runner_up[1] <= objective * (1 + AMBIGUITY):
            notes.append(
                "Ambiguous: another group of elements gives an isocon almost as good "
                f"(evaluation {runner_up[1]:.4g} against {objective:.4g}) with M_A/M_O = "
                + ", ".join(f"{a:.3f}" for a in runner_up[0]) + ". Check which group is "
                "geologically immobile, or use the classical mode.")
        if immobile_mask.any() and not (mask & immobile_mask[:, None]).any(axis=0).all():
            notes.append("Samples without a value for any immobile element keep the sparse "
                         "optimum's mass ratio (no standard error).")
        q_used = q
        if not q_scan:
            scan = []

    alpha = np.exp(beta)
    r = (y + beta[None]).T                                        # (M, N)
    with np.errstate(invalid="ignore"):
        rel = alpha[:, None] * ratio - 1.0
    absolute = rel * ref[None]
    with np.errstate(invalid="ignore"):
        # inf for an element lost completely somewhere, NaN if never measured
        counts = np.isfinite(rel).sum(axis=0)
        rms = np.where(counts > 0, np.sqrt(np.nansum(r ** 2, axis=0)
                                           / np.maximum(counts, 1)), np.nan)
    score = np.where(np.isnan(r), -1.0, np.abs(r))                # missing: least mobile
    return IsoconResult(
        mode=mode, reference=reference_name, samples=samples, elements=elements,
        units=units, reference_values=ref, altered_values=alt, mass_ratio=alpha,
        mass_ratio_se=alpha * se, immobile=immobile_mask, relative_change=rel,
        absolute_change=absolute, log_change=r, mobility=rms,
        mobility_rank=_ranks(np.where(np.isnan(rms), -1.0, rms)), sample_rank=np.array([_ranks(s) for s in score]),
        q=q_used, tolerance=tolerance if mode == "sparse" else math.nan,
        objective=objective, scan=scan, dropped=dropped, notes=notes, estimator=estimator)


def _ranks(score):
    """1 for the largest score."""
    order = np.argsort(-np.asarray(score), kind="stable")
    ranks = np.empty(len(order), int)
    ranks[order] = np.arange(1, len(order) + 1)
    return ranks


def numeric_columns(columns, rows):
    """Indices of the columns that hold numbers: more than half of their non-empty cells
    parse as numbers (so a typo in a number column is still reported, and a text column
    such as a rock name is left out)."""
    keep = []
    for c in range(len(columns)):
        cells = [r[c] for r in rows if r[c] is not None and str(r[c]).strip() != ""]
        numbers = 0
        for v in cells:
            try:
                float(v)
                numbers += 1
            except (TypeError, ValueError):
                pass
        if cells and numbers * 2 > len(cells):
            keep.append(c)
    return keep


def isocon_table(sample_names, columns, rows, reference, *, samples=None, units_text=None,
                 guess_columns=False, **options):
    """Isocon analysis straight from a table's raw rows (what a layer or CSV gives).

    sample_names: one per row; columns: the element columns; rows: raw cell values
    (numbers, numeric text, None for missing). `reference` names the protolith row;
    `samples` (default: every other row) the altered ones.  With `guess_columns` the
    columns are candidates of an untyped table and only `numeric_columns` are used.
    Options as `isocon`.
    """
    if guess_columns:
        keep = numeric_columns(columns, rows)
        columns = [columns[c] for c in keep]
        rows = [[r[c] for c in keep] for r in rows]
    names, values = composition_table(sample_names, columns, rows)
    if reference not in names:
        raise InputError(f"Reference sample '{reference}' is not in the table (samples: "
                         f"{', '.join(names[:20])}{' ...' if len(names) > 20 else ''}).")
    chosen = [str(s) for s in samples] if samples else [n for n in names if n != reference]
    unknown = [s for s in chosen if s not in names]
    if unknown:
        raise InputError(f"Sample(s) {', '.join(unknown)} are not in the table.")
    chosen = [s for s in chosen if s != reference]
    if not chosen:
        raise InputError("The table has no altered sample besides the reference "
                         f"'{reference}': add at least one.")
    units = parse_units(units_text, list(columns))
    return isocon(values[names.index(reference)], values[[names.index(s) for s in chosen]],
                  list(columns), units=units, sample_names=chosen, reference_name=reference,
                  **options)


# -- a suite with a known truth (tests, benchmarks, trying the method) ----------------
def synthetic_suite(seed, n=20, k=8, alphas=(0.7, 0.85, 1.2, 1.5), noise=0.05):
    """(reference, altered, immobile mask, names, alphas) with a known truth.

    A random protolith (log-uniform 0.05 to 500), k immobile elements out of n, mass
    change ratios `alphas` (M_A/M_O), every mobile element changed by a factor
    exp(+-U(0.3, 1.2)) (the same sign in all samples, 35 % to 230 %), then
    multiplicative log-normal noise of `noise` on every analysis, the reference included.
    """
    rng = np.random.default_rng(seed)
    alphas = np.asarray(alphas, dtype=float)
    c0 = np.exp(rng.uniform(np.log(0.05), np.log(500.0), n))
    immobile = np.zeros(n, bool)
    immobile[rng.choice(n, k, replace=False)] = True
    u = rng.uniform(0.3, 1.2, (len(alphas), n)) * rng.choice([-1, 1], n)[None]
    u[:, immobile] = 0.0
    altered = c0[None] * np.exp(u) / alphas[:, None]
    altered *= np.exp(rng.normal(0.0, noise, altered.shape))
    reference = c0 * np.exp(rng.normal(0.0, noise, n))
    return reference, altered, immobile, [f"E{i}" for i in range(n)], alphas


# -- the report ---------------------------------------------------------------------
def _pct(value):
    return "\u2014" if not np.isfinite(value) else f"{100 * value:+.1f} %"


def isocon_diagram(result, j):
    """Isocon diagram of sample j as inline SVG (see `isocon_figure`)."""
    return report.svg_figure(isocon_figure(result, j))


def isocon_figure(result, j, title=None):
    """Isocon diagram of sample j: scaled C^O (x) against scaled C^A (y), a Figure.

    Each element is scaled by its own factor (Grant 1986) so that the reference points
    lie evenly spaced along x; scaling moves a point along its ray from the origin, so
    the isocon (slope M_O/M_A = 1/alpha) and the gains/losses read from it are unchanged.
    """
    n = len(result.elements)
    scale = np.arange(1, n + 1) * (100.0 / n) / result.reference_values
    x = scale * result.reference_values
    y = scale * result.altered_values[j]
    fig = report.figure(6.4, 5.2)
    ax = fig.add_subplot()
    right = np.nanmax(x) * 1.08
    top = max(right, np.nanmax(np.where(np.isfinite(y), y, np.nan)) * 1.08)
    ax.plot([0, right], [0, right], color="#999", lw=1, ls="--", label="constant mass")
    alpha = result.mass_ratio[j]
    if np.isfinite(alpha):
        ax.plot([0, right], [0, right / alpha], color="#c0392b", lw=1.5,
                label=f"isocon, slope {1 / alpha:.4f} (M_A/M_O = {alpha:.4f})")
    imm = result.immobile
    ax.scatter(x[~imm], y[~imm], s=28, facecolors="white", edgecolors="#1f4e79",
               label="mobile")
    ax.scatter(x[imm], y[imm], s=36, color="#c0392b", label="immobile")
    for xi, yi, name in zip(x, y, result.elements):
        if np.isfinite(yi):
            ax.annotate(name, (xi, yi), xytext=(3, 3), textcoords="offset points",
                        fontsize=8)
    ax.set_xlim(0, right)
    ax.set_ylim(0, top)
    ax.set_xlabel(f"{result.reference} (scaled)")
    ax.set_ylabel(f"{result.samples[j]} (scaled)")
    ax.legend(fontsize=8, loc="upper left")
    if title:
        ax.set_title(title, fontsize=9)
    return fig


def gains_losses_chart(result, j):
    """Bar chart of dC/C^O (%) of sample j, immobile elements grey."""
    rel = 100 * result.relative_change[j]
    fig = report.figure(6.4, 3.2)
    ax = fig.add_subplot()
    colours = ["#999" if m else ("#2e7d32" if v >= 0 else "#c0392b")
               for v, m in zip(np.nan_to_num(rel), result.immobile)]
    ax.bar(range(len(rel)), np.nan_to_num(rel), color=colours)
    ax.axhline(0, color="#333", lw=0.8)
    ax.set_xticks(range(len(rel)))
    ax.set_xticklabels(result.elements, rotation=90, fontsize=8)
    ax.set_ylabel("change relative to the reference (%)")
    return report.svg_figure(fig)


def report_html(result):
    """The HTML report: mass ratios, q scan, per sample its isocon diagram and changes."""
    estimator = {"geometric-mean": "slope = geometric mean of the immobile ratios",
                 "mean-slope": "slope = arithmetic mean of the immobile ratios (GCDkit)"}[
                     result.estimator]
    method = (f"classical isocon through the chosen immobile elements (Grant 1986, 2005), "
              f"{estimator}" if result.mode == "classical" else
              f"sparse isocon (after Kuwatani et al. 2020), q = {result.q:g}, tolerance "
              f"{result.tolerance:g} in log ratio")
    summary = report.table(
        ["sample", "isocon slope M_O/M_A", "\u00b1 1 s.e.", "M_A/M_O", "\u00b1 1 s.e.",
         "mass change", "immobile elements"],
        [[s, result.slope[j], result.slope_se[j], result.mass_ratio[j], result.mass_ratio_se[j],
          _pct(result.mass_ratio[j] - 1), ", ".join(result.immobile_names) or "\u2014"]
         for j, s in enumerate(result.samples)])
    notes = "".join(f"<p class='note'>{html.escape(n)}</p>" for n in result.notes)
    sections = [("Summary", f"<p>Reference <b>{html.escape(result.reference)}</b>; "
                            f"method: {html.escape(method)}.</p>{summary}{notes}")]
    if result.scan:
        sections.append(("Dependence on q", report.table(
            ["q", *result.samples, "immobile elements"],
            [[f"{q:g}", *alpha, ", ".join(names) or "\u2014"]
             for q, alpha, names in result.scan])))
    order = np.argsort(result.mobility_rank)
    sections.append(("Element mobility", report.table(
        ["rank", "element", "unit", "RMS log change", "immobile"],
        [[str(result.mobility_rank[i]), result.elements[i], result.units[i],
          result.mobility[i], "yes" if result.immobile[i] else ""] for i in order])))
    for j, s in enumerate(result.samples):
        rows = [[e, result.units[i], result.reference_values[i], result.altered_values[j, i],
                 _pct(result.relative_change[j, i]), result.absolute_change[j, i]]
                for i, e in enumerate(result.elements)]
        sections.append((f"Sample {s}", isocon_diagram(result, j)
                         + gains_losses_chart(result, j) + report.table(
            ["element", "unit", "reference", "altered", "dC/C\u2070", "dC (unit per mass of "
             "reference)"], rows)))
    return report.page("Isocon analysis", sections)
