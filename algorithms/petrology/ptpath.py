"""Bayesian P-T path from a zoned mineral: Gaussian Markov random field over growth zones.

Kuwatani, Nagata, Okada & Toriumi (2012) Contrib. Mineral. Petrol. 163:547 estimate
the pressure and temperature of every growth zone of a zoned garnet jointly: the prior
is a Gaussian Markov chain on the successive differences of P and of T (a mineral grows
while P and T change continuously), the likelihood says that each zone's compositions
satisfy the equilibria recorded there; Kuwatani et al. (2018) J. Mineral. Petrol. Sci.
113:82 apply it to inclusions with garnet-biotite thermometry and GASP barometry, where
many zones lack one equilibrium and get their P or T through the prior.

Here each equilibrium is a straight line in P-T space (thermobarometry.py):
a thermometer says T_i = T_cal(P_i) + e, a barometer P_i = P_cal(T_i) + e, with e
Gaussian: the analytical precision of the oxides propagated to the line (Monte Carlo)
plus a scatter sigma_j per calibration. With the prior (order 1, Kuwatani et al.)
  p(P, T) ~ exp(-sum_i (P_i+1 - P_i)^2 / (2 s_P^2 w_i) - sum_i (T_i+1 - T_i)^2 / (2 s_T^2 w_i))
(w_i: spacing of the zones relative to the mean, 1 when not given), or the same on the
changes of successive slopes (order 2), or both with a scale each ("1+2", the default),
the posterior given the hyperparameters theta = (scales, sigma_j) is Gaussian and the evidence
p(data | theta) is exact (linear-Gaussian model: log Z = -1/2 (y'Wy - m'Hm)
+ 1/2 log|Q| - 1/2 log|H| + 1/2 log|W| - M/2 log 2 pi, Q prior precision,
H = Q + G'WG posterior precision, m = H^-1 G'Wy).

- MAP path: theta maximising the evidence (type-II maximum likelihood, as Kuwatani et
  al. choose their hyperparameters), then the posterior mode at that theta.
- Posterior samples: Markov chain Monte Carlo over theta (random-walk Metropolis on
  log theta, flat prior on log theta within wide bounds, many chains vectorised) with
  the path drawn exactly from its Gaussian conditional at each kept theta: samples of
  the posterior with the hyperparameters marginalised.

The scatter sigma_j is zone-to-zone noise (analyses, local disequilibrium). A
calibration's own systematic uncertainty moves the whole path: it is reported apart, or
(systematic=True) marginalised as an offset per calibration common to all zones.
"""
from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field

import numpy as np

from ..blas import single_threaded
from ..errors import Cancelled, InputError, check_choice
from . import mineral
from .thermobarometry import CALIBRATIONS, KELVIN, PHASE_MINERAL, calibration

# prior centre for the (improper) level of the path and its tiny precision
CENTRE_P, CENTRE_T, EPS_P, EPS_T = 8.0, 600.0, 1e-6, 1e-8
PRIORS = ("1", "2", "1+2")
BOUNDS_SMOOTH = {"P": (1e-3, 30.0), "T": (0.05, 3000.0)}     # kbar, C per zone step
START_SMOOTH = {"P": 0.3, "T": 15.0}
BOUNDS_NOISE = {"P": (1e-3, 10.0), "T": (0.1, 300.0)}


@dataclass
class Zone:
    """One growth zone: its position and the apfu of garnet and of each paired phase."""
    label: str
    distance: float
    phases: dict            # {"grt": apfu, "bt": apfu, ...}
    oxides: dict = field(default_factory=dict)     # {"grt": {oxide: wt%}} when given


@dataclass
class Observations:
    """Linear equilibrium rows g.x = y over x = [P_1..P_N, T_1..T_N]."""
    n_zones: int
    names: list             # calibration names in use
    zone: np.ndarray        # zone index of each row
    which: np.ndarray       # index into names
    g: np.ndarray           # (rows, 2): coefficient of P_i and of T_i
    y: np.ndarray
    analytic: np.ndarray    # 1-sigma of each row propagated from the analyses (C or kbar)
    counts: np.ndarray = field(default=None)    # equilibria per zone


