"""The `geoinverse` command (issue #11): help, runs, errors, and `pip install .`."""
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from geoinverse.algorithms.bathymetry.resample import upsample_raster
from geoinverse.algorithms.raster import read_array
from geoinverse.cli import build_parser

try:   # imported while collecting: the Dask test needs it, the others do not
    import distributed
except ImportError:
    distributed = None

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ("superresolve", "sparsesr", "fillgaps", "denoisegrid", "bicubic", "compare")


def cli(*args, python=sys.executable, cwd=None):
    return subprocess.run([python, "-m", "geoinverse.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=300, cwd=cwd)


def test_help_lists_every_command_and_how_to_run_on_a_cluster():
    proc = cli("--help")
    assert proc.returncode == 0
    for command in COMMANDS:
        assert command in proc.stdout
    assert "--scheduler ADDRESS" in proc.stdout and "--workers N" in proc.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_explains_its_method_and_parameters(command, capsys):
    with pytest.raises(SystemExit) as stop:
        build_parser().parse_args([command, "--help"])
    assert stop.value.code == 0
    text = capsys.readouterr().out
    assert "--band" in text and "--tile" in text
    # the Processing algorithm's help (method, parameters, reference), tags stripped
    assert len(text) > 1500 and "<b>" not in text
    if command == "compare":
        assert "--workers N" not in text and "Runs in one process" in text
    else:
        assert "--workers N" in text and "--scheduler ADDRESS" in text
        assert "Cloud-Optimised" in text and "skips the finished tiles" in text


def test_parameters_mirror_the_processing_defaults():
    parser = build_parser()
    fill = parser.parse_args(["fillgaps", "a.tif", "b.tif"])
    assert (fill.method, fill.interior_only, fill.tension, fill.tile) == \
        ("spline", True, 0.0, 1024)
    assert not parser.parse_args(["fillgaps", "a", "b", "--no-interior-only"]).interior_only
    dn = parser.parse_args(["denoisegrid", "a.tif", "b.tif"])
    assert (dn.noise, dn.stripes, dn.iho_order, dn.stripe_angle) == ("auto", "auto", "1a", 90.0)
    assert parser.parse_args(["bicubic", "a.tif", "b.tif"]).workers == 0


def test_bicubic_run_equals_the_python_api(data_dir, tmp_path):
    src = data_dir / "azores_1m.tif"
    proc = cli("bicubic", src, "out.tif", "--scale", "3", "--tile", "100", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "upsampled 257 x 193 to 771 x 579 cells" in proc.stdout
    assert "100 %" in proc.stderr                       # progress in the terminal
    upsample_raster(src, tmp_path / "api.tif", 3)
    a, b = read_array(tmp_path / "out.tif")[0], read_array(tmp_path / "api.tif")[0]
    assert np.array_equal(a.view(np.uint32), b.view(np.uint32))


def test_superresolve_run_equals_the_python_api(data_dir, tmp_path):
    from geoinverse.algorithms.bathymetry.superres import default_model, super_resolve_raster
    src = data_dir / "azores_1m.tif"
    proc = cli("superresolve", src, "out.tif", "--tile", "100", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "super-resolved 257 x 193 to 514 x 386 cells" in proc.stdout
    super_resolve_raster(src, tmp_path / "api.tif", default_model(), tile=100)
    a, b = read_array(tmp_path / "out.tif")[0], read_array(tmp_path / "api.tif")[0]
    assert np.array_equal(a.view(np.uint32), b.view(np.uint32))


@pytest.mark.skipif(distributed is None, reason="needs dask[distributed]")
def test_a_run_on_a_local_cluster_through_the_command(data_dir, tmp_path):
    src = data_dir / "tut_bathy.nc"
    proc = cli("fillgaps", src, tmp_path / "seq.tif", "-q")
    assert proc.returncode == 0, proc.stderr
    proc = cli("fillgaps", src, tmp_path / "dask.tif", "--workers", "2", "--tile", "32",
               "--no-overviews")
    assert proc.returncode == 0, proc.stderr
    assert "local cluster of 2 worker(s)" in proc.stderr
    from osgeo import gdal
    info = gdal.Info(str(tmp_path / "dask.tif"), format="json")
    assert info["metadata"]["IMAGE_STRUCTURE"]["LAYOUT"] == "COG"
    assert "overviews" not in info["bands"][0]
    a, b = read_array(tmp_path / "seq.tif")[0], read_array(tmp_path / "dask.tif")[0]
    assert np.array_equal(a.view(np.uint32), b.view(np.uint32))


def test_compare_prints_the_statistics(data_dir, tmp_path):
    src = data_dir / "azores_1m.tif"
    proc = cli("compare", src, src, "--report", tmp_path / "r.html", "--json")
    assert proc.returncode == 0, proc.stderr
    assert '"rmse": 0.0' in proc.stdout and "compared 49,601 cells" in proc.stdout
    assert (tmp_path / "r.html").exists()


@pytest.mark.parametrize("args, message", [
    (["bicubic", "missing.tif", "out.tif"], "Cannot read the raster"),
    (["bicubic", "{data}/azores_1m.tif", "out.tif", "--band", "3"], "Band 3 does not exist"),
    (["bicubic", "{data}/azores_1m.tif", "out.vrt"], "add --workers N"),
    (["fillgaps", "{data}/azores_1m.tif", "out.tif", "--workers", "-1"], "--workers must"),
])
def test_bad_input_gives_a_clear_message_and_no_output(args, message, data_dir, tmp_path):
    proc = cli(*[a.format(data=data_dir) for a in args], cwd=tmp_path)
    assert proc.returncode == 2
    assert message in proc.stderr and "Traceback" not in proc.stderr
    assert os.listdir(tmp_path) == []


def test_an_unknown_option_is_refused():
    proc = cli("bicubic", "a.tif", "b.tif", "--scale", "5")
    assert proc.returncode == 2 and "invalid choice" in proc.stderr


@pytest.mark.slow
def test_pip_install_provides_the_geoinverse_command(tmp_path, data_dir):
    """`pip install .` into a throwaway venv (offline: the venv sees the system's numpy,
    scipy and GDAL; no build isolation) gives a `geoinverse` command and the package,
    without tests, bench, training or scripts."""
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".venv*", ".git", "tests", "bench", "training", "docs", "__pycache__",
        "bench-output", "dist", "build", "*.egg-info"))
    venv = tmp_path / "venv"
    subprocess.run(["/usr/bin/python3", "-m", "venv", "--system-site-packages", venv],
                   check=True)
    pip = subprocess.run([venv / "bin" / "python", "-m", "pip", "install", "-q", "--no-deps",
                          "--no-build-isolation", "--no-index", source],
                         capture_output=True, text=True, timeout=300)
    assert pip.returncode == 0, pip.stderr
    command = venv / "bin" / "geoinverse"
    out = tmp_path / "x2.tif"
    proc = subprocess.run([command, "bicubic", data_dir / "tut_bathy.nc", out, "-q"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert read_array(out)[0].shape == (122, 146)
    site = subprocess.run([venv / "bin" / "python", "-c",
                           "import geoinverse, os; print(os.path.dirname(geoinverse.__file__))"],
                          capture_output=True, text=True, cwd=tmp_path).stdout.strip()
    installed = set(os.listdir(site))
    assert {"cli.py", "algorithms", "plugin", "models_sparse", "metadata.txt"} <= installed
    assert not installed & {"tests", "bench", "training", "scripts"}
    assert site.startswith(str(venv))


@pytest.mark.skipif(distributed is None, reason="needs dask[distributed]")
def test_a_run_on_an_existing_cluster_into_a_vrt_of_tiles(data_dir, tmp_path):
    src = data_dir / "azores_1m.tif"
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1,
                                  dashboard_address=None) as cluster:
        proc = cli("bicubic", src, "x2.vrt", "--tile", "128", "--scheduler",
                   cluster.scheduler_address, "-q", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert sorted(os.listdir(tmp_path)) == ["x2.vrt", "x2.vrt.tiles"]
    upsample_raster(src, tmp_path / "api.tif", 2)
    a, b = read_array(tmp_path / "x2.vrt")[0], read_array(tmp_path / "api.tif")[0]
    assert np.array_equal(a.view(np.uint32), b.view(np.uint32))


@pytest.mark.skipif(distributed is None, reason="needs dask[distributed]")
def test_a_crashed_command_resumes_from_its_finished_tiles(data_dir, tmp_path):
    """SIGKILL the whole command (client, scheduler and workers) a fifth of the way in;
    the same command again skips exactly the tiles that were finished."""
    args = ["sparsesr", str(data_dir / "azores_1m.tif"), "sr.tif", "--tile", "32",
            "--workers", "2"]
    proc = subprocess.Popen([sys.executable, "-m", "geoinverse.cli", *args], cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        for line in proc.stderr:
            found = re.search(r"(\d+) %", line)
            if found and int(found.group(1)) >= 20:
                break
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert not (tmp_path / "sr.tif").exists()
    done = [f for f in os.listdir(tmp_path / "sr.tif.tiles") if f.endswith(".json")
            and f.startswith("tile_")]
    assert 12 <= len(done) < 63
    proc = cli(*args, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert f"resumed: {len(done)} of 63 tiles were already done" in proc.stderr
    assert cli("sparsesr", data_dir / "azores_1m.tif", "seq.tif", "--tile", "32", "-q",
               cwd=tmp_path).returncode == 0
    a, b = read_array(tmp_path / "sr.tif")[0], read_array(tmp_path / "seq.tif")[0]
    assert np.array_equal(a.view(np.uint32), b.view(np.uint32))


def test_without_dask_a_distributed_run_says_how_to_install_it(data_dir, tmp_path):
    """The plugin never needs Dask: only --workers/--scheduler import it, lazily."""
    blocker = tmp_path / "blocked" / "distributed"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('not installed')\n")
    env = dict(os.environ, PYTHONPATH=str(blocker.parent))
    run = lambda *a: subprocess.run([sys.executable, "-m", "geoinverse.cli", *map(str, a)],
                                    capture_output=True, text=True, env=env, cwd=tmp_path,
                                    timeout=120)
    proc = run("bicubic", data_dir / "tut_bathy.nc", "x2.tif", "--workers", "2")
    assert proc.returncode == 2
    assert "pip install 'dask[distributed]'" in proc.stderr
    assert not (tmp_path / "x2.tif").exists()
    assert run("bicubic", data_dir / "tut_bathy.nc", "x2.tif", "-q").returncode == 0


def test_superresolve_takes_networks_by_name(data_dir, tmp_path):
    proc = cli("superresolve", data_dir / "azores_1m.tif", "out.tif", "--model",
               "fsrcnn_x3", cwd=tmp_path)
    assert proc.returncode != 0 and "use one of: auto, " in proc.stderr + proc.stdout
    proc = cli("superresolve", data_dir / "azores_1m.tif", "out.tif", "--model",
               "fsrcnn_x4", cwd=tmp_path)
    assert proc.returncode != 0 and "set SCALE to 4" in proc.stderr + proc.stdout
    assert not (tmp_path / "out.tif").exists()
