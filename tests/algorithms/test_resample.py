"""Bicubic reference: Keys' kernel, GDAL agreement, georeferencing, nodata support."""
import math

import numpy as np
import pytest
from osgeo import gdal

from geoinverse.algorithms.bathymetry.resample import (SCALES, bicubic_upsample,
                                                       phase_taps, upsample_raster)
from geoinverse.algorithms.errors import InputError
from geoinverse.algorithms.raster import read_array, write_array


@pytest.mark.parametrize("scale", SCALES)
def test_weights_sum_to_one(scale):
    for taps in phase_taps(scale):
        assert sum(w for _, w in taps) == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize("scale", SCALES)
def test_reproduces_planes_exactly(scale):
    y, x = np.mgrid[0:20, 0:30].astype(np.float64)
    plane = (3.0 * x - 2.0 * y - 4000.0).astype(np.float32)
    up = bicubic_upsample(plane, scale)
    i = (np.arange(20 * scale) + 0.5) / scale - 0.5
    j = (np.arange(30 * scale) + 0.5) / scale - 0.5
    expected = 3.0 * j[None, :] - 2.0 * i[:, None] - 4000.0
    m = 2 * scale  # reflect padding is not a plane beyond the edge
    np.testing.assert_allclose(up[m:-m, m:-m], expected[m:-m, m:-m], atol=1e-3)


@pytest.mark.parametrize("scale", SCALES)
def test_matches_gdalwarp_cubic_on_real_grid(data_dir, scale):
    src = str(data_dir / "azores_1m.tif")
    a = read_array(src)[0]
    ref = gdal.Warp("", src, format="MEM", width=a.shape[1] * scale,
                    height=a.shape[0] * scale, resampleAlg="cubic").ReadAsArray()
    ours = bicubic_upsample(a, scale)
    m = 4 * scale  # GDAL treats the outermost cells differently; compare the interior
    np.testing.assert_allclose(ours[m:-m, m:-m], ref[m:-m, m:-m], atol=1e-3)


def test_nodata_covers_exactly_the_support():
    a = np.arange(100, dtype=np.float32).reshape(10, 10)
    a[5, 5] = np.nan
    for scale in SCALES:
        up = bicubic_upsample(a, scale)
        holes = np.argwhere(np.isnan(up))
        rows = {int(r) for r in holes[:, 0]}
        # Output rows whose 4-tap support (non-zero weights) contains input row 5.
        expected = {i * scale + p for p, taps in enumerate(phase_taps(scale))
                    for i in range(10) for off, _ in taps if i + off == 5}
        assert rows == expected
        assert np.isfinite(up).sum() == up.size - len(expected) ** 2


def test_odd_scale_centre_phase_is_not_poisoned():
    """At x3 the centre phase falls on a cell centre: only that cell is its support."""
    a = np.full((9, 9), -100.0, np.float32)
    a[4, 4] = np.nan
    up = bicubic_upsample(a, 3)
    assert np.isnan(up[13, 13])
    assert np.isfinite(up[13, 16]) and np.isfinite(up[16, 13])  # neighbours' centres


def test_raster_output_is_exactly_georeferenced(data_dir, tmp_path):
    src = data_dir / "azores_1m.tif"
    dst = tmp_path / "x3.tif"
    info = upsample_raster(src, dst, 3)
    s = gdal.Open(str(src))
    d = gdal.Open(str(dst))
    assert (d.RasterXSize, d.RasterYSize) == (s.RasterXSize * 3, s.RasterYSize * 3)
    sgt, dgt = s.GetGeoTransform(), d.GetGeoTransform()
    assert dgt[0] == sgt[0] and dgt[3] == sgt[3]
    assert dgt[1] == pytest.approx(sgt[1] / 3, rel=1e-12)
    assert dgt[5] == pytest.approx(sgt[5] / 3, rel=1e-12)
    assert d.GetProjection() == s.GetProjection() and "WGS" in d.GetProjection()
    assert d.GetRasterBand(1).DataType == gdal.GDT_Float32
    assert info["output_size"] == (771, 579)


def test_integer_grid_with_sentinel_nodata(data_dir, tmp_path):
    dst = tmp_path / "tut.tif"
    upsample_raster(data_dir / "tut_bathy.nc", dst, 2)
    ds = gdal.Open(str(dst))
    band = ds.GetRasterBand(1)
    assert band.GetNoDataValue() == -32768
    out = band.ReadAsArray()
    valid = out != -32768
    assert valid.all()  # tut_bathy has no holes: no sentinel may appear
    assert -5600 < out[valid].min() and out[valid].max() < 0


def test_non_georeferenced_input_stays_so(tmp_path):
    src = write_array(tmp_path / "map.tif", np.random.default_rng(0).random((12, 9)))
    upsample_raster(src, tmp_path / "up.tif", 2)
    assert gdal.Open(str(tmp_path / "up.tif")).GetGeoTransform(can_return_null=True) is None


def test_bad_scale_and_all_nodata_write_nothing(tmp_path):
    src = write_array(tmp_path / "holes.tif", np.full((6, 6), np.nan), (0, 1, 0, 0, 0, -1))
    with pytest.raises(InputError, match="only nodata"):
        upsample_raster(src, tmp_path / "out.tif", 2)
    with pytest.raises(InputError, match="SCALE must be one of 2, 3, 4"):
        upsample_raster(src, tmp_path / "out.tif", 5)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["holes.tif"]


def test_nan_does_not_leak_through_zero_weights():
    a = np.ones((6, 6), np.float32)
    a[:, 0] = np.nan
    up = bicubic_upsample(a, 3)
    assert not math.isnan(up[7, 9])


@pytest.mark.parametrize("driver, ext", [("AAIGrid", "asc"), ("VRT", "vrt"), ("netCDF", "nc")])
def test_any_gdal_grid_format_gives_the_same_result(data_dir, tmp_path, driver, ext):
    """GeoTIFF, ASCII grid, VRT and netCDF inputs of the same grid upsample identically."""
    src = str(data_dir / "azores_1m.tif")
    other = str(tmp_path / f"azores.{ext}")
    gdal.Translate(other, src, format=driver).FlushCache()
    upsample_raster(src, tmp_path / "from_tif.tif", 2)
    upsample_raster(other, tmp_path / f"from_{ext}.tif", 2)
    a, gt_a, _, _ = read_array(tmp_path / "from_tif.tif")
    b, gt_b, _, _ = read_array(tmp_path / f"from_{ext}.tif")
    np.testing.assert_allclose(b, a, atol=1e-3, equal_nan=True)
    np.testing.assert_allclose(gt_b, gt_a, rtol=1e-9)
