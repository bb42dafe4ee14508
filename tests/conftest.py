"""Shared fixtures: real test data, the plugin loaded as QGIS loads it, qgis_process.

pytest-qgis starts a headless QgsApplication before this file is imported.  The plugin
is loaded like QGIS does it: metadata.txt parsed, `classFactory(None)` (qgis_process has
no iface), then `initProcessing()`.
"""
import configparser
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
QGIS_PLUGINS = "/usr/share/qgis/python/plugins"
QGIS_PROCESS = shutil.which("qgis_process.bin") or "/usr/bin/qgis_process.bin"

if QGIS_PLUGINS not in sys.path:
    sys.path.append(QGIS_PLUGINS)


@pytest.fixture(scope="session")
def data_dir():
    return DATA


@pytest.fixture(scope="session")
def epma_example():
    """qntmap's JEOL-format example map set (see tests/data/SOURCES.md)."""
    return DATA / "epma" / "qntmap-minimal"


@pytest.fixture(scope="session")
def epma_reference():
    """Outputs of the real qntmap 1.0.2 on that example."""
    return DATA / "epma" / "qntmap-minimal-reference"


@pytest.fixture(scope="session")
def metadata():
    parser = configparser.ConfigParser()
    parser.read(ROOT / "metadata.txt", encoding="utf-8")
    return parser["general"]


@pytest.fixture(scope="session")
def plugin(qgis_app, qgis_processing, metadata):
    """The plugin instance, loaded the way QGIS (and qgis_process) loads it."""
    assert metadata["hasProcessingProvider"] == "yes"
    import geoinverse
    instance = geoinverse.classFactory(None)
    instance.initProcessing()
    yield instance
    instance.unload()


@pytest.fixture
def run_algorithm(plugin):
    """processing.run with a fresh context; returns the result dict."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    def run(algorithm_id, parameters, feedback=None):
        context = QgsProcessingContext()
        return processing.run(algorithm_id, parameters, context=context,
                              feedback=feedback or QgsProcessingFeedback())
    return run


def plugin_folder(tmp_path):
    """A folder holding the checkout under the name QGIS expects: geoinverse/."""
    folder = tmp_path / "qgis-plugins"
    folder.mkdir(exist_ok=True)
    link = folder / "geoinverse"
    if not link.exists():
        link.symlink_to(ROOT, target_is_directory=True)
    return folder


def throwaway_qgis_env(home, stock=False, **extra):
    """Environment for a QGIS child process whose settings and profile live in `home`.

    pytest-qgis points QGIS_CUSTOM_CONFIG_PATH/QGIS_OPTIONS_PATH at the checkout's
    .qgis-settings for the test process; a child QGIS must not inherit them.
    stock=True: QGIS as a user has it, without this venv's pip packages on its path.
    """
    env = {k: v for k, v in os.environ.items()
           if k not in ("QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH", "PYTHONHOME",
                        "VIRTUAL_ENV") + (("PYTHONPATH",) if stock else ())}
    runtime = Path(home) / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env.update(HOME=str(home), XDG_RUNTIME_DIR=str(runtime), QT_QPA_PLATFORM="offscreen")
    if not stock:
        env["PYTHONPATH"] = pip_packages_path(env.get("PYTHONPATH"))
    env.update(extra)
    return env


STOCK_PYTHON = "/usr/bin/python3"   # Debian's, the Python of Debian's QGIS


@pytest.fixture(scope="session")
def pip_cache(tmp_path_factory):
    """One pip download cache for the tests that install from the package index, so the
    wheels are downloaded once per test session."""
    return tmp_path_factory.mktemp("pip-cache")


@pytest.fixture(scope="session")
def stock_python():
    """Debian's python3, checked to be stock: no onnxruntime, no scikit-learn."""
    if not os.path.exists(STOCK_PYTHON):
        pytest.fail(f"{STOCK_PYTHON} is missing: run `make setup`.")
    for module in ("onnxruntime", "sklearn"):
        probe = subprocess.run([STOCK_PYTHON, "-c", f"import {module}"], capture_output=True)
        if probe.returncode == 0:
            pytest.fail(f"{STOCK_PYTHON} imports {module}: it is not a stock QGIS Python "
                        "(remove the package from it to run this test).")
    return STOCK_PYTHON


def pip_packages_path(existing=None):
    """PYTHONPATH giving QGIS's Python the pip packages of requirements.txt (onnxruntime,
    scikit-learn) installed in this venv, as `pip install --user` does for a user."""
    import sysconfig
    return os.pathsep.join(p for p in (existing, sysconfig.get_paths()["purelib"]) if p)


@pytest.fixture(scope="session")
def qgis_env():
    return throwaway_qgis_env


@pytest.fixture(scope="session")
def qgis_process(tmp_path_factory):
    """Run `qgis_process.bin ARGS...` with the plugin enabled in a throwaway HOME."""
    if not os.path.exists(QGIS_PROCESS):
        pytest.fail("qgis_process.bin is missing: run `make setup` (Debian package qgis).")
    home = tmp_path_factory.mktemp("qgis-home")
    env = throwaway_qgis_env(home, QGIS_PLUGINPATH=str(plugin_folder(home)))

    def run(*args, check=True, timeout=300):
        proc = subprocess.run([QGIS_PROCESS, *args], env=env, capture_output=True,
                              text=True, timeout=timeout)
        if check and proc.returncode != 0:
            raise AssertionError(f"qgis_process {' '.join(args)} failed "
                                 f"({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
        return proc

    run("plugins", "enable", "geoinverse")
    run.json = lambda *args: json.loads(run("--json", *args).stdout)
    return run


@pytest.fixture(scope="session")
def stock_qgis_process(stock_python, pip_cache):
    """A factory: qgis_process in a stock QGIS (no venv packages) whose profile lives in
    `home`, with GeoInverse enabled and the session's pip cache."""
    def make(home):
        env = throwaway_qgis_env(home, stock=True, QGIS_PLUGINPATH=str(plugin_folder(home)),
                                 PIP_CACHE_DIR=str(pip_cache))

        def run(*args, timeout=600):
            return subprocess.run([QGIS_PROCESS, *args], env=env, capture_output=True,
                                  text=True, timeout=timeout)
        assert run("plugins", "enable", "geoinverse").returncode == 0
        return run
    return make


@pytest.fixture
def recording_feedback():
    """A factory of Processing feedbacks that keep what the algorithm reported:
    `.lines` (info and errors, in order) and `.errors` (errors only)."""
    from qgis.core import QgsProcessingFeedback

    class RecordingFeedback(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.lines, self.errors = [], []

        def pushInfo(self, info):  # noqa: N802
            self.lines.append(info)

        def reportError(self, error, fatalError=False):  # noqa: N802,N803
            self.lines.append(error)
            self.errors.append(error)

    return RecordingFeedback
