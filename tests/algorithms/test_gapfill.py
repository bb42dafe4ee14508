"""Gap filling science: real cells untouched, holes filled well, edge cases, streaming."""
import math
import time

import numpy as np
import pytest
from osgeo import gdal

from geoinverse.algorithms.bathymetry import gapfill
from geoinverse.algorithms.errors import InputError
from geoinverse.algorithms.raster import read_array, write_array


@pytest.fixture(scope="module")
def azores(data_dir):
    grid, gt, crs, _ = read_array(data_dir / "azores_1m.tif")
    assert not np.isnan(grid).any()
    return grid, gt, crs


def disc(shape, cy, cx, diameter):
    yy, xx = np.mgrid[:shape[0], :shape[1]] + 0.5
    r = diameter / 2.0
    return (yy - cy - r) ** 2 + (xx - cx - r) ** 2 <= r * r


def punched(grid, holes):
    """Copy of `grid` with disc holes (y, x, diameter); returns (grid, hole mask)."""
    mask = np.zeros(grid.shape, bool)
    for y, x, d in holes:
        mask |= disc(grid.shape, y, x, d)
    out = grid.copy()
    out[mask] = np.nan
    return out, mask


HOLES = [(20, 20, 2), (40, 100, 1), (60, 30, 10), (30, 180, 12), (100, 60, 30),
         (110, 150, 40), (160, 220, 6)]


def gdal_fillnodata(grid):
    ds = gdal.GetDriverByName("MEM").Create("", grid.shape[1], grid.shape[0], 1,
                                            gdal.GDT_Float32)
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(float("nan"))
    band.WriteArray(grid)
    gdal.FillNodata(band, None, maxSearchDist=max(grid.shape), smoothingIterations=0)
    return band.ReadAsArray()


@pytest.mark.parametrize("method", gapfill.METHODS)
def test_holes_filled_and_real_cells_bit_identical(azores, method):
    truth = azores[0]
    grid, mask = punched(truth, HOLES)
    out, filled, dist = gapfill.fill_gaps_array(grid, method)
    assert out.dtype == np.float32
    assert np.array_equal(filled, mask)
    assert not np.isnan(out).any()
    assert np.array_equal(out[~mask].view(np.uint32), truth[~mask].view(np.uint32))
    assert np.all(dist[~mask] == 0) and np.all(dist[mask] >= 1)


def test_default_beats_gdal_fillnodata_inside_small_holes(azores):
    # Holes up to 12 cells across; in the 30-40 cell holes of this rough ridge relief
    # neither method is reliably better (bench/bench_fillgaps.py measures all sizes).
    truth = azores[0]
    grid, mask = punched(truth, [h for h in HOLES if h[2] <= 12])
    ours = gapfill.fill_gaps_array(grid)[0]
    theirs = gdal_fillnodata(grid)
    rmse = math.sqrt(np.mean((ours[mask] - truth[mask]).astype(float) ** 2))
    base = math.sqrt(np.mean((theirs[mask] - truth[mask]).astype(float) ** 2))
    assert rmse < 0.9 * base, (rmse, base)


@pytest.mark.parametrize("method", gapfill.METHODS)
def test_no_overshoot_beyond_rim_range_plus_relief(azores, method):
    from scipy import ndimage
    grid, mask = punched(azores[0], HOLES)
    out = gapfill.fill_gaps_array(grid, method)[0]
    labels, count = ndimage.label(mask, structure=np.ones((3, 3)))
    for i in range(1, count + 1):
        hole = labels == i
        rim = ndimage.binary_dilation(hole, np.ones((3, 3)), iterations=2) & ~hole
        lo, hi = grid[rim].min(), grid[rim].max()
        relief = hi - lo
        assert out[hole].min() >= lo - relief and out[hole].max() <= hi + relief, i


def test_hole_touching_the_edge_stays_empty_unless_asked(azores):
    truth = azores[0]
    grid, mask = punched(truth, [(80, -5, 20), (60, 100, 8)])
    out, filled, dist = gapfill.fill_gaps_array(grid)
    edge = mask & (np.arange(grid.shape[1]) < 20)[None, :]
    assert np.isnan(out[edge]).all() and not filled[edge].any() and np.isnan(dist[edge]).all()
    assert not np.isnan(out[mask & ~edge]).any()
    out2, filled2, _ = gapfill.fill_gaps_array(grid, interior_only=False)
    assert filled2[edge].all() and not np.isnan(out2).any()


