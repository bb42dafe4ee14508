"""Sounding cleaning and gridding (algorithms/bathymetry/soundings.py), no QGIS."""
import numpy as np
import pytest
from osgeo import gdal, osr

from geoinverse.algorithms.bathymetry import soundings as S
from geoinverse.algorithms.errors import InputError
from geoinverse.algorithms.raster import read_array


@pytest.fixture(scope="module")
def ship(data_dir):
    d = np.loadtxt(data_dir / "ship15_cut.txt")
    return d[:, 0] - 360.0, d[:, 1], d[:, 2]


def to_utm(lon, lat, epsg):
    src = osr.SpatialReference()
    src.ImportFromEPSG(4326)
    dst = osr.SpatialReference()
    dst.ImportFromEPSG(epsg)
    for s in (src, dst):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    out = np.array(osr.CoordinateTransformation(src, dst).TransformPoints(
        np.column_stack([lon, lat])))
    return out[:, 0], out[:, 1]


def with_spikes(z, fraction, rng, lo=300.0, hi=1500.0):
    """Spikes well above the roughness of this sparse single-beam survey."""
    bad = rng.random(len(z)) < fraction
    zz = z.copy()
    zz[bad] += rng.choice([-1, 1], bad.sum()) * rng.uniform(lo, hi, bad.sum())
    return zz, bad


def azores_swath(data_dir, rng, n_pings=150, beams=64):
    """Multibeam-like soundings (metres, UTM 26N) sampled from the real Azores grid."""
    from scipy.ndimage import map_coordinates
    grid, gt, _, _ = read_array(data_dir / "azores_1m.tif")
    x = np.repeat(np.arange(n_pings) * 40.0, beams) + 400000.0
    y = np.tile(np.linspace(-2500, 2500, beams), n_pings) + 4250000.0
    row = 100 + (y - 4250000.0) / 1850.0
    col = 120 + (x - 400000.0) / 1850.0
    z = map_coordinates(np.nan_to_num(grid.astype(float)), [row, col], order=3)
    return x, y, z + rng.normal(0, S.tvu(z, "1a") / 1.96 / 2)


def test_s44_tvu_values():
    assert S.tvu(100.0, "Special") == pytest.approx(np.hypot(0.25, 0.75))
    assert S.tvu(0.0, "Exclusive") == pytest.approx(0.15)
    assert S.tvu(-1000.0, "1a") == pytest.approx(np.hypot(0.5, 13.0))
    assert S.tvu(1000.0, "1b") == S.tvu(1000.0, "1a")
    assert S.tvu(200.0, "2") == pytest.approx(np.hypot(1.0, 4.6))
    with pytest.raises(InputError, match="Order must be one of"):
        S.tvu(10.0, "3")


def test_transverse_mercator_matches_proj(ship):
    lon, lat, _ = ship
    assert S.utm_zone(lon, lat) == (12, True)
    ex, ey = to_utm(lon, lat, 32612)
    x, y = S.metric_coordinates(lon, lat, "EPSG:4326")
    assert np.abs(x - ex).max() < 1e-3 and np.abs(y - ey).max() < 1e-3
    # the 0-360 longitudes of the original file give the same metres
    x2, _ = S.metric_coordinates(lon + 360.0, lat, "EPSG:4326")
    assert np.abs(x2 - x).max() < 1e-6


def test_row_percentile_matches_numpy():
    rng = np.random.default_rng(0)
    a = rng.normal(size=(200, 9))
    a[rng.random(a.shape) < 0.3] = np.nan
    a[0] = np.nan
    got = S.row_percentile(a, 75)
    with np.errstate(all="ignore"), pytest.warns(RuntimeWarning):
        want = np.nanpercentile(a, 75, axis=1)
    assert np.allclose(got, want, equal_nan=True)


def test_geographic_and_utm_give_same_decisions(ship):
    lon, lat, z = ship
    zz, _ = with_spikes(z, 0.05, np.random.default_rng(1))
    geo = S.clean_soundings(lon, lat, zz, "EPSG:4326", "2")
    x, y = to_utm(lon, lat, 32612)
    utm = S.clean_soundings(x, y, zz, "EPSG:32612", "2")
    assert geo.counts["rejected"] > 0
    assert np.array_equal(geo.accepted, utm.accepted)
    assert np.allclose(geo.residual, utm.residual, atol=1e-6)
    # a neighbouring zone distorts distances by ~0.1 %: almost every decision holds
    x13, y13 = to_utm(lon, lat, 32613)
    other = S.clean_soundings(x13, y13, zz, "EPSG:32613", "2")
    assert (other.accepted == geo.accepted).mean() > 0.99


