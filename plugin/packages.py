"""Installing the pip packages GeoInverse needs next to QGIS, without QGIS (pure logic).

The Processing algorithm geoinverse:installdependencies and the *Install missing
packages* dialog both call `install()`; nothing here imports qgis, so every step is unit
tested in plain Python.  What it does, in order:

1. finds QGIS's own Python interpreter (on Windows `sys.executable` is qgis.exe; on macOS
   it may be the app bundle's binary) and checks that it is the same Python version;
2. writes a constraints file pinning the numpy and scipy QGIS has loaded, so pip never
   replaces them and picks onnxruntime / scikit-learn versions that work with them;
3. asks pip what it would install in QGIS's environment (`--dry-run --report`; pip >= 22.2),
   then installs exactly that, without numpy and scipy, with `--target` into a temporary
   folder next to the destination (PEP 668 "externally managed" Pythons allow --target);
   an older pip installs with `--target` directly and numpy/scipy are pruned afterwards;
4. imports every package from the temporary folder in a fresh interpreter and checks
   numpy is still QGIS's own;
5. only then moves the folder into place (a rename on the same disk).  On any failure the
   temporary folder is removed: the destination is either the old complete install, the
   new complete install, or absent.
"""
import importlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FOLDER_NAME = "geoinverse-packages"
# Packages QGIS brings and that must never be replaced (GDAL's bindings are built
# against QGIS's numpy; scipy is built against that numpy too).
PROTECTED = ("numpy", "scipy")
# pip's minimum for `install --dry-run --report`.
REPORT_PIP = (22, 2)


class InstallError(RuntimeError):
    """The install could not be done; the message says why and what to do."""


class InstallCancelled(InstallError):
    """The user stopped the install; nothing was left behind."""


# -- where ---------------------------------------------------------------------------
def python_tag(version_info=None):
    """'cp311' for CPython 3.11: compiled wheels only work with the Python they match."""
    v = version_info or sys.version_info
    return f"cp{v[0]}{v[1]}"


def packages_dir(profile_dir, version_info=None):
    """<QGIS profile>/python/geoinverse-packages/<python tag>."""
    return Path(profile_dir) / "python" / FOLDER_NAME / python_tag(version_info)


def activate(folder, path=None):
    """Put an installed packages folder first on sys.path (if it exists).

    First, so that a package we installed because QGIS's copy was too old wins; numpy and
    scipy are never in the folder, so QGIS's own stay in use.  Returns True if the
    folder is on the path."""
    path = sys.path if path is None else path
    folder = str(folder)
    if not os.path.isdir(folder):
        return False
    if folder not in path:
        path.insert(0, folder)
        importlib.invalidate_caches()
    return True


# -- which interpreter -----------------------------------------------------------------
def _looks_like_python(name):
    name = name.lower()
    return re.fullmatch(r"python(3(\.\d+)?)?(\.exe)?", name) is not None


def interpreter_candidates(executable, base_executable, prefix, exec_prefix, platform,
                           version_info=None):
    """Paths where QGIS's Python interpreter may be, most likely first.

    Windows (OSGeo4W, standalone installer): sys.executable is qgis-bin.exe; python.exe is
    next to it, in sys.prefix (e.g. apps/Python39) or sys._base_executable.
    macOS (QGIS.app): Contents/MacOS/bin/python3 next to the QGIS binary, or the bundled
    framework's bin/python3.  Linux: sys.executable is usually python3 itself."""
    import ntpath
    import posixpath
    osp = ntpath if platform.startswith("win") else posixpath
    v = version_info or sys.version_info
    ver = f"{v[0]}.{v[1]}"
    out = []

    def add(p):
        if p and str(p) not in out:
            out.append(str(p))

    for exe in (executable, base_executable):
        if exe and _looks_like_python(osp.basename(exe)):
            add(exe)
    exe_dir = osp.dirname(executable) if executable else None
    if osp is ntpath:
        dirs = [exe_dir, prefix, exec_prefix,
                osp.dirname(base_executable) if base_executable else None]
        names = ("python.exe", "python3.exe")
    else:  # macOS bundle: Contents/MacOS/QGIS next to Contents/MacOS/bin/python3
        dirs = [osp.join(exe_dir, "bin") if exe_dir else None, exe_dir,
                osp.join(prefix, "bin") if prefix else None,
                osp.join(exec_prefix, "bin") if exec_prefix else None]
        names = (f"python{ver}", "python3", "python")
    for d in dirs:
        if d:
            for name in names:
                add(osp.join(d, name))
    return out