def test_no_holes_returns_grid_unchanged_quickly(azores):
    grid = azores[0]
    start = time.perf_counter()
    out, filled, dist = gapfill.fill_gaps_array(grid)
    assert time.perf_counter() - start < 0.5
    assert np.array_equal(out, grid) and not filled.any() and not dist.any()


def test_all_holes_but_one_cell(azores):
    grid = np.full((40, 50), np.nan, np.float32)
    grid[17, 23] = azores[0][17, 23]
    out, filled, _ = gapfill.fill_gaps_array(grid)
    assert not filled.any() and np.isnan(out).sum() == grid.size - 1   # all outside
    out, filled, dist = gapfill.fill_gaps_array(grid, interior_only=False)
    assert filled.sum() == grid.size - 1
    np.testing.assert_allclose(out, grid[17, 23], rtol=1e-5)   # a near-singular system
    assert dist[0, 0] == pytest.approx(math.hypot(17, 23))


def test_nan_and_sentinel_nodata_give_the_same_fill(azores):
    grid, mask = punched(azores[0], HOLES)
    sentinel = np.where(mask, np.float32(-9999), grid)
    a = gapfill.fill_gaps_array(grid)[0]
    b = gapfill.fill_gaps_array(sentinel, nodata=-9999)[0]
    assert np.array_equal(a, b)


def test_integer_grid(data_dir):
    ds = gdal.Open(str(data_dir / "tut_bathy.nc"))
    band = ds.GetRasterBand(1)
    ints = band.ReadAsArray()
    assert ints.dtype == np.int16
    nodata = band.GetNoDataValue()
    holed = ints.copy()
    hole = disc(ints.shape, 25, 30, 9)
    holed[hole] = int(nodata)
    out, filled, _ = gapfill.fill_gaps_array(holed, nodata=nodata)
    assert np.array_equal(filled, hole)
    assert np.array_equal(out[~hole], ints[~hole].astype(np.float32))
    err = np.abs(out[hole] - ints[hole])
    assert err.max() < 0.5 * (ints.max() - ints.min())


def test_max_distance_leaves_far_cells_empty(azores):
    grid, mask = punched(azores[0], [(60, 60, 40)])
    out, filled, dist = gapfill.fill_gaps_array(grid, max_distance=5)
    assert filled.any() and (mask & ~filled).any()
    assert np.all(dist[filled] <= 5) and np.isnan(out[mask & ~filled]).all()


def test_real_holes_of_a_gmt_grid(data_dir):
    grid = read_array(data_dir / "earth_relief_20m_holes.grd")[0]
    out, filled, _ = gapfill.fill_gaps_array(grid, interior_only=False)
    assert filled.sum() == np.isnan(grid).sum() and not np.isnan(out).any()
    assert grid[~filled].min() - 1000 < out[filled].min()
    assert out[filled].max() < np.nanmax(grid) + 1000


def test_bad_input():
    with pytest.raises(InputError, match="only nodata"):
        gapfill.fill_gaps_array(np.full((5, 5), np.nan))
    with pytest.raises(InputError, match="METHOD"):
        gapfill.fill_gaps_array(np.zeros((5, 5)), method="kriging")
    grid = np.arange(100, dtype=np.float32).reshape(10, 10)
    grid[5, 5] = np.nan
    with pytest.raises(InputError, match="TENSION"):
        gapfill.fill_gaps_array(grid, tension=1.5)
    with pytest.raises(InputError, match="2-D"):
        gapfill.fill_gaps_array(np.zeros(5))


# ----------------------------------------------------------------------------- streaming
@pytest.mark.parametrize("method", ["spline", "sparse"])
def test_tiled_raster_equals_one_pass(azores, tmp_path, method):
    truth, gt, crs = azores
    grid, mask = punched(truth, HOLES)
    src = write_array(str(tmp_path / "in.tif"), grid, gt, crs)
    dst, flag, dist = (str(tmp_path / n) for n in ("out.tif", "mask.tif", "dist.tif"))
    info = gapfill.fill_raster(src, dst, method=method, filled_mask=flag, distance=dist,
                               tile=64)
    assert info["tiles"] == 20 and info["margin"] >= 40 and info["holes_too_big"] == 0
    assert info["cells_filled"] == mask.sum() and info["units"] == "m"
    out = read_array(dst)[0]
    one_pass = gapfill.fill_gaps_array(grid, method)[0]
    assert np.array_equal(out[~mask].view(np.uint32), truth[~mask].view(np.uint32))
    np.testing.assert_allclose(out[mask], one_pass[mask], rtol=0, atol=1e-3)
    assert np.array_equal(read_array(flag)[0] == 1, mask)
    d = read_array(dist)[0]
    cell_m = gt[1] * 6371008.8 * math.pi / 180
    assert np.all(d[~mask] == 0) and d[mask].min() > 0.5 * cell_m
    assert d[mask].max() < 21 * cell_m


