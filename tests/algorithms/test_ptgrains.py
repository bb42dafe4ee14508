"""P-T paths from dense garnet data (ptgrains.py): a real rim-to-rim profile with an
assumed matrix, and synthetic quantified maps of several grains grown along one path.

The profile is DiffusionGarnet.jl's Data_Grt_1D.txt (MIT; tests/data/SOURCES.md): it has
no coexisting minerals, so the matrix is OUR assumption, stated in every output:
biotite X_Mg = 0.45 and plagioclase An30, the same in every zone.  The P-T values are
therefore an exercise of the method on real zoning and real noise, not a geological
result.
"""
import numpy as np
import pytest
from scipy.stats import spearmanr

from geoinverse.algorithms.errors import InputError
from geoinverse.algorithms.petrology import ptgrains as pg

MATRIX_TEXT = {"bt": "XMg=0.45", "pl": "An=0.3"}
MATRIX = {k: pg.parse_matrix(v, k) for k, v in MATRIX_TEXT.items()}
N_ZONES = 30


@pytest.fixture(scope="module")
def profile(data_dir):
    return str(data_dir / "petrology" / "garnet_profile_Data_Grt_1D.txt")


@pytest.fixture(scope="module")
def profile_result(profile):
    points = pg.read_profile(profile)
    return points, pg.estimate_pooled(points, MATRIX, n_zones=N_ZONES, n_samples=1000)


def test_profile_is_read_rim_to_rim(profile_result):
    points, _ = profile_result
    assert len(points.r) == 871 and len(points.groups) == 2
    assert points.r.min() == 0.0 and points.r.max() == 1.0
    assert "Core at distance 4560" in points.notes[0]         # the Mn maximum
    # garnet X-site from the end-member fractions: Fe + Mg + Ca + Mn = 3 apfu
    total = sum(points.apfu[k] for k in ("Fe2", "Mg", "Ca", "Mn"))
    assert np.allclose(total, 3.0, atol=0.015)       # the file's fractions sum to 1 +- 0.005


def test_profile_path_is_continuous(profile_result):
    """The MRF path has no jumps: each zone-to-zone step is under 40 C and 1 kbar and no
    larger than the largest step of the zones' own intersections, and its total
    variation in P is below theirs."""
    _, r = profile_result
    t, p = r.path.map_t, r.path.map_p
    assert np.all(np.isfinite(t)) and np.all(np.isfinite(p))
    assert np.abs(np.diff(t)).max() < 40 and np.abs(np.diff(p)).max() < 1.0
    single_p = r.single[0][np.isfinite(r.single[0])]
    single_t = r.single[1][np.isfinite(r.single[1])]
    assert np.abs(np.diff(p)).max() <= np.abs(np.diff(single_p)).max()
    assert np.abs(np.diff(t)).max() <= np.abs(np.diff(single_t)).max()
    assert np.abs(np.diff(p)).sum() <= np.abs(np.diff(single_p)).sum()
    # core to rim the temperature rises (Mn-rich, Mg-poor core: prograde growth)
    assert t[-1] - t[0] > 200


def test_profile_intervals_widen_where_the_profile_is_noisy(profile_result, profile):
    _, r = profile_result
    s = r.path.summary()
    rho = spearmanr(r.noise, s["T_sd"]).statistic
    print(f"Spearman(point scatter, T sd) = {rho:.2f}")
    assert rho > 0.4
    assert np.argmax(r.noise) == np.argmax(s["T_sd"]) == N_ZONES - 1   # the rim
    # more noise on a stretch of the same profile widens the intervals there only
    points = pg.read_profile(profile)
    rng = np.random.default_rng(0)
    stretch = (points.r > 0.35) & (points.r < 0.5)
    extra = 1 + rng.normal(0, 0.03, stretch.sum())
    points.apfu["Mg"][stretch] *= extra
    points.apfu["Fe2"][stretch] *= (3 - points.apfu["Mg"][stretch] - points.apfu["Ca"][
        stretch] - points.apfu["Mn"][stretch]) / points.apfu["Fe2"][stretch]
    noisy = pg.estimate_pooled(points, MATRIX, n_zones=N_ZONES, n_samples=1000).path.summary()
    zones = slice(int(0.36 * N_ZONES) + 1, int(0.5 * N_ZONES) - 1)
    quiet = slice(0, int(0.2 * N_ZONES))
    ratio = noisy["T_sd"][zones] / s["T_sd"][zones]
    print(f"T sd ratio in the noisy stretch {ratio.min():.2f}..{ratio.max():.2f}")
    assert ratio.min() > 1.3
    assert np.all(np.abs(noisy["T_sd"][quiet] / s["T_sd"][quiet] - 1) < 0.25)


