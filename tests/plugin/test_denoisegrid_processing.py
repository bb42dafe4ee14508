"""geoinverse:denoisegrid through processing.run and qgis_process (real Azores grid; a
cut of the JD211 multibeam survey for the stripes)."""
import numpy as np
import pytest
from qgis.core import QgsProcessingException

from geoinverse.algorithms.raster import read_array, write_array




@pytest.fixture
def noisy(data_dir, tmp_path):
    """The Azores grid with 1 % of depth white noise and a nodata patch."""
    grid, gt, crs, _ = read_array(data_dir / "azores_1m.tif")
    rng = np.random.default_rng(11)
    out = grid + (rng.normal(size=grid.shape) * 0.01 * np.abs(grid)).astype(np.float32)
    out[40:60, 100:130] = np.nan
    return write_array(str(tmp_path / "noisy.tif"), out, gt, crs), grid, out


def rmse(a, b):
    ok = np.isfinite(a) & np.isfinite(b)
    return float(np.sqrt(np.mean((a[ok] - b[ok]) ** 2)))


def test_denoisegrid_writes_denoised_grid_and_removed(run_algorithm, noisy, tmp_path,
                                                      recording_feedback):
    src, truth, data = noisy
    log = recording_feedback()
    result = run_algorithm("geoinverse:denoisegrid", {
        "INPUT": src, "OUTPUT": str(tmp_path / "out.tif"),
        "REMOVED": str(tmp_path / "removed.tif")}, feedback=log)
    out = read_array(result["OUTPUT"])[0]
    assert np.array_equal(np.isnan(out), np.isnan(data))
    assert rmse(out, truth) < 0.95 * rmse(data, truth)
    removed = read_array(result["REMOVED"])[0]
    np.testing.assert_allclose(removed, data - out, atol=1e-3, equal_nan=True)
    text = "\n".join(log.lines)
    assert "257 x 193 cells" in text and "noise auto" in text and "removed RMS" in text
    # STRIPES is auto by default and finds no stripes on this clean grid
    assert "no striping found" in text


def test_denoisegrid_options_reach_the_science(run_algorithm, noisy, tmp_path,
                                               recording_feedback):
    src = noisy[0]
    log = recording_feedback()
    weak = run_algorithm("geoinverse:denoisegrid", {
        "INPUT": src, "NOISE": "metres", "NOISE_VALUE": 0.01, "STRIPES": "given",
        "STRIPE_ANGLE": 45.0, "OUTPUT": str(tmp_path / "weak.tif")}, feedback=log)
    assert "stripes removed along 45.0 deg" in "\n".join(log.lines)
    iho = run_algorithm("geoinverse:denoisegrid", {
        "INPUT": src, "NOISE": "iho", "IHO_ORDER": "2", "STRIPES": "off",
        "OUTPUT": str(tmp_path / "iho.tif")})
    data = noisy[2]
    # a 1 cm noise level changes the line-free part little; order 2 at ~2500 m: ~30 m
    assert rmse(read_array(iho["OUTPUT"])[0], data) > 5.0
    assert "REMOVED" not in weak


def test_denoisegrid_bad_input_is_refused(run_algorithm, noisy, tmp_path):
    with pytest.raises(QgsProcessingException):
        run_algorithm("geoinverse:denoisegrid", {
            "INPUT": noisy[0], "NOISE": "metres", "NOISE_VALUE": 0.0,
            "OUTPUT": str(tmp_path / "bad.tif")})
    assert not (tmp_path / "bad.tif").exists()
    empty = write_array(str(tmp_path / "empty.tif"), np.full((20, 20), np.nan, np.float32))
    with pytest.raises(QgsProcessingException):
        run_algorithm("geoinverse:denoisegrid", {"INPUT": empty,
                                                 "OUTPUT": str(tmp_path / "e.tif")})


