"""P-T-t path: growth-law time axis and a particle smoother over the growth zones.

Kuwatani, Nagata, Yoshida, Okada & Toriumi (2018) Phys. Rev. E 98:043311 read time from
space: a growth law turns the radius of each zone of a garnet into the (relative) time
it grew, and sequential Monte Carlo along the radius gives P and T against that time.

Growth laws (r: distance of the zone from the core, R: of the rim; tau in [0, 1]):
- "interface": interface-controlled growth, r grows linearly in time: tau = r / R;
- "diffusion": diffusion-controlled growth, r ~ sqrt(t): tau = (r / R)^2;
- "volume": constant volumetric growth rate, r^3 ~ t: tau = (r / R)^3;
- "rayleigh": Rayleigh fractionation of Mn (Hollister 1966, Science 154:1647): garnet
  takes Mn with partition coefficient D, so X_Mn(r) / X_Mn(core) = (1 - F)^(D - 1)
  with F the fraction of the reservoir crystallised; with garnet produced at a constant
  rate, tau = F(r) / F(rim), F = 1 - (X_Mn / X_Mn,core)^(1 / (D - 1)).

State: (P, T) of the zone growing at tau, a Brownian motion in tau (variance
s_P^2 dtau/mean dtau per step, the order-1 Markov random field of ptpath.py with the
zone spacing replaced by time); observations: the equilibrium lines of each zone with
Gaussian noise (analytical + scatter) or, with robust=True, Student-t noise (4 degrees
of freedom) so that an inclusion out of equilibrium does not drag the path.
Hyperparameters: the evidence maximum of the Gaussian model on the same time axis.
Smoother: bootstrap particle filter forward, backward simulation (Godsill, Doucet &
West 2004, J. Am. Stat. Assoc. 99:156) for whole trajectories.
"""
from __future__ import annotations

import math

import numpy as np

from ..blas import single_threaded
from ..errors import Cancelled, InputError, check_choice
from . import ptpath

GROWTH_LAWS = ("interface", "diffusion", "volume", "rayleigh")
BOX = ((0.5, 30.0), (250.0, 1100.0))     # kbar, C: the flat prior of the first zone
NU = 4.0                                  # degrees of freedom of the robust noise


def growth_time(radius, law, mn=None, partition=50.0):
    """Relative time tau (0 at the core, 1 at the rim) of zones at `radius`."""
    check_choice("growth law", law, GROWTH_LAWS)
    r = np.asarray(radius, dtype=np.float64)
    if not np.all(np.isfinite(r)) or np.any(np.diff(r) < 0) or r[-1] <= r[0]:
        raise InputError("A growth law needs the distances of the zones from the core, "
                         "increasing from core to rim (column 'distance').")
    r = (r - r[0]) / (r[-1] - r[0]) if r[0] < 0 else r / r[-1]
    if law == "interface":
        return r
    if law == "diffusion":
        return r ** 2
    if law == "volume":
        return r ** 3
    mn = np.asarray(mn, dtype=np.float64) if mn is not None else None
    if mn is None or not np.all(np.isfinite(mn)) or np.any(mn <= 0):
        raise InputError("The Rayleigh growth law needs the garnet Mn of every zone "
                         "(grt_MnO or grt_Mn) and Mn > 0.")
    if not partition > 1:
        raise InputError(f"The Mn partition coefficient must exceed 1 (got {partition}).")
    ratio = np.minimum(mn / mn[0], 1.0)
    f = 1 - ratio ** (1 / (partition - 1))
    if f[-1] <= 0:
        raise InputError("Garnet Mn does not fall from core to rim: the Rayleigh law "
                         "cannot give a time axis; choose another growth law.")
    return np.maximum.accumulate(f / f[-1])


def _log_lik(model, i, p, t, robust):
    """Log-likelihood of particles (p, t) at zone i under its equilibrium rows."""
    out = np.zeros_like(p)
    rows = np.flatnonzero(model.obs.zone == i)
    for k in rows:
        g0, g1 = model.obs.g[k]
        var = model.row_var[k]
        r2 = (g0 * p + g1 * t - model.obs.y[k]) ** 2 / var
        out += (-0.5 * (NU + 1) * np.log1p(r2 / NU) if robust else -0.5 * r2)
    return out


def particle_smoother(zones, tau, names=("grt-bt", "gasp"), particles=4000, trajectories=500,
                      seed=0, analytical=(0.01, 0.02), robust=False, progress=None,
                      cancelled=None):
    """P-T against relative time: smoothed trajectories (S, N, 2), the model used, its
    hyperparameters and the effective sample size of the filter at each zone."""
    return single_threaded(_smoother, zones, tau, names, particles, trajectories,
                                  seed, analytical, robust, progress, cancelled)


