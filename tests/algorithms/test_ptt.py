"""P-T-t: growth-law time axes and the particle smoother (Kuwatani et al. 2018 PRE)."""
import numpy as np
import pytest

from geoinverse.algorithms.errors import InputError
from geoinverse.algorithms.petrology import ptpath, ptt

N = 20
S = np.linspace(0, 1, N)
TRUE_P = 5 + 3 * np.sin(np.pi * 0.8 * S)
TRUE_T = 500 + 150 * (1 - (1 - S) ** 2)


def test_growth_laws():
    r = np.linspace(0, 2.0, 5)
    np.testing.assert_allclose(ptt.growth_time(r, "interface"), r / 2)
    np.testing.assert_allclose(ptt.growth_time(r, "diffusion"), (r / 2) ** 2)
    np.testing.assert_allclose(ptt.growth_time(r, "volume"), (r / 2) ** 3)
    # Rayleigh: Mn of garnet grown while F goes linearly 0 -> 0.3, D = 20
    f = np.linspace(0, 0.3, 7)
    mn = 0.4 * (1 - f) ** (20 - 1)
    tau = ptt.growth_time(np.arange(7.0), "rayleigh", mn, partition=20)
    np.testing.assert_allclose(tau, f / 0.3, atol=1e-12)
    with pytest.raises(InputError, match="increasing"):
        ptt.growth_time([0, 2, 1], "interface")
    with pytest.raises(InputError, match="Mn does not fall"):
        ptt.growth_time(np.arange(4.0), "rayleigh", np.ones(4))


def test_particle_smoother_matches_the_exact_gaussian_posterior():
    """With Gaussian noise the smoother targets the Gaussian posterior computed exactly."""
    zones = ptpath.zones_from_rows(ptpath.synthetic_zones(TRUE_P, TRUE_T,
                                                          np.random.default_rng(3)))
    tau = ptt.growth_time([z.distance for z in zones], "interface")
    traj, model, th, ess = ptt.particle_smoother(zones, tau, trajectories=400, seed=2)
    _, _, draws = model.evaluate(np.log(th), draws=4000, rng=np.random.default_rng(0))
    exact = draws[0]
    for k, (truth, scale) in enumerate(((TRUE_P, 0.5), (TRUE_T, 25.0))):
        sm = traj[:, :, k]
        ex = exact[:, k * N:(k + 1) * N]
        sd = ex.std(axis=0)
        assert np.all(np.abs(sm.mean(0) - ex.mean(0)) < 0.5 * sd + 0.02 * scale)
        assert np.all(np.abs(sm.std(0) / sd - 1) < 0.5)
        assert np.abs(sm.mean(0) - truth).max() < scale
    assert ess.min() > 20


def test_robust_smoother_resists_an_inclusion_out_of_equilibrium():
    rows = ptpath.synthetic_zones(TRUE_P, TRUE_T, np.random.default_rng(8), missing=0)
    rows[10]["bt_MgO"] = f"{float(rows[10]['bt_MgO']) * 1.8:.3f}"    # re-equilibrated biotite
    zones = ptpath.zones_from_rows(rows)
    tau = ptt.growth_time([z.distance for z in zones], "interface")
    err = {}
    for robust in (False, True):
        traj, *_ = ptt.particle_smoother(zones, tau, trajectories=300, seed=1, robust=robust)
        err[robust] = abs(traj[:, 10, 1].mean() - TRUE_T[10])
    assert err[True] < 0.5 * err[False]


def test_ptpath_table_with_growth_law(tmp_path):
    import csv
    rows = ptpath.synthetic_zones(TRUE_P, TRUE_T, np.random.default_rng(1))
    keys = sorted({k for r in rows for k in r}, key=lambda k: (k != "zone", k))
    path = tmp_path / "z.csv"
    with open(path, "w", newline="") as handle:
        w = csv.DictWriter(handle, keys)
        w.writeheader()
        w.writerows(rows)
    ptpath.run_ptpath(path, tmp_path / "o.csv", tmp_path / "o.html", n_samples=300,
                      growth_law="diffusion")
    with open(tmp_path / "o.csv") as handle:
        out = list(csv.DictReader(handle))
    assert [float(r["time"]) for r in out] == pytest.approx((S ** 2).tolist(), abs=1e-5)
    assert "Relative growth time" in (tmp_path / "o.html").read_text()
