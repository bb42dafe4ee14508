"""Trust layers (issue 18): uncertainty, provenance, BAG output, out-of-distribution."""
import json
import shutil

import numpy as np
import pytest
from osgeo import gdal, osr

from geoinverse.algorithms.bathymetry import gapfill, sparse_sr, superres
from geoinverse.algorithms.bathymetry import uncertainty as unc
from geoinverse.algorithms.errors import InputError
from geoinverse.algorithms.raster import read_array, write_array


@pytest.fixture
def holed(data_dir, tmp_path):
    """The Azores grid with enclosed holes (1, 3 x 6, 20 x 25 cells) and one at a corner."""
    grid, gt, crs, _ = read_array(data_dir / "azores_1m.tif")
    z = grid.copy()
    z[40:46, 50:53] = np.nan
    z[100, 100] = np.nan
    z[150:170, 150:175] = np.nan
    z[0:3, 0:3] = np.nan
    return write_array(str(tmp_path / "holed.tif"), z, gt, crs), grid, z


def layers(tmp_path, name):
    return {"uncertainty": str(tmp_path / f"{name}_u.tif"),
            "provenance": str(tmp_path / f"{name}_p.tif")}


def test_fill_provenance_codes_and_zero_sigma_on_real_cells(holed, tmp_path):
    src, truth, z = holed
    out = layers(tmp_path, "fill")
    gapfill.fill_raster(src, str(tmp_path / "f.tif"), **out)
    filled = read_array(tmp_path / "f.tif")[0]
    prov = read_array(out["provenance"])[0]       # byte, nodata 0 -> NaN on reading
    sigma = read_array(out["uncertainty"])[0]
    real, hole = ~np.isnan(z), np.isnan(z)
    assert gdal.Open(out["provenance"]).GetRasterBand(1).DataType == gdal.GDT_Byte
    assert np.all(prov[real] == unc.PROV_INPUT)
    assert np.all(prov[hole & ~np.isnan(filled)] == unc.PROV_FILLED)
    assert np.isnan(prov[0:3, 0:3]).all()              # edge hole: nodata (0)
    assert np.all(sigma[real] == 0) and np.isnan(sigma[0:3, 0:3]).all()
    inside = hole & ~np.isnan(filled)
    assert np.all(sigma[inside] > 0)
    # farther from data and in the wide hole: larger sigma than in the one-cell hole
    assert sigma[160, 162] > sigma[100, 100]


def test_fill_sigma_is_the_input_band_on_real_cells(holed, tmp_path):
    src, truth, z = holed
    ds = gdal.Open(src)
    two = gdal.GetDriverByName("GTiff").Create(str(tmp_path / "two.tif"), ds.RasterXSize,
                                               ds.RasterYSize, 2, gdal.GDT_Float32)
    two.SetGeoTransform(ds.GetGeoTransform())
    two.SetProjection(ds.GetProjection())
    own = np.full(z.shape, 7.5, np.float32)
    for i, (a, what) in enumerate(((z, "elevation"), (own, "uncertainty")), start=1):
        band = two.GetRasterBand(i)
        band.WriteArray(a)
        band.SetDescription(what)
    two = None
    gapfill.fill_raster(str(tmp_path / "two.tif"), str(tmp_path / "f.tif"),
                        uncertainty=str(tmp_path / "u.tif"))
    sigma = read_array(tmp_path / "u.tif")[0]
    assert np.all(sigma[~np.isnan(z)] == 7.5)


def test_tiled_equals_one_pass_for_uncertainty_and_provenance(holed, tmp_path):
    src = holed[0]
    runs = {
        "fill": lambda dst, tile, **kw: gapfill.fill_raster(src, dst, tile=tile, **kw),
        "deep": lambda dst, tile, **kw: superres.super_resolve_raster(
            src, dst, nodata_mode="fill", tile=tile, **kw),
        "sparse": lambda dst, tile, **kw: sparse_sr.super_resolve_raster(
            src, dst, None, tile=tile, **kw),
    }
    for name, run in runs.items():
        for tile in (1024, 48):
            run(str(tmp_path / f"{name}{tile}.tif"), tile, **layers(tmp_path, f"{name}{tile}"))
        (u1, p1), (u2, p2) = [[read_array(tmp_path / f"{name}{t}_{k}.tif")[0]
                               for k in "up"] for t in (1024, 48)]
        assert np.array_equal(p1, p2, equal_nan=True), name
        assert np.array_equal(np.isnan(u1), np.isnan(u2)), name
        # the network's float32 output differs by rounding between tilings
        np.testing.assert_allclose(u1, u2, rtol=1e-3, atol=0, err_msg=name)
    prov = read_array(tmp_path / "deep1024_p.tif")[0]
    z = holed[2]
    # 'fill' mode: the filled cells' blocks are code 4, the others 3
    assert np.all(prov[2 * 41:2 * 45, 2 * 50:2 * 53] == unc.PROV_SR_FILLED)
    assert np.all(prov[2 * 60:2 * 80, 2 * 60:2 * 80] == unc.PROV_SR_MEASURED)
    assert np.isnan(prov[:6, :6]).all() and np.isnan(z[:3, :3]).all()


