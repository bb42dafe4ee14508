"""The dependency installer's pure logic (plugin/packages.py): no QGIS, no network.

Installs run the real pip of this test's Python from a wheelhouse of tiny wheels built
here (`--no-index --find-links`), the offline route a user without a network takes.
"""
import ast
import base64
import hashlib
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy
import pytest

from geoinverse.plugin import packages

ROOT = Path(__file__).resolve().parent.parent
NUMPY = {"numpy": numpy.__version__}


def test_module_never_imports_qgis():
    tree = ast.parse((ROOT / "plugin" / "packages.py").read_text())
    imported = {alias.name.split(".")[0] for node in ast.walk(tree)
                if isinstance(node, (ast.Import, ast.ImportFrom))
                for alias in getattr(node, "names", [])}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module}
    assert "qgis" not in imported and "PyQt5" not in imported


def test_folder_under_the_profile_per_python_version():
    assert packages.python_tag((3, 11, 2)) == "cp311"
    folder = packages.packages_dir("/home/u/.local/share/QGIS/QGIS3/profiles/default",
                                   (3, 9, 5))
    assert folder == Path("/home/u/.local/share/QGIS/QGIS3/profiles/default/python/"
                          "geoinverse-packages/cp39")


def test_activate_puts_an_existing_folder_first(tmp_path):
    path = ["/usr/lib/python3/dist-packages"]
    assert not packages.activate(tmp_path / "absent", path)
    assert path == ["/usr/lib/python3/dist-packages"]
    assert packages.activate(tmp_path, path) and packages.activate(tmp_path, path)
    assert path == [str(tmp_path), "/usr/lib/python3/dist-packages"]


# -- finding QGIS's interpreter on each platform ----------------------------------------
def fake_pythons(pythons):
    """{path: (version, sys.prefix[, stdlib])} of the Pythons that exist."""
    return dict(exists=lambda p: p in pythons, stdlib="/the/running/stdlib",
                probe=lambda p: (pythons[p] + ("/another/stdlib",))[:3])


def test_windows_osgeo4w_qgis_exe_is_not_python():
    """OSGeo4W: sys.executable is qgis-bin.exe, Python lives in apps/Python39."""
    prefix = r"C:\OSGeo4W\apps\Python39"
    found = packages.find_interpreter(
        executable=r"C:\OSGeo4W\bin\qgis-bin.exe", base_executable="", prefix=prefix,
        exec_prefix=prefix, platform="win32", version_info=(3, 9, 5),
        **fake_pythons({prefix + r"\python.exe": ((3, 9, 5), prefix)}))
    assert found == r"C:\OSGeo4W\apps\Python39\python.exe"


def test_windows_python_next_to_qgis_or_base_executable():
    qgis = r"C:\Program Files\QGIS 3.22\bin\qgis-ltr-bin.exe"
    prefix = r"C:\Program Files\QGIS 3.22\apps\Python39"
    found = packages.find_interpreter(
        executable=qgis, base_executable="", prefix=prefix, exec_prefix="",
        platform="win32", version_info=(3, 9, 5),
        **fake_pythons({r"C:\Program Files\QGIS 3.22\bin\python3.exe": ((3, 9, 5), prefix)}))
    assert found == r"C:\Program Files\QGIS 3.22\bin\python3.exe"
    found = packages.find_interpreter(
        executable=qgis, base_executable=r"D:\py\python.exe", prefix=r"D:\py",
        exec_prefix="", platform="win32", version_info=(3, 9, 5),
        **fake_pythons({r"D:\py\python.exe": ((3, 9, 5), r"D:\py")}))
    assert found == r"D:\py\python.exe"


def test_macos_bundle_python():
    app = "/Applications/QGIS-LTR.app/Contents"
    prefix = f"{app}/Frameworks/Python.framework/Versions/3.9"
    found = packages.find_interpreter(
        executable=f"{app}/MacOS/QGIS", base_executable=None, prefix=prefix, exec_prefix="",
        platform="darwin", version_info=(3, 9, 5),
        **fake_pythons({f"{app}/MacOS/bin/python3": ((3, 9, 5), prefix),
                        f"{prefix}/bin/python3": ((3, 9, 5), prefix)}))
    assert found == f"{app}/MacOS/bin/python3"
    # A bundle python3 reporting another prefix, but QGIS's standard library, is QGIS's.
    found = packages.find_interpreter(
        executable=f"{app}/MacOS/QGIS", base_executable=None, prefix=f"{app}/Resources",
        exec_prefix="", platform="darwin", version_info=(3, 9, 5),
        **fake_pythons({f"{app}/MacOS/bin/python3": ((3, 9, 5), prefix,
                                                     "/the/running/stdlib")}))
    assert found == f"{app}/MacOS/bin/python3"