# -- reading a zone table ------------------------------------------------------------------
BELOW_DETECTION = ("bdl", "b.d.l.", "<dl", "<lod", "n.d.", "nd", "tr", "tr.")


def _number(text, where=""):
    """A table cell: empty/NA -> NaN (phase absent), below detection (bdl, n.d., <x) -> 0."""
    text = (text or "").strip()
    low = text.lower()
    if text == "" or low in ("na", "n/a", "nan", "-"):
        return math.nan
    if low in BELOW_DETECTION or low.startswith("<"):
        return 0.0
    try:
        return float(text)
    except ValueError:
        raise InputError(f"{text!r}{where} is not a number.") from None


def zones_from_rows(rows):
    """Zones from dict rows: columns PHASE_OXIDE (wt%) or PHASE_CATION (apfu).

    PHASE is grt (host garnet), bt, pl, cpx or phe; OXIDE as in mineral.OXIDES (FeO
    for total iron), CATION Fe, Fe2, Mg, Ca, Mn, Na, K, Al, Ti, Si. Optional columns: zone (label),
    distance (from the core, any unit). Rows are zones from core to rim.
    """
    zones = []
    for n, row in enumerate(rows):
        row = {k.strip(): v for k, v in row.items() if k is not None}
        phases, given = {}, {}
        for phase, mineral_name in PHASE_MINERAL.items():
            oxides, cations = {}, {}
            for key, text in row.items():
                if not key.lower().startswith(phase + "_"):
                    continue
                item = key[len(phase) + 1:]
                value = _number(text, f" (row {n + 1}, column {key})")
                if item in mineral.OXIDES:
                    oxides[item] = value
                elif item in ("Fe", "Fe2", "Mg", "Ca", "Mn", "Na", "K", "Al", "Ti", "Si"):
                    cations["Fe2" if item == "Fe" else item] = value
            # a phase is there when any of its cells holds a number; empty cells of a
            # phase that is there (an oxide not analysed) are left out
            oxides = {k: v for k, v in oxides.items() if math.isfinite(v)}
            cations = {k: v for k, v in cations.items() if math.isfinite(v)}
            if oxides:
                phases[phase] = {k: float(v) for k, v in mineral.formula(
                    oxides, mineral.MINERALS[mineral_name][0]).items()}
                given[phase] = oxides
            elif cations:
                phases[phase] = cations
        label = (row.get("zone") or str(n + 1)).strip()
        distance = _number(row.get("distance", "")) if "distance" in row else float(n)
        zones.append(Zone(label, float(n) if math.isnan(distance) else distance, phases,
                          given))
    if not zones:
        raise InputError("The zone table has no rows.")
    return zones


def read_zones(path):
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            sample = handle.read(4096)
            handle.seek(0)
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
            return zones_from_rows(list(csv.DictReader(handle, dialect=dialect)))
    except (OSError, csv.Error) as error:
        raise InputError(f"Cannot read the zone table {path}: {error}.") from error


def _analytic_sigma(zone, cal, analytical, rng, draws=64):
    """1-sigma of a row's T (thermometer, at 8 kbar) or P (barometer, at 600 C) from the
    analytical precision (relative, absolute wt%) of the oxides, by Monte Carlo."""
    phases = ("grt",) + cal.phases
    if analytical is None or not all(p in zone.oxides for p in phases):
        return 0.0
    rel, absolute = analytical
    apfu = {}
    for p in phases:
        noisy = {k: v + rng.standard_normal(draws) * (rel * v + absolute)
                 for k, v in zone.oxides[p].items()}
        apfu[p] = mineral.formula(noisy, mineral.MINERALS[PHASE_MINERAL[p]][0])
    others = {p: apfu[p] for p in cal.phases}
    with np.errstate(invalid="ignore", divide="ignore"):
        value = (cal.temperature(apfu["grt"], others, CENTRE_P) if cal.kind == "T"
                 else cal.pressure(apfu["grt"], others, CENTRE_T))
    value = value[np.isfinite(value)]
    return float(np.std(value)) if value.size > 2 else 0.0