def _probe(python, env=None):
    """((major, minor, micro), sys.prefix, standard library folder) of an interpreter, or
    None if it does not run."""
    try:
        proc = subprocess.run(
            [python, "-c", "import os, sys; print('%d.%d.%d' % sys.version_info[:3]); "
             "print(sys.prefix); print(os.path.dirname(os.__file__))"],
            capture_output=True, text=True, timeout=60, env=env, **_no_window())
    except (OSError, subprocess.SubprocessError):
        return None
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or len(lines) != 3 or not re.fullmatch(r"[\d.]+", lines[0]):
        return None
    return tuple(int(x) for x in lines[0].split(".")), lines[1], lines[2]


def _same_folder(a, b):
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def _stdlib():
    return os.path.dirname(os.__file__)


def find_interpreter(executable=None, base_executable=None, prefix=None, exec_prefix=None,
                     platform=None, version_info=None, exists=os.path.isfile, probe=_probe,
                     stdlib=None):
    """QGIS's own Python: the first candidate that exists and is this very Python (same
    version and sys.prefix: a pyenv shim or another python3 on PATH is not)."""
    executable = sys.executable if executable is None else executable
    base_executable = (getattr(sys, "_base_executable", None) if base_executable is None
                       else base_executable)
    prefix = sys.prefix if prefix is None else prefix
    exec_prefix = sys.exec_prefix if exec_prefix is None else exec_prefix
    platform = sys.platform if platform is None else platform
    stdlib = _stdlib() if stdlib is None else stdlib
    v = tuple(version_info or sys.version_info)[:3]
    shown = ".".join(str(x) for x in v)
    tried = []
    for path in interpreter_candidates(executable, base_executable, prefix, exec_prefix,
                                       platform, v):
        if not exists(path):
            continue
        got = probe(path)
        # The same Python: same version, and the same prefix or standard library (a
        # bundle's bin/python3 may report the framework's prefix).
        if got is not None and got[0] == v and (_same_folder(got[1], prefix)
                                                or _same_folder(got[2], stdlib)):
            return path
        tried.append(f"{path} (" + (f"Python {'.'.join(str(x) for x in got[0])} in {got[1]}"
                                    if got else "did not run") + ")")
    raise InstallError(
        f"QGIS's own Python {shown} interpreter (in {prefix}) was not found (QGIS runs as "
        f"{executable}; looked next to it and in {prefix}"
        + (f"; tried {', '.join(tried)}" if tried else "") + "). Install the packages "
        "by hand with that Python (see docs/install.md).")


# -- what --------------------------------------------------------------------------------
def loaded_versions(names=PROTECTED):
    """{name: version} of the protected packages as this Python imports them."""
    out = {}
    for name in names:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        out[name] = module.__version__
    return out


def constraints_text(versions):
    """A pip constraints file pinning each package at the version QGIS uses."""
    return "".join(f"{name}=={version}\n" for name, version in sorted(versions.items()))


def pip_base(python):
    return [python, "-m", "pip", "--disable-pip-version-check", "--no-input"]


def source_options(find_links=None, no_index=False):
    """Where pip looks: the registry, plus a wheelhouse folder; only it with no_index."""
    out = []
    if no_index:
        out.append("--no-index")
    for link in ([find_links] if isinstance(find_links, (str, os.PathLike)) else
                 (find_links or [])):
        out += ["--find-links", str(link)]
    return out


def resolve_command(python, requirements, constraints, report, find_links=None,
                    no_index=False):
    """pip's dry run in QGIS's environment: what it would add, as a JSON report."""
    return (pip_base(python) + ["install", "--dry-run", "--report", str(report),
                                "--constraint", str(constraints)]
            + source_options(find_links, no_index) + list(requirements))


def install_command(python, target, requirements, constraints, find_links=None,
                    no_index=False, no_deps=True):
    """pip install --target: a plain folder, whatever the Python's install scheme is.

    --target never consults PEP 668's EXTERNALLY-MANAGED (Debian, Ubuntu, Homebrew) and
    needs no administrator rights.  --no-compile: byte-compiling all of scikit-learn took
    two thirds of the install time here; Python compiles what it imports, once."""
    cmd = pip_base(python) + ["install", "--target", str(target), "--no-warn-script-location",
                              "--no-compile", "--progress-bar", "off",
                              "--constraint", str(constraints)]
    if no_deps:
        cmd.append("--no-deps")
    return cmd + source_options(find_links, no_index) + list(requirements)


def report_pins(report, protected=PROTECTED):
    """'name==version' of each distribution in a pip install report, protected ones out."""
    pins = []
    for item in report.get("install", []):
        meta = item.get("metadata", {})
        name, version = meta.get("name"), meta.get("version")
        if name and version and _canonical(name) not in {_canonical(p) for p in protected}:
            pins.append(f"{name}=={version}")
    return pins


