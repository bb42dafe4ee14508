"""The object QGIS holds for the plugin: registers the Processing provider, nothing more.

qgis_process calls `classFactory(None)` and `initProcessing()` only, so nothing here may
touch `iface` outside `initGui` (DESIGN.md rule 5).
"""
from qgis.core import QgsApplication

from .provider import GeoInverseProvider


class GeoInversePlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None

    def initProcessing(self):  # noqa: N802 (QGIS's name)
        if self.provider is None:
            self.provider = GeoInverseProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)
            self.provider.attach_models()

    def initGui(self):  # noqa: N802
        self.initProcessing()

    def unload(self):
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
