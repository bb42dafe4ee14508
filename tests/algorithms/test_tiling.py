"""The tiler: full coverage, reflect padding on all four sides, tiled == one pass."""
import numpy as np
import pytest

from geoinverse.algorithms.bathymetry.resample import MARGIN, bicubic_padded, upsample_raster
from geoinverse.algorithms.errors import Cancelled
from geoinverse.algorithms.raster import RasterReader, RasterWriter, read_array
from geoinverse.algorithms.tiling import plan_tiles, read_padded, reflect_pad, run_tiled


def test_tiles_cover_every_cell_once():
    counts = np.zeros((193, 257), int)
    for t in plan_tiles(257, 193, 64):
        counts[t.y0:t.y0 + t.height, t.x0:t.x0 + t.width] += 1
    assert (counts == 1).all()


def test_padding_mirrors_the_raster_on_all_four_sides(data_dir):
    with RasterReader(data_dir / "azores_1m.tif") as r:
        whole = reflect_pad(r.read_all(), 5, 5, 5, 5)
        for t in plan_tiles(r.width, r.height, 40):
            got = read_padded(r, t, 5)
            np.testing.assert_array_equal(
                got, whole[t.y0:t.y0 + t.height + 10, t.x0:t.x0 + t.width + 10])


def box_mean_5x5(padded):
    """A method with a 5 x 5 receptive field, returned over the whole padded tile."""
    p = reflect_pad(padded, 2, 2, 2, 2)
    out = np.zeros_like(padded, dtype=np.float64)
    for dy in range(5):
        for dx in range(5):
            out += p[dy:dy + padded.shape[0], dx:dx + padded.shape[1]]
    return out / 25


def run_whole_and_tiled(src, tmp_path, func, scale, margin, tile):
    outs = []
    for name, t in (("one", 10_000), ("tiled", tile)):
        with RasterReader(src) as r, RasterWriter(tmp_path / f"{name}.tif",
                                                  r.width * scale, r.height * scale,
                                                  None, "") as w:
            run_tiled(r, func, w, scale=scale, margin=margin, tile=t)
        outs.append(read_array(tmp_path / f"{name}.tif")[0])
    return outs


@pytest.mark.parametrize("scale", [2, 3])
def test_tiled_bicubic_equals_one_pass(data_dir, tmp_path, scale):
    one, tiled = run_whole_and_tiled(data_dir / "azores_1m.tif", tmp_path,
                                     lambda p: bicubic_padded(p, scale), scale, MARGIN, 37)
    assert one.shape == (193 * scale, 257 * scale)
    assert np.isfinite(one).all()  # all four edges covered
    np.testing.assert_allclose(tiled, one, atol=1e-4, rtol=0)


def test_tiled_filter_equals_one_pass_on_grid_with_holes(data_dir, tmp_path):
    one, tiled = run_whole_and_tiled(data_dir / "earth_relief_20m_holes.grd", tmp_path,
                                     box_mean_5x5, 1, 2, 7)
    np.testing.assert_array_equal(np.isnan(one), np.isnan(tiled))
    np.testing.assert_allclose(tiled, one, atol=1e-4, rtol=0)
    assert np.isnan(one).any() and np.isfinite(one).any()


def test_progress_and_cancel(data_dir, tmp_path):
    seen = []
    upsample_raster(data_dir / "azores_1m.tif", tmp_path / "a.tif", 2, tile=64,
                    progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) == 4 * 5
    calls = []

    def cancel_after_two():
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(Cancelled):
        upsample_raster(data_dir / "azores_1m.tif", tmp_path / "b.tif", 2, tile=64,
                        cancelled=cancel_after_two)
    assert not (tmp_path / "b.tif").exists()
    assert not list(tmp_path.glob("*.partial*"))


def test_a_wrong_result_shape_is_caught(data_dir, tmp_path):
    with RasterReader(data_dir / "azores_1m.tif") as r, \
            pytest.raises(RuntimeError, match="returned shape"):
        with RasterWriter(tmp_path / "x.tif", r.width, r.height, None, "") as w:
            run_tiled(r, lambda p: p[:3, :3], w, margin=1, tile=64)


def test_several_writers_get_their_own_arrays(data_dir, tmp_path):
    """Further outputs on the same grid (e.g. sparsesr's PATTERNS); a None writer (an
    optional output not asked for) is skipped."""
    with RasterReader(data_dir / "azores_1m.tif") as reader:
        whole = reader.read_all()
        gt = reader.geotransform
        with RasterWriter(tmp_path / "a.tif", reader.width, reader.height, gt, "") as a, \
                RasterWriter(tmp_path / "b.tif", reader.width, reader.height, gt, "") as b:
            run_tiled(reader, lambda t: (t, -t, 2 * t), [a, None, b], margin=1, tile=50)
    np.testing.assert_array_equal(read_array(tmp_path / "a.tif")[0], whole)
    np.testing.assert_array_equal(read_array(tmp_path / "b.tif")[0], 2 * whole)


def test_a_plan_is_carried_out_by_the_executor_given(data_dir, tmp_path):
    """run_tiled builds a TilePlan and hands it to an executor (the one `using` sets)."""
    from geoinverse.algorithms.tiling import SequentialExecutor, TilePlan, using
    seen = []

    class Recording(SequentialExecutor):
        def execute(self, plan, reader, writers, progress=None, cancelled=None):
            seen.append(plan)
            return super().execute(plan, reader, writers, progress, cancelled)

    with RasterReader(data_dir / "azores_1m.tif") as r, \
            RasterWriter(tmp_path / "x.tif", r.width * 2, r.height * 2, None, "") as w, \
            using(Recording()):
        run = run_tiled(r, lambda p: bicubic_padded(p, 2), w, scale=2, margin=MARGIN,
                        tile=100)
    assert run.tiles == 6 and len(seen) == 1 and isinstance(seen[0], TilePlan)
    assert (seen[0].margin, seen[0].scale, seen[0].output_size) == (MARGIN, 2, (514, 386))


def test_counted_tallies_add_up_and_per_process_values_travel_as_recipes(data_dir,
                                                                         tmp_path):
    import pickle
    from geoinverse.algorithms.tiling import Counted, PerProcess
    with RasterReader(data_dir / "azores_1m.tif") as r, \
            RasterWriter(tmp_path / "x.tif", r.width, r.height, None, "") as w:
        run = run_tiled(r, lambda p: Counted(p, {"cells": p.size, "tiles": 1}), w,
                        tile=64)
    assert run.counts == {"cells": 257 * 193, "tiles": 20}
    value = PerProcess(dict, [("made", 1)])
    assert value.get() == {"made": 1}
    copy = pickle.loads(pickle.dumps(value))
    assert copy._value is None and copy.get() == {"made": 1}
