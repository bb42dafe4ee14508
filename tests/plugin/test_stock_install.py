"""A stock QGIS (Debian's python3, no venv, no onnxruntime or scikit-learn) through
qgis_process: superresolve refuses and names the installer; geoinverse:installdependencies
downloads from the package index into the throwaway profile's geoinverse-packages folder;
superresolve then runs.  A failed install leaves no folder behind.

Needs the package index (CI reaches it); the wheels are downloaded once per test session
(conftest's pip_cache)."""
import subprocess
import time

import pytest

PROFILE = ".local/share/QGIS/QGIS3/profiles/default"
MODEL_OUTPUTS = {"ACCEPTED": "acc.fgb", "REJECTED": "rej.fgb", "GRID": "grid.tif",
                 "COUNT": "count.tif", "FILLED": "filled.tif", "FILLED_MASK": "mask.tif",
                 "HIGHRES": "hr.tif"}


@pytest.mark.slow
def test_failed_install_leaves_no_folder(tmp_path, stock_qgis_process):
    run = stock_qgis_process(tmp_path)
    proc = run("run", "geoinverse:installdependencies", "--",
               f"WHEELHOUSE={tmp_path / 'unplugged-usb-stick'}", "NO_INDEX=true")
    assert proc.returncode != 0
    out = proc.stdout + proc.stderr
    assert "nothing was installed" in out and "onnxruntime" in out, out
    assert not (tmp_path / PROFILE / "python" / "geoinverse-packages").exists()


@pytest.mark.slow
def test_install_then_superresolve_in_stock_qgis_process(tmp_path, stock_qgis_process,
                                                         stock_python, data_dir):
    run = stock_qgis_process(tmp_path)
    grid, out = data_dir / "azores_1m.tif", tmp_path / "x2.tif"
    superresolve = ("run", "geoinverse:superresolve", "--", f"INPUT={grid}", "SCALE=2",
                    "MODEL=fsrcnn_ens_x2", f"OUTPUT={out}")
    before = run(*superresolve)
    assert before.returncode != 0 and not out.exists()
    text = before.stdout + before.stderr
    assert "'onnxruntime'" in text and "Install missing packages" in text, text
    # The shipped model's last step needs onnxruntime: it writes none of its outputs.
    outputs = tmp_path / "model"
    outputs.mkdir()
    chain = run("run", "geoinverse:soundingstogrid", "--",
                f"SOUNDINGS={data_dir / 'ship15_cut.gpkg'}",
                *[f"{key}={outputs / name}" for key, name in MODEL_OUTPUTS.items()])
    assert chain.returncode != 0 and "'onnxruntime'" in chain.stdout + chain.stderr
    assert list(outputs.iterdir()) == []

    start = time.monotonic()
    proc = run("run", "geoinverse:installdependencies")
    seconds = time.monotonic() - start
    assert proc.returncode == 0, proc.stdout + proc.stderr
    print(f"installdependencies through qgis_process: {seconds:.1f} s")
    folder = tmp_path / PROFILE / "python" / "geoinverse-packages" / "cp{}{}".format(
        *subprocess.run([stock_python, "-c", "import sys; print(*sys.version_info[:2])"],
                        capture_output=True, text=True).stdout.split())
    names = {p.name.lower() for p in folder.iterdir()}
    assert {"onnxruntime", "sklearn"} <= names, names
    assert not any(n.startswith(("numpy", "scipy")) for n in names), names
    assert [p.name for p in folder.parent.iterdir()] == [folder.name]  # no staging left

    proc = run(*superresolve)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert out.exists()
    # Installing again finds nothing missing and leaves the folder as it is.
    proc = run("run", "geoinverse:installdependencies")
    assert proc.returncode == 0 and "Nothing is missing" in proc.stdout + proc.stderr
