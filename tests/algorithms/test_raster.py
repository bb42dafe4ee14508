"""Windowed GDAL I/O: nodata as NaN, clear errors for bad grids, atomic outputs."""
import math

import numpy as np
import pytest
from osgeo import gdal

from geoinverse.algorithms.errors import InputError
from geoinverse.algorithms.raster import (RasterReader, RasterWriter, driver_for_path,
                                          output_nodata, read_array, scaled_geotransform,
                                          write_array)


def make_raster(path, array, dtype=gdal.GDT_Float32, gt=(0, 1, 0, 0, 0, -1), nodata=None,
                interp=None, bands=1):
    ds = gdal.GetDriverByName("GTiff").Create(str(path), array.shape[1], array.shape[0],
                                              bands, dtype)
    if gt is not None:
        ds.SetGeoTransform(gt)
    for b in range(1, bands + 1):
        band = ds.GetRasterBand(b)
        band.WriteArray(array)
        if nodata is not None:
            band.SetNoDataValue(nodata)
        if interp is not None:
            band.SetColorInterpretation(interp)
    ds = None
    return str(path)


def test_integer_netcdf_nodata_becomes_nan(data_dir):
    with RasterReader(data_dir / "tut_bathy.nc") as r:
        assert (r.width, r.height) == (73, 61)
        assert r.nodata == -32768
        a = r.read_all()
    assert a.dtype == np.float32
    assert np.nanmin(a) >= -5475 and np.nanmax(a) <= -89


def test_window_equals_slice_of_whole(data_dir):
    with RasterReader(data_dir / "azores_1m.tif") as r:
        whole = r.read_all()
        np.testing.assert_array_equal(r.read(10, 20, 30, 40), whole[20:60, 10:40])


def test_nan_holes_are_read_as_nan(data_dir):
    a, gt, crs, nodata = read_array(data_dir / "earth_relief_20m_holes.grd")
    assert np.isnan(a).sum() == 171 and math.isnan(nodata)


def test_missing_band_is_a_clear_error(data_dir):
    with pytest.raises(InputError, match="Band 3 does not exist.*1 band"):
        RasterReader(data_dir / "azores_1m.tif", band=3)


def test_rgb_image_is_rejected(tmp_path):
    path = make_raster(tmp_path / "rgb.tif", np.zeros((8, 8), np.uint8), gdal.GDT_Byte,
                       bands=3, interp=gdal.GCI_RedBand)
    with pytest.raises(InputError, match="image"):
        RasterReader(path)


def test_rotated_geotransform_is_rejected(tmp_path):
    path = make_raster(tmp_path / "rot.tif", np.zeros((8, 8), np.float32),
                       gt=(0, 1, 0.2, 0, 0.1, -1))
    with pytest.raises(InputError, match="rotated"):
        RasterReader(path)


def test_unreadable_file_is_a_clear_error(tmp_path):
    bogus = tmp_path / "notaraster.tif"
    bogus.write_text("hello")
    with pytest.raises(InputError, match="Cannot read the raster"):
        RasterReader(bogus)
    with pytest.raises(InputError, match="Cannot read the raster"):
        RasterReader(tmp_path / "missing.tif")


def test_non_georeferenced_stays_non_georeferenced(tmp_path):
    src = make_raster(tmp_path / "map.tif", np.ones((5, 7), np.float32), gt=None)
    with RasterReader(src) as r:
        assert r.geotransform is None and r.crs_wkt == ""
    out = write_array(tmp_path / "out.tif", np.ones((10, 14)), None, "")
    ds = gdal.Open(out)
    assert ds.GetGeoTransform(can_return_null=True) is None
    assert ds.GetProjection() == ""


def test_writer_is_atomic(tmp_path):
    path = tmp_path / "out.tif"
    with pytest.raises(RuntimeError):
        with RasterWriter(path, 4, 4, (0, 1, 0, 0, 0, -1), "") as w:
            w.write(np.zeros((4, 4)), 0, 0)
            assert not path.exists()
            raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


