"""cleansoundings, trainsoundingcleaner and gridsoundings through processing.run."""
import numpy as np
import pytest
from osgeo import gdal, ogr, osr
from qgis.core import QgsProcessingException, QgsVectorLayer

RNG_SEED = 11


def write_layer(path, x, y, z, epsg=4326, with_z=True, depth=None, fields=None):
    """A GeoPackage point layer: PointZ (z) or 2D with a `depth` field (None = NULL)."""
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = ds.CreateLayer("soundings", srs, ogr.wkbPoint25D if with_z else ogr.wkbPoint)
    layer.CreateField(ogr.FieldDefn("record", ogr.OFTInteger))
    if depth is not None:
        layer.CreateField(ogr.FieldDefn("depth", ogr.OFTReal))
    for name in (fields or {}):
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTReal))
    layer.StartTransaction()
    for i in range(len(x)):
        f = ogr.Feature(layer.GetLayerDefn())
        f.SetField("record", i)
        if depth is not None and depth[i] is not None and np.isfinite(depth[i]):
            f.SetField("depth", float(depth[i]))
        for name, values in (fields or {}).items():
            f.SetField(name, values[i])
        g = ogr.Geometry(ogr.wkbPoint25D if with_z else ogr.wkbPoint)
        if with_z:
            g.AddPoint(float(x[i]), float(y[i]), float(z[i]))
        else:
            g.AddPoint_2D(float(x[i]), float(y[i]))
        f.SetGeometry(g)
        layer.CreateFeature(f)
    layer.CommitTransaction()
    ds = None
    return str(path)


@pytest.fixture(scope="module")
def spiked(data_dir):
    d = np.loadtxt(data_dir / "ship15_cut.txt")
    rng = np.random.default_rng(RNG_SEED)
    bad = rng.random(len(d)) < 0.05
    z = d[:, 2].copy()
    z[bad] += rng.choice([-1, 1], bad.sum()) * rng.uniform(300, 1500, bad.sum())
    return d[:, 0] - 360.0, d[:, 1], z, bad


def records(path):
    layer = QgsVectorLayer(str(path), "x", "ogr")
    return {f["record"]: f for f in layer.getFeatures()}


def clean(run_algorithm, layer, tmp_path, tag, **params):
    result = run_algorithm("geoinverse:cleansoundings", {
        "INPUT": layer, "ORDER": "2", "OUTPUT": str(tmp_path / f"{tag}_ok.gpkg"),
        "REJECTED": str(tmp_path / f"{tag}_bad.gpkg"), **params})
    return result, records(result["OUTPUT"]), records(result["REJECTED"])


def test_clean_real_soundings_keeps_every_point(run_algorithm, spiked, tmp_path):
    x, y, z, bad = spiked
    layer = write_layer(tmp_path / "in.gpkg", x, y, z)
    result, ok, rejected = clean(run_algorithm, layer, tmp_path, "geo")
    assert len(ok) + len(rejected) == len(z)
    assert result["ACCEPTED_COUNT"] == len(ok) and result["REJECTED_COUNT"] == len(rejected)
    found = np.array([bad[r] for r in rejected])
    assert found.mean() > 0.9 and found.sum() > 0.9 * bad.sum()
    some = next(iter(rejected.values()))
    assert some["reason"].startswith("|residual|") and some["score"] > 1
    kept = next(iter(ok.values()))
    assert kept["score"] <= 1 and kept["residual"] is not None
    assert kept.geometry().constGet().z() == pytest.approx(z[kept["record"]])


def test_geographic_and_utm_layers_give_the_same_decisions(run_algorithm, spiked, tmp_path):
    x, y, z, _ = spiked
    geo = write_layer(tmp_path / "geo.gpkg", x, y, z)
    utm = run_algorithm("native:reprojectlayer", {
        "INPUT": geo, "TARGET_CRS": "EPSG:32612", "OUTPUT": str(tmp_path / "utm.gpkg")})
    _, _, rej_geo = clean(run_algorithm, geo, tmp_path, "g")
    _, _, rej_utm = clean(run_algorithm, utm["OUTPUT"], tmp_path, "u")
    assert rej_geo and set(rej_geo) == set(rej_utm)


