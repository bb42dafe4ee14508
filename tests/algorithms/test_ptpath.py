"""Bayesian P-T path (Gaussian Markov random field, Kuwatani et al. 2012): the evidence
against a brute-force marginal likelihood, synthetic recovery across seeds, zones with
a missing equilibrium, bad input."""
import numpy as np
import pytest
from scipy.stats import multivariate_normal

from geoinverse.algorithms.errors import InputError
from geoinverse.algorithms.petrology import ptpath

N = 30
S = np.linspace(0, 1, N)
# a clockwise path: pressure peaks at 2/3 of the growth and falls, temperature rises
# ever more slowly
TRUE_P = 5 + 4 * np.sin(np.pi * 0.8 * S)
TRUE_T = 500 + 180 * (1 - (1 - S) ** 2)


def zones(seed, n=N, p=TRUE_P, t=TRUE_T, missing=0.5):
    rows = ptpath.synthetic_zones(p, t, np.random.default_rng(seed), missing=missing)
    return ptpath.zones_from_rows(rows)


@pytest.mark.parametrize("systematic", [False, True])
def test_evidence_equals_gaussian_marginal_likelihood(systematic):
    zs = zones(3, n=8, p=TRUE_P[::4][:8], t=TRUE_T[::4][:8])
    obs = ptpath.observations(zs, ("grt-bt", "gasp"))
    model = ptpath.PathModel(obs, prior="1+2", systematic=systematic)
    theta = np.log([0.5, 0.2, 30.0, 5.0, 4.0, 0.1])
    log_z = model.evaluate(theta)[0][0]
    # y = G x + e, x ~ N(centre, Q^-1), e ~ N(0, W^-1): log N(y; G centre, G Q^-1 G' + W^-1)
    n = len(zs)
    th = np.exp(theta)
    q = np.zeros((model.n_var, model.n_var))
    for j, (var, lap) in enumerate(model.terms):
        sl = slice(0, n) if var == "P" else slice(n, 2 * n)
        q[sl, sl] += lap / th[j] ** 2
    q[np.arange(n), np.arange(n)] += ptpath.EPS_P
    q[n + np.arange(n), n + np.arange(n)] += ptpath.EPS_T
    if systematic:      # offsets of grt-bt (C) and GASP (kbar), prior sd = quoted sigma
        q[2 * n:, 2 * n:] = np.diag([1 / 50.0 ** 2, 1 / 1.0 ** 2])
    noise = obs.analytic ** 2 + th[model.n_terms:][obs.which] ** 2
    cov = model.rows @ np.linalg.inv(q) @ model.rows.T + np.diag(noise)
    brute = multivariate_normal(model.rows @ model.centre, cov).logpdf(obs.y)
    assert log_z == pytest.approx(brute, abs=1e-6)


def test_synthetic_recovery_across_seeds():
    """The issue's bar: half the zones lack one equilibrium; MAP within 0.5 kbar and
    25 C of the truth at every zone; truth inside the 95% interval at >= 90% of the
    zones (pooled over the seeds; each seed is printed)."""
    inside = []
    for seed in (0, 1, 2, 3):
        zs = zones(seed)
        r = ptpath.estimate_path(zs, n_samples=1000, seed=seed)
        assert (r.counts == 1).sum() == N // 2
        s = r.summary()
        assert np.abs(r.map_p - TRUE_P).max() < 0.5
        assert np.abs(r.map_t - TRUE_T).max() < 25
        ok = ((s["P_lo"] <= TRUE_P) & (TRUE_P <= s["P_hi"])
              & (s["T_lo"] <= TRUE_T) & (TRUE_T <= s["T_hi"]))
        print(f"seed {seed}: inside {ok.mean():.2f}, max |dP| "
              f"{np.abs(r.map_p - TRUE_P).max():.2f} kbar, max |dT| "
              f"{np.abs(r.map_t - TRUE_T).max():.1f} C, acceptance {r.acceptance:.2f}")
        inside.append(ok)
    assert np.mean(inside) >= 0.9


