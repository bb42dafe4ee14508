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


@pytest.fixture
def without(monkeypatch):
    """Make Python packages unimportable, as on a stock QGIS: without("onnxruntime")."""
    def block(*names):
        real = errors.missing
        monkeypatch.setattr(base, "missing", lambda modules: next(
            (m for m in modules if m.split(".")[0] in names), None) or real(modules))
        for name in list(sys.modules):
            if name.split(".")[0] in names:
                monkeypatch.setitem(sys.modules, name, None)
        for name in names:
            monkeypatch.setitem(sys.modules, name, None)
    return block


def test_missing_package_is_named_with_install_command(plugin, no_matplotlib):
    alg = QgsApplication.processingRegistry().algorithmById("geoinverse:isocon")
    ok, message = alg.canExecute()
    assert not ok
    assert "'matplotlib'" in message and "Install missing packages" in message
    assert "geoinverse:installdependencies" in message and "pip install matplotlib" in message
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
    assert any("Install missing packages" in e for e in feedback.errors), feedback.errors
    assert not (tmp_path / "r.html").exists()


# The shipped model's outputs under both namings: its children's (clean:ACCEPTED ...)
# and the model's own (ACCEPTED ...); processing.run ignores the names it does not know.
MODEL_OUTPUTS = {"clean:ACCEPTED": "acc.fgb", "clean:REJECTED": "rej.fgb",
                 "grid:GRID": "grid.tif", "grid:COUNT": "count.tif",
                 "fill:FILLED": "filled.tif", "fill:FILLED_MASK": "mask.tif",
                 "superres:HIGHRES": "hr.tif"}


def test_shipped_model_without_onnxruntime_writes_nothing(run_algorithm, plugin, without,
                                                          data_dir, tmp_path,
                                                          recording_feedback):
    """soundingstogrid's last step needs onnxruntime: the model refuses before its first
    step runs, so not even the cleaned soundings are written, and says what to install."""
    without("onnxruntime")
    model = QgsApplication.processingRegistry().algorithmById("geoinverse:soundingstogrid")
    ok, message = model.canExecute()
    assert not ok and "'onnxruntime'" in message and "superresolve" in message
    params = {"SOUNDINGS": str(data_dir / "ship15_cut.gpkg")}
    for key, name in MODEL_OUTPUTS.items():
        params[key] = str(tmp_path / name)
        params[key.split(":")[1]] = str(tmp_path / ("model_" + name))
    feedback = recording_feedback()
    with pytest.raises(QgsProcessingException):
        run_algorithm("geoinverse:soundingstogrid", params, feedback)
    assert any("'onnxruntime'" in e and "Install missing packages" in e
               for e in feedback.errors), feedback.errors
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.parametrize("algorithm", ["geoinverse:trainsoundingcleaner",
                                       "geoinverse:learndictionary"])
def test_algorithms_declare_their_packages(plugin, without, algorithm):
    """The audit of algorithms/'s lazy imports: scikit-learn teaches the sounding cleaner,
    matplotlib draws the dictionary's atoms sheet."""
    package = {"geoinverse:trainsoundingcleaner": "sklearn",
               "geoinverse:learndictionary": "matplotlib"}[algorithm]
    without(package)
    ok, message = QgsApplication.processingRegistry().algorithmById(algorithm).canExecute()
    assert not ok and errors.PIP_NAMES[package] in message


def test_gaussian_mixture_needs_scikit_learn_other_methods_do_not(
        run_algorithm, plugin, without, epma_example, tmp_path, recording_feedback):
    without("sklearn")
    alg = QgsApplication.processingRegistry().algorithmById("geoinverse:epmaphases")
    assert alg.canExecute() == (True, "")
    feedback = recording_feedback()
    with pytest.raises(QgsProcessingException):
        run_algorithm("geoinverse:epmaphases", {
            "INPUT": str(epma_example), "METHOD": "mixture",
            "OUTPUT": str(tmp_path / "mix")}, feedback)
    assert any("'scikit-learn'" in e for e in feedback.errors), feedback.errors
    assert not (tmp_path / "mix").exists()
    result = run_algorithm("geoinverse:epmaphases", {
        "INPUT": str(epma_example), "METHOD": "spots",
        "OUTPUT": str(tmp_path / "spots")})
    assert (tmp_path / "spots" / "labels.tif").exists(), result


def test_installer_plans_the_missing_declared_packages(plugin, without):
    """What Install missing packages offers: the declared packages that do not import,
    with requirements.txt's version bounds."""
    from geoinverse.plugin import dependencies
    assert dependencies.declared_modules() == ["onnxruntime", "matplotlib", "sklearn"]
    assert dependencies.plan() == ([], [])
    without("onnxruntime", "sklearn")
    assert dependencies.plan() == (["onnxruntime", "sklearn"],
                                   ["onnxruntime>=1.16", "scikit-learn>=1.3"])


def test_require_raises_missing_dependency(monkeypatch):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    with pytest.raises(errors.MissingDependency, match="Install missing packages.*"
                       "pip install onnxruntime"):
        errors.require("onnxruntime")
    assert errors.require("numpy").__name__ == "numpy"
    assert errors.missing(["numpy", "no_such_package_xyz"]) == "no_such_package_xyz"


# Optional packages (not shipped with QGIS) and those only the CLI's Dask runs use
# (algorithms/distributed.py, never called by a Processing algorithm).
OPTIONAL = {"onnxruntime", "sklearn", "matplotlib", "distributed", "dask", "cloudpickle"}
CLI_ONLY = {"distributed", "dask", "cloudpickle"}


def optional_imports(root):
    """Top-level optional modules algorithms/ imports, directly or via require("x.y")."""
    import ast
    used = set()
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            elif (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "require"
                  and node.args and isinstance(node.args[0], ast.Constant)):
                names = [node.args[0].value]
            used |= {n.split(".")[0] for n in names} & OPTIONAL
    return used


def test_every_optional_package_the_science_imports_is_declared(plugin):
    """A new lazy import of a package QGIS lacks must be declared by the algorithm that
    needs it, or the installer would not install it."""
    from pathlib import Path
    from geoinverse.plugin import dependencies
    used = optional_imports(Path(errors.__file__).resolve().parent)
    assert {"onnxruntime", "sklearn", "matplotlib"} <= used   # the scan sees them
    assert used - CLI_ONLY <= set(dependencies.declared_modules()), used


def test_reports_drawn_with_matplotlib_need_it_only_when_asked_for(plugin, tmp_path):
    """ptgrains' P-T figure (the maps route and ptpath's profile route) is matplotlib's;
    without the optional REPORT, or on ptpath's zone-table route, no package is needed."""
    from qgis.core import QgsProcessingContext
    context = QgsProcessingContext()
    registry = QgsApplication.processingRegistry()
    report = str(tmp_path / "report.html")
    maps = registry.createAlgorithmById("geoinverse:ptpathmaps")
    assert maps.requirements_for({"REPORT": report}, context) == ("matplotlib",)
    assert maps.requirements_for({}, context) == ()
    path = registry.createAlgorithmById("geoinverse:ptpath")
    assert path.requirements_for({"PROFILE": "garnet.csv", "REPORT": report},
                                 context) == ("matplotlib",)
    assert path.requirements_for({"INPUT": "zones.csv", "REPORT": report}, context) == ()
