"""geoinverse:superresolve through processing.run and qgis_process: every shipped network
by its MODEL index, exact georeferencing, the model card's numbers in the log, a user's
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
    """Held-out Azores cuts made coarser by block means at 2, 3 and 4: {scale: (path,
    truth)}; x3 and x4 from the wider cut, so the coarse grid exceeds the receptive field
    of the large networks."""
    out = {}
    for s in (2, 3, 4):
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


@pytest.mark.parametrize("index", range(len(SHIPPED)),
                         ids=[Path(p).stem for p, _ in SHIPPED])
def test_each_shipped_network_by_its_index(run_algorithm, coarse, tmp_path, index,
                                           recording_feedback):
    card = SHIPPED[index][1]
    (src, fine), out = coarse[card["scale"]], str(tmp_path / "sr.tif")
    feedback = recording_feedback()
    result = run_algorithm("geoinverse:superresolve", {
        "INPUT": str(src), "MODEL": index, "OUTPUT": out}, feedback)
    assert result == {"OUTPUT": out}
    check_georeferencing(src, out, card["scale"])
    sr = read_array(out)[0]
    assert rmse(sr, fine) < rmse(bicubic_upsample(read_array(src)[0], card["scale"]), fine)
    log = "\n".join(feedback.lines)
    assert card["name"] in log
    for grid, v in card["validation"]["held_out"].items():
        assert f"{grid}: RMSE {v['rmse']} vs bicubic {v['bicubic_rmse']}" in log


def test_default_network_is_the_most_accurate_x2(plugin):
    alg = QgsApplication.processingRegistry().algorithmById("geoinverse:superresolve")
    param = alg.parameterDefinition("MODEL")
    default = superres.read_card(superres.default_model())
    assert param.options()[param.defaultValue()] == superres.model_label(default)
    assert len(param.options()) == len(SHIPPED)


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
                                              "OVERLAP": 20, "NODATA_MODE": 1,
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
                        f"OUTPUT={out}")
    assert "held-out" in proc.stdout
    check_georeferencing(paths[2], out, 2)
    assert rmse(read_array(out)[0], fine) < rmse(bicubic_upsample(
        read_array(paths[2])[0], 2), fine)
    text = qgis_process("help", "geoinverse:superresolve").stdout
    for word in ("MODEL_FILE", "NODATA_MODE", "OVERLAP", "ESRGAN", "Sonogashira"):
        assert word in text