def test_tiled_equals_one_pass_for_close_holes_across_tile_seams(azores, tmp_path):
    # single-cell holes two cells apart (one real cell between them) on both sides of
    # the tile seams at rows/columns 64 and 128, and a disc with a one-cell hole two
    # cells from its edge: each hole is solved from the real cells alone, so a tile that
    # leaves a neighbouring hole out gives the same values as one pass
    truth, gt, crs = azores
    grid, mask = punched(truth, [(100, 52, 10)])
    for y in range(56, 74, 2):
        for x in range(56, 74, 2):
            grid[y, x] = np.nan
    grid[100:104, 122:134:2] = np.nan
    grid[105, 64] = np.nan
    mask = np.isnan(grid)
    src = write_array(str(tmp_path / "in.tif"), grid, gt, crs)
    dst = str(tmp_path / "out.tif")
    gapfill.fill_raster(src, dst, tile=64)
    out = read_array(dst)[0]
    one_pass = gapfill.fill_gaps_array(grid)[0]
    assert not np.isnan(out[mask]).any()
    np.testing.assert_allclose(out[mask], one_pass[mask], rtol=0, atol=1e-3)


def test_banded_solve_equals_a_general_sparse_solve(azores, monkeypatch):
    # elongated holes both ways (each is numbered along its longer side), discs, single
    # cells and pairs; a tiny band storage cuts the runs at many hole boundaries
    from scipy import ndimage
    from scipy.sparse.linalg import spsolve
    truth = azores[0].astype(np.float64)
    grid, _ = punched(truth, HOLES)
    grid[150:153, 20:70] = np.nan       # a swath gap along x
    grid[20:75, 230:234] = np.nan       # and one along y
    grid[5, 5] = grid[7, 8] = grid[9, 40:42] = np.nan
    fill = np.isnan(grid)
    labels = ndimage.label(fill, structure=np.ones((3, 3), bool))[0]
    normal, rhs, _, order = gapfill._spline_system(grid, fill, 0.0, labels)
    reference = spsolve(normal.tocsc(), rhs)[order]
    monkeypatch.setattr(gapfill, "_BAND_STORAGE", 200)
    values = gapfill.solve_spline(grid, fill)
    np.testing.assert_allclose(values, reference, rtol=0, atol=1e-6)


def test_holes_wider_than_the_overlap_are_reported_and_left_empty(azores, tmp_path):
    truth, gt, crs = azores
    grid, mask = punched(truth, [(60, 60, 40), (20, 200, 4)])
    src = write_array(str(tmp_path / "in.tif"), grid, gt, crs)
    info = gapfill.fill_raster(src, str(tmp_path / "out.tif"), tile=64, max_overlap=20)
    assert info["holes_too_big"] == 1 and len(info["too_big_at"]) == 1
    out = read_array(str(tmp_path / "out.tif"))[0]
    big = disc(grid.shape, 60, 60, 40)
    assert np.isnan(out[big]).all() and not np.isnan(out[mask & ~big]).any()


def test_raster_without_holes_is_copied(azores, tmp_path):
    truth, gt, crs = azores
    src = write_array(str(tmp_path / "in.tif"), truth, gt, crs)
    info = gapfill.fill_raster(src, str(tmp_path / "out.tif"))
    assert info["holes"] == 0 and info["margin"] == 0
    assert np.array_equal(read_array(str(tmp_path / "out.tif"))[0], truth)


def test_all_nodata_raster_is_refused_and_nothing_written(tmp_path):
    src = write_array(str(tmp_path / "in.tif"), np.full((8, 8), np.nan, np.float32))
    with pytest.raises(InputError, match="only nodata"):
        gapfill.fill_raster(src, str(tmp_path / "out.tif"))
    assert not any(p.name.startswith("out") for p in tmp_path.iterdir())


def test_distance_layer_alone(azores, tmp_path):
    truth, gt, crs = azores
    grid, mask = punched(truth, HOLES[:3])
    src = write_array(str(tmp_path / "in.tif"), grid, gt, crs)
    gapfill.fill_raster(src, str(tmp_path / "out.tif"), distance=str(tmp_path / "d.tif"))
    d = read_array(str(tmp_path / "d.tif"))[0]
    assert np.all(d[~mask] == 0) and np.all(d[mask] > 1000)


