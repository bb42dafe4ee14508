"""DESIGN rule 4: an algorithm whose optional package is missing stays registered, says
which package and how to install it in canExecute(), and fails clearly when run."""
import sys

import pytest
from qgis.core import QgsApplication, QgsProcessingException

from geoinverse.algorithms import errors
from geoinverse.plugin.processing import base


@pytest.fixture
def no_matplotlib(monkeypatch):
    monkeypatch.setattr(base, "missing", lambda modules: "matplotlib" if modules else None)
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.setitem(sys.modules, name, None)


def test_present_packages_let_algorithms_run(plugin):
    for alg in QgsApplication.processingRegistry().providerById("geoinverse").algorithms():
        assert alg.canExecute()[0], alg.id()


def test_missing_package_is_named_with_install_command(plugin, no_matplotlib):
    alg = QgsApplication.processingRegistry().algorithmById("geoinverse:isocon")
    ok, message = alg.canExecute()
    assert not ok
    assert "'matplotlib'" in message and "pip install matplotlib" in message
    bicubic = QgsApplication.processingRegistry().algorithmById("geoinverse:bicubic")
    assert bicubic.canExecute() == (True, "")




def test_processing_run_refuses_with_that_message(run_algorithm, plugin, no_matplotlib,
                                                  data_dir, tmp_path, recording_feedback):
    """QGIS shows the feedback log to the user: the install command must be there."""
    feedback = recording_feedback()
    with pytest.raises(QgsProcessingException):
        run_algorithm("geoinverse:isocon", {
            "INPUT": str(data_dir / "isocon_synthetic.csv"), "SAMPLE_FIELD": "sample",
            "REFERENCE": "protolith", "OUTPUT": "TEMPORARY_OUTPUT",
            "REPORT": str(tmp_path / "r.html")}, feedback)
    assert any("pip install matplotlib" in e for e in feedback.errors), feedback.errors
    assert not (tmp_path / "r.html").exists()


def test_require_raises_missing_dependency(monkeypatch):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    with pytest.raises(errors.MissingDependency, match="pip install onnxruntime"):
        errors.require("onnxruntime")
    assert errors.require("numpy").__name__ == "numpy"
    assert errors.missing(["numpy", "no_such_package_xyz"]) == "no_such_package_xyz"
