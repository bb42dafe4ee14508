"""Installed as QGIS's user startup.py by test_desktop.py: records every log message.

QGIS runs this before it loads plugins, so a Python error while GeoInverse loads is
recorded too.
"""
import json
import os

from qgis.core import QgsApplication

_LOG = os.environ["GEOINVERSE_DESKTOP_LOG"]


def _record(message, tag, level):
    with open(_LOG, "a", encoding="utf-8") as f:
        f.write(json.dumps({"tag": tag, "level": int(level), "message": message}) + "\n")


_record("message log hooked", "startup", 0)
QgsApplication.messageLog().messageReceived.connect(_record)