def test_large_rasters_are_scanned_on_a_decimated_mask(azores, tmp_path, monkeypatch):
    # beyond _MASK_LIMIT cells per side the hole scan works on blocks; a hole's measured
    # extent may only grow, so every hole is still filled whole
    monkeypatch.setattr(gapfill, "_MASK_LIMIT", 64)
    truth, gt, crs = azores
    grid, mask = punched(truth, HOLES)
    src = write_array(str(tmp_path / "in.tif"), grid, gt, crs)
    info = gapfill.fill_raster(src, str(tmp_path / "out.tif"), tile=64)
    assert info["mask_factor"] == 5 and info["margin"] >= 41 + gapfill.RIM
    out = read_array(str(tmp_path / "out.tif"))[0]
    one_pass = gapfill.fill_gaps_array(grid)[0]
    np.testing.assert_allclose(out[mask], one_pass[mask], rtol=0, atol=1e-3)


def test_integer_raster_keeps_its_nodata_value(data_dir, tmp_path):
    ds = gdal.Open(str(data_dir / "tut_bathy.nc"))
    ints = ds.GetRasterBand(1).ReadAsArray()
    hole = disc(ints.shape, 20, 40, 7)
    ints[hole] = -32768
    src = str(tmp_path / "int16.tif")
    out_ds = gdal.GetDriverByName("GTiff").Create(src, ints.shape[1], ints.shape[0], 1,
                                                  gdal.GDT_Int16)
    out_ds.GetRasterBand(1).SetNoDataValue(-32768)
    out_ds.GetRasterBand(1).WriteArray(ints)
    out_ds = None
    info = gapfill.fill_raster(src, str(tmp_path / "out.tif"))
    assert info["cells_filled"] == hole.sum() and info["units"] == "cells"
    result = gdal.Open(str(tmp_path / "out.tif"))
    assert result.GetRasterBand(1).GetNoDataValue() == -32768
    filled = result.GetRasterBand(1).ReadAsArray()
    assert np.array_equal(filled[~hole], ints[~hole].astype(np.float32))
    assert np.all((filled[hole] > -6000) & (filled[hole] < 0))