def test_linux_another_python_on_path_is_not_qgis_python():
    """Embedded in QGIS, sys.executable is whatever `python3` PATH finds first, e.g. a
    pyenv shim of another 3.11: its prefix (and micro version) differ, so it is skipped."""
    shim = "/root/.pyenv/shims/python3"
    pythons = {shim: ((3, 11, 7), "/root/.pyenv/versions/3.11.7"),
               "/root/.pyenv/shims/python3.11": ((3, 11, 7), "/root/.pyenv/versions/3.11.7"),
               "/usr/bin/python3.11": ((3, 11, 2), "/usr"),
               "/usr/bin/python3": ((3, 11, 2), "/usr")}
    assert packages.find_interpreter(
        executable=shim, base_executable=shim, prefix="/usr", exec_prefix="/usr",
        platform="linux", version_info=(3, 11, 2), **fake_pythons(pythons)) \
        == "/usr/bin/python3.11"
    with pytest.raises(packages.InstallError, match=r"Python 3\.11\.2 interpreter \(in /usr\) "
                       r"was not found.*/root/.pyenv/shims/python3 \(Python 3\.11\.7"):
        packages.find_interpreter(
            executable=shim, base_executable="", prefix="/usr", exec_prefix="/usr",
            platform="linux", version_info=(3, 11, 2),
            **fake_pythons({shim: pythons[shim]}))


def test_the_real_interpreter_is_found():
    found = packages.find_interpreter()
    assert packages._probe(found)[:2] == (tuple(sys.version_info[:3]), sys.prefix)


# -- pip's command lines ---------------------------------------------------------------------
def test_constraints_pin_qgis_numpy_and_scipy():
    assert packages.constraints_text({"scipy": "1.10.1", "numpy": "1.24.2"}) == \
        "numpy==1.24.2\nscipy==1.10.1\n"
    assert packages.loaded_versions()["numpy"] == numpy.__version__


def test_install_command_targets_a_folder_with_the_constraints():
    cmd = packages.install_command("/usr/bin/python3", "/t", ["onnxruntime==1.17.0"], "/c.txt",
                                   find_links="/wheels", no_index=True)
    assert cmd[:3] == ["/usr/bin/python3", "-m", "pip"]
    for option in (["--target", "/t"], ["--constraint", "/c.txt"],
                   ["--find-links", "/wheels"]):
        i = cmd.index(option[0])
        assert cmd[i:i + 2] == option
    assert "--no-deps" in cmd and "--no-index" in cmd and cmd[-1] == "onnxruntime==1.17.0"
    # --target needs no --break-system-packages (PEP 668) and no --user.
    assert "--break-system-packages" not in cmd and "--user" not in cmd
    resolve = packages.resolve_command("py", ["scikit-learn>=1.3"], "c.txt", "r.json")
    assert resolve[resolve.index("--report") + 1] == "r.json" and "--dry-run" in resolve
    assert "--no-index" not in resolve


def test_report_pins_leave_out_qgis_packages():
    report = {"install": [{"metadata": {"name": n, "version": v}} for n, v in
                          [("onnxruntime", "1.17.0"), ("NumPy", "1.26.4"),
                           ("scipy", "1.13.0"), ("protobuf", "4.25.1")]]}
    assert packages.report_pins(report) == ["onnxruntime==1.17.0", "protobuf==4.25.1"]


def test_prune_removes_numpy_scipy_and_their_libraries(tmp_path):
    for name in ("numpy", "numpy-1.26.4.dist-info", "numpy.libs", "scipy", "sklearn",
                 "scikit_learn-1.3.0.dist-info"):
        (tmp_path / name).mkdir()
    assert sorted(packages.prune(tmp_path)) == ["numpy", "numpy-1.26.4.dist-info",
                                                 "numpy.libs", "scipy"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scikit_learn-1.3.0.dist-info",
                                                         "sklearn"]


def test_move_into_place_replaces_a_previous_install(tmp_path):
    target, staging = tmp_path / "cp311", tmp_path / ".staging"
    (target / "old").mkdir(parents=True)
    (staging / "new").mkdir(parents=True)
    packages.move_into_place(staging, target)
    assert [p.name for p in target.iterdir()] == ["new"]
    assert [p.name for p in tmp_path.iterdir()] == ["cp311"]


def test_a_move_that_fails_restores_the_previous_install(tmp_path, monkeypatch):
    """Windows refuses to rename a folder whose DLLs QGIS has loaded: the old install
    comes back in place."""
    target, staging = tmp_path / "cp311", tmp_path / ".staging"
    (target / "old").mkdir(parents=True)
    (staging / "new").mkdir(parents=True)
    real = os.replace

    def replace(src, dst):
        if Path(src) == staging:
            raise PermissionError("in use")
        real(src, dst)
    monkeypatch.setattr(packages.os, "replace", replace)
    with pytest.raises(PermissionError):
        packages.move_into_place(staging, target)
    assert [p.name for p in target.iterdir()] == ["old"]