def test_input_provenance_is_carried_through_super_resolution(holed, tmp_path):
    src = holed[0]
    fill_prov = str(tmp_path / "fp.tif")
    gapfill.fill_raster(src, str(tmp_path / "f.tif"), provenance=fill_prov)
    superres.super_resolve_raster(str(tmp_path / "f.tif"), str(tmp_path / "s.tif"),
                                  provenance=str(tmp_path / "sp.tif"),
                                  input_provenance=fill_prov)
    coarse = read_array(fill_prov)[0]
    fine = read_array(tmp_path / "sp.tif")[0]
    assert np.all(fine[200:340, 300:350][::2, ::2][coarse[100:170, 150:175] == 2] == 4)
    assert np.all(fine[2 * 160, 2 * 160] == 4) and np.all(fine[2 * 80, 2 * 80] == 3)
    other = np.zeros((5, 5), np.float32)
    write_array(str(tmp_path / "small.tif"), other)
    with pytest.raises(InputError, match="input provenance"):
        superres.super_resolve_raster(str(tmp_path / "f.tif"), str(tmp_path / "x.tif"),
                                      input_provenance=str(tmp_path / "small.tif"))


def test_bag_round_trip(holed, tmp_path):
    src = holed[0]
    gapfill.fill_raster(src, str(tmp_path / "f.bag"), uncertainty=str(tmp_path / "u.tif"))
    gapfill.fill_raster(src, str(tmp_path / "f.tif"))
    bag = gdal.Open(str(tmp_path / "f.bag"))
    assert bag.GetDriver().ShortName == "BAG" and bag.RasterCount == 2
    assert [bag.GetRasterBand(i).GetDescription() for i in (1, 2)] == ["elevation",
                                                                        "uncertainty"]
    assert bag.GetProjection() and bag.GetGeoTransform() == gdal.Open(src).GetGeoTransform()
    z = bag.GetRasterBand(1).ReadAsArray()
    s = bag.GetRasterBand(2).ReadAsArray()
    ref = read_array(tmp_path / "f.tif")[0]
    nd = bag.GetRasterBand(1).GetNoDataValue()
    assert np.array_equal(z == nd, np.isnan(ref))
    np.testing.assert_array_equal(z[~np.isnan(ref)], ref[~np.isnan(ref)])
    sigma = read_array(tmp_path / "u.tif")[0]
    np.testing.assert_array_equal(s[~np.isnan(sigma)], sigma[~np.isnan(sigma)])
    assert bag.GetMetadata("xml:BAG")          # the metadata record
    # a BAG as input: band 1 still reads, band 2 is taken as its uncertainty
    gapfill.fill_raster(str(tmp_path / "f.bag"), str(tmp_path / "g.tif"),
                        uncertainty=str(tmp_path / "g_u.tif"))
    g = read_array(tmp_path / "g_u.tif")[0]
    real = ~np.isnan(ref)
    np.testing.assert_array_equal(g[real], sigma[real])
    superres.super_resolve_raster(str(tmp_path / "f.bag"), str(tmp_path / "s.bag"))
    assert gdal.Open(str(tmp_path / "s.bag")).RasterCount == 2
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".geoinverse")]


