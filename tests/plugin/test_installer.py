"""geoinverse:installdependencies and the Install missing packages dialog in headless QGIS,
without network: what they offer, and that a failed install leaves no folder behind.
(The real download from the package index: tests/plugin/test_stock_install.py.)"""
import sys
import time

import pytest
from qgis.core import QgsApplication, QgsProcessingException
from qgis.PyQt.QtCore import QCoreApplication

from geoinverse.algorithms import errors
from geoinverse.plugin import dependencies


@pytest.fixture
def stock(monkeypatch, stock_python):
    """onnxruntime and scikit-learn unimportable, as in a stock QGIS, whose interpreter is
    Debian's python3 (this venv's would find them)."""
    from geoinverse.plugin import packages
    monkeypatch.setattr(packages, "find_interpreter", lambda: stock_python)
    for name in list(sys.modules):
        if name.split(".")[0] in ("onnxruntime", "sklearn"):
            monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    monkeypatch.setitem(sys.modules, "sklearn", None)
    folder = dependencies.packages_folder()
    assert not folder.parent.exists(), f"a previous run left {folder.parent}"
    yield folder
    assert not folder.parent.exists(), "a failed install left a folder behind"


def test_algorithm_is_registered_and_runnable(plugin):
    alg = QgsApplication.processingRegistry().algorithmById("geoinverse:installdependencies")
    assert alg is not None and alg.canExecute() == (True, "")
    assert "geoinverse-packages" in alg.shortHelpString()


def test_nothing_missing_installs_nothing(run_algorithm):
    result = run_algorithm("geoinverse:installdependencies", {})
    assert result["INSTALLED"] == "" and result["RESTART"] is False
    assert not dependencies.packages_folder().exists()


def test_unreachable_wheelhouse_fails_clearly_and_leaves_no_folder(
        run_algorithm, stock, tmp_path, recording_feedback):
    feedback = recording_feedback()
    with pytest.raises(QgsProcessingException) as raised:
        run_algorithm("geoinverse:installdependencies", {
            "WHEELHOUSE": str(tmp_path / "unplugged-usb-stick"), "NO_INDEX": True}, feedback)
    text = str(raised.value)
    assert "nothing was installed" in text and "not in the wheelhouse" in text, text
    assert "onnxruntime" in text


def test_only_the_wheelhouse_needs_one(run_algorithm, stock, recording_feedback):
    feedback = recording_feedback()
    with pytest.raises(QgsProcessingException, match="needs a wheelhouse"):
        run_algorithm("geoinverse:installdependencies", {"NO_INDEX": True}, feedback)


def test_dialog_says_what_where_and_reports_a_failure(plugin, stock, tmp_path):
    from geoinverse.plugin.installer_dialog import InstallerDialog
    dialog = InstallerDialog()
    summary = dialog.summary.text()
    for expected in ("onnxruntime", "scikit-learn", "Super-resolve bathymetry",
                     "Train sounding cleaner", str(stock), "numpy "):
        assert expected in summary, (expected, summary)
    assert dialog.install_button.isEnabled()
    dialog.wheelhouse.setFilePath(str(tmp_path / "missing-wheelhouse"))
    dialog.no_index.setChecked(True)
    dialog.start()
    deadline = time.monotonic() + 120
    while dialog.finished_with is None and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.05)
    dialog.worker.wait()
    assert dialog.finished_with is not None and dialog.finished_with[0] == "failed"
    assert "Nothing was installed" in dialog.status.text()
    assert "$ " in dialog.log.toPlainText()   # the pip command line is in the log
    dialog.close()


def test_hint_names_no_debian_package_that_does_not_exist():
    message = errors.missing_dependency_message("onnxruntime", platform="linux")
    assert "python3-onnxruntime" not in message and "apt" not in message
    assert "Install missing packages" in message
    assert "sudo apt install python3-matplotlib" in errors.missing_dependency_message(
        "matplotlib.figure", platform="linux")
    assert "apt" not in errors.missing_dependency_message("matplotlib", platform="win32")
    assert "python3-sklearn" not in errors.missing_dependency_message("sklearn", "linux")
