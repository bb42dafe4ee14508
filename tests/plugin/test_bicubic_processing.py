"""geoinverse:bicubic through processing.run, as a script or the GUI would run it."""
import numpy as np
import pytest
from osgeo import gdal
from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsRasterLayer

from geoinverse.algorithms.raster import write_array


def test_bicubic_netcdf_grid(run_algorithm, data_dir, tmp_path):
    out = str(tmp_path / "tut_x2.tif")
    result = run_algorithm("geoinverse:bicubic", {
        "INPUT": str(data_dir / "tut_bathy.nc"), "BAND": 1, "SCALE": 2, "OUTPUT": out})
    assert result["OUTPUT"] == out
    layer = QgsRasterLayer(out, "x2")
    assert layer.isValid() and (layer.width(), layer.height()) == (146, 122)
    src = QgsRasterLayer(str(data_dir / "tut_bathy.nc"), "src")
    assert layer.extent().toString(6) == src.extent().toString(6)


def test_defaults_apply_and_progress_is_reported(run_algorithm, data_dir, tmp_path):
    progress = []
    feedback = QgsProcessingFeedback()
    feedback.progressChanged.connect(progress.append)
    out = str(tmp_path / "az.tif")
    run_algorithm("geoinverse:bicubic", {"INPUT": str(data_dir / "azores_1m.tif"),
                                         "OUTPUT": out, "TILE": 64}, feedback)
    ds = gdal.Open(out)
    assert (ds.RasterXSize, ds.RasterYSize) == (514, 386)  # default SCALE 2, band 1
    assert progress and progress[-1] == pytest.approx(100.0)


def test_layer_object_input_and_temporary_output(run_algorithm, data_dir):
    layer = QgsRasterLayer(str(data_dir / "azores_1m.tif"), "azores")
    result = run_algorithm("geoinverse:bicubic", {"INPUT": layer, "SCALE": 4,
                                                  "OUTPUT": "TEMPORARY_OUTPUT"})
    assert gdal.Open(result["OUTPUT"]).RasterXSize == 257 * 4


def test_cancel_writes_nothing(run_algorithm, data_dir, tmp_path):
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    out = tmp_path / "c.tif"
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run_algorithm("geoinverse:bicubic", {"INPUT": str(data_dir / "azores_1m.tif"),
                                             "OUTPUT": str(out)}, feedback)
    assert list(tmp_path.iterdir()) == []


def bad_inputs(tmp_path, data_dir):
    gt = (0, 1, 0, 0, 0, -1)
    rgb = tmp_path / "rgb.tif"
    ds = gdal.GetDriverByName("GTiff").Create(str(rgb), 8, 8, 3, gdal.GDT_Byte,
                                              options=["PHOTOMETRIC=RGB"])
    ds.SetGeoTransform(gt)
    ds = None
    rotated = tmp_path / "rotated.tif"
    ds = gdal.GetDriverByName("GTiff").Create(str(rotated), 8, 8, 1, gdal.GDT_Float32)
    ds.SetGeoTransform((0, 1, 0.3, 0, 0.3, -1))
    ds = None
    empty = write_array(tmp_path / "empty.tif", np.full((8, 8), np.nan), gt)
    good = str(data_dir / "azores_1m.tif")
    return [
        ({"INPUT": good, "BAND": 2}, "Band 2 does not exist"),
        ({"INPUT": empty}, "only nodata"),
        ({"INPUT": str(rgb)}, "image"),
        ({"INPUT": str(rotated)}, "rotated"),
        ({"INPUT": good, "SCALE": 5}, "SCALE must be one of 2, 3, 4"),
        ({"INPUT": str(tmp_path / "missing.tif")}, "INPUT"),
    ]


def test_bad_inputs_give_clear_errors_and_write_nothing(run_algorithm, data_dir, tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    for i, (params, message) in enumerate(bad_inputs(inputs, data_dir)):
        out = outputs / f"out{i}.tif"
        with pytest.raises(QgsProcessingException, match=message):
            run_algorithm("geoinverse:bicubic", dict(params, OUTPUT=str(out)))
        assert list(outputs.iterdir()) == [], f"case {i} left files behind"
