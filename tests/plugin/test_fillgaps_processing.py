"""geoinverse:fillgaps through processing.run and qgis_process."""
import os

import numpy as np
import pytest
from qgis.core import QgsProcessingException

from geoinverse.algorithms.raster import read_array, write_array




@pytest.fixture
def holed(data_dir, tmp_path):
    """The Azores grid with two enclosed holes and one touching the west edge."""
    grid, gt, crs, _ = read_array(data_dir / "azores_1m.tif")
    yy, xx = np.mgrid[:grid.shape[0], :grid.shape[1]]
    inner = ((yy - 60) ** 2 + (xx - 80) ** 2 <= 100) | ((yy - 140) ** 2 + (xx - 200) ** 2 <= 9)
    edge = (yy - 100) ** 2 + xx ** 2 <= 64
    out = grid.copy()
    out[inner | edge] = np.nan
    path = write_array(str(tmp_path / "holed.tif"), out, gt, crs)
    return path, grid, inner, edge


def test_fillgaps_writes_filled_grid_mask_and_distance(run_algorithm, holed, tmp_path,
                                                       recording_feedback):
    src, truth, inner, edge = holed
    log = recording_feedback()
    result = run_algorithm("geoinverse:fillgaps", {
        "INPUT": src, "OUTPUT": str(tmp_path / "out.tif"),
        "FILLED_MASK": str(tmp_path / "mask.tif"), "DISTANCE": str(tmp_path / "dist.tif")},
        feedback=log)
    out = read_array(result["OUTPUT"])[0]
    real = ~(inner | edge)
    assert np.array_equal(out[real].view(np.uint32), truth[real].view(np.uint32))
    assert not np.isnan(out[inner]).any() and np.isnan(out[edge]).all()
    mask = read_array(result["FILLED_MASK"])[0]
    assert np.array_equal(mask == 1, inner) and np.isnan(mask[edge]).all()
    dist = read_array(result["DISTANCE"])[0]
    assert np.all(dist[real] == 0) and np.all(dist[inner] > 1000)   # metres, 1' cells
    text = "\n".join(log.lines)
    assert "3 hole(s)" in text and "2 filled" in text and "Distances in m" in text


def test_fillgaps_options_reach_the_science(run_algorithm, holed, tmp_path,
                                            recording_feedback):
    log = recording_feedback()
    result = run_algorithm("geoinverse:fillgaps", {
        "INPUT": holed[0], "METHOD": "idw", "INTERIOR_ONLY": False, "MAX_DISTANCE": 5,
        "OUTPUT": str(tmp_path / "out.tif")}, feedback=log)
    out = read_array(result["OUTPUT"])[0]
    assert "FILLED_MASK" not in result
    assert np.isnan(out[60, 80])        # 11 cells from data: beyond MAX_DISTANCE
    assert not np.isnan(out[140, 200])  # 4 cells from data
    assert not np.isnan(out[100, 7])    # in the edge hole: INTERIOR_ONLY is off
    assert "idw:" in "\n".join(log.lines)


def test_fillgaps_reports_holes_wider_than_the_overlap(run_algorithm, holed, tmp_path,
                                                       recording_feedback):
    log = recording_feedback()
    result = run_algorithm("geoinverse:fillgaps", {
        "INPUT": holed[0], "MAX_OVERLAP": 12, "OUTPUT": str(tmp_path / "out.tif")},
        feedback=log)
    out = read_array(result["OUTPUT"])[0]
    assert np.isnan(out[60, 80]) and not np.isnan(out[140, 200])
    text = "\n".join(log.lines)
    assert "1 hole(s) are wider than the maximum overlap (12 cells)" in text
    assert "~21 cells across" in text


def test_fillgaps_bad_tension_is_refused(run_algorithm, holed, tmp_path):
    with pytest.raises(QgsProcessingException):
        run_algorithm("geoinverse:fillgaps", {"INPUT": holed[0], "TENSION": 2.0,
                                              "OUTPUT": str(tmp_path / "out.tif")})
    assert not (tmp_path / "out.tif").exists()


def test_fillgaps_all_nodata_is_refused(run_algorithm, tmp_path):
    src = write_array(str(tmp_path / "empty.tif"), np.full((8, 8), np.nan, np.float32))
    with pytest.raises(QgsProcessingException, match="only nodata"):
        run_algorithm("geoinverse:fillgaps", {"INPUT": src,
                                              "OUTPUT": str(tmp_path / "out.tif")})
    assert not (tmp_path / "out.tif").exists()


def test_qgis_process_fillgaps(qgis_process, holed, tmp_path):
    src, truth, inner, edge = holed
    out = tmp_path / "cli.tif"
    proc = qgis_process("run", "geoinverse:fillgaps", "--", f"INPUT={src}",
                        "METHOD=spline", f"OUTPUT={out}", f"FILLED_MASK={tmp_path / 'm.tif'}")
    assert "filled" in proc.stdout
    filled = read_array(str(out))[0]
    assert not np.isnan(filled[inner]).any() and np.isnan(filled[edge]).all()
    assert read_array(str(tmp_path / "m.tif"))[0][60, 80] == 1


def test_optional_outputs_are_absolute_paths(run_algorithm, holed, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_algorithm("geoinverse:fillgaps", {
        "INPUT": holed[0], "OUTPUT": "filled.tif", "FILLED_MASK": "mask.tif",
        "DISTANCE": "distance.tif"})
    for key in ("OUTPUT", "FILLED_MASK", "DISTANCE"):
        assert os.path.isabs(result[key]), (key, result[key])
        assert os.path.exists(result[key])