def observations(zones, names, analytical=(0.01, 0.02), seed=0):
    """The equilibrium lines recorded by each zone (a zone lacking a phase has none).

    analytical: (relative, absolute wt%) 1-sigma precision of the oxide analyses; it is
    propagated to each line's T or P (None: analyses taken as exact).
    """
    rng = np.random.default_rng(seed)
    cals = [calibration(n) for n in names]
    if not any(c.kind == "T" for c in cals) or not any(c.kind == "P" for c in cals):
        raise InputError("Choose at least one thermometer (grt-bt, grt-cpx, grt-phe) and "
                         "one barometer (gasp): a path needs both P and T information.")
    zone, which, g, y, sig = [], [], [], [], []
    for i, z in enumerate(zones):
        grt = z.phases.get("grt")
        if grt is None:
            continue
        for j, cal in enumerate(cals):
            if not all(p in z.phases for p in cal.phases):
                continue
            others = {p: z.phases[p] for p in cal.phases}
            coef = [float(c) for c in np.broadcast_arrays(*cal.coefficients(grt, others))]
            if cal.kind == "T":        # T - (B/D) P = A/D - 273.15
                a, b, d = coef
                row, target = (-b / d, 1.0), a / d - KELVIN
            else:                      # P - b T = a + 273.15 b
                a, b = coef
                row, target = (1.0, -b), a + KELVIN * b
            if not (np.all(np.isfinite(row)) and math.isfinite(target)):
                continue
            zone.append(i)
            which.append(j)
            g.append(row)
            y.append(target)
            sig.append(_analytic_sigma(z, cal, analytical, rng))
    if not zone:
        raise InputError("No zone holds a usable equilibrium: give garnet (grt_*) and paired "
                         "phase columns (bt_*, pl_*, cpx_*, phe_*) with positive Fe and Mg.")
    zone = np.asarray(zone)
    counts = np.bincount(zone, minlength=len(zones))
    return Observations(len(zones), list(names), zone, np.asarray(which),
                        np.asarray(g, dtype=np.float64), np.asarray(y, dtype=np.float64),
                        np.asarray(sig), counts)


# -- the Gaussian model ---------------------------------------------------------------------
def _difference_precision(n, distances, order):
    """D'D/step for the successive differences (order 1) or slope changes (order 2)."""
    steps = np.ones(max(n - 1, 0))
    if distances is not None and n > 1:
        d = np.abs(np.diff(np.asarray(distances, dtype=np.float64)))
        if np.all(d > 0):
            steps = d / d.mean()
    diff = np.zeros((max(n - 1, 0), n))
    idx = np.arange(n - 1)
    diff[idx, idx], diff[idx, idx + 1] = -1.0, 1.0
    if order == 2:
        slope = diff / steps[:, None]
        diff = slope[1:] - slope[:-1]
        steps = 0.5 * (steps[1:] + steps[:-1])
    return diff.T @ (diff / steps[:, None])


