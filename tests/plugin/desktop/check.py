"""Run by `qgis --code` in test_desktop.py: inspect the live desktop, screenshot, quit."""
import json
import os

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QTimer
from qgis.utils import active_plugins, iface, plugins


def show():
    iface.addRasterLayer(os.environ["GEOINVERSE_DESKTOP_GRID"], "azores_1m")
    toolbox = plugins["processing"].toolbox
    toolbox.setVisible(True)
    toolbox.searchBox.setText("GeoInverse")


def finish():
    provider = QgsApplication.processingRegistry().providerById("geoinverse")
    result = {"active": "geoinverse" in active_plugins, "provider": provider is not None,
              "algorithms": sorted(a.id() for a in provider.algorithms()) if provider else []}
    iface.mainWindow().grab().save(os.environ["GEOINVERSE_DESKTOP_SHOT"])
    with open(os.environ["GEOINVERSE_DESKTOP_RESULT"], "w", encoding="utf-8") as f:
        json.dump(result, f)
    QgsApplication.exit(0)


QTimer.singleShot(1000, show)
QTimer.singleShot(4000, finish)
