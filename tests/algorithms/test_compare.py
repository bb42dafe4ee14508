"""Grid comparison: known errors give known statistics; other grids are resampled."""
import math

import numpy as np
import pytest

from geoinverse.algorithms.bathymetry.resample import upsample_raster
from geoinverse.algorithms.compare import compare_grids, report_html
from geoinverse.algorithms.errors import InputError
from geoinverse.algorithms.raster import read_array, write_array


@pytest.fixture
def azores(data_dir):
    return read_array(data_dir / "azores_1m.tif")


def test_identical_grids_have_zero_error(data_dir):
    src = str(data_dir / "azores_1m.tif")
    r = compare_grids(src, src)
    assert r.stats["count"] == 257 * 193
    assert r.stats["rmse"] == 0 and r.stats["max_abs"] == 0 and r.stats["p99"] == 0


def test_known_offset_and_noise(azores, tmp_path):
    a, gt, crs, _ = azores
    noise = np.random.default_rng(1).normal(0, 2.0, a.shape).astype(np.float32)
    shifted = write_array(tmp_path / "s.tif", a + 5.0 + noise, gt, crs)
    ref = write_array(tmp_path / "r.tif", a, gt, crs)
    r = compare_grids(shifted, ref, difference_path=tmp_path / "d.tif")
    e = (a + 5.0 + noise).astype(np.float64) - a
    assert r.stats["bias"] == pytest.approx(e.mean(), abs=1e-3)
    assert r.stats["rmse"] == pytest.approx(math.sqrt((e ** 2).mean()), rel=1e-4)
    assert r.stats["mae"] == pytest.approx(np.abs(e).mean(), rel=1e-4)
    assert r.stats["p50"] == pytest.approx(np.percentile(np.abs(e), 50), rel=1e-3)
    assert sum(row["count"] for row in r.by_slope) == r.stats["count"]
    diff = read_array(tmp_path / "d.tif")[0]
    np.testing.assert_allclose(diff, e, atol=1e-3)


def test_steeper_classes_exist_on_real_relief(data_dir):
    src = str(data_dir / "azores_1m.tif")
    r = compare_grids(src, src)
    populated = [row for row in r.by_slope if row["count"] > 0]
    assert len(populated) >= 3  # the ridge and islands span several slope classes


def test_mask_restricts_comparison(azores, tmp_path):
    a, gt, crs, _ = azores
    mask = np.zeros(a.shape, np.float32)
    mask[:50, :60] = 1
    m = write_array(tmp_path / "m.tif", mask, gt, crs)
    ref = write_array(tmp_path / "r.tif", a, gt, crs)
    noisy = write_array(tmp_path / "n.tif", a + 1.0, gt, crs)
    r = compare_grids(noisy, ref, mask_path=m)
    assert r.stats["count"] == 50 * 60
    assert r.stats["bias"] == pytest.approx(1.0, abs=1e-3)


def test_other_resolution_is_compared_on_reference_grid(data_dir, tmp_path):
    src = data_dir / "azores_1m.tif"
    up = tmp_path / "up.tif"
    upsample_raster(src, up, 2)
    r = compare_grids(up, src)  # bilinear back onto the 1' grid: small, not zero
    assert r.resampled
    assert r.stats["count"] > 0.95 * 257 * 193
    assert 0 < r.stats["rmse"] < 60
    html = report_html(r, str(up), str(src))
    assert "RMSE" in html and "resampled" in html and "<svg" in html


def test_disjoint_grids_are_a_clear_error(azores, tmp_path):
    a, gt, crs, _ = azores
    far = write_array(tmp_path / "far.tif", a, (gt[0] + 50, gt[1], 0, gt[3], 0, gt[5]), crs)
    ref = write_array(tmp_path / "r.tif", a, gt, crs)
    with pytest.raises(InputError, match="share no valid cell"):
        compare_grids(far, ref, difference_path=tmp_path / "d.tif")
    assert not (tmp_path / "d.tif").exists()


def test_non_georeferenced_grids_of_other_size_are_refused(tmp_path):
    a = write_array(tmp_path / "a.tif", np.ones((5, 5)))
    b = write_array(tmp_path / "b.tif", np.ones((6, 6)))
    with pytest.raises(InputError, match="georeferencing"):
        compare_grids(a, b)
    r = compare_grids(a, a)
    assert r.stats["count"] == 25