class PathModel:
    """Precomputed pieces of the linear-Gaussian model; evaluates batches of theta.

    Row k of calibration j has noise variance sigma_a,k^2 + sigma_j^2: the analytical
    part propagated from the analyses (fixed) plus a scatter sigma_j (hyperparameter).
    """

    def __init__(self, obs, distances=None, prior="1+2", systematic=False):
        n = obs.n_zones
        self.obs, self.n = obs, n
        orders = {"1": (1,), "2": (2,), "1+2": (1, 2)}[check_choice("prior", prior, PRIORS)]
        # one precision matrix per (variable, order); a scale hyperparameter for each
        self.terms = [(var, _difference_precision(n, distances, o))
                      for var in ("P", "T") for o in orders]
        self.term_names = [(var, o) for var in ("P", "T") for o in orders]
        self.n_terms = len(self.terms)
        self.centre = np.r_[np.full(n, CENTRE_P), np.full(n, CENTRE_T)]
        self.kinds = [CALIBRATIONS[name].kind for name in obs.names]
        k = len(obs.y)
        # systematic: one offset per calibration (its T or P shifted in every zone), a
        # variable with the calibration's quoted 1-sigma as prior; marginalising it puts
        # the calibration uncertainty into the intervals
        self.offset_sd = (np.array([CALIBRATIONS[name].sigma for name in obs.names])
                          if systematic else np.zeros(0))
        self.n_var = 2 * n + len(self.offset_sd)
        rows = np.zeros((k, self.n_var))
        rows[np.arange(k), obs.zone] = obs.g[:, 0]
        rows[np.arange(k), n + obs.zone] = obs.g[:, 1]
        if systematic:
            rows[np.arange(k), 2 * n + obs.which] = -1.0
        self.centre = np.r_[self.centre, np.zeros(len(self.offset_sd))]
        self.rows = rows
        self.resid = obs.y - rows @ self.centre
        self.outer = np.einsum("ki,kj->kij", rows, rows).reshape(k, -1)
        self.onehot = (obs.which[None, :] == np.arange(len(obs.names))[:, None]).astype(float)
        self.analytic_var = obs.analytic ** 2
        self.row_scale = np.ones(k)     # variance multipliers (robust reweighting)
        lo = ([BOUNDS_SMOOTH[v][0] for v, _ in self.terms]
              + [BOUNDS_NOISE[c][0] for c in self.kinds])
        hi = ([BOUNDS_SMOOTH[v][1] for v, _ in self.terms]
              + [BOUNDS_NOISE[c][1] for c in self.kinds])
        self.log_bounds = np.log(np.array([lo, hi]))

    def start(self):
        """A starting theta (log): smooth path, noise at a tenth of the calibration sigma."""
        noise = [CALIBRATIONS[name].sigma / 10 for name in self.obs.names]
        smooth = [START_SMOOTH[v] for v, _ in self.terms]
        return np.log(np.r_[smooth, noise])

    def evaluate(self, log_theta, draws=None, rng=None):
        """log evidence (C,), conditional mean of the path (C, 2N) and optionally path
        draws (C, draws, 2N)."""
        th = np.exp(np.atleast_2d(log_theta))
        n = self.n
        c = th.shape[0]
        t = self.n_terms
        w = 1.0 / ((self.analytic_var[None, :] + (th[:, t:] ** 2) @ self.onehot)
                   * self.row_scale[None, :])                              # (C, rows)
        v = self.n_var
        h = (w @ self.outer).reshape(c, v, v)
        q = np.zeros((c, 2, n, n))
        q[:, 0, np.arange(n), np.arange(n)] = EPS_P
        q[:, 1, np.arange(n), np.arange(n)] = EPS_T
        for j, (var, lap) in enumerate(self.terms):
            q[:, 0 if var == "P" else 1] += lap / th[:, j, None, None] ** 2
        h[:, :n, :n] += q[:, 0]
        h[:, n:2 * n, n:2 * n] += q[:, 1]
        h[:, np.arange(2 * n, v), np.arange(2 * n, v)] += 1.0 / self.offset_sd ** 2
        rhs = (w * self.resid) @ self.rows                                  # (C, V)
        try:
            chol = np.linalg.cholesky(h)
        except np.linalg.LinAlgError:
            return np.full(c, -np.inf), None, None
        mean = np.linalg.solve(h, rhs[..., None])[..., 0]
        log_det_h = 2 * np.log(np.diagonal(chol, axis1=1, axis2=2)).sum(axis=1)
        log_det_q = (np.linalg.slogdet(q)[1].sum(axis=1)
                     - 2 * np.log(self.offset_sd).sum())
        log_det_w = np.log(w).sum(axis=1)
        quad = w @ self.resid ** 2 - np.einsum("ci,ci->c", mean, rhs)
        log_z = 0.5 * (-quad + log_det_q - log_det_h + log_det_w
                       - len(self.resid) * math.log(2 * math.pi))
        out = None
        if draws:
            z = rng.standard_normal((c, v, draws))
            # x = m + L^-T z has covariance H^-1
            out = mean[:, :, None] + np.linalg.solve(np.swapaxes(chol, 1, 2), z)
            out = (np.swapaxes(out, 1, 2) + self.centre)[:, :, :2 * n]
        return log_z, (mean + self.centre)[:, :2 * n], out

    def inside(self, log_theta):
        return np.all((log_theta >= self.log_bounds[0]) & (log_theta <= self.log_bounds[1]),
                      axis=-1)


