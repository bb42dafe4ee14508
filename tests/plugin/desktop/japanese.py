"""Run by `qgis --code` in test_i18n_desktop.py with the profile's locale set to ja:
open the superresolve dialog as the toolbox does, record what it shows, screenshot, quit."""
import json
import os

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QLabel, QTextBrowser
from qgis.utils import active_plugins, iface

STATE = {}


def show():
    import processing
    iface.addRasterLayer(os.environ["GEOINVERSE_DESKTOP_GRID"], "azores_1m")
    dialog = processing.createAlgorithmDialog("geoinverse:superresolve")
    dialog.resize(1100, 720)
    dialog.show()
    STATE["dialog"] = dialog


def finish():
    dialog = STATE["dialog"]
    menu = next((a.menu() for a in iface.pluginMenu().actions()
                 if a.menu() is not None and "GeoInverse" in a.text()), None)
    result = {
        "active": "geoinverse" in active_plugins,
        "title": dialog.windowTitle(),
        "labels": sorted({w.text() for w in dialog.findChildren(QLabel) if w.text()}),
        "help": "\n".join(w.toPlainText() for w in dialog.findChildren(QTextBrowser)),
        "menu": [a.text() for a in menu.actions()] if menu else [],
        "qgis_locale": QgsApplication.instance().translation(),
    }
    dialog.grab().save(os.environ["GEOINVERSE_DESKTOP_SHOT"])
    with open(os.environ["GEOINVERSE_DESKTOP_RESULT"], "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False)
    dialog.close()
    QgsApplication.exit(0)


def guarded(step):
    """A failure is written as the result (a Python error dialog would wait forever)."""
    def run():
        try:
            step()
        except Exception:
            import traceback
            with open(os.environ["GEOINVERSE_DESKTOP_RESULT"], "w", encoding="utf-8") as f:
                json.dump({"error": traceback.format_exc()}, f)
            QgsApplication.exit(1)
    return run


QTimer.singleShot(1000, guarded(show))
QTimer.singleShot(5000, guarded(finish))