def test_bag_without_crs_is_refused_and_nothing_written(tmp_path):
    z = np.random.default_rng(0).normal(size=(40, 40)).astype(np.float32)
    src = write_array(str(tmp_path / "nocrs.tif"), z, (0, 1, 0, 0, 0, -1), "")
    with pytest.raises(InputError, match="coordinate reference system"):
        gapfill.fill_raster(src, str(tmp_path / "out.bag"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nocrs.tif"]


def test_uncertainty_with_an_uncalibrated_own_model_is_refused(holed, tmp_path):
    path, card = superres.shipped_models()[0]
    own = tmp_path / "own.onnx"
    shutil.copyfile(path, own)
    card = dict(card)
    card.pop("uncertainty", None)
    (tmp_path / "own.json").write_text(json.dumps(card))
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(InputError, match="no uncertainty calibration"):
        superres.super_resolve_raster(holed[0], str(tmp_path / "out.tif"), str(own),
                                      uncertainty=str(tmp_path / "u.tif"))
    with pytest.raises(InputError, match="no uncertainty calibration"):
        superres.super_resolve_raster(holed[0], str(tmp_path / "out.bag"), str(own))
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    # without UNCERTAINTY the own model runs
    superres.super_resolve_raster(holed[0], str(tmp_path / "out.tif"), str(own))


def test_shipped_models_carry_calibration_and_training_stats():
    for _, card in superres.shipped_models():
        unc.check_calibration(card.get("uncertainty"), "superres", card["name"])
        assert set(card["training_stats"]["range"]) == {"relief_per_cell",
                                                        "spectral_slope", "cell_metres"}
    for scale in (2, 3, 4):
        d = sparse_sr.load_dictionary(sparse_sr.shipped_dictionary_path(scale))
        unc.check_calibration(d.uncertainty, "superres", "dictionary")
        assert d.training_stats["range"]
    assert unc.fill_calibration()["calibration_grids"]


def test_fit_calibrates_known_gaussian_errors():
    """Errors drawn with sigma = roughness * exp(0.5 * term): fit recovers the slope and
    the 95 % interval covers 95 %."""
    rng = np.random.default_rng(1)
    n = 40000
    term = rng.normal(size=(n, 1))
    rough = np.exp(rng.normal(size=n))
    sigma = rough * np.exp(-1.0 + 0.5 * term[:, 0])
    err = rng.normal(size=n) * sigma
    grids = np.repeat(["a", "b"], n // 2)
    cal = unc.fit(term, np.log(np.abs(err)) - np.log(rough), grids, ("t",), "superres")
    assert abs(cal["theta"][1] - 0.5) < 0.05
    est = rough * np.exp(cal["theta"][0] + cal["theta"][1] * term[:, 0])
    score = unc.evaluate(est, err)
    assert abs(score["coverage95"] - 0.95) < 0.005
    assert abs(score["coverage68"] - 0.68) < 0.03 and score["spearman"] > 0.3


def test_sigma_scales_with_the_depths(data_dir):
    grid = read_array(data_dir / "azores_1m.tif")[0][:64, :64].astype(np.float64)
    model = superres.load_model(superres.default_model())
    cal = model.card["uncertainty"]
    coarse = sparse_sr.fine_pair(grid, 2)[0]

    def sigma(c):
        fine = superres.super_resolve(c.astype(np.float32), model)
        return unc.sr_layers(c, fine, 2, cal)[0]
    a, b = sigma(coarse), sigma(3.28084 * coarse + 100.0)     # feet, another datum
    np.testing.assert_allclose(b, 3.28084 * a, rtol=2e-3)


def test_out_of_distribution_warning(data_dir, tmp_path):
    rng = np.random.default_rng(0)
    yy, xx = np.mgrid[:200, :200]
    plane = (-3000 + 2.0 * xx + 1.0 * yy + rng.normal(0, 5, (200, 200))).astype(np.float32)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    gt = (-40.0, 1 / 12, 0, 30.0, 0, -1 / 12)          # 5' cells, as ETOPO5
    src = write_array(str(tmp_path / "plane.tif"), plane, gt, srs.ExportToWkt())
    for run in (lambda s, d, w: superres.super_resolve_raster(s, d, warn=w),
                lambda s, d, w: sparse_sr.super_resolve_raster(s, d, None, warn=w)):
        warnings = []
        run(src, str(tmp_path / "out.tif"), warnings.append)
        assert any("spectrum is flatter" in w for w in warnings), warnings
        warnings = []
        run(str(data_dir / "tut_bathy.nc"), str(tmp_path / "out2.tif"), warnings.append)
        assert warnings == []


def test_calibration_cleaning_of_planted_spikes_and_stripes():
    """The calibration's truth cleaning (training/uncertainty_data.py): the output cells a
    planted spike supports are not scored, no hole is punched near one, the fill repeats
    its holes until MIN_FILL_CELLS, and destriping removes along-track stripes only."""
    from geoinverse.training import uncertainty_data as ud
    rng = np.random.default_rng(3)
    yy, xx = np.mgrid[:96, :96].astype(np.float64)
    z = -50.0 + 0.05 * xx + np.sin(yy / 9.0) + 0.01 * rng.normal(size=yy.shape)
    excluded = np.zeros(z.shape, bool)
    excluded[40, 40] = True
    support = ud.sr_support(excluded, 2)
    # the spike's coarse block (20, 20) dilated by SUPPORT coarse cells, nothing else
    span = slice(2 * (20 - ud.SUPPORT), 2 * (21 + ud.SUPPORT))
    assert support[span, span].all() and support.sum() == (2 * (2 * ud.SUPPORT + 1)) ** 2
    model = lambda c: np.repeat(np.repeat(c, 2, 0), 2, 1)  # noqa: E731
    full = ud.sr_samples(model, z, 2)
    masked = ud.sr_samples(model, z, 2, excluded=excluded)
    assert len(full[1]) - len(masked[1]) == support.sum()
    holed, punched = ud.punch_holes(z, 0, excluded)
    from scipy import ndimage
    near = ndimage.binary_dilation(excluded, iterations=ud.HOLE_CLEARANCE)
    assert punched.any() and not (punched & near).any()
    one = ud.punch_holes(z, 0)[1].sum()
    assert one < ud.MIN_FILL_CELLS
    assert len(ud.fill_samples(z)[1]) > one          # punched again with the next seeds
    # stripes along rows of 6 cells: reduced; a stripe-free grid is left as it is
    by, bx = np.mgrid[:288, :288].astype(np.float64)
    terrain = -50.0 + 0.02 * bx + 0.5 * np.sin(bx / 40.0) * np.cos(by / 50.0)
    assert np.array_equal(ud.destripe(terrain), terrain)
    striped = terrain + np.repeat(rng.normal(scale=0.05, size=48), 6)[:, None]
    clean = ud.destripe(striped)
    inner = (slice(64, 224),) * 2
    change = (clean - terrain)[inner]
    assert np.std(change - change.mean()) < 0.8 * np.std((striped - terrain)[inner])
