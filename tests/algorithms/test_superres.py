"""Deep super-resolution with the shipped ONNX networks: every shipped model loads, matches
its card and beats bicubic on held-out real grids; block means, seams, nodata, and bad
models and rasters.  The models are whatever models_onnx/*.json holds (never a fixed list)."""
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal

from geoinverse.algorithms.bathymetry import superres
from geoinverse.algorithms.bathymetry.resample import bicubic_upsample, block_mean
from geoinverse.algorithms.errors import InputError
from geoinverse.algorithms.raster import read_array, write_array

CARDS = sorted(Path(superres.MODELS_DIR).glob("*.json"))
SHIPPED = [path for path, _ in superres.shipped_models()]
ids = [Path(p).stem for p in SHIPPED]


def rmse(a, b):
    ok = ~(np.isnan(a) | np.isnan(b))
    return float(np.sqrt(np.mean((a[ok] - b[ok]) ** 2)))


@pytest.fixture(scope="module")
def default():
    return superres.load_model(superres.default_model())


@pytest.fixture(scope="module")
def azores(data_dir):
    """A cut of the held-out Azores grid (training/regions.py HELD_OUT), 256 x 192."""
    fine, gt, crs, _ = read_array(data_dir / "azores_1m.tif")
    return fine[:192, :256].astype(np.float64), gt, crs


@pytest.fixture
def coarse_raster(azores, default, tmp_path):
    """The Azores cut made coarser by block means, written as a georeferenced raster."""
    fine, gt, crs = azores
    s = default.scale
    path = tmp_path / "coarse.tif"
    write_array(path, block_mean(fine, s), (gt[0], gt[1] * s, 0, gt[3], 0, gt[5] * s), crs)
    return path


def test_every_card_belongs_to_a_shipped_model():
    assert CARDS, f"no model card in {superres.MODELS_DIR}"
    assert len(SHIPPED) == len(CARDS)
    assert {Path(p).stem for p in SHIPPED} == {c.stem for c in CARDS}


