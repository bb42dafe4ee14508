"""The plugin as QGIS loads it: metadata, provider, algorithm identity, unload."""
import re

import pytest
from qgis.core import QgsApplication

from geoinverse.plugin.processing import ALGORITHMS

REQUIRED_METADATA = ["name", "qgisMinimumVersion", "description", "about", "version",
                     "author", "email", "repository", "tracker", "homepage", "tags",
                     "category", "icon", "hasProcessingProvider", "experimental",
                     "changelog"]


def test_metadata_is_complete(metadata):
    for key in REQUIRED_METADATA:
        assert metadata.get(key, "").strip(), f"metadata.txt lacks {key}"
    assert metadata["qgisMinimumVersion"] == "3.22"
    assert metadata["category"] == "Raster"
    assert metadata["hasProcessingProvider"] == "yes"


def test_metadata_names_the_dependencies_and_the_installer(metadata):
    """The Plugin Manager shows `about` before anything is installed; experimental=True
    would hide the plugin from most users."""
    about = metadata["about"]
    for word in ("onnxruntime", "scikit-learn", "Install missing packages",
                 "Load sample data"):
        assert word in about, word
    assert metadata["experimental"] == "False"


def test_provider_is_registered(plugin):
    provider = QgsApplication.processingRegistry().providerById("geoinverse")
    assert provider is not None
    assert provider.name() == "GeoInverse"
    assert not provider.icon().isNull()
    ids = {a.id() for a in provider.algorithms()}
    assert {"geoinverse:bicubic", "geoinverse:comparegrids"} <= ids


@pytest.mark.parametrize("algorithm_class", ALGORITHMS)
def test_algorithm_identity(plugin, algorithm_class):
    alg = QgsApplication.processingRegistry().algorithmById(
        "geoinverse:" + algorithm_class().name())
    assert alg is not None
    assert re.fullmatch(r"[a-z0-9]+", alg.name())
    assert alg.groupId() and alg.group() and alg.displayName()
    assert len(alg.shortHelpString()) > 200, "help must say what, each parameter, reference"
    fresh = alg.createInstance()
    assert fresh is not alg and type(fresh) is type(alg)


def test_unload_removes_provider(qgis_app, qgis_processing, plugin):
    import geoinverse
    second = geoinverse.classFactory(None)
    registry = QgsApplication.processingRegistry()
    registry.removeProvider(plugin.provider)
    plugin.provider = None
    second.initProcessing()
    assert registry.providerById("geoinverse") is not None
    second.unload()
    assert registry.providerById("geoinverse") is None
    plugin.initProcessing()
    assert registry.providerById("geoinverse") is not None


def test_every_choice_is_named(plugin):
    """Rule 10: no enum stores an index that would change meaning when choices change."""
    from qgis.core import QgsProcessingParameterEnum
    provider = QgsApplication.processingRegistry().providerById("geoinverse")
    enums = [(a.id(), p) for a in provider.algorithms() for p in a.parameterDefinitions()
             if isinstance(p, QgsProcessingParameterEnum)]
    assert len(enums) >= 15
    for alg_id, param in enums:
        assert param.usesStaticStrings(), f"{alg_id} {param.name()} stores an index"
        defaults = param.defaultValue()
        for value in defaults if isinstance(defaults, list) else [defaults]:
            assert value in param.options(), f"{alg_id} {param.name()} default {value!r}"


@pytest.mark.parametrize("alg_id,name,value,valid", [
    ("geoinverse:fillgaps", "METHOD", "kriging", "spline, sparse, idw"),
    ("geoinverse:fillgaps", "METHOD", 2, "spline, sparse, idw"),
    ("geoinverse:ptpath", "EQUILIBRIA", ["grt-bt", "gasp2"], "grt-bt"),
    ("geoinverse:denoisegrid", "STRIPES", "on", "off, auto, given"),
])
def test_unknown_choice_lists_the_valid_ones(plugin, alg_id, name, value, valid):
    from qgis.core import QgsProcessingContext
    alg = QgsApplication.processingRegistry().algorithmById(alg_id)
    ok, message = alg.checkParameterValues({name: value}, QgsProcessingContext())
    assert not ok
    assert message.startswith(f"{name}: ") and valid in message


def test_unknown_choice_in_qgis_process(qgis_process, data_dir, tmp_path):
    proc = qgis_process("run", "geoinverse:fillgaps", "--",
                        f"INPUT={data_dir / 'azores_1m.tif'}", "METHOD=kriging",
                        f"OUTPUT={tmp_path / 'f.tif'}", check=False)
    assert proc.returncode != 0
    assert "use one of: spline, sparse, idw" in proc.stdout + proc.stderr
    assert not (tmp_path / "f.tif").exists()


def test_decimal_numbers_show_sensible_decimals(plugin):
    """QGIS shows 6 decimals by default (a tension of 0 as 0.000000)."""
    from qgis.core import QgsProcessingContext
    from qgis.gui import QgsGui, QgsProcessingGui
    from qgis.PyQt.QtWidgets import QDoubleSpinBox
    registry = QgsApplication.processingRegistry()
    fill = registry.algorithmById("geoinverse:fillgaps")
    for name in ("TENSION", "MAX_DISTANCE"):
        param = fill.parameterDefinition(name)
        assert param.metadata()["widget_wrapper"]["decimals"] == 2
        wrapper = QgsGui.processingGuiRegistry().createParameterWidgetWrapper(
            param, QgsProcessingGui.Standard)
        widget = wrapper.createWrappedWidget(QgsProcessingContext())
        spin = widget if isinstance(widget, QDoubleSpinBox) else \
            widget.findChild(QDoubleSpinBox)
        assert spin.decimals() == 2 and spin.text().replace(",", ".") == "0.00"
    # a number whose default needs more keeps them
    tolerance = registry.algorithmById("geoinverse:ptpath").parameterDefinition("ABS_ERROR")
    assert tolerance.metadata()["widget_wrapper"]["decimals"] == 2   # 0.02
