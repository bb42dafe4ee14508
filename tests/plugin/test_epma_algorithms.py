"""loadepma -> epmaphases -> epmaquantify through Processing and qgis_process."""
import csv
import shutil

import numpy as np
import pytest
from qgis.core import QgsRasterLayer, QgsVectorLayer

from geoinverse.algorithms.raster import read_array


@pytest.fixture
def mapset(run_algorithm, epma_example, tmp_path):
    out = run_algorithm("geoinverse:loadepma", {
        "INPUT": str(epma_example), "OUTPUT": str(tmp_path / "set"),
        "SPOTS": "TEMPORARY_OUTPUT"})
    return out, tmp_path


def test_loadepma_overlays_inputs(mapset):
    out, tmp_path = mapset
    assert out["SPOT_COUNT"] == 40
    layer = QgsRasterLayer(str(tmp_path / "set" / "Si.tif"), "Si")
    assert layer.isValid() and not layer.crs().isValid()
    extent = layer.extent()
    assert (extent.xMinimum(), extent.xMaximum(), extent.yMinimum(), extent.yMaximum()) \
        == (0, 100, -100, 0)
    assert layer.dataProvider().generateBandName(1) and \
        layer.bandName(1) == "Band 1: Si"
    spots = QgsVectorLayer(out["SPOTS"], "spots")
    assert spots.featureCount() == 40
    # Like the maps, the spots have no CRS at all (FlatGeobuf, the provider's default).
    assert out["SPOTS"].endswith(".fgb") and not spots.crs().isValid()
    first = next(spots.getFeatures())
    point = first.geometry().asPoint()
    assert point.x() == first["col"] + 0.5 and point.y() == -(first["row"] + 0.5)
    assert extent.contains(point)
    # the map value under the point is the point's own map intensity
    si = read_array(str(tmp_path / "set" / "Si.tif"))[0]
    assert si[first["row"], first["col"]] == pytest.approx(first["Si_map"])


def test_phases_and_quantify_match_qntmap(run_algorithm, mapset, epma_reference):
    _, tmp_path = mapset
    ph = run_algorithm("geoinverse:epmaphases", {
        "INPUT": str(tmp_path / "set"), "METHOD": "spots", "OUTPUT": str(tmp_path / "phases")})
    labels = read_array(ph["LABELS"])[0]
    theirs = np.loadtxt(epma_reference / "cluster" / "labels_index.csv", delimiter=",")
    assert (labels == theirs).all()
    with open(ph["MODAL"]) as handle:
        modal = {r["phase"]: r for r in csv.DictReader(handle)}
    assert modal["Ol"]["pixels"] == "9000" and modal["Qtz"]["pixels"] == "1000"
    q = run_algorithm("geoinverse:epmaquantify", {
        "INPUT": str(tmp_path / "set"), "PHASES": str(tmp_path / "phases"),
        "OUTPUT": str(tmp_path / "q")})
    total, gt, crs, _ = read_array(q["TOTAL"])
    assert gt is None and crs == ""
    ref = np.loadtxt(epma_reference / "qntmap" / "Total.csv", delimiter=",")
    assert np.abs(total - ref).max() < 0.01
    with open(q["PARAMETERS"]) as handle:
        rows = {(r["oxide"], r["phase"]): r for r in csv.DictReader(handle)}
    assert float(rows["SiO2", "Ol"]["beta"]) == pytest.approx(99.8846549614383, rel=1e-6)
    layer = QgsRasterLayer(q["TOTAL"], "Total")
    e = layer.extent()
    assert (e.xMinimum(), e.xMaximum(), e.yMinimum(), e.yMaximum()) == (0, 100, -100, 0)


def test_polygons_mask_and_training(run_algorithm, mapset, tmp_path):
    _, base = mapset
    polygons = QgsVectorLayer("Polygon?field=name:string", "p", "memory")
    from qgis.core import QgsFeature, QgsGeometry
    # olivine: rows 2-3, columns 95-97 (around the Ol spot at row 2, column 96);
    # quartz: the pixel of the Qtz spot at row 3, column 41
    for name, wkt in (("Ol", "POLYGON((95 -2,98 -2,98 -4,95 -4,95 -2))"),
                      ("Qtz", "POLYGON((41.1 -3.1,41.9 -3.1,41.9 -3.9,41.1 -3.9,41.1 -3.1))")):
        f = QgsFeature(polygons.fields())
        f.setAttribute("name", name)
        f.setGeometry(QgsGeometry.fromWkt(wkt))
        polygons.dataProvider().addFeature(f)
    ph = run_algorithm("geoinverse:epmaphases", {
        "INPUT": str(base / "set"), "METHOD": "polygons", "POLYGONS": polygons,
        "PHASE_FIELD": "name", "OUTPUT": str(tmp_path / "pp")})
    labels = read_array(ph["LABELS"])[0]
    assert set(np.unique(labels)) == {1, 2}
    q = run_algorithm("geoinverse:epmaquantify", {
        "INPUT": str(base / "set"), "MASK": polygons, "MASK_FIELD": "name",
        "DENSITIES": "Ol=3.3, Qtz=2.65", "SE": False, "OUTPUT": str(tmp_path / "qq")})
    total = read_array(q["TOTAL"])[0]
    assert np.isfinite(total).sum() == 6 + 1
    with open(q["BULK"]) as handle:
        bulk = {r["name"]: r for r in csv.DictReader(handle)}
    assert float(bulk["Qtz"]["SiO2"]) > 98 and float(bulk["Ol"]["MgO"]) > 50