def _canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def prune(folder, protected=PROTECTED):
    """Remove protected packages (and their .dist-info, vendored .libs) from a folder."""
    names = {_canonical(p) for p in protected}
    removed = []
    for entry in Path(folder).iterdir():
        stem = entry.name.split("-")[0] if entry.name.endswith((".dist-info", ".egg-info")) \
            else entry.name
        stem = stem[:-len(".libs")] if stem.endswith(".libs") else stem
        if _canonical(stem) in names:
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
            removed.append(entry.name)
    return removed


def pip_hint(platform=None):
    """How to get pip for QGIS's Python where it has none."""
    platform = platform or sys.platform
    if platform.startswith("linux"):
        return ("On Debian/Ubuntu: sudo apt install python3-pip; on Fedora: sudo dnf install "
                "python3-pip; then run the installer again.")
    if platform.startswith("win"):
        return ("Run the OSGeo4W Setup and add the package python3-pip, or reinstall QGIS "
                "with the standalone installer, which ships pip.")
    return "Run: <QGIS's python3> -m ensurepip --user, then run the installer again."


# -- running pip ---------------------------------------------------------------------------
def _no_window():
    """No console window flashing up on Windows for each subprocess."""
    if sys.platform.startswith("win"):
        return {"creationflags": getattr(subprocess, "CREATE_NO_WINDOW", 0)}
    return {}


def run_streamed(cmd, log, cancelled=None, env=None, label=None, show=None, on_line=None):
    """Run a command, passing each output line to `log` (those `show` accepts, if given)
    and its count to `on_line`; (return code, output lines)."""
    log("$ " + (label or " ".join(str(c) for c in cmd)))
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            errors="replace", env=env, **_no_window())
    lines = []
    try:
        for line in proc.stdout:
            line = line.rstrip()
            if line:
                lines.append(line)
                if show is None or show(line):
                    log(line)
                if on_line is not None:
                    on_line(len(lines))
            if cancelled is not None and cancelled():
                proc.kill()
                proc.wait()
                raise InstallCancelled("Cancelled; nothing was installed.")
        return proc.wait(), lines
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()


def pip_version(python, env=None):
    """pip's (major, minor) in that interpreter, or None when it has no pip."""
    try:
        proc = subprocess.run(pip_base(python) + ["--version"], capture_output=True,
                              text=True, timeout=120, env=env, **_no_window())
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.match(r"pip (\d+)\.(\d+)", proc.stdout)
    return (int(match[1]), int(match[2])) if proc.returncode == 0 and match else None


VERIFY = """
import importlib, json, sys
sys.path.insert(0, sys.argv[1])
out = {}
for name in sys.argv[2:]:
    module = importlib.import_module(name)
    out[name] = [getattr(module, "__version__", "?"), getattr(module, "__file__", "")]
print("GEOINVERSE-VERIFY " + json.dumps(out))
"""


def verify(python, folder, modules, protected_versions, log, env=None):
    """Import the protected packages and then every new module from `folder` in a fresh
    interpreter; the protected ones must still be QGIS's own (not in the folder)."""
    names = list(protected_versions) + [m for m in modules if m not in protected_versions]
    code, lines = run_streamed([python, "-c", VERIFY, str(folder)] + names, log, env=env,
                               label=f"{python} (import check) " + " ".join(names),
                               show=lambda line: not line.startswith("GEOINVERSE-VERIFY "))
    found = [json.loads(line.split(" ", 1)[1]) for line in lines
             if line.startswith("GEOINVERSE-VERIFY ")]
    if code != 0 or not found:
        tail = "\n".join(lines[-8:])
        raise InstallError(f"The installed packages do not import in QGIS's Python:\n{tail}")
    result = found[0]
    folder = os.path.realpath(folder)
    for name, version in protected_versions.items():
        got, path = result[name]
        if got != version or os.path.realpath(path).startswith(folder + os.sep):
            raise InstallError(f"The install would replace QGIS's {name} {version} "
                               f"(found {got} at {path}); nothing was installed.")
    log("Import check passed: " + ", ".join(
        f"{name} {got}" + (" (QGIS's own, unchanged)" if name in protected_versions else "")
        for name, (got, _) in result.items()))
    return result


# -- the whole install ------------------------------------------------------------------
def _remove(path):
    if path and os.path.lexists(path):
        shutil.rmtree(path, ignore_errors=True) if os.path.isdir(path) else os.unlink(path)


def _make_parents(folder):
    """Create the folders above `folder`; return the ones created (deepest first)."""
    created = []
    parent = Path(folder).parent
    while not parent.exists():
        created.append(parent)
        parent = parent.parent
    Path(folder).parent.mkdir(parents=True, exist_ok=True)
    return created


