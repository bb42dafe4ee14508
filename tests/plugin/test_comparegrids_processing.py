"""geoinverse:comparegrids through processing.run: numbers out, difference, report."""
import numpy as np
import pytest
from osgeo import gdal
from qgis.core import QgsProcessingException

from geoinverse.algorithms.raster import read_array, write_array


def test_compare_outputs_numbers_difference_and_report(run_algorithm, data_dir, tmp_path):
    a, gt, crs, _ = read_array(data_dir / "azores_1m.tif")
    biased = write_array(tmp_path / "biased.tif", a - 3.0, gt, crs)
    result = run_algorithm("geoinverse:comparegrids", {
        "INPUT": biased, "REFERENCE": str(data_dir / "azores_1m.tif"),
        "OUTPUT": str(tmp_path / "diff.tif"), "REPORT": str(tmp_path / "report.html")})
    assert result["COUNT"] == 257 * 193
    assert result["BIAS"] == pytest.approx(-3.0, abs=1e-3)
    assert result["RMSE"] == pytest.approx(3.0, abs=1e-3)
    assert result["MAX_ABS_ERROR"] == pytest.approx(3.0, abs=1e-3)
    for key in ("MAE", "P50", "P90", "P95", "P99"):
        assert result[key] == pytest.approx(3.0, abs=1e-3)
    diff = gdal.Open(result["OUTPUT"]).ReadAsArray()
    assert np.allclose(diff, -3.0, atol=1e-3)
    html = (tmp_path / "report.html").read_text()
    assert "RMSE" in html and "slope" in html


def test_compare_with_mask_layer(run_algorithm, data_dir, tmp_path):
    a, gt, crs, _ = read_array(data_dir / "azores_1m.tif")
    mask = np.zeros(a.shape)
    mask[10:20, 10:30] = 1
    m = write_array(tmp_path / "mask.tif", mask, gt, crs)
    result = run_algorithm("geoinverse:comparegrids", {
        "INPUT": str(data_dir / "azores_1m.tif"), "REFERENCE": str(data_dir / "azores_1m.tif"),
        "MASK": m, "OUTPUT": "TEMPORARY_OUTPUT", "REPORT": str(tmp_path / "r.html")})
    assert result["COUNT"] == 200 and result["RMSE"] == 0


def test_compare_disjoint_is_a_clear_error(run_algorithm, data_dir, tmp_path):
    a, gt, crs, _ = read_array(data_dir / "azores_1m.tif")
    far = write_array(tmp_path / "far.tif", a, (gt[0] + 40, gt[1], 0, gt[3], 0, gt[5]), crs)
    with pytest.raises(QgsProcessingException, match="share no valid cell"):
        run_algorithm("geoinverse:comparegrids", {
            "INPUT": far, "REFERENCE": str(data_dir / "azores_1m.tif"),
            "OUTPUT": str(tmp_path / "d.tif"), "REPORT": str(tmp_path / "r.html")})
    assert not (tmp_path / "d.tif").exists()
