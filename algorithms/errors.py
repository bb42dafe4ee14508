"""Exceptions shared by every GeoInverse method.

`InputError` carries a message written for the person who chose the input: what is
wrong and how to fix it.  The Processing glue turns it into a QgsProcessingException;
scripts see it as a ValueError.
"""


class InputError(ValueError):
    """The input cannot be processed as given; the message says why and what to do."""


class Cancelled(RuntimeError):
    """The user asked to stop; whatever was being written has been removed."""


def check_choice(name, value, allowed):
    """Raise InputError unless `value` is one of `allowed`; return it otherwise."""
    if value not in allowed:
        listed = ", ".join(str(a) for a in allowed)
        raise InputError(f"{name} must be one of {listed} (got {value!r}).")
    return value


class MissingDependency(InputError):
    """An optional Python package a method needs is not installed."""


PIP_NAMES = {"sklearn": "scikit-learn", "onnxruntime": "onnxruntime",
             "matplotlib": "matplotlib", "distributed": "dask[distributed]",
             "dask": "dask[distributed]", "cloudpickle": "dask[distributed]"}
# Debian/Ubuntu packages that exist (apt-cache policy on bookworm); onnxruntime has none.
# scikit-learn is left out: bookworm's python3-sklearn 1.2 is older than requirements.txt.
DEBIAN_NAMES = {"matplotlib": "python3-matplotlib", "dask[distributed]": "python3-distributed"}
# What the plugin's installer installs (the packages its algorithms declare).
INSTALLABLE = ("onnxruntime", "scikit-learn", "matplotlib")
INSTALLER = ("Plugins > GeoInverse > Install missing packages\u2026 (or the Processing "
             "algorithm geoinverse:installdependencies)")


def missing_dependency_message(module, platform=None, translate=None):
    """What to tell a user whose Python cannot import `module`: the plugin's installer
    first, then the pip command for scripts outside QGIS (and apt where Debian has it).
    `translate` (the plugin's tr) translates the sentences; the commands stay as they are."""
    import sys
    tr = translate or (lambda text: text)
    top = module.split(".")[0]
    pip = PIP_NAMES.get(top, top)
    arg = f"'{pip}'" if "[" in pip else pip   # brackets: quoted for the shell
    text = tr("This method needs the Python package '{pip}', which QGIS's Python cannot "
              "import.").format(pip=pip) + " "
    if pip in INSTALLABLE:
        text += tr("In QGIS, install it with {installer}. Outside QGIS:").format(
            installer=tr(INSTALLER)) + " "
    else:
        text += tr("Install it with:") + " "
    text += f"python3 -m pip install {arg}"
    if (platform or sys.platform).startswith("linux") and pip in DEBIAN_NAMES:
        text += " " + tr("(on Debian/Ubuntu also: {command})").format(
            command=f"sudo apt install {DEBIAN_NAMES[pip]}")
    return text + "."


def require(module):
    """Import an optional heavy package lazily, or raise MissingDependency saying how."""
    import importlib
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise MissingDependency(missing_dependency_message(module)) from error


def missing(modules):
    """The first of `modules` that cannot be imported, or None (for canExecute)."""
    import importlib.util
    for module in modules:
        if importlib.util.find_spec(module.split(".")[0]) is None:
            return module
    return None