def move_into_place(staging, target):
    """Replace `target` by `staging` (same disk): the old install is removed only once
    the new one is in place, and restored if the move fails."""
    target = Path(target)
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}-{int(time.time())}")
        os.replace(target, old)
    try:
        os.replace(staging, target)
    except OSError:
        if old is not None:
            os.replace(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def install(target, requirements, modules, python=None, find_links=None, no_index=False,
            protected_versions=None, log=print, progress=None, cancelled=None, env=None):
    """Install pip `requirements` (providing the importable `modules`) into `target`.

    Returns {"installed": [pins], "folder": target, "python": interpreter}.  Raises
    InstallError (nothing left behind, an existing install untouched) on any failure."""
    progress = progress or (lambda fraction: None)
    target = Path(target)
    if python is None:
        python = find_interpreter()
    log(f"QGIS's Python: {python}")
    protected_versions = (loaded_versions() if protected_versions is None
                          else protected_versions)
    version = pip_version(python, env)
    if version is None:
        raise InstallError(f"QGIS's Python ({python}) has no pip module, so packages "
                           f"cannot be installed. {pip_hint()}")
    log(f"pip {version[0]}.{version[1]}; keeping "
        + ", ".join(f"{k} {v}" for k, v in protected_versions.items()))
    progress(0.05)
    try:
        created = _make_parents(target)
    except OSError as error:
        raise InstallError(f"The folder {target.parent} cannot be created ({error}).") \
            from error
    staging = work = None
    try:
        staging = tempfile.mkdtemp(prefix=f".{target.name}.installing-", dir=target.parent)
        work = tempfile.mkdtemp(prefix="geoinverse-pip-")
        constraints = Path(work) / "constraints.txt"
        constraints.write_text(constraints_text(protected_versions), encoding="utf-8")
        if version >= REPORT_PIP:
            report = Path(work) / "report.json"
            code, lines = run_streamed(resolve_command(python, requirements, constraints,
                                                       report, find_links, no_index),
                                       log, cancelled, env)
            if code != 0:
                raise InstallError(_failure("pip could not choose the packages to install",
                                            lines))
            pins = report_pins(json.loads(report.read_text(encoding="utf-8")))
            progress(0.3)
            if not pins:
                log("pip finds everything already installed in QGIS's Python.")
            no_deps = True
        else:
            pins, no_deps = list(requirements), False
        if pins:
            # pip prints a few lines per package: the bar creeps on with them.
            code, lines = run_streamed(install_command(python, staging, pins, constraints,
                                                       find_links, no_index, no_deps),
                                       log, cancelled, env, on_line=lambda n: progress(
                                           0.3 + 0.5 * (1 - 0.9 ** n)))
            if code != 0:
                raise InstallError(_failure("pip failed", lines))
            pruned = prune(staging)
            if pruned:
                log("Left out (QGIS's own are kept): " + ", ".join(pruned))
        progress(0.8)
        verify(python, staging, modules, protected_versions, log, env)
        progress(0.9)
        try:
            move_into_place(staging, target)
        except OSError as error:
            raise InstallError(
                f"The previous install in {target} could not be replaced ({error}); its "
                "files are probably in use. Quit QGIS, delete that folder and run the "
                "installer again; nothing was changed.") from error
        staging = None
        log(f"Installed into {target}")
        progress(1.0)
        return {"installed": pins, "folder": str(target), "python": python}
    except BaseException:
        _remove(staging)
        for folder in created:  # folders made for this install only, deepest first
            try:
                folder.rmdir()
            except OSError:
                break
        raise
    finally:
        _remove(work)


def _failure(what, lines):
    """pip's error lines, with what they mean for the user."""
    errors = [line for line in lines if line.startswith("ERROR")] or lines[-6:]
    text = "\n".join(lines)
    hint = ""
    if re.search(r"ResolutionImpossible|conflicting dependencies|"
                 r"The user requested \(constraint\)", text):
        hint = ("\nThe versions available do not work with QGIS's own numpy/scipy, which "
                "are kept as they are.")
    elif re.search(r"from versions: none|No matching distribution|Could not fetch URL|"
                   r"NewConnectionError|Network is unreachable|name resolution", text):
        hint = ("\npip found no such package: no network (or a proxy pip is not told about), "
                "or the package is not in the wheelhouse. Offline: download the wheels on a "
                "connected computer and give their folder as the wheelhouse, with 'only the "
                "wheelhouse' ticked (docs/install.md).")
    return f"{what}; nothing was installed:\n" + "\n".join(errors) + hint