def test_unwritable_optional_output_leaves_nothing(azores, tmp_path):
    truth, gt, crs = azores
    grid, _ = punched(truth, HOLES[:2])
    src = write_array(str(tmp_path / "in.tif"), grid, gt, crs)
    with pytest.raises(InputError, match="does not exist"):
        gapfill.fill_raster(src, str(tmp_path / "out.tif"),
                            distance=str(tmp_path / "missing" / "d.tif"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.tif"]


# ----------------------------------------------------------------------------- wide holes
@pytest.fixture(scope="module")
def azores_wide(data_dir):
    grid, gt, crs, _ = read_array(data_dir / "azores_1m_wide.tif")
    assert not np.isnan(grid).any()
    return grid, gt, crs


# two holes wider than DIRECT_EXTENT (the cascade) and two narrow ones, across the
# seams of 64-cell tiles
WIDE_HOLES = [(30, 40, 72), (120, 190, 66), (150, 60, 20), (40, 250, 9)]


def test_wide_holes_solved_together_equal_each_alone(azores_wide):
    from scipy import ndimage
    grid, mask = punched(azores_wide[0], WIDE_HOLES)
    z = grid.astype(np.float64)
    labels, count = ndimage.label(mask, structure=np.ones((3, 3)))
    assert count == len(WIDE_HOLES)
    together = np.full(grid.shape, np.nan)
    together[mask] = gapfill.solve_spline(z, mask, origin=(3, 5))
    extent = [max(np.ptp(a) + 1 for a in np.nonzero(labels == i)) for i in range(1, 5)]
    assert sum(e > gapfill.DIRECT_EXTENT for e in extent) == 2
    for i in range(1, count + 1):
        hole = labels == i
        alone = gapfill.solve_spline(z, hole, origin=(3, 5))
        step = np.spacing(np.abs(alone).astype(np.float32))
        assert np.all(np.abs(together[hole] - alone) <= step), i
        rim = ndimage.binary_dilation(hole, np.ones((3, 3)), iterations=2) & ~hole
        lo, hi = grid[rim].min(), grid[rim].max()
        assert lo - (hi - lo) <= alone.min() and alone.max() <= hi + (hi - lo), i


def test_tiled_raster_equals_one_pass_with_wide_holes(azores_wide, tmp_path):
    truth, gt, crs = azores_wide
    grid, mask = punched(truth, WIDE_HOLES)
    src = write_array(str(tmp_path / "in.tif"), grid, gt, crs)
    dst = str(tmp_path / "out.tif")
    info = gapfill.fill_raster(src, dst, tile=64)
    assert info["tiles"] == 25 and info["holes_too_big"] == 0 and info["margin"] > 70
    out = read_array(dst)[0]
    one_pass = gapfill.fill_gaps_array(grid)[0]
    assert np.array_equal(out[~mask].view(np.uint32), truth[~mask].view(np.uint32))
    step = np.spacing(np.abs(one_pass[mask]))
    assert np.all(np.abs(out[mask] - one_pass[mask]) <= step)


@pytest.mark.parametrize("tension", [0.0, 0.35, 1.0])
@pytest.mark.parametrize("with_labels", [False, True])
def test_spline_normal_equations_are_those_of_their_rows(azores, tension, with_labels):
    # the stencil assembly of the normal matrix against A^T A + ridge built densely from
    # the rows the docstring names: Laplacian rows centred on the hole cells and the real
    # cells beside them (all five cells present, at most one hole), gradient rows on
    # every present pair touching a hole
    from scipy import ndimage
    rng = np.random.default_rng(3)
    z = azores[0][40:70, 60:100].astype(np.float64)
    fill = ndimage.binary_dilation(rng.random(z.shape) < 0.04, np.ones((3, 3)))
    fill[0, 7] = fill[12, -1] = True   # holes on the array's edge
    z[fill | (rng.random(z.shape) < 0.05)] = np.nan
    labels = ndimage.label(fill, structure=np.ones((3, 3)))[0] if with_labels else None
    normal, rhs, u0, order = gapfill._spline_system(z, fill, tension, labels)
    h, w = z.shape
    col = np.full((h, w), -1)
    col[fill] = order
    known = np.isfinite(z) & ~fill
    rows, b = [], []

    def row(cells, weight):
        a = np.zeros(fill.sum())
        rest = 0.0
        for (y, x), c in cells:
            if fill[y, x]:
                a[col[y, x]] += weight * c
            else:
                rest += weight * c * z[y, x]
        rows.append(a)
        b.append(-rest)

    near = ndimage.binary_dilation(fill, ndimage.generate_binary_structure(2, 1))
    for y in range(1, h - 1):
        for x in range(1, w - 1):
            cells = [((y, x), -4.0), ((y + 1, x), 1.0), ((y - 1, x), 1.0),
                     ((y, x + 1), 1.0), ((y, x - 1), 1.0)]
            if not near[y, x] or not all(fill[c] or known[c] for c, _ in cells):
                continue
            if labels is not None and len({labels[c] for c, _ in cells} - {0}) > 1:
                continue
            if tension < 1.0:
                row(cells, math.sqrt(1.0 - tension))
    for y in range(h):
        for x in range(w):
            for q in ((y, x + 1), (y + 1, x)):
                if q[0] < h and q[1] < w and (fill[y, x] or fill[q]) and \
                        (fill[y, x] or known[y, x]) and (fill[q] or known[q]) and tension > 0:
                    row([((y, x), -1.0), (q, 1.0)], math.sqrt(tension))
    a = np.array(rows)
    ref = a.T @ a + 1e-8 * np.eye(fill.sum())
    np.testing.assert_allclose(normal.toarray(), ref, rtol=0, atol=1e-12)
    np.testing.assert_allclose(rhs, a.T @ np.array(b) + 1e-8 * u0, rtol=1e-12, atol=1e-9)
    assert normal.has_sorted_indices


def test_cascade_prolongation_is_bilinear(azores):
    # the separable upsampling against scipy's bilinear interpolation at the fine cells'
    # centres (a quarter of a coarse cell from their block's centre), edges repeated
    from scipy import ndimage
    rng = np.random.default_rng(5)
    z = azores[0][:23, :30].astype(np.float64)
    fill = rng.random(z.shape) < 0.4
    z[fill] = np.nan
    for origin in [(0, 0), (1, 0), (-3, 7)]:
        coarse, coarse_fill, _ = gapfill._coarsen(z, fill, origin)
        coarse[coarse_fill] = rng.normal(size=coarse_fill.sum())
        have = np.isfinite(coarse)
        ys, xs = np.nonzero(fill)
        at = [(ys + origin[0] % 2 + 0.5) / 2 - 0.5, (xs + origin[1] % 2 + 0.5) / 2 - 0.5]
        num = ndimage.map_coordinates(np.where(have, coarse, 0.0), at, order=1, mode="nearest")
        den = ndimage.map_coordinates(have.astype(float), at, order=1, mode="nearest")
        ref = np.where(den > 1e-9, num / np.maximum(den, 1e-9), np.nan)
        np.testing.assert_allclose(gapfill._prolong(coarse, fill, origin), ref, atol=1e-9)