# -- real installs from a wheelhouse -----------------------------------------------------
def make_wheel(folder, name, version="1.0", requires=(), module=None):
    """A minimal pure-Python wheel whose module `module` has __version__."""
    module = module or name.replace("-", "_")
    dist = f"{name.replace('-', '_')}-{version}"
    files = {f"{module}/__init__.py": f"__version__ = '{version}'\n",
             f"{dist}.dist-info/METADATA": "Metadata-Version: 2.1\n"
             f"Name: {name}\nVersion: {version}\n"
             + "".join(f"Requires-Dist: {r}\n" for r in requires),
             f"{dist}.dist-info/WHEEL": "Wheel-Version: 1.0\nGenerator: test\n"
             "Root-Is-Purelib: true\nTag: py3-none-any\n"}
    record = []
    for path, text in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=")
        record.append(f"{path},sha256={digest.decode()},{len(text.encode())}")
    files[f"{dist}.dist-info/RECORD"] = "\n".join(record + [f"{dist}.dist-info/RECORD,,"])
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(folder / f"{dist}-py3-none-any.whl", "w") as zf:
        for path, text in files.items():
            zf.writestr(path, text)
    return folder


@pytest.fixture(scope="module")
def wheelhouse(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wheelhouse")
    make_wheel(folder, "gi-probe", requires=["numpy", "gi-helper>=1"])
    make_wheel(folder, "gi-helper", "1.2")
    make_wheel(folder, "gi-wants-numpy2", requires=["numpy>=99"])
    make_wheel(folder, "gi-broken", module="gi_broken_other")
    return folder


def offline_install(target, requirements, modules, wheelhouse, **kwargs):
    lines = []
    kwargs.setdefault("protected_versions", NUMPY)
    try:
        return packages.install(target, requirements, modules, python=sys.executable,
                                find_links=wheelhouse, no_index=True, log=lines.append,
                                **kwargs), lines
    finally:
        offline_install.lines = lines


def test_install_from_a_wheelhouse_keeps_numpy(tmp_path, wheelhouse):
    target = tmp_path / "profile" / "python" / "geoinverse-packages" / "cp311"
    fractions = []
    result, lines = offline_install(target, ["gi-probe"], ["gi_probe"], wheelhouse,
                                    progress=fractions.append)
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and len(fractions) > 4
    assert sorted(result["installed"]) == ["gi-helper==1.2", "gi-probe==1.0"]
    names = sorted(p.name for p in target.iterdir())
    assert "gi_probe" in names and "gi_helper" in names
    assert not any(n.lower().startswith("numpy") for n in names)   # QGIS's own is kept
    assert [p.name for p in target.parent.iterdir()] == ["cp311"]  # no staging left
    check = subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]);"
                            " import gi_probe, numpy; print(gi_probe.__version__, "
                            "numpy.__version__, numpy.__file__)", str(target)],
                           capture_output=True, text=True, check=True).stdout.split()
    assert check == ["1.0", numpy.__version__, numpy.__file__]


def test_failed_install_leaves_no_folder(tmp_path, wheelhouse):
    profile = tmp_path / "profile"
    target = profile / "python" / "geoinverse-packages" / "cp311"
    with pytest.raises(packages.InstallError, match="nothing was installed"):
        offline_install(target, ["gi-no-such-package"], ["gi_no_such"], wheelhouse)
    assert not profile.exists()
    # An unreachable wheelhouse, only it allowed: pip finds nothing; nothing is made.
    with pytest.raises(packages.InstallError, match="wheelhouse"):
        packages.install(target, ["gi-probe"], ["gi_probe"], python=sys.executable,
                         find_links=tmp_path / "unplugged-usb-stick", no_index=True,
                         protected_versions=NUMPY, log=lambda line: None)
    assert not profile.exists()


def test_a_package_wanting_another_numpy_is_refused(tmp_path, wheelhouse):
    target = tmp_path / "packages"
    with pytest.raises(packages.InstallError, match="do not work with QGIS's own numpy"):
        offline_install(target, ["gi-wants-numpy2"], ["gi_wants_numpy2"], wheelhouse)
    assert not target.exists() and not any(tmp_path.iterdir())
    assert any("numpy" in line for line in offline_install.lines)


def test_a_package_that_does_not_import_is_not_moved_into_place(tmp_path, wheelhouse):
    """The check imports each module from the new folder before it replaces anything;
    a previous complete install stays as it was."""
    target = tmp_path / "packages"
    offline_install(target, ["gi-helper"], ["gi_helper"], wheelhouse)
    with pytest.raises(packages.InstallError, match="do not import"):
        offline_install(target, ["gi-broken"], ["gi_broken"], wheelhouse)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["packages"]
    assert (target / "gi_helper").is_dir() and not (target / "gi_broken_other").exists()


def test_cancel_leaves_nothing(tmp_path, wheelhouse):
    target = tmp_path / "packages"
    with pytest.raises(packages.InstallCancelled):
        offline_install(target, ["gi-probe"], ["gi_probe"], wheelhouse,
                        cancelled=lambda: True)
    assert not any(tmp_path.iterdir())


def test_python_without_pip_gets_a_clear_message(tmp_path, monkeypatch):
    """Debian's python3 without python3-pip: the message says how to get pip."""
    venv = tmp_path / "nopip"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = str(venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python"))
    monkeypatch.setattr(sys, "platform", "linux")
    with pytest.raises(packages.InstallError, match=r"has no pip module.*"
                       r"sudo apt install python3-pip"):
        packages.install(tmp_path / "packages", ["gi-probe"], ["gi_probe"], python=python,
                         protected_versions=NUMPY, log=lambda line: None)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nopip"]
