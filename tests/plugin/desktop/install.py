"""Run by `qgis --code` in test_desktop.py's stock test: a new user's first session.

Install missing packages (the dialog, downloading from the package index), Load sample
data, super-resolve the sample grid with its result loaded into the project, screenshots,
and numpy's version and path before and after.  Writes GEOINVERSE_DESKTOP_RESULT, quits.
"""
import importlib.util
import json
import os
import sys
import time

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.utils import iface, plugins

RESULT = {}
SHOTS = os.environ["GEOINVERSE_DESKTOP_SHOTS"]


def numpy_state():
    import numpy
    return [numpy.__version__, numpy.__file__]


def save():
    with open(os.environ["GEOINVERSE_DESKTOP_RESULT"], "w", encoding="utf-8") as f:
        json.dump(RESULT, f, indent=1, default=str)


def start():
    RESULT["numpy_before"] = numpy_state()
    RESULT["executable"] = sys.executable
    RESULT["importable_before"] = {m: importlib.util.find_spec(m) is not None
                                   for m in ("onnxruntime", "sklearn")}
    alg = QgsApplication.processingRegistry().algorithmById("geoinverse:superresolve")
    RESULT["superresolve_before"] = list(alg.canExecute())
    gi = plugins["geoinverse"]
    menu = [a for a in iface.pluginMenu().actions() if "GeoInverse" in a.text()]
    RESULT["menu"] = [a.text() for a in menu[0].menu().actions()] if menu else []
    gi.install_action.trigger()   # what clicking the menu entry does
    dialog = gi.installer
    RESULT["summary"] = dialog.summary.text()
    started = time.monotonic()
    dialog.install_finished.connect(lambda: installed(dialog, started))
    dialog.start()


def installed(dialog, started):
    RESULT["install_seconds"] = time.monotonic() - started
    RESULT["install"] = dialog.finished_with
    RESULT["status"] = dialog.status.text()
    dialog.grab().save(os.path.join(SHOTS, "installer.png"))
    save()
    if dialog.finished_with[0] != "ok":
        QgsApplication.exit(0)
        return
    dialog.close()
    plugins["geoinverse"].sample_action.trigger()
    layer = iface.activeLayer()
    RESULT["sample"] = [layer.name(), layer.source()] if layer else None
    import processing
    alg = QgsApplication.processingRegistry().algorithmById("geoinverse:superresolve")
    RESULT["superresolve_after"] = list(alg.canExecute())
    output = os.path.join(SHOTS, "azores_x2.tif")
    processing.runAndLoadResults("geoinverse:superresolve",
                                 {"INPUT": layer.id(), "SCALE": 2,
                                  "MODEL": "fsrcnn_ens_x2", "OUTPUT": output})
    RESULT["layers"] = [[l.name(), l.source()] for l in QgsProject.instance().mapLayers().values()]
    RESULT["output"] = output
    QTimer.singleShot(3000, finish)   # let the canvas draw both layers


def finish():
    RESULT["numpy_after"] = numpy_state()
    RESULT["sys_path_head"] = sys.path[:3]
    iface.mainWindow().grab().save(os.path.join(SHOTS, "desktop.png"))
    save()
    QgsApplication.exit(0)


QTimer.singleShot(1000, start)