@dataclass
class PathResult:
    names: list
    labels: list
    distance: np.ndarray
    counts: np.ndarray
    map_p: np.ndarray
    map_t: np.ndarray
    theta: dict             # evidence-maximising hyperparameters
    log_evidence: float
    samples: np.ndarray     # (S, 2N): P then T
    acceptance: float       # MCMC acceptance, or the particle filter's smallest ESS fraction
    time: np.ndarray = None     # relative growth time of each zone (P-T-t paths)
    systematic: bool = False    # calibration uncertainties marginalised into the intervals

    def summary(self, level=0.95):
        n = len(self.map_p)
        p, t = self.samples[:, :n], self.samples[:, n:]
        q = [(1 - level) / 2 * 100, (1 + level) / 2 * 100]
        corr = np.array([np.corrcoef(p[:, i], t[:, i])[0, 1] for i in range(n)])
        return {"P_map": self.map_p, "T_map": self.map_t,
                "P_mean": p.mean(0), "P_sd": p.std(0),
                "P_lo": np.percentile(p, q[0], axis=0), "P_hi": np.percentile(p, q[1], axis=0),
                "T_mean": t.mean(0), "T_sd": t.std(0),
                "T_lo": np.percentile(t, q[0], axis=0), "T_hi": np.percentile(t, q[1], axis=0),
                "PT_corr": corr}


def maximise_evidence(model):
    from scipy.optimize import minimize

    def cost(v):
        if not model.inside(v):
            return 1e12
        return -float(model.evaluate(v)[0][0])

    best = None
    for shift in (0.0, -1.5, 1.5):
        x0 = np.clip(model.start() + shift, *model.log_bounds)
        res = minimize(cost, x0, method="Nelder-Mead",
                       options={"xatol": 1e-3, "fatol": 1e-4, "maxiter": 4000})
        if best is None or res.fun < best.fun:
            best = res
    return best.x, -best.fun


def sample_posterior(model, start, n_samples=4000, chains=32, burn=150, seed=0,
                     progress=None, cancelled=None):
    """Random-walk Metropolis on log theta (chains vectorised) + exact path draws."""
    rng = np.random.default_rng(seed)
    dim = len(start)
    keep_steps = max(1, math.ceil(n_samples / chains))
    theta = start + 0.05 * rng.standard_normal((chains, dim))
    theta = np.clip(theta, *model.log_bounds)
    log_p = model.evaluate(theta)[0]
    step = np.full(dim, 0.5 * 2.38 / math.sqrt(dim))
    accepted, total, draws = 0, 0, []
    for it in range(burn + keep_steps):
        if cancelled is not None and cancelled():
            raise Cancelled()
        proposal = theta + step * rng.standard_normal((chains, dim))
        ok = model.inside(proposal)
        lp_new = np.full(chains, -np.inf)
        if ok.any():
            lp_new[ok] = model.evaluate(proposal[ok])[0]
        accept = np.log(rng.uniform(size=chains)) < lp_new - log_p
        theta[accept], log_p[accept] = proposal[accept], lp_new[accept]
        if it < burn:
            rate = accept.mean()
            step *= math.exp(0.5 * (rate - 0.3)) if it % 10 == 9 else 1.0
        else:
            accepted += int(accept.sum())
            total += chains
            draws.append(model.evaluate(theta, draws=1, rng=rng)[2][:, 0, :])
        if progress is not None and it % 20 == 0:
            progress(0.2 + 0.8 * it / (burn + keep_steps))
    return np.concatenate(draws)[:n_samples], accepted / max(total, 1)