def test_qgis_process_denoisegrid(qgis_process, noisy, tmp_path):
    src, truth, data = noisy
    out = tmp_path / "cli.tif"
    proc = qgis_process("run", "geoinverse:denoisegrid", "--", f"INPUT={src}",
                        f"OUTPUT={out}", f"REMOVED={tmp_path / 'r.tif'}")
    assert "spike(s) replaced" in proc.stdout
    result = read_array(str(out))[0]
    assert np.array_equal(np.isnan(result), np.isnan(data))
    assert rmse(result, truth) < 0.95 * rmse(data, truth)


def _track_lines(path, grid_path, azimuth, spacing=20.0):
    """A GeoPackage of straight survey lines at `azimuth` over the grid."""
    from osgeo import gdal, ogr, osr
    ds = gdal.Open(str(grid_path))
    x0, dx, _, y0, _, dy = ds.GetGeoTransform()
    w, h = ds.RasterXSize, ds.RasterYSize
    srs = osr.SpatialReference(wkt=ds.GetProjection())
    out = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = out.CreateLayer("lines", srs, ogr.wkbLineString)
    t = np.radians(azimuth)
    along, across = np.array([np.sin(t), np.cos(t)]), np.array([np.cos(t), -np.sin(t)])
    centre = np.array([x0 + dx * w / 2, y0 + dy * h / 2])
    half = 0.8 * max(w * dx, h * -dy)
    for k in np.arange(-half, half, spacing):
        a, b = centre + k * across - half * along, centre + k * across + half * along
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetGeometry(ogr.CreateGeometryFromWkt(
            f"LINESTRING ({a[0]} {a[1]}, {b[0]} {b[1]})"))
        layer.CreateFeature(feature)
    out = None
    return str(path)


def test_denoisegrid_takes_the_direction_from_survey_lines(run_algorithm, data_dir,
                                                           tmp_path, recording_feedback):
    src = str(data_dir / "jd211_cut.tif")
    lines = _track_lines(tmp_path / "lines.gpkg", src, 75.0)
    log = recording_feedback()
    result = run_algorithm("geoinverse:denoisegrid", {
        "INPUT": src, "STRIPES": "given", "LINES": lines, "STRIPE_MODEL": "levels",
        "OUTPUT": str(tmp_path / "out.tif"), "REMOVED": str(tmp_path / "noise.tif"),
        "REMOVED_STRIPES": str(tmp_path / "stripes.tif")}, feedback=log)
    assert "stripes removed along the survey lines (75.0 deg)" in "\n".join(log.lines)
    data = read_array(src)[0]
    out = read_array(result["OUTPUT"])[0]
    noise = read_array(result["REMOVED"])[0]
    stripes = read_array(result["REMOVED_STRIPES"])[0]
    np.testing.assert_allclose(noise + stripes, data - out, atol=1e-4)
    # the stripes of this survey are a few cm (narrow, varying along the lines: the
    # "levels" model), larger than the noise taken out
    assert 0.005 < float(np.sqrt(np.mean(stripes ** 2))) < 0.05
    assert np.sqrt(np.mean(stripes ** 2)) > np.sqrt(np.mean(noise ** 2))


def test_denoisegrid_stripes_by_name_only(run_algorithm, data_dir, tmp_path):
    for bad in ("sideways", 2):
        with pytest.raises(QgsProcessingException, match="off, auto, given"):
            run_algorithm("geoinverse:denoisegrid", {
                "INPUT": str(data_dir / "jd211_cut.tif"), "STRIPES": bad,
                "OUTPUT": str(tmp_path / "x.tif")})
    with pytest.raises(QgsProcessingException, match="auto, jumps, levels"):
        run_algorithm("geoinverse:denoisegrid", {
            "INPUT": str(data_dir / "jd211_cut.tif"), "STRIPES": "given",
            "STRIPE_MODEL": "wide", "OUTPUT": str(tmp_path / "x.tif")})
    assert not (tmp_path / "x.tif").exists()
