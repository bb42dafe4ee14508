"""An XMapTools project through Processing: loadepma -> epmaphases (sfcm) -> epmaquantify."""
import shutil
from pathlib import Path

import numpy as np
import pytest
from qgis.core import QgsProcessingException, QgsRasterLayer, QgsVectorLayer

from geoinverse.algorithms.raster import read_array

PROJECT = Path(__file__).resolve().parent.parent / "data" / "epma" / "xmaptools-synthetic"


def test_xmaptools_project_to_denoised_wt_maps(run_algorithm, tmp_path):
    out = run_algorithm("geoinverse:loadepma", {
        "INPUT": str(PROJECT), "OUTPUT": str(tmp_path / "set"), "SPOTS": "TEMPORARY_OUTPUT"})
    truth = [line.split() for line in (PROJECT / "truth_spots.txt").read_text().splitlines()[1:]]
    assert out["SPOT_COUNT"] == len(truth)
    spots = QgsVectorLayer(out["SPOTS"], "spots")
    assert spots.featureCount() == len(truth) and not spots.crs().isValid()
    rows = sorted((f["row"], f["col"]) for f in spots.getFeatures())
    assert rows == sorted((int(t[1]), int(t[2])) for t in truth)
    layer = QgsRasterLayer(str(tmp_path / "set" / "Mg.tif"), "Mg")
    e = layer.extent()
    assert (e.xMinimum(), e.xMaximum(), e.yMinimum(), e.yMaximum()) == (0, 64, -64, 0)

    ph = run_algorithm("geoinverse:epmaphases", {
        "INPUT": str(tmp_path / "set"), "METHOD": "sfcm", "N_PHASES": 3, "FCM_M": 2.0,
        "FCM_SPATIAL": 1.0, "FCM_WINDOW": 3, "OUTPUT": str(tmp_path / "fcm")})
    labels = read_array(ph["LABELS"])[0]
    assert set(np.unique(labels)) == {1, 2, 3}
    assert (tmp_path / "fcm" / "membership_P1.tif").exists()

    q = run_algorithm("geoinverse:epmaquantify", {
        "INPUT": str(tmp_path / "set"), "OUTPUT": str(tmp_path / "q")})   # DENOISE default
    total = read_array(q["TOTAL"])[0]
    core = np.loadtxt(PROJECT / "truth_labels.txt") == 1       # chloritoid (no H2O mapped)
    expected = 24.0 + 40.5 + np.loadtxt(PROJECT / "truth_FeO.txt") + np.loadtxt(
        PROJECT / "truth_MgO.txt")
    assert np.median(np.abs(total - expected)[core]) < 1.5
    for name in ("MgO_se.tif", "counts_Mg.tif", "counts_Mg_se.tif", "parameters.csv"):
        assert (tmp_path / "q" / name).exists()
    # the unsupervised phases serve the wt%-spot standardisation as well
    q2 = run_algorithm("geoinverse:epmaquantify", {
        "INPUT": str(tmp_path / "set"), "PHASES": str(tmp_path / "fcm"),
        "DENOISE": "mean3", "OUTPUT": str(tmp_path / "q2")})
    total2 = read_array(q2["TOTAL"])[0]
    assert np.median(np.abs(total2 - expected)[core]) < 2.0
    assert "P1" in (tmp_path / "q2" / "parameters.csv").read_text()
    with pytest.raises(QgsProcessingException, match="DENOISE"):
        run_algorithm("geoinverse:epmaquantify", {
            "INPUT": str(tmp_path / "set"), "DENOISE": "tv", "OUTPUT": str(tmp_path / "x")})


def test_oxide_without_a_map_is_refused(run_algorithm, tmp_path):
    target = tmp_path / "project"
    shutil.copytree(PROJECT, target)
    (target / "K.txt").unlink()
    with pytest.raises(QgsProcessingException, match="Standards.txt line 5: K2O has no map"):
        run_algorithm("geoinverse:loadepma", {"INPUT": str(target),
                                              "OUTPUT": str(tmp_path / "o")})
    assert not (tmp_path / "o" / "Mg.tif").exists()


def test_qgis_process_commands_of_the_docs(qgis_process, tmp_path):
    """The commands docs/epma-xmaptools.md gives, with the enum ids as a script types them."""
    qgis_process("run", "geoinverse:loadepma", "--", f"INPUT={PROJECT}",
                 f"OUTPUT={tmp_path / 'set'}", f"SPOTS={tmp_path / 'spots.fgb'}")
    qgis_process("run", "geoinverse:epmaquantify", "--", f"INPUT={tmp_path / 'set'}",
                 "DENOISE=none", f"OUTPUT={tmp_path / 'raw'}")
    qgis_process("run", "geoinverse:epmaphases", "--", f"INPUT={tmp_path / 'set'}",
                 "METHOD=sfcm", "N_PHASES=3", "FCM_M=2", "FCM_SPATIAL=1", "FCM_WINDOW=3",
                 f"OUTPUT={tmp_path / 'fcm'}")
    assert (tmp_path / "raw" / "MgO.tif").exists()
    assert not (tmp_path / "raw" / "counts_Mg.tif").exists()     # nothing denoised
    assert (tmp_path / "fcm" / "membership_P3.tif").exists()
