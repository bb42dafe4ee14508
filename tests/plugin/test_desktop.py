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


@pytest.mark.slow
def test_qgis_desktop_loads_plugin(tmp_path, data_dir, qgis_env):
    if not (shutil.which("xvfb-run") and shutil.which("qgis")):
        pytest.skip("Xvfb or the QGIS desktop is missing: `make setup` installs xvfb and qgis.")
    profiles = make_home(tmp_path)
    log, result_file = tmp_path / "log.jsonl", tmp_path / "result.json"
    SCREENSHOT.parent.mkdir(exist_ok=True)
    env = qgis_env(tmp_path, GEOINVERSE_DESKTOP_LOG=str(log),
                   GEOINVERSE_DESKTOP_RESULT=str(result_file),
                   GEOINVERSE_DESKTOP_SHOT=str(SCREENSHOT),
                   GEOINVERSE_DESKTOP_GRID=str(data_dir / "azores_1m.tif"))
    env.pop("QT_QPA_PLATFORM")  # a real (virtual) X display this time
    qgis = subprocess.Popen(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "qgis", "--profiles-path",
         str(profiles), "--profile", "default", "--noversioncheck", "--nologo",
         "--code", str(HERE / "desktop" / "check.py")],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True)
    try:
        errors = wait_for_qgis(qgis, log, deadline=time.monotonic() + 150)
    finally:
        if qgis.poll() is None:
            os.killpg(qgis.pid, signal.SIGKILL)
        qgis.wait()
    # A Python error opens a modal dialog in QGIS: it is reported here, not waited out.
    assert not errors, "\n\n".join(m["message"] for m in errors)
    assert result_file.exists(), f"QGIS did not run the check:\n{qgis.stdout.read()}"
    result = json.loads(result_file.read_text())
    assert any("Loaded GeoInverse" in m["message"] for m in read_log(log))
    assert result["active"] and result["provider"]
    expected = {"geoinverse:" + a().name() for a in ALGORITHMS}
    expected |= {"geoinverse:" + model.stem for model in MODELS_DIR.glob("*.model3")}
    assert set(result["algorithms"]) == expected
    assert SCREENSHOT.stat().st_size > 10_000
