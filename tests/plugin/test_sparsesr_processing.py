"""geoinverse:sparsesr and geoinverse:learndictionary through processing.run and
qgis_process, as a script, the GUI or a hydrographer's shell script runs them."""
import numpy as np
import pytest
from osgeo import gdal
from qgis.core import QgsProcessingException

from geoinverse.algorithms.bathymetry.resample import bicubic_upsample, block_mean
from geoinverse.algorithms.raster import read_array, write_array


@pytest.fixture
def coarse_azores(data_dir, tmp_path):
    """The held-out Azores cut made 2x coarser by block means, and its fine truth."""
    fine, gt, crs, _ = read_array(data_dir / "azores_1m.tif")
    fine = fine[:192, :256]
    path = tmp_path / "azores_coarse.tif"
    write_array(path, block_mean(fine, 2), (gt[0], gt[1] * 2, 0, gt[3], 0, gt[5] * 2), crs)
    return path, fine


def rmse(a, b):
    return float(np.sqrt(np.nanmean((a - b) ** 2)))


def test_sparsesr_beats_bicubic_and_writes_the_feature_maps(run_algorithm, coarse_azores,
                                                            tmp_path):
    src, fine = coarse_azores
    out, pat, spa = (str(tmp_path / n) for n in ("sr.tif", "pat.tif", "spa.tif"))
    result = run_algorithm("geoinverse:sparsesr", {
        "INPUT": str(src), "OUTPUT": out, "PATTERNS": pat, "SPARSITY": spa, "TILE": 48})
    assert result == {"OUTPUT": out, "PATTERNS": pat, "SPARSITY": spa}
    sr = read_array(out)[0]
    assert sr.shape == fine.shape
    assert rmse(sr, fine) < rmse(bicubic_upsample(read_array(src)[0], 2), fine)
    patterns, active = read_array(pat)[0], read_array(spa)[0]
    assert patterns.shape == fine.shape and np.nanmax(patterns) <= 256
    assert set(np.unique(active)) <= {1.0, 2.0, 3.0}


def test_optional_maps_are_not_written_unless_asked(run_algorithm, coarse_azores, tmp_path):
    src, _ = coarse_azores
    result = run_algorithm("geoinverse:sparsesr", {"INPUT": str(src), "SCALE": 4,
                                                   "OUTPUT": str(tmp_path / "x4.tif")})
    assert set(result) == {"OUTPUT"}
    assert gdal.Open(result["OUTPUT"]).RasterXSize == 128 * 4


def test_learned_dictionary_feeds_sparsesr(run_algorithm, data_dir, tmp_path):
    npz, sheet = tmp_path / "mine.npz", tmp_path / "atoms.png"
    run_algorithm("geoinverse:learndictionary", {
        "INPUT": [str(data_dir / "tut_bathy.nc"), str(data_dir / "azores_1m.tif")],
        "SCALE": 3, "ATOMS": 32, "SAMPLES": 4000, "ITERATIONS": 4,
        "OUTPUT": str(npz), "ATOMS_SHEET": str(sheet)})
    assert npz.exists() and sheet.read_bytes()[:4] == b"\x89PNG"
    out = tmp_path / "x3.tif"
    run_algorithm("geoinverse:sparsesr", {"INPUT": str(data_dir / "tut_bathy.nc"),
                                          "SCALE": 3, "DICTIONARY": str(npz),
                                          "OUTPUT": str(out)})
    assert gdal.Open(str(out)).RasterXSize == 73 * 3


def test_dictionary_of_another_scale_is_a_clear_error(run_algorithm, coarse_azores,
                                                      tmp_path):
    src, _ = coarse_azores
    with pytest.raises(QgsProcessingException, match="learned for scale x2, but x3"):
        run_algorithm("geoinverse:sparsesr", {"INPUT": str(src), "SCALE": 3,
                                              "DICTIONARY": _shipped(2),
                                              "OUTPUT": str(tmp_path / "o.tif")})
    assert not (tmp_path / "o.tif").exists()


def test_corrupt_dictionary_is_a_clear_error(run_algorithm, coarse_azores, tmp_path):
    src, _ = coarse_azores
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"\x00" * 100)
    with pytest.raises(QgsProcessingException, match="Cannot read the dictionary"):
        run_algorithm("geoinverse:sparsesr", {"INPUT": str(src), "DICTIONARY": str(bad),
                                              "OUTPUT": str(tmp_path / "o.tif")})
    assert not (tmp_path / "o.tif").exists()


def _shipped(scale):
    from geoinverse.algorithms.bathymetry.sparse_sr import shipped_dictionary_path
    return shipped_dictionary_path(scale)


def test_sparsesr_end_to_end_with_qgis_process(qgis_process, coarse_azores, tmp_path):
    src, fine = coarse_azores
    out, pat = tmp_path / "e2e.tif", tmp_path / "e2e_patterns.tif"
    qgis_process("run", "geoinverse:sparsesr", "--", f"INPUT={src}", "SCALE=2",
                 f"OUTPUT={out}", f"PATTERNS={pat}")
    s, d = gdal.Open(str(src)), gdal.Open(str(out))
    sgt, dgt = s.GetGeoTransform(), d.GetGeoTransform()
    assert (dgt[0], dgt[3]) == (sgt[0], sgt[3])
    assert dgt[1] == pytest.approx(sgt[1] / 2) and dgt[5] == pytest.approx(sgt[5] / 2)
    assert d.GetProjection() == s.GetProjection()
    assert rmse(read_array(out)[0], fine) < rmse(bicubic_upsample(read_array(src)[0], 2),
                                                  fine)
    assert pat.exists()
    text = qgis_process("help", "geoinverse:sparsesr").stdout
    for word in ("DICTIONARY", "PATTERNS", "SPARSITY", "Dominant pattern"):
        assert word in text