def test_nodata_round_trip_and_other_format(tmp_path):
    a = np.array([[1.5, np.nan], [3.0, 4.0]], np.float32)
    write_array(tmp_path / "a.tif", a, (0, 1, 0, 0, 0, -1), "", nodata=-9999.0)
    back, _, _, nodata = read_array(tmp_path / "a.tif")
    assert nodata == -9999.0
    np.testing.assert_array_equal(np.isnan(back), np.isnan(a))
    assert gdal.Open(str(tmp_path / "a.tif")).ReadAsArray()[0, 1] == -9999.0
    write_array(tmp_path / "a.asc", a, (0, 1, 0, 0, 0, -1), "", nodata=-9999.0)
    assert gdal.Open(str(tmp_path / "a.asc")).GetDriver().ShortName == "AAIGrid"
    assert not list(tmp_path.glob("*.partial.tif"))


def test_helpers():
    assert scaled_geotransform((10, 2, 0, 20, 0, -2), 2) == (10, 1, 0, 20, 0, -1)
    assert scaled_geotransform(None, 2) is None
    assert output_nodata(-32768) == -32768
    assert math.isnan(output_nodata(None)) and math.isnan(output_nodata(1e300))
    assert driver_for_path("x.tif") == "GTiff" and driver_for_path("x.nc") == "netCDF"
    with pytest.raises(InputError):
        driver_for_path("x.nosuchformat")


def test_writer_group_commits_all_or_removes_all(tmp_path):
    import contextlib
    from geoinverse.algorithms.raster import writer_group
    gt = (0, 1, 0, 0, 0, -1)
    outputs = [(tmp_path / "a.tif", -1.0, "a"), (None, -1.0, None), (tmp_path / "b.tif", 0, "b")]
    with pytest.raises(RuntimeError):
        with contextlib.ExitStack() as stack:
            writers = writer_group(stack, 4, 3, gt, "", outputs)
            assert writers[1] is None
            writers[0].write(np.ones((3, 4)), 0, 0)
            raise RuntimeError("a tile failed")
    assert list(tmp_path.iterdir()) == []
    with contextlib.ExitStack() as stack:
        writers = writer_group(stack, 4, 3, gt, "", outputs)
        for w in (writers[0], writers[2]):
            w.write(np.full((3, 4), 2.0), 0, 0)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.tif", "b.tif"]
    assert read_array(tmp_path / "b.tif")[0].tolist() == [[2.0] * 4] * 3


def test_a_reader_travels_to_another_process_as_its_path_and_band(data_dir):
    import pickle
    with RasterReader(data_dir / "azores_1m.tif") as reader:
        copy = pickle.loads(pickle.dumps(reader))
        np.testing.assert_array_equal(copy.read(10, 20, 30, 40), reader.read(10, 20, 30, 40))
        assert (copy.band_index, copy.geotransform) == (1, reader.geotransform)
    mem = gdal.Translate("", str(data_dir / "azores_1m.tif"), format="MEM")
    with pytest.raises(TypeError, match="cannot be sent"):
        pickle.dumps(RasterReader.from_dataset(mem, "in memory"))


def test_whole_file_outputs_are_written_completely_or_not_at_all(tmp_path):
    """files.write_atomically: a write that fails half-way leaves neither the output nor
    its temporary file; an unwritable place is an InputError naming what was written."""
    from geoinverse.algorithms.errors import InputError
    from geoinverse.algorithms.files import write_atomically
    out = tmp_path / "model.npz"

    def half_then_fail(handle):
        handle.write(b"half")
        raise OSError("disk full")
    with pytest.raises(InputError, match="the model file.*disk full"):
        write_atomically(out, half_then_fail, what="the model file")
    assert list(tmp_path.iterdir()) == []
    assert write_atomically(tmp_path / "a.txt", lambda f: f.write("é"), text=True)
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "é"
    with pytest.raises(InputError, match="Cannot write"):
        write_atomically(tmp_path / "no" / "such.bin", lambda f: f.write(b"x"))
