"""What GeoInverse's algorithms need, what is missing, and installing it (QGIS side).

The pure steps are in packages.py; this adds where QGIS keeps the profile, which packages
the registered algorithms declare, and the bookkeeping after an install.  classFactory()
calls `activate()` before anything can import onnxruntime or scikit-learn.
"""
import importlib
import sys
from pathlib import Path

from ..algorithms.errors import PIP_NAMES, missing
from . import packages

ROOT = Path(__file__).resolve().parent.parent


def packages_folder():
    """<profile>/python/geoinverse-packages/<python tag> of the running QGIS."""
    from qgis.core import QgsApplication
    return packages.packages_dir(QgsApplication.qgisSettingsDirPath())


def activate():
    """Put the plugin-local packages folder on sys.path if it exists."""
    return packages.activate(packages_folder())


def needed_by():
    """{optional module: [the algorithm classes that declare it]}, in a stable order."""
    from .processing import ALGORITHMS
    out = {}
    for algorithm in ALGORITHMS:
        for module in tuple(algorithm.requirements) + tuple(algorithm.option_requirements):
            out.setdefault(module, []).append(algorithm)
    return out


def declared_modules():
    """Every optional module any GeoInverse algorithm declares."""
    return list(needed_by())


def pip_specs():
    """{pip name: requirement line} from the shipped requirements.txt."""
    specs = {}
    path = ROOT / "requirements.txt"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#")[0].strip()
            if line:
                name = line.split(";")[0]
                for sep in "<>=!~[ ":
                    name = name.split(sep)[0]
                specs[packages._canonical(name)] = line
    return specs


def missing_modules(modules=None):
    """The declared modules QGIS's Python cannot import now."""
    out = []
    for module in declared_modules() if modules is None else modules:
        if missing([module]):
            out.append(module)
    return out


def plan(modules=None):
    """(modules, pip requirement lines) to install for the missing `modules`."""
    modules = missing_modules(modules)
    specs = pip_specs()
    requirements = []
    for module in modules:
        pip = PIP_NAMES.get(module.split(".")[0], module.split(".")[0])
        line = specs.get(packages._canonical(pip.split("[")[0]), pip)
        if line not in requirements:
            requirements.append(line)
    return modules, requirements


def install_missing(find_links=None, no_index=False, modules=None, log=print, progress=None,
                    cancelled=None):
    """Install what is missing into the profile's packages folder and make it importable.

    Returns packages.install()'s dict plus "modules" (what was missing) and "restart"
    (True when QGIS must be restarted before the algorithms see the packages)."""
    modules, requirements = plan(modules)
    folder = packages_folder()
    if not modules:
        log("Nothing is missing: every package GeoInverse's algorithms need imports.")
        return {"installed": [], "folder": str(folder), "modules": [], "restart": False,
                "python": None}
    log("Missing: " + ", ".join(modules) + "; installing " + ", ".join(requirements)
        + f" into {folder}")
    loaded_before = [m for m in modules if m.split(".")[0] in sys.modules]
    result = packages.install(folder, requirements, [m.split(".")[0] for m in modules],
                              find_links=find_links, no_index=no_index, log=log,
                              progress=progress, cancelled=cancelled)
    packages.activate(folder)
    importlib.invalidate_caches()
    still = missing_modules(modules)
    result.update(modules=modules, restart=bool(still or loaded_before))
    if result["restart"]:
        log("Restart QGIS so that the algorithms use the new packages.")
    else:
        log("The algorithms can use the new packages now; no restart is needed.")
    return result
