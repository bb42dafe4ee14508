"""Trust layers (issue 18) through processing.run: UNCERTAINTY, PROVENANCE, BAG output,
the out-of-distribution warning, and an uncalibrated own model refused."""
import json
import shutil

import numpy as np
import pytest
from osgeo import gdal, osr
from qgis.core import QgsProcessingException, QgsProcessingFeedback

from geoinverse.algorithms.bathymetry import superres
from geoinverse.algorithms.raster import read_array, write_array


class WarningFeedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.warnings = []

    def pushWarning(self, warning):  # noqa: N802
        self.warnings.append(warning)


@pytest.fixture
def holed(data_dir, tmp_path):
    grid, gt, crs, _ = read_array(data_dir / "azores_1m.tif")
    grid[60:70, 80:90] = np.nan
    return write_array(str(tmp_path / "holed.tif"), grid, gt, crs), grid


def test_fill_then_superresolve_keeps_provenance_and_uncertainty(run_algorithm, holed,
                                                                 tmp_path):
    src, z = holed
    fill = run_algorithm("geoinverse:fillgaps", {
        "INPUT": src, "OUTPUT": str(tmp_path / "f.bag"),
        "UNCERTAINTY": str(tmp_path / "fu.tif"), "PROVENANCE": str(tmp_path / "fp.tif")})
    bag = gdal.Open(fill["OUTPUT"])
    assert bag.RasterCount == 2 and bag.GetDriver().ShortName == "BAG"
    prov = read_array(fill["PROVENANCE"])[0]
    assert np.all(prov[60:70, 80:90] == 2) and np.all(prov[~np.isnan(z)] == 1)
    sigma = read_array(fill["UNCERTAINTY"])[0]
    assert np.all(sigma[~np.isnan(z)] == 0) and np.all(sigma[60:70, 80:90] > 0)
    feedback = WarningFeedback()
    sr = run_algorithm("geoinverse:superresolve", {
        "INPUT": fill["OUTPUT"], "OUTPUT": str(tmp_path / "sr.tif"),
        "INPUT_PROVENANCE": fill["PROVENANCE"], "UNCERTAINTY": str(tmp_path / "su.tif"),
        "PROVENANCE": str(tmp_path / "sp.tif")}, feedback)
    assert set(sr) == {"OUTPUT", "UNCERTAINTY", "PROVENANCE"}
    sp = read_array(sr["PROVENANCE"])[0]
    assert np.all(sp[120:140, 160:180] == 4) and sp[20, 20] == 3
    su = read_array(sr["UNCERTAINTY"])[0]
    assert np.all(su[~np.isnan(read_array(sr["OUTPUT"])[0])] > 0)
    assert feedback.warnings == []        # a 1' ocean grid looks like the training data


def test_sparsesr_uncertainty_and_ood_warning(run_algorithm, tmp_path):
    rng = np.random.default_rng(0)
    yy, xx = np.mgrid[:120, :120]
    plane = (-3000 + 2.0 * xx + yy + rng.normal(0, 5, (120, 120))).astype(np.float32)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    src = write_array(str(tmp_path / "plane.tif"), plane, (-40, 1 / 12, 0, 30, 0, -1 / 12),
                      srs.ExportToWkt())
    feedback = WarningFeedback()
    result = run_algorithm("geoinverse:sparsesr", {
        "INPUT": src, "OUTPUT": str(tmp_path / "s.tif"),
        "UNCERTAINTY": str(tmp_path / "u.tif")}, feedback)
    assert read_array(result["UNCERTAINTY"])[0].shape == (240, 240)
    assert any("Out of distribution" in w and "flatter" in w for w in feedback.warnings)


def test_uncertainty_with_uncalibrated_own_model_is_refused(run_algorithm, holed,
                                                            tmp_path):
    path, card = superres.shipped_models()[0]
    shutil.copyfile(path, tmp_path / "own.onnx")
    card = {k: v for k, v in card.items() if k != "uncertainty"}
    (tmp_path / "own.json").write_text(json.dumps(card))
    with pytest.raises(QgsProcessingException, match="no uncertainty calibration"):
        run_algorithm("geoinverse:superresolve", {
            "INPUT": holed[0], "MODEL_FILE": str(tmp_path / "own.onnx"),
            "SCALE": card["scale"], "OUTPUT": str(tmp_path / "out.tif"),
            "UNCERTAINTY": str(tmp_path / "u.tif")})
    assert not (tmp_path / "out.tif").exists() and not (tmp_path / "u.tif").exists()