def test_spikes_in_real_ship_soundings_are_found(ship):
    lon, lat, z = ship
    zz, bad = with_spikes(z, 0.05, np.random.default_rng(2))
    r = S.clean_soundings(lon, lat, zz, "EPSG:4326", "2")
    rejected = ~r.accepted
    assert (rejected & bad).sum() / bad.sum() > 0.9
    assert (rejected & ~bad).sum() / (~bad).sum() < 0.02
    assert r.counts["accepted"] + r.counts["rejected"] == len(z)
    assert all(reason.startswith("|residual|") for reason, ok in zip(r.reason, r.accepted)
               if not ok)
    assert all(reason == "" for reason, ok in zip(r.reason, r.accepted) if ok)
    assert np.all(r.score[rejected & (r.score == r.score)] > 1.0)


def test_survey_lines_of_real_ship_track(ship):
    lon, lat, _ = ship
    xm, ym = S.metric_coordinates(lon, lat, "EPSG:4326")
    along, line, step = S.survey_lines(xm, ym)
    gaps = np.hypot(np.diff(xm), np.diff(ym))
    assert 300.0 < step < 3000.0  # metres between pings of this survey
    assert np.array_equal(np.diff(line) == 1, gaps > S.TRACK_GAP * step)
    assert (np.diff(line) >= 0).all() and line.max() > 10
    starts = np.r_[True, np.diff(line) == 1]
    assert (along[starts] == 0.0).all()
    inside = ~starts[1:]
    assert np.allclose(np.diff(along)[inside], gaps[inside])


def spikes_and_bursts(z, rng):
    """8 % spikes of 150-400 m (2-6 order-2 TVU here) and ten 8-ping bursts 25 % shoaler."""
    bad = rng.random(len(z)) < 0.08
    zz = z.copy()
    zz[bad] += rng.choice([-1, 1], bad.sum()) * rng.uniform(150.0, 400.0, bad.sum())
    for start in rng.integers(0, len(z) - 8, 10):
        zz[start:start + 8] = z[start:start + 8] * 0.75
        bad[start:start + 8] = True
    return zz, bad


def scores(rejected, bad):
    tp = (rejected & bad).sum()
    precision, recall = tp / rejected.sum(), tp / bad.sum()
    return precision, recall, 2 * precision * recall / (precision + recall), \
        (rejected & ~bad).sum() / (~bad).sum()


def test_along_track_test_finds_more_blunders_in_single_beam_lines(ship):
    """Blunders within the roughness of a sparse survey: the line's own fit finds more."""
    lon, lat, z = ship
    zz, bad = spikes_and_bursts(z, np.random.default_rng(9))
    spatial = S.clean_soundings(lon, lat, zz, "EPSG:4326", "2")
    lines = S.clean_soundings(lon, lat, zz, "EPSG:4326", "2", along_track=True)
    p0, r0, f0, _ = scores(~spatial.accepted, bad)
    p1, r1, f1, good = scores(~lines.accepted, bad)
    assert r1 > r0 + 0.05 and f1 > f0 + 0.03
    assert p1 > 0.85 and good < 0.01
    # the spatial test's rejections stand; the line adds its own, and says so
    assert not (~spatial.accepted & lines.accepted).any()
    added = ~lines.accepted & spatial.accepted
    assert added.any()
    assert all(lines.reason[i].startswith("along-line |residual|")
               for i in np.flatnonzero(added))
    assert np.all(lines.score[~lines.accepted] > 1.0)
    assert lines.counts["accepted"] + lines.counts["rejected"] == len(z)


def test_along_track_geographic_and_utm_give_same_decisions(ship):
    lon, lat, z = ship
    zz, _ = spikes_and_bursts(z, np.random.default_rng(10))
    geo = S.clean_soundings(lon, lat, zz, "EPSG:4326", "2", along_track=True)
    x, y = to_utm(lon, lat, 32612)
    utm = S.clean_soundings(x, y, zz, "EPSG:32612", "2", along_track=True)
    assert np.array_equal(geo.accepted, utm.accepted)
    assert np.allclose(geo.residual, utm.residual, atol=1e-6)


def test_swath_from_real_grid_is_cleaned_with_bursts(data_dir):
    rng = np.random.default_rng(3)
    x, y, z = azores_swath(data_dir, rng)
    zz, bad = with_spikes(z, 0.05, rng, lo=30.0, hi=300.0)
    # a fish school: 4 pings x 8 beams made 40 % shoaler
    burst = (np.arange(4)[:, None] * 64 + 20 + np.arange(8)[None, :]).ravel() + 64 * 70
    zz[burst] = z[burst] * 0.6
    bad[burst] = True
    r = S.clean_soundings(x, y, zz, "EPSG:32626", "1a")
    rejected = ~r.accepted
    precision = (rejected & bad).sum() / rejected.sum()
    recall = (rejected & bad).sum() / bad.sum()
    assert precision > 0.95 and recall > 0.95
    assert rejected[burst].all()