def estimate_path(zones, names=("grt-bt", "gasp"), n_samples=4000, seed=0, use_distance=True,
                  analytical=(0.01, 0.02), prior="1+2", systematic=False, progress=None,
                  cancelled=None):
    """MAP path (evidence-maximised hyperparameters) and posterior samples for all zones.

    systematic: also marginalise each calibration's quoted uncertainty as an offset
    common to all zones (wider intervals; the offsets are weakly identified through the
    zone-to-zone change of the lines' slopes, so the MAP may move within them)."""
    return single_threaded(_estimate_path, zones, names, n_samples, seed, use_distance,
                           analytical, prior, systematic, progress, cancelled)


def _estimate_path(zones, names, n_samples, seed, use_distance, analytical, prior, systematic,
                   progress, cancelled):
    if len(zones) < 3:
        raise InputError(f"A path needs at least 3 growth zones; the table has {len(zones)}.")
    obs = observations(zones, names, analytical, seed)
    distance = np.array([z.distance for z in zones], dtype=np.float64)
    model = PathModel(obs, distance if use_distance else None, prior, systematic)
    if progress is not None:
        progress(0.0)
    best, log_z = maximise_evidence(model)
    _, mean, _ = model.evaluate(best)
    samples, acc = sample_posterior(model, best, n_samples=n_samples, seed=seed,
                                    progress=progress, cancelled=cancelled)
    th = np.exp(best)
    theta = {f"s{order}_{var}": v for (var, order), v in zip(model.term_names, th)}
    theta.update({f"sigma_{name}": v for name, v in zip(obs.names, th[model.n_terms:])})
    n = len(zones)
    return PathResult(list(obs.names), [z.label for z in zones], distance, obs.counts,
                      mean[0, :n], mean[0, n:], theta, log_z, samples, acc,
                      systematic=systematic)


# -- forward model for synthetic tests and benchmarks ---------------------------------------
def oxides_from_apfu(apfu):
    """wt% oxides (summing to 100) of a formula given as {cation: apfu}."""
    by_cation = {v[3]: (k, v) for k, v in mineral.OXIDES.items()}
    grams = {}
    for cation, n in apfu.items():
        oxide, (mass, cats, _, _) = by_cation[cation]
        grams[oxide] = n / cats * mass
    total = sum(grams.values())
    return {k: 100 * v / total for k, v in grams.items()}


def synthetic_zones(pressure, temperature, rng, rel_noise=0.01, abs_noise=0.02,
                    missing=0.5):
    """Zones whose garnet-biotite and GASP equilibria hold exactly at the given path.

    A garnet zoned from core (Sps-rich) to rim (Prp-richer), biotite Mg/Fe from the
    Ferry & Spear KD at (P, T), plagioclase X_An from the GASP K at (P, T); oxide wt% of
    each phase with Gaussian analytical noise (rel_noise * wt + abs_noise, 1 sigma);
    a fraction `missing` of the zones lack biotite or plagioclase (chosen at random).
    """
    n = len(pressure)
    s = np.linspace(0, 1, n)
    sps, grs = 0.12 * (1 - s) ** 2 + 0.01, 0.10 - 0.04 * s
    prp = 0.06 + 0.08 * s
    alm = 1 - sps - grs - prp
    t_k = np.asarray(temperature) + KELVIN
    p_bar = np.asarray(pressure) * 1000
    ln_kd = (4.662 - (12454 + 0.057 * p_bar) / t_k) / (3 * 1.987)   # Ferry & Spear eq. 7
    bt_ratio = (prp / alm) / np.exp(ln_kd)              # (Mg/Fe) of biotite
    ln_k = (48357 - 150.66 * t_k + 6.608 * (p_bar - 1)) / (8.3144598 * t_k)
    an = grs / np.exp(ln_k / 3)
    lacking = rng.permutation(n)[: int(round(missing * n))]
    which = rng.integers(0, 2, size=len(lacking))
    rows = []
    for i in range(n):
        phases = {"grt": {"Fe2": 3 * alm[i], "Mg": 3 * prp[i], "Ca": 3 * grs[i],
                          "Mn": 3 * sps[i], "Al": 2.0, "Si": 3.0},
                  "bt": {"K": 0.9, "Fe2": 2.6 / (1 + bt_ratio[i]),
                         "Mg": 2.6 * bt_ratio[i] / (1 + bt_ratio[i]), "Ti": 0.1, "Al": 1.6,
                         "Si": 2.75},
                  "pl": {"Ca": an[i], "Na": 1 - an[i], "Al": 1 + an[i], "Si": 3 - an[i]}}
        if i in lacking:
            del phases["bt" if which[list(lacking).index(i)] == 0 else "pl"]
        row = {"zone": str(i + 1), "distance": f"{i * 10.0:.1f}"}
        for phase, apfu in phases.items():
            for oxide, wt in oxides_from_apfu(apfu).items():
                noisy = wt + rng.normal(0, rel_noise * wt + abs_noise)
                row[f"{phase}_{oxide}"] = f"{max(noisy, 0.001):.3f}"
        rows.append(row)
    return rows