def test_along_track_option_on_single_beam_lines(run_algorithm, data_dir, tmp_path):
    """The real cut is in survey order: the line test finds spikes the spatial one misses."""
    d = np.loadtxt(data_dir / "ship15_cut.txt")
    rng = np.random.default_rng(RNG_SEED)
    bad = rng.random(len(d)) < 0.08
    z = d[:, 2].copy()
    z[bad] += rng.choice([-1, 1], bad.sum()) * rng.uniform(150, 400, bad.sum())
    layer = write_layer(tmp_path / "lines.gpkg", d[:, 0] - 360.0, d[:, 1], z)
    _, _, spatial = clean(run_algorithm, layer, tmp_path, "spatial")
    result, ok, lines = clean(run_algorithm, layer, tmp_path, "lines", ALONG_TRACK=True)
    assert len(ok) + len(lines) == len(z) == result["ACCEPTED_COUNT"] + len(lines)
    found = {r for r in lines if bad[r]}
    assert set(spatial) <= set(lines)
    assert len(found) > len({r for r in spatial if bad[r]}) + 0.04 * bad.sum()
    assert sum(not bad[r] for r in lines) < 0.01 * (~bad).sum()
    assert any(f["reason"].startswith("along-line |residual|") for f in lines.values())


def test_depth_field_with_nulls_and_duplicates(run_algorithm, spiked, tmp_path):
    x, y, z, _ = spiked
    x, y, z = (np.concatenate([a, a[:30]]) for a in (x, y, z))
    depth = list(z)
    for i in range(0, len(depth), 97):
        depth[i] = None
    layer = write_layer(tmp_path / "f.gpkg", x, y, z, with_z=False, depth=depth)
    _, ok, rejected = clean(run_algorithm, layer, tmp_path, "f", DEPTH_FIELD="depth")
    assert len(ok) + len(rejected) == len(x)
    nulls = {i for i, d in enumerate(depth) if d is None}
    assert nulls <= set(rejected)
    assert all(rejected[i]["reason"] == "no depth (NULL)" for i in nulls)


def test_bad_inputs_are_clear_errors(run_algorithm, tmp_path):
    flat = write_layer(tmp_path / "flat.gpkg", [-108.5], [22.5], [0], with_z=False)
    with pytest.raises(QgsProcessingException, match="no Z values"):
        clean(run_algorithm, flat, tmp_path, "flat")
    empty = write_layer(tmp_path / "empty.gpkg", [], [], [])
    with pytest.raises(QgsProcessingException, match="no soundings"):
        clean(run_algorithm, empty, tmp_path, "empty")
    one = write_layer(tmp_path / "one.gpkg", [-108.5], [22.5], [-2000.0])
    result, ok, rejected = clean(run_algorithm, one, tmp_path, "one")
    assert len(ok) == 1 and not rejected
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"not a model")
    with pytest.raises(QgsProcessingException, match="not a GeoInverse sounding-cleaner"):
        clean(run_algorithm, one, tmp_path, "junk", MODEL=str(junk))


def test_train_then_clean_with_the_model(run_algorithm, spiked, tmp_path):
    x, y, z, bad = spiked
    beam = np.tile(np.arange(10.0), len(z) // 10 + 1)[:len(z)]
    marks = np.where(bad, 1.0, 0.0)
    layer = write_layer(tmp_path / "teach.gpkg", x, y, z,
                        fields={"edited": marks, "beam": beam})
    model = tmp_path / "cleaner.npz"
    trained = run_algorithm("geoinverse:trainsoundingcleaner", {
        "INPUT": layer, "LABEL_FIELD": "edited", "ORDER": "2", "EXTRA_FIELDS": ["beam"],
        "OUTPUT": str(model)})
    assert trained["TEACHER_SOUNDINGS"] == len(z)
    assert trained["TEACHER_REJECTED"] == bad.sum()
    result, ok, rejected = clean(run_algorithm, layer, tmp_path, "taught",
                                 MODEL=str(model), EXTRA_FIELDS=["beam"])
    assert len(ok) + len(rejected) == len(z)
    assert next(iter(rejected.values()))["reason"].startswith("taught model")
    assert np.mean([bad[r] for r in rejected]) > 0.9


def test_grid_accepted_soundings(run_algorithm, spiked, tmp_path):
    x, y, z, _ = spiked
    layer = write_layer(tmp_path / "g.gpkg", x, y, z)
    result = run_algorithm("geoinverse:gridsoundings", {
        "INPUT": layer, "CELL_SIZE": 0.05, "STATISTIC": "shoalest",
        "OUTPUT": str(tmp_path / "depth.tif"), "COUNT": str(tmp_path / "count.tif"),
        "STDDEV": str(tmp_path / "sd.tif")})
    depth = gdal.Open(result["OUTPUT"])
    gt = depth.GetGeoTransform()
    assert gt[1] == pytest.approx(0.05) and gt[0] == pytest.approx(x.min())
    count = gdal.Open(result["COUNT"]).ReadAsArray()
    assert np.nansum(count) == len(z)
    assert np.isnan(depth.ReadAsArray()).any()  # track data leave empty cells: nodata
    assert gdal.Open(result["STDDEV"]).RasterXSize == depth.RasterXSize