def test_null_depths_duplicates_and_accounting(ship):
    lon, lat, z = ship
    zz = z.copy()
    zz[::50] = np.nan
    x = np.concatenate([lon, lon[:100]])
    y = np.concatenate([lat, lat[:100]])
    zd = np.concatenate([zz, zz[:100]])
    r = S.clean_soundings(x, y, zd, "EPSG:4326", "2")
    assert r.counts["accepted"] + r.counts["rejected"] == len(zd)
    assert r.counts["no_depth"] == np.isnan(zd).sum()
    assert all(r.reason[i] == "no depth (NULL)" for i in np.flatnonzero(np.isnan(zd)))
    # an exact duplicate is judged like its twin
    assert np.array_equal(r.accepted[:100], r.accepted[len(lon):])


def test_single_point_and_empty_and_bad_options():
    r = S.clean_soundings([-108.5], [22.5], [-2000.0], "EPSG:4326", "1a")
    assert r.accepted.tolist() == [True] and r.counts["unjudged"] == 1
    r = S.clean_soundings([-108.5], [22.5], [-2000.0], "EPSG:4326", "1a", along_track=True)
    assert r.accepted.tolist() == [True] and r.counts["unjudged"] == 1
    lost = S.clean_soundings([np.nan, 1.0], [np.nan, np.nan], [1.0, 2.0], "EPSG:4326")
    assert lost.reason == ["no position", "no position"] and lost.counts["rejected"] == 2
    with pytest.raises(InputError, match="no soundings"):
        S.clean_soundings([], [], [], "EPSG:4326", "1a")
    with pytest.raises(InputError, match="Order must be one of"):
        S.clean_soundings([0.0], [0.0], [1.0], "EPSG:4326", "4")
    with pytest.raises(InputError, match="must be positive"):
        S.clean_soundings([0.0], [0.0], [1.0], "EPSG:4326", metres=-1.0)
    with pytest.raises(InputError, match="coordinate reference system"):
        S.clean_soundings([0.0], [0.0], [1.0], "", "1a")


def test_threshold_in_metres(ship):
    lon, lat, z = ship
    zz, _ = with_spikes(z, 0.05, np.random.default_rng(4))
    loose = S.clean_soundings(lon, lat, zz, "EPSG:4326", metres=5000.0)
    assert loose.counts["rejected"] == 0
    assert np.all(loose.threshold >= 5000.0)