def test_zone_without_equilibria_gets_a_posterior_through_the_prior():
    rows = ptpath.synthetic_zones(TRUE_P[:12], TRUE_T[:12], np.random.default_rng(5),
                                  missing=0)
    for key in [k for k in rows[6] if k.startswith(("bt_", "pl_"))]:
        rows[6][key] = ""
    r = ptpath.estimate_path(ptpath.zones_from_rows(rows), n_samples=600, seed=1)
    s = r.summary()
    assert r.counts[6] == 0 and np.isfinite(s["P_lo"][6]) and np.isfinite(s["T_hi"][6])
    assert s["T_sd"][6] > s["T_sd"][5] and s["P_sd"][6] > s["P_sd"][5]
    assert abs(r.map_t[6] - TRUE_T[6]) < 25 and abs(r.map_p[6] - TRUE_P[6]) < 0.5


def test_read_zone_table(tmp_path):
    rows = ptpath.synthetic_zones(TRUE_P[:5], TRUE_T[:5], np.random.default_rng(2),
                                  missing=0.4)
    keys = sorted({k for r in rows for k in r}, key=lambda k: (k != "zone", k))
    path = tmp_path / "zones.csv"
    path.write_text(",".join(keys) + "\n" + "\n".join(
        ",".join(r.get(k, "") for k in keys) for r in rows) + "\n")
    zs = ptpath.read_zones(path)
    assert [z.label for z in zs] == ["1", "2", "3", "4", "5"]
    assert sum(len(z.phases) for z in zs) == 5 * 3 - 2
    assert zs[4].distance == 40.0


def test_partial_rows_and_below_detection():
    rows = ptpath.synthetic_zones(TRUE_P[:3], TRUE_T[:3], np.random.default_rng(2), missing=0)
    rows[0]["bt_TiO2"] = ""             # not analysed: biotite is still there
    rows[1]["pl_K2O"] = "b.d.l."
    rows[2]["grt_Na2O"] = "<0.02"
    zs = ptpath.zones_from_rows(rows)
    assert all(set(z.phases) == {"grt", "bt", "pl"} for z in zs)
    assert "TiO2" not in zs[0].oxides["bt"] and zs[1].oxides["pl"]["K2O"] == 0.0
    assert ptpath.observations(zs, ("grt-bt", "gasp")).counts.tolist() == [2, 2, 2]


def test_bad_input():
    zs = zones(0)
    with pytest.raises(InputError, match="at least 3"):
        ptpath.estimate_path(zs[:2])
    with pytest.raises(InputError, match="one barometer"):
        ptpath.observations(zs, ("grt-bt",))
    with pytest.raises(InputError, match="row 1, column grt_FeO"):
        ptpath.zones_from_rows([{"grt_FeO": "abc"}])
    with pytest.raises(InputError, match="No zone holds"):
        ptpath.observations(ptpath.zones_from_rows([{"grt_FeO": "30"}] * 4), ("grt-bt", "gasp"))


def test_systematic_calibration_uncertainty_widens_the_intervals():
    zs = zones(2, n=12, p=TRUE_P[::2][:12], t=TRUE_T[::2][:12])
    plain = ptpath.estimate_path(zs, n_samples=800, seed=3).summary()
    wide = ptpath.estimate_path(zs, n_samples=800, seed=3, systematic=True).summary()
    # Ferry & Spear's +-50 C moves every zone's T: the sd grows to about sqrt(sd^2 + 50^2)
    assert np.all(wide["T_sd"] > 30) and np.all(plain["T_sd"] < 20)
    # the offsets are only weakly identified (through the zone-to-zone change of the
    # lines' slopes): the MAP may move, but well inside the widened intervals
    assert np.all(np.abs(wide["T_map"] - plain["T_map"]) < wide["T_sd"])
    assert np.all(np.abs(wide["P_map"] - plain["P_map"]) < wide["P_sd"])