# -- outputs ---------------------------------------------------------------------------------
TABLE_COLUMNS = ["zone", "distance", "time", "equilibria", "P_map", "P_mean", "P_lo", "P_hi",
                 "T_map", "T_mean", "T_lo", "T_hi", "P_sd", "T_sd", "PT_corr",
                 "P_single", "T_single"]


def single_zone_estimates(zones, names):
    """Conventional P-T of each zone: the first thermometer crossed with the first
    barometer, where the zone has both (NaN otherwise)."""
    from .thermobarometry import intersect
    cals = [calibration(n) for n in names]
    therm = next(c for c in cals if c.kind == "T")
    baro = next(c for c in cals if c.kind == "P")
    p, t = np.full(len(zones), np.nan), np.full(len(zones), np.nan)
    for i, z in enumerate(zones):
        need = ("grt",) + therm.phases + baro.phases
        if all(k in z.phases for k in need):
            p[i], t[i] = intersect(therm, baro, z.phases["grt"],
                                   {k: z.phases[k] for k in therm.phases},
                                   {k: z.phases[k] for k in baro.phases})
    return p, t


def table_rows(result, single):
    s = result.summary()
    rows = []
    for i, label in enumerate(result.labels):
        time = math.nan if result.time is None else float(result.time[i])
        rows.append([label, result.distance[i], time, int(result.counts[i])]
                    + [float(s[k][i]) for k in TABLE_COLUMNS[4:15]]
                    + [float(single[0][i]), float(single[1][i])])
    return rows


