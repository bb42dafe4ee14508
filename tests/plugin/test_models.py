"""The shipped model 'Soundings to high-resolution grid': registered, runnable, editable."""
import pytest
from osgeo import gdal
from qgis.core import QgsApplication, QgsProcessingModelAlgorithm, QgsVectorLayer

from geoinverse.plugin.provider import MODELS_DIR

OUTPUTS = {"ACCEPTED": "acc.fgb", "REJECTED": "rej.fgb", "GRID": "grid.tif",
           "COUNT": "count.tif", "FILLED": "filled.tif", "FILLED_MASK": "mask.tif",
           "FILL_PROVENANCE": "fprov.tif", "HIGHRES": "hr.tif", "PROVENANCE": "prov.tif"}


def test_model_is_registered_with_its_steps(plugin):
    model = QgsApplication.processingRegistry().algorithmById("geoinverse:soundingstogrid")
    assert model is not None
    assert model.displayName() == "Soundings to high-resolution grid"
    assert model.group() == "Bathymetry \u2014 soundings"
    steps = [c.algorithmId() for c in sorted(model.childAlgorithms().values(),
                                             key=lambda c: c.position().y())]
    assert steps == ["geoinverse:cleansoundings", "geoinverse:gridsoundings",
                     "geoinverse:fillgaps", "geoinverse:superresolve"]
    assert model.shortHelpString() or model.helpContent()


def test_model_has_one_group_a_title_and_named_outputs(plugin):
    """One toolbox group with the algorithms, a readable dialog title, the soundings
    first, and outputs named ACCEPTED ... HIGHRES (not QGIS's clean:ACCEPTED)."""
    registry = QgsApplication.processingRegistry()
    provider = registry.providerById("geoinverse")
    model = registry.algorithmById("geoinverse:soundingstogrid")
    clean = registry.algorithmById("geoinverse:cleansoundings")
    groups = {(a.groupId(), a.group()) for a in provider.algorithms()}
    assert (model.groupId(), model.group()) == (clean.groupId(), clean.group())
    assert len({g for g, _ in groups}) == len(groups)     # one id per group title
    inputs = [p.name() for p in model.parameterDefinitions() if not p.isDestination()]
    assert inputs[0] == "SOUNDINGS"
    assert [o.name() for o in model.outputDefinitions()] == list(OUTPUTS)
    # the dialog shows the title of the instance QGIS creates to run it
    fresh = model.createInstance()
    assert fresh.displayName() == "Soundings to high-resolution grid"
    assert [o.name() for o in fresh.outputDefinitions()] == list(OUTPUTS)


def test_model_help_lists_its_outputs(qgis_process):
    text = qgis_process("help", "geoinverse:soundingstogrid").stdout
    outputs = text[text.index("Outputs"):]
    for name in OUTPUTS:
        assert f"{name}:" in outputs or f"{name} " in outputs, (name, outputs)
    assert "Soundings to high-resolution grid" in text


def test_model_file_opens_in_the_modeler(plugin):
    """What the graphical modeler does: load the .model3 and validate every step."""
    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(str(MODELS_DIR / "soundingstogrid.model3"))
    ok, problems = model.validate()
    assert ok, problems


def check_outputs(folder, n_input):
    accepted = QgsVectorLayer(str(folder / "acc.fgb"))
    rejected = QgsVectorLayer(str(folder / "rej.fgb"))
    assert accepted.featureCount() + rejected.featureCount() == n_input
    grid, hr = gdal.Open(str(folder / "filled.tif")), gdal.Open(str(folder / "hr.tif"))
    assert (hr.RasterXSize, hr.RasterYSize) == (2 * grid.RasterXSize, 2 * grid.RasterYSize)
    g, h = grid.GetGeoTransform(), hr.GetGeoTransform()
    assert h[0] == g[0] and h[3] == g[3] and h[1] == pytest.approx(g[1] / 2)
    # provenance end to end (issue 18): 1 measured / 2 filled, then 3 / 4 on the fine grid
    mask = gdal.Open(str(folder / "mask.tif")).ReadAsArray()
    fprov = gdal.Open(str(folder / "fprov.tif")).ReadAsArray()
    prov = gdal.Open(str(folder / "prov.tif")).ReadAsArray()
    assert (fprov[mask == 1] == 2).all() and (fprov[mask == 0] == 1).all()
    assert (fprov == 2).any()
    fine = fprov.repeat(2, 0).repeat(2, 1)
    hr_valid = prov > 0
    assert (prov[hr_valid & (fine == 2)] == 4).all() and (prov[hr_valid & (fine == 1)] == 3).all()
    assert (prov == 4).any() and (prov == 3).any()


def test_model_runs_through_processing(run_algorithm, data_dir, tmp_path):
    source = str(data_dir / "ship15_cut.gpkg")
    params = {"SOUNDINGS": source}
    params.update({k: str(tmp_path / v) for k, v in OUTPUTS.items()})
    result = run_algorithm("geoinverse:soundingstogrid", params)
    assert set(OUTPUTS) <= set(result)
    assert result["HIGHRES"] == str(tmp_path / "hr.tif")
    check_outputs(tmp_path, QgsVectorLayer(source).featureCount())


def test_model_runs_through_qgis_process(qgis_process, data_dir, tmp_path):
    source = str(data_dir / "ship15_cut.gpkg")
    qgis_process("run", "geoinverse:soundingstogrid", "--", f"SOUNDINGS={source}",
                 *[f"{k}={tmp_path / v}" for k, v in OUTPUTS.items()])
    check_outputs(tmp_path, QgsVectorLayer(source).featureCount())
