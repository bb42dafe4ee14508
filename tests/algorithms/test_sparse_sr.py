"""Sparse-coding super-resolution: accuracy on held-out real grids, consistency, scale
freedom, tiling, nodata, the PATTERNS feature map, dictionaries good and bad."""
import json

import numpy as np
import pytest
from osgeo import gdal

from geoinverse.algorithms.bathymetry import sparse_sr
from geoinverse.algorithms.bathymetry.resample import bicubic_upsample, block_mean
from geoinverse.algorithms.errors import InputError
from geoinverse.algorithms.raster import read_array, write_array
from geoinverse.algorithms.tiling import reflect_pad


def rmse(a, b):
    ok = ~(np.isnan(a) | np.isnan(b))
    return float(np.sqrt(np.mean((a[ok] - b[ok]) ** 2)))


@pytest.fixture(scope="module")
def x2():
    return sparse_sr.load_dictionary(sparse_sr.shipped_dictionary_path(2))


@pytest.fixture(scope="module")
def azores(data_dir):
    """A cut of the held-out Azores grid (training/regions.py HELD_OUT)."""
    return read_array(data_dir / "azores_1m.tif")


@pytest.mark.parametrize("scale", [2, 4])
@pytest.mark.parametrize("grid", ["azores_1m.tif", "tut_bathy.nc"])
def test_beats_bicubic_on_held_out_real_grids(data_dir, grid, scale):
    fine = read_array(data_dir / grid)[0].astype(np.float64)
    h, w = (np.array(fine.shape) // scale) * scale
    fine = fine[:h, :w]
    coarse = block_mean(fine, scale)
    d = sparse_sr.load_dictionary(sparse_sr.shipped_dictionary_path(scale))
    ours = rmse(sparse_sr.super_resolve(coarse, d), fine)
    bicubic = rmse(bicubic_upsample(coarse, scale), fine)
    assert ours < 0.95 * bicubic


def test_block_means_of_the_output_reproduce_the_input(azores, x2):
    coarse = block_mean(azores[0], 2)
    out = sparse_sr.super_resolve(coarse, x2)
    from scipy import ndimage
    relief = ndimage.maximum_filter(coarse, 3) - ndimage.minimum_filter(coarse, 3)
    assert np.all(np.abs(block_mean(out, 2) - coarse) <= 0.01 * np.maximum(relief, 1e-3))


def test_back_projection_alone_converges_to_the_block_means():
    rng = np.random.default_rng(0)
    coarse = np.cumsum(np.cumsum(rng.normal(size=(40, 30)), 0), 1)
    start = bicubic_upsample(coarse, 3)
    assert np.abs(block_mean(start, 3) - coarse).max() > 0.1
    out = sparse_sr.back_project(start, coarse, 3)
    np.testing.assert_allclose(block_mean(out, 3), coarse, atol=1e-3)


def test_scale_free_any_units_and_sign(azores, x2):
    coarse = block_mean(azores[0], 2)[:60, :70].astype(np.float64)
    base = sparse_sr.super_resolve(coarse, x2).astype(np.float64)
    km_positive_down = sparse_sr.super_resolve(-coarse / 1000.0 + 3.0, x2)
    np.testing.assert_allclose(km_positive_down, -base / 1000.0 + 3.0, atol=2e-4)


def test_tiled_raster_equals_one_pass_with_exact_georeferencing(data_dir, tmp_path, x2):
    src = data_dir / "azores_1m.tif"
    out, pat = tmp_path / "sr.tif", tmp_path / "pat.tif"
    info = sparse_sr.super_resolve_raster(src, out, x2, tile=64, patterns=pat)
    assert info["output_size"] == (514, 386) and info["tiles"] == 20
    coarse, gt, crs, _ = read_array(src)
    # One pass over the whole grid with the tiler's edge rule (reflection about the
    # raster's edge), cropped back to the raster.
    m = sparse_sr.margin_cells(x2.patch)
    whole, patterns, _ = (a[2 * m:-2 * m, 2 * m:-2 * m] for a in sparse_sr.super_resolve(
        reflect_pad(coarse, m, m, m, m), x2, with_maps=True))
    got, got_gt, got_crs, _ = read_array(out)
    np.testing.assert_allclose(got, whole, atol=0.02)
    np.testing.assert_array_equal(read_array(pat)[0], patterns)
    assert got_gt == pytest.approx((gt[0], gt[1] / 2, 0, gt[3], 0, gt[5] / 2))
    assert got_crs == crs


def test_nodata_is_masked_like_bicubic(tmp_path, azores, x2):
    coarse = azores[0][:80, :90].copy()
    coarse[30:36, 40:47] = np.nan
    coarse[0:3, 0:2] = np.nan
    out = sparse_sr.super_resolve(coarse, x2)
    np.testing.assert_array_equal(np.isnan(out), np.isnan(bicubic_upsample(coarse, 2)))
    src, dst = tmp_path / "holes.tif", tmp_path / "holes_sr.tif"
    write_array(src, coarse, azores[1], azores[2], -9999.0)
    sparse_sr.super_resolve_raster(src, dst, x2, tile=32)
    ds = gdal.Open(str(dst))
    assert ds.GetRasterBand(1).GetNoDataValue() == -9999.0
    np.testing.assert_array_equal(np.isnan(read_array(dst)[0]), np.isnan(out))


def two_textures(size=96, seed=3):
    """Fine grid: N-S ridges (period 9 cells) in the west half, a field of round
    seamounts in the east half, on a common slope."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:size, 0:size].astype(float)
    ridges = 40.0 * np.sin(2 * np.pi * x / 9.0 + 0.3 * np.sin(y / 15.0))
    bumps = np.zeros_like(x)
    for cy, cx in rng.uniform(0, size, (120, 2)):
        bumps += 60.0 * np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * 2.5 ** 2))
    fine = -3000.0 - 2.0 * y + np.where(x < size / 2, ridges, bumps)
    return fine + rng.normal(0, 0.5, fine.shape)


def test_patterns_separate_two_terrain_textures(x2):
    fine = two_textures()
    _, patterns, active = sparse_sr.super_resolve(block_mean(fine, 2), x2, with_maps=True)
    west, east = patterns[8:-8, 8:40].ravel(), patterns[8:-8, 56:-8].ravel()
    atoms = x2.atoms + 1
    hw = np.bincount(west.astype(int), minlength=atoms) / west.size
    he = np.bincount(east.astype(int), minlength=atoms) / east.size
    # Label each patch by the half where its atom is more frequent: the share of
    # patches labelled right is 0.5 if the atoms did not tell the textures apart.
    accuracy = 0.5 * (hw[hw > he].sum() + he[he >= hw].sum())
    assert accuracy > 0.9
    assert np.nanmin(active) >= 1 and np.nanmax(active) <= x2.sparsity


def test_learning_from_a_raster_writes_a_usable_dictionary_and_sheet(tmp_path, data_dir):
    out, sheet = tmp_path / "d.npz", tmp_path / "atoms.png"
    d = sparse_sr.learn_from_rasters([data_dir / "tut_bathy.nc"], out, scale=2, atoms=16,
                                     samples=2000, iterations=3, sheet=sheet)
    loaded = sparse_sr.load_dictionary(out)
    assert loaded.atoms == 16 and loaded.scale == 2 and loaded.usage.sum() > 0
    assert loaded.provenance["training_grids"] == [str(data_dir / "tut_bathy.nc")]
    assert out.stat().st_size < 2e6 and sheet.stat().st_size > 1000
    np.testing.assert_allclose(loaded.dict_high, d.dict_high, rtol=1e-5, atol=1e-6)


def test_shipped_dictionaries_are_small_and_say_where_they_come_from():
    for scale in (2, 3, 4):
        path = sparse_sr.shipped_dictionary_path(scale)
        d = sparse_sr.load_dictionary(path)
        assert d.scale == scale
        assert "training_regions" in d.provenance and "validation" in d.provenance
        assert max(v["ratio"] for v in d.provenance["validation"].values()) < 1
        import os
        assert os.path.getsize(path) < 2e6


def test_dictionary_of_another_scale_is_refused(data_dir, tmp_path, x2):
    with pytest.raises(InputError, match="learned for scale x2, but x4"):
        sparse_sr.super_resolve_raster(data_dir / "azores_1m.tif", tmp_path / "o.tif", x2,
                                       scale=4)
    assert list(tmp_path.iterdir()) == []


def test_corrupt_and_foreign_files_are_refused(tmp_path):
    corrupt = tmp_path / "corrupt.npz"
    corrupt.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match="Cannot read the dictionary"):
        sparse_sr.load_dictionary(corrupt)
    foreign = tmp_path / "foreign.npz"
    np.savez(foreign, weights=np.ones(3))
    with pytest.raises(InputError, match="not a GeoInverse terrain dictionary"):
        sparse_sr.load_dictionary(foreign)
    text = tmp_path / "notes.npz"
    text.write_text(json.dumps({"scale": 2}))
    with pytest.raises(InputError, match="Cannot read the dictionary"):
        sparse_sr.load_dictionary(text)


def test_learning_from_nodata_only_is_refused(tmp_path):
    src = tmp_path / "empty.tif"
    write_array(src, np.full((40, 40), np.nan, np.float32))
    with pytest.raises(InputError, match="no usable patch"):
        sparse_sr.learn_from_rasters([src], tmp_path / "d.npz", atoms=8)
    assert not (tmp_path / "d.npz").exists()