def test_matrix_text():
    assert MATRIX["pl"]["Ca"] == pytest.approx(0.3) and MATRIX["pl"]["Na"] == pytest.approx(0.7)
    bt = MATRIX["bt"]
    assert bt["Mg"] / (bt["Mg"] + bt["Fe2"]) == pytest.approx(0.45)
    ox = pg.parse_matrix("SiO2=35.5, TiO2=2.0, Al2O3=19.0, FeO=20.0, MgO=9.0, K2O=9.5", "bt")
    assert 2.6 < ox["Si"] < 2.8 and ox["Ti"] > 0
    assert pg.parse_matrix("Fe=1.3, Mg=1.2", "bt") == {"Fe2": 1.3, "Mg": 1.2}
    for text, match in (("", "Give the matrix"), ("An=1.3", "An must be"),
                        ("An=x", "not a number"), ("SiO2=30, Fe=1", "not both"),
                        ("Zr=3", "unknown"), ("Ca", "NAME=value")):
        with pytest.raises(InputError, match=match):
            pg.parse_matrix(text, "pl")


def test_bad_profiles(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("x,Xalm\n" + "".join(f"{i},0.8\n" for i in range(10)))
    with pytest.raises(InputError, match="distance column"):
        pg.read_profile(str(bad))
    bad.write_text("distance,SiO2\n" + "".join(f"{i},{36 + i}\n" for i in range(10)))
    with pytest.raises(InputError, match="Xalm, Xprp"):
        pg.read_profile(str(bad))
    bad.write_text("distance,FeO,MgO,CaO\n" + "".join(f"{9 - i},30,3,5\n" for i in range(10)))
    with pytest.raises(InputError, match="must increase"):
        pg.read_profile(str(bad))
    with pytest.raises(InputError, match="Orientation"):
        pg.read_profile(str(bad), "sideways")


# -- synthetic maps ----------------------------------------------------------------
def true_p(s):
    return 5 + 4 * np.sin(np.pi * 0.8 * s)       # the single-grain test's path


def true_t(s):
    return 500 + 180 * (1 - (1 - s) ** 2)


GRAINS = [((20, 20), 18), ((22, 72), 14), ((72, 22), 16), ((74, 74), 12), ((48, 48), 9),
          ((48, 86), 8)]


def true_offsets(groups, k):
    """The nucleation time each found grain was grown with (matched by its core)."""
    r_max = max(rad for _, rad in GRAINS[:k])
    out = []
    for info in groups:
        (cy, cx), rad = min(GRAINS[:k], key=lambda g: (g[0][0] - info["core_row"] - 0.5) ** 2
                            + (g[0][1] - info["core_col"] - 0.5) ** 2)
        out.append(1 - rad / r_max)
    return np.array(out)


def map_path(k, offsets, seed=1, n_zones=20):
    centres, radii = zip(*GRAINS[:k])
    maps, membership, tau = pg.synthetic_maps(true_p, true_t, MATRIX, centres, radii,
                                              rng=np.random.default_rng(seed))
    points, labels = pg.points_from_maps(maps, membership)
    r = pg.estimate_pooled(points, MATRIX, n_zones=n_zones, offsets=offsets, n_samples=800,
                           seed=seed)
    zone = pg.zone_index(points, r.offsets, n_zones)
    truth_at = (np.bincount(zone, tau[labels > 0], minlength=n_zones)
                / np.maximum(np.bincount(zone, minlength=n_zones), 1))
    return points, labels, r, truth_at


@pytest.fixture(scope="module")
def six_grains():
    return map_path(6, "size")


def test_grains_are_found(six_grains):
    points, labels, r, _ = six_grains
    assert labels.max() == 6 and len(points.groups) == 6
    radii = sorted(g["radius"] for g in points.groups)
    # core pixel centre to the grain's edge: the disc radius less the core pixel's
    # offset from the disc centre (0.7 px here) and the pixel grid's roughness
    assert np.all(np.abs(np.array(radii) - sorted(rad for _, rad in GRAINS) + 0.8) < 0.5)


def test_pooled_path_within_the_single_grain_tolerances(six_grains):
    """ptpath's single-grain bar: MAP within 0.5 kbar and 25 C of the truth at every
    zone; here against the truth at the zone's mean position (r) and at the points'
    true growth time (oracle position)."""
    _, _, r, truth_at = six_grains
    at = r.path.distance
    assert np.abs(r.path.map_p - true_p(at)).max() < 0.5
    assert np.abs(r.path.map_t - true_t(at)).max() < 25
    assert np.abs(r.path.map_p - true_p(truth_at)).max() < 0.15
    assert np.abs(r.path.map_t - true_t(truth_at)).max() < 5
    # size offsets: 1 - R/R_max within 0.05 of the nucleation times used to grow them
    assert np.abs(r.offsets - true_offsets(r.groups, 6)).max() < 0.05


def test_more_grains_shrink_the_posterior(six_grains):
    _, _, one, _ = map_path(1, "size")
    _, _, two, _ = map_path(2, "size")
    _, _, six, _ = six_grains
    sd = [x.path.summary() for x in (one, two, six)]
    t_sd = [s["T_sd"].mean() for s in sd]
    p_sd = [s["P_sd"].mean() for s in sd]
    print("mean T sd (1, 2, 6 grains):", np.round(t_sd, 3), " P sd:", np.round(p_sd, 4))
    assert t_sd[0] > t_sd[1] > t_sd[2] and p_sd[0] > p_sd[2]


def test_fitted_offsets_and_none():
    """Three grains: the evidence recovers their nucleation offsets within 0.05; ignoring
    the offsets ('none') misplaces the late grains' cores and fails the tolerance."""
    _, _, fit, truth_at = map_path(3, "fit")
    assert np.abs(fit.offsets - true_offsets(fit.groups, 3)).max() <= 0.05 + 1e-9
    assert np.abs(fit.path.map_t - true_t(truth_at)).max() < 25
    _, _, none, _ = map_path(3, "none")
    assert np.abs(none.path.map_t - true_t(none.path.distance)).max() > 25


def test_contour_zoning_by_mn():
    centres, radii = zip(*GRAINS[:2])
    maps, membership, tau = pg.synthetic_maps(true_p, true_t, MATRIX, centres, radii,
                                              rng=np.random.default_rng(3))
    points, labels = pg.points_from_maps(maps, membership, zoning="contour",
                                         zoning_element="MnO")
    # Mn falls monotonically core to rim here, so its contour orders the pixels as tau
    assert spearmanr(points.r, tau[labels > 0]).statistic > 0.9


def test_bad_maps():
    maps, membership, _ = pg.synthetic_maps(true_p, true_t, MATRIX, [(20, 20)], [10],
                                            shape=(40, 40))
    with pytest.raises(InputError, match="No garnet grain"):
        pg.points_from_maps(maps, membership * 0.1)
    with pytest.raises(InputError, match="FeO, MgO and CaO"):
        pg.points_from_maps({"SiO2": maps["SiO2"]}, membership)
    with pytest.raises(InputError, match="one size"):
        pg.points_from_maps(maps, membership[:-1])
    with pytest.raises(InputError, match="zoning element map"):
        pg.points_from_maps(maps, membership, zoning="contour", zoning_element="Y2O3")
    flat = dict(maps, MnO=np.where(membership > 0.5, 1.0, 0.0))
    with pytest.raises(InputError, match="does not change"):
        pg.points_from_maps(flat, membership, zoning="contour")
    points, _ = pg.points_from_maps(maps, membership)
    with pytest.raises(InputError, match="Nucleation offsets"):
        pg.estimate_pooled(points, MATRIX, offsets="random")
    with pytest.raises(InputError, match="3 to 200"):
        pg.estimate_pooled(points, MATRIX, n_zones=2)
    with pytest.raises(InputError, match="matrix pl"):
        pg.estimate_pooled(points, {"bt": MATRIX["bt"]})


def test_epmaprofile_style_oxide_table(tmp_path):
    """A core-to-rim traverse as epmaprofile writes it (distance, x, y, grt_OXIDE wt%, n)
    of a garnet grown along the known path: read, pooled, within the tolerances."""
    s = np.linspace(0, 1, 60)
    apfu = pg.garnet_on_path(true_p(s), true_t(s), MATRIX, 0.12 * (1 - s) ** 2 + 0.01)
    wt = pg.ptpath.oxides_from_apfu(apfu)
    rng = np.random.default_rng(5)
    path = tmp_path / "profile.csv"
    with open(path, "w") as fh:
        fh.write("distance,x,y," + ",".join(f"grt_{k}" for k in wt) + ",n\n")
        for i in range(len(s)):
            cells = [f"{v[i] * (1 + rng.normal(0, 0.005)):.4f}" for v in wt.values()]
            fh.write(f"{i * 2.0},{10.5 + 2 * i},-30.5," + ",".join(cells) + ",3\n")
    points = pg.read_profile(str(path), "core-to-rim")
    assert len(points.groups) == 1 and points.r[0] == 0 and points.r[-1] == 1
    r = pg.estimate_pooled(points, MATRIX, n_zones=12, n_samples=500)
    at = r.path.distance
    assert np.abs(r.path.map_p - true_p(at)).max() < 0.5
    assert np.abs(r.path.map_t - true_t(at)).max() < 25
    flipped = pg.read_profile(str(path), "rim-to-core")
    assert flipped.r[0] == 1 and flipped.r[-1] == 0