def test_bad_input_gives_clear_error(run_algorithm, epma_example, tmp_path):
    from qgis.core import QgsProcessingException
    target = tmp_path / "bad"
    shutil.copytree(epma_example, target)
    path = target / ".map" / "1" / "1_map.txt"
    path.write_text("\n".join(path.read_text().splitlines()[:50]) + "\n")
    with pytest.raises(QgsProcessingException, match="different sizes"):
        run_algorithm("geoinverse:loadepma", {"INPUT": str(target),
                                              "OUTPUT": str(tmp_path / "o")})
    assert not (tmp_path / "o" / "Si.tif").exists()


def test_qgis_process_end_to_end(qgis_process, epma_example, epma_reference, tmp_path):
    qgis_process("run", "geoinverse:loadepma", "--", f"INPUT={epma_example}",
                 f"OUTPUT={tmp_path / 'set'}")
    qgis_process("run", "geoinverse:epmaquantify", "--", f"INPUT={tmp_path / 'set'}",
                 f"OUTPUT={tmp_path / 'q'}")
    sio2 = read_array(str(tmp_path / "q" / "SiO2.tif"))[0]
    ref = np.loadtxt(epma_reference / "qntmap" / "SiO2.csv", delimiter=",")
    assert np.abs(sio2 - ref).max() < 0.01


def test_mineralformula_on_quantified_olivine(run_algorithm, mapset, tmp_path):
    """Olivine formula maps from the quantified example: Si + (Mg) on 4 O, olivine only."""
    _, base = mapset
    run_algorithm("geoinverse:epmaphases", {"INPUT": str(base / "set"), "METHOD": "spots",
                                            "OUTPUT": str(tmp_path / "ph")})
    q = run_algorithm("geoinverse:epmaquantify", {"INPUT": str(base / "set"), "SE": False,
                                                  "OUTPUT": str(tmp_path / "q")})
    run_algorithm("geoinverse:mineralformula", {
        "INPUT": q["OUTPUT"], "MINERAL": "olivine", "PHASES": str(tmp_path / "ph"), "PHASE": "Ol",
        "OUTPUT": str(tmp_path / "f")})
    si = read_array(str(tmp_path / "f" / "olivine_Si.tif"))[0]
    labels = read_array(str(tmp_path / "ph" / "labels.tif"))[0]
    assert np.isnan(si[labels == 2]).all()
    # qntmap's olivine (42.71 SiO2, 57.21 MgO) is Mg2SiO4: 1 Si, 2 Mg per 4 O
    assert np.nanmedian(si) == pytest.approx(1.0, abs=0.01)
    mg = read_array(str(tmp_path / "f" / "olivine_Mg.tif"))[0]
    assert np.nanmedian(mg) == pytest.approx(2.0, abs=0.02)


def test_gui_runs_put_their_layers_in_the_project(plugin, epma_example, tmp_path):
    """What the Processing dialog does when a run completes (runAndLoadResults): each run's
    main rasters and the spot layer land in the project, in one layer group per run."""
    import processing
    from qgis.core import QgsProject
    project = QgsProject.instance()
    project.clear()
    try:
        processing.runAndLoadResults("geoinverse:loadepma", {
            "INPUT": str(epma_example), "OUTPUT": str(tmp_path / "set"),
            "SPOTS": str(tmp_path / "spots.fgb")})
        processing.runAndLoadResults("geoinverse:epmaquantify", {
            "INPUT": str(tmp_path / "set"), "OUTPUT": str(tmp_path / "q")})
        root = project.layerTreeRoot()
        title = epma_example.name
        imported = root.findGroup(f"EPMA maps \u2014 {title}")
        quantified = root.findGroup(f"EPMA quantified \u2014 {title}")
        assert imported is not None and quantified is not None, \
            [g.name() for g in root.findGroups()]
        names = {n.name() for n in imported.findLayers()}
        assert {"Si", "Mg", "Spots"} <= names
        layers = {n.name(): n.layer() for n in quantified.findLayers()}
        assert {"SiO2", "MgO", "Total"} <= set(layers)
        assert not any(name.endswith("_se") for name in layers)
        assert layers["Total"].isValid() and layers["Total"].source() == \
            str(tmp_path / "q" / "Total.tif")
        # nothing left outside the groups
        assert all(n.parent() in (imported, quantified) for n in root.findLayers())
    finally:
        project.clear()


def test_missing_folders_are_reported_as_missing(run_algorithm, epma_example, tmp_path):
    from qgis.core import QgsProcessingException
    gone = tmp_path / "no-such-sample"
    with pytest.raises(QgsProcessingException, match="no-such-sample does not exist"):
        run_algorithm("geoinverse:loadepma", {"INPUT": str(gone),
                                              "OUTPUT": str(tmp_path / "set")})
    with pytest.raises(QgsProcessingException, match="spot analyses folder .* does not"):
        run_algorithm("geoinverse:loadepma", {"INPUT": str(epma_example),
                                              "QNT": str(gone),
                                              "OUTPUT": str(tmp_path / "set")})
    with pytest.raises(QgsProcessingException, match="does not exist"):
        run_algorithm("geoinverse:epmaquantify", {"INPUT": str(gone),
                                                  "OUTPUT": str(tmp_path / "q")})
    assert not (tmp_path / "set").exists() and not (tmp_path / "q").exists()


def test_loadepma_progress_reaches_100(run_algorithm, epma_example, tmp_path):
    from qgis.core import QgsProcessingFeedback
    seen = []
    feedback = QgsProcessingFeedback()
    feedback.progressChanged.connect(seen.append)
    run_algorithm("geoinverse:loadepma", {"INPUT": str(epma_example),
                                          "OUTPUT": str(tmp_path / "set")}, feedback)
    assert seen and max(seen) == 100