def test_taught_model_round_trip_and_safety(data_dir, tmp_path):
    rng = np.random.default_rng(5)
    x, y, z = azores_swath(data_dir, rng)
    zz, bad = with_spikes(z, 0.1, rng, lo=10.0, hi=300.0)
    beam = np.tile(np.linspace(-60, 60, 64), len(z) // 64)
    model = S.train_cleaner(x, y, zz, "EPSG:32626", bad, "1a", extra={"beam": beam},
                            n_estimators=30)
    path = S.save_model(model, tmp_path / "cleaner.npz")
    loaded = S.load_model(path)
    assert loaded.extra_names == ["beam"]
    r = S.clean_soundings(x, y, zz, "EPSG:32626", "1a", model=loaded, extra={"beam": beam})
    assert ((~r.accepted) & bad).sum() / bad.sum() > 0.9
    assert r.reason[int(np.flatnonzero(~r.accepted)[0])].startswith("taught model")
    with pytest.raises(InputError, match="attribute 'beam'"):
        S.clean_soundings(x, y, zz, "EPSG:32626", "1a", model=loaded)
    # the numpy re-evaluation is sklearn's own decision function
    from sklearn.ensemble import GradientBoostingClassifier
    s = S.robust_surface(*S.metric_coordinates(x, y, "EPSG:32626"), zz)
    thr = np.maximum(S.tvu(s.surface, "1a"), S.NOISE_K * s.noise)
    feats = S.features(s, thr, {"beam": beam}, ["beam"])
    clf = GradientBoostingClassifier(n_estimators=30, max_depth=3, learning_rate=0.1,
                                     subsample=0.8, random_state=0).fit(feats, bad)
    assert np.allclose(S._export(clf, feats, ["beam"], "1a", None, 1.0, bad)
                       .decision(feats), clf.decision_function(feats), atol=1e-9)
    # a pickle, or any other file, is refused without being executed
    bad_file = tmp_path / "evil.npz"
    np.save(tmp_path / "evil.npy", np.array([object()], dtype=object), allow_pickle=True)
    (tmp_path / "evil.npy").rename(bad_file)
    with pytest.raises(InputError, match="not a GeoInverse sounding-cleaner model"):
        S.load_model(bad_file)


def test_teacher_needs_both_classes(ship):
    lon, lat, z = ship
    with pytest.raises(InputError, match="both accepted and rejected"):
        S.train_cleaner(lon, lat, z, "EPSG:4326", np.zeros(len(z), bool), "2")


def test_grid_statistics_and_nodata(tmp_path):
    # 3 soundings in cell (0, 0), 1 in cell (0, 2), none in the middle column
    x = np.array([0.2, 0.4, 0.6, 2.5, 0.5])
    y = np.array([1.5, 1.7, 1.2, 1.5, 0.5])
    z = np.array([-10.0, -12.0, -20.0, -5.0, -7.0])
    crs = "EPSG:32612"
    res = {}
    for stat in S.STATISTICS:
        out = tmp_path / f"{stat}.tif"
        g = S.grid_soundings(x, y, z, crs, str(out), cell_size=1.0, extent=(0, 3, 0, 2),
                             statistic=stat, count_path=str(tmp_path / "n.tif"),
                             stddev_path=str(tmp_path / "sd.tif"))
        res[stat], gt, wkt, _ = read_array(out)
    assert (g.width, g.height, g.filled_cells, g.used) == (3, 2, 3, 5)
    assert gt == (0.0, 1.0, 0.0, 2.0, 0.0, -1.0)
    assert osr.SpatialReference(wkt=wkt).GetAuthorityCode(None) == "32612"
    assert res["median"][0, 0] == -12.0 and res["mean"][0, 0] == pytest.approx(-14.0)
    assert res["shoalest"][0, 0] == -10.0 and g.shoalest_is.startswith("maximum")
    assert res["median"][0, 2] == -5.0 and res["median"][1, 0] == -7.0
    assert np.isnan(res["median"][0, 1]) and np.isnan(res["median"][1, 2])
    count = read_array(tmp_path / "n.tif")[0]
    sd = read_array(tmp_path / "sd.tif")[0]
    assert count[0, 0] == 3 and np.isnan(count[0, 1])
    assert sd[0, 0] == pytest.approx(np.std([-10, -12, -20]), rel=1e-6)
    assert gdal.Open(str(tmp_path / "median.tif")).GetRasterBand(1).DataType == gdal.GDT_Float32


def test_grid_defaults_from_real_data(ship, tmp_path):
    lon, lat, z = ship
    g = S.grid_soundings(lon, lat, z, "EPSG:4326", str(tmp_path / "g.tif"))
    assert 0.001 < g.cell_size < 0.05  # degrees: twice the sounding spacing
    assert g.used == len(z) and g.outside == 0
    grid = read_array(tmp_path / "g.tif")[0]
    assert np.nanmin(grid) >= z.min() and np.nanmax(grid) <= z.max()
    with pytest.raises(InputError, match="nothing to grid"):
        S.grid_soundings([1.0], [1.0], [np.nan], "EPSG:4326", str(tmp_path / "x.tif"))
    assert not (tmp_path / "x.tif").exists()


def test_cell_medians_with_and_without_mask():
    rng = np.random.default_rng(6)
    x, y = rng.uniform(0, 100, 2000), rng.uniform(0, 100, 2000)
    cells = S._Cells(x, y, 10.0)
    values = rng.normal(size=2000)
    mask = rng.random(2000) < 0.6
    mask[cells.index == 0] = False  # a cell with no masked-in value
    got = cells.cell_median(values, mask)
    for k in range(cells.count):
        sel = (cells.index == k) & mask
        assert (np.isnan(got[k]) and not sel.any()) or got[k] == pytest.approx(
            np.median(values[sel]))
    plain = cells.cell_median(values)
    assert all(plain[k] == pytest.approx(np.median(values[cells.index == k]))
               for k in range(cells.count))


def test_noise_scale_is_always_defined(data_dir):
    """A neighbourhood whose soundings are all outliers of the start still gets a scale."""
    rng = np.random.default_rng(8)
    x, y, z = azores_swath(data_dir, rng, n_pings=40, beams=32)
    cells = S._Cells(x, y, 60.0)
    nobody = np.zeros(len(z), dtype=bool)
    scale = S._noise_scale(cells, z - z.mean(), None, nobody)
    assert np.all(np.isfinite(scale)) and np.all(scale > 0)