def _smoother(zones, tau, names, particles, trajectories, seed, analytical, robust, progress,
              cancelled):
    tau = np.asarray(tau, dtype=np.float64)
    if len(tau) != len(zones) or len(zones) < 3:
        raise InputError("A P-T-t path needs at least 3 zones, each with a time.")
    obs = ptpath.observations(zones, names, analytical, seed)
    steps = np.maximum(np.diff(tau), 1e-9)
    model = ptpath.PathModel(obs, np.r_[0.0, np.cumsum(steps)], prior="1")
    best, _ = ptpath.maximise_evidence(model)
    for _ in range(4 if robust else 0):
        # Student-t as a scale mixture: reweight the rows by their residuals at the
        # current mode and maximise the evidence again (so an outlier does not inflate
        # the scatter hyperparameter)
        th = np.exp(best)
        mean = model.evaluate(best)[1][0]
        var = obs.analytic ** 2 + th[model.n_terms:][obs.which] ** 2
        resid = model.rows @ mean - obs.y
        model.row_scale = (NU + resid ** 2 / var) / (NU + 1)
        best, _ = ptpath.maximise_evidence(model)
    th = np.exp(best)
    rel = steps / steps.mean()
    model.row_var = obs.analytic ** 2 + th[model.n_terms:][obs.which] ** 2
    q = np.array([th[0], th[1]]) ** 2                      # variance per mean step (P, T)
    rng = np.random.default_rng(seed)
    n, m = len(zones), particles
    xs = np.empty((n, m, 2))
    logw = np.empty((n, m))
    # the first zone from many draws of the flat prior, resampled to m particles
    first = np.c_[rng.uniform(*BOX[0], 50 * m), rng.uniform(*BOX[1], 50 * m)]
    w = np.exp(_log_lik(model, 0, first[:, 0], first[:, 1], robust))
    if not w.sum() > 0:
        raise InputError("The first zone's equilibria fall outside 0.5-30 kbar, 250-1100 C.")
    x = first[_systematic(w / w.sum(), rng, m)]
    for i in range(n):
        if cancelled is not None and cancelled():
            raise Cancelled()
        if i > 0:
            w = np.exp(logw[i - 1] - logw[i - 1].max())
            idx = _systematic(w / w.sum(), rng)
            x = xs[i - 1, idx] + rng.standard_normal((m, 2)) * np.sqrt(q * rel[i - 1])
        xs[i] = x
        logw[i] = 0.0 if i == 0 else _log_lik(model, i, x[:, 0], x[:, 1], robust)
        if progress is not None:
            progress(0.5 * (i + 1) / n)
    # backward simulation
    out = np.empty((trajectories, n, 2))
    w = np.exp(logw[-1] - logw[-1].max())
    pick = rng.choice(m, trajectories, p=w / w.sum())
    out[:, -1] = xs[-1, pick]
    for i in range(n - 2, -1, -1):
        var = q * rel[i]
        # log w_m - |x_next - x_m|^2 / (2 var), dropping the terms of x_next alone
        lw = (logw[i] - 0.5 * (xs[i] ** 2 / var).sum(axis=1))[None, :] \
            + (out[:, i + 1] / var) @ xs[i].T                             # (S, M)
        lw -= lw.max(axis=1, keepdims=True)
        cdf = np.cumsum(np.exp(lw), axis=1)
        u = rng.uniform(size=trajectories) * cdf[:, -1]
        pick = np.minimum([np.searchsorted(c, v) for c, v in zip(cdf, u)], m - 1)
        out[:, i] = xs[i, pick]
        if progress is not None:
            progress(0.5 + 0.5 * (n - 1 - i) / n)
    ess = 1.0 / np.sum(_normalised(logw) ** 2, axis=1)
    return out, model, th, ess


def _normalised(logw):
    w = np.exp(logw - logw.max(axis=1, keepdims=True))
    return w / w.sum(axis=1, keepdims=True)


def _systematic(w, rng, count=None):
    """Systematic resampling: `count` (default len(w)) indices drawn with weights w."""
    m = count or len(w)
    positions = (rng.uniform() + np.arange(m)) / m
    return np.minimum(np.searchsorted(np.cumsum(w), positions), len(w) - 1)


def garnet_mn(zones):
    return np.array([z.phases["grt"].get("Mn", math.nan) if "grt" in z.phases else math.nan
                     for z in zones])


def estimate_ptt(zones, law, names=("grt-bt", "gasp"), trajectories=1000, seed=0,
                 analytical=(0.01, 0.02), partition=50.0, robust=False, particles=4000,
                 progress=None, cancelled=None):
    """P-T-t path as a ptpath.PathResult with its `time` (growth law, then smoother)."""
    distance = np.array([z.distance for z in zones], dtype=np.float64)
    tau = growth_time(distance, law, garnet_mn(zones), partition)
    traj, model, th, ess = particle_smoother(zones, tau, names, particles, trajectories, seed,
                                             analytical, robust, progress, cancelled)
    n = len(zones)
    _, mean, _ = model.evaluate(np.log(th))
    theta = {f"s1_{var}": v for (var, _), v in zip(model.term_names, th)}
    theta.update({f"sigma_{name}": v for name, v in zip(model.obs.names, th[model.n_terms:])})
    return ptpath.PathResult(
        list(model.obs.names), [z.label for z in zones], distance, model.obs.counts,
        mean[0, :n], mean[0, n:], theta, float(model.evaluate(np.log(th))[0][0]),
        np.concatenate([traj[:, :, 0], traj[:, :, 1]], axis=1), float(ess.min() / particles),
        time=tau)
