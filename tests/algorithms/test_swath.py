"""Swath features and the taught cleaner across beams and pings (no QGIS)."""
import numpy as np
import pytest

from geoinverse.algorithms.bathymetry import soundings as S
from geoinverse.algorithms.bathymetry.swath import SWATH_FEATURES, swath_features
from geoinverse.algorithms.errors import InputError


def test_ping_profile_and_neighbouring_pings():
    pings, beams = 9, 41
    ping = np.repeat(np.arange(pings), beams).astype(float)
    beam = np.tile(np.arange(beams), pings).astype(float)
    across = np.tile(np.linspace(-2000, 2000, beams), pings)
    depth = 1000.0 + 0.1 * across            # a tilted seabed, straight across track
    spike = 4 * beams + 20
    depth[spike] += 50.0
    f = swath_features(depth, ping, beam, across, np.degrees(np.arctan(across / 1000)))
    assert set(f) == set(SWATH_FEATURES)
    assert f["ping_residual"][spike] == pytest.approx(50.0)
    assert f["pings_residual"][spike] == pytest.approx(50.0)
    others = np.arange(len(depth)) != spike
    assert np.abs(f["pings_residual"][others]).max() < 1e-9
    # the running median follows the tilt: residuals vanish away from the ends and from
    # the spike, which moves its neighbours' medians by at most one beam's step (10 m)
    near = (ping == 4) & (np.abs(beam - 20) <= 5) & others
    inner = others & ~near & (beam > 6) & (beam < beams - 7)
    assert np.abs(f["ping_residual"][inner]).max() < 1e-9
    assert np.abs(f["ping_residual"][near]).max() <= 15.0 + 1e-9
    pos = f["beam_position"].reshape(pings, beams)
    assert pos[0, 0] == -1.0 and pos[0, -1] == 1.0 and pos[0, 20] == 0.0


def block_editor(rng, pings=240, beams=64):
    """A plane seabed swathed line; an editor rejects noisy outer port blocks + spikes."""
    ping = np.repeat(np.arange(pings), beams)
    beam = np.tile(np.arange(beams), pings)
    angle = np.tile(np.linspace(-60, 60, beams), pings)
    across = 1000.0 * np.tan(np.radians(angle))
    x = ping * 40.0
    y = across
    z = -1000.0 - 0.02 * x + 0.01 * y
    sigma = 0.5 + 2.0 * (angle / 60.0) ** 2
    z = z + rng.normal(0, 1, len(z)) * sigma
    bad = np.zeros(len(z), dtype=bool)
    for start in range(0, pings, 40):
        if (start // 40) % 2 == 0:
            block = (ping >= start) & (ping < start + 25) & (angle < -40)
            z[block] += rng.normal(0, 4 * sigma[block]) + 6.0
            bad |= block
    spikes = rng.random(len(z)) < 0.01
    z[spikes] += rng.choice([-1, 1], spikes.sum()) * rng.uniform(30, 200, spikes.sum())
    bad |= spikes
    swath = {"ping": ping.astype(float), "beam": beam.astype(float), "across": across,
             "angle": angle}
    return x, y, z, bad, swath


def f1(rejected, truth):
    tp = (rejected & truth).sum()
    return 2 * tp / max(rejected.sum() + truth.sum(), 1)


def test_taught_across_beams_and_pings_learns_an_editors_blocks(tmp_path):
    rng = np.random.default_rng(3)
    x, y, z, bad, swath = block_editor(rng)
    first = swath["ping"] < 120
    rest = ~first
    crs = "EPSG:32626"
    part = lambda d, m: {k: v[m] for k, v in d.items()}  # noqa: E731
    local = S.train_cleaner(x[first], y[first], z[first], crs, bad[first], n_estimators=60)
    wide = S.train_cleaner(x[first], y[first], z[first], crs, bad[first],
                           swath=part(swath, first), n_estimators=60)
    path = S.save_model(wide, tmp_path / "swath.npz")
    wide = S.load_model(path)
    assert wide.meta["swath"] and wide.meta["features"][-len(SWATH_FEATURES):] == \
        SWATH_FEATURES
    r_local = ~S.clean_soundings(x[rest], y[rest], z[rest], crs, model=local).accepted
    r_wide = ~S.clean_soundings(x[rest], y[rest], z[rest], crs, model=wide,
                                swath=part(swath, rest)).accepted
    untaught = ~S.clean_soundings(x[rest], y[rest], z[rest], crs).accepted
    truth = bad[rest]
    assert f1(r_wide, truth) > 0.85
    assert f1(r_wide, truth) > f1(r_local, truth) + 0.05
    assert f1(r_wide, truth) > f1(untaught, truth) + 0.2
    assert (r_wide & ~truth).sum() / (~truth).sum() < 0.03
    with pytest.raises(InputError, match="lack: ping, beam"):
        S.clean_soundings(x[rest], y[rest], z[rest], crs, model=wide)