@pytest.mark.parametrize("path", SHIPPED, ids=ids)
def test_shipped_model_matches_its_card_and_beats_bicubic_on_held_out_grids(path, data_dir):
    model = superres.load_model(path)
    assert superres.sha256(path) == model.card["onnx_sha256"]
    held = model.card["validation"]["held_out"]
    assert held and all(v["rmse"] < v["bicubic_rmse"] for v in held.values()), held
    s = model.scale
    tested = 0
    for grid in ("azores_1m.tif", "tut_bathy.nc", "azores_1m_wide.tif"):
        if grid.endswith("wide.tif") and tested:
            break   # the wider cut only for networks too large for the small grids
        fine = read_array(data_dir / grid)[0].astype(np.float64)
        h, w = (np.array(fine.shape) // s) * s
        fine = fine[:h, :w]
        coarse = block_mean(fine, s)
        if min(coarse.shape) < model.receptive_field:
            continue
        ours = superres.super_resolve(coarse, model)
        bicubic = bicubic_upsample(coarse, s)
        assert rmse(ours, fine) < rmse(bicubic, fine), grid
        tested += 1
    assert tested >= 1


@pytest.mark.parametrize("scale", [2, 4, 8])
def test_default_is_the_fastest_of_the_nearly_most_accurate(scale):
    # auto: the fewest passes among the networks within FASTER_WITHIN of the best ratio
    # (x2: the distilled single pass, as accurate as the eight-pass ensemble it learnt)
    shipped = [c for _, c in superres.shipped_models() if c["scale"] == scale]
    best = min(superres.mean_ratio(c) for c in shipped)
    card = superres.read_card(superres.default_model(scale=scale))
    assert card["scale"] == scale
    assert superres.mean_ratio(card) <= best + superres.FASTER_WITHIN
    near = [c for c in shipped if superres.mean_ratio(c) <= best + superres.FASTER_WITHIN]
    assert superres.passes(card) == min(superres.passes(c) for c in near)
    if scale == 2:
        assert card["name"] == "fsrcnn_kd_x2" and superres.passes(card) == 1


def test_block_means_of_the_output_reproduce_the_input(azores, default):
    coarse = block_mean(azores[0], default.scale)
    out = superres.super_resolve(coarse, default)
    assert out.dtype == np.float32 and out.shape == azores[0].shape
    np.testing.assert_allclose(block_mean(out, default.scale), coarse, atol=2e-3)


def test_depths_in_feet_with_another_datum_give_the_same_relief(azores, default):
    """f(a z + b) = a f(z) + b for a > 0 (positively homogeneous networks)."""
    coarse = block_mean(azores[0], default.scale).astype(np.float64)
    out = superres.super_resolve(coarse, default).astype(np.float64)
    other = superres.super_resolve(3.28084 * coarse + 100.0, default).astype(np.float64)
    np.testing.assert_allclose(other, 3.28084 * out + 100.0, atol=0.05)


@pytest.mark.parametrize("path", SHIPPED, ids=ids)
def test_tiled_equals_one_pass_on_a_real_grid(azores, data_dir, tmp_path, path):
    model = superres.load_model(path)
    fine, gt, crs = azores
    s = model.scale
    if min(fine.shape) // s < model.receptive_field:
        # the wider held-out cut for networks whose field exceeds the small one's blocks
        fine, gt, crs, _ = read_array(data_dir / "azores_1m_wide.tif")
        h, w = (np.array(fine.shape) // s) * s
        fine = fine[:h, :w].astype(np.float64)
    coarse = block_mean(fine, s)
    src = write_array(tmp_path / "coarse.tif", coarse,
                      (gt[0], gt[1] * s, 0, gt[3], 0, gt[5] * s), crs)
    tiled, whole = tmp_path / "tiled.tif", tmp_path / "whole.tif"
    tile = min(30, min(coarse.shape) // 2 - 1)    # at least 3 x 3 tiles
    info = superres.super_resolve_raster(src, tiled, model, tile=tile)
    superres.super_resolve_raster(src, whole, model, tile=4096)
    assert info["tiles"] > 4 and info["overlap"] == model.reach
    assert model.reach == model.receptive_field // 2 + 1
    a, b = read_array(tiled)[0], read_array(whole)[0]
    assert not np.isnan(a).any()
    # equal to float32 rounding: each tile is normalised by its own statistics in float32
    tol = 8 * float(np.spacing(np.float32(np.abs(b).max())))
    assert np.abs(a - b).max() <= tol
    # the reach is enough: the whole receptive field as context changes nothing more
    superres.super_resolve_raster(src, tiled, model, tile=tile,
                                  overlap=model.receptive_field)
    assert np.abs(read_array(tiled)[0] - b).max() <= tol
    # with too little context the seams show: the test can see them
    superres.super_resolve_raster(src, tiled, model, tile=tile, overlap=1)
    assert np.abs(read_array(tiled)[0] - b).max() > 0.1


def test_georeferencing_is_exact(coarse_raster, default, tmp_path):
    out = tmp_path / "sr.tif"
    info = superres.super_resolve_raster(coarse_raster, out, default)
    s, d = gdal.Open(str(coarse_raster)), gdal.Open(str(out))
    sgt, dgt = s.GetGeoTransform(), d.GetGeoTransform()
    k = default.scale
    assert (d.RasterXSize, d.RasterYSize) == (s.RasterXSize * k, s.RasterYSize * k)
    assert dgt == pytest.approx((sgt[0], sgt[1] / k, 0, sgt[3], 0, sgt[5] / k), abs=0)
    assert d.GetProjection() == s.GetProjection()
    assert d.GetRasterBand(1).DataType == gdal.GDT_Float32
    assert info["validation"] == default.card["validation"]


def holes(coarse):
    z = coarse.copy()
    z[20:27, 30:41] = np.nan          # an enclosed hole
    z[60:63, 5:7] = np.nan            # a small one
    z[:4, 90:] = np.nan               # one touching the edge
    return z


def test_holes_come_back_where_bicubic_has_them_and_far_cells_do_not_change(
        azores, default, tmp_path):
    fine, gt, crs = azores
    s = default.scale
    coarse = block_mean(fine, s).astype(np.float64)
    z = holes(coarse)
    georef = (gt[0], gt[1] * s, 0, gt[3], 0, gt[5] * s)
    runs = []
    for name, grid in (("holes", z), ("clean", coarse)):
        src = write_array(tmp_path / f"{name}.tif", grid, georef, crs)
        superres.super_resolve_raster(src, tmp_path / f"{name}_sr.tif", default, tile=40,
                                      nodata_mode="mask")
        runs.append(read_array(tmp_path / f"{name}_sr.tif")[0])
    out, clean = runs
    np.testing.assert_array_equal(np.isnan(out), np.isnan(bicubic_upsample(z, s)))
    from scipy import ndimage
    rf = default.receptive_field
    near = ndimage.binary_dilation(np.isnan(z), np.ones((rf + 2, rf + 2), bool))
    far = np.repeat(np.repeat(~near, s, 0), s, 1)
    assert far.sum() > 0.3 * far.size
    assert np.abs(out[far] - clean[far]).max() <= 1e-3
    # ...while the network's filled context does change cells next to the holes
    assert np.abs(out[~far & ~np.isnan(out)] - clean[~far & ~np.isnan(out)]).max() > 1e-3


def test_fill_mode_keeps_filled_values_and_leaves_no_hole_inside(azores, default,
                                                                tmp_path):
    s = default.scale
    fine, gt, crs = azores
    z = holes(block_mean(fine, s).astype(np.float64))
    src = tmp_path / "holes.tif"
    write_array(src, z, (gt[0], gt[1] * s, 0, gt[3], 0, gt[5] * s), crs)
    filled, masked = tmp_path / "filled.tif", tmp_path / "masked.tif"
    superres.super_resolve_raster(src, filled, default, nodata_mode="fill", tile=48)
    superres.super_resolve_raster(src, masked, default, nodata_mode="mask", tile=48)
    f, m = read_array(filled)[0], read_array(masked)[0]
    inside = np.zeros(f.shape, bool)
    inside[8 * s:, :80 * s] = True      # away from the hole touching the edge
    assert not np.isnan(f[inside]).any() and np.isnan(m[inside]).any()
    assert np.isnan(f[: 2 * s, -2 * s:]).all()       # the edge hole stays outside
    # a raster's default is fill-first (measured better, docs/superresolution.md)
    superres.super_resolve_raster(src, tmp_path / "default.tif", default, tile=48)
    np.testing.assert_array_equal(read_array(tmp_path / "default.tif")[0], f)
    assert rmse(f, fine) < 1.5 * rmse(m, fine)
    # the array path agrees with the raster path
    whole = superres.super_resolve(z, default, "fill")
    assert not np.isnan(whole[inside]).any()


# -- bad models and rasters -----------------------------------------------------------------
@pytest.fixture
def model_copy(tmp_path):
    """A copy of the default model and its card, to break."""
    src = Path(superres.default_model())
    onnx = tmp_path / src.name
    shutil.copy(src, onnx)
    shutil.copy(src.with_suffix(".json"), onnx.with_suffix(".json"))
    return onnx


def edit_card(onnx, **changes):
    card_path = onnx.with_suffix(".json")
    card = json.loads(card_path.read_text())
    card.update(changes)
    card_path.write_text(json.dumps(card))


def refuses(src, model, match, tmp_path, **kwargs):
    out = tmp_path / "never.tif"
    with pytest.raises(InputError, match=match):
        superres.super_resolve_raster(src, out, model, **kwargs)
    assert not out.exists() and not list(tmp_path.glob("never*"))
    assert not list(tmp_path.glob(".geoinverse_sr_*"))


def test_model_without_a_card_is_refused(coarse_raster, model_copy, tmp_path):
    model_copy.with_suffix(".json").unlink()
    refuses(coarse_raster, model_copy, "has no model card", tmp_path)


def test_model_whose_sha256_differs_from_its_card_is_refused(coarse_raster, model_copy,
                                                             tmp_path):
    edit_card(model_copy, onnx_sha256="0" * 64)
    refuses(coarse_raster, model_copy, "does not match its model card", tmp_path)


@pytest.mark.parametrize("changes, match", [
    ({"scale": 3}, "geoinverse_scale"), ({"scale": 5}, "scale 5"),
    ({"channels": 3}, "3 channels"), ({"receptive_field": "9"}, "whole number"),
    ({"receptive_field": None}, None)])
def test_card_that_does_not_match_is_refused(coarse_raster, model_copy, tmp_path, changes,
                                             match):
    if match is None:
        card = json.loads(model_copy.with_suffix(".json").read_text())
        del card["receptive_field"]
        model_copy.with_suffix(".json").write_text(json.dumps(card))
        match = "lacks receptive_field"
    else:
        edit_card(model_copy, **changes)
    refuses(coarse_raster, model_copy, match, tmp_path)


def test_missing_model_file_is_refused(coarse_raster, tmp_path):
    refuses(coarse_raster, tmp_path / "nothing.onnx", "does not exist", tmp_path)


def test_raster_smaller_than_the_receptive_field_is_refused(default, tmp_path):
    n = default.receptive_field - 1
    src = write_array(tmp_path / "tiny.tif", np.arange(n * n, dtype=np.float32).reshape(n, n))
    refuses(src, default, "smaller than the receptive field", tmp_path)


def test_rgb_image_is_refused(default, tmp_path):
    rgb = tmp_path / "rgb.tif"
    ds = gdal.GetDriverByName("GTiff").Create(str(rgb), 64, 64, 3, gdal.GDT_Byte,
                                              options=["PHOTOMETRIC=RGB"])
    ds.GetRasterBand(1).Fill(100)
    ds = None
    refuses(rgb, default, "is an image", tmp_path)
    # a multi-band numeric grid is read band by band: a band that is not there is refused
    multi = tmp_path / "two.tif"
    ds = gdal.GetDriverByName("GTiff").Create(str(multi), 64, 64, 2, gdal.GDT_Float32)
    ds = None
    refuses(multi, default, "Band 3 does not exist", tmp_path, band=3)


def test_all_nodata_is_refused_in_both_modes(default, tmp_path):
    src = write_array(tmp_path / "empty.tif", np.full((64, 64), np.nan, np.float32))
    refuses(src, default, "only nodata", tmp_path)
    refuses(src, default, "only nodata", tmp_path, nodata_mode="fill")


def test_negative_overlap_and_unknown_mode_are_refused(coarse_raster, default, tmp_path):
    refuses(coarse_raster, default, "OVERLAP must be 0 or more", tmp_path, overlap=-1)
    refuses(coarse_raster, default, "NODATA_MODE must be one of", tmp_path,
            nodata_mode="zero")


def test_listing_and_default_read_only_cards(tmp_path):
    for name, scale, ratio in (("a_x2", 2, 0.9), ("b_x2", 2, 0.8), ("c_x4", 4, 0.7)):
        (tmp_path / f"{name}.onnx").write_bytes(b"not read")
        card = {k: 1 for k in superres.CARD_KEYS}
        card.update(name=name, architecture=name[0], scale=scale,
                    validation={"mean_ratio": ratio, "held_out": {}})
        (tmp_path / f"{name}.json").write_text(json.dumps(card))
    (tmp_path / "orphan.json").write_text("{}")
    listed = [Path(p).stem for p, _ in superres.shipped_models(tmp_path)]
    assert listed == ["a_x2", "b_x2", "c_x4"]
    assert Path(superres.default_model(tmp_path)).stem == "b_x2"
    assert superres.model_label(superres.read_card(tmp_path / "b_x2.onnx")) == \
        "B x2 (held-out RMSE 0.80 x bicubic)"
    card = superres.read_card(tmp_path / "c_x4.onnx")
    card["self_ensemble"] = {"members": 8}
    assert superres.model_label(card) == \
        "C, 8-fold self-ensemble x4 (held-out RMSE 0.70 x bicubic)"
    card["distillation"] = {"teacher": "c_ens_x4.onnx"}
    assert superres.display_name(card) == "C, distilled, 8-fold self-ensemble"
    del card["self_ensemble"]
    assert superres.display_name(card) == "C, distilled"


ENSEMBLES = [p for p, c in superres.shipped_models() if c.get("self_ensemble")]


@pytest.mark.parametrize("path", ENSEMBLES, ids=[Path(p).stem for p in ENSEMBLES])
def test_self_ensembles_are_exactly_equivariant_to_rotations_and_reflections(azores, path):
    """A self-ensemble averages its network over the eight rotations/reflections, so a
    rotated or mirrored grid gives the same rotated or mirrored result (a single
    network, trained with those augmentations, only approximately does)."""
    model = superres.load_model(path)
    coarse = block_mean(azores[0][:96, :128], model.scale)
    out = superres.super_resolve(coarse, model).astype(np.float64)
    turned = superres.super_resolve(np.rot90(coarse).copy(), model).astype(np.float64)
    mirrored = superres.super_resolve(coarse[:, ::-1].copy(), model).astype(np.float64)
    np.testing.assert_allclose(np.rot90(out), turned, atol=2e-3)
    np.testing.assert_allclose(out[:, ::-1], mirrored, atol=2e-3)
    base = superres.load_model(Path(path).parent / model.card["self_ensemble"]["base_model"])
    single = superres.super_resolve(np.rot90(coarse).copy(), base).astype(np.float64)
    one = superres.super_resolve(coarse, base).astype(np.float64)
    assert np.abs(np.rot90(one) - single).max() > 10 * 2e-3


def test_progress_reaches_the_end_and_cancel_leaves_nothing(coarse_raster, default,
                                                            tmp_path):
    from geoinverse.algorithms.errors import Cancelled
    seen = []
    superres.super_resolve_raster(coarse_raster, tmp_path / "ok.tif", default, tile=32,
                                  progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == pytest.approx(1.0) and len(seen) > 4
    calls = iter(range(100))
    with pytest.raises(Cancelled):
        superres.super_resolve_raster(coarse_raster, tmp_path / "stop.tif", default,
                                      tile=32, cancelled=lambda: next(calls) >= 3)
    assert not list(tmp_path.glob("stop*"))


def test_one_onnxruntime_session_per_run_not_per_tile(coarse_raster, tmp_path,
                                                      monkeypatch):
    import onnxruntime
    opened = []
    real = onnxruntime.InferenceSession

    def counting(*args, **kwargs):
        opened.append(args[0])
        return real(*args, **kwargs)
    monkeypatch.setattr(onnxruntime, "InferenceSession", counting)
    info = superres.super_resolve_raster(coarse_raster, tmp_path / "sr.tif", tile=24)
    assert info["tiles"] > 4 and opened == [superres.default_model()]


def test_float32_inputs_equal_the_float64_reference(azores, default):
    """The runtime normalises in float32 and computes bicubic once: the same numbers as
    normalising in float64 (the reference below), to a float32 step of the depths."""
    coarse = block_mean(azores[0], default.scale).astype(np.float64)
    ours = superres.super_resolve(coarse, default).astype(np.float64)
    offset, relief = superres.normalisation(coarse)
    feeds = {"coarse": ((coarse - offset) / relief)[None, None].astype(np.float32),
             "bicubic": ((bicubic_upsample(coarse, default.scale).astype(np.float64)
                          - offset) / relief)[None, None].astype(np.float32)}
    ref = default.session.run(["fine"], feeds)[0][0, 0].astype(np.float64) * relief + offset
    step = np.spacing(np.float32(np.abs(coarse).max()))
    # rounding of the inputs, amplified by the network's gain: 2.8-3.5 steps for the
    # first networks, 4.7 for the distilled ensemble; 8 as the tiled == one-pass bound
    assert np.abs(ours - ref).max() <= 8 * step


@pytest.mark.parametrize("path", [p for p in SHIPPED if "cascade" in
                                  superres.read_card(p)], ids=lambda p: Path(p).stem)
def test_cascade_reproduces_its_block_means_and_says_what_it_is(path, data_dir):
    """An x8 cascade: its card names its stages (shipped files, by sha256) and its output's
    8 x 8 block means are the input, as each stage's projection guarantees."""
    model = superres.load_model(path)
    stages = model.card["cascade"]["stages"]
    assert np.prod([st["scale"] for st in stages]) == model.scale == 8
    for st in stages:
        assert superres.sha256(Path(superres.MODELS_DIR) / st["onnx"]) == st["onnx_sha256"]
    fine = read_array(data_dir / "azores_1m_wide.tif")[0].astype(np.float64)
    fine = fine[:256, :320]
    coarse = block_mean(fine, 8)
    out = superres.super_resolve(coarse, model)
    np.testing.assert_allclose(block_mean(out, 8), coarse, atol=5e-3)
    assert "cascade" in superres.display_name(model.card)


def test_fill_first_is_skipped_only_when_no_hole_is_enclosed(azores, tmp_path):
    """gapfill.has_enclosed_holes decides whether super_resolve_raster writes a filled
    copy: an edge-touching hole alone is not filled by fill-first, an inner one is."""
    from geoinverse.algorithms.bathymetry.gapfill import has_enclosed_holes
    from geoinverse.algorithms.raster import RasterReader
    fine, gt, crs = azores
    edge, inner = fine.copy(), fine.copy()
    edge[:5, :9] = np.nan
    inner[50:60, 70:90] = np.nan
    for name, grid, expected in (("clean", fine, False), ("edge", edge, False),
                                 ("inner", inner, True)):
        path = write_array(tmp_path / f"{name}.tif", grid, gt, crs)
        with RasterReader(path) as reader:
            assert has_enclosed_holes(reader) is expected, name
