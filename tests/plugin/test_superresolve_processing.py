"""geoinverse:superresolve through processing.run and qgis_process: every shipped network
by its MODEL name, auto per SCALE, bad names refused with the valid ones, exact georeferencing, the model card's numbers in the log, a user's
own model file, bad models."""
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import QgsApplication, QgsProcessingException

from geoinverse.algorithms.bathymetry import superres
from geoinverse.algorithms.bathymetry.resample import bicubic_upsample, block_mean
from geoinverse.algorithms.raster import read_array, write_array

SHIPPED = superres.shipped_models()


def rmse(a, b):
    return float(np.sqrt(np.nanmean((a - b) ** 2)))


@pytest.fixture(scope="module")
def coarse(data_dir, tmp_path_factory):
    """Held-out Azores cuts made coarser by block means at 2, 3, 4 and 8: {scale: (path,
    truth)}; x3 to x8 from the wider cut, so the coarse grid exceeds the receptive field
    of the large networks."""
    out = {}
    for s in (2, 3, 4, 8):
        grid = "azores_1m.tif" if s == 2 else "azores_1m_wide.tif"
        fine, gt, crs, _ = read_array(data_dir / grid)
        fine = fine[:(fine.shape[0] // s) * s, :(fine.shape[1] // s) * s]
        path = tmp_path_factory.mktemp("sr") / f"azores_x{s}.tif"
        write_array(path, block_mean(fine, s), (gt[0], gt[1] * s, 0, gt[3], 0, gt[5] * s),
                    crs)
        out[s] = (path, fine)
    return out


def check_georeferencing(src, dst, scale):
    s, d = gdal.Open(str(src)), gdal.Open(str(dst))
    sgt, dgt = s.GetGeoTransform(), d.GetGeoTransform()
    assert (d.RasterXSize, d.RasterYSize) == (s.RasterXSize * scale, s.RasterYSize * scale)
    assert (dgt[0], dgt[3]) == (sgt[0], sgt[3])
    assert dgt[1] == pytest.approx(sgt[1] / scale, rel=1e-12)
    assert dgt[5] == pytest.approx(sgt[5] / scale, rel=1e-12)
    assert d.GetProjection() == s.GetProjection() and d.GetProjection()
    assert d.GetRasterBand(1).DataType == gdal.GDT_Float32


@pytest.mark.parametrize("path,card", SHIPPED, ids=[Path(p).stem for p, _ in SHIPPED])
def test_each_shipped_network_by_its_name(run_algorithm, coarse, tmp_path, path, card,
                                          recording_feedback):
    (src, fine), out = coarse[card["scale"]], str(tmp_path / "sr.tif")
    feedback = recording_feedback()
    result = run_algorithm("geoinverse:superresolve", {
        "INPUT": str(src), "SCALE": card["scale"], "MODEL": Path(path).stem,
        "OUTPUT": out}, feedback)
    assert result == {"OUTPUT": out}
    check_georeferencing(src, out, card["scale"])
    sr = read_array(out)[0]
    assert rmse(sr, fine) < rmse(bicubic_upsample(read_array(src)[0], card["scale"]), fine)
    log = "\n".join(feedback.lines)
    assert card["name"] in log
    for grid, v in card["validation"]["held_out"].items():
        assert f"{grid}: RMSE {v['rmse']} vs bicubic {v['bicubic_rmse']}" in log


def test_networks_are_named_and_auto_is_the_recommended_for_the_scale(plugin):
    alg = QgsApplication.processingRegistry().algorithmById("geoinverse:superresolve")
    param = alg.parameterDefinition("MODEL")
    assert param.usesStaticStrings() and param.defaultValue() == "auto"
    assert param.options() == ["auto"] + [Path(p).stem for p, _ in SHIPPED]
    assert "fsrcnn_ens_x2" in param.options() and "fsrcnn_x4" in param.options()
    assert alg.parameterDefinition("SCALE").defaultValue() == 2
    for scale in superres.shipped_scales():
        assert superres.choose_model("auto", scale) == superres.default_model(scale=scale)
    assert Path(superres.choose_model("auto", 2)).stem == "fsrcnn_kd_x2"


def test_auto_x4_runs_the_most_accurate_x4(run_algorithm, coarse, tmp_path,
                                           recording_feedback):
    feedback = recording_feedback()
    out = tmp_path / "x4.tif"
    run_algorithm("geoinverse:superresolve", {"INPUT": str(coarse[4][0]), "SCALE": 4,
                                              "OUTPUT": str(out)}, feedback)
    check_georeferencing(coarse[4][0], out, 4)
    assert Path(superres.default_model(scale=4)).stem in "\n".join(feedback.lines)


@pytest.mark.parametrize("params,message", [
    ({"MODEL": "fsrcnn_x3"}, r"not one of the choices; use one of: auto, .*fsrcnn_ens_x2"),
    ({"MODEL": 0}, "by name, not by number"),
    ({"MODEL": "fsrcnn_x4"}, "super-resolves by 4, but SCALE is 2: set SCALE to 4"),
    ({"SCALE": 3}, r"No x3 network is shipped .*shipped scales: 2, 4"),
    ({"NODATA_MODE": "holes"}, "use one of: mask, fill"),
])
def test_bad_network_names_are_refused_with_the_valid_ones(run_algorithm, coarse, tmp_path,
                                                            params, message):
    out = tmp_path / "never.tif"
    with pytest.raises(QgsProcessingException, match=message):
        run_algorithm("geoinverse:superresolve", {"INPUT": str(coarse[2][0]),
                                                  "OUTPUT": str(out), **params})
    assert not out.exists()


def test_own_model_file_overrides_and_broken_card_is_refused(run_algorithm, coarse,
                                                             tmp_path):
    paths = {s: p for s, (p, _) in coarse.items()}
    src = Path(superres.default_model())
    mine = tmp_path / "mine.onnx"
    shutil.copy(src, mine)
    shutil.copy(src.with_suffix(".json"), mine.with_suffix(".json"))
    good = tmp_path / "good.tif"
    run_algorithm("geoinverse:superresolve", {"INPUT": str(paths[2]),
                                              "MODEL_FILE": str(mine), "TILE": 32,
                                              "OVERLAP": 20, "NODATA_MODE": "fill",
                                              "OUTPUT": str(good)})
    assert gdal.Open(str(good)).RasterXSize == coarse[2][1].shape[1]
    card = json.loads(mine.with_suffix(".json").read_text())
    card["channels"] = 3
    mine.with_suffix(".json").write_text(json.dumps(card))
    out = tmp_path / "never.tif"
    with pytest.raises(QgsProcessingException, match="3 channels"):
        run_algorithm("geoinverse:superresolve", {"INPUT": str(paths[2]),
                                                  "MODEL_FILE": str(mine),
                                                  "OUTPUT": str(out)})
    assert not out.exists()


def test_superresolve_end_to_end_in_qgis_process(qgis_process, coarse, tmp_path):
    paths, fine = {s: p for s, (p, _) in coarse.items()}, coarse[2][1]
    out = tmp_path / "sr.tif"
    proc = qgis_process("run", "geoinverse:superresolve", "--", f"INPUT={paths[2]}",
                        "SCALE=2", "MODEL=fsrcnn_ens_x2", f"OUTPUT={out}")
    assert "held-out" in proc.stdout
    check_georeferencing(paths[2], out, 2)
    assert rmse(read_array(out)[0], fine) < rmse(bicubic_upsample(
        read_array(paths[2])[0], 2), fine)
    text = qgis_process("help", "geoinverse:superresolve").stdout
    for word in ("MODEL_FILE", "NODATA_MODE", "OVERLAP", "SCALE", "fsrcnn_ens_x2", "auto"):
        assert word in text
