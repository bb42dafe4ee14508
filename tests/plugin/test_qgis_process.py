"""End to end through /usr/bin/qgis_process.bin, as a hydrographer's script runs it."""
import pytest
from osgeo import gdal, osr


def test_provider_is_listed(qgis_process):
    listing = qgis_process("list").stdout
    assert "GeoInverse" in listing
    assert "geoinverse:bicubic" in listing and "geoinverse:comparegrids" in listing


def test_help_describes_parameters(qgis_process):
    text = qgis_process("help", "geoinverse:bicubic").stdout
    for word in ("INPUT", "BAND", "SCALE", "OUTPUT", "bicubic"):
        assert word in text


def test_bicubic_end_to_end(qgis_process, data_dir, tmp_path):
    src = str(data_dir / "azores_1m.tif")
    out = str(tmp_path / "azores_x3.tif")
    qgis_process("run", "geoinverse:bicubic", "--", f"INPUT={src}", "SCALE=3",
                 f"OUTPUT={out}")
    s, d = gdal.Open(src), gdal.Open(out)
    assert (d.RasterXSize, d.RasterYSize) == (3 * 257, 3 * 193)
    sgt, dgt = s.GetGeoTransform(), d.GetGeoTransform()
    assert dgt[0] == sgt[0] and dgt[3] == sgt[3]
    assert dgt[1] == pytest.approx(sgt[1] / 3) and dgt[5] == pytest.approx(sgt[5] / 3)
    srs = osr.SpatialReference(wkt=d.GetProjection())
    assert srs.GetAuthorityCode(None) == "4326"
    band = d.GetRasterBand(1)
    assert band.DataType == gdal.GDT_Float32
    assert gdal.GetDataTypeName(band.DataType) == "Float32"
    assert str(band.GetNoDataValue()) == "nan"


def test_compare_end_to_end_json(qgis_process, data_dir, tmp_path):
    src = str(data_dir / "azores_1m.tif")
    result = qgis_process.json("run", "geoinverse:comparegrids", "--", f"INPUT={src}",
                               f"REFERENCE={src}", f"OUTPUT={tmp_path / 'd.tif'}",
                               f"REPORT={tmp_path / 'r.html'}")
    assert result["results"]["COUNT"] == 257 * 193
    assert result["results"]["RMSE"] == 0


def test_bad_input_fails_cleanly(qgis_process, data_dir, tmp_path):
    out = tmp_path / "never.tif"
    proc = qgis_process("run", "geoinverse:bicubic", "--",
                        f"INPUT={data_dir / 'azores_1m.tif'}", "SCALE=7", f"OUTPUT={out}",
                        check=False)
    assert proc.returncode != 0
    assert "SCALE must be one of 2, 3, 4" in proc.stdout + proc.stderr
    assert not out.exists()


def test_all_nodata_input_gets_our_message_only(qgis_process, tmp_path):
    """QGIS computes statistics when it loads the input; GDAL's 'Failed to compute
    statistics' must not come before the algorithm's own message."""
    import numpy as np
    from geoinverse.algorithms.raster import write_array
    src = tmp_path / "empty.tif"
    write_array(str(src), np.full((40, 40), np.nan, np.float32), (0, 1, 0, 0, 0, -1), "")
    proc = qgis_process("run", "geoinverse:bicubic", "--", f"INPUT={src}",
                        f"OUTPUT={tmp_path / 'x2.tif'}", check=False)
    assert proc.returncode != 0
    text = proc.stdout + proc.stderr
    assert "holds only nodata" in text
    assert "Failed to compute statistics" not in text
    assert not (tmp_path / "x2.tif").exists()