def report_html(result, single, source, extra_sections=()):
    from .. import report
    s = result.summary()
    n = len(result.map_p)
    p_samples, t_samples = result.samples[:, :n], result.samples[:, n:]
    ellipses = []
    for i in range(n):
        cov = np.cov(t_samples[:, i], p_samples[:, i])
        ellipses.append((s["T_mean"][i], s["P_mean"][i], cov[0, 0], cov[1, 1], cov[0, 1],
                         "#d95f02"))
    path = report.svg_plot(
        [(result.map_t, result.map_p, {"color": "#1b5e9e", "marker": True,
                                       "label": "MAP path (core to rim)"}),
         (single[1], single[0], {"color": "#555", "line": False, "marker": True,
                                 "label": "single-zone intersections"})],
        xlabel="Temperature (\u00b0C)", ylabel="Pressure (kbar)", ellipses=ellipses)
    d = result.distance if result.time is None else result.time
    along = "Distance from the core" if result.time is None else "Relative growth time"

    def band(key, unit, label):
        return report.svg_plot(
            [(d, s[f"{key}_map"], {"color": "#1b5e9e", "marker": True, "label": "MAP"}),
             (d, s[f"{key}_lo"], {"color": "#d95f02", "dash": True, "label": "95% interval"}),
             (d, s[f"{key}_hi"], {"color": "#d95f02", "dash": True}),
             (d, single[0 if key == "P" else 1], {"color": "#555", "line": False,
                                                  "marker": True, "label": "single zone"})],
            xlabel=along, ylabel=f"{label} ({unit})", height=260)
    cal_rows = [[name, CALIBRATIONS[name].kind, CALIBRATIONS[name].uncertainty,
                 CALIBRATIONS[name].reference + (f" ({CALIBRATIONS[name].note})"
                                                 if CALIBRATIONS[name].note else "")]
                for name in result.names]
    hyper = [[k, float(v)] for k, v in result.theta.items()]
    zones_missing = int(np.sum(result.counts < len(result.names)))
    if result.time is None:
        sampler = (f"MCMC over the hyperparameters, acceptance {result.acceptance:.2f}, "
                   "the path drawn exactly given them")
    else:
        sampler = ("particle smoother along the growth-law time (Kuwatani et al. 2018, "
                   "Phys. Rev. E 98:043311), smallest effective sample size "
                   f"{100 * result.acceptance:.1f}% of the particles; MAP: the Gaussian "
                   "model's mode on the same time axis")
    intro = (f"<p>{n} growth zones from <code>{source}</code>; {zones_missing} lack at "
             "least one equilibrium and take their P or T through the Markov random field "
             "prior (Kuwatani et al. 2012, Contrib. Mineral. Petrol. 163:547; 2018, J. "
             "Mineral. Petrol. Sci. 113:82). Ellipses: 95% posterior regions of each zone "
             f"from {len(result.samples)} samples ({sampler}).</p>"
             + ("<p class='note'>The intervals include each calibration's systematic "
                "uncertainty (table below), marginalised as an offset common to all "
                "zones.</p>" if result.systematic else
                "<p class='note'>The intervals hold the analytical noise and the "
                "zone-to-zone scatter; a calibration's own systematic uncertainty (table "
                "below) moves the whole path and is not in them.</p>"))
    sections = [
        ("P-T path", intro + path),
        ("Temperature along the profile", band("T", "\u00b0C", "Temperature")),
        ("Pressure along the profile", band("P", "kbar", "Pressure")),
        ("Zones", report.table(TABLE_COLUMNS, table_rows(result, single))),
        ("Hyperparameters (evidence maximum)",
         report.table(["name", "value"], hyper)
         + f"<p>log evidence {result.log_evidence:.2f}. s1: prior scale of successive "
           "differences, s2: of successive slope changes; sigma: zone-to-zone scatter "
           "beyond the propagated analytical noise.</p>"),
        ("Thermobarometers", report.table(["name", "gives", "uncertainty",
                                           "reference"], cal_rows)),
    ]
    return report.page("Bayesian P-T path", sections[:1] + list(extra_sections) + sections[1:])


def run_ptpath(table, output, report_path=None, names=("grt-bt", "gasp"), n_samples=4000,
               seed=0, analytical=(0.01, 0.02), prior="1+2", use_distance=True,
               growth_law=None, partition=50.0, robust=False, systematic=False,
               progress=None, cancelled=None):
    """geoinverse:ptpath: zone table in, path table (CSV) and HTML report out.

    growth_law (ptt.GROWTH_LAWS): P-T against growth time by the particle smoother."""
    from .. import report
    zones = read_zones(table)
    if growth_law:
        from .ptt import estimate_ptt
        result = estimate_ptt(zones, growth_law, names, n_samples, seed, analytical,
                              partition, robust, progress=progress, cancelled=cancelled)
    else:
        result = estimate_path(zones, names, n_samples, seed, use_distance, analytical,
                               prior, systematic, progress, cancelled)
    single = single_zone_estimates(zones, names)
    rows = table_rows(result, single)
    text = report.csv_text(TABLE_COLUMNS, rows)
    page = report_html(result, single, table) if report_path else None
    report.write(output, text)
    if report_path:
        report.write(report_path, page)
    return result
