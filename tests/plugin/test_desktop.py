"""The real desktop: QGIS itself under Xvfb with the plugin enabled in a fresh profile.

Checks that GeoInverse loads, that its provider and algorithms are in the Processing
registry, that no Python error was logged, and saves a screenshot of the window to
test-output/desktop.png.
"""
import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from geoinverse.plugin.processing import ALGORITHMS
from geoinverse.plugin.provider import MODELS_DIR

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SCREENSHOT = ROOT / "test-output" / "desktop.png"


def make_home(home):
    profile = home / "root" / "profiles" / "default"
    (profile / "python" / "plugins").mkdir(parents=True)
    (profile / "python" / "plugins" / "geoinverse").symlink_to(ROOT, target_is_directory=True)
    (profile / "QGIS").mkdir()
    (profile / "QGIS" / "QGIS3.ini").write_text(
        "[PythonPlugins]\ngeoinverse=true\n[qgis]\ncheckVersion=false\nshowTips=false\n")
    user_python = home / ".local" / "share" / "QGIS" / "QGIS3"
    user_python.mkdir(parents=True)
    shutil.copy(HERE / "desktop" / "startup.py", user_python / "startup.py")
    return home / "root"


def read_log(log):
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text().splitlines() if line.strip()]


def wait_for_qgis(qgis, log, deadline):
    """Wait until QGIS exits; return the Python errors logged (at once, if any)."""
    while time.monotonic() < deadline:
        errors = [m for m in read_log(log) if m["tag"] == "Python error"
                  or (m["level"] >= 2 and "geoinverse" in m["message"].lower())]
        if errors or qgis.poll() is not None:
            return errors
        time.sleep(0.5)
    raise AssertionError("QGIS neither finished nor logged an error within the time limit.")


def run_desktop(home, env, script, seconds=150):
    """QGIS under Xvfb with `script` as --code; returns (result dict, the log)."""
    profiles = make_home(home)
    log, result_file = home / "log.jsonl", home / "result.json"
    env.update(GEOINVERSE_DESKTOP_LOG=str(log), GEOINVERSE_DESKTOP_RESULT=str(result_file))
    env.pop("QT_QPA_PLATFORM")  # a real (virtual) X display this time
    qgis = subprocess.Popen(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "qgis", "--profiles-path",
         str(profiles), "--profile", "default", "--noversioncheck", "--nologo",
         "--code", str(HERE / "desktop" / script)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True)
    try:
        errors = wait_for_qgis(qgis, log, deadline=time.monotonic() + seconds)
    finally:
        if qgis.poll() is None:
            os.killpg(qgis.pid, signal.SIGKILL)
        qgis.wait()
    # A Python error opens a modal dialog in QGIS: it is reported here, not waited out.
    assert not errors, "\n\n".join(m["message"] for m in errors)
    assert result_file.exists(), f"QGIS did not run the check:\n{qgis.stdout.read()}"
    return json.loads(result_file.read_text()), read_log(log)


def need_desktop():
    if not (shutil.which("xvfb-run") and shutil.which("qgis")):
        pytest.skip("Xvfb or the QGIS desktop is missing: `make setup` installs xvfb and qgis.")


@pytest.mark.slow
def test_qgis_desktop_loads_plugin(tmp_path, data_dir, qgis_env):
    need_desktop()
    SCREENSHOT.parent.mkdir(exist_ok=True)
    env = qgis_env(tmp_path, GEOINVERSE_DESKTOP_SHOT=str(SCREENSHOT),
                   GEOINVERSE_DESKTOP_GRID=str(data_dir / "azores_1m.tif"))
    result, log = run_desktop(tmp_path, env, "check.py")
    assert any("Loaded GeoInverse" in m["message"] for m in log)
    assert result["active"] and result["provider"]
    expected = {"geoinverse:" + a().name() for a in ALGORITHMS}
    expected |= {"geoinverse:" + model.stem for model in MODELS_DIR.glob("*.model3")}
    assert set(result["algorithms"]) == expected
    assert SCREENSHOT.stat().st_size > 10_000


@pytest.mark.slow
def test_stock_desktop_installs_packages_and_super_resolves_the_sample(
        tmp_path, stock_python, pip_cache, qgis_env):
    """A new user's first session in a stock QGIS (Debian's /usr/bin/qgis and python3, no
    venv, no onnxruntime or scikit-learn): Install missing packages downloads them from
    the package index into the profile, Load sample data, super-resolve it with the
    result in the project; QGIS's numpy is the same module before and after."""
    need_desktop()
    shots = ROOT / "test-output" / "stock"
    shots.mkdir(parents=True, exist_ok=True)
    for old in shots.iterdir():
        old.unlink()
    env = qgis_env(tmp_path, stock=True, PIP_CACHE_DIR=str(pip_cache),
                   GEOINVERSE_DESKTOP_SHOTS=str(shots))
    result, _ = run_desktop(tmp_path, env, "install.py", seconds=600)
    assert result["importable_before"] == {"onnxruntime": False, "sklearn": False}, result
    assert result["menu"] == ["Install missing packages\u2026", "Load sample data"]
    assert not result["superresolve_before"][0]
    assert "Install missing packages" in result["superresolve_before"][1]
    folder = (tmp_path / "root" / "profiles" / "default" / "python" / "geoinverse-packages")
    assert str(folder) in result["summary"] and "numpy 1." in result["summary"]
    assert result["install"][0] == "ok", result["install"]
    installed = result["install"][1]
    assert installed["restart"] is False and installed["folder"].startswith(str(folder))
    assert any(p.startswith("onnxruntime==") for p in installed["installed"])
    assert result["superresolve_after"] == [True, ""]
    print(f"install in the desktop: {result['install_seconds']:.1f} s")
    # The super-resolved sample is in the project, next to the sample grid.
    sources = [source for _, source in result["layers"]]
    assert result["output"] in sources and result["sample"][1] in sources
    assert result["sample"][1].endswith("sample_data/azores_1m.tif")
    assert Path(result["output"]).stat().st_size > 50_000
    # numpy: the very same module (version and file) before and after the install.
    assert result["numpy_after"] == result["numpy_before"]
    assert result["numpy_before"][1].startswith("/usr/lib/python3/dist-packages/")
    assert not any(p.name.lower().startswith("numpy")
                   for p in Path(installed["folder"]).iterdir())
    assert (shots / "desktop.png").stat().st_size > 10_000
    assert (shots / "installer.png").stat().st_size > 5_000
