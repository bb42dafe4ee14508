"""`make package` builds a zip QGIS installs: geoinverse/ on top, no tests or tooling."""
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QGIS_PROCESS = "/usr/bin/qgis_process.bin"


def build(tmp_path):
    out = tmp_path / "geoinverse.zip"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "package.py"), str(out)],
                   check=True, capture_output=True)
    return out


def test_zip_layout(tmp_path):
    names = zipfile.ZipFile(build(tmp_path)).namelist()
    assert all(n.startswith("geoinverse/") for n in names)
    for required in ("metadata.txt", "__init__.py", "icon.png", "plugin/provider.py",
                     "algorithms/raster.py", "algorithms/tiling.py", "README.md", "LICENSE",
                     "sample_data/azores_1m.tif", "sample_data/README.md",
                     "requirements.txt", "plugin/packages.py"):
        assert f"geoinverse/{required}" in names, required
    for banned in ("tests/", "training/", "bench/", "scripts/", ".ci/", "Makefile"):
        assert not any(n.startswith(f"geoinverse/{banned}") for n in names), banned
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)
    # Every shipped network travels with its model card.
    cards = sorted((ROOT / "models_onnx").glob("*.json"))
    assert cards
    for card in cards:
        for f in (card, card.with_suffix(".onnx")):
            assert f"geoinverse/models_onnx/{f.name}" in names, f.name


def test_installed_zip_runs_in_qgis_process(tmp_path, qgis_env):
    """What Install from ZIP does: unpack into the plugins folder, enable, run."""
    plugins = tmp_path / "plugins"
    zipfile.ZipFile(build(tmp_path)).extractall(plugins)
    env = qgis_env(tmp_path, QGIS_PLUGINPATH=str(plugins))
    run = lambda *a: subprocess.run([QGIS_PROCESS, *a], env=env, capture_output=True,
                                    text=True, timeout=120)
    assert run("plugins", "enable", "geoinverse").returncode == 0
    out = tmp_path / "x2.tif"
    proc = run("run", "geoinverse:bicubic", "--",
               f"INPUT={ROOT / 'tests' / 'data' / 'tut_bathy.nc'}", f"OUTPUT={out}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert out.exists()
    # The shipped terrain dictionary is found inside the installed plugin.
    sr = tmp_path / "sr.tif"
    proc = run("run", "geoinverse:sparsesr", "--",
               f"INPUT={ROOT / 'tests' / 'data' / 'tut_bathy.nc'}", "SCALE=2", f"OUTPUT={sr}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert sr.exists()
    # ... and so are the shipped ONNX networks and their cards.
    deep = tmp_path / "deep.tif"
    proc = run("run", "geoinverse:superresolve", "--",
               f"INPUT={ROOT / 'tests' / 'data' / 'azores_1m.tif'}", f"OUTPUT={deep}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert deep.exists()
    # The unpacked copy ran, not the checkout the venv links as `geoinverse`.
    proc = run("plugins")
    assert "geoinverse" in proc.stdout


def test_help_buttons_open_docs_shipped_in_the_zip(tmp_path, plugin):
    """Each algorithm's helpUrl is a file:// path inside the installed plugin, and that
    file travels in the zip; the docs' pictures stay out of it."""
    from qgis.core import QgsApplication
    from qgis.PyQt.QtCore import QUrl
    names = set(zipfile.ZipFile(build(tmp_path)).namelist())
    provider = QgsApplication.processingRegistry().providerById("geoinverse")
    algorithms = provider.algorithms()
    assert len(algorithms) >= 18
    for alg in algorithms:
        url = QUrl(alg.helpUrl())
        assert url.isLocalFile(), (alg.id(), alg.helpUrl())
        path = Path(url.toLocalFile()).resolve()
        relative = path.relative_to(ROOT).as_posix()
        assert relative.startswith("docs/") and path.is_file(), relative
        assert f"geoinverse/{relative}" in names, relative
    for doc in ("docs/bathymetry.md", "docs/petrology.md", "docs/benchmarks.md"):
        assert f"geoinverse/{doc}" in names
    assert not any(n.startswith("geoinverse/docs/") and n.endswith(".png") for n in names)


def test_help_panels_say_what_to_use_not_where_the_code_is(plugin):
    """Short panels: what to use and what comes out; no pointers to files outside the zip."""
    from qgis.core import QgsApplication
    from geoinverse.plugin.processing import ALGORITHMS
    registry = QgsApplication.processingRegistry()
    for cls in ALGORITHMS:
        alg = registry.algorithmById("geoinverse:" + cls().name())
        text = alg.shortHelpString()
        assert "Use:" in text and "Out:" in text, alg.id()
        assert "training/" not in text and "References" not in text, alg.id()
        assert len(text) < 1500, (alg.id(), len(text))
